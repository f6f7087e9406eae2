//! `aira import ciso-assistant` on small libraries written in CISO Assistant's format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use aira_core::questionnaire::{Function, Phase, Questionnaire};

/// Run from the repository root (fixture paths are relative to it), in a home of its own.
fn aira(args: &[&str]) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    let out = common::Aira::new(home.path()).no_color().cwd(Path::new(common::ROOT)).run(args);
    // Problems (stderr) are printed before the "Wrote" line (stdout).
    (out.code, out.stderr + &out.stdout)
}

fn import(fixture: &str) -> (String, Questionnaire, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("q.toml");
    let out = out.to_str().unwrap();
    let (code, text) = aira(&["import", "ciso-assistant", &format!("tests/fixtures/ciso/{fixture}"), "-o", out]);
    assert_eq!(code, 0, "{text}");
    let (code, check) = aira(&["check", out]);
    assert_eq!(code, 0, "{check}");
    assert!(check.contains(": 0 error(s)"), "{check}");
    let q = aira_core::questionnaire::parse("q.toml", &std::fs::read_to_string(out).unwrap()).unwrap();
    (text, q, dir)
}

#[test]
fn iso_shaped_library_gets_phases_scale_and_sections() {
    let (out, q, _dir) = import("iso-mini.yaml");
    assert!(out.ends_with("Wrote 5 question(s) to ") || out.contains("Wrote 5 question(s)"), "{out}");
    assert_eq!((q.id.as_str(), q.title.as_str(), q.version.as_str()), ("iso-mini", "ISO mini management system", "3"));
    assert_eq!((q.scale.min, q.scale.max), (1, 4));
    let names: Vec<&str> = q.scale.levels.iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Initial", "Repeatable", "Defined", "Optimised"]);
    assert_eq!(q.scale.levels[2].description, "Written, approved\nand known.");
    let ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    // Two nodes share ref_id A.2.2: the second id gets a suffix, both keep the reference.
    assert_eq!(ids, ["4-1", "9-2", "10-2", "a-2-2", "a-2-2-2"]);
    let phases: Vec<Option<Phase>> = q.questions.iter().map(|x| x.phase).collect();
    assert_eq!(phases, [Some(Phase::Plan), Some(Phase::Check), Some(Phase::Act), None, None]);
    assert!(q.questions.iter().all(|x| x.function.is_none()));
    let first = &q.questions[0];
    assert_eq!(
        first.text,
        "Understanding the organization\n\nExternal and internal issues relevant to AI are determined."
    );
    assert_eq!(first.guidance, "Ask for the list of issues and who keeps it \"current\".");
    assert_eq!(first.evidence, ["Context analysis", "Register of \"issues\""]);
    assert_eq!(first.section, "Context of the organization");
    assert_eq!(first.iso, ["4.1"]);
    // An unquoted `ref_id: 9.2` is a float to YAML; it still becomes the clause.
    assert_eq!(q.questions[1].iso, ["9.2"]);
    assert_eq!(q.questions[4].iso, ["A.2.2"]);
    assert_eq!(q.questions[4].section, "Annex A");
}

#[test]
fn nist_shaped_library_gets_functions_and_nist_ids() {
    let (out, q, _dir) = import("nist-mini.yaml");
    assert!(
        out.starts_with(
            "tests/fixtures/ciso/nist-mini.yaml: warning: `MS-2.99` looks like a NIST AI RMF subcategory but is not \
             one in NIST AI RMF 1.0"
        ),
        "{out}"
    );
    assert_eq!((q.scale.min, q.scale.max), (0, 5), "no scores_definition: 0-5");
    let got: Vec<(&str, Option<Function>, &str)> =
        q.questions.iter().map(|x| (x.id.as_str(), x.function, x.section.as_str())).collect();
    assert_eq!(
        got,
        [
            ("govern-1-1", Some(Function::Govern), "GOVERN > GOVERN 1"),
            ("measure-2-7", Some(Function::Measure), "MEASURE > MEASURE 2"),
            ("measure-2-99", Some(Function::Measure), "MEASURE > MEASURE 2"),
        ]
    );
    assert_eq!(q.questions[0].nist, ["GV-1.1"]);
    assert_eq!(q.questions[1].text, "Security and resilience are evaluated\tand documented.");
    // An escape sequence in the library is made visible, never passed to a terminal.
    assert_eq!(q.questions[2].text, "A subcategory NIST does not have, with an escape \\x1b[31m in it.");
    assert!(q.questions.iter().all(|x| x.phase.is_none()));
}

#[test]
fn imported_questionnaire_scores_with_an_unassigned_row_only() {
    let (_, _q, dir) = import("nist-mini.yaml");
    let ws = dir.path().join("ws");
    let (ws, q) = (ws.to_str().unwrap(), dir.path().join("q.toml"));
    let (code, text) = aira(&["init", ws, "--questionnaire", q.to_str().unwrap()]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(aira(&["-w", ws, "answer", "govern-1-1", "4"]).0, 0);
    assert_eq!(aira(&["-w", ws, "answer", "measure-2-7", "2"]).0, 0);
    let (code, text) = aira(&["-w", ws, "score"]);
    assert_eq!(code, 0, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let row = |name: &str| lines.iter().find(|l| l.starts_with(name)).copied();
    // Every question has a function but no phase: an Unassigned row, no Unassigned column.
    assert_eq!(lines[2].split_whitespace().collect::<Vec<_>>(), ["Govern", "Map", "Measure", "Manage", "Phase"]);
    assert_eq!(
        row("Unassigned").unwrap().split_whitespace().collect::<Vec<_>>(),
        ["Unassigned", "4.0", "–", "2.0", "–", "3.0"]
    );
    assert_eq!(row("Plan").unwrap().split_whitespace().collect::<Vec<_>>(), ["Plan", "–", "–", "–", "–", "–"]);
    assert!(text.contains("Overall 3.0 (2 answered, 0 not applicable, 1 unanswered, 3 total)"), "{text}");
}

#[test]
fn not_a_framework_library_is_an_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let y = dir.path().join("x.yaml");
    std::fs::write(&y, "objects:\n  framework:\n    requirement_nodes: 7\n").unwrap();
    let out = dir.path().join("x.toml");
    let (code, text) = aira(&["import", "ciso-assistant", y.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("x.yaml:3:24: error: not a CISO Assistant library:"), "{text}");
    assert!(!out.exists());
}
