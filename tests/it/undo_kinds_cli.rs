//! Issue 16 leftovers through the real binary: `aira redo` of a respondent change is recorded
//! as a redo; `aira undo`/`aira redo` reach roadmap owners and due dates as whoever set them;
//! a consensus.toml left with git's conflict markers is refused at file:line:col, unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::engagement_cli::{aira, init, kinds, ok, refused};

use aira_store::workspace::{self, Access};

#[test]
fn redo_of_a_rename_says_and_records_redo() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen"]);
    ok(home.path(), &ws, &["respondent", "rename", "bo-chen", "Bo Chen-Li"]);
    assert!(ok(home.path(), &ws, &["undo"]).starts_with("Undid"));
    let out = ok(home.path(), &ws, &["redo"]);
    assert!(out.starts_with("Redid the change to respondent Bo Chen-Li"), "{out}");
    assert_eq!(kinds(&ws)[kinds(&ws).len() - 2..], ["undo", "redo"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.assessment.respondent("bo-chen").unwrap().name, "Bo Chen-Li");
}

#[test]
fn roadmap_owner_and_due_date_are_undone_and_redone_per_respondent() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen"]);
    let q = "plan-govern-policy";
    ok(home.path(), &ws, &["roadmap", "set", q, "--owner", "Dana", "--due", "2027-01-31"]);
    let out = ok(home.path(), &ws, &["undo", "--respondent", "Bo Chen"]);
    assert_eq!(out, "Nothing to undo for Bo Chen\n", "Ann answers by default: the roadmap entry is hers");
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(
        out.starts_with(&format!(
            "Undid Ann Le's roadmap owner Dana, due 2027-01-31 on {q} (was no owner, no due date)"
        )),
        "{out}"
    );
    assert!(workspace::open(&ws, Access::ReadOnly).unwrap().meta.roadmap_entry(q).is_none());
    let out = ok(home.path(), &ws, &["redo"]);
    assert!(out.starts_with("Redid Ann Le's roadmap owner Dana"), "{out}");
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.meta.roadmap_entry(q).map(|e| e.owner.as_str()), Some("Dana"));
}

#[test]
fn a_consensus_file_left_by_git_merge_is_refused_and_kept() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["agree", "plan-govern-policy", "2"]);
    let path = ws.join("consensus.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let at = text.find("level = 2").unwrap();
    let line = text[..at].lines().count() + 1;
    let merged = format!(
        "{}<<<<<<< HEAD\nlevel = 2\n=======\nlevel = 3\n>>>>>>> other\n{}",
        &text[..at],
        &text[at + "level = 2\n".len()..]
    );
    std::fs::write(&path, &merged).unwrap();
    let want = format!("consensus.toml:{line}:1: unresolved git merge");
    refused(home.path(), &ws, &["agree", "plan-govern-policy", "4"], &want);
    refused(home.path(), &ws, &["answer", "plan-govern-policy", "4"], "aira merge");
    let (code, _, err) = aira(home.path(), &ws, &["score"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(&want) && !err.contains("panicked"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), merged);
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(e.file_name()));
        } else if e.file_name() != ".aira.lock" {
            std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
        }
    }
}

/// Two copies that share a history ending in an undo or redo (of a roadmap entry, of an agreed
/// level): an agreed level changed in the other copy only is taken, with no conflict.
#[test]
fn a_shared_undo_or_redo_is_part_of_the_merge_base() {
    let q = "plan-govern-policy";
    for tail in [vec![vec!["roadmap", "set", q, "--owner", "Dana"], vec!["undo"]], vec![vec!["undo"], vec!["redo"]]] {
        let home = tempfile::tempdir().unwrap();
        let a = init(home.path(), &["--respondent", "Ann Le"]);
        ok(home.path(), &a, &["agree", q, "2"]);
        for args in &tail {
            ok(home.path(), &a, args);
        }
        let b = home.path().join("b");
        copy_dir(&a, &b);
        ok(home.path(), &b, &["agree", q, "3"]);
        let (code, out, err) = aira(home.path(), &a, &["merge", b.to_str().unwrap()]);
        assert_eq!(code, 0, "after {tail:?}, a change in one copy only is no conflict:\n{out}{err}");
        let opened = workspace::open(&a, Access::ReadOnly).unwrap();
        assert_eq!(opened.assessment.agreed.get(q), Some(&aira_core::assessment::Value::Level(3)), "{tail:?}");
    }
}
