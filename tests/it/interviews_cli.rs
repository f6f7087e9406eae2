//! Respondents, agreed values and the interview log through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as ok, run_in as aira};

use std::path::Path;

use aira_core::assessment::Value;
use aira_store::workspace::{self, Access};

fn init(home: &Path) -> std::path::PathBuf {
    let dir = home.join("ws");
    common::init(home, &dir, Some("facilitator"));
    dir
}

#[test]
fn respondents_are_added_listed_renamed_and_found_by_name() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    assert_eq!(
        ok(home.path(), &ws, &["respondent", "add", "Ann Lee", "--role", "risk"]),
        "Added respondent ann-lee (Ann Lee) in answers/ann-lee.toml\n"
    );
    let (code, _, err) = aira(home.path(), &ws, &["respondent", "add", "ANN  lee"]);
    assert_eq!(code, 1);
    assert!(err.contains("a respondent with id `ann-lee` already exists"), "{err}");
    ok(home.path(), &ws, &["answer", "--respondent", "Ann Lee", "plan-govern-policy", "2"]);
    ok(home.path(), &ws, &["answer", "--respondent", "ann-lee", "plan-map-context", "na"]);
    ok(home.path(), &ws, &["respondent", "rename", "ann-lee", "Ann Lee-Smith", "--role", "ciso"]);
    // After the rename the new name finds the same respondent (and file).
    ok(home.path(), &ws, &["answer", "--respondent", "Ann Lee-Smith", "do-govern-roles", "4"]);
    let list = ok(home.path(), &ws, &["respondent", "list"]);
    assert_eq!(
        list,
        "ID           NAME           ROLE  ANSWERED\nann-lee      Ann Lee-Smith  ciso         3\nfacilitator  facilitator                 0\n"
    );
    assert!(!ws.join("answers/ann-lee-smith.toml").exists());
    let text = std::fs::read_to_string(ws.join("answers/ann-lee.toml")).unwrap();
    assert!(text.contains("name = \"Ann Lee-Smith\"") && text.contains("answered_by = \"facilitator\""), "{text}");
}

#[test]
fn the_agreed_level_wins_and_undo_restores_the_mean() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    ok(home.path(), &ws, &["respondent", "add", "Ann"]);
    ok(home.path(), &ws, &["respondent", "add", "Bo"]);
    ok(home.path(), &ws, &["answer", "--respondent", "Ann", "plan-govern-policy", "1"]);
    ok(home.path(), &ws, &["answer", "--respondent", "Bo", "plan-govern-policy", "4"]);
    let score = |home: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(home, &ws, &["score", "--format", "json"])).unwrap()
    };
    assert_eq!(score(home.path())["questions"][0]["level"], 2.5);
    let out = ok(home.path(), &ws, &["agree", "plan-govern-policy", "3", "--note", "after the workshop"]);
    assert_eq!(out, "plan-govern-policy: agreed level 3 (respondents: Ann 1, Bo 4; range 3)\n");
    assert_eq!(score(home.path())["questions"][0]["level"], 3.0);
    let text = std::fs::read_to_string(ws.join("consensus.toml")).unwrap();
    assert!(
        text.contains("[agreed.plan-govern-policy]\nlevel = 3\n") && text.contains("note = \"after the workshop\""),
        "{text}"
    );
    // A hand comment survives the next rewrite; a new level keeps the note.
    std::fs::write(ws.join("consensus.toml"), format!("# reviewed by the board\n{text}")).unwrap();
    ok(home.path(), &ws, &["agree", "plan-govern-policy", "na"]);
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(w.assessment.agreed["plan-govern-policy"], Value::NotApplicable);
    assert_eq!(w.assessment.agreed_meta["plan-govern-policy"].note, "after the workshop");
    assert_eq!(w.assessment.agreed_meta["plan-govern-policy"].decided_by, "facilitator");
    assert!(std::fs::read_to_string(ws.join("consensus.toml")).unwrap().starts_with("# reviewed by the board"));
    let h = workspace::read_history(&ws).unwrap();
    assert_eq!(h.last().unwrap().kind, "agree");
    assert_eq!(h.last().unwrap().old.as_ref().unwrap()["level"].as_integer(), Some(3));
    assert_eq!(
        ok(home.path(), &ws, &["undo"]),
        format!(
            "Undid facilitator's agreed level not applicable on plan-govern-policy (was 3); history entry {} reverted\n",
            h.len()
        )
    );
    ok(home.path(), &ws, &["undo"]);
    assert_eq!(score(home.path())["questions"][0]["level"], 2.5, "both agree entries undone: the mean again");
    ok(home.path(), &ws, &["agree", "plan-govern-policy", "2"]);
    assert!(ok(home.path(), &ws, &["agree", "plan-govern-policy", "clear"]).contains("agreed value cleared"));
    assert!(!std::fs::read_to_string(ws.join("consensus.toml")).unwrap().contains("[agreed.plan-govern-policy]"));
    let (code, _, err) = aira(home.path(), &ws, &["agree", "nope", "2"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown question id `nope`"), "{err}");
}

#[test]
fn a_broken_consensus_file_is_located_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path());
    let bad = "format = 1\n[agreed.plan-govern-policy]\nlevel = \"high\"\n";
    std::fs::write(ws.join("consensus.toml"), bad).unwrap();
    let (code, _, err) = aira(home.path(), &ws, &["agree", "plan-govern-policy", "2"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("consensus.toml:3:9: `level` of agreed `plan-govern-policy` must be a level from 0 to 5"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(ws.join("consensus.toml")).unwrap(), bad);
}
