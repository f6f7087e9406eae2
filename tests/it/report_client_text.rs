//! Client-facing text (md, html, and the data the pdf/docx are typeset from) shows no internal
//! path or doc file name, no question id without its text, "not covered" only for the finest
//! clauses, and never "unknown" as the person who recorded an answer.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as run};

#[test]
fn client_facing_reports_show_no_internals() {
    let home = tempfile::tempdir().unwrap();
    let (base, cur) = (home.path().join("acme-2026-q1"), home.path().join("cur"));
    for dir in [&base, &cur] {
        common::init(home.path(), dir, None);
    }
    run(home.path(), &base, &["answer", "plan-govern-policy", "1"]);
    run(home.path(), &cur, &["respondent", "add", "Ann"]);
    run(home.path(), &cur, &["respondent", "add", "Bo"]);
    run(home.path(), &cur, &["answer", "--respondent", "Ann", "plan-govern-policy", "1"]);
    run(home.path(), &cur, &["answer", "--respondent", "Bo", "plan-govern-policy", "4"]);
    // The store writes "unknown" when it knows no user name: a report must not repeat it.
    let ann = cur.join("answers/ann.toml");
    let text =
        std::fs::read_to_string(&ann).unwrap().replace("answered_by = \"facilitator\"", "answered_by = \"unknown\"");
    std::fs::write(&ann, text).unwrap();
    let meta = cur.join("workspace.toml");
    let text = std::fs::read_to_string(&meta)
        .unwrap()
        .replace("aggregation = \"mean\"", "aggregation = \"mean\"\nbaseline = \"../acme-2026-q1\"");
    std::fs::write(&meta, text).unwrap();
    let question = "Is there a written AI policy that leadership has approved?";
    let mini = std::fs::read_to_string(common::MINI_PATH).unwrap();
    assert!(mini.contains(question), "the fixture's question text changed");

    for format in ["md", "html", "typ"] {
        let mut out = run(home.path(), &cur, &["report", "--format", format]);
        if format == "typ" {
            // The data line only: the template's own comments are for the consultant.
            out = out.lines().nth(1).unwrap().to_owned();
        }
        for bad in ["docs/", "scoring.md", "../acme-2026-q1", "acme-2026-q1", "unknown"] {
            assert!(!out.contains(bad), "{format}: {bad:?} in client text");
        }
        // Disagreements name the question by its text.
        assert!(out.contains(question), "{format}: the disputed question's text");
        // "4" has sub-clauses in the list: it is never itself "not covered".
        let marker = if format == "typ" { "\\\"uncovered\\\":\\\"" } else { "Not covered by any question: " };
        let after = out.split(marker).nth(1).unwrap_or_else(|| panic!("{format}: no coverage note"));
        let list = after.split(['\n', '<', '"', '\\']).next().unwrap().trim_end_matches('.');
        let ids: Vec<&str> = list.split(", ").collect();
        assert!(!ids.contains(&"4") && !ids.contains(&"5"), "{format}: a parent clause listed as not covered: {list}");
    }
    let md = run(home.path(), &cur, &["report", "--format", "md"]);
    assert!(md.contains("Compared with the baseline assessment"), "{md}");
}
