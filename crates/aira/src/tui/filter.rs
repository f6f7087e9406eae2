//! Which questions the walk and the navigator show: a plain value in the state, read by the
//! navigator's queries and changed by `update::navigate`.

/// Which questions the walk and the navigator show. All off = every question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub unanswered: bool,
    pub flagged: bool,
    /// Only questions whose `roles` include the current respondent's role.
    pub role: bool,
    /// Only the `quick` profile.
    pub quick: bool,
}

impl Filter {
    pub fn is_all(&self) -> bool {
        *self == Filter::default()
    }

    /// A short label for the status bar and the navigator title.
    pub fn label(&self, role: &str) -> String {
        let mut parts = Vec::new();
        if self.quick {
            parts.push("quick profile".to_owned());
        }
        if self.role {
            parts.push(format!("role {role}"));
        }
        if self.unanswered {
            parts.push("unanswered".to_owned());
        }
        if self.flagged {
            parts.push("flagged".to_owned());
        }
        if parts.is_empty() { "all questions".to_owned() } else { parts.join(" · ") }
    }
}
