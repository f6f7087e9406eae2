//! `aira diff` and `scoring::diff` on two workspaces built from the mini fixture: a baseline
//! and a re-assessment whose questionnaire dropped one question and added another.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use aira_core::questionnaire::{Function, Phase};
use aira_store::workspace::{self, Access};

const MINI: &str = include_str!("../fixtures/mini.toml");

fn init(home: &Path, name: &str, questionnaire: &str) -> std::path::PathBuf {
    let file = home.join(format!("{name}.toml"));
    std::fs::write(&file, questionnaire).unwrap();
    let dir = home.join(name);
    let (code, _, err) = common::run(home, &["init", dir.to_str().unwrap(), "--questionnaire", file.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    dir
}

fn answer(home: &Path, ws: &Path, args: &[&str]) {
    common::Aira::new(home).ws(ws).ok(&[&["answer"], args].concat());
}

#[test]
fn diff_reports_change_per_cell_phase_function_and_question() {
    let home = tempfile::tempdir().unwrap();
    let base = init(home.path(), "base", MINI);
    // The re-assessment's questionnaire: do-map-inventory renamed to do-map-register.
    let cur = init(home.path(), "cur", &MINI.replace("id = \"do-map-inventory\"", "id = \"do-map-register\""));
    answer(home.path(), &base, &["plan-govern-policy", "1"]);
    answer(home.path(), &base, &["plan-map-context", "2"]);
    answer(home.path(), &base, &["do-map-inventory", "3"]);
    answer(home.path(), &cur, &["plan-govern-policy", "3"]);
    crate::engagement_cli::ok(home.path(), &cur, &["respondent", "add", "Bo"]);
    answer(home.path(), &cur, &["--respondent", "Bo", "plan-govern-policy", "4"]);
    answer(home.path(), &cur, &["plan-map-context", "2"]);
    answer(home.path(), &cur, &["do-map-register", "1"]);

    let (b, c) = (workspace::open(&base, Access::ReadOnly).unwrap(), workspace::open(&cur, Access::ReadOnly).unwrap());
    let ((bq, bs), (cq, cs)) = (aira::cli::score_of(&b), aira::cli::score_of(&c));
    let d = aira_core::scoring::diff(&bq, &bs, &cq, &cs);
    assert_eq!(d.added, ["do-map-register"]);
    assert_eq!(d.removed, ["do-map-inventory"]);
    let cell = d.cell(Some(Phase::Plan), Some(Function::Govern)).unwrap();
    assert_eq!((cell.delta.base, cell.delta.current, cell.delta.delta), (Some(1.0), Some(3.5), Some(2.5)));
    assert_eq!(d.cell(Some(Phase::Plan), Some(Function::Map)).unwrap().delta.delta, Some(0.0));
    assert_eq!(d.cell(Some(Phase::Act), Some(Function::Map)).unwrap().delta.delta, None);
    let do_map = d.cell(Some(Phase::Do), Some(Function::Map)).unwrap();
    assert_eq!(do_map.delta.delta, Some(-2.0), "cells compare scores, whatever the questions in them");
    let plan = d.phases.iter().find(|p| p.phase == Some(Phase::Plan)).unwrap();
    // plan-govern-policy weighs 2 in the fixture: (2 × 3.5 + 2) / 3 − (2 × 1 + 2) / 3.
    assert!((plan.delta.delta.unwrap() - 5.0 / 3.0).abs() < 1e-9, "{plan:?}");
    let q = d.questions.iter().find(|q| q.id == "plan-govern-policy").unwrap();
    assert_eq!(q.delta.delta, Some(2.5));

    let (code, out, err) =
        common::run(home.path(), &["-w", cur.to_str().unwrap(), "diff", base.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["cells"][0],
        serde_json::json!({"phase": "plan", "function": "govern", "base": 1.0, "current": 3.5, "delta": 2.5})
    );
    assert_eq!(json["added"], serde_json::json!(["do-map-register"]));
    assert_eq!(json["removed"], serde_json::json!(["do-map-inventory"]));
    let (code, out, _) = common::run(home.path(), &["-w", cur.to_str().unwrap(), "diff", base.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("  Plan × Govern              1.0 → 3.5     +2.5\n"), "{out}");
    assert!(out.contains("Added questions: do-map-register"), "{out}");
    let (code, _, err) =
        common::run(home.path(), &["-w", cur.to_str().unwrap(), "diff", home.path().join("nope").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("baseline"), "{err}");
}
