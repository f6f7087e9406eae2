//! Group commit: changes that arrive together (a workshop room's votes) made durable in one
//! step instead of one synced write after another. Each respondent's changes of the batch go
//! in one journal append; the appends of different respondents (different files) are written
//! and fsynced side by side, so the file system commits them together; then every entry of
//! the batch goes into history.toml in one append. A change counts as saved exactly as with
//! `apply`: once its journal append returned, with its history entry written (or owed, as
//! `apply` owes it). The caller reports the batch only after this returns.

use std::collections::HashMap;
use std::path::PathBuf;

use super::super::error::{Result, WorkspaceError};
use super::super::journal;
use super::{Change, Store};

/// Journal appends run at most this many at a time (a room has up to 250 participants).
const SIDE_BY_SIDE: usize = 32;

/// One respondent's part of a batch: its journal, the bytes to append, the changes (indices).
struct Part {
    respondent: String,
    path: PathBuf,
    bytes: Vec<u8>,
    changes: Vec<usize>,
}

impl Store {
    /// Apply `changes` durably, in order, as one group: one result per change. A change that
    /// cannot be written (refused as `apply` refuses it, or its journal append failed) is an
    /// error and is not in memory, journal or history; the others are saved. Safe to call
    /// again with the failed ones.
    pub fn apply_all(&mut self, changes: &[&Change]) -> Vec<Result<()>> {
        let mut results: Vec<Result<()>> = Vec::with_capacity(changes.len());
        let mut entries = Vec::with_capacity(changes.len());
        for c in changes {
            match Self::checked_entry(c) {
                Ok(entry) => {
                    results.push(Ok(()));
                    entries.push(entry);
                }
                Err(e) => {
                    results.push(Err(e));
                    entries.push(String::new());
                }
            }
        }
        let parts = parts(self, changes, &entries, &results);
        if parts.is_empty() {
            return results;
        }
        if let Err(e) = self.ready_for(&parts) {
            return fail_all(results, &parts, &e);
        }
        let written = self.append_side_by_side(&parts);
        let mut logged = Vec::new();
        for (part, outcome) in parts.iter().zip(written) {
            match outcome {
                Ok(()) => logged.extend(part.changes.iter().copied()),
                Err(e) => {
                    let e = WorkspaceError::io(&part.path)(e);
                    for &i in &part.changes {
                        results[i] = Err(copy(&e));
                    }
                }
            }
        }
        // Durable from here on, in the batch's order: memory takes the changes, then history.
        logged.sort_unstable();
        for &i in &logged {
            self.journaled_change(changes[i]);
        }
        self.unlogged.extend(logged.iter().map(|&i| std::mem::take(&mut entries[i])));
        if let Err(e) = self.flush_history() {
            self.warnings.push(format!("saved, but their history entries are not written yet ({e}); they will be"));
        }
        for part in &parts {
            self.fold_unless_journaling(&part.respondent);
        }
        results
    }

    /// The answers folder exists, and no journal would grow past what can be read again
    /// (then every journal is folded first, as `apply` does).
    fn ready_for(&mut self, parts: &[Part]) -> Result<()> {
        self.ensure_answers_dir()?;
        let too_long = parts.iter().any(|p| {
            let len = std::fs::symlink_metadata(&p.path).map_or(0, |m| m.len());
            len > 0 && len + p.bytes.len() as u64 > self.rotate_at
        });
        if too_long { self.compact() } else { Ok(()) }
    }

    /// Every part's journal append (write and fsync), several at once: one file system
    /// commit can then carry many of them. One result per part, in order.
    fn append_side_by_side(&self, parts: &[Part]) -> Vec<std::io::Result<()>> {
        if let [one] = parts {
            return vec![self.writer.append(&one.path, &one.bytes)];
        }
        let writer = self.writer.as_ref();
        let mut out = Vec::with_capacity(parts.len());
        for wave in parts.chunks(SIDE_BY_SIDE) {
            std::thread::scope(|s| {
                let running: Vec<_> = wave.iter().map(|p| s.spawn(move || writer.append(&p.path, &p.bytes))).collect();
                for r in running {
                    out.push(r.join().unwrap_or_else(|_| Err(std::io::Error::other("the journal write panicked"))));
                }
            });
        }
        out
    }
}

/// The batch's writable changes grouped by respondent, in order of first appearance; within
/// a respondent, in the batch's order (their journal replays them in that order).
fn parts(store: &Store, changes: &[&Change], entries: &[String], ok: &[Result<()>]) -> Vec<Part> {
    let mut parts: Vec<Part> = Vec::new();
    let mut at: HashMap<&str, usize> = HashMap::new();
    for (i, c) in changes.iter().enumerate() {
        if ok[i].is_err() {
            continue;
        }
        let id = c.respondent.id.as_str();
        let k = *at.entry(id).or_insert_with(|| {
            let path = journal::path(&store.dir, id);
            parts.push(Part { respondent: id.to_owned(), path, bytes: Vec::new(), changes: Vec::new() });
            parts.len() - 1
        });
        parts[k].bytes.extend_from_slice(entries[i].as_bytes());
        parts[k].changes.push(i);
    }
    parts
}

/// A failure before anything was written: every change of the batch gets it.
fn fail_all(mut results: Vec<Result<()>>, parts: &[Part], e: &WorkspaceError) -> Vec<Result<()>> {
    for &i in parts.iter().flat_map(|p| &p.changes) {
        results[i] = Err(copy(e));
    }
    results
}

/// The same error for another change of the batch (the error type holds an `io::Error`,
/// which cannot be cloned; its kind and message are kept).
fn copy(e: &WorkspaceError) -> WorkspaceError {
    match e {
        WorkspaceError::Io { path, error } => {
            WorkspaceError::Io { path: path.clone(), error: std::io::Error::new(error.kind(), error.to_string()) }
        }
        other => WorkspaceError::Invalid(other.to_string()),
    }
}
