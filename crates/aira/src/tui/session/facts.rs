//! Engagement facts changed from the wizard's form: put into the session's engagement at once
//! (the reports' cover reads it), written by the save worker through the store's `set_facts`,
//! the call `aira engagement set` makes.

use super::Session;
use aira_core::engagement::FactsEdit;

impl Session {
    /// Apply a checked edit; the facts that changed (none: nothing to save). Its history
    /// entry is `aira undo`'s to revert; counted, so later entries' numbers stay right.
    pub fn set_facts(&mut self, edit: &FactsEdit) -> Vec<&'static str> {
        if self.read_only.is_some() {
            return Vec::new();
        }
        let changed = edit.apply_to(&mut self.meta);
        if !changed.is_empty() {
            self.counted_elsewhere();
            self.save.pending += 1;
        }
        changed
    }
}
