//! history.toml on disk, with its parts: an append never takes history.toml past what can be
//! read again (it is first rotated whole into `history/NNNNNN.toml`), and the trail is read
//! back parts first, oldest first, so undo, diff and doctor see every entry, numbered as one.

use std::path::{Path, PathBuf};

use super::atomic::Writer;
use super::error::{Result, WorkspaceError};
use super::{MAX_FILE_BYTES, history, read};

/// The folder of rotated parts, beside history.toml.
pub const PARTS_DIR: &str = "history";
/// history.toml is rotated before an append would take it past this (80 % of the read limit),
/// so that `doctor`'s warning at 80 % means it got there some other way (a git merge, an edit).
pub const ROTATE_AT: u64 = MAX_FILE_BYTES / 10 * 8;

fn part_number(path: &Path) -> Option<u64> {
    let stem = path.file_stem()?.to_str()?;
    let is_part = path.extension().is_some_and(|e| e == "toml") && stem.bytes().all(|b| b.is_ascii_digit());
    is_part.then(|| stem.parse().ok()).flatten()
}

/// The rotated parts, oldest first (`history/000001.toml`, …). None when there is no folder.
pub fn parts(dir: &Path) -> Result<Vec<PathBuf>> {
    let pdir = dir.join(PARTS_DIR);
    // A link or a file there would send rotated history elsewhere, or hide it: refused by name.
    if let Some(m) = std::fs::symlink_metadata(&pdir).ok().filter(|m| !m.is_dir()) {
        let kind = super::regular::kind(m.file_type());
        let e = std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("is {kind}, not a folder"));
        return Err(WorkspaceError::io(&pdir)(e));
    }
    let entries = match std::fs::read_dir(&pdir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(WorkspaceError::io(&pdir)(e)),
    };
    let mut parts: Vec<(u64, PathBuf)> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter_map(|p| Some((part_number(&p)?, p))).collect();
    parts.sort();
    Ok(parts.into_iter().map(|(_, p)| p).collect())
}

/// Refuse an entry too large to be worth keeping before anything of its change is written.
pub fn check_entry(entry: &str) -> Result<()> {
    if entry.len() > history::MAX_ENTRY_BYTES {
        return Err(WorkspaceError::Invalid(format!(
            "this change's history entry would be {} bytes; the limit is {} (is a note or interview log pasted \
             many times over? shorten it; nothing was saved)",
            entry.len(),
            history::MAX_ENTRY_BYTES
        )));
    }
    Ok(())
}

/// Append one entry to history.toml, rotating the file into a part first if the entry would
/// take it past `rotate_at` bytes. Only a writer holding the lock calls this; every step goes
/// through `writer` (the fault harness fails each one).
pub fn append(writer: &dyn Writer, dir: &Path, entry: &str, rotate_at: u64) -> Result<()> {
    check_entry(entry)?;
    let path = dir.join(history::FILE);
    let len = std::fs::symlink_metadata(&path).map(|m| m.len()).unwrap_or(0);
    if len > 0 && len + entry.len() as u64 > rotate_at {
        rotate(writer, dir)?;
    }
    writer.append(&path, entry.as_bytes()).map_err(WorkspaceError::io(&path))
}

/// The number of the newest part (0 when there is none): what an operation notes before it
/// begins, so that a rollback can put back a history.toml rotated meanwhile.
pub fn last_part(dir: &Path) -> Result<u64> {
    Ok(parts(dir)?.last().and_then(|p| part_number(p)).unwrap_or(0))
}

/// The parts numbered above `n`, oldest first.
pub fn parts_after(dir: &Path, n: u64) -> Result<Vec<PathBuf>> {
    Ok(parts(dir)?.into_iter().filter(|p| part_number(p).is_some_and(|k| k > n)).collect())
}

/// Move history.toml, whole, to the next part. One rename: a crash leaves it in one place or
/// the other, never in both or half in each. Once renamed, the folders' fsyncs are tried but
/// not required (as in `Writer::replace`): every reader already sees the part.
fn rotate(writer: &dyn Writer, dir: &Path) -> Result<()> {
    let pdir = dir.join(PARTS_DIR);
    writer.create_dir(&pdir).map_err(WorkspaceError::io(&pdir))?;
    let part = pdir.join(format!("{:06}.toml", last_part(dir)? + 1));
    let path = dir.join(history::FILE);
    writer.rename(&path, &part).map_err(WorkspaceError::io(&path))?;
    for d in [&part, &path] {
        if writer.sync_dir(d).is_err() {
            let _ = writer.sync_dir(d);
        }
    }
    Ok(())
}

/// The text of each file of the trail, oldest first: the parts, then history.toml if present.
pub(super) fn texts(dir: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut out = Vec::new();
    for path in parts(dir)?.into_iter().chain(std::iter::once(dir.join(history::FILE))) {
        match read(&path) {
            Ok(text) => out.push((path, text)),
            Err(WorkspaceError::Io { error, .. }) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// Every change of the whole trail, oldest first (numbered from 1 across the parts).
pub fn read_all(dir: &Path) -> Result<Vec<history::Change>> {
    let mut all = Vec::new();
    for (path, text) in texts(dir)? {
        all.extend(history::parse(&path, &text)?);
    }
    Ok(all)
}

/// Entry `n` of the trail `texts` (from [`texts`]; numbered from 1 as [`count`] counts them),
/// parsed alone, so that reaching one entry of a long history does not parse all of it. An
/// error in it is reported at its line in its file. `None` past the end.
pub(super) fn entry(texts: &[(PathBuf, String)], n: usize) -> Result<Option<history::Change>> {
    let mut seen = 0;
    for (path, text) in texts {
        let mut starts = Vec::new();
        let mut offset = 0;
        for line in text.split_inclusive('\n') {
            if line.starts_with(super::torn::HEADER) {
                starts.push(offset);
            }
            offset += line.len();
        }
        let Some(i) = n.checked_sub(seen + 1).filter(|i| *i < starts.len()) else {
            seen += starts.len();
            continue;
        };
        let (from, to) = (starts[i], starts.get(i + 1).copied().unwrap_or(text.len()));
        // Blank lines in place of the entries before it keep an error's line number right.
        let alone = "\n".repeat(text[..from].matches('\n').count()) + &text[from..to];
        return Ok(history::parse(path, &alone)?.into_iter().next());
    }
    Ok(None)
}

/// How many entries the whole trail holds (counted, not parsed: this runs on every open). Read
/// by the one open routine, so a FIFO there is an error naming it, never a hang.
pub fn count(dir: &Path) -> Result<usize> {
    Ok(texts(dir)?.iter().map(|(_, t)| t.lines().filter(|l| l.starts_with("[[change]]")).count()).sum())
}
