//! The HTML report and the deliverable data of a generated workspace, pinned byte for byte.
//! The fixture of `report_formats` has ten answers; this one has every section full (many
//! findings in each horizon, an evidence register, requests, two answered respondents and one
//! who answered nothing), so a change in how the writers walk the model cannot hide in a
//! section the small fixture leaves empty. `UPDATE_GOLDEN=1` rewrites it after an intended
//! change (then read the diff).

use crate::report_formats::golden;

use aira_report::{self as report, Report};
use aira_store::workspace::{self, Access};
use aira_testgen::Spec;

const GENERATED_AT: &str = "2026-03-30T12:00:00+00:00";

fn with_generated(f: impl FnOnce(&Report)) {
    let dir = tempfile::tempdir().unwrap();
    aira_testgen::generate(dir.path(), &Spec::new(40, 3, 2)).unwrap();
    let ws = workspace::open(dir.path(), Access::ReadOnly).unwrap();
    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, GENERATED_AT);
    f(&r);
}

#[test]
fn generated_workspace_html_matches_golden() {
    with_generated(|r| {
        let html = report::html::full(r);
        // Guard against a golden that pins an empty shell: the sections this test is for.
        for id in ["summary", "findings", "roadmap", "evidence", "method", "answers"] {
            assert!(html.contains(&format!("<section id=\"{id}\"")), "{id}");
        }
        assert!(html.matches("<div class=\"finding\">").count() > 10);
        golden("generated.html", &html);
    });
}

#[test]
fn generated_workspace_deliverable_matches_golden() {
    with_generated(|r| {
        let mut d = report::deliverable::document(r, "full");
        // The charts are pinned inside the HTML golden; here only whether each is there.
        for chart in ["radar", "phases", "heatmap", "trend"] {
            let len = d["charts"][chart].as_str().map_or(0, str::len);
            d["charts"][chart] = serde_json::Value::from(len > 0);
        }
        golden("generated-deliverable.json", &(serde_json::to_string_pretty(&d).unwrap() + "\n"));
    });
}
