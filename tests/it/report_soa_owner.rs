//! Issue 19, the lead's findings on the engagement's reports: a Statement of Applicability
//! control has an owner (`aira soa set … --owner NAME`, in history, undone by `aira undo`) shown
//! in every format; a URL evidence item says it is a link, not hashed, instead of "hash: not
//! recorded" (nothing is missing: a URL has no hash by design).

use crate::common;

use std::path::Path;
use std::process::Command;

fn ok(home: &Path, args: &[&str]) -> String {
    common::Aira::new(home).ok(args)
}

fn refused(home: &Path, args: &[&str], why: &str) {
    let (code, _, err) = common::run(home, args);
    assert_ne!(code, 0, "aira {args:?} was accepted");
    assert!(err.contains(why) && !err.contains("panicked"), "aira {args:?}: {err}");
}

/// Every text of a report file: a PDF through pdftotext (None without it), a DOCX's body, a
/// workbook's cells row by row, anything else as it is.
fn text_of(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => {
            let Ok(out) = Command::new("pdftotext").arg(path).arg("-").output() else {
                eprintln!("skipped the PDF text checks: pdftotext (poppler-utils) is not installed");
                return None;
            };
            Some(String::from_utf8(out.stdout).unwrap())
        }
        Some("docx") => {
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut text).unwrap();
            Some(text)
        }
        Some("xlsx") => {
            let mut wb: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
            let mut text = String::new();
            for name in calamine::Reader::sheet_names(&wb) {
                let range = calamine::Reader::worksheet_range(&mut wb, &name).unwrap();
                for row in range.rows() {
                    text.push_str(&row.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|"));
                    text.push('\n');
                }
            }
            Some(text)
        }
        _ => Some(String::from_utf8(bytes).unwrap()),
    }
}

fn init(home: &Path) -> String {
    let ws = home.join("ws");
    let w = ws.to_str().unwrap().to_owned();
    ok(home, &["init", &w, "--name", "Acme readiness", "--organisation", "Acme"]);
    w
}

#[test]
fn a_controls_owner_is_set_on_the_cli_kept_with_the_decision_logged_and_undone() {
    let home = tempfile::tempdir().unwrap();
    let w = init(home.path());
    let w = w.as_str();
    ok(
        home.path(),
        &["-w", w, "soa", "set", "A.2.2", "--applicable", "--justification", "In scope.", "--owner", "Rita Quinn"],
    );
    // The owner alone: the decision and its justification stay.
    ok(home.path(), &["-w", w, "soa", "set", "A.10.3", "--not-applicable", "--justification", "No AI suppliers."]);
    ok(home.path(), &["-w", w, "soa", "set", "A.10.3", "--owner", "Omar Diaz"]);
    // A new decision without --owner keeps the owner named before.
    ok(home.path(), &["-w", w, "soa", "set", "A.2.2", "--applicable", "--justification", "Policy is in scope."]);
    let ws = aira_store::workspace::open(Path::new(w), aira_store::workspace::Access::ReadOnly).unwrap();
    let d = ws.meta.soa_decision("A.2.2");
    assert_eq!((d.owner, d.justification), ("Rita Quinn", "Policy is in scope."));
    let d = ws.meta.soa_decision("A.10.3");
    assert_eq!((d.applicability.label(), d.justification, d.owner), ("no", "No AI suppliers.", "Omar Diaz"));
    let show = ok(home.path(), &["-w", w, "soa"]);
    assert!(show.contains("owner: Rita Quinn") && show.contains("owner: Omar Diaz"), "{show}");

    refused(home.path(), &["-w", w, "soa", "set", "A.5.2", "--owner", "Ann"], "undecided");
    refused(home.path(), &["-w", w, "soa", "set", "A.5.2", "--undecided", "--owner", "Ann"], "cannot be used with");
    refused(home.path(), &["-w", w, "soa", "set", "A.2.2", "--owner", "Ann\u{1b}[31m"], "control character");
    refused(home.path(), &["-w", w, "soa", "set", "A.2.2", "--owner", "Ann\nLee"], "control character U+000A");

    let history = std::fs::read_to_string(Path::new(w).join("history.toml")).unwrap();
    assert!(history.contains("owner = \"Omar Diaz\""), "the owner is in history:\n{history}");
    // The newest change is A.2.2's new justification; then the owner of A.10.3.
    ok(home.path(), &["-w", w, "undo"]);
    let said = ok(home.path(), &["-w", w, "undo"]);
    assert!(said.contains("owner") && said.contains("A.10.3"), "{said}");
    let ws = aira_store::workspace::open(Path::new(w), aira_store::workspace::Access::ReadOnly).unwrap();
    let d = ws.meta.soa_decision("A.10.3");
    assert_eq!((d.applicability.label(), d.owner), ("no", ""), "the owner went, the decision stayed");
    assert_eq!(ws.meta.soa_decision("A.2.2").owner, "Rita Quinn");
    // Clearing: an empty owner.
    ok(home.path(), &["-w", w, "soa", "set", "A.2.2", "--owner", ""]);
    let ws = aira_store::workspace::open(Path::new(w), aira_store::workspace::Access::ReadOnly).unwrap();
    assert_eq!(ws.meta.soa_decision("A.2.2").owner, "");
    assert_eq!(ws.meta.soa_decision("A.2.2").applicability.label(), "yes");
}

#[test]
fn the_soa_owner_shows_in_every_format_and_no_owner_is_not_assigned() {
    let home = tempfile::tempdir().unwrap();
    let w = init(home.path());
    let w = w.as_str();
    ok(
        home.path(),
        &["-w", w, "soa", "set", "A.2.2", "--applicable", "--justification", "In scope.", "--owner", "Rita Quinn"],
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "json"])).unwrap();
    let row = |id: &str| json["soa"].as_array().unwrap().iter().find(|r| r["control"] == id).unwrap().clone();
    assert_eq!(row("A.2.2")["owner"], "Rita Quinn");
    assert_eq!(row("A.5.2")["owner"], "", "JSON: no owner is an empty string");
    let full: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["-w", w, "report", "--format", "json"])).unwrap();
    let a22 = full["soa"].as_array().unwrap().iter().find(|r| r["control"] == "A.2.2").unwrap();
    assert_eq!(a22["owner"], "Rita Quinn", "the full report's JSON too");

    let md = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "md"]);
    let line = |id: &str| md.lines().find(|l| l.starts_with(&format!("| {id} |"))).unwrap().to_owned();
    assert!(line("A.2.2").contains("| Rita Quinn |"), "{}", line("A.2.2"));
    assert!(line("A.5.2").contains("| not assigned |"), "{}", line("A.5.2"));
    let csv = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "csv"]);
    assert!(csv.lines().next().unwrap().ends_with(",owner"), "{csv}");
    assert!(csv.lines().any(|l| l.starts_with("A.2.2,") && l.ends_with(",Rita Quinn")), "{csv}");
    let typ = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "typ"]);
    assert!(typ.contains("Rita Quinn") && typ.contains("not assigned"), "typ: the owner, or not assigned");
    for (kind, format) in
        [("soa", "html"), ("full", "html"), ("soa", "pdf"), ("soa", "docx"), ("soa", "xlsx"), ("full", "xlsx")]
    {
        let out = home.path().join(format!("{kind}.{format}"));
        ok(home.path(), &["-w", w, "report", "--kind", kind, "--format", format, "-o", out.to_str().unwrap()]);
        let Some(text) = text_of(&out) else { continue };
        assert!(text.contains("Rita Quinn"), "{kind} {format}: the owner");
        assert!(text.contains("not assigned"), "{kind} {format}: a control without an owner says so");
    }
}

#[test]
fn a_url_evidence_item_is_a_link_not_hashed_in_every_register_and_a_file_shows_its_hash() {
    let home = tempfile::tempdir().unwrap();
    let w = init(home.path());
    let w = w.as_str();
    std::fs::write(Path::new(w).join("policy.txt"), "AI policy v1\n").unwrap();
    ok(home.path(), &["-w", w, "answer", "plan-govern-policy-alignment", "2"]);
    ok(home.path(), &["-w", w, "evidence", "add", "plan-govern-policy-alignment", &format!("{w}/policy.txt")]);
    ok(home.path(), &["-w", w, "evidence", "add", "plan-govern-policy-alignment", "https://intranet.example/runbook"]);
    let typ = ok(home.path(), &["-w", w, "report", "--format", "typ"]);
    assert!(typ.contains("link, not hashed"), "typ");
    for format in ["html", "pdf", "docx"] {
        let out = home.path().join(format!("r.{format}"));
        ok(home.path(), &["-w", w, "report", "--format", format, "-o", out.to_str().unwrap()]);
        let Some(text) = text_of(&out) else { continue };
        // The section, not the contents' line naming it; compared without the line breaks and
        // spaces a table cell wraps at.
        let register = text.rsplit("Evidence register").next().unwrap();
        let register: String =
            register.split("Evidence requested").next().unwrap().chars().filter(|c| !c.is_whitespace()).collect();
        assert!(register.contains("link,nothashed"), "{format}: {register}");
        assert!(!register.contains("notrecorded"), "{format}: nothing is missing: {register}");
        // The file's hash: sha256sum's, not aira's.
        let sum = Command::new("sha256sum").arg(Path::new(w).join("policy.txt")).output().unwrap();
        assert!(register.contains(&String::from_utf8(sum.stdout).unwrap()[..12]), "{format}: the file's hash");
    }
}

#[test]
fn an_anonymised_report_names_no_soa_owner() {
    let home = tempfile::tempdir().unwrap();
    let w = init(home.path());
    let w = w.as_str();
    ok(
        home.path(),
        &[
            "-w",
            w,
            "soa",
            "set",
            "A.2.2",
            "--applicable",
            "--justification",
            "Rita Quinn signs it off.",
            "--owner",
            "Rita Quinn",
        ],
    );
    for format in ["json", "md", "csv", "html"] {
        let out = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--anonymise", "--format", format]);
        assert!(!out.contains("Rita") && !out.contains("Quinn"), "{format}: the owner's name is shown");
        // Markdown escapes the brackets.
        assert!(out.contains("[name]") || out.contains("\\[name\\]"), "{format}: the owner is replaced, not dropped");
    }
}
