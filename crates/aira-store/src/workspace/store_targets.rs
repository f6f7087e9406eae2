//! The store's engagement targets (targets.toml): set or clear one question's target durably,
//! with its history entry (kind `target`), both or neither. A workspace whose targets were
//! migrated on open (no targets.toml yet) gets the migrated ones written with the first
//! change, each recorded as a `target` entry made by aira as no one, so nothing enters the
//! file without a history entry and no one's undo reverts a migration.

use toml_edit::DocumentMut;

use super::super::targets::{self, Target, Targets};
use super::super::{Result, history};
use super::Store;

/// What the store holds of targets.toml.
#[derive(Default)]
pub(in crate::workspace) struct TargetsFile {
    pub targets: Targets,
    pub doc: DocumentMut,
    /// Whether targets.toml exists: if not, `targets` are the migrated ones, not yet written.
    pub on_disk: bool,
}

impl Store {
    /// Take what opening read of targets.toml (or migrated in its absence).
    pub(in crate::workspace) fn init_targets(&mut self, file: TargetsFile) {
        self.targets = file;
    }

    /// targets.toml's text as the store holds it (a resolution on open, to save).
    pub(in crate::workspace) fn targets_doc_text(&self) -> String {
        self.targets.doc.to_string()
    }

    /// The engagement targets as this store last wrote them (or migrated them on open).
    pub fn targets(&self) -> &Targets {
        &self.targets.targets
    }

    /// Set (`Some(level)`) or clear one question's engagement target, as `by` at `at`.
    pub fn set_target(&mut self, question_id: &str, level: Option<u8>, by: &str, at: &str) -> Result<()> {
        let new = level.map(|level| Target { level, set_by: by.to_owned(), set_at: at.to_owned() });
        self.put_target_entry(question_id, new, (by, at), targets::KIND, None)
    }

    /// `set_target` with the whole target given, recording `kind` (`target`, or `undo`/`redo`
    /// of entry `reverts`).
    pub fn put_target_entry(
        &mut self,
        question_id: &str,
        new: Option<Target>,
        (by, at): (&str, &str),
        kind: &str,
        reverts: Option<usize>,
    ) -> Result<()> {
        let mut doc = self.targets.doc.clone();
        let mut entries = String::new();
        if !self.targets.on_disk {
            for (qid, t) in &self.targets.targets {
                targets::set(&mut doc, qid, Some(t), self.position(qid));
                let e = history::Entry {
                    at,
                    by: targets::MIGRATED_BY,
                    respondent: "",
                    question: qid,
                    kind: targets::KIND,
                    reverts: None,
                    old: None,
                    new: None,
                };
                entries.push_str(&history::render_tables_as(&e, "", None, &[], targets::inline(t)));
            }
        }
        targets::set(&mut doc, question_id, new.as_ref(), self.position(question_id));
        let e = history::Entry { at, by, respondent: "", question: question_id, kind, reverts, old: None, new: None };
        let old = self.targets.targets.get(question_id).map(targets::inline);
        let new_table = new.as_ref().map(targets::inline).unwrap_or_default();
        entries.push_str(&history::render_tables_as(&e, &self.answering, old, &[], new_table));
        self.write_logged(targets::FILE, &doc.to_string(), &entries, kind)?;
        self.targets.doc = doc;
        self.targets.on_disk = true;
        match new {
            Some(n) => self.targets.targets.insert(question_id.to_owned(), n),
            None => self.targets.targets.remove(question_id),
        };
        Ok(())
    }
}
