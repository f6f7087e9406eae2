//! `history.toml`: an append-only log of every change, `[[change]]` after `[[change]]`.
//! Appending is O(1) whatever the size of the workspace. An entry cut short (a kill, a full
//! disk) is skipped by `parse` wherever it is (see `torn`); `torn_tail` finds a torn last one.
//!
//! Each entry is two lines that no other entry can share: a header whose comment names the
//! moment and respondent, and one `entry = { … }` line. Clones of a workspace each append
//! their own entries, and git's union merge (set in the workspace's .gitattributes) then
//! concatenates them; with multi-line entries, lines common to both sides would interleave
//! the entries into invalid TOML.

use std::path::Path;

use serde::Deserialize;
use toml_edit::{InlineTable, Value as TValue};

use aira_core::assessment::{Answer, LogEntry, Value};

use super::torn;

pub const FILE: &str = "history.toml";
pub(super) use super::torn::HEADER;
/// The largest single entry written (an answer with a note of several megabytes is a paste gone
/// wrong, and would make history.toml unreadable within a few saves).
pub const MAX_ENTRY_BYTES: usize = 4 << 20;

#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Change {
    /// Unique per change (see `entry_id`); filled in from the content for entries without one.
    #[serde(default)]
    pub id: String,
    pub at: String,
    #[serde(default)]
    pub by: String,
    #[serde(default)]
    pub respondent: String,
    /// Who was answering when the change was made (a respondent id): whose undo reaches it.
    /// Entries written before this field existed: their `respondent` (see `answering`).
    #[serde(default, rename = "as")]
    pub as_: String,
    #[serde(default)]
    pub question: String,
    /// `answer`, `undo`, `redo`, `merge`, `agree`, `engagement`, `roadmap`, `soa` or `upgrade`.
    #[serde(default)]
    pub kind: String,
    /// For an undo: the 1-based number of the change it reverted.
    #[serde(default)]
    pub reverts: Option<usize>,
    #[serde(default)]
    pub old: Option<toml::Table>,
    #[serde(default)]
    pub new: Option<toml::Table>,
}

impl Change {
    /// Who was answering when this change was made: `as`, else (older entries) `respondent`.
    pub fn answering(&self) -> &str {
        if self.as_.is_empty() { &self.respondent } else { &self.as_ }
    }

    /// This entry as the undo rule sees it.
    pub fn mark(&self) -> super::undo_rule::Mark<'_> {
        super::undo_rule::Mark { kind: &self.kind, as_: self.answering(), reverts: self.reverts }
    }
}

#[derive(Debug, Default, Deserialize)]
struct File {
    #[serde(default)]
    change: Vec<Wrapped>,
}

#[derive(Debug, Deserialize)]
struct Wrapped {
    entry: Change,
}

/// An answer as one line of inline TOML (notes keep their newlines as `\n`).
pub fn answer_inline(a: &Answer) -> InlineTable {
    let mut t = InlineTable::new();
    match a.value {
        Some(Value::Level(l)) => {
            t.insert("level", TValue::from(i64::from(l)));
        }
        Some(Value::NotApplicable) => {
            t.insert("not_applicable", TValue::from(true));
        }
        None => {}
    }
    if let Some(l) = a.target {
        t.insert("target", TValue::from(i64::from(l)));
    }
    if a.flag {
        t.insert("flag", TValue::from(true));
    }
    if !a.note.is_empty() {
        t.insert("note", TValue::from(a.note.as_str()));
    }
    if !a.evidence.is_empty() {
        t.insert("evidence", TValue::Array(a.evidence.iter().map(super::answers::evidence::to_value).collect()));
    }
    if !a.answered_at.is_empty() {
        t.insert("answered_at", TValue::from(a.answered_at.as_str()));
    }
    if !a.answered_by.is_empty() {
        t.insert("answered_by", TValue::from(a.answered_by.as_str()));
    }
    if !a.log.is_empty() {
        let mut log = super::answers::log_array(&a.log);
        // History entries are one line each (see the module comment).
        log.fmt();
        t.insert("log", TValue::Array(log));
    }
    t
}

/// Back from the inline table of a history entry (for undo). Unknown shapes give `None`.
pub fn answer_from_table(t: &toml::Table) -> Answer {
    let s = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let level = |k: &str| t.get(k).and_then(toml::Value::as_integer).and_then(|n| u8::try_from(n).ok());
    let value = match (level("level"), t.get("not_applicable").and_then(toml::Value::as_bool)) {
        (Some(l), _) => Some(Value::Level(l)),
        (None, Some(true)) => Some(Value::NotApplicable),
        _ => None,
    };
    Answer {
        value,
        target: level("target"),
        note: s("note"),
        evidence: t
            .get("evidence")
            .and_then(toml::Value::as_array)
            .map(|a| a.iter().filter_map(super::answers::evidence::from_toml).collect())
            .unwrap_or_default(),
        flag: t.get("flag").and_then(toml::Value::as_bool).unwrap_or(false),
        answered_at: s("answered_at"),
        answered_by: s("answered_by"),
        log: t
            .get("log")
            .and_then(toml::Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(toml::Value::as_table)
                    .map(|e| {
                        let f = |k: &str| e.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
                        LogEntry { at: f("at"), by: f("by"), text: f("text") }
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

pub struct Entry<'a> {
    pub at: &'a str,
    pub by: &'a str,
    pub respondent: &'a str,
    pub question: &'a str,
    pub kind: &'a str,
    pub reverts: Option<usize>,
    pub old: Option<&'a Answer>,
    pub new: Option<&'a Answer>,
}

/// The text appended for one change.
pub fn render(e: &Entry<'_>) -> String {
    render_with(e, &[])
}

/// `render`, with extra keys (e.g. an upgrade's versions) placed before `new`.
pub fn render_with(e: &Entry<'_>, extra: &[(&str, TValue)]) -> String {
    render_tables(e, e.old.map(answer_inline), extra, e.new.map(answer_inline).unwrap_or_default())
}

/// The general form, for changes that are not answers (an agreed value): `old` and `new` are
/// given as inline tables and `e.old` / `e.new` are ignored. Made as the entry's respondent.
pub fn render_tables(e: &Entry<'_>, old: Option<InlineTable>, extra: &[(&str, TValue)], new: InlineTable) -> String {
    render_tables_as(e, e.respondent, old, extra, new)
}

/// `render_tables` for a change made as `answering` (a respondent id; empty: no one), which
/// need not be the entry's respondent (an agreed level has none).
pub fn render_tables_as(
    e: &Entry<'_>,
    answering: &str,
    old: Option<InlineTable>,
    extra: &[(&str, TValue)],
    new: InlineTable,
) -> String {
    let mut t = InlineTable::new();
    t.insert("id", super::entry_id::new_id().into());
    t.insert("at", e.at.into());
    t.insert("by", e.by.into());
    t.insert("respondent", e.respondent.into());
    if !answering.is_empty() {
        t.insert("as", answering.into());
    }
    t.insert("question", e.question.into());
    t.insert("kind", e.kind.into());
    if let Some(n) = e.reverts {
        t.insert("reverts", TValue::from(n as i64));
    }
    if let Some(old) = old {
        t.insert("old", TValue::InlineTable(old));
    }
    for (k, v) in extra {
        t.insert(*k, v.clone());
    }
    t.insert("new", TValue::InlineTable(new));
    let mut t = TValue::InlineTable(t);
    one_line(&mut t);
    // Changes without a respondent (agreed values) name their question instead.
    let who = if e.respondent.is_empty() { e.question } else { e.respondent };
    let stamp = aira_core::text::sanitize(&format!("{} {} {}", e.at, who, std::process::id()), false).into_owned();
    format!("\n{HEADER} # {stamp}\nentry = {}\n", t.to_string().trim())
}

/// Force every string onto one line (`\n` escapes): toml_edit would write a note with newlines
/// as a multi-line string, and a note line starting with `[` would then pass for a header.
fn one_line(v: &mut TValue) {
    match v {
        TValue::String(s) if s.value().contains(['\n', '\r']) => {
            // A JSON string literal is also a valid TOML basic string.
            if let Ok(quoted) = serde_json::to_string(s.value())
                && let Ok(mut basic) = quoted.parse::<TValue>()
            {
                *basic.decor_mut() = s.decor().clone();
                *v = basic;
            }
        }
        TValue::Array(a) => a.iter_mut().for_each(one_line),
        TValue::InlineTable(t) => t.iter_mut().for_each(|(_, v)| one_line(v)),
        _ => {}
    }
}

/// Where the last entry starts (or 0), used to check and cut only the tail.
fn last_entry_start(text: &str) -> usize {
    let mut at = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        // Entries are written one key per line with inline values, so only a header (even a
        // torn one such as `[[cha`) begins with `[`.
        if line.starts_with('[') {
            at = offset;
        }
        offset += line.len();
    }
    at
}

/// If the last entry does not parse (a write cut by a power loss), the length to truncate the
/// file to so that every earlier entry stays. `None` when the tail is whole.
pub fn torn_tail(text: &str) -> Option<usize> {
    let start = last_entry_start(text);
    let tail = &text[start..];
    let whole = tail.is_empty()
        || (tail.ends_with('\n')
            && tail.parse::<toml::Table>().is_ok_and(|t| {
                t.get("change")
                    .and_then(toml::Value::as_array)
                    .and_then(|a| a.last())
                    .is_some_and(|c| c.get("entry").is_some())
            }));
    (!whole).then_some(start)
}

/// Every change, oldest first. Entries cut short by a crash or a full disk (`torn_entries`)
/// are skipped; anything else that does not parse is an error at its line and column.
/// Their strings follow the rule of every workspace file (no control characters; newlines only
/// in notes and log text), so an id or a note can neither drive a terminal nor be folded into an
/// answers file that would then be refused.
pub fn parse(path: &Path, text: &str) -> super::Result<Vec<Change>> {
    // Markers a `git merge` left would read as a torn last entry and be skipped.
    if let Some(e) = super::markers::unresolved(path, text) {
        return Err(e);
    }
    parse_skipping(path, text, &torn::torn_entries(text)).or_else(|e| {
        let strict = torn::strict(text);
        parse_skipping(path, text, &strict).map_err(|_| e)
    })
}

pub(super) fn parse_skipping(path: &Path, text: &str, torn: &[std::ops::Range<usize>]) -> super::Result<Vec<Change>> {
    let blanked;
    let text = if torn.is_empty() {
        text
    } else {
        blanked = torn::blank(text, torn);
        &blanked
    };
    let f: File = toml::from_str(text)
        .map_err(|e| super::WorkspaceError::at(path, text, e.span().map(|s| s.start), e.message().trim().to_owned()))?;
    super::strings::check_text(path, text)?;
    Ok(f.change
        .into_iter()
        .map(|w| {
            let mut c = w.entry;
            if c.id.is_empty() {
                let content = format!(
                    "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}",
                    c.at, c.by, c.respondent, c.question, c.kind, c.reverts, c.old, c.new
                );
                c.id = super::entry_id::derived(&content);
            }
            c
        })
        .collect())
}

/// The number (1-based) of the change an undo by anyone should revert: the newest one that
/// is neither an undo nor already reverted (see `undo_rule`).
pub fn undo_target(changes: &[Change]) -> Option<usize> {
    super::undo_rule::undo_target(changes.iter().map(Change::mark).enumerate().map(|(i, m)| (i + 1, m)), None)
}

/// `torn_entries`, exact even for a cut that passes the shape test (parses every entry when
/// the quick answer leaves the file unparseable).
pub fn torn_entries_exact(path: &Path, text: &str) -> Vec<std::ops::Range<usize>> {
    torn_entries_checked(path, text).unwrap_or_else(|_| torn::strict(text))
}

/// `torn_entries_exact`, or the parse error of a text that does not parse even with its torn
/// entries skipped (broken otherwise: a hand edit). One parse when nothing is torn.
pub fn torn_entries_checked(path: &Path, text: &str) -> super::Result<Vec<std::ops::Range<usize>>> {
    let quick = torn::torn_entries(text);
    match parse_skipping(path, text, &quick) {
        Ok(_) => Ok(quick),
        Err(e) => {
            let strict = torn::strict(text);
            parse_skipping(path, text, &strict).map(|_| strict).map_err(|_| e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(q: &str, new: &Answer) -> String {
        render(&Entry {
            at: "2026-01-01T00:00:00Z",
            by: "me",
            respondent: "default",
            question: q,
            kind: "answer",
            reverts: None,
            old: None,
            new: Some(new),
        })
    }

    #[test]
    fn entries_parse_back_and_torn_tails_are_found() {
        let a = Answer {
            value: Some(Value::Level(3)),
            note: "two\nlines \"quoted\"".into(),
            log: vec![LogEntry { at: "2026-01-01T00:00:00Z".into(), by: "me".into(), text: "[x]\n[[change]]".into() }],
            ..Default::default()
        };
        let text = entry("q1", &a) + &entry("q2", &a);
        assert_eq!(torn_tail(&text), None, "{text}");
        let changes = parse(Path::new("h"), &text).unwrap();
        assert_eq!(changes.len(), 2);
        assert_eq!(answer_from_table(changes[1].new.as_ref().unwrap()), a);
        for cut in 1..entry("q2", &a).len() {
            let torn = &text[..text.len() - cut];
            // Only the blank line before the second entry left: nothing is torn.
            let only_blank = torn.len() == entry("q1", &a).len() + 1;
            let keep = torn_tail(torn).or(only_blank.then_some(torn.len())).expect("torn tail not detected");
            let repaired = &torn[..keep];
            assert_eq!(parse(Path::new("h"), repaired).unwrap().len(), 1, "cut {cut}");
        }
    }

    #[test]
    fn undo_skips_undos_and_what_they_reverted() {
        let c = |kind: &str, reverts| Change {
            id: String::new(),
            at: String::new(),
            by: String::new(),
            respondent: String::new(),
            as_: String::new(),
            question: String::new(),
            kind: kind.into(),
            reverts,
            old: None,
            new: None,
        };
        let log = vec![c("answer", None), c("answer", None), c("undo", Some(2))];
        assert_eq!(undo_target(&log), Some(1));
        let log = vec![c("answer", None), c("undo", Some(1))];
        assert_eq!(undo_target(&log), None);
    }
}
