//! Files replaced together with their history entries, both or neither: an operation rolls a
//! failure back now and a crash on the next open (unless one, a merge, is already under way).
//! One file (`consensus.toml`, `workspace.toml`, an answers file's header) or several: a
//! workshop's new participants are added as a group, so a room joining at once costs one
//! operation and one history append instead of one of each per phone.

use aira_core::assessment::Respondent;

use super::super::error::{Result, WorkspaceError};
use super::super::respondent_change::{KIND, header_table};
use super::super::{answers, history, history_parts, meta_change, op};
use super::Store;

impl Store {
    /// Replace one file (relative to the workspace) and append its history entry.
    pub(in super::super) fn write_logged(&mut self, file: &str, text: &str, entry: &str, kind: &str) -> Result<()> {
        self.write_all_logged(&[(file.to_owned(), text.to_owned())], &[entry.to_owned()], kind)
    }

    /// Replace every `(file, text)` and append `entries` in one history append, all or none.
    fn write_all_logged(&mut self, files: &[(String, String)], entries: &[String], kind: &str) -> Result<()> {
        for e in entries {
            // Refused before anything is written: an entry history cannot take blocks every later one.
            history_parts::check_entry(e)?;
        }
        let op = match op::in_progress(&self.dir) {
            true => None,
            false => {
                let existing = files.iter().filter(|(f, _)| self.dir.join(f).is_file()).map(|(f, _)| f.clone());
                let creates: Vec<&str> = files.iter().map(|(f, _)| f.as_str()).collect();
                Some(op::begin_with(&self.dir, self.writer(), kind, existing.collect(), Some(&creates))?)
            }
        };
        let mut written = Ok(());
        for (file, text) in files {
            let path = self.dir.join(file);
            written = self.writer.replace(&path, text.as_bytes()).map_err(WorkspaceError::io(&path));
            if written.is_err() {
                break;
            }
        }
        let written = written.and_then(|()| {
            self.unlogged.extend(entries.iter().cloned());
            self.flush_history()
        });
        if let Err(e) = written {
            self.unlogged.retain(|u| !entries.contains(u));
            if op.is_some() {
                drop(op);
                // If this fails too, `.aira-op.toml` stays and the next open rolls back.
                let _ = op::recover(&self.dir, &*self.writer, &mut Vec::new());
            }
            return Err(e);
        }
        if let Some(op) = op {
            op.finish()?;
        }
        Ok(())
    }

    /// Participants new to the workspace (a workshop's first votes, each at its time), added together:
    /// each one's answers file and `respondent` entry, by and as them (as `aira respondent
    /// add` records an add; not as whoever the facilitator answers for, whose undo must not
    /// reach it), all or none.
    pub fn add_participants(&mut self, new: &[(&Respondent, &str)]) -> Result<()> {
        let (mut files, mut entries) = (Vec::new(), Vec::new());
        for &(r, at) in new {
            if !aira_core::assessment::is_valid_respondent_id(&r.id) {
                return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", r.id)));
            }
            super::super::strings::check_respondent(r)?;
            let mut doc = self.parsed(r)?.clone();
            answers::set_respondent(&mut doc, r);
            files.push((format!("answers/{}.toml", r.id), doc.to_string()));
            let e = history::Entry {
                at,
                by: &r.name,
                respondent: &r.id,
                question: "",
                kind: KIND,
                reverts: None,
                old: None,
                new: None,
            };
            entries.push(history::render_tables_as(&e, &r.id, None, &[], meta_change::inline(&header_table(r))));
        }
        if files.is_empty() {
            return Ok(());
        }
        self.ensure_answers_dir()?;
        self.write_all_logged(&files, &entries, KIND)?;
        for (r, _) in new {
            answers::set_respondent(self.parsed(r)?, r);
        }
        Ok(())
    }
}
