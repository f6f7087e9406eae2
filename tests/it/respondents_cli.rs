//! Issue 16 item 1 through the real binary: who is answering. A typo in `--respondent` creates
//! nobody (refused with the known ones and the nearest), `init --respondent` names the first
//! one, roles come from the questionnaire's vocabulary, and remove archives (answers kept, left
//! out of scores, reversible), each change in history and undone by `aira undo`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;
use crate::engagement_cli::{MINI, aira, init, kinds, ok, refused};

use aira_store::workspace::{self, Access};

const ROLES: &str = "[[role]]\nid = \"executive\"\nname = \"Executive sponsor\"\n\n\
                     [[role]]\nid = \"risk\"\nname = \"Risk manager\"\n\n";

#[test]
fn init_names_the_first_respondent_and_never_the_placeholder() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.meta.default_respondent, "ann-le");
    let ids: Vec<&str> = opened.assessment.respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["ann-le"]);
    assert_eq!(opened.assessment.respondents[0].name, "Ann Le");
    // Answering without --respondent records under the first respondent.
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "2"]);
    assert!(ws.join("answers/ann-le.toml").is_file());
    assert!(!ws.join("answers/default.toml").exists());
    // Without --respondent the user is the first respondent (config user.name here).
    let other = home.path().join("other");
    let cfg = home.path().join("config").join("aira");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(cfg.join("config.toml"), "[user]\nname = \"Dana Ruiz\"\n").unwrap();
    let (code, _, err) = common::run(home.path(), &["init", other.to_str().unwrap(), "--questionnaire", MINI]);
    assert_eq!(code, 0, "{err}");
    let opened = workspace::open(&other, Access::ReadOnly).unwrap();
    // `init` without --respondent takes the user, as the default workspace does: no placeholder.
    assert_eq!(opened.meta.default_respondent, "dana-ruiz");
    let ids: Vec<&str> = opened.assessment.respondents.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["dana-ruiz"]);
    assert!(other.join("answers/dana-ruiz.toml").is_file());
    assert!(!other.join("answers/default.toml").exists());
    // An empty name is refused and leaves no workspace.
    let none = home.path().join("none");
    let (code, _, err) =
        common::run(home.path(), &["init", none.to_str().unwrap(), "--questionnaire", MINI, "--respondent", " "]);
    assert_eq!(code, 1, "{err}");
    assert!(!none.join("workspace.toml").exists());
}

#[test]
fn an_unknown_or_empty_respondent_is_refused_and_creates_nothing() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen"]);
    refused(
        home.path(),
        &ws,
        &["answer", "plan-govern-policy", "2", "--respondent", "Ann Lee"],
        "did you mean `ann-le`",
    );
    refused(home.path(), &ws, &["answer", "plan-govern-policy", "2", "--respondent", "Zed"], "bo-chen (Bo Chen)");
    refused(home.path(), &ws, &["answer", "plan-govern-policy", "2", "--respondent", ""], "must name someone");
    refused(
        home.path(),
        &ws,
        &["evidence", "add", "plan-govern-policy", "https://x.test", "--respondent", "Bo Chn"],
        "did you mean `bo-chen`",
    );
    // By name or id, the known ones answer.
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "3", "--respondent", "bo chen"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.assessment.respondents.len(), 2);
}

#[test]
fn roles_come_from_the_questionnaires_vocabulary() {
    let home = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(MINI).unwrap();
    let at = text.find("[[question]]").unwrap();
    let q = home.path().join("roles.toml");
    std::fs::write(&q, format!("{}{ROLES}{}", &text[..at], &text[at..])).unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    let _ = std::fs::remove_dir_all(&ws);
    let (code, _, err) =
        common::run(home.path(), &["init", ws.to_str().unwrap(), "--questionnaire", q.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    refused(home.path(), &ws, &["respondent", "add", "Bo Chen", "--role", "ciso"], "executive, risk");
    refused(home.path(), &ws, &["respondent", "add", "Bo Chen", "--role", "rsik"], "did you mean `risk`");
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen", "--role", "Risk manager"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.assessment.respondent("bo-chen").unwrap().role, "risk");
    refused(home.path(), &ws, &["respondent", "rename", "bo-chen", "Bo Chen", "--role", "cfo"], "unknown role");
}

#[test]
fn remove_archives_keeps_answers_leaves_scores_and_undo_and_restore_bring_it_back() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen"]);
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "1"]);
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "5", "--respondent", "bo-chen"]);
    let score = |h: &std::path::Path| ok(h, &ws, &["score", "--format", "json"]);
    let both = score(home.path());
    ok(home.path(), &ws, &["respondent", "remove", "Bo Chen"]);
    let file = std::fs::read_to_string(ws.join("answers/bo-chen.toml")).unwrap();
    assert!(file.contains("archived = true") && file.contains("plan-govern-policy"), "{file}");
    let alone = score(home.path());
    assert_ne!(both, alone, "the archived respondent still counts");
    let list = ok(home.path(), &ws, &["respondent", "list"]);
    assert!(list.lines().any(|l| l.starts_with("bo-chen") && l.ends_with("archived")), "{list}");
    refused(home.path(), &ws, &["answer", "plan-govern-policy", "2", "--respondent", "bo-chen"], "respondent restore");
    assert_eq!(kinds(&ws).last().map(String::as_str), Some("respondent"));
    // Undo brings them back, as restore does.
    ok(home.path(), &ws, &["undo"]);
    assert_eq!(score(home.path()), both);
    ok(home.path(), &ws, &["respondent", "remove", "bo-chen"]);
    ok(home.path(), &ws, &["respondent", "restore", "bo-chen"]);
    assert_eq!(score(home.path()), both);
    // A rename is recorded and undone too.
    ok(home.path(), &ws, &["respondent", "rename", "bo-chen", "Bo Chen-Li"]);
    ok(home.path(), &ws, &["undo"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(opened.assessment.respondent("bo-chen").unwrap().name, "Bo Chen");
    let (code, _, err) = aira(home.path(), &ws, &["respondent", "restore", "bo-chen"]);
    assert_eq!(code, 1, "{err}");
}

/// With every respondent archived, a capture without `--respondent` has no one to record as:
/// it is refused, naming the archived ones and how to restore them, and writes nothing. A
/// `default_respondent` with no answers file (an older workspace's `default`) is no one
/// either: nothing lands under that invented name.
#[test]
fn with_everyone_archived_capture_is_refused_naming_them_and_never_invents_default() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--respondent", "Ann Le"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo Chen"]);
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "1"]);
    ok(home.path(), &ws, &["respondent", "remove", "ann-le"]);
    ok(home.path(), &ws, &["respondent", "remove", "bo-chen"]);
    let q = "plan-govern-policy";
    for args in [
        vec!["answer", q, "2"],
        vec!["note", q, "seen"],
        vec!["log", q, "Ann: yes"],
        vec!["flag", q],
        vec!["evidence", "add", q, "https://example.org/policy"],
    ] {
        refused(home.path(), &ws, &args, "every respondent is archived (ann-le (Ann Le), bo-chen (Bo Chen))");
        refused(home.path(), &ws, &args, "aira respondent restore ann-le");
    }
    // An older workspace's default respondent that was never written is no one either.
    let meta = std::fs::read_to_string(ws.join("workspace.toml")).unwrap();
    std::fs::write(
        ws.join("workspace.toml"),
        meta.replace("default_respondent = \"ann-le\"", "default_respondent = \"default\""),
    )
    .unwrap();
    refused(home.path(), &ws, &["answer", q, "2"], "every respondent is archived");
    assert!(!ws.join("answers/default.toml").exists());
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert!(opened.assessment.respondents.is_empty(), "no placeholder: {:?}", opened.assessment.respondents);
    // Restored, the first one answers again.
    ok(home.path(), &ws, &["respondent", "restore", "bo-chen"]);
    ok(home.path(), &ws, &["answer", q, "3"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    let bo = opened.assessment.respondent("bo-chen").unwrap();
    assert_eq!(bo.answer(q).and_then(|a| a.level()), Some(3));
}
