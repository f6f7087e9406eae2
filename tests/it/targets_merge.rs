//! Engagement targets in a merge: `aira merge` of two copies takes a target changed on one side
//! only and resolves one changed on both (the later decision stands), listed and recorded;
//! `git merge` of two clones that changed different targets, then `aira`, gives the same.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as ok, run_in as aira};

use std::collections::BTreeMap;
use std::path::Path;

use aira_store::workspace::{self, Access};

const FIRST: &str = "plan-govern-policy";
const FAR: &str = "act-manage-corrective";
const MID: &str = "do-map-inventory";

fn init(home: &Path, name: &str) -> std::path::PathBuf {
    let dir = home.join(name);
    common::init(home, &dir, None);
    dir
}

fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("answers")).unwrap();
    for sub in ["", "answers"] {
        let Ok(list) = std::fs::read_dir(from.join(sub)) else { continue };
        for e in list.flatten() {
            let name = e.file_name().into_string().unwrap();
            if e.path().is_file() && name != ".aira.lock" {
                std::fs::copy(e.path(), to.join(sub).join(&name)).unwrap();
            }
        }
    }
}

fn targets(dir: &Path) -> BTreeMap<String, u8> {
    workspace::open(dir, Access::ReadOnly).unwrap().assessment.targets
}

#[test]
fn aira_merge_takes_one_sided_targets_and_resolves_a_two_sided_one() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let base = init(h, "base");
    ok(h, &base, &["target", FIRST, "2"]);
    let (a, b) = (h.join("a"), h.join("b"));
    copy(&base, &a);
    copy(&base, &b);
    ok(h, &a, &["target", MID, "4"]);
    ok(h, &a, &["target", FIRST, "3"]);
    ok(h, &b, &["target", FAR, "1"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(h, &b, &["target", FIRST, "5"]);
    let (code, out, err) = aira(h, &a, &["merge", b.to_str().unwrap()]);
    assert_eq!(code, 3, "one conflict resolved: {out}{err}");
    assert!(out.contains(&format!("took the engagement target of {FAR} (target 1; changed there only)")), "{out}");
    assert!(out.contains(&format!("CONFLICT target {FIRST}: kept target 5")), "{out}");
    let want: BTreeMap<String, u8> = [(FIRST.to_owned(), 5), (MID.to_owned(), 4), (FAR.to_owned(), 1)].into();
    assert_eq!(targets(&a), want);
    let h2 = workspace::read_history(&a).unwrap();
    let conflict = h2.iter().rev().find(|c| c.kind == "target" && c.question == FIRST).unwrap();
    let old = conflict.old.as_ref().and_then(|t| t.get("level")).and_then(toml::Value::as_integer);
    assert_eq!(old, Some(3), "the target not kept is recorded");
    // Merged again: nothing new, no conflict.
    let (code, out, _) = aira(h, &a, &["merge", b.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    crate::content_support::git_ok(dir, args)
}

#[test]
fn git_merge_of_clones_that_set_different_targets_then_aira_gives_what_aira_merge_gives() {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git not found");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let o = init(h, "origin");
    ok(h, &o, &["target", MID, "2"]);
    git(&o, &["init", "-q", "-b", "main"]);
    git(&o, &["add", "-A"]);
    git(&o, &["commit", "-qm", "origin"]);
    let (a, b) = (h.join("a"), h.join("b"));
    for d in [&a, &b] {
        git(h, &["clone", "-q", o.to_str().unwrap(), d.to_str().unwrap()]);
    }
    ok(h, &a, &["target", FIRST, "4"]);
    ok(h, &b, &["target", FAR, "1"]);
    for (d, who) in [(&a, "a"), (&b, "b")] {
        git(d, &["add", "-A"]);
        git(d, &["commit", "-qm", who]);
    }
    let (a2, b2) = (h.join("a2"), h.join("b2"));
    copy(&a, &a2);
    copy(&b, &b2);
    let (code, out, err) = aira(h, &a2, &["merge", b2.to_str().unwrap()]);
    assert_eq!(code, 0, "one-sided changes only: {out}{err}");
    // Both clones added a table at targets.toml's end: git leaves conflict markers there.
    let pulled = std::process::Command::new("git")
        .current_dir(&a)
        .args(["pull", "-q", "--no-rebase", "--no-edit", b.to_str().unwrap(), "main"])
        .output()
        .unwrap();
    assert!(!pulled.status.success(), "git reports the conflict in targets.toml");
    assert!(std::fs::read_to_string(a.join("targets.toml")).unwrap().contains("<<<<<<<"));
    let (code, out, err) = aira(h, &a, &["score"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("targets.toml") && err.contains("no conflict"), "{err}");
    assert_eq!(targets(&a), targets(&a2), "git merge + aira and aira merge agree");
    // The next writer saves the resolution: the markers are gone, the targets the same.
    drop(workspace::open(&a, Access::Write).unwrap());
    assert!(!std::fs::read_to_string(a.join("targets.toml")).unwrap().contains("<<<<<<<"));
    assert_eq!(targets(&a), targets(&a2));
    let want: BTreeMap<String, u8> = [(FIRST.to_owned(), 4), (MID.to_owned(), 2), (FAR.to_owned(), 1)].into();
    assert_eq!(targets(&a), want);
}
