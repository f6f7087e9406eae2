//! The recently opened workspaces (`recent.toml` in the config folder), newest first, for the
//! start screen. A file that does not parse is reported with file:line:col and never rewritten:
//! losing someone's list to a typo would be worse than not updating it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::workspace::atomic::{create_private_dir, read_limited, write_atomic};
use aira_core::diag::line_col;

pub const FILE: &str = "recent.toml";
/// More than a consultant's active engagements; older ones fall off the end.
pub const MAX_ENTRIES: usize = 20;
const MAX_BYTES: u64 = 1 << 20;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub path: PathBuf,
    #[serde(default)]
    pub name: String,
    /// RFC 3339; kept as written so a hand edit in another format is shown, not refused.
    #[serde(default)]
    pub opened_at: String,
}

#[derive(Default, Serialize, Deserialize)]
struct File {
    #[serde(default)]
    workspace: Vec<Entry>,
}

#[derive(Debug, thiserror::Error)]
pub enum RecentError {
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{}:{line}:{col}: {message} (the file is left as it is; fix or delete it)", path.display())]
    Parse { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: cannot record a path that is not valid UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
}

/// `<config dir>/recent.toml`, or None when there is no home folder.
pub fn file() -> Option<PathBuf> {
    crate::workspace::paths::config_dir().map(|d| d.join(FILE))
}

pub fn parse(path: &Path, text: &str) -> Result<Vec<Entry>, RecentError> {
    let parsed: File = toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        RecentError::Parse { path: path.to_owned(), line, col, message: e.message().trim().to_owned() }
    })?;
    Ok(parsed.workspace)
}

/// The entries in `path`; a missing file is an empty list.
pub fn load(path: &Path) -> Result<Vec<Entry>, RecentError> {
    match read_limited(path, MAX_BYTES) {
        Ok(text) => parse(path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(RecentError::Io { path: path.to_owned(), source }),
    }
}

pub fn render(entries: &[Entry]) -> Result<String, RecentError> {
    if let Some(bad) = entries.iter().find(|e| e.path.to_str().is_none()) {
        return Err(RecentError::NotUtf8 { path: bad.path.clone() });
    }
    let file = File { workspace: entries.iter().take(MAX_ENTRIES).cloned().collect() };
    let body = toml::to_string(&file).map_err(|e| RecentError::Io {
        path: PathBuf::from(FILE),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e.to_string()),
    })?;
    Ok(format!("# Recently opened aira workspaces, newest first (written by aira).\n\n{body}"))
}

/// Write the list (at most `MAX_ENTRIES`) atomically, creating the config folder if needed.
pub fn save(path: &Path, entries: &[Entry]) -> Result<(), RecentError> {
    let text = render(entries)?;
    let io = |source| RecentError::Io { path: path.to_owned(), source };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty() && !d.exists()) {
        create_private_dir(dir).map_err(io)?;
    }
    write_atomic(path, text.as_bytes()).map_err(io)
}

/// Put `workspace` at the top of the list (moving it if it was there already). Refuses, without
/// writing, when the existing file is broken.
pub fn record(path: &Path, workspace: &Path, name: &str, now: &str) -> Result<(), RecentError> {
    let mut entries = load(path)?;
    let workspace = normalize(workspace);
    entries.retain(|e| normalize(&e.path) != workspace);
    entries.insert(0, Entry { path: workspace, name: name.to_owned(), opened_at: now.to_owned() });
    entries.truncate(MAX_ENTRIES);
    save(path, &entries)
}

/// One spelling per folder, so `./acme` and `/home/me/acme` are one entry.
pub fn normalize(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).or_else(|_| std::path::absolute(p)).unwrap_or_else(|_| p.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(dir: &Path, name: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::create_dir_all(&p).unwrap();
        p
    }

    #[test]
    fn missing_file_is_empty_and_record_creates_it() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("config").join(FILE);
        assert!(load(&file).unwrap().is_empty());
        let acme = at(tmp.path(), "acme");
        record(&file, &acme, "Acme", "2026-01-01T10:00:00+00:00").unwrap();
        let got = load(&file).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, "Acme");
        assert_eq!(got[0].path, normalize(&acme));
        assert_eq!(got[0].opened_at, "2026-01-01T10:00:00+00:00");
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(text.contains("[[workspace]]"), "{text}");
    }

    #[test]
    fn record_moves_an_entry_to_the_top_without_duplicating_it() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join(FILE);
        let (a, b) = (at(tmp.path(), "a"), at(tmp.path(), "b"));
        record(&file, &a, "A", "t1").unwrap();
        record(&file, &b, "B", "t2").unwrap();
        // Another spelling of the same folder.
        record(&file, &a.join("..").join("a"), "A again", "t3").unwrap();
        let names: Vec<_> = load(&file).unwrap().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["A again", "B"]);
    }

    #[test]
    fn keeps_at_most_twenty() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join(FILE);
        for i in 0..25 {
            record(&file, &at(tmp.path(), &format!("w{i}")), &format!("W{i}"), "t").unwrap();
        }
        let got = load(&file).unwrap();
        assert_eq!(got.len(), MAX_ENTRIES);
        assert_eq!(got[0].name, "W24");
        assert_eq!(got[19].name, "W5");
    }

    #[test]
    fn a_broken_file_is_reported_with_position_and_never_overwritten() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join(FILE);
        let broken = "[[workspace]]\npath = \"/x\"\nname = 3\n";
        std::fs::write(&file, broken).unwrap();
        let err = load(&file).unwrap_err().to_string();
        assert!(err.contains(&format!("{}:3:8:", file.display())), "{err}");
        let err = record(&file, tmp.path(), "T", "t").unwrap_err();
        assert!(matches!(err, RecentError::Parse { line: 3, .. }), "{err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
    }

    #[test]
    fn hand_written_entries_without_name_or_time_load() {
        let got = parse(Path::new("r.toml"), "[[workspace]]\npath = \"/srv/acme\"\n").unwrap();
        assert_eq!(got, [Entry { path: "/srv/acme".into(), name: String::new(), opened_at: String::new() }]);
    }

    #[test]
    fn save_round_trips_and_truncates() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join(FILE);
        let entries: Vec<Entry> = (0..30)
            .map(|i| Entry { path: format!("/w/{i}").into(), name: format!("quote \" {i}"), opened_at: "t".into() })
            .collect();
        save(&file, &entries).unwrap();
        assert_eq!(load(&file).unwrap(), entries[..MAX_ENTRIES]);
    }
}
