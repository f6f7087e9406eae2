//! Two facilitators capture different respondents in clones of one workspace; real git merges
//! the clones with no conflict and aira then sees both respondents' answers.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as aira};

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> String {
    crate::content_support::git_ok(dir, args)
}

#[test]
fn clones_with_different_respondents_merge_without_conflict() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git not found");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let origin = home.path().join("origin");
    let (code, _, err) = common::run(home.path(), &["init", origin.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    // An agreed value settled before the clones: neither clone touches consensus.toml.
    aira(home.path(), &origin, &["agree", "plan-govern-ai-policy", "3", "--note", "kick-off"]);
    git(&origin, &["init", "-q", "-b", "main"]);
    git(&origin, &["add", "-A"]);
    git(&origin, &["commit", "-qm", "new assessment"]);
    let a = home.path().join("laptop-a");
    let b = home.path().join("laptop-b");
    git(home.path(), &["clone", "-q", origin.to_str().unwrap(), a.to_str().unwrap()]);
    git(home.path(), &["clone", "-q", origin.to_str().unwrap(), b.to_str().unwrap()]);

    aira(home.path(), &a, &["respondent", "add", "Ann Lee"]);
    aira(home.path(), &b, &["respondent", "add", "Bo Chen"]);
    aira(home.path(), &a, &["answer", "--respondent", "Ann Lee", "plan-govern-ai-policy", "2", "--note", "Draft"]);
    aira(home.path(), &a, &["answer", "--respondent", "Ann Lee", "plan-map-scope", "na"]);
    aira(home.path(), &b, &["answer", "--respondent", "Bo Chen", "plan-govern-ai-policy", "4"]);
    // Laptop B adds an interview log line by hand (the file format is the interface).
    let bo = b.join("answers/bo-chen.toml");
    let text = std::fs::read_to_string(&bo).unwrap();
    let log = "log = [\n  { at = \"2026-03-02T10:00:00+00:00\", by = \"sam\", text = \"policy is with legal\" },\n]\n";
    std::fs::write(&bo, format!("{text}{log}")).unwrap();
    for (dir, who) in [(&a, "ann"), (&b, "bo")] {
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-qm", who]);
    }
    assert!(!git(&a, &["ls-files"]).contains(".aira.lock"), "the lock must not be committed");
    git(&a, &["pull", "-q", "--no-rebase", "--no-edit", b.to_str().unwrap(), "main"]);
    assert!(git(&a, &["status", "--porcelain"]).is_empty());

    let ws = aira_store::workspace::open(&a, aira_store::workspace::Access::ReadOnly).unwrap();
    let ann = ws.assessment.respondent("ann-lee").unwrap();
    let bo = ws.assessment.respondent("bo-chen").unwrap();
    assert_eq!(ann.name, "Ann Lee");
    assert_eq!(ann.answer("plan-govern-ai-policy").unwrap().level(), Some(2));
    assert_eq!(bo.answer("plan-govern-ai-policy").unwrap().level(), Some(4));
    assert_eq!(ws.assessment.spread("plan-govern-ai-policy"), 2);
    let log = &bo.answer("plan-govern-ai-policy").unwrap().log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].text, "policy is with legal");
    assert_eq!(ws.assessment.agreed["plan-govern-ai-policy"], aira_core::assessment::Value::Level(3));
    assert_eq!(ws.assessment.agreed_meta["plan-govern-ai-policy"].note, "kick-off");
    let history = aira_store::workspace::read_history(&a).unwrap();
    // 4 answer/agree entries and the two `respondent` adds.
    assert_eq!(history.len(), 6, "the agree entry and both clones' history entries are kept");
}
