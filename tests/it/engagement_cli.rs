//! Issue 19 through the real binary: engagement facts at init and later, the evidence
//! register, roadmap owners and due dates, the SoA's undecided state; every change in history
//! and undone by `aira undo`; bad input refused with nothing written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::{Path, PathBuf};

use aira_core::engagement::{Applicability, ReportStatus};
use aira_store::workspace::{self, Access};

pub(crate) fn aira(home: &Path, ws: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["-w", ws.to_str().unwrap()];
    all.extend_from_slice(args);
    common::run(home, &all)
}

pub(crate) fn ok(home: &Path, ws: &Path, args: &[&str]) -> String {
    let (code, out, err) = aira(home, ws, args);
    assert_eq!(code, 0, "aira {args:?}: {err}");
    out
}

/// Refused with a message holding `says`, and no file of the workspace changed.
pub(crate) fn refused(home: &Path, ws: &Path, args: &[&str], says: &str) {
    let before = snapshot(ws);
    let (code, out, err) = aira(home, ws, args);
    assert_eq!(code, if err.contains("Usage:") { 2 } else { 1 }, "aira {args:?} was not refused: {out}{err}");
    assert!(err.contains(says), "aira {args:?}: expected {says:?} in {err:?}");
    assert_eq!(snapshot(ws), before, "aira {args:?} wrote something");
}

pub(crate) fn snapshot(ws: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "answers", "evidence"] {
        let Ok(entries) = std::fs::read_dir(ws.join(sub)) else { continue };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && name != ".aira.lock" {
                out.push((format!("{sub}/{name}"), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

pub(crate) const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/mini.toml");

/// `home/ws` on the mini questionnaire; answered first by `facilitator` unless `extra` names
/// someone (named, so the tests do not depend on the account's name).
pub(crate) fn init(home: &Path, extra: &[&str]) -> PathBuf {
    let dir = home.join("ws");
    let mut args = vec!["init", dir.to_str().unwrap(), "--questionnaire", MINI];
    args.extend_from_slice(extra);
    if !extra.contains(&"--respondent") {
        args.extend_from_slice(&["--respondent", "facilitator"]);
    }
    let (code, _, err) = common::run(home, &args);
    assert_eq!(code, 0, "{err}");
    dir
}

pub(crate) fn kinds(ws: &Path) -> Vec<String> {
    workspace::read_history(ws).unwrap().into_iter().map(|c| c.kind).collect()
}

#[test]
fn init_takes_the_engagement_facts_and_refuses_bad_ones_before_writing() {
    let home = tempfile::tempdir().unwrap();
    let bad = home.path().join("bad");
    let args = |period: &str| {
        let mut a = vec!["init".to_owned(), bad.display().to_string(), "--questionnaire".into(), MINI.into()];
        a.extend(["--period".into(), period.to_owned()]);
        a
    };
    for (period, says) in [
        ("2026-11-30..2026-11-01", "the period ends (2026-11-01) before it starts (2026-11-30)"),
        ("2026-02-30..2026-03-01", "`2026-02-30` is not a date: write it YYYY-MM-DD"),
        ("November", "`November` is not a date"),
    ] {
        let a = args(period);
        let (code, _, err) = common::run(home.path(), &a.iter().map(String::as_str).collect::<Vec<_>>());
        assert_eq!(code, 1, "{period}");
        assert!(err.contains(says), "{err}");
        assert!(!bad.exists(), "{period}: a refused init left {}", bad.display());
    }
    let (code, _, err) =
        common::run(home.path(), &["init", bad.to_str().unwrap(), "--questionnaire", MINI, "--status", "done"]);
    assert_eq!(code, 1);
    assert!(err.contains("`done` is not a report status: draft or final"), "{err}");
    let ws = init(
        home.path(),
        &[
            "--scope",
            "Customer-facing ML",
            "--assessor",
            "Ann Lee",
            "--assessor",
            "Bo Chen",
            "--contact",
            "Jo Bloggs, CISO",
            "--period",
            "2026-11-01..2026-11-30",
            "--status",
            "final",
            "--version",
            "1.0",
        ],
    );
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(w.meta.scope, "Customer-facing ML");
    assert_eq!(w.meta.assessors, ["Ann Lee", "Bo Chen"]);
    assert_eq!(w.meta.contact, "Jo Bloggs, CISO");
    assert_eq!(w.meta.period.unwrap().to_string(), "2026-11-01..2026-11-30");
    assert_eq!((w.meta.report_status, w.meta.report_version.as_str()), (ReportStatus::Final, "1.0"));
    assert_eq!(kinds(&ws), ["engagement"]);
    let show = ok(home.path(), &ws, &["engagement", "show"]);
    for line in [
        "Scope:        Customer-facing ML",
        "Assessors:    Ann Lee, Bo Chen",
        "Contact:      Jo Bloggs, CISO",
        "Period:       2026-11-01 to 2026-11-30",
        "Status:       final",
        "Version:      1.0",
    ] {
        assert!(show.contains(line), "{line:?} not in\n{show}");
    }
}

#[test]
fn engagement_set_changes_what_it_names_records_old_and_new_and_undoes() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &["--assessor", "Ann Lee"]);
    let show = ok(home.path(), &ws, &["engagement", "show"]);
    assert!(show.contains("Status:       draft") && show.contains("Version:      0.1"), "{show}");
    assert!(show.contains("Period:       (not set)"), "{show}");
    let out = ok(home.path(), &ws, &["engagement", "set", "--assessor", "Cy", "--assessor", "Di", "--version", "0.2"]);
    assert_eq!(out, "assessors: Ann Lee → Cy, Di\nversion: 0.1 → 0.2\n");
    assert_eq!(ok(home.path(), &ws, &["engagement", "set", "--version", "0.2"]), "Nothing changed.\n");
    let h = workspace::read_history(&ws).unwrap();
    let last = h.last().unwrap();
    assert_eq!((last.kind.as_str(), last.by.as_str()), ("engagement", "facilitator"));
    assert_eq!(last.old.as_ref().unwrap()["report_version"].as_str(), Some("0.1"));
    assert_eq!(last.new.as_ref().unwrap()["report_version"].as_str(), Some("0.2"));
    refused(
        home.path(),
        &ws,
        &["engagement", "set", "--period", "2026-11-01..2026-13-01"],
        "`2026-13-01` is not a date",
    );
    refused(home.path(), &ws, &["engagement", "set", "--contact", "Jo\u{1b}[2J"], "control character U+001B");
    refused(home.path(), &ws, &["engagement", "set", "--assessor", " "], "the assessor's name must not be empty");
    refused(home.path(), &ws, &["engagement", "set"], "nothing to set");
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(
        out.starts_with("Undid facilitator's engagement facts change (assessors, report_version); history entry 2"),
        "{out}"
    );
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!((w.meta.assessors.as_slice(), w.meta.report_version.as_str()), (&["Ann Lee".to_owned()][..], "0.1"));
}

#[test]
fn roadmap_owner_and_due_date_are_set_shown_cleared_and_undone() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    let out =
        ok(home.path(), &ws, &["roadmap", "set", "plan-govern-policy", "--owner", "Ann Lee", "--due", "2026-12-31"]);
    assert_eq!(out, "plan-govern-policy: owner Ann Lee, due 2026-12-31\n");
    let out = ok(home.path(), &ws, &["roadmap", "set", "plan-govern-policy", "--due", "2027-01-15"]);
    assert_eq!(out, "plan-govern-policy: owner Ann Lee, due 2027-01-15\n", "--due alone keeps the owner");
    let show = ok(home.path(), &ws, &["roadmap", "show"]);
    assert!(show.contains("plan-govern-policy  Ann Lee  2027-01-15"), "{show}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &ws, &["roadmap", "show", "--format", "json"])).unwrap();
    assert_eq!(json[0]["question"], "plan-govern-policy");
    assert_eq!(json[0]["owner"], "Ann Lee");
    assert_eq!(json[0]["due"], "2027-01-15");
    refused(home.path(), &ws, &["roadmap", "set", "nope", "--owner", "X"], "unknown question id `nope`");
    refused(
        home.path(),
        &ws,
        &["roadmap", "set", "plan-govern-policy", "--due", "31/12/2026"],
        "`31/12/2026` is not a date",
    );
    refused(home.path(), &ws, &["roadmap", "set", "plan-govern-policy", "--owner", " "], "the owner must not be empty");
    refused(home.path(), &ws, &["roadmap", "set", "plan-govern-policy"], "give --owner, --due or --clear");
    refused(
        home.path(),
        &ws,
        &["roadmap", "set", "plan-govern-policy", "--clear", "--owner", "X"],
        "cannot be used with",
    );
    assert_eq!(
        ok(home.path(), &ws, &["roadmap", "set", "plan-govern-policy", "--clear"]),
        "plan-govern-policy: no owner, no due date\n"
    );
    assert_eq!(kinds(&ws), ["roadmap", "roadmap", "roadmap"]);
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(out.starts_with(
            "Undid facilitator's roadmap no owner, no due date on plan-govern-policy (was owner Ann Lee, due 2027-01-15); history entry 3"
        ), "{out}");
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(w.meta.roadmap_entry("plan-govern-policy").unwrap().owner, "Ann Lee");
}

#[test]
fn soa_starts_undecided_sets_all_three_states_and_flags_missing_justifications() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    let show = ok(home.path(), &ws, &["soa"]);
    assert!(show.contains("A.2.2    undecided"), "{show}");
    assert!(show.ends_with("38 controls: 0 applicable, 0 not applicable, 38 undecided\n"), "{show}");
    let (code, out, err) = aira(home.path(), &ws, &["soa", "set", "A.2.2", "--applicable"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("A.2.2") && out.contains(": applicable"), "{out}");
    assert!(err.contains("no justification given"), "{err}");
    ok(home.path(), &ws, &["soa", "set", "A.2.3", "--not-applicable", "--justification", "No AI systems bought in"]);
    let show = ok(home.path(), &ws, &["soa", "show"]);
    assert!(show.contains("A.2.2    yes"), "{show}");
    assert!(show.contains("no justification given"), "{show}");
    assert!(show.contains("A.2.3    no") && show.contains("No AI systems bought in"), "{show}");
    assert!(
        show.contains(
            "38 controls: 1 applicable, 1 not applicable, 36 undecided; 1 decided without a justification: A.2.2"
        ),
        "{show}"
    );
    let doctor = ok(home.path(), &ws, &["doctor"]);
    assert!(doctor.contains("1 SoA decision(s) without a justification: A.2.2"), "{doctor}");
    refused(home.path(), &ws, &["soa", "set", "A.2.2", "--not-applicable"], "needs a justification");
    refused(home.path(), &ws, &["soa", "set", "A.2.2", "--undecided", "--justification", "x"], "cannot be used with");
    ok(home.path(), &ws, &["soa", "set", "A.2.2", "--undecided"]);
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(w.meta.soa_decision("A.2.2").applicability, Applicability::Undecided);
    assert_eq!(kinds(&ws), ["soa", "soa", "soa"]);
    let out = ok(home.path(), &ws, &["undo"]);
    assert!(
        out.starts_with("Undid facilitator's SoA decision undecided on A.2.2 (was applicable); history entry 3"),
        "{out}"
    );
    let w = workspace::open(&ws, Access::ReadOnly).unwrap();
    assert_eq!(w.meta.soa_decision("A.2.2").applicability, Applicability::Applicable);
    assert!(ok(home.path(), &ws, &["doctor"]).contains("A.2.2"));
}

#[test]
fn hostile_text_never_reaches_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), &[]);
    // Hand-written into the file (past the CLI's own checks) the store refuses it, located.
    let path = ws.join("workspace.toml");
    let text =
        std::fs::read_to_string(&path).unwrap().replacen("scope = \"\"", "contact = \"Jo\\u001b]0;pwn\\u0007\"", 1);
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = aira(home.path(), &ws, &["engagement", "show"]);
    assert_eq!(code, 1, "{out}");
    assert!(err.contains("workspace.toml:") && err.contains("`contact` contains control character U+001B"), "{err}");
    assert!(!err.contains('\u{1b}') && !out.contains('\u{1b}'));
}
