//! The wizard's `+` and Ctrl-R in a real pty, read back through history.toml and the commands:
//! each is a `respondent` history entry, made as whoever was answering, that the wizard's `u`
//! and the CLI's `aira undo`/`aira redo` take back and put back, as for `aira respondent add`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Aira, Pty};

#[test]
fn adding_and_renaming_in_the_wizard_are_in_history_and_undone_as_the_cli_would() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("acme");
    let w = ws.to_str().unwrap();
    let aira = Aira::new(home.path());
    let ok = |args: &[&str]| aira.ok(args);
    ok(&["init", w, "--name", "Acme", "--respondent", "Ann Lee"]);
    let mut p = Pty::spawn(home.path(), &["-w", w], 120, 40);
    p.wait_for("1 of ");
    p.send("+");
    p.wait_for("New respondent");
    p.send("Bo Chen\r");
    p.wait_until(|s| s.contains("Added Bo Chen") && s.contains("Saved"), "Bo added");
    p.send("3");
    p.wait_until(|s| s.contains("2 of ") && s.contains("Saved"), "Bo's level saved");
    // Ctrl-R: the prompt holds "Bo Chen"; the name becomes "Bo Chen-Li".
    p.send("\x12");
    p.send("-Li\r");
    p.wait_until(|s| s.contains("Renamed to Bo Chen-Li") && s.contains("Saved"), "Bo renamed");
    p.send("u");
    p.wait_until(
        |s| s.contains("Undid Bo Chen-Li's rename from Bo Chen to Bo Chen-Li") && s.contains("Saved"),
        "undone",
    );
    p.send("q");
    assert!(p.wait_exit().success());

    let h = aira_store::workspace::read_history(&ws).unwrap();
    let seen: Vec<(&str, &str, &str, Option<usize>)> =
        h.iter().map(|c| (c.kind.as_str(), c.respondent.as_str(), c.answering(), c.reverts)).collect();
    assert_eq!(
        seen,
        [
            ("respondent", "bo-chen", "ann-lee", None),
            ("answer", "bo-chen", "bo-chen", None),
            ("respondent", "bo-chen", "bo-chen", None),
            ("undo", "bo-chen", "bo-chen", Some(3)),
        ]
    );
    let list = ok(&["-w", w, "respondent", "list"]);
    assert!(list.contains("Bo Chen") && !list.contains("Bo Chen-Li"), "{list}");
    // The command line takes it from there: Bo's redo re-applies the wizard's undo, and his
    // undo takes the redo back. Ann's undo then reverts her add of Bo (archived, answers kept).
    let redone = ok(&["-w", w, "redo", "--respondent", "bo-chen"]);
    assert!(redone.contains("Redid the change to respondent Bo Chen"), "{redone}");
    assert!(ok(&["-w", w, "respondent", "list"]).contains("Bo Chen-Li"));
    let undone = ok(&["-w", w, "undo", "--respondent", "bo-chen"]);
    assert!(undone.contains("entry 5"), "Bo's redo: {undone}");
    let undone = ok(&["-w", w, "undo", "--respondent", "ann-lee"]);
    assert!(undone.contains("entry 1"), "Ann's add of Bo: {undone}");
    let list = ok(&["-w", w, "respondent", "list"]);
    assert!(list.contains("archived"), "{list}");
}
