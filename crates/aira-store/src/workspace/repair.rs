//! What a writer does to history.toml on open, before anything is appended: entries a crash
//! or a full disk cut short are cut (a dated backup kept); a history broken any other way (a
//! hand edit) is refused with file:line:col and never appended to; entries a crash kept out
//! of the history but left in a journal are found, to be written first.

use std::path::Path;

use super::atomic::Writer;
use super::error::{Result, WorkspaceError};
use super::{history, history_parts, read, torn};

/// Cut entries of history.toml that a crash or a full disk left torn, keeping a copy of the
/// original beside it; refuse (writing nothing) a history that does not parse otherwise.
pub(super) fn repair_history(dir: &Path, writer: &dyn Writer, notices: &mut Vec<String>) -> Result<()> {
    let path = dir.join(history::FILE);
    // Any entry there, even a link or a FIFO: `read` then refuses it by name.
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(());
    }
    let text = read(&path)?;
    // An unresolved git merge is not a crash's torn tail: refused whole, never cut.
    if let Some(e) = super::markers::unresolved(&path, &text) {
        return Err(e);
    }
    let torn = history::torn_entries_checked(&path, &text).map_err(broken_in_middle)?;
    if torn.is_empty() {
        return Ok(());
    }
    let name = backup(writer, &path).map_err(WorkspaceError::io(&path))?;
    writer.replace(&path, torn::cut(&text, &torn).as_bytes()).map_err(WorkspaceError::io(&path))?;
    notices.push(format!(
        "repaired {}: skipped {} entr{} cut short by a crash or a full disk ({}); the original is kept as {name}",
        history::FILE,
        torn.len(),
        if torn.len() == 1 { "y" } else { "ies" },
        torn::torn_lines(history::FILE, &text, &torn),
    ));
    Ok(())
}

/// The parse error of a history broken in its middle, saying what to do: entries appended
/// after the broken line could not be read back until it is mended.
fn broken_in_middle(e: WorkspaceError) -> WorkspaceError {
    match e {
        WorkspaceError::Parse { path, line, col, message } => WorkspaceError::Parse {
            path,
            line,
            col,
            message: format!(
                "{} (history.toml no longer parses here: mend this line, or move the file aside, before saving \
                 changes; nothing was written)",
                message.replace('\n', " ")
            ),
        },
        other => other,
    }
}

/// Copy `path` to `<path>.torn-<unix time>` (`-2`, `-3`, … when that name is taken: two
/// repairs in one second keep both), created exclusively; returns the copy's file name.
pub(super) fn backup(writer: &dyn Writer, path: &Path) -> std::io::Result<String> {
    // Through the one open routine: never a FIFO's reader, never through a link.
    let bytes = super::atomic::read_limited(path, super::MAX_FILE_BYTES)?.into_bytes();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let stamp = crate::clock::now().as_second();
    for n in 1..1000 {
        let copy = if n == 1 { format!("{name}.torn-{stamp}") } else { format!("{name}.torn-{stamp}-{n}") };
        let to = path.with_file_name(&copy);
        let mut f = match writer.create_new(&to) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            other => other?,
        };
        let done = writer.write(&mut f, &bytes).and_then(|()| writer.fsync(&f)).and_then(|()| writer.sync_dir(&to));
        if let Err(e) = done {
            let _ = writer.remove(&to);
            return Err(e);
        }
        return Ok(copy);
    }
    Err(std::io::Error::new(std::io::ErrorKind::AlreadyExists, "too many backups in one second"))
}

/// The journals' entries that the history (history.toml and its rotated parts) lacks, oldest
/// first, compared by their `entry` line, which names the moment, the respondent and the
/// process. One over the entry size limit (written by an older aira) cannot be appended: it
/// is left out with a notice, its answer kept, rather than blocking every later entry.
pub(super) fn owed_history(
    dir: &Path,
    journals: &[(String, Vec<String>)],
    notices: &mut Vec<String>,
) -> Result<Vec<String>> {
    if journals.iter().all(|(_, e)| e.is_empty()) {
        return Ok(Vec::new());
    }
    let texts = history_parts::texts(dir)?;
    let have: std::collections::HashSet<&str> =
        texts.iter().flat_map(|(_, t)| t.lines()).filter(|l| l.starts_with("entry = ")).collect();
    let mut owed = Vec::new();
    for (id, entries) in journals {
        for e in entries {
            let line = e.lines().find(|l| l.starts_with("entry = ")).unwrap_or_default();
            if have.contains(line) {
                continue;
            }
            let entry = format!("\n{e}\n");
            if entry.len() > history::MAX_ENTRY_BYTES {
                notices.push(format!(
                    "answers/{id}.journal: a history entry of {} bytes is over the limit of {} and was not added to                      {}; its answer is kept",
                    entry.len(),
                    history::MAX_ENTRY_BYTES,
                    history::FILE
                ));
            } else {
                owed.push(entry);
            }
        }
    }
    Ok(owed)
}
