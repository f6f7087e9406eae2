#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The real binary: report to a file and to stdout, xlsx without -o, heatmap colours, score
//! csv, and `soa set` writing workspace.toml with its comments kept.

use crate::{common, report_support};

use std::path::Path;

/// `aira -w WS ARGS…` in the home that holds WS, with the report date fixed.
fn aira(ws: &Path, args: &[&str]) -> common::Out {
    common::Aira::new(ws.parent().unwrap()).ws(ws).env("AIRA_GENERATED_AT", report_support::GENERATED_AT).run(args)
}

fn fixture() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    drop(report_support::workspace(&ws, false));
    (dir, ws)
}

#[test]
fn report_writes_files_and_stdout_and_refuses_xlsx_to_a_terminal() {
    let (dir, ws) = fixture();
    let out = aira(&ws, &["report", "--format", "md"]);
    assert_eq!(out.code, 0);
    let golden = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/report.md")).unwrap();
    assert_eq!(out.stdout, golden);
    let file = dir.path().join("r.xlsx");
    let out = aira(&ws, &["report", "-o", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read(&file).unwrap().starts_with(b"PK"), "format from the extension: xlsx");
    let out = aira(&ws, &["report", "--format", "xlsx"]);
    assert_eq!(out.code, 1);
    let err = out.stderr;
    assert!(err.contains("-o FILE") && !err.contains("panicked"), "{err}");
    let out = aira(&ws, &["report", "--kind", "soa", "--format", "csv"]);
    assert!(out.stdout.contains("A.10.3,Suppliers,no,No AI suppliers in scope."));
}

#[test]
fn heatmap_colours_only_when_asked_or_on_a_terminal() {
    let (_dir, ws) = fixture();
    let plain = aira(&ws, &["heatmap"]).stdout;
    assert!(!plain.contains('\x1b') && plain.contains("Plan"), "{plain}");
    let coloured = aira(&ws, &["heatmap", "--color", "always"]).stdout;
    assert!(coloured.contains("\x1b[30;"), "{coloured}");
    let json: serde_json::Value = serde_json::from_str(&aira(&ws, &["heatmap", "--format", "json"]).stdout).unwrap();
    assert_eq!(json["grid"][0][0], 1.5);
    assert_eq!(json["rows"].as_array().unwrap().len(), 4);
    let csv = aira(&ws, &["score", "--format", "csv"]).stdout;
    assert!(csv.starts_with("group,phase,function,score,answered,not_applicable,unanswered,total\r\n"));
    assert!(csv.contains("cell,plan,govern,1.5,1,0,0,1\r\n"), "{csv}");
}

#[test]
fn soa_set_needs_a_justification_and_keeps_comments() {
    let (_dir, ws) = fixture();
    let meta = ws.join("workspace.toml");
    let before = std::fs::read_to_string(&meta).unwrap();
    std::fs::write(&meta, format!("# kept comment\n{before}")).unwrap();
    let out = aira(&ws, &["soa", "set", "A.6.2.5", "--not-applicable"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("justification"));
    assert_ne!(aira(&ws, &["soa", "set", "A.99.1", "--applicable"]).code, 0);
    let out =
        aira(&ws, &["soa", "set", "A.6.2.5", "--not-applicable", "--justification", "We deploy nothing ourselves."]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let text = std::fs::read_to_string(&meta).unwrap();
    assert!(text.starts_with("# kept comment\n"));
    assert!(
        text.contains("[soa.\"A.6.2.5\"]\napplicable = false\njustification = \"We deploy nothing ourselves.\""),
        "{text}"
    );
    let soa = aira(&ws, &["report", "--kind", "soa", "--format", "csv"]).stdout;
    assert!(soa.contains("A.6.2.5,AI system deployment,no,We deploy nothing ourselves.,not applicable"), "{soa}");
    assert_eq!(aira(&ws, &["soa", "set", "A.6.2.5", "--applicable"]).code, 0);
    let text = std::fs::read_to_string(&meta).unwrap();
    assert!(text.contains("[soa.\"A.6.2.5\"]\napplicable = true\n") && !text.contains("We deploy nothing"), "{text}");
}
