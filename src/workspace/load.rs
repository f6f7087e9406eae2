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

/// The questionnaire with its text's SHA-256, and every respondent with its answers file's text.
pub(super) struct Loaded {
    pub questionnaire: Questionnaire,
    pub sha256: String,
    pub respondents: Vec<Respondent>,
    pub docs: HashMap<String, Doc>,
    pub journaled: HashSet<String>,
}

pub(super) fn load(dir: &Path) -> Result<Loaded> {
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    let qtext = read(&qpath)?;
    let (scale_tx, scale_rx) = mpsc::channel::<Scale>();
    let (parsed, helped) = std::thread::scope(|s| {
        let text = &qtext;
        let helper = s.spawn(move || {
            let sha = sha256_hex(text);
            // Asked for once the first answers file is parsed; gone if the questionnaire failed.
            let scale = OnceLock::new();
            let scale = || scale.get_or_init(|| scale_rx.recv().ok()).clone();
            (sha, read_answers(dir, &scale))
        });
        let parsed = questionnaire::parse(&qpath.display().to_string(), &qtext);
        if let Ok(q) = &parsed {
            // The helper may have finished with an error already: nobody listening is fine.
            let _ = scale_tx.send(q.scale.clone());
        }
        drop(scale_tx);
        let helped = helper.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (parsed, helped)
    });
    // The questionnaire's own error comes first: answers cannot be checked without it.
    let questionnaire = parsed?;
    let (sha256, answers) = helped;
    let mut loaded =
        Loaded { questionnaire, sha256, respondents: Vec::new(), docs: HashMap::new(), journaled: HashSet::new() };
    let order: HashMap<&str, usize> =
        loaded.questionnaire.questions.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    for (mut r, text) in answers? {
        let mut doc = Doc::text(text);
        // A journal left by a wizard that did not get to fold it in is replayed over the file.
        if let Some(changes) = journal::read(dir, &r.id)? {
            journal::replay(&mut r, &changes);
            for (qid, new) in &changes {
                doc.set(qid, new.as_ref(), order.get(qid.as_str()).copied().unwrap_or(order.len()));
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
