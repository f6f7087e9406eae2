//! Files replaced together with their history entries, both or neither: an operation rolls a
//! failure back now and a crash on the next open (unless one, a merge, is already under way).
//! One file (`consensus.toml`, `workspace.toml`, an answers file's header) or several (a
//! workshop's new participants, added as a group: `respondent_change::add_participants`).

use super::super::error::{Result, WorkspaceError};
use super::super::{history_parts, op};
use super::Store;

impl Store {
    /// Replace one file (relative to the workspace) and append its history entry.
    pub(in super::super) fn write_logged(&mut self, file: &str, text: &str, entry: &str, kind: &str) -> Result<()> {
        self.write_all_logged(&[(file.to_owned(), text.to_owned())], &[entry.to_owned()], kind)
    }

    /// Replace every `(file, text)` and append `entries` in one history append, all or none.
    pub(in super::super) fn write_all_logged(
        &mut self,
        files: &[(String, String)],
        entries: &[String],
        kind: &str,
    ) -> Result<()> {
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
}
