//! The evidence register's I/O: a file named as evidence is checked (a regular file, not a
//! folder, FIFO or device), hashed with SHA-256 and recorded by its path relative to the
//! workspace; with `copy` it is first copied into `evidence/` (created exclusively, never
//! through a link, never over another file). A URL is recorded as it is. Adding and removing
//! are answer changes like any other: journaled, in history, undone by `aira undo`.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::error::{Result, WorkspaceError};
use super::{Change, Workspace, op};
use aira_core::assessment::{Answer, Evidence, Respondent, is_url};
use aira_core::text::{find_forbidden_control, sanitize};

pub const DIR: &str = "evidence";
const CHUNK: usize = 64 * 1024;

/// What `aira evidence add` was pointed at, looked at but not yet recorded.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The reference to record (for a copy: where the copy will go is decided on adding).
    pub reference: String,
    pub size: Option<u64>,
    pub sha256: Option<String>,
    /// The file, when it is a file (copied from here with `copy`).
    pub file: Option<PathBuf>,
}

fn invalid(msg: String) -> WorkspaceError {
    WorkspaceError::Invalid(msg)
}

/// Look at `path_or_url`: an http(s) URL is taken as it is; anything else must be a regular
/// file (followed through links), which is hashed. Nothing is written.
pub fn inspect(ws_dir: &Path, path_or_url: &str) -> Result<Source> {
    if let Some((_, c)) = find_forbidden_control(path_or_url, false) {
        return Err(invalid(format!("the evidence reference contains the control character U+{:04X}", c as u32)));
    }
    if is_url(path_or_url) {
        if path_or_url.chars().any(char::is_whitespace) {
            return Err(invalid(format!("`{}` is not a URL: it contains a space", sanitize(path_or_url, false))));
        }
        return Ok(Source { reference: path_or_url.to_owned(), size: None, sha256: None, file: None });
    }
    let path = Path::new(path_or_url);
    let shown = sanitize(path_or_url, false);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => {
            invalid(format!("{shown}: no such file (evidence is a file or an http:// or https:// URL)"))
        }
        _ => invalid(format!("{shown}: {e}")),
    })?;
    if meta.is_dir() {
        return Err(invalid(format!("{shown} is a folder: name a file in it (or a URL)")));
    }
    if !meta.is_file() {
        return Err(invalid(format!("{shown} is not a regular file (a FIFO, socket or device): nothing recorded")));
    }
    let (size, sha256) = hash_file(path, &mut |_| Ok(()))?;
    let full = path.canonicalize().map_err(WorkspaceError::io(path))?;
    let reference = super::relative_to(ws_dir, &full).unwrap_or_else(|| full.display().to_string());
    if let Some((_, c)) = find_forbidden_control(&reference, false) {
        return Err(invalid(format!("the file's path contains the control character U+{:04X}", c as u32)));
    }
    Ok(Source { reference, size: Some(size), sha256: Some(sha256), file: Some(full) })
}

/// Size and SHA-256 (hex) of a file, read once in chunks, each also handed to `each`.
fn hash_file(path: &Path, each: &mut dyn FnMut(&[u8]) -> Result<()>) -> Result<(u64, String)> {
    let mut f = std::fs::File::open(path).map_err(WorkspaceError::io(path))?;
    // Checked again on the open file: it may have been swapped for a FIFO since.
    if !f.metadata().map_err(WorkspaceError::io(path))?.is_file() {
        return Err(invalid(format!("{} is not a regular file: nothing recorded", path.display())));
    }
    let (mut hasher, mut size, mut buf) = (Sha256::new(), 0u64, vec![0u8; CHUNK]);
    loop {
        let n = f.read(&mut buf).map_err(WorkspaceError::io(path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        each(&buf[..n])?;
        size += n as u64;
    }
    Ok((size, hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()))
}

/// A file name safe in `evidence/`: letters, digits, `.`, `-`, `_`; no leading dot.
fn safe_name(path: &Path) -> String {
    let raw = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let mut name = String::new();
    for c in raw.chars().map(|c| if c.is_alphanumeric() || "._".contains(c) { c } else { '-' }) {
        // `Board minutes (Sept).pdf` → `Board-minutes-Sept.pdf`: one dash per run, none at the ends.
        if c != '-' || !(name.is_empty() || name.ends_with(['-', '.'])) {
            name.push(c);
        }
    }
    let name = name.replace("-.", ".");
    let name: String = name.trim_start_matches('.').trim_end_matches('-').chars().take(100).collect();
    if name.is_empty() { "evidence".to_owned() } else { name }
}

/// `name`, or `stem-2.ext`, `stem-3.ext`, … : the first that `evidence/` does not hold.
fn free_name(dir: &Path, name: &str) -> Result<String> {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    for n in 1..10_000 {
        let candidate = if n == 1 { name.to_owned() } else { format!("{stem}-{n}{ext}") };
        if std::fs::symlink_metadata(dir.join(&candidate)).is_err() {
            return Ok(candidate);
        }
    }
    Err(invalid(format!("{}: too many files named like {name}", dir.display())))
}

/// The answer `respondent` gives `question` now, or a blank one.
fn current(ws: &Workspace, respondent: &Respondent, question: &str) -> Option<Answer> {
    ws.assessment.respondent(&respondent.id).and_then(|r| r.answer(question)).cloned()
}

fn change(respondent: &Respondent, question: &str, old: Option<Answer>, new: Answer, by: &str, at: &str) -> Change {
    Change {
        respondent: respondent.clone_header(),
        question: question.to_owned(),
        old,
        new: Some(new).filter(|a| !a.is_empty()),
        by: by.to_owned(),
        at: at.to_owned(),
        kind: "evidence".into(),
        reverts: None,
    }
}

/// The answer change that records `source` on `old` (the answer `respondent` gives `question`
/// now): the note checked, the same reference twice refused, the answer stamped `by`/`at`.
/// What `add` writes, and what the wizard hands its save worker: one rule for both.
pub fn change_adding(
    respondent: &Respondent,
    question: &str,
    old: Option<Answer>,
    source: &Source,
    note: &str,
    (by, at): (&str, &str),
) -> Result<(Change, Evidence)> {
    if let Some((_, c)) = find_forbidden_control(note, true) {
        return Err(invalid(format!("the note contains the control character U+{:04X}", c as u32)));
    }
    let item = Evidence {
        reference: source.reference.clone(),
        size: source.size,
        sha256: source.sha256.clone(),
        added_at: at.to_owned(),
        added_by: by.to_owned(),
        note: note.trim().to_owned(),
    };
    if old.as_ref().is_some_and(|a| a.evidence.iter().any(|e| e.reference == item.reference)) {
        return Err(invalid(format!(
            "{} is already evidence of {question} for {}: remove it first (`aira evidence remove`)",
            sanitize(&item.reference, false),
            respondent.id
        )));
    }
    let mut new = old.clone().unwrap_or_default();
    new.evidence.push(item.clone());
    super::stamp::stamp(old.as_ref(), &mut new, by, at);
    Ok((change(respondent, question, old, new, by, at), item))
}

/// Record `source` as evidence of `respondent`'s answer to `question` (the caller checked the
/// question exists), stamped `by`/`at`; with `copy`, the file is copied into `evidence/`
/// first, and the copy and the answer are written all or nothing. The item recorded.
pub fn add(
    ws: &mut Workspace,
    respondent: &Respondent,
    question: &str,
    source: &Source,
    (note, copy): (&str, bool),
    (by, at): (&str, &str),
) -> Result<Evidence> {
    if let Some((_, c)) = find_forbidden_control(note, true) {
        return Err(invalid(format!("the note contains the control character U+{:04X}", c as u32)));
    }
    let copy_from = match (&source.file, copy) {
        (None, true) => return Err(invalid("--copy copies a file; a URL is recorded as it is".into())),
        (Some(f), true) => Some(f.clone()),
        _ => None,
    };
    let mut source = source.clone();
    let name = match &copy_from {
        Some(f) => {
            let edir = ws.dir.join(DIR);
            check_evidence_dir(&edir)?;
            let name = free_name(&edir, &safe_name(f))?;
            source.reference = format!("{DIR}/{name}");
            Some(name)
        }
        None => None,
    };
    let old = current(ws, respondent, question);
    let (c, item) = change_adding(respondent, question, old, &source, note, (by, at))?;
    match (name, copy_from) {
        (Some(name), Some(from)) => copy_and_apply(ws, &from, &name, source.sha256.as_deref(), &c)?,
        _ => store(ws)?.apply(&c)?,
    }
    remember(ws, &c);
    Ok(item)
}

fn store(ws: &mut Workspace) -> Result<&mut super::Store> {
    ws.store.as_mut().ok_or_else(|| invalid("the workspace is open read-only".into()))
}

/// The copy and the answer change inside one operation: a failure or a crash leaves neither.
fn copy_and_apply(ws: &mut Workspace, from: &Path, name: &str, sha: Option<&str>, c: &Change) -> Result<()> {
    let id = &c.respondent.id;
    let answers = format!("answers/{id}.toml");
    let files = if ws.dir.join(&answers).is_file() { vec![answers.clone()] } else { Vec::new() };
    let created = [format!("{DIR}/{name}"), format!("answers/{id}.journal"), answers];
    let created: Vec<&str> = created.iter().map(String::as_str).collect();
    let writer = store(ws)?.writer();
    let op = op::begin_with(&ws.dir, writer.clone(), "evidence add", files, Some(&created))?;
    let done = copy_file(&*writer, &ws.dir.join(DIR), from, name, sha).and_then(|()| store(ws)?.apply(c));
    match done {
        Ok(()) => op.finish(),
        Err(e) => {
            drop(op);
            // If this fails too, `.aira-op.toml` stays and the next open rolls back.
            let _ = op::recover(&ws.dir, &*writer, &mut Vec::new());
            Err(e)
        }
    }
}

/// `evidence/` must be a real folder of the workspace (never a link to elsewhere).
fn check_evidence_dir(edir: &Path) -> Result<()> {
    match std::fs::symlink_metadata(edir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(invalid(format!("{} is not a folder (a link or a file): nothing copied", edir.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(WorkspaceError::io(edir)(e)),
    }
}

fn copy_file(w: &dyn super::atomic::Writer, edir: &Path, from: &Path, name: &str, sha: Option<&str>) -> Result<()> {
    if std::fs::symlink_metadata(edir).is_err() {
        w.create_dir(edir).map_err(WorkspaceError::io(edir))?;
    }
    let to = edir.join(name);
    // Exclusive: an existing file or a planted link makes this fail, never write through it.
    let mut f = w.create_new(&to).map_err(WorkspaceError::io(&to))?;
    let (_, got) = hash_file(from, &mut |chunk| w.write(&mut f, chunk).map_err(WorkspaceError::io(&to)))?;
    if sha.is_some_and(|s| s != got) {
        return Err(invalid(format!("{} changed while it was being copied: nothing recorded", from.display())));
    }
    w.fsync(&f).map_err(WorkspaceError::io(&to))?;
    w.sync_dir(&to).map_err(WorkspaceError::io(&to))
}

/// Keep the opened workspace in step with what was saved.
fn remember(ws: &mut Workspace, c: &Change) {
    let r = match ws.assessment.respondents.iter_mut().find(|r| r.id == c.respondent.id) {
        Some(r) => r,
        None => {
            ws.assessment.respondents.push(c.respondent.clone_header());
            let Some(r) = ws.assessment.respondents.last_mut() else { return };
            r
        }
    };
    match &c.new {
        Some(a) => r.answers.insert(c.question.clone(), a.clone()),
        None => r.answers.remove(&c.question),
    };
}

/// Remove item `index` (0-based) of `respondent`'s evidence for `question`. The copy a
/// `--copy` made stays in `evidence/` (delete it by hand if it should go). The item removed.
pub fn remove(
    ws: &mut Workspace,
    respondent: &Respondent,
    question: &str,
    index: usize,
    (by, at): (&str, &str),
) -> Result<Evidence> {
    let old = current(ws, respondent, question);
    let Some(item) = old.as_ref().and_then(|a| a.evidence.get(index)).cloned() else {
        return Err(invalid(format!("{} has no evidence item {} for {question}", respondent.id, index + 1)));
    };
    let mut new = old.clone().unwrap_or_default();
    new.evidence.remove(index);
    super::stamp::stamp(old.as_ref(), &mut new, by, at);
    let c = change(respondent, question, old, new, by, at);
    store(ws)?.apply(&c)?;
    remember(ws, &c);
    Ok(item)
}

/// Whether a recorded file is still the one recorded: `None` when it is (or when the item is
/// not a hashed file); else what is wrong, for `aira doctor`. Paths are taken from the
/// workspace folder, as they were recorded.
pub fn verify(ws_dir: &Path, e: &Evidence) -> Option<String> {
    let sha = e.sha256.as_deref()?;
    if is_url(&e.reference) {
        return None;
    }
    let path = ws_dir.join(&e.reference);
    match std::fs::metadata(&path) {
        Err(_) => return Some("missing".to_owned()),
        Ok(m) if !m.is_file() => return Some("no longer a regular file".to_owned()),
        Ok(_) => {}
    }
    match hash_file(&path, &mut |_| Ok(())) {
        Ok((_, now)) if now == sha => None,
        Ok((_, now)) => Some(format!("changed since it was recorded (sha256 now {}, was {})", &now[..12], short(sha))),
        Err(err) => Some(format!("unreadable ({err})")),
    }
}

fn short(h: &str) -> &str {
    h.get(..12).unwrap_or(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_get_file_safe_names() {
        let n = |s: &str| safe_name(Path::new(s));
        assert_eq!(n("/x/Board minutes (Sept).pdf"), "Board-minutes-Sept.pdf");
        assert_eq!(n("/x/.hidden"), "hidden");
        assert_eq!(n("/x/rapport été.docx"), "rapport-été.docx");
        assert_eq!(n("/x/---"), "evidence");
        assert_eq!(n("/x/a\u{1b}[2Jb.txt"), "a-2Jb.txt");
    }
}
