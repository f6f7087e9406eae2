//! Several copies merged into one target in one run (`merge::Run`, as `aira merge C1 C2 …`):
//! the target's history is parsed once and then only what each merge appended, and the result
//! is what merging the copies one at a time gives: each entry once, a copy merged again brings
//! nothing.

use std::collections::HashSet;

use super::merge_writes_tests::{answer_all, copy_dir};
use super::tests::new_ws;
use super::*;

fn ids(entries: &[merge_base::Entry]) -> Vec<(String, String)> {
    entries.iter().map(|e| (e.change.id.clone(), e.text.clone())).collect()
}

/// Two copies of one target: `a` re-levels `default`, `b` adds respondent `bo`.
fn copies() -> (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir) {
    let target = new_ws();
    answer_all(target.path(), &["default"], 1);
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    copy_dir(target.path(), a.path());
    copy_dir(target.path(), b.path());
    answer_all(a.path(), &["default"], 2);
    answer_all(b.path(), &["bo"], 4);
    (target, a, b)
}

#[test]
fn entries_since_a_mark_are_the_entries_read_again() {
    let (target, a, _b) = copies();
    let was = merge_base::mark(target.path()).unwrap();
    let known = merge_base::entries(target.path()).unwrap();
    let src = open(a.path(), Access::ReadOnly).unwrap();
    let mut ws = open(target.path(), Access::Write).unwrap();
    merge::merge(&mut ws, &src, "me", "2026-03-02T00:00:00Z").unwrap();
    let (now, since) = merge_base::entries_since(target.path(), &was, known).unwrap();
    let again = merge_base::entries(target.path()).unwrap();
    assert!(since.len() > 16, "the merge appended entries: {}", since.len());
    assert_eq!(ids(&since), ids(&again));
    assert_eq!(now, merge_base::mark(target.path()).unwrap());
    // A journal left beside the history is read in full again (its entries count as history).
    let journal = journal::path(target.path(), "default");
    std::fs::write(&journal, "").unwrap();
    let (_, read) = merge_base::entries_since(target.path(), &now, since).unwrap();
    assert_eq!(ids(&read), ids(&merge_base::entries(target.path()).unwrap()));
}

#[test]
fn one_run_over_several_copies_brings_each_entry_once_and_again_nothing() {
    let (target, a, b) = copies();
    let mut ws = open(target.path(), Access::Write).unwrap();
    let mut run = merge::Run::default();
    let at = "2026-03-02T00:00:00Z";
    for dir in [a.path(), b.path()] {
        let src = open(dir, Access::ReadOnly).unwrap();
        assert!(!run.merge(&mut ws, &src, "me", at).unwrap().events.is_empty(), "{}", dir.display());
    }
    let after = merge_base::entries(target.path()).unwrap();
    // Counted as written, not as read (reading keeps the first of an id written twice).
    let written = history_parts::count(target.path()).unwrap();
    for dir in [a.path(), b.path()] {
        let src = open(dir, Access::ReadOnly).unwrap();
        let out = run.merge(&mut ws, &src, "me", at).unwrap();
        assert!(out.events.is_empty(), "merged again, {} brought {:?}", dir.display(), out.events);
    }
    let last = merge_base::entries(target.path()).unwrap();
    assert_eq!(history_parts::count(target.path()).unwrap(), written, "a second merge in the run wrote entries again");
    assert_eq!(ids(&last), ids(&after), "a second merge in the run wrote entries");
    let unique: HashSet<&str> = last.iter().map(|e| e.change.id.as_str()).collect();
    assert_eq!(unique.len(), last.len(), "an entry twice");
    for dir in [a.path(), b.path()] {
        for e in merge_base::entries(dir).unwrap() {
            assert!(unique.contains(e.change.id.as_str()), "{} lacks an entry of {}", "target", dir.display());
        }
    }
    drop(ws);
    let ws = open(target.path(), Access::ReadOnly).unwrap();
    assert!(ws.assessment.respondent("default").unwrap().answers.values().all(|x| x.level() == Some(2)));
    assert_eq!(ws.assessment.respondent("bo").unwrap().answers.len(), 16);
}

/// A copy's entries read with the target's parse at hand are the entries read alone: shared
/// ones taken over, and an entry whose text differs (same id, edited in the copy) parsed from
/// the copy's own text, never taken from the target's.
#[test]
fn a_copys_entries_reusing_the_targets_parse_are_its_own() {
    let (target, a, _b) = copies();
    let ours = merge_base::entries(target.path()).unwrap();
    // The copy's first entry, rewritten by hand under the same id (a level the target lacks).
    let path = a.path().join(history::FILE);
    let text = std::fs::read_to_string(&path).unwrap();
    let first = ours[0].text.trim();
    let edited = first.replacen("level = 1", "level = 5", 1);
    assert_ne!(first, edited, "the fixture's first entry sets level 1");
    std::fs::write(&path, text.replacen(first, &edited, 1)).unwrap();
    let alone = merge_base::entries(a.path()).unwrap();
    let reusing = merge_base::entries_reusing(a.path(), &ours).unwrap();
    assert_eq!(ids(&reusing), ids(&alone));
    let changes = |e: &[merge_base::Entry]| e.iter().map(|e| format!("{:?}", e.change)).collect::<Vec<_>>();
    assert_eq!(changes(&reusing), changes(&alone));
    assert_ne!(format!("{:?}", reusing[0].change), format!("{:?}", ours[0].change), "the edit is the copy's");
}
