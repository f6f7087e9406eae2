//! Operations that change many files at once (`aira merge`, `aira upgrade`) are all or
//! nothing. Before the first change, `begin` snapshots every file the operation could replace
//! (hard links in `.aira-op.d/`: saves replace files, never change them in place, so a link
//! keeps the old content for free), notes history.toml's length, and writes `.aira-op.toml`.
//! `finish` removes that file: the commit point. The next writer to open a workspace that
//! still has one (the operation was killed) rolls every file back and says so.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::atomic::{Writer, is_temp_name};
use super::error::{Result, WorkspaceError};
use super::{history, now_rfc3339};

pub const FILE: &str = ".aira-op.toml";
const SNAPSHOT: &str = ".aira-op.d";

/// An operation under way; dropping it without `finish` leaves it to be rolled back.
pub struct Op {
    dir: PathBuf,
    writer: Arc<dyn Writer>,
    files: Vec<String>,
}

/// The files an operation may replace: every visible regular file at the top (but the
/// append-only history) and every answers file, as paths relative to the workspace.
fn snapshot_list(dir: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    for (sub, prefix) in [(dir.to_owned(), ""), (dir.join("answers"), "answers/")] {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        for e in entries.flatten() {
            let Ok(name) = e.file_name().into_string() else { continue };
            let regular = std::fs::symlink_metadata(e.path()).is_ok_and(|m| m.is_file());
            if !regular || name.starts_with('.') || name == history::FILE {
                continue;
            }
            if name.ends_with(".journal") {
                return Err(WorkspaceError::Invalid(format!(
                    "{}: a journal not yet folded in; open the workspace with aira first",
                    e.path().display()
                )));
            }
            files.push(format!("{prefix}{name}"));
        }
    }
    files.sort();
    Ok(files)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WorkspaceError + '_ {
    WorkspaceError::io(path)
}

/// Start operation `kind` (e.g. `merge`): nothing is changed yet when this returns.
pub fn begin(dir: &Path, writer: Arc<dyn Writer>, kind: &str) -> Result<Op> {
    begin_with(dir, writer, kind, snapshot_list(dir)?, None)
}

/// Whether an operation is under way (we hold the lock, so it is ours): a change made inside
/// one needs no operation of its own.
pub fn in_progress(dir: &Path) -> bool {
    std::fs::symlink_metadata(dir.join(FILE)).is_ok()
}

/// `begin` for an operation that may replace only `files` (which exist), append history and,
/// with `creates`, create only those files (`None`: any file `merge` or `upgrade` could).
pub fn begin_with(
    dir: &Path,
    writer: Arc<dyn Writer>,
    kind: &str,
    files: Vec<String>,
    creates: Option<&[&str]>,
) -> Result<Op> {
    let snap = dir.join(SNAPSHOT);
    for d in [snap.clone(), snap.join("answers")] {
        if !d.is_dir() {
            writer.create_dir(&d).map_err(io(&d))?;
        }
    }
    for f in &files {
        let (from, to) = (dir.join(f), snap.join(f));
        if std::fs::symlink_metadata(&to).is_ok() {
            writer.remove(&to).map_err(io(&to))?;
        }
        if writer.link(&from, &to).is_err() {
            // A file system without hard links: a copy does the same.
            let bytes = std::fs::read(&from).map_err(io(&from))?;
            writer.replace(&to, &bytes).map_err(io(&to))?;
        }
    }
    writer.sync_dir(&snap.join("answers")).map_err(io(&snap))?;
    let hpath = dir.join(history::FILE);
    let history_bytes = std::fs::symlink_metadata(&hpath).map_or(-1, |m| i64::try_from(m.len()).unwrap_or(i64::MAX));
    let mut doc = toml_edit::DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# aira: an operation is under way (or was killed). The next aira to open this workspace\n\
         # for writing puts every file back as it was before it began. Do not edit.\n",
    );
    doc["operation"] = toml_edit::value(kind);
    doc["started"] = toml_edit::value(now_rfc3339());
    doc["history_bytes"] = toml_edit::value(history_bytes);
    doc["files"] = toml_edit::value(files.iter().map(String::as_str).collect::<toml_edit::Array>());
    if let Some(c) = creates {
        doc["creates"] = toml_edit::value(c.iter().copied().collect::<toml_edit::Array>());
    }
    let path = dir.join(FILE);
    writer.replace(&path, doc.to_string().as_bytes()).map_err(io(&path))?;
    Ok(Op { dir: dir.to_owned(), writer, files })
}

impl Op {
    /// The operation is complete: remove `.aira-op.toml` (from here on it stands), then the
    /// snapshot (what a crash leaves of it is removed by the next open).
    pub fn finish(self) -> Result<()> {
        let path = self.dir.join(FILE);
        self.writer.remove(&path).map_err(io(&path))?;
        self.writer.sync_dir(&path).map_err(io(&path))?;
        let snap = self.dir.join(SNAPSHOT);
        for f in &self.files {
            let _ = self.writer.remove(&snap.join(f));
        }
        let _ = std::fs::remove_dir(snap.join("answers"));
        let _ = std::fs::remove_dir(&snap);
        Ok(())
    }
}

/// A path from `.aira-op.toml` that may name a workspace file: `NAME`, `answers/NAME` or
/// `evidence/NAME` (a copy `aira evidence add --copy` creates).
fn safe(rel: &str) -> bool {
    let name = rel.strip_prefix("answers/").or_else(|| rel.strip_prefix("evidence/")).unwrap_or(rel);
    !name.is_empty() && !name.contains(['/', '\\']) && !name.starts_with('.')
}

/// Files an operation may have created: those it could write that were not there before.
fn created(dir: &Path, before: &[String]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for (sub, prefix) in [(dir.to_owned(), ""), (dir.join("answers"), "answers/")] {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        for e in entries.flatten() {
            let Ok(name) = e.file_name().into_string() else { continue };
            let ours = if prefix.is_empty() {
                name == super::consensus::FILE || (name.starts_with("questionnaire.") && name.ends_with(".toml"))
            } else {
                name.ends_with(".toml") || name.ends_with(".journal")
            };
            if ours && !name.starts_with('.') && !before.contains(&format!("{prefix}{name}")) {
                out.push(e.path());
            }
        }
    }
    out
}

/// Roll back an operation a crash interrupted (see the module comment); clear what a crash
/// left of a finished one's snapshot.
pub fn recover(dir: &Path, writer: &dyn Writer, notices: &mut Vec<String>) -> Result<()> {
    let path = dir.join(FILE);
    let snap = dir.join(SNAPSHOT);
    if std::fs::symlink_metadata(&path).is_err() {
        if snap.is_dir() {
            let _ = std::fs::remove_dir_all(&snap);
        }
        return Ok(());
    }
    let text = super::read(&path)?;
    let doc: toml::Table = toml::from_str(&text)
        .map_err(|e| WorkspaceError::at(&path, &text, e.span().map(|s| s.start), e.message().trim().to_owned()))?;
    let kind = doc.get("operation").and_then(toml::Value::as_str).unwrap_or("operation").to_owned();
    let started = doc.get("started").and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let history_bytes = doc.get("history_bytes").and_then(toml::Value::as_integer).unwrap_or(-1);
    let files: Vec<String> = doc
        .get("files")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_str).filter(|f| safe(f)).map(str::to_owned).collect())
        .unwrap_or_default();
    for f in &files {
        let (from, to) = (snap.join(f), dir.join(f));
        let bytes = std::fs::read(&from).map_err(|e| {
            WorkspaceError::Invalid(format!(
                "{}: cannot roll back the interrupted {kind}: its copy of {f} is unreadable ({e})",
                path.display()
            ))
        })?;
        writer.replace(&to, &bytes).map_err(io(&to))?;
    }
    let creates: Option<Vec<String>> = doc
        .get("creates")
        .and_then(toml::Value::as_array)
        .map(|a| a.iter().filter_map(toml::Value::as_str).filter(|f| safe(f)).map(str::to_owned).collect());
    let made = match creates {
        Some(c) => c.iter().filter(|f| !files.contains(f)).map(|f| dir.join(f)).filter(|p| p.is_file()).collect(),
        None => created(dir, &files),
    };
    for p in made {
        writer.remove(&p).map_err(io(&p))?;
        writer.sync_dir(&p).map_err(io(&p))?;
    }
    let hpath = dir.join(history::FILE);
    match u64::try_from(history_bytes) {
        Ok(len) if std::fs::symlink_metadata(&hpath).is_ok_and(|m| m.len() > len) => {
            let f = writer.open_append(&hpath).map_err(io(&hpath))?;
            writer.truncate(&f, len).and_then(|()| writer.fsync(&f)).map_err(io(&hpath))?;
        }
        Err(_) if std::fs::symlink_metadata(&hpath).is_ok() => {
            writer.remove(&hpath).map_err(io(&hpath))?;
            writer.sync_dir(&hpath).map_err(io(&hpath))?;
        }
        _ => {}
    }
    writer.remove(&path).map_err(io(&path))?;
    writer.sync_dir(&path).map_err(io(&path))?;
    let _ = std::fs::remove_dir_all(&snap);
    notices.push(format!(
        "an interrupted `aira {kind}` (started {started}) was rolled back: every file is as it was before it began; \
         run it again"
    ));
    Ok(())
}

/// Remove temp files (`.NAME.tmp-PID-N`) that saves cut short by a crash left, in the
/// workspace folder and answers/. Another live process's (an `aira report -o` into the
/// folder) are left alone; this process has not begun saving yet.
pub fn clean_temp_files(dir: &Path, writer: &dyn Writer) {
    for sub in [dir.to_owned(), dir.join("answers")] {
        let Ok(entries) = std::fs::read_dir(&sub) else { continue };
        for e in entries.flatten() {
            let Ok(name) = e.file_name().into_string() else { continue };
            if !is_temp_name(&name) {
                continue;
            }
            let pid = name.rsplit_once(".tmp-").and_then(|(_, rest)| rest.split('-').next()?.parse::<u32>().ok());
            let alive = pid.is_some_and(|p| p != std::process::id() && Path::new(&format!("/proc/{p}")).exists());
            if !alive {
                let _ = writer.remove(&e.path());
            }
        }
    }
}
