//! Reading a workspace's questionnaire and answers files, side by side.
//!
//! At 10,000 questions these are 9 MB and 3 MB of TOML (and one more 3 MB file per interview)
//! that stand between `aira` and its first frame. While the calling thread reads and parses the
//! questionnaire (itself in pieces on two threads), a helper parses every answers file (two at a
//! time), hashes the questionnaire for the pin check, and only then waits for the
//! questionnaire's scale to check the answers' levels against it.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::error::{Result, WorkspaceError};
use super::{Doc, QUESTIONNAIRE_FILE, answers, git_merged, journal, read, sha256_hex};
use aira_core::assessment::{Respondent, is_valid_respondent_id};
use aira_core::questionnaire::{self, Questionnaire, Scale};

/// The questionnaire with its text's SHA-256 and its question ids' positions, and every
/// respondent with its answers file's text.
pub(super) struct Loaded {
    pub questionnaire: Questionnaire,
    pub sha256: String,
    pub order: HashMap<String, usize>,
    pub respondents: Vec<Respondent>,
    pub docs: HashMap<String, Doc>,
    pub journaled: HashSet<String>,
    /// Each leftover journal's whole entries (to write any the history lacks).
    pub journal_entries: Vec<(String, Vec<String>)>,
    /// Respondents whose journal had entries cut short, with where (`file:line, …`).
    pub torn: Vec<(String, String)>,
    /// Answers files a `git merge` left with conflict markers, resolved (`git_merged`): the
    /// history entries a writer appends, and what to tell.
    pub resolved_entries: Vec<String>,
    pub resolved_notices: Vec<String>,
}

pub(super) fn load(dir: &Path) -> Result<Loaded> {
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    // What the helper needs from this thread, published once known (`None`: it never will be).
    let text_cell: OnceLock<Option<String>> = OnceLock::new();
    let scale_cell: OnceLock<Option<Scale>> = OnceLock::new();
    let (read_error, parsed, helped) = std::thread::scope(|s| {
        let (text_cell, scale_cell) = (&text_cell, &scale_cell);
        let helper = s.spawn(move || {
            // The answers are parsed first (they need nothing from the questionnaire), then the
            // questionnaire is hashed, and only then do the answers wait for its scale.
            let sha = OnceLock::new();
            let hash = || sha.get_or_init(|| text_cell.wait().as_deref().map(sha256_hex)).clone();
            let scale = || {
                hash();
                scale_cell.wait().clone()
            };
            let answers = read_answers(dir, &scale);
            (hash(), answers)
        });
        // Whatever happens below (an error, a panic), the helper is never left waiting.
        let _text = Publish(text_cell);
        let _scale = Publish(scale_cell);
        let (text, read_error) = match read(&qpath) {
            Ok(text) => (Some(text), None),
            Err(e) => (None, Some(e)),
        };
        let _ = text_cell.set(text);
        let parsed =
            text_cell.get().and_then(Option::as_deref).map(|t| questionnaire::parse(&qpath.display().to_string(), t));
        let _ = scale_cell.set(match &parsed {
            Some(Ok(q)) => Some(q.scale.clone()),
            _ => None,
        });
        let helped = helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (read_error, parsed, helped)
    });
    if let Some(e) = read_error {
        return Err(e);
    }
    // The questionnaire's own error comes first: answers cannot be checked without it.
    let questionnaire = parsed.ok_or_else(|| WorkspaceError::Invalid("the questionnaire was not read".into()))??;
    let (sha256, answers) = helped;
    let sha256 = sha256.unwrap_or_default();
    let order: HashMap<String, usize> =
        questionnaire.questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
    let mut loaded = Loaded {
        questionnaire,
        sha256,
        order,
        respondents: Vec::new(),
        docs: HashMap::new(),
        journaled: HashSet::new(),
        journal_entries: Vec::new(),
        torn: Vec::new(),
        resolved_entries: Vec::new(),
        resolved_notices: Vec::new(),
    };
    let answers = answers?;
    let orphans = orphan_journals(dir, &answers);
    for (r, text) in answers {
        answers_push(&mut loaded, dir, r, Some(text))?;
    }
    // A journal whose answers file was never written (a new respondent's first change, cut
    // off before it was folded in) is replayed over an empty respondent.
    for id in orphans {
        answers_push(&mut loaded, dir, Respondent::new(&id, &id), None)?;
    }
    Ok(loaded)
}

/// One respondent, with a journal left by a wizard that did not get to fold it in replayed
/// over its file (`None`: no file yet).
fn answers_push(loaded: &mut Loaded, dir: &Path, mut r: Respondent, text: Option<String>) -> Result<()> {
    let mut doc = match text {
        Some(text) if git_merged::has_markers(&text) => {
            let path = dir.join("answers").join(format!("{}.toml", r.id));
            let scale = &loaded.questionnaire.scale;
            let resolved = git_merged::resolve(dir, &path, &r.id, &text, scale, &loaded.order)?;
            r = resolved.respondent;
            // Written by the next writer, as a journal is folded in.
            loaded.journaled.insert(r.id.clone());
            loaded.resolved_entries.extend(resolved.entries);
            loaded.resolved_notices.push(resolved.notice);
            Doc::Parsed(resolved.doc)
        }
        Some(text) => Doc::text(text),
        None => Doc::Parsed(answers::new_document(&r)),
    };
    if let Some(read) = journal::read(dir, &r.id)? {
        journal::replay(&mut r, &read.changes);
        for (qid, new) in &read.changes {
            doc.set(qid, new.as_ref(), loaded.order.get(qid).copied().unwrap_or(loaded.order.len()));
        }
        loaded.journaled.insert(r.id.clone());
        if !read.torn.is_empty() {
            loaded.torn.push((r.id.clone(), read.torn));
        }
        loaded.journal_entries.push((r.id.clone(), read.entries));
    }
    loaded.docs.insert(r.id.clone(), doc);
    loaded.respondents.push(r);
    Ok(())
}

/// Ids with an `answers/<id>.journal` but no `answers/<id>.toml`.
fn orphan_journals(dir: &Path, have: &[(Respondent, String)]) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir.join("answers")) else { return Vec::new() };
    let mut ids: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter_map(|n| n.strip_suffix(".journal").map(str::to_owned))
        .filter(|id| is_valid_respondent_id(id) && !have.iter().any(|(r, _)| &r.id == id))
        .collect();
    ids.sort();
    ids
}

/// Sets its cell to `None` when dropped if nobody set it, so that a thread waiting on the cell
/// is released whatever happened to the one that was to set it.
struct Publish<'a, T>(&'a OnceLock<Option<T>>);

impl<T> Drop for Publish<'_, T> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Every `answers/<id>.toml` with a well-formed id, parsed, with its text (kept to be parsed
/// for editing only when first written to). `scale` blocks until the questionnaire is read.
fn read_answers(dir: &Path, scale: &(dyn Fn() -> Option<Scale> + Sync)) -> Result<Vec<(Respondent, String)>> {
    let adir = dir.join("answers");
    // A linked answers folder would show another folder's answers and take our writes there.
    if std::fs::symlink_metadata(&adir).is_ok_and(|m| m.file_type().is_symlink()) {
        let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, "is a symbolic link; refusing to follow it");
        return Err(WorkspaceError::Io { path: adir, error: e });
    }
    let entries = match std::fs::read_dir(&adir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(WorkspaceError::Io { path: adir, error: e }),
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    // Only answers/<id>.toml with a well-formed id: temp files and strays are ignored.
    paths.retain(|path| {
        let stem = path.file_stem().and_then(|s| s.to_str());
        path.extension().and_then(|e| e.to_str()) == Some("toml") && stem.is_some_and(is_valid_respondent_id)
    });
    // A workshop's 20 interviews are 20 parses: both cores take them (the first error wins).
    let read_one = |path: &PathBuf| -> Result<(Respondent, String)> {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = read(path)?;
        // A file a git merge left in conflict is resolved once the history can be read; here,
        // only its HEAD side is checked (the other side is read when it is resolved).
        let r = if git_merged::has_markers(&text) {
            answers::read_awaiting_scale(path, stem, &git_merged::sides(&text).0, scale)?
        } else {
            answers::read_awaiting_scale(path, stem, &text, scale)?
        };
        Ok((r, text))
    };
    let out = aira_core::par::map2(&paths, read_one)
        .ok_or_else(|| WorkspaceError::Invalid("the answers files were not all read".into()))?
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
    Ok(out)
}
