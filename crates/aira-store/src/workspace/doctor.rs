//! Every file of a workspace checked on its own, for `aira doctor`: where opening stops at the
//! first file that does not read or parse, this goes on and reports each problem with
//! file:line:col, plus what is worth knowing (history size, torn tails, the lock's holder).

use std::path::Path;

use super::error::WorkspaceError;
use super::{QUESTIONNAIRE_FILE, consensus, history, history_parts, journal, lock, meta, read};
use aira_core::assessment::is_valid_respondent_id;
use aira_core::questionnaire::{self, Scale};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// The file does not read or parse: aira refuses the workspace (or writing to it).
    Error,
    /// Works today, but needs attention.
    Warning,
    /// Worth knowing: the lock's holder.
    Note,
}

/// One line of the report: `location: severity: message`, the location relative to the
/// workspace (`history.toml:3:14`).
#[derive(Debug)]
pub struct Finding {
    pub severity: Severity,
    pub location: String,
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let word = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(f, "{}: {word}: {}", self.location, self.message)
    }
}

struct Report<'a> {
    dir: &'a Path,
    found: Vec<Finding>,
}

impl Report<'_> {
    fn rel(&self, path: &Path) -> String {
        path.strip_prefix(self.dir).unwrap_or(path).display().to_string()
    }

    fn add(&mut self, severity: Severity, location: String, message: impl Into<String>) {
        self.found.push(Finding { severity, location, message: message.into() });
    }

    /// A workspace error as a finding, located as precisely as the error allows.
    fn error(&mut self, e: WorkspaceError) {
        match e {
            WorkspaceError::Parse { path, line, col, message } => {
                let loc = format!("{}:{line}:{col}", self.rel(&path));
                self.add(Severity::Error, loc, message);
            }
            WorkspaceError::Io { path, error } => {
                let loc = self.rel(&path);
                self.add(Severity::Error, loc, error.to_string());
            }
            WorkspaceError::Questionnaire(e) => {
                for d in e.located().filter(|l| l.diagnostic.is_error()) {
                    let text = d.short().to_string();
                    let (loc, msg) = text.split_once(": ").unwrap_or((QUESTIONNAIRE_FILE, &text));
                    self.add(Severity::Error, loc.to_owned(), msg.to_owned());
                }
            }
            other => self.add(Severity::Error, String::new(), other.to_string()),
        }
    }

    /// Read `name` if present; `None` (and a finding) when it cannot be read.
    fn read(&mut self, path: &Path) -> Option<String> {
        if std::fs::symlink_metadata(path).is_err() {
            return None;
        }
        read(path).map_err(|e| self.error(e)).ok()
    }
}

/// Check every file of the workspace in `dir`; the findings, in file order.
pub fn check(dir: &Path) -> Vec<Finding> {
    let mut r = Report { dir, found: Vec::new() };
    let mpath = dir.join(meta::FILE);
    if let Some(text) = r.read(&mpath) {
        let _ = meta::parse(&mpath, &text).map_err(|e| r.error(e));
    }
    let qpath = dir.join(QUESTIONNAIRE_FILE);
    let scale = r.read(&qpath).and_then(|t| match questionnaire::parse(QUESTIONNAIRE_FILE, &t) {
        Ok(q) => Some(q.scale),
        Err(e) => {
            r.error(e.into());
            None
        }
    });
    answers(&mut r, scale.as_ref());
    if let Some(scale) = &scale {
        let cpath = dir.join(consensus::FILE);
        if let Some(text) = r.read(&cpath) {
            let _ = consensus::parse(&cpath, &text, scale).map_err(|e| r.error(e));
        }
    }
    histories(&mut r);
    operation(&mut r);
    lock_state(&mut r);
    r.found
}

/// Every `answers/<id>.toml` and `answers/<id>.journal`, whatever kind of entry it is.
fn answers(r: &mut Report<'_>, scale: Option<&Scale>) {
    let adir = r.dir.join("answers");
    let Ok(entries) = std::fs::read_dir(&adir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let Some(id) = path.file_stem().and_then(|s| s.to_str()).filter(|s| is_valid_respondent_id(s)) else {
            continue;
        };
        match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => {
                let Some(text) = r.read(&path) else { continue };
                match scale {
                    Some(scale) => {
                        let _ = super::answers::parse(&path, id, &text, scale).map_err(|e| r.error(e));
                    }
                    None => r.add(Severity::Warning, r.rel(&path), "not checked: the questionnaire does not load"),
                }
            }
            Some(journal::EXTENSION) => {
                let Some(text) = r.read(&path) else { continue };
                let cut = "an entry cut short by a crash or a full disk; it is skipped (it was never reported saved)";
                torn(r, &path, &text, cut);
                let _ = journal::read(r.dir, id).map_err(|e| r.error(e));
            }
            _ => {}
        }
    }
}

/// Each entry cut short by a crash or a full disk, wherever it is, at its line.
fn torn(r: &mut Report<'_>, path: &Path, text: &str, message: &str) {
    located(r, path, text, &super::history::torn_entries_exact(path, text), message);
}

fn located(r: &mut Report<'_>, path: &Path, text: &str, torn: &[std::ops::Range<usize>], message: &str) {
    for at in torn {
        let (line, _) = aira_core::diag::line_col(text, at.start);
        r.add(Severity::Warning, format!("{}:{line}:1", r.rel(path)), message);
    }
}

/// history.toml and its parts: each must parse; a torn tail and a size near the read limit
/// are warned about.
fn histories(r: &mut Report<'_>) {
    let parts = history_parts::parts(r.dir).unwrap_or_else(|e| {
        r.error(e);
        Vec::new()
    });
    for path in parts.into_iter().chain(std::iter::once(r.dir.join(history::FILE))) {
        if let Ok(m) = std::fs::symlink_metadata(&path)
            && m.len() >= super::MAX_FILE_BYTES / 10 * 8
        {
            let pct = m.len() * 100 / super::MAX_FILE_BYTES;
            let message = format!(
                "{} bytes, {pct} % of the {} byte read limit; aira rotates it into {}/ before 80 %, so it grew \
                 some other way (a git merge, an edit): move it into {}/ as the next numbered part",
                m.len(),
                super::MAX_FILE_BYTES,
                history_parts::PARTS_DIR,
                history_parts::PARTS_DIR
            );
            r.add(Severity::Warning, r.rel(&path), message);
        }
        let Some(text) = r.read(&path) else { continue };
        let cut = "an entry cut short by a crash or a full disk; readers skip it, the next writer cuts it (keeping a \
                   backup)";
        // Torn entries are skipped; anything else broken is an error at its line and column.
        // One parse when the file is sound (this runs on 40 MB histories).
        match super::history::torn_entries_checked(&path, &text) {
            Ok(torn) => located(r, &path, &text, &torn, cut),
            Err(e) => r.error(e),
        }
    }
}

/// `.aira-op.toml`: an operation a crash interrupted, which the next writer rolls back.
fn operation(r: &mut Report<'_>) {
    let path = r.dir.join(super::op::FILE);
    let Some(text) = r.read(&path) else { return };
    match toml::from_str::<toml::Table>(&text) {
        Ok(doc) => {
            let kind = doc.get("operation").and_then(toml::Value::as_str).unwrap_or("operation");
            let message = format!(
                "an interrupted `aira {}` (or one under way now): the next aira to open this workspace for writing \
                 rolls every file back to before it began",
                aira_core::text::sanitize(kind, false)
            );
            r.add(Severity::Warning, r.rel(&path), message);
        }
        Err(e) => {
            let at = WorkspaceError::at(&path, &text, e.span().map(|s| s.start), e.message().trim().to_owned());
            r.error(at);
        }
    }
}

fn lock_state(r: &mut Report<'_>) {
    let loc = lock::LOCK_FILE.to_owned();
    match lock::state(r.dir) {
        Ok(lock::State::Free) => r.add(Severity::Note, loc, "not held"),
        Ok(lock::State::Held(h)) => r.add(Severity::Note, loc, format!("held by {h} (running)")),
        Ok(lock::State::Elsewhere(h)) => {
            r.add(Severity::Note, loc, format!("held by {h}, another machine (cannot check it from here)"));
        }
        Ok(lock::State::Stale(h)) => r.add(
            Severity::Warning,
            loc,
            format!("stale: left by {h}, which is no longer running; the next writer takes it over"),
        ),
        Ok(lock::State::Unnamed) => r.add(
            Severity::Warning,
            loc,
            "its text names no holder (not written by aira); the next writer replaces it".to_owned(),
        ),
        Err(e) => r.add(Severity::Error, loc, e.to_string()),
    }
}
