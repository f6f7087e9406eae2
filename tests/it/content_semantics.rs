//! Issue 14 items 4, 5, 6, 7 and 13: what a workspace's contents make aira do. Merge reads a
//! source's journal, upgrade moves everything keyed by question id, init never replaces a
//! questionnaire, undo never reverts what is no longer on disk, and the smaller ones.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use aira_core::assessment::{Answer, LogEntry, Value};
use aira_store::workspace::{self, Access, history};

use crate::common;

use crate::content_support::{MINI, aira, git, git_ok, init, ok};

/// One journal entry, as the wizard appends it.
fn journal_entry(respondent: &str, question: &str, new: &Answer) -> String {
    history::render(&history::Entry {
        at: "2026-05-01T10:00:00Z",
        by: "wizard",
        respondent,
        question,
        kind: "answer",
        reverts: None,
        old: None,
        new: Some(new),
    })
}

fn level(l: u8, at: &str) -> Answer {
    Answer { value: Some(Value::Level(l)), answered_at: at.into(), answered_by: "w".into(), ..Default::default() }
}

#[test]
fn merge_brings_answers_still_in_a_sources_journal() {
    let home = tempfile::tempdir().unwrap();
    let target = init(home.path(), "target");
    let source = init(home.path(), "source");
    // A respondent only the source has, and one both have; each with a change still journaled.
    ok(home.path(), &source, &["respondent", "add", "ann"]);
    ok(home.path(), &source, &["answer", "--respondent", "ann", "plan-govern-policy", "2"]);
    ok(home.path(), &source, &["answer", "plan-govern-policy", "1"]);
    ok(home.path(), &target, &["answer", "plan-map-context", "1"]);
    let j = journal_entry("ann", "do-map-inventory", &level(4, "2026-05-01T10:00:00Z"))
        + &journal_entry("ann", "plan-govern-policy", &level(3, "2026-05-01T10:00:01Z"));
    std::fs::write(source.join("answers/ann.journal"), j).unwrap();
    let j = journal_entry("facilitator", "check-govern-audit", &level(5, "2026-05-01T10:00:02Z"));
    std::fs::write(source.join("answers/facilitator.journal"), j).unwrap();
    let journals = [source.join("answers/ann.journal"), source.join("answers/facilitator.journal")];
    let before: Vec<Vec<u8>> = journals.iter().map(|p| std::fs::read(p).unwrap()).collect();

    ok(home.path(), &target, &["merge", source.to_str().unwrap()]);

    let ws = workspace::open(&target, Access::ReadOnly).unwrap();
    let ann = ws.assessment.respondent("ann").expect("ann merged");
    assert_eq!(ann.answer("do-map-inventory").and_then(Answer::level), Some(4), "journaled answer of a new respondent");
    assert_eq!(
        ann.answer("plan-govern-policy").and_then(Answer::level),
        Some(3),
        "journaled change of a new respondent"
    );
    let d = ws.assessment.respondent("facilitator").unwrap();
    assert_eq!(d.answer("check-govern-audit").and_then(Answer::level), Some(5), "journaled answer of a shared one");
    // The sources are only read: their journals are left alone.
    let after: Vec<Vec<u8>> = journals.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert_eq!(before, after);
    // And merging again brings nothing new.
    let (code, out, _) = aira(home.path(), &target, &["merge", source.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("added"), "{out}");
}

/// Version 0.2.0 of mini: `plan-govern-policy` renamed to `plan-govern-ai-policy`.
fn mini_v2() -> String {
    MINI.replace("version = \"0.1.0\"", "version = \"0.2.0\"")
        .replace("id = \"plan-govern-policy\"", "id = \"plan-govern-ai-policy\"\nreplaces = [\"plan-govern-policy\"]")
}

#[test]
fn upgrade_moves_agreed_levels_flags_notes_evidence_logs_and_keeps_soa() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), "ws");
    std::fs::write(home.path().join("mini2.toml"), mini_v2()).unwrap();
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "2", "--note", "draft only"]);
    ok(home.path(), &ws, &["agree", "plan-govern-policy", "3", "--note", "agreed in the workshop"]);
    ok(home.path(), &ws, &["soa", "set", "A.2.2", "--applicable"]);
    let path = ws.join("answers/facilitator.toml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "level = 2\n",
        "level = 2\nflag = true\nevidence = [\"AI policy v0.3\"]\nlog = [{ at = \"2026-01-01T00:00:00Z\", by = \"sam\", text = \"board in March\" }]\n",
    );
    std::fs::write(&path, text).unwrap();
    ok(home.path(), &ws, &["upgrade", "--questionnaire", home.path().join("mini2.toml").to_str().unwrap()]);

    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    let a =
        w.assessment.respondent("facilitator").unwrap().answer("plan-govern-ai-policy").expect("answer moved").clone();
    assert_eq!(a.level(), Some(2));
    assert!(a.flag);
    assert_eq!(a.note, "draft only");
    assert_eq!(a.evidence, vec!["AI policy v0.3".into()]);
    assert_eq!(
        a.log,
        vec![LogEntry { at: "2026-01-01T00:00:00Z".into(), by: "sam".into(), text: "board in March".into() }]
    );
    assert_eq!(w.assessment.agreed.get("plan-govern-ai-policy"), Some(&Value::Level(3)), "agreed level moved");
    assert_eq!(w.assessment.agreed_meta["plan-govern-ai-policy"].note, "agreed in the workshop");
    assert!(!w.assessment.agreed.contains_key("plan-govern-policy"), "nothing left on the old id");
    assert!(w.meta.soa["A.2.2"].applicable, "SoA decisions (keyed by control) are kept");
}

#[test]
fn init_refuses_to_replace_an_existing_questionnaire_or_workspace() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("client");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(home.path().join("mini.toml"), MINI).unwrap();
    let mine = MINI.replace("Mini readiness check", "My own questionnaire");
    std::fs::write(dir.join("questionnaire.toml"), &mine).unwrap();
    let (code, _, err) = common::run(home.path(), &["init", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("questionnaire.toml") && err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.join("questionnaire.toml")).unwrap(), mine, "left as it was");
    assert!(!dir.join("workspace.toml").exists());
    // Starting a workspace with the questionnaire that is already there replaces nothing.
    let q = dir.join("questionnaire.toml");
    let (code, _, err) =
        common::run(home.path(), &["init", dir.to_str().unwrap(), "--questionnaire", q.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&q).unwrap(), mine);
    // An existing workspace is refused too, and --force keeps its answers and history.
    ok(home.path(), &dir, &["answer", "plan-govern-policy", "2"]);
    let (code, _, err) = common::run(home.path(), &["init", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("already an aira workspace"), "{err}");
    // Whoever the account is, the answer is in the first respondent's file (never a placeholder).
    let first = workspace::open(&dir, Access::ReadOnly).unwrap().meta.default_respondent;
    assert_ne!(first, "default");
    let file = dir.join(format!("answers/{first}.toml"));
    let answers = std::fs::read(&file).unwrap();
    let hist = std::fs::read(dir.join("history.toml")).unwrap();
    let (code, out, err) = common::run(
        home.path(),
        &["init", dir.to_str().unwrap(), "--force", "--questionnaire", home.path().join("mini.toml").to_str().unwrap()],
    );
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(std::fs::read(&file).unwrap(), answers);
    assert_eq!(std::fs::read(dir.join("history.toml")).unwrap(), hist);
    assert_eq!(std::fs::read_to_string(&q).unwrap(), MINI);
    // The replaced files are kept beside the new ones.
    let kept: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.contains(".replaced-"))
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept.iter().any(|n| std::fs::read_to_string(dir.join(n)).unwrap() == mine), "{kept:?}");
    let (_, help, _) = common::run(home.path(), &["init", "--help"]);
    assert!(help.contains("--force") && help.contains("keeps"), "{help}");
}

#[test]
fn undo_after_a_git_merge_never_reverts_an_answer_that_is_no_longer_on_disk() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git not found");
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let origin = init(home.path(), "origin");
    ok(home.path(), &origin, &["answer", "plan-govern-policy", "1"]);
    git_ok(&origin, &["init", "-q", "-b", "main"]);
    git_ok(&origin, &["add", "-A"]);
    git_ok(&origin, &["commit", "-qm", "start"]);
    let a = home.path().join("a");
    let b = home.path().join("b");
    git_ok(home.path(), &["clone", "-q", origin.to_str().unwrap(), a.to_str().unwrap()]);
    git_ok(home.path(), &["clone", "-q", origin.to_str().unwrap(), b.to_str().unwrap()]);
    ok(home.path(), &a, &["answer", "plan-govern-policy", "3"]);
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(home.path(), &b, &["answer", "plan-govern-policy", "4"]);
    for d in [&a, &b] {
        git_ok(d, &["add", "-A"]);
        git_ok(d, &["commit", "-qm", "answer"]);
    }
    // Both changed the same answer: git stops on answers/facilitator.toml; the facilitator keeps
    // laptop A's answer. history.toml merges by union and now ends with B's entry.
    let (merged, _, _) = git(&a, &["pull", "-q", "--no-rebase", "--no-edit", b.to_str().unwrap(), "main"]);
    assert!(!merged, "the answers file should conflict");
    git_ok(&a, &["checkout", "--ours", "answers/facilitator.toml"]);
    git_ok(&a, &["add", "-A"]);
    git_ok(&a, &["commit", "-qm", "merge, keeping ours"]);
    let last = workspace::read_history(&a).unwrap().pop().unwrap();
    assert_eq!(last.new.as_ref().and_then(|t| t.get("level")).and_then(toml::Value::as_integer), Some(4));

    let answers = std::fs::read(a.join("answers/facilitator.toml")).unwrap();
    let hist = std::fs::read(a.join("history.toml")).unwrap();
    let (code, out, err) = aira(home.path(), &a, &["undo"]);
    assert_ne!(code, 0, "undo must refuse: {out}{err}");
    assert!(err.contains("level 3") && err.contains("level 4") && err.contains("nothing changed"), "{err}");
    assert_eq!(std::fs::read(a.join("answers/facilitator.toml")).unwrap(), answers, "the kept answer is untouched");
    assert_eq!(std::fs::read(a.join("history.toml")).unwrap(), hist, "nothing recorded");
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.respondent("facilitator").unwrap().answer("plan-govern-policy").unwrap().level(), Some(3));
    // A change made after the merge is undone as usual.
    ok(home.path(), &a, &["answer", "plan-map-context", "2"]);
    let out = ok(home.path(), &a, &["undo"]);
    assert!(out.contains("plan-map-context"), "{out}");
}
