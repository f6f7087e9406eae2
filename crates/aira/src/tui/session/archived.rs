//! Who is answering when no one is: a workspace can have every respondent archived. The
//! wizard then names no one (never a placeholder, issue 16) and asks who answers before any
//! key records anything. Archived respondents are known here only by their headers, so that a
//! name typed for a new respondent that is an archived one is refused with how to restore
//! them: adding them again would show their kept answers as empty and record edits over them
//! with the wrong `old`.

use std::sync::LazyLock;

use aira_core::assessment::{Respondent, respondent_id};

use super::Session;

/// What `current_respondent` lends while no one answers: no id, no name, no answers. Nothing
/// is ever recorded as it: `update` asks who answers before any capture, and the session's
/// edits find no respondent to change.
static NO_ONE: LazyLock<Respondent> = LazyLock::new(Respondent::default);

impl Session {
    /// The archived respondents' headers (id, name, role), as `workspace::open` kept them
    /// apart from the assessment.
    pub fn set_archived(&mut self, archived: Vec<Respondent>) {
        self.archived = archived.iter().map(Respondent::clone_header).collect();
    }

    pub fn archived(&self) -> &[Respondent] {
        &self.archived
    }

    /// Someone is answering: the assessment has at least one active respondent.
    pub fn has_respondent(&self) -> bool {
        !self.assessment.respondents.is_empty()
    }

    /// The archived respondent a typed name means, found as `aira respondent` finds one: by
    /// id, by display name (any case), or by the id the name makes.
    pub fn archived_named(&self, name: &str) -> Option<&Respondent> {
        let key = name.trim();
        let list = &self.archived;
        list.iter()
            .find(|r| r.id == key)
            .or_else(|| list.iter().find(|r| r.name.trim().eq_ignore_ascii_case(key)))
            .or_else(|| list.iter().find(|r| r.id == respondent_id(key)))
    }

    pub(super) fn no_one() -> &'static Respondent {
        &NO_ONE
    }
}
