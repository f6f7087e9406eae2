//! The deliverable on today's questionnaires, through the real binary: roadmap items in report
//! JSON carry the question's `action`; the Statement of Applicability shows three states
//! (applicable / not applicable / undecided) and flags a decision without a justification in
//! every format; an EU AI Act provider's PDF, Typst source and DOCX carry the scope, the
//! family coverage with "applies from" dates and the crosswalk.

use crate::common;

use std::path::Path;
use std::process::Command;

use aira_store::workspace::{self, Access};

fn ok(home: &Path, args: &[&str]) -> String {
    common::Aira::new(home).ok(args)
}

fn pdf_text(path: &Path) -> Option<String> {
    let Ok(out) = Command::new("pdftotext").arg(path).arg("-").output() else {
        eprintln!("skipped the PDF text checks: pdftotext (poppler-utils) is not installed");
        return None;
    };
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    Some(String::from_utf8(out.stdout).unwrap())
}

fn docx_text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut text).unwrap();
    text
}

#[test]
fn roadmap_items_in_report_json_carry_the_questions_action_never_its_text() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    ok(home.path(), &["init", w, "--name", "Acme readiness", "--organisation", "Acme"]);
    let opened = workspace::open(&ws, Access::ReadOnly).unwrap();
    let questions: Vec<_> = opened.questionnaire.questions.iter().take(6).cloned().collect();
    for q in &questions {
        ok(home.path(), &["-w", w, "answer", &q.id, "1"]);
    }
    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["-w", w, "report", "--format", "json"])).unwrap();
    let items: Vec<&serde_json::Value> =
        json["roadmap"].as_array().unwrap().iter().flat_map(|h| h["items"].as_array().unwrap()).collect();
    assert_eq!(items.len(), questions.len(), "every answered question below target 3 is on the roadmap");
    for item in items {
        let q = questions.iter().find(|q| q.id == item["id"]).unwrap();
        assert!(!q.action.trim().is_empty(), "the flagship question {} has an action", q.id);
        assert_eq!(item["action"], q.action.trim(), "{}", q.id);
        assert_ne!(item["action"], q.text.as_str());
    }
    // The same action reaches the typeset deliverable's findings.
    let typ = ok(home.path(), &["-w", w, "report", "--format", "typ"]);
    let data = typ.lines().nth(1).unwrap();
    let first = &questions[0];
    assert!(data.contains(&first.action.trim().replace('"', "\\\\\\\"")), "{}", first.id);
}

#[test]
fn the_soa_shows_three_states_and_flags_a_decision_without_justification_in_every_format() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    ok(home.path(), &["init", w, "--name", "Acme readiness", "--organisation", "Acme"]);
    ok(home.path(), &["-w", w, "soa", "set", "--applicable", "A.2.2", "--justification", "Policy is in scope."]);
    ok(home.path(), &["-w", w, "soa", "set", "--not-applicable", "A.10.3", "--justification", "No AI suppliers."]);
    // Decided applicable with no reason: ISO/IEC 42001 6.1.3 asks for one.
    ok(home.path(), &["-w", w, "soa", "set", "--applicable", "A.4.2"]);
    let md = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "md"]);
    let line = |id: &str| {
        md.lines().find(|l| l.starts_with(&format!("| {id} |"))).unwrap_or_else(|| panic!("{id}")).to_owned()
    };
    assert!(line("A.2.2").contains("| yes |") && line("A.2.2").contains("Policy is in scope."), "{}", line("A.2.2"));
    assert!(line("A.10.3").contains("| no |"), "{}", line("A.10.3"));
    assert!(line("A.5.2").contains("| undecided |"), "no decision is undecided: {}", line("A.5.2"));
    assert!(line("A.4.2").contains("no justification given"), "{}", line("A.4.2"));
    assert!(!line("A.5.2").contains("no justification given"), "undecided is not an unjustified decision");

    let json: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "json"])).unwrap();
    let row = |id: &str| json["soa"].as_array().unwrap().iter().find(|r| r["control"] == id).unwrap().clone();
    assert_eq!(row("A.2.2")["applicability"], "applicable");
    assert_eq!(row("A.10.3")["applicability"], "not_applicable");
    assert_eq!(row("A.5.2")["applicability"], "undecided");
    assert_eq!(row("A.5.2")["applicable"], serde_json::Value::Null, "undecided is neither true nor false");
    assert_eq!(row("A.4.2")["unjustified"], true);
    assert_eq!(row("A.2.2")["unjustified"], false);

    let html = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "html"]);
    assert!(html.contains("undecided") && html.contains("no justification given"));
    let csv = ok(home.path(), &["-w", w, "report", "--kind", "soa", "--format", "csv"]);
    let a52 = csv.lines().find(|l| l.starts_with("A.5.2,")).unwrap();
    assert!(a52.contains(",undecided,"), "{a52}");

    for format in ["pdf", "docx", "xlsx"] {
        let out = home.path().join(format!("soa.{format}"));
        ok(home.path(), &["-w", w, "report", "--kind", "soa", "-o", out.to_str().unwrap()]);
        let text = match format {
            "pdf" => match pdf_text(&out) {
                Some(t) => t,
                None => continue,
            },
            "docx" => docx_text(&out),
            _ => {
                let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&out).unwrap();
                let range = calamine::Reader::worksheet_range(&mut wb, "Statement of Applicability").unwrap();
                range
                    .rows()
                    .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>().join("|"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        };
        assert!(text.contains("undecided"), "{format}: undecided controls");
        assert!(text.contains("no justification given"), "{format}: the unjustified decision is flagged");
        assert!(!text.contains("by default"), "{format}: an undecided control is not shown as applicable");
    }
}

#[test]
fn an_eu_providers_pdf_typ_and_docx_carry_scope_family_coverage_with_dates_and_the_crosswalk() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("ws");
    let w = ws.to_str().unwrap();
    ok(
        home.path(),
        &["init", w, "--questionnaire", "eu-ai-act-readiness", "--profile", "provider", "--organisation", "Acme"],
    );
    for (id, level) in [("plan-govern-operator-roles", "2"), ("classify-annex-iii", "yes")] {
        ok(home.path(), &["-w", w, "answer", id, level]);
    }
    let typ = ok(home.path(), &["-w", w, "report", "--format", "typ"]);
    let data = typ.lines().nth(1).unwrap();
    for s in ["\\\"scope\\\":{", "EU AI Act coverage", "applies from 2 August 2026", "Crosswalk", "classify-annex-iii"]
    {
        assert!(data.contains(s), "typ data: {s}");
    }
    let pdf = home.path().join("r.pdf");
    ok(home.path(), &["-w", w, "report", "-o", pdf.to_str().unwrap()]);
    if let Some(text) = pdf_text(&pdf) {
        for s in [
            "Scope",
            "Profiles covered: Provider",
            "EU AI Act coverage",
            "applies from 2 August 2026",
            "Crosswalk",
            "Art.25",
        ] {
            // Table cells wrap: compare with runs of white space as one space.
            assert!(text.split_whitespace().collect::<Vec<_>>().join(" ").contains(s), "pdf: {s}");
        }
        let contents = text.split('\u{c}').find(|p| p.contains("Contents")).unwrap();
        assert!(
            contents.contains("Scope") && contents.contains("Crosswalk"),
            "contents list the EU sections: {contents}"
        );
    }
    let docx = home.path().join("r.docx");
    ok(home.path(), &["-w", w, "report", "-o", docx.to_str().unwrap()]);
    let doc = docx_text(&docx);
    for s in ["Scope", "EU AI Act coverage", "applies from 2 August 2026", "Crosswalk", "Art.25"] {
        assert!(doc.contains(s), "docx: {s}");
    }
}

#[test]
fn engagement_facts_and_action_owners_fill_the_deliverable_from_plain_fields() {
    use aira_core::report::model::{Facts, Plan};
    use aira_report::{Report, ReportFormat, ReportKind, render};
    let dir = tempfile::tempdir().unwrap();
    let ws = crate::report_support::workspace(dir.path(), false);
    let mut r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, crate::report_support::GENERATED_AT);
    let before = String::from_utf8(render(&r, ReportFormat::Typ, ReportKind::Full).unwrap()).unwrap();
    assert!(before.contains("not recorded") && before.contains("not assigned"), "empty slots say so");
    r.facts = Facts {
        assessors: vec!["Dana Whit".into(), "Lee Park".into()],
        contact: "Sam Client, CISO".into(),
        period: Some(("2026-01-05".into(), "2026-01-16".into())),
        status: "final".into(),
        version: "1.0".into(),
    };
    let id = r.roadmap.iter().flat_map(|h| &h.items).next().unwrap().id.clone();
    r.plans.insert(id, Plan { owner: "Ops lead".into(), due: "2026-03-31".into() });
    let typ = String::from_utf8(render(&r, ReportFormat::Typ, ReportKind::Full).unwrap()).unwrap();
    for s in [
        "Dana Whit, Lee Park",
        "Sam Client, CISO",
        "2026-01-05 to 2026-01-16",
        "\\\"final\\\"",
        "Ops lead",
        "2026-03-31",
    ] {
        assert!(typ.contains(s), "{s}");
    }
}
