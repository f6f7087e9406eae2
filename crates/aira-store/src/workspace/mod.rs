//! The workspace room (I/O): a folder of plain TOML files holding one assessment.
//!
//! ```text
//! workspace.toml        metadata, pinned questionnaire id/version/sha256, targets
//! questionnaire.toml    the pinned copy of the questionnaire
//! answers/<id>.toml     one file per respondent (clones capturing different people merge cleanly)
//! consensus.toml        levels agreed after discussion (optional)
//! targets.toml          the engagement's target per question (optional; see `targets`)
//! history.toml          append-only log of every change
//! ```
//! Opening for writing takes the lock and repairs a torn history tail; opening read-only
//! touches nothing. Files that do not parse are reported with file:line:col and never rewritten.

pub mod answers;
pub mod atomic;
pub mod consensus;
pub mod doctor;
pub mod entry_id;
mod error;
pub mod evidence;
pub mod fault;
pub mod git_merged;
mod git_targets;
pub mod history;
pub mod history_parts;
pub mod journal;
mod load;
pub mod lock;
pub mod markers;
pub mod merge;
pub mod merge_base;
mod merge_headers;
pub mod merge_targets;
pub mod meta;
pub mod meta_change;
pub mod op;
pub mod output;
pub mod paths;
pub mod regular;
mod repair;
pub mod respondent_change;
pub mod soa_change;
pub mod stamp;
mod store;
mod strings;
pub mod targets;
pub mod three_way;
pub mod torn;
mod undo;
pub mod undo_describe;
pub mod undo_rule;
pub mod upgrade;
mod versioned;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

pub use aira_core::engagement::Engagement;
pub use answers::{parse as parse_answers, render as render_answers};
pub use error::{Result, WorkspaceError};
pub use store::{Change, Doc, Store};
pub use undo::{Reverted, history_len, redo_as, undo, undo_as};

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
    /// The engagement targets with who set them when (`assessment.targets` holds the levels).
    pub targets: targets::Targets,
    /// Respondents removed with `aira respondent remove` (answers kept, left out of
    /// `assessment`); `aira respondent restore` brings one back.
    pub archived: Vec<Respondent>,
    pub store: Option<Store>,
    /// Things the user should know about on open (repairs, orphans, read-only reason).
    pub notices: Vec<String>,
    /// Set when another process holds the lock: we opened read-only for that reason.
    pub held_by: Option<lock::Holder>,
    /// Entries in history.toml at open: numbers the changes this session appends (for undo).
    pub history_len: usize,
}

/// Whether a notice tells of something opening recovered (torn entries, a rolled-back
/// operation): the CLI prints these on stderr, the wizard shows every notice.
pub fn is_recovery_notice(n: &str) -> bool {
    n.starts_with("repaired ")
        || n.starts_with("skipped ")
        || n.starts_with("an interrupted ")
        || n.starts_with("resolved git's conflict markers")
}

pub fn now_rfc3339() -> String {
    crate::clock::rfc3339(crate::clock::now())
}

pub fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A folder is a workspace when it has an entry named workspace.toml, whatever that entry is: a
/// FIFO or link there is then refused by name when read, rather than passed off as "no workspace".
pub fn is_workspace(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(meta::FILE)).is_ok()
}

/// Create a new workspace in `dir`, which must be neither a workspace nor hold a
/// questionnaire.toml other than this one (see [`create_forced`]). `first` is the first
/// respondent, the one answering when it opens: the store never invents one.
pub fn create(dir: &Path, questionnaire_text: &str, names: (&str, &str), first: &Respondent) -> Result<()> {
    create_forced(dir, questionnaire_text, names, false, first).map(|_| ())
}

/// [`create`]; with `force`, an existing workspace.toml and questionnaire.toml are replaced,
/// each kept beside as `<file>.replaced-<unix time>` (the names are returned), and everything
/// else (answers, consensus.toml, history.toml) is kept as it is. The first respondent's
/// answers file is written (name and role, no answers) and workspace.toml names it.
pub fn create_forced(
    dir: &Path,
    questionnaire_text: &str,
    (name, organisation): (&str, &str),
    force: bool,
    first: &Respondent,
) -> Result<Vec<String>> {
    if !aira_core::assessment::is_valid_respondent_id(&first.id) {
        return Err(WorkspaceError::Invalid(format!("invalid respondent id `{}`", first.id)));
    }
    strings::check_respondent(first)?;
    let q = questionnaire::parse(QUESTIONNAIRE_FILE, questionnaire_text)?;
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    let mpath = dir.join(meta::FILE);
    let other_questionnaire = qpath.exists() && read(&qpath)? != questionnaire_text;
    if !force && is_workspace(dir) {
        return Err(WorkspaceError::Invalid(format!(
            "{} is already an aira workspace; `aira init --force` replaces its workspace.toml and questionnaire.toml \
             (keeping copies) and keeps its answers and history",
            dir.display()
        )));
    }
    if !force && other_questionnaire {
        return Err(WorkspaceError::Invalid(format!(
            "{} already exists and init would replace it: to start a workspace with it, run `aira init {} \
             --questionnaire {}`; to replace it (a copy is kept), add --force",
            qpath.display(),
            dir.display(),
            qpath.display()
        )));
    }
    let mut kept = Vec::new();
    for (path, replaced) in [(&mpath, is_workspace(dir)), (&qpath, other_questionnaire)] {
        if replaced {
            kept.push(keep_copy(path)?);
        }
    }
    create_private_dir(&dir.join("answers")).map_err(WorkspaceError::io(dir))?;
    let pinned = meta::Pinned { id: q.id.clone(), version: q.version.clone(), sha256: sha256_hex(questionnaire_text) };
    write_atomic(&qpath, questionnaire_text.as_bytes()).map_err(WorkspaceError::io(&qpath))?;
    // Git-friendliness: the lock is never committed, and history.toml, which every clone only
    // appends to, merges by union (git's built-in driver) instead of conflicting.
    for (name, text) in [
        (".gitignore", ".aira.lock\n.*.tmp-*\nanswers/*.journal\n.aira-op*\n"),
        (".gitattributes", "history.toml merge=union\nhistory/*.toml merge=union\n"),
    ] {
        let path = dir.join(name);
        if !path.exists() {
            write_atomic(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
        }
    }
    let path = dir.join("answers").join(format!("{}.toml", first.id));
    if !path.exists() {
        let text = answers::new_document(first).to_string();
        write_atomic(&path, text.as_bytes()).map_err(WorkspaceError::io(&path))?;
    }
    // workspace.toml last: its presence is what makes the folder a workspace.
    let text = meta::render_for(name, organisation, &now_rfc3339(), &pinned, &first.id);
    write_atomic(&mpath, text.as_bytes()).map_err(WorkspaceError::io(&mpath))?;
    Ok(kept)
}

/// Copy a file about to be replaced to `<name>.replaced-<unix time>[-n]`; the copy's name.
fn keep_copy(path: &Path) -> Result<String> {
    let text = read(path)?;
    let stem = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let secs = crate::clock::now().as_second();
    for n in 0..1000 {
        let name = if n == 0 { format!("{stem}.replaced-{secs}") } else { format!("{stem}.replaced-{secs}-{n}") };
        let copy = path.with_file_name(&name);
        if !copy.exists() {
            write_atomic(&copy, text.as_bytes()).map_err(WorkspaceError::io(&copy))?;
            return Ok(name);
        }
    }
    Err(WorkspaceError::Invalid(format!("too many copies of {} kept already", path.display())))
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
/// no baseline is set. The path is returned relative to `dir` (an absolute one would put
/// another folder's location, often another client's, into a report), for messages.
pub fn open_baseline(dir: &Path, meta: &Engagement) -> Option<(String, Result<Workspace>)> {
    let written = meta.baseline.clone()?;
    let path = dir.join(&written);
    let shown = relative_to(dir, &path).unwrap_or(written);
    Some((shown, open(&path, Access::ReadOnly)))
}

/// `path` as seen from `dir` (`../acme-2025`), both resolved first; `None` if either is gone.
pub(crate) fn relative_to(dir: &Path, path: &Path) -> Option<String> {
    let (from, to) = (dir.canonicalize().ok()?, path.canonicalize().ok()?);
    let common = from.components().zip(to.components()).take_while(|(a, b)| a == b).count();
    let mut rel = PathBuf::new();
    for _ in from.components().skip(common) {
        rel.push("..");
    }
    rel.extend(to.components().skip(common));
    Some(if rel.as_os_str().is_empty() { ".".to_owned() } else { rel.display().to_string() })
}

/// What a report says of its baseline after its path: whose assessment it is, and a note when
/// that is another organisation's (its scores are in the report).
pub fn baseline_about(ours: &Engagement, base: &Engagement) -> String {
    let whose = match (base.name.trim(), base.organisation.trim()) {
        ("", "") => String::new(),
        (name, "") => format!(" (\u{201c}{name}\u{201d})"),
        ("", org) => format!(" ({org})"),
        (name, org) => format!(" (\u{201c}{name}\u{201d}, {org})"),
    };
    let other = !base.organisation.trim().is_empty() && base.organisation.trim() != ours.organisation.trim();
    let note = if other {
        format!(
            "; note: the baseline is an assessment of {}, not of {}",
            base.organisation.trim(),
            if ours.organisation.trim().is_empty() {
                "this workspace's organisation"
            } else {
                ours.organisation.trim()
            }
        )
    } else {
        String::new()
    };
    format!("{whose}{note}")
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
    if lock.is_some() {
        // Before anything is read: an operation a crash interrupted is rolled back, and the
        // temp files of saves a crash cut short are removed.
        op::recover(dir, &*writer, &mut notices)?;
        op::clean_temp_files(dir, &*writer);
    }
    let mpath = dir.join(meta::FILE);
    let mtext = read(&mpath)?;
    let (meta, meta_doc) = meta::parse(&mpath, &mtext)?;
    let load::Loaded {
        questionnaire,
        sha256: qsha,
        order,
        respondents,
        docs,
        journaled,
        journal_entries,
        torn,
        resolved_entries,
        resolved_notices,
    } = load::load(dir)?;
    let saved = if lock.is_some() { "" } else { " (not saved: open it for writing to save the resolution)" };
    notices.extend(resolved_notices.into_iter().map(|n| format!("{n}{saved}")));
    for (id, lines) in &torn {
        let kept = match &lock {
            Some(_) => repair::backup(&*writer, &journal::path(dir, id))
                .map(|b| format!("; the journal is kept as answers/{b}"))
                .map_err(WorkspaceError::io(dir))?,
            None => String::new(),
        };
        notices.push(format!(
            "skipped {lines}: an entry cut short by a crash or a full disk (it was never reported saved){kept}"
        ));
    }
    if qsha != meta.questionnaire.sha256 {
        notices.push(format!("{QUESTIONNAIRE_FILE} was edited since the workspace pinned it (sha256 differs)"));
    }
    let consensus = load_consensus(dir, &questionnaire)?;
    // Archived respondents are kept apart: nothing that reads `assessment` (scores, reports,
    // the heatmap, the wizard's lists) sees them; `aira respondent list|restore` does.
    let (archived, respondents): (Vec<Respondent>, Vec<Respondent>) = respondents.into_iter().partition(|r| r.archived);
    let mut assessment = Assessment { respondents, ..Default::default() };
    for (qid, (value, decision)) in &consensus.0 {
        assessment.agreed.insert(qid.clone(), *value);
        assessment.agreed_meta.insert(qid.clone(), decision.clone());
    }
    // No respondent is made up for a `default_respondent` that has no answers file (issue 16:
    // never a placeholder): whoever answers is someone added on purpose. With no active one,
    // the wizard asks who answers and the CLI refuses to guess.
    let (targets_file, targets_merged) =
        load_targets(dir, &questionnaire, &meta, assessment.respondents.iter().chain(&archived), &order)?;
    if let Some((_, notice)) = &targets_merged {
        notices.push(format!("{notice}{saved}"));
    }
    assessment.targets = targets::levels(&targets_file.targets);
    let engagement_targets = targets_file.targets.clone();
    let orphans = assessment.orphans_by(|id| order.contains_key(id));
    if !orphans.is_empty() {
        notices.push(format!(
            "{} answer(s) refer to questions the pinned questionnaire lacks; they are kept (see `aira doctor`)",
            orphans.len()
        ));
    }
    // A history broken in its middle (a hand edit) is never appended to: the wizard opens
    // read-only saying why on every edit; a CLI writer is refused (file:line:col).
    let mut lock = lock;
    let mut owed = Vec::new();
    if lock.is_some() {
        match repair::repair_history(dir, &*writer, &mut notices) {
            Err(e @ WorkspaceError::Parse { .. }) if access == Access::WriteOrReadOnly => {
                notices.push(format!("Read-only: {e}"));
                lock = None;
            }
            other => other?,
        }
    }
    if lock.is_some() {
        owed = repair::owed_history(dir, &journal_entries, &mut notices)?;
    }
    let scale = questionnaire.scale.clone();
    let mut store = lock.map(|l| {
        Store::new(dir.to_owned(), Arc::clone(&writer), (docs, scale, journaled), meta_doc, order, consensus, l)
    });
    // A journal left by a crash is folded in by the next writer, after writing the history
    // entries it holds that history.toml lacks (a crash between the two appends).
    if let Some(s) = store.as_mut() {
        s.init_targets(targets_file);
        // A git merge's targets.toml resolved on open is saved by a writer, with its entries.
        if let Some((entries, _)) = &targets_merged {
            let text = s.targets_doc_text();
            s.write_logged(targets::FILE, &text, entries, "merge")?;
        }
        s.add_unlogged(owed);
        s.add_unlogged(resolved_entries);
        // Nothing is lost if this fails (a full disk): the journal stays, durable, and every
        // reader replays it; the next save or open tries again.
        if let Err(e) = s.compact() {
            notices.push(format!("not yet folded into the answers files (tried again later): {e}"));
        }
    }
    let history_len = history_len(dir)?;
    Ok(Workspace {
        dir: dir.to_owned(),
        meta,
        questionnaire,
        assessment,
        targets: engagement_targets,
        archived,
        store,
        notices,
        held_by,
        history_len,
    })
}

/// consensus.toml, or nothing agreed yet when it does not exist.
fn load_consensus(dir: &Path, q: &Questionnaire) -> Result<(consensus::Agreed, toml_edit::DocumentMut)> {
    let path = dir.join(consensus::FILE);
    if !path.exists() {
        return Ok((consensus::Agreed::new(), consensus::new_document()));
    }
    consensus::parse(&path, &read(&path)?, &q.scale)
}

/// targets.toml, or in its absence the targets the workspace set before it existed
/// (respondents' and `[targets.questions]`, by `scoring::migrated_targets`), not yet written.
fn load_targets<'a>(
    dir: &Path,
    q: &Questionnaire,
    meta: &Engagement,
    respondents: impl IntoIterator<Item = &'a Respondent>,
    order: &std::collections::HashMap<String, usize>,
) -> Result<(store::TargetsFile, Option<(String, String)>)> {
    let path = dir.join(targets::FILE);
    if path.exists() {
        let text = read(&path)?;
        if git_merged::has_markers(&text) {
            let r = git_targets::resolve(dir, &path, &text, &q.scale, order)?;
            let file = store::TargetsFile { targets: r.targets, doc: r.doc, on_disk: true };
            return Ok((file, Some((r.entries, r.notice))));
        }
        let (targets, doc) = targets::parse(&path, &text, &q.scale)?;
        return Ok((store::TargetsFile { targets, doc, on_disk: true }, None));
    }
    let migrated = aira_core::scoring::migrated_targets(respondents, &meta.targets.questions);
    let targets = migrated
        .into_iter()
        .filter(|(_, l)| q.scale.contains(*l))
        .map(|(id, level)| {
            (id, targets::Target { level, set_by: targets::MIGRATED_BY.to_owned(), set_at: String::new() })
        })
        .collect();
    Ok((store::TargetsFile { targets, doc: targets::new_document(), on_disk: false }, None))
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

#[cfg(test)]
mod crash_tests;

#[cfg(test)]
mod meta_tests;

#[cfg(test)]
mod undo_tests;

#[cfg(test)]
mod undo_kinds_tests;

#[cfg(test)]
mod markers_tests;

#[cfg(test)]
mod targets_tests;

#[cfg(test)]
mod merge_run_tests;
#[cfg(test)]
mod merge_writes_tests;
