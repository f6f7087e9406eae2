//! Changes staged inside an operation (`aira merge`): kept in memory and in the queue of
//! history entries owed, then made durable together by `compact` — one history append (as
//! many entries as one append may hold), then one atomic write per answers file that changed.
//! No journal: the operation is what makes them safe. A failure or kill before it finishes
//! rolls every file and the history back (`op`), so a staged change is never half there, and
//! the history is always written before the answers it records (`compact`'s order).

use super::super::error::{Result, WorkspaceError};
use super::super::{history_parts, op};
use super::{Change, Store};

impl Store {
    /// Stage `c` (checked as `apply` checks it): in memory now, on disk at the next `compact`.
    /// Only inside an operation, which rolls it back if it never gets there.
    pub fn stage(&mut self, c: &Change) -> Result<()> {
        self.in_operation()?;
        let entry = Self::checked_entry(c)?;
        self.journaled_change(c);
        self.unlogged.push(entry);
        Ok(())
    }

    /// Stage respondent `r.id`'s new header (name, role, archived; answers untouched): their
    /// answers file is written with it at the next `compact`. The history entry that made the
    /// change is the caller's to stage (a merge copies the other copy's own).
    pub fn stage_header(&mut self, r: &aira_core::assessment::Respondent) -> Result<()> {
        self.in_operation()?;
        super::super::strings::check_respondent(r)?;
        let doc = self.parsed(r)?;
        super::super::answers::set_respondent(doc, r);
        self.journaled.insert(r.id.clone());
        Ok(())
    }

    /// Stage a history entry by itself (a merge recording the side it did not keep), written
    /// with the next append; refused now if history could never take it.
    pub fn stage_record(&mut self, entry: &str) -> Result<()> {
        self.in_operation()?;
        history_parts::check_entry(entry)?;
        self.unlogged.push(entry.to_owned());
        Ok(())
    }

    /// Where the staging of an operation starts (history entries owed before it stay owed).
    pub fn staged_mark(&self) -> usize {
        self.unlogged.len()
    }

    /// The operation failed and its files were rolled back: forget what it staged, so a later
    /// write of this store cannot write it after all. Respondents still with a journal on disk
    /// keep theirs (it was saved before the operation).
    pub fn discard_staged(&mut self, mark: usize) {
        self.unlogged.truncate(mark);
        let dir = self.dir.clone();
        self.journaled.retain(|id| std::fs::symlink_metadata(super::super::journal::path(&dir, id)).is_ok());
    }

    /// Staging outside an operation could lose a change a crash caught before `compact`.
    fn in_operation(&self) -> Result<()> {
        if op::in_progress(&self.dir) {
            Ok(())
        } else {
            Err(WorkspaceError::Invalid("a change can be staged only inside an operation (merge)".into()))
        }
    }
}
