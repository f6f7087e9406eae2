//! `aira export ciso-assistant`: the audit sheet CISO Assistant's Data Wizard imports, checked
//! against what its import code reads (columns, the Result and Status choices) and against the
//! requirement nodes of its two libraries (tests/fixtures/ciso-assistant), row by row against
//! the report's own reference scores.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::interop_support::{build, ok};

/// The columns `_reconcile_compliance_requirements` reads (CISO Assistant f990d7b1b,
/// backend/data_wizard/views.py; headers lowercased) and the choices its model accepts.
const READ: [&str; 7] =
    ["urn", "ref_id", "assessable", "compliance_result", "requirement_progress", "score", "observations"];
const RESULTS: [&str; 5] = ["not_assessed", "partially_compliant", "non_compliant", "compliant", "not_applicable"];
const STATUSES: [&str; 4] = ["to_do", "in_progress", "in_review", "done"];

/// (framework urn, ref_id) -> (node urn, assessable).
fn nodes() -> HashMap<(String, String), (String, bool)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/ciso-assistant/requirement-nodes.tsv"
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            ((f[0].to_owned(), f[2].to_owned()), (f[1].to_owned(), f[3] == "true"))
        })
        .collect()
}

#[test]
fn the_audit_sheet_matches_ciso_assistants_import_and_the_report() {
    let home = tempfile::tempdir().unwrap();
    let built = build(home.path(), "ai-governance-readiness", None);
    let ws = built.dir.to_str().unwrap();
    let report: Json = serde_json::from_str(&ok(home.path(), &["-w", ws, "report", "--format", "json"])).unwrap();
    let nodes = nodes();
    for (framework, refs) in [
        ("iso42001-2023", [&report["iso"]["clauses"], &report["iso"]["controls"]]),
        ("nist-ai-rmf-1.0", [&report["nist"]["subcategories"], &Json::Array(vec![])]),
    ] {
        let file = home.path().join(format!("{framework}.csv"));
        let f = file.to_str().unwrap();
        ok(home.path(), &["-w", ws, "export", "ciso-assistant", "--framework", framework, "-o", f]);
        let text = std::fs::read_to_string(&file).unwrap();
        let text = text.strip_prefix('\u{feff}').expect("a BOM, which CISO Assistant's utf-8-sig reading strips");
        assert!(!text.contains('"'), "no quoted cells, so splitting on commas is exact:\n{text}");
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap().split(',').collect::<Vec<_>>(), READ);
        let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
        // The references the report scores with something answered, and nothing else.
        let fw = if framework == "iso42001-2023" {
            aira_report::ciso::Framework::Iso42001
        } else {
            aira_report::ciso::Framework::NistAiRmf
        };
        let scored: Vec<&Json> = refs
            .iter()
            .flat_map(|l| l.as_array().unwrap())
            .filter(|x| x["answered"].as_u64().unwrap() + x["not_applicable"].as_u64().unwrap() > 0)
            .filter(|x| fw.has(x["id"].as_str().unwrap()))
            .collect();
        assert_eq!(rows.len(), scored.len(), "{framework}: one row per answered requirement");
        assert!(!rows.is_empty(), "{framework}: the answered questions cite it");
        let fw_urn = format!("urn:intuitem:risk:framework:{framework}");
        for (row, x) in rows.iter().zip(&scored) {
            assert_eq!(row.len(), READ.len(), "{row:?}");
            let (urn, ref_id) = (row[0], row[1]);
            let node = nodes.get(&(fw_urn.clone(), ref_id.to_owned()));
            assert!(node.is_some_and(|(u, a)| u == urn && *a), "{framework}: {ref_id} / {urn} is no assessable node");
            assert_eq!(row[2], "True");
            assert!(RESULTS.contains(&row[3]) && STATUSES.contains(&row[4]), "{row:?}");
            let score = x["score"].as_f64();
            let want = match score {
                None => "not_applicable",
                Some(s) if s < 1.0 => "non_compliant",
                Some(s) if s < 3.0 => "partially_compliant",
                Some(_) => "compliant",
            };
            assert_eq!(row[3], want, "{framework} {ref_id}: the SoA's implementation rule on score {score:?}");
            let done = x["unanswered"].as_u64() == Some(0);
            assert_eq!(row[4], if done { "done" } else { "in_progress" });
            let expected_score = match (framework, score) {
                ("iso42001-2023", Some(s)) => format!("{}", s.round()),
                _ => String::new(),
            };
            assert_eq!(row[5], expected_score, "{framework} {ref_id}: integer 0-5 for ISO, none for NIST");
            for q in x["questions"].as_array().unwrap() {
                let q = q.as_str().unwrap();
                if built.answered.iter().any(|a| a == q) {
                    assert!(row[6].contains(q), "{ref_id}: observation names {q}: {}", row[6]);
                }
            }
        }
    }
    // Every ISO/IEC 42001 clause and control and every NIST subcategory aira knows is a node
    // of CISO Assistant's library, so whatever a questionnaire cites can be imported.
    use aira_report::ciso::Framework;
    for (fw, list) in [
        (Framework::Iso42001, [&report["iso"]["clauses"], &report["iso"]["controls"]]),
        (Framework::NistAiRmf, [&report["nist"]["subcategories"], &Json::Array(vec![])]),
    ] {
        let fw_urn = format!("urn:intuitem:risk:framework:{}", fw.library());
        for id in list.iter().flat_map(|l| l.as_array().unwrap()).map(|x| x["id"].as_str().unwrap()) {
            let ref_id = fw.ref_id(id).unwrap();
            let node = nodes.get(&(fw_urn.clone(), ref_id.clone()));
            // `has` is exactly "the library has a node with that ref_id and urn".
            assert_eq!(
                fw.has(id),
                node.is_some_and(|(u, _)| *u == fw.urn(&ref_id)),
                "{id} -> {ref_id} in {}",
                fw.library()
            );
        }
    }
    // An existing file is kept without --force.
    let file = home.path().join("iso42001-2023.csv");
    let (code, _, err) = crate::common::run(
        home.path(),
        &["-w", ws, "export", "ciso-assistant", "--framework", "iso42001-2023", "-o", file.to_str().unwrap()],
    );
    assert_eq!(code, 1);
    assert!(err.contains("exists; pass --force"), "{err}");
}
