//! history.toml at its limits: it never grows past what can be read again (rotated into
//! `history/` parts, every entry still seen by undo), a single oversized entry is refused before
//! anything is written, and a file broken in its middle is never appended to.
#![cfg(unix)]

use super::hostile_tests::full_ws;
use super::*;
use aira_core::assessment::{Answer, Value};

fn note_change(ws: &Workspace, q: &str, level: u8, note: String) -> Change {
    let r = ws.assessment.respondent("default").unwrap().clone();
    Change {
        old: r.answer(q).cloned(),
        respondent: r,
        question: q.into(),
        new: Some(Answer { value: Some(Value::Level(level)), note, answered_at: now_rfc3339(), ..Default::default() }),
        by: "tester".into(),
        at: now_rfc3339(),
        kind: "answer".into(),
        reverts: None,
    }
}

/// Save `n` answers whose notes are `size` bytes each, through one writer.
fn save_big_notes(ws: &mut Workspace, n: usize, size: usize) {
    for i in 0..n {
        let note = format!("{i} {}", "x".repeat(size));
        let c = note_change(ws, "do-map-inventory", (i % 4) as u8 + 1, note);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
        let r = ws.assessment.respondents.iter_mut().find(|r| r.id == "default").unwrap();
        r.answers.insert(c.question.clone(), c.new.clone().unwrap());
    }
}

/// A history entry for `q` whose new answer carries a note of `size` bytes.
fn big_entry(i: usize, size: usize) -> String {
    let new = Answer { value: Some(Value::Level(2)), note: format!("{i} {}", "x".repeat(size)), ..Default::default() };
    let e = history::Entry {
        at: "2026-11-22T10:00:00Z",
        by: "tester",
        respondent: "default",
        question: "do-map-inventory",
        kind: "answer",
        reverts: None,
        old: None,
        new: Some(&new),
    };
    history::render(&e)
}

#[test]
fn history_never_grows_past_the_read_limit_and_the_workspace_still_opens() {
    let dir = full_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    // 14 entries just under the entry cap: 56 MB in all, more than the 50 MB read limit.
    for i in 0..14 {
        ws.store.as_mut().unwrap().record(&big_entry(i, history::MAX_ENTRY_BYTES - 1000)).unwrap();
    }
    drop(ws);
    for path in std::iter::once(dir.path().join(history::FILE)).chain(history_parts::parts(dir.path()).unwrap()) {
        let size = std::fs::metadata(&path).unwrap().len();
        assert!(size <= MAX_FILE_BYTES * 8 / 10, "{} is {size} bytes", path.display());
    }
    let ws = open(dir.path(), Access::Write).unwrap();
    assert_eq!(ws.history_len, 2 + 14);
}

/// A workspace whose 22 entries were rotated into three parts or more.
fn rotated_ws() -> tempfile::TempDir {
    let dir = full_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    ws.store.as_mut().unwrap().set_history_rotation(3000);
    save_big_notes(&mut ws, 20, 400);
    drop(ws);
    assert!(history_parts::parts(dir.path()).unwrap().len() >= 3, "no rotation");
    dir
}

#[test]
fn rotated_history_keeps_every_entry_for_undo_numbered_across_the_parts() {
    let dir = rotated_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    assert_eq!(ws.history_len, 22);
    let all = read_history(dir.path()).unwrap();
    assert_eq!(all.len(), 22);
    assert!(all[21].new.as_ref().unwrap()["note"].as_str().unwrap().starts_with("19 "));
    let undone = undo(&mut ws, "tester").unwrap().unwrap();
    assert_eq!(undone.reverts, Some(22));
    assert!(undone.new.unwrap().note.starts_with("18 "));
    // The undo itself is entry 23, and the next undo skips it and what it reverted.
    let undone = undo(&mut ws, "tester").unwrap().unwrap();
    assert_eq!(undone.reverts, Some(21));
}

/// One entry read alone (the wizard's facts undo) is the entry `read_history` numbers so, in
/// whichever part it was rotated to, and an error in it is at its own line.
#[test]
fn one_entry_read_alone_is_the_one_the_whole_trail_numbers_so() {
    let dir = rotated_ws();
    let all = read_history(dir.path()).unwrap();
    let texts = history_parts::texts(dir.path()).unwrap();
    let alone: Vec<history::Change> =
        (1..=all.len()).map(|n| history_parts::entry(&texts, n).unwrap().unwrap()).collect();
    let ids = |cs: &[history::Change]| cs.iter().map(|c| c.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&alone), ids(&all));
    assert!(history_parts::entry(&texts, 0).unwrap().is_none() && history_parts::entry(&texts, 23).unwrap().is_none());
    let path = dir.path().join(history::FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let last = text.rfind("entry = {").unwrap();
    let line = text[..last].matches('\n').count() + 1;
    std::fs::write(&path, format!("{}entry = {{ oops{}", &text[..last], &text[last + 9..])).unwrap();
    let texts = history_parts::texts(dir.path()).unwrap();
    let err = history_parts::entry(&texts, 22).unwrap_err().to_string();
    assert!(err.contains(&format!("history.toml:{line}:")), "line {line}: {err}");
}

#[test]
fn a_change_whose_history_entry_is_too_large_is_refused_before_anything_is_written() {
    let dir = full_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let answers_before = std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap();
    let history_before = std::fs::read_to_string(dir.path().join(history::FILE)).unwrap();
    let c = note_change(&ws, "do-map-inventory", 3, "y".repeat(history::MAX_ENTRY_BYTES + 1));
    let err = ws.store.as_mut().unwrap().apply(&c).unwrap_err().to_string();
    assert!(err.contains("history entry") && err.contains("the limit is"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap(), answers_before);
    assert_eq!(std::fs::read_to_string(dir.path().join(history::FILE)).unwrap(), history_before);
}

/// history.toml with a hand edit that breaks its first entry (not the tail).
fn break_history_middle(dir: &Path) -> String {
    let path = dir.join(history::FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let broken = text.replacen("entry = {", "entry = { oops", 1);
    assert_ne!(broken, text);
    std::fs::write(&path, &broken).unwrap();
    broken
}

#[test]
fn a_history_broken_in_its_middle_is_never_appended_to_and_is_located() {
    let dir = full_ws();
    let broken = break_history_middle(dir.path());
    // A CLI writer is refused with the file, line and column; nothing changes.
    let err = open(dir.path(), Access::Write).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(err.contains("history.toml:3:"), "{err}");
    assert!(err.contains("mend"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join(history::FILE)).unwrap(), broken);
    // The wizard opens read-only and says why, in one line.
    let ws = open(dir.path(), Access::WriteOrReadOnly).unwrap();
    assert!(ws.store.is_none());
    assert!(ws.notices.iter().any(|n| n.contains("history.toml:3:") && !n.contains('\n')), "{:?}", ws.notices);
    // Read-only commands still work.
    assert!(open(dir.path(), Access::ReadOnly).is_ok());
}

/// Items 1 and 14 together: an entry cut at any byte before good ones is torn (skipped, the
/// rest read), while a hand edit that leaves the entry line closed is an error at its line,
/// even with braces and quotes inside its strings.
#[test]
fn a_cut_entry_anywhere_is_torn_and_a_closed_edited_line_is_an_error() {
    let tricky = Answer {
        value: Some(Value::Level(2)),
        note: "braces } { and \"quotes\" and 'single' \\ back".into(),
        ..Default::default()
    };
    let e = history::Entry {
        at: "2026-11-22T10:00:00Z",
        by: "tester",
        respondent: "default",
        question: "do-map-inventory",
        kind: "answer",
        reverts: None,
        old: Some(&tricky),
        new: Some(&tricky),
    };
    let one = history::render(&e);
    let good = big_entry(1, 10);
    let path = Path::new(history::FILE);
    for cut in 1..one.len() - 1 {
        let Some(part) = one.get(..cut) else { continue };
        let text = format!("{good}{part}{good}");
        let read = history::parse(path, &text).unwrap_or_else(|e| panic!("cut at {cut}: {e}\n{text}"));
        assert_eq!(read.len(), 2, "cut at {cut}");
    }
    let edited = format!("{good}{}{good}", one.replacen("entry = {", "entry = { oops", 1));
    let err = history::parse(path, &edited).unwrap_err().to_string();
    assert!(err.contains("history.toml:"), "{err}");
}

/// Item 8's journal twin: the wizard journals every save until it quits, so big notes saved
/// often grew answers/<id>.journal past the read limit, and after a crash nothing opened. A
/// journal is folded into its answers file before an append would take it past the limit.
#[test]
fn a_journal_is_folded_in_before_it_would_grow_past_the_limit() {
    let dir = full_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    s.use_journal(true);
    s.set_history_rotation(3000);
    let jpath = journal::path(dir.path(), "default");
    for i in 0..12 {
        save_big_notes(&mut ws, 1, 400 + i);
        let len = std::fs::metadata(&jpath).map(|m| m.len()).unwrap_or(0);
        assert!(len <= 3000, "save {i}: the journal is {len} bytes");
    }
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    let note = &ws.assessment.respondent("default").unwrap().answer("do-map-inventory").unwrap().note;
    assert!(note.starts_with("0 ") && note.len() == 2 + 411, "the last save is there: {} bytes", note.len());
}
