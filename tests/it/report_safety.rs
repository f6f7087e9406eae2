#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Hostile notes (formula, script, pipes, line breaks) must come out inert in every format.

use crate::report_support;

use std::io::Cursor;

use aira_report::{self as report, Report};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

fn with_hostile(f: impl FnOnce(&Report)) {
    let dir = tempfile::tempdir().unwrap();
    let ws = report_support::workspace(dir.path(), true);
    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, report_support::GENERATED_AT);
    f(&r);
}

#[test]
fn html_escapes_everything_typed() {
    with_hostile(|r| {
        for html in [report::html::full(r), report::html::soa(r)] {
            assert!(!html.contains("<script"), "a typed <script> reached the HTML");
            assert!(!html.to_lowercase().contains("<script"), "no script at all, not even ours");
            assert!(!html.contains("http://") || html.contains("&quot;http://evil.example&quot;"));
        }
        let html = report::html::full(r);
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        // Nothing is fetched: no external URLs in src/href attributes, and a CSP forbids it anyway.
        assert!(!html.contains("src=\"http") && !html.contains("href=\"http"));
        assert!(html.contains("default-src 'none'"));
    });
}

#[test]
fn csv_neutralises_formulas_and_keeps_one_record_per_question() {
    with_hostile(|r| {
        let csv = report::csv::answers(r);
        let policy = csv.split("\r\n").find(|l| l.starts_with("plan-govern-policy,")).unwrap();
        // Several respondents: the note is quoted and starts with a name, never with `=`.
        assert!(policy.contains("\"Alice Moreau: =HYPERLINK(\"\"http://evil.example\"\""), "{policy}");
        let context = csv.split("\r\n").find(|l| l.starts_with("plan-map-context,")).unwrap();
        assert!(context.contains(",\"'=HYPERLINK("), "{context}");
        assert!(csv.contains("'-inventory.xlsx"));
        assert_eq!(csv.matches("\r\n").count(), 1 + r.questionnaire.questions.len());
    });
}

#[test]
fn markdown_escapes_pipes_and_newlines_in_cells() {
    with_hostile(|r| {
        let md = report::markdown::full(r);
        let lines: Vec<&str> = md.lines().collect();
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l.contains("HYPERLINK")) {
            assert!(line.starts_with('|'), "a note broke out of its table row: {line}");
            assert!(line.contains("\\|") && line.contains("<br>"), "{line}");
            assert!(!line.contains("<script>"), "{line}");
            // Pipes that are not escaped are exactly the column separators of its table.
            let header = lines[..i].iter().rev().find(|l| l.starts_with("|---")).unwrap();
            assert_eq!(line.replace("\\|", "").matches('|').count(), header.matches('|').count(), "{line}");
        }
    });
}

#[test]
fn xlsx_neutralises_formulas() {
    with_hostile(|r| {
        let bytes = report::xlsx::full(r).unwrap();
        let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let answers = wb.worksheet_range("Answers").unwrap();
        let mut seen = 0;
        for row in answers.rows() {
            for c in row {
                if let Data::String(s) = c {
                    assert!(!s.starts_with(['=', '+', '-', '@', '\t', '\r']), "{s:?}");
                    seen += usize::from(s.contains("HYPERLINK"));
                }
            }
        }
        assert!(seen >= 2);
        assert!(wb.worksheet_formula("Answers").unwrap().used_cells().next().is_none(), "no formulas at all");
    });
}
