//! Three-way merge (issue 16 item 4): two copies of one workspace edited apart merge against
//! what they last shared, through `aira merge` and through `git merge` followed by `aira`,
//! with the same result. The finding: a log line added on one copy restamped the
//! answer, and merge then kept that copy's older level and called the other's change CONFLICT.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as ok, run_in as aira};

use std::path::{Path, PathBuf};

use aira_core::assessment::{Answer, LogEntry, Value};
use aira_store::workspace::{self, Access, Change};

/// A copy of a workspace folder as a facilitator's laptop would get it (no lock, no git).
fn copy(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("answers")).unwrap();
    for sub in ["", "answers"] {
        for e in std::fs::read_dir(from.join(sub)).unwrap().flatten() {
            let name = e.file_name().into_string().unwrap();
            if e.path().is_file() && name != ".aira.lock" {
                std::fs::copy(e.path(), to.join(sub).join(&name)).unwrap();
            }
        }
    }
}

/// The wizard's way of adding an interview-log line (`edit_answer` then save), as it is
/// today: the whole answer is written back, restamped now.
fn add_log_line(dir: &Path, respondent: &str, question: &str, text: &str) {
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let r = ws.assessment.respondent(respondent).unwrap().clone();
    let old = r.answer(question).cloned();
    let mut new = old.clone().unwrap_or_default();
    let at = workspace::now_rfc3339();
    new.log.push(LogEntry { at: at.clone(), by: "alex".into(), text: text.into() });
    new.answered_at = at.clone();
    let c = Change {
        respondent: r.clone_header(),
        question: question.into(),
        old,
        new: Some(new),
        by: "alex".into(),
        at,
        kind: "answer".into(),
        reverts: None,
    };
    ws.store.as_mut().unwrap().apply(&c).unwrap();
}

fn answer(dir: &Path, respondent: &str, question: &str) -> Answer {
    let ws = workspace::open(dir, Access::ReadOnly).unwrap();
    ws.assessment.respondent(respondent).unwrap().answer(question).unwrap().clone()
}

/// The origin both copies start from: Ann answered two questions.
fn origin(home: &Path) -> PathBuf {
    let dir = home.join("origin");
    common::init(home, &dir, None);
    ok(home, &dir, &["respondent", "add", "Ann Lee"]);
    ok(home, &dir, &["answer", "--respondent", "Ann Lee", "plan-govern-policy", "2", "--note", "Draft policy"]);
    ok(home, &dir, &["answer", "--respondent", "ann-lee", "plan-map-context", "1"]);
    dir
}

/// The edits. B re-rates the policy (3); A, later, adds a log line to it. A and B
/// both re-rate the context question, differently: the one real conflict. B adds Bo.
fn edit(home: &Path, a: &Path, b: &Path) {
    ok(home, b, &["answer", "--respondent", "ann-lee", "plan-govern-policy", "3", "--note", "Draft policy"]);
    ok(home, a, &["answer", "--respondent", "ann-lee", "plan-map-context", "2"]);
    ok(home, b, &["answer", "--respondent", "ann-lee", "plan-map-context", "3"]);
    ok(home, b, &["respondent", "add", "Bo Chen"]);
    ok(home, b, &["answer", "--respondent", "Bo Chen", "do-govern-roles", "na"]);
    add_log_line(a, "ann-lee", "plan-govern-policy", "board meets in May");
}

#[test]
fn a_one_sided_change_is_taken_and_only_a_real_conflict_is_one() {
    let home = tempfile::tempdir().unwrap();
    let o = origin(home.path());
    let (a, b) = (home.path().join("a"), home.path().join("b"));
    copy(&o, &a);
    copy(&o, &b);
    edit(home.path(), &a, &b);

    let (code, out, err) = aira(home.path(), &a, &["merge", b.to_str().unwrap()]);
    assert_eq!(code, 3, "one real conflict → exit 3\n{out}{err}");
    let conflicts: Vec<&str> = out.lines().filter(|l| l.contains("CONFLICT")).collect();
    assert_eq!(conflicts.len(), 1, "{out}");
    assert!(conflicts[0].contains("ann-lee / plan-map-context (level changed on both sides)"), "{out}");
    // B's later level 3 is kept (the newer of the two), A's 2 is recorded.
    assert!(conflicts[0].contains("kept level 3"), "{out}");

    // The policy: B's level and stamp, A's log line, no conflict.
    let pol = answer(&a, "ann-lee", "plan-govern-policy");
    assert_eq!(pol.value, Some(Value::Level(3)), "{out}");
    assert_eq!(pol.note, "Draft policy");
    assert_eq!(pol.log.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(), ["board meets in May"]);
    assert_eq!(pol.answered_at, answer(&b, "ann-lee", "plan-govern-policy").answered_at);
    assert_eq!(answer(&a, "ann-lee", "plan-map-context").value, Some(Value::Level(3)));
    assert_eq!(answer(&a, "bo-chen", "do-govern-roles").value, Some(Value::NotApplicable));

    // Both histories' entries are in the result, each once, and the conflict is recorded.
    let ids = |d: &Path| -> Vec<String> { workspace::read_history(d).unwrap().into_iter().map(|c| c.id).collect() };
    let merged = ids(&a);
    let unique: std::collections::HashSet<&String> = merged.iter().collect();
    assert_eq!(unique.len(), merged.len(), "an entry twice");
    for id in ids(&b) {
        assert!(merged.contains(&id), "B's entry {id} missing");
    }
    let h = workspace::read_history(&a).unwrap();
    let rec = h.iter().find(|c| c.kind == "merge" && c.question == "plan-map-context").unwrap();
    let lost = workspace::history::answer_from_table(rec.old.as_ref().unwrap());
    assert_eq!(lost.value, Some(Value::Level(2)), "A's answer, not kept, is in the history");

    // Merging again: nothing left to bring, no conflict.
    let (code, out, _) = aira(home.path(), &a, &["merge", b.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(workspace::read_history(&a).unwrap().len(), h.len(), "{out}");
}

fn git(dir: &Path, args: &[&str]) -> String {
    crate::content_support::git_ok(dir, args)
}

/// Every respondent's answers and the agreed values, as a merge result is compared.
fn state(dir: &Path) -> Vec<(String, String, Answer)> {
    let ws = workspace::open(dir, Access::ReadOnly).unwrap();
    let mut out = Vec::new();
    for r in &ws.assessment.respondents {
        for (q, a) in &r.answers {
            out.push((r.id.clone(), q.clone(), a.clone()));
        }
    }
    out.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
    out
}

#[test]
fn git_merge_then_aira_gives_what_aira_merge_gives() {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git not found");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let o = origin(home.path());
    git(&o, &["init", "-q", "-b", "main"]);
    git(&o, &["add", "-A"]);
    git(&o, &["commit", "-qm", "origin"]);
    let (a, b) = (home.path().join("a"), home.path().join("b"));
    for d in [&a, &b] {
        git(home.path(), &["clone", "-q", o.to_str().unwrap(), d.to_str().unwrap()]);
    }
    edit(home.path(), &a, &b);
    for (d, who) in [(&a, "a"), (&b, "b")] {
        git(d, &["add", "-A"]);
        git(d, &["commit", "-qm", who]);
    }
    // The same two copies, merged by aira instead.
    let (a2, b2) = (home.path().join("a2"), home.path().join("b2"));
    copy(&a, &a2);
    copy(&b, &b2);
    let (code, out, err) = aira(home.path(), &a2, &["merge", b2.to_str().unwrap()]);
    assert_eq!(code, 3, "{out}{err}");

    // git: history.toml merges by union; Ann's answers file conflicts (both sides changed it).
    let pulled = std::process::Command::new("git")
        .current_dir(&a)
        .args(["pull", "-q", "--no-rebase", "--no-edit", b.to_str().unwrap(), "main"])
        .output()
        .unwrap();
    assert!(!pulled.status.success(), "git reports the conflict in answers/ann-lee.toml");
    let ann = std::fs::read_to_string(a.join("answers/ann-lee.toml")).unwrap();
    assert!(ann.contains("<<<<<<<"), "{ann}");
    // Any command that opens the workspace resolves it, as aira merge does, and says so.
    let (code, out, err) = aira(home.path(), &a, &["score"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("answers/ann-lee.toml") && err.contains("CONFLICT"), "{err}");
    assert_eq!(state(&a), state(&a2), "git merge + aira and aira merge agree");
    // A reader only sees the resolution; the next writer (the wizard, any changing command)
    // saves it.
    if !err.contains("not saved") {
        assert!(!std::fs::read_to_string(a.join("answers/ann-lee.toml")).unwrap().contains("<<<<<<<"));
    }
    drop(workspace::open(&a, Access::Write).unwrap());
    assert_eq!(state(&a), state(&a2));
    let ann = std::fs::read_to_string(a.join("answers/ann-lee.toml")).unwrap();
    assert!(!ann.contains("<<<<<<<"), "the resolved file is written back\n{ann}");
    // Both histories' entries once each, and the conflict recorded, as in aira merge.
    let h = workspace::read_history(&a).unwrap();
    let ids: std::collections::HashSet<&str> = h.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids.len(), h.len());
    let rec = h.iter().find(|c| c.kind == "merge" && c.question == "plan-map-context").unwrap();
    assert_eq!(workspace::history::answer_from_table(rec.old.as_ref().unwrap()).value, Some(Value::Level(2)));
    // Committing the resolution leaves a clean tree, and opening again changes nothing.
    git(&a, &["add", "-A"]);
    git(&a, &["commit", "-qm", "merged", "--no-edit"]);
    let (code, _, err) = aira(home.path(), &a, &["score"]);
    assert_eq!(code, 0);
    assert!(!err.contains("CONFLICT"), "{err}");
    assert_eq!(workspace::read_history(&a).unwrap().len(), h.len());
}
