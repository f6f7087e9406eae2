//! `aira undo`/`aira redo` per respondent and the CLI twins of the wizard's captures
//! (`aira log`, `aira flag`, `aira note`), through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as ok, run_in as aira};

use std::path::Path;

use aira_store::workspace::{self, Access};

fn init(home: &Path) -> std::path::PathBuf {
    let dir = home.join("ws");
    common::init(home, &dir, Some("facilitator"));
    for who in ["Ann Lee", "Bo"] {
        ok(home, &dir, &["respondent", "add", who]);
    }
    dir
}

fn answer(ws: &Path, who: &str) -> Option<aira_core::assessment::Answer> {
    let w = workspace::open(ws, Access::ReadOnly).unwrap();
    w.assessment.respondent(who).and_then(|r| r.answer("plan-govern-policy")).cloned()
}

#[test]
fn undo_as_one_respondent_never_touches_another_and_redo_puts_it_back() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    let q = "plan-govern-policy";
    ok(home.path(), &ws, &["answer", "--respondent", "Ann Lee", q, "2"]);
    ok(home.path(), &ws, &["answer", "--respondent", "Ann Lee", q, "3"]);
    ok(home.path(), &ws, &["answer", "--respondent", "Bo", q, "4"]);
    let out = ok(home.path(), &ws, &["undo", "--respondent", "Ann Lee"]);
    assert!(out.starts_with(&format!("Undid Ann Lee's level 3 on {q} (was 2)")), "{out}");
    assert_eq!(answer(&ws, "ann-lee").unwrap().level(), Some(2));
    assert_eq!(answer(&ws, "bo").unwrap().level(), Some(4), "Bo's newer answer is untouched");
    let out = ok(home.path(), &ws, &["redo", "--respondent", "ann-lee"]);
    assert!(out.starts_with(&format!("Redid Ann Lee's level 3 on {q} (was 2)")), "{out}");
    assert_eq!(ok(home.path(), &ws, &["redo", "--respondent", "Ann Lee"]), "Nothing to redo for Ann Lee\n");
    let (code, _, err) = aira(home.path(), &ws, &["undo", "--respondent", "Ann Le"]);
    assert_eq!(code, 1);
    assert!(err.contains("no respondent `Ann Le`") && err.contains("Ann Lee"), "{err}");
    let h = workspace::read_history(&ws).unwrap();
    let last = h.last().unwrap();
    assert_eq!((last.kind.as_str(), last.as_.as_str()), ("redo", "ann-lee"));
}

#[test]
fn agreed_levels_are_undone_as_the_default_respondent() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    ok(home.path(), &ws, &["answer", "plan-govern-policy", "2"]);
    ok(home.path(), &ws, &["agree", "plan-govern-policy", "3"]);
    let h = workspace::read_history(&ws).unwrap();
    assert_eq!(h.last().unwrap().as_, "facilitator", "an agreed level records who was answering");
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(out.starts_with("Undid facilitator's agreed level 3 on plan-govern-policy (was none)"), "{out}");
    assert_eq!(
        ok(home.path(), &ws, &["undo", "--respondent", "facilitator"]).lines().next().unwrap(),
        "Undid facilitator's level 2 on plan-govern-policy (was no level); history entry 3 reverted"
    );
}

#[test]
fn log_flag_and_note_are_saved_in_history_and_keep_when_the_answer_was_given() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    let q = "plan-govern-policy";
    ok(home.path(), &ws, &["answer", "--respondent", "Ann Lee", q, "2"]);
    let given = answer(&ws, "ann-lee").unwrap().answered_at;
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(
        ok(home.path(), &ws, &["log", q, "Ann: the board saw it in March", "--respondent", "Ann Lee"]),
        format!("Logged a line on {q} for Ann Lee\n")
    );
    assert_eq!(ok(home.path(), &ws, &["flag", q, "--respondent", "Ann Lee"]), format!("Flagged on {q} for Ann Lee\n"));
    let a = answer(&ws, "ann-lee").unwrap();
    assert_eq!((a.log[0].text.as_str(), a.flag), ("Ann: the board saw it in March", true));
    assert_eq!(a.answered_at, given, "a log line or a flag is not a newer answer");
    ok(home.path(), &ws, &["note", q, "Board minutes, 3 March", "--respondent", "Ann Lee"]);
    let a = answer(&ws, "ann-lee").unwrap();
    assert_eq!(a.note, "Board minutes, 3 March");
    assert_ne!(a.answered_at, given, "a note is");
    ok(home.path(), &ws, &["flag", q, "--off", "--respondent", "Ann Lee"]);
    assert!(!answer(&ws, "ann-lee").unwrap().flag);
    let kinds: Vec<String> = workspace::read_history(&ws).unwrap().iter().map(|c| c.kind.clone()).collect();
    assert_eq!(kinds.len(), 7, "two respondents added, then five captures: {kinds:?}");
    // Each is undone like any change: the flag removal first, then the note.
    assert!(ok(home.path(), &ws, &["undo", "--respondent", "Ann Lee"]).starts_with("Undid Ann Lee's flag removal"));
    assert!(ok(home.path(), &ws, &["undo", "--respondent", "Ann Lee"]).starts_with("Undid Ann Lee's note on"));
    assert!(ok(home.path(), &ws, &["undo", "--respondent", "Ann Lee"]).starts_with("Undid Ann Lee's flag on"));
    assert!(ok(home.path(), &ws, &["undo", "--respondent", "Ann Lee"]).starts_with("Undid Ann Lee's log line on"));
    assert_eq!(answer(&ws, "ann-lee").unwrap().level(), Some(2));
}

#[test]
fn an_unknown_question_is_refused_with_the_closest_and_nothing_is_written() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    let answers = || std::fs::read_dir(ws.join("answers")).map(|d| d.count()).unwrap_or(0);
    let before = answers();
    for args in
        [&["log", "plan-govern-polcy", "x"][..], &["flag", "plan-govern-polcy"], &["note", "plan-govern-polcy", "x"]]
    {
        let (code, _, err) = aira(home.path(), &ws, args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains("unknown question id `plan-govern-polcy` (did you mean `plan-govern-policy`?)"), "{err}");
    }
    assert_eq!(answers(), before, "no answers file created");
    assert!(
        workspace::read_history(&ws).unwrap().iter().all(|c| c.kind == "respondent"),
        "nothing but the two respondents added"
    );
    let (code, _, err) = aira(home.path(), &ws, &["log", "plan-govern-policy", "  "]);
    assert_eq!(code, 1);
    assert!(err.contains("empty"), "{err}");
}

/// A typo in `--respondent` on a capture is refused like everywhere else: it never creates a
/// respondent (issue 16: "a typo in a respondent name creates nothing").
#[test]
fn captures_refuse_an_unknown_respondent_and_create_nothing() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    let files = || std::fs::read_dir(ws.join("answers")).unwrap().count();
    let before = (files(), workspace::read_history(&ws).unwrap().len());
    for args in [
        &["log", "plan-govern-policy", "x", "--respondent", "Ann Le"][..],
        &["flag", "plan-govern-policy", "--respondent", "Ann Le"],
        &["note", "plan-govern-policy", "x", "--respondent", "Ann Le"],
    ] {
        let (code, _, err) = aira(home.path(), &ws, args);
        assert_eq!(code, 1, "{args:?}: {err}");
        assert!(err.contains("unknown respondent `Ann Le`") && err.contains("ann-lee"), "{err}");
    }
    assert_eq!((files(), workspace::read_history(&ws).unwrap().len()), before, "nothing written");
}
