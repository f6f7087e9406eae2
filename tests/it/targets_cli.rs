//! `aira target QUESTION LEVEL|--clear`: the engagement's one target per question, through
//! the real binary, into targets.toml, the history, undo/redo and the report JSON.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as ok, run_in as aira};

use std::path::Path;

use aira_store::workspace::{self, Access};

const Q: &str = "plan-govern-policy";

fn init(home: &Path) -> std::path::PathBuf {
    let dir = home.join("ws");
    common::init(home, &dir, None);
    ok(home, &dir, &["respondent", "add", "Ann Lee"]);
    dir
}

fn target(ws: &Path) -> Option<u8> {
    workspace::open(ws, Access::ReadOnly).unwrap().assessment.targets.get(Q).copied()
}

#[test]
fn aira_target_sets_clears_refuses_and_is_undone_as_its_respondent() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let ws = init(h);
    let out = ok(h, &ws, &["target", Q, "4"]);
    assert!(out.starts_with(&format!("{Q}: engagement target 4")), "{out}");
    assert_eq!(target(&ws), Some(4));
    assert!(ws.join("targets.toml").is_file());
    let last = workspace::read_history(&ws).unwrap().pop().unwrap();
    assert_eq!(last.kind, "target");

    // Refused, nothing written: an unknown question, a level off the scale, both or neither.
    let before = std::fs::read_to_string(ws.join("targets.toml")).unwrap();
    let n = workspace::read_history(&ws).unwrap().len();
    for (args, says) in [
        (vec!["target", "no-such-question", "3"], "unknown question id `no-such-question`"),
        (vec!["target", Q, "9"], "level must be 0..5"),
        (vec!["target", Q, "x"], "level must be 0..5"),
        (vec!["target", Q, "3", "--clear"], "cannot be used with"),
        (vec!["target", Q], "LEVEL"),
    ] {
        let (code, _, err) = aira(h, &ws, &args);
        assert_ne!(code, 0, "{args:?}");
        assert!(err.contains(says), "{args:?}: {err}");
    }
    assert_eq!(std::fs::read_to_string(ws.join("targets.toml")).unwrap(), before);
    assert_eq!(workspace::read_history(&ws).unwrap().len(), n);

    // The report's questions[].target is the engagement target.
    let json = ok(h, &ws, &["report", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let row = v["questions"].as_array().unwrap().iter().find(|x| x["id"] == Q).unwrap().clone();
    assert_eq!(row["target"], 4.0);

    let out = ok(h, &ws, &["target", Q, "--clear"]);
    assert!(out.starts_with(&format!("{Q}: engagement target cleared")), "{out}");
    assert_eq!(target(&ws), None);
    let out = ok(h, &ws, &["undo"]);
    assert!(out.starts_with("Undid") && out.contains(&format!("reverted target of {Q} from none to 4")), "{out}");
    assert_eq!(target(&ws), Some(4));
    let out = ok(h, &ws, &["redo"]);
    assert!(out.contains(&format!("reverted target of {Q} from 4 to none")), "{out}");
    assert_eq!(target(&ws), None);
}
