//! The workspace room (I/O): a folder of plain TOML files holding one assessment.
//!
//! ```text
//! workspace.toml        metadata, pinned questionnaire id/version/sha256, targets
//! questionnaire.toml    the pinned copy of the questionnaire
//! answers/<id>.toml     one file per respondent (clones capturing different people merge cleanly)
//! consensus.toml        levels agreed after discussion (optional)
//! history.toml          append-only log of every change
//! ```
//! Opening for writing takes the lock and repairs a torn history tail; opening read-only
//! touches nothing. Files that do not parse are reported with file:line:col and never rewritten.

pub mod answers;
pub mod atomic;
pub mod consensus;
pub mod doctor;
mod error;
pub mod history;
pub mod history_parts;
pub mod journal;
mod load;
pub mod lock;
pub mod merge;
pub mod meta;
pub mod output;
pub mod paths;
pub mod regular;
mod store;
mod undo;
pub mod upgrade;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use aira_core::engagement::Engagement;
pub use answers::{parse as parse_answers, render as render_answers};
pub use error::{Result, WorkspaceError};
pub use store::{Change, Doc, Store};
pub use undo::{history_len, undo};

use aira_core::assessment::{Assessment, Respondent};
use aira_core::questionnaire::{self, Questionnaire};
use atomic::{create_private_dir, read_limited, write_atomic};

pub const QUESTIONNAIRE_FILE: &str = "questionnaire.toml";
/// Largest workspace file read (answers files of a 100,000-question bank stay well below).
pub const MAX_FILE_BYTES: u64 = questionnaire::MAX_FILE_BYTES as u64;

/// An opened workspace: what it holds, and the store to change it (None when read-only).
pub struct Workspace {
    pub dir: PathBuf,
    pub meta: Engagement,
    pub questionnaire: Questionnaire,
    pub assessment: Assessment,
    pub store: Option<Store>,
    /// Things the user should know about on open (repairs, orphans, read-only reason).
    pub notices: Vec<String>,
    /// Set when another process holds the lock: we opened read-only for that reason.
    pub held_by: Option<lock::Holder>,
    /// Entries in history.toml at open: numbers the changes this session appends (for undo).
    pub history_len: usize,
}

pub fn now_rfc3339() -> String {
    jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A folder is a workspace when it has an entry named workspace.toml, whatever that entry is: a
/// FIFO or link there is then refused by name when read, rather than passed off as "no workspace".
pub fn is_workspace(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(meta::FILE)).is_ok()
}

/// Create a new workspace in `dir` (which must not already be one).
pub fn create(dir: &Path, questionnaire_text: &str, name: &str, organisation: &str) -> Result<()> {
    if is_workspace(dir) {
        return Err(WorkspaceError::Invalid(format!("{} is already an aira workspace", dir.display())));
    }
    let q = questionnaire::parse(QUESTIONNAIRE_FILE, questionnaire_text)?;
    create_private_dir(&dir.join("answers")).map_err(WorkspaceError::io(dir))?;
    let pinned = meta::Pinned { id: q.id.clone(), version: q.version.clone(), sha256: sha256_hex(questionnaire_text) };
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    write_atomic(&qpath, questionnaire_text.as_bytes()).map_err(WorkspaceError::io(&qpath))?;
    // Git-friendliness: the lock is never committed, and history.toml, which every clone only
    // appends to, merges by union (git's built-in driver) instead of conflicting.
    for (name, text) in [
        (".gitignore", ".aira.lock\n.*.tmp-*\nanswers/*.journal\n"),
        (".gitattributes", "history.toml merge=union\nhistory/*.toml merge=union\n"),
    ] {
        let path = dir.join(name);
        if !path.exists() {
            write_atomic(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        }
    }
    // workspace.toml last: its presence is what makes the folder a workspace.
    let mpath = dir.join(meta::FILE);
    let text = meta::render_new(name, organisation, &now_rfc3339(), &pinned);
    write_atomic(&mpath, text.as_bytes()).map_err(WorkspaceError::io(&mpath))
}

fn read(path: &Path) -> Result<String> {
    read_limited(path, MAX_FILE_BYTES).map_err(WorkspaceError::io(path))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// No lock, no repairs: for score, report, diff.
    ReadOnly,
    /// Take the lock; if another aira holds it, fall back to read-only with a notice.
    WriteOrReadOnly,
    /// Take the lock or fail (CLI writers like `aira answer`).
    Write,
}

/// The workspace that `baseline` in workspace.toml names (relative to `dir`), opened
/// read-only: the one loader behind the report's trend and the TUI's trend view. `None` when
/// no baseline is set; the path is returned as written, for messages.
pub fn open_baseline(dir: &Path, meta: &Engagement) -> Option<(String, Result<Workspace>)> {
    let rel = meta.baseline.clone()?;
    let opened = open(&dir.join(&rel), Access::ReadOnly);
    Some((rel, opened))
}

pub fn open(dir: &Path, access: Access) -> Result<Workspace> {
    open_with(dir, access, Arc::new(atomic::Disk))
}

pub fn open_with(dir: &Path, access: Access, writer: Arc<dyn atomic::Writer>) -> Result<Workspace> {
    if !is_workspace(dir) {
        return Err(WorkspaceError::NotAWorkspace { path: dir.to_owned() });
    }
    let mut notices = Vec::new();
    let mut held_by = None;
    let lock = match access {
        Access::ReadOnly => None,
        _ => match lock::acquire(dir).map_err(WorkspaceError::io(&dir.join(lock::LOCK_FILE)))? {
            lock::Acquired::Locked(l) => {
                if let Some(prev) = &l.took_over {
                    notices.push(format!("took over a stale lock left by {prev}"));
                }
                Some(l)
            }
            lock::Acquired::HeldBy(holder) if access == Access::WriteOrReadOnly => {
                notices.push(format!("Read-only: this workspace is open in another aira ({holder})"));
                held_by = Some(holder);
                None
            }
            lock::Acquired::HeldBy(holder) => return Err(WorkspaceError::Locked { path: dir.to_owned(), holder }),
        },
    };
    let mpath = dir.join(meta::FILE);
    let mtext = read(&mpath)?;
    let (meta, meta_doc) = meta::parse(&mpath, &mtext)?;
    let load::Loaded { questionnaire, sha256: qsha, order, respondents, docs, journaled } = load::load(dir)?;
    if qsha != meta.questionnaire.sha256 {
        notices.push(format!("{QUESTIONNAIRE_FILE} was edited since the workspace pinned it (sha256 differs)"));
    }
    let consensus = load_consensus(dir, &questionnaire)?;
    let mut assessment = Assessment { respondents, ..Default::default() };
    for (qid, (value, decision)) in &consensus.0 {
        assessment.agreed.insert(qid.clone(), *value);
        assessment.agreed_meta.insert(qid.clone(), decision.clone());
    }
    if assessment.respondent(&meta.default_respondent).is_none() {
        assessment.respondents.insert(0, Respondent::new(&meta.default_respondent, &meta.default_respondent));
    }
    let orphans = assessment.orphans_by(|id| order.contains_key(id));
    if !orphans.is_empty() {
        notices.push(format!(
            "{} answer(s) refer to questions the pinned questionnaire lacks; they are kept (see `aira doctor`)",
            orphans.len()
        ));
    }
    let mut lock = lock;
    if lock.is_some() {
        match repair_history(dir, &mut notices) {
            // The wizard still opens, read-only, saying why; a CLI writer is refused.
            Err(e @ WorkspaceError::Parse { .. }) if access == Access::WriteOrReadOnly => {
                notices.push(format!("Read-only: {e}"));
                lock = None;
            }
            other => other?,
        }
    }
    let scale = questionnaire.scale.clone();
    let mut store =
        lock.map(|l| Store::new(dir.to_owned(), writer, (docs, scale, journaled), meta_doc, order, consensus, l));
    // A journal left by a crash is folded in by the next writer.
    if let Some(s) = store.as_mut() {
        s.compact()?;
    }
    let history_len = history_len(dir)?;
    Ok(Workspace { dir: dir.to_owned(), meta, questionnaire, assessment, store, notices, held_by, history_len })
}

/// consensus.toml, or nothing agreed yet when it does not exist.
fn load_consensus(dir: &Path, q: &Questionnaire) -> Result<(consensus::Agreed, toml_edit::DocumentMut)> {
    let path = dir.join(consensus::FILE);
    if !path.exists() {
        return Ok((consensus::Agreed::new(), consensus::new_document()));
    }
    consensus::parse(&path, &read(&path)?, &q.scale)
}

/// Cut a torn last history entry, keeping a copy of the original beside it; then make sure the
/// rest parses. A history broken in its middle (a hand edit) is never appended to: entries
/// added after the broken line could not be read back until it is mended. The error names
/// file:line:col.
fn repair_history(dir: &Path, notices: &mut Vec<String>) -> Result<()> {
    let path = dir.join(history::FILE);
    if !path.exists() {
        return Ok(());
    }
    let text = read(&path)?;
    let keep = history::torn_tail(&text).unwrap_or(text.len());
    if keep < text.len() {
        let backup = dir.join(format!("{}.torn-{}", history::FILE, jiff::Timestamp::now().as_second()));
        write_atomic(&backup, text.as_bytes()).map_err(WorkspaceError::io(&backup))?;
        write_atomic(&path, &text.as_bytes()[..keep]).map_err(WorkspaceError::io(&path))?;
        notices.push(format!(
            "repaired {}: its last entry was cut short (original kept as {})",
            history::FILE,
            backup.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
        ));
    }
    match history::parse(&path, &text[..keep]) {
        Err(WorkspaceError::Parse { path, line, col, message }) => Err(WorkspaceError::Parse {
            path,
            line,
            col,
            message: format!(
                "{} (history.toml no longer parses here: mend this line, or move the file aside, before saving \
                 changes; nothing was written)",
                message.replace('\n', " ")
            ),
        }),
        other => other.map(|_| ()),
    }
}

/// All history entries, the rotated parts' first (read-only).
pub fn read_history(dir: &Path) -> Result<Vec<history::Change>> {
    history_parts::read_all(dir)
}

#[cfg(test)]
mod history_tests;
#[cfg(test)]
mod hostile_tests;
#[cfg(test)]
mod tests;
