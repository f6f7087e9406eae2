//! `answers/<respondent>.journal`: changes not yet folded into `answers/<respondent>.toml`.
//! The wizard appends one entry per change (small, fsynced) instead of rewriting a file that a
//! 10,000-question bank makes megabytes long, and folds the journal into the TOML file when it
//! quits (compaction). Whoever opens the workspace replays a leftover journal (after a crash);
//! a writer compacts it at once. Entries are history entries (same format as history.toml) and
//! carry the whole new answer, so replaying one twice changes nothing.

use std::path::{Path, PathBuf};

use super::error::Result;
use super::history;
use aira_core::assessment::{Answer, Respondent};

pub const EXTENSION: &str = "journal";

pub fn path(dir: &Path, respondent: &str) -> PathBuf {
    dir.join("answers").join(format!("{respondent}.{EXTENSION}"))
}

/// Replayed changes, oldest first: (question id, the new answer or `None` for a removal).
pub type Changes = Vec<(String, Option<Answer>)>;

/// What a journal holds: its changes, the text of each whole entry (to find any the history
/// lacks), and where entries cut short by a crash or a full disk were skipped.
#[derive(Debug, Default)]
pub struct Read {
    pub changes: Changes,
    pub entries: Vec<String>,
    /// `answers/<id>.journal:LINE, …` of skipped entries; empty when none.
    pub torn: String,
}

/// A respondent's journal, or `None` when there is none. Entries cut short (never reported
/// saved) are skipped wherever they are.
pub fn read(dir: &Path, respondent: &str) -> Result<Option<Read>> {
    let path = path(dir, respondent);
    if std::fs::symlink_metadata(&path).is_err() {
        return Ok(None);
    }
    let text = super::read(&path)?;
    let torn = super::history::torn_entries_exact(&path, &text);
    let changes = history::parse_skipping(&path, &text, &torn)?;
    let shown = format!("answers/{respondent}.{EXTENSION}");
    Ok(Some(Read {
        changes: changes
            .into_iter()
            .map(|c| {
                let new = c.new.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
                (c.question, new)
            })
            .collect(),
        entries: super::torn::whole_entries(&text).into_iter().map(str::to_owned).collect(),
        torn: if torn.is_empty() { String::new() } else { super::torn::torn_lines(&shown, &text, &torn) },
    }))
}

/// Replay a leftover journal over a respondent read from its answers file: the one reading
/// routine for journals (opening a workspace, `aira merge` reading a source). `set` sees each
/// change too, to record it in the file's document. True when there was a journal.
pub fn replay_into(dir: &Path, r: &mut Respondent, mut set: impl FnMut(&str, Option<&Answer>)) -> Result<bool> {
    let Some(read) = read(dir, &r.id)? else { return Ok(false) };
    replay(r, &read.changes);
    for (qid, new) in &read.changes {
        set(qid, new.as_ref());
    }
    Ok(true)
}

/// Apply replayed changes to a respondent's answers.
pub fn replay(r: &mut Respondent, changes: &[(String, Option<Answer>)]) {
    for (question, new) in changes {
        match new {
            Some(a) => r.answers.insert(question.clone(), a.clone()),
            None => r.answers.remove(question),
        };
    }
}
