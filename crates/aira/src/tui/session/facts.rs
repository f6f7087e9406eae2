//! Engagement facts changed from the wizard's form: put into the session's engagement at once
//! (the reports' cover reads it), written by the save worker through the store's `set_facts`,
//! the call `aira engagement set` makes, and on the undo list as the respondent answering.

use super::Session;
use super::facts_snapshot::Facts;
use super::undo::Subject;
use aira_core::engagement::FactsEdit;

impl Session {
    /// Apply a checked edit; the facts that changed (none: nothing to save). Put on the undo
    /// list as a change of the respondent answering, numbered as its history entry.
    pub fn set_facts(&mut self, edit: &FactsEdit) -> Vec<&'static str> {
        if self.read_only.is_some() {
            return Vec::new();
        }
        let old = Facts::of(&self.meta);
        let changed = edit.apply_to(&mut self.meta);
        if !changed.is_empty() {
            let who = self.current_respondent().id.clone();
            self.done(
                aira_store::workspace::meta_change::ENGAGEMENT,
                who,
                None,
                Subject::Facts { old, new: Facts::of(&self.meta) },
            );
            self.save.pending += 1;
        }
        changed
    }
}
