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

    /// Respondent `id`, active or archived.
    pub(super) fn header(&self, id: &str) -> Option<&Respondent> {
        let active = self.assessment.respondents.iter().find(|r| r.id == id);
        active.or_else(|| self.archived.iter().find(|r| r.id == id))
    }

    /// Give respondent `h.id` the header `h` (an undo or redo of an add or rename): renamed in
    /// place, or moved between the active and the archived (answers kept with them, so a
    /// redo brings them back). Whoever was answering still is, unless it was them, archived.
    pub(super) fn put_header(&mut self, h: &Respondent) {
        let answering = self.current_respondent().id.clone();
        aira_store::workspace::respondent_change::move_header(&mut self.assessment.respondents, &mut self.archived, h);
        if let Some(i) = self.assessment.respondents.iter().position(|r| r.id == answering) {
            self.respondent = i;
        }
        self.rescore();
    }
}

/// Whether two headers say the same (what the answers file's `[respondent]` table holds).
pub(super) fn same_header(a: &Respondent, b: &Respondent) -> bool {
    use aira_store::workspace::respondent_change::header_table;
    a.id == b.id && header_table(a) == header_table(b)
}

/// How undo names a respondent change: `add of respondent Bo Chen`, `rename from Bo to Bo
/// Chen (risk)`.
pub(super) fn describe(old: &Respondent, new: &Respondent) -> String {
    let label = |r: &Respondent| if r.role.is_empty() { r.name.clone() } else { format!("{} ({})", r.name, r.role) };
    match (old.archived, new.archived) {
        (true, false) => format!("add of respondent {}", label(new)),
        (false, true) => format!("removal of respondent {}", label(old)),
        _ => format!("rename from {} to {}", label(old), label(new)),
    }
}
