//! Reading a workspace's questionnaire and answers files, side by side.
//!
//! At 10,000 questions these are 9 MB and 3 MB of TOML that stand between `aira` and its first
//! frame. The questionnaire is parsed on the calling thread while a helper hashes it (for the
//! pin check) and reads every answers file; the answers wait for the questionnaire's scale only
//! at the very end, to check their levels against it. Two cores, so roughly half the wait.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::mpsc;

use super::error::{Result, WorkspaceError};
use super::{Doc, QUESTIONNAIRE_FILE, answers, journal, read, sha256_hex};
use crate::assessment::{Respondent, is_valid_respondent_id};
use crate::questionnaire::{self, Questionnaire, Scale};

/// The questionnaire with its text's SHA-256 and its question ids' positions, and every
/// respondent with its answers file's text.
pub(super) struct Loaded {
    pub questionnaire: Questionnaire,
    pub sha256: String,
    pub order: HashMap<String, usize>,
    pub respondents: Vec<Respondent>,
    pub docs: HashMap<String, Doc>,
    pub journaled: HashSet<String>,
}

pub(super) fn load(dir: &Path) -> Result<Loaded> {
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    // The questionnaire's text once read (`None`: it could not be), for the helper's hash.
    let text_cell: OnceLock<Option<String>> = OnceLock::new();
    let (scale_tx, scale_rx) = mpsc::channel::<Scale>();
    let (read_error, parsed, helped) = std::thread::scope(|s| {
        let text_cell = &text_cell;
        let helper = s.spawn(move || {
            // The answers are parsed first (they need nothing from the questionnaire), then the
            // questionnaire is hashed, and only then do the answers wait for its scale.
            let sha = OnceLock::new();
            let hash = || sha.get_or_init(|| text_cell.wait().as_deref().map(sha256_hex)).clone();
            let scale = OnceLock::new();
            let scale = || {
                hash();
                scale.get_or_init(|| scale_rx.recv().ok()).clone()
            };
            let answers = read_answers(dir, &scale);
            (hash(), answers)
        });
        let (text, read_error) = match read(&qpath) {
            Ok(text) => (Some(text), None),
            Err(e) => (None, Some(e)),
        };
        let _ = text_cell.set(text);
        let parsed =
            text_cell.get().and_then(Option::as_deref).map(|t| questionnaire::parse(&qpath.display().to_string(), t));
        if let Some(Ok(q)) = &parsed {
            // The helper may have finished with an error already: nobody listening is fine.
            let _ = scale_tx.send(q.scale.clone());
        }
        drop(scale_tx);
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
    };
    for (mut r, text) in answers? {
        let mut doc = Doc::text(text);
        // A journal left by a wizard that did not get to fold it in is replayed over the file.
        if let Some(changes) = journal::read(dir, &r.id)? {
            journal::replay(&mut r, &changes);
            for (qid, new) in &changes {
                doc.set(qid, new.as_ref(), loaded.order.get(qid).copied().unwrap_or(loaded.order.len()));
            }
            loaded.journaled.insert(r.id.clone());
        }
        loaded.docs.insert(r.id.clone(), doc);
        loaded.respondents.push(r);
    }
    Ok(loaded)
}

/// Every `answers/<id>.toml` with a well-formed id, parsed, with its text (kept to be parsed
/// for editing only when first written to). `scale` blocks until the questionnaire is read.
fn read_answers(dir: &Path, scale: &dyn Fn() -> Option<Scale>) -> Result<Vec<(Respondent, String)>> {
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
    let mut out = Vec::new();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        // Only answers/<id>.toml with a well-formed id: temp files and strays are ignored.
        if path.extension().and_then(|e| e.to_str()) != Some("toml") || !is_valid_respondent_id(stem) {
            continue;
        }
        let text = read(&path)?;
        let r = answers::read_awaiting_scale(&path, stem, &text, scale)?;
        out.push((r, text));
    }
    Ok(out)
}
