#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Golden-file tests of every report format on the fixture workspace. Run with
//! `UPDATE_GOLDEN=1 cargo test --test report_formats` to rewrite tests/golden/ after an
//! intended change, then review the diff.

use crate::report_support;

use std::io::Cursor;
use std::path::PathBuf;

use aira_report::{self as report, Report};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};

pub(crate) fn golden(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}; run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let line = expected.lines().zip(actual.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{name} differs from the golden file at line {}:\n  golden: {:?}\n  actual: {:?}\n(UPDATE_GOLDEN=1 to accept)",
            line + 1,
            expected.lines().nth(line),
            actual.lines().nth(line)
        );
    }
}

fn with_report(hostile: bool, f: impl FnOnce(&Report)) {
    let dir = tempfile::tempdir().unwrap();
    let ws = report_support::workspace(dir.path(), hostile);
    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, report_support::GENERATED_AT);
    f(&r);
}

/// Every sheet as tab-separated text, so a golden shows what a spreadsheet user sees.
fn dump_xlsx(bytes: Vec<u8>) -> String {
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in wb.sheet_names() {
        out.push_str(&format!("== {name}\n"));
        let range = wb.worksheet_range(&name).unwrap();
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .map(|c| match c {
                    Data::Empty => String::new(),
                    Data::Float(f) => format!("{f}"),
                    other => other.to_string().replace('\n', "\\n"),
                })
                .collect();
            out.push_str(cells.join("\t").trim_end());
            out.push('\n');
        }
    }
    out
}

#[test]
fn markdown_matches_golden() {
    with_report(false, |r| {
        golden("report.md", &report::markdown::full(r));
        golden("soa.md", &report::markdown::soa(r));
    });
}

/// The report model as the PDF and DOCX receive it (every section's text and number), charts
/// aside: those are checked as pictures by looking, and by the SVG in the HTML golden.
#[test]
fn deliverable_data_matches_golden() {
    with_report(false, |r| {
        for (kind, name) in [("full", "deliverable.json"), ("soa", "deliverable-soa.json")] {
            let mut d = report::deliverable::document(r, kind);
            for chart in ["radar", "phases", "heatmap", "trend"] {
                let svg = &d["charts"][chart];
                assert!(svg.is_null() || svg.as_str().unwrap().starts_with("<svg"), "{chart}");
                d["charts"][chart] = serde_json::Value::from(svg.as_str().map(str::len).unwrap_or(0) > 0);
            }
            golden(name, &(serde_json::to_string_pretty(&d).unwrap() + "\n"));
        }
    });
}

#[test]
fn html_matches_golden() {
    with_report(false, |r| {
        golden("report.html", &report::html::full(r));
        golden("soa.html", &report::html::soa(r));
    });
}

#[test]
fn csv_matches_golden_with_the_documented_columns() {
    with_report(false, |r| {
        let csv = report::csv::answers(r);
        assert!(csv.starts_with(
            "id,phase,function,nist,iso,level,not_applicable,target,gap,note,evidence,flag,answered_at,answered_by,agreed\r\n"
        ));
        // Records end in CRLF; a note's own line breaks are bare LF inside quotes.
        assert_eq!(csv.matches("\r\n").count(), 1 + r.questionnaire.questions.len());
        golden("report.csv", &csv);
        golden("soa.csv", &report::csv::soa(r));
    });
}

#[test]
fn json_matches_golden_and_declares_its_schema() {
    with_report(false, |r| {
        let v = serde_json::to_value(report::json::full(r)).unwrap();
        assert_eq!(v["schema"], "aira-report/1");
        assert_eq!(v["cells"].as_array().unwrap().len(), 16);
        assert_eq!(v["soa"].as_array().unwrap().len(), 38);
        golden("report.json", &(serde_json::to_string_pretty(&v).unwrap() + "\n"));
    });
}

#[test]
fn xlsx_has_the_five_sheets_and_matches_golden() {
    with_report(false, |r| {
        let text = dump_xlsx(report::xlsx::full(r).unwrap());
        let sheets: Vec<&str> = text.lines().filter_map(|l| l.strip_prefix("== ")).collect();
        assert_eq!(sheets, ["Summary", "Answers", "ISO 42001", "NIST AI RMF", "Roadmap"]);
        assert!(text.contains("plan-govern-policy\tplan\tgovern\t"));
        golden("report.xlsx.txt", &text);
        let soa = dump_xlsx(report::xlsx::soa(r).unwrap());
        assert!(soa.contains("A.10.3\tSuppliers\tno\tNo AI suppliers in scope.\tnot applicable"), "{soa}");
        golden("soa.xlsx.txt", &soa);
    });
}

/// One part of an XLSX file (a zip of XML parts), as text.
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn xlsx_prints_landscape_one_page_wide_with_names_and_ids_on_every_page_and_rows_sized_to_their_text() {
    with_report(true, |r| {
        let bytes = report::xlsx::full(r).unwrap();
        for sheet in 1..=5 {
            let xml = xlsx_part(&bytes, &format!("xl/worksheets/sheet{sheet}.xml"));
            assert!(xml.contains(r#"orientation="landscape""#), "sheet {sheet}: {xml}");
            assert!(
                xml.contains(r#"fitToPage="1""#) && xml.contains(r#"fitToHeight="0""#),
                "sheet {sheet} is one page wide"
            );
        }
        let book = xlsx_part(&bytes, "xl/workbook.xml");
        for (sheet, col) in
            [("Answers", "$A:$A"), ("'ISO 42001'", "$B:$B"), ("'NIST AI RMF'", "$B:$B"), ("Roadmap", "$C:$C")]
        {
            assert!(book.contains(&format!("{sheet}!$")), "{sheet} repeats its header row: {book}");
            assert!(book.contains(&format!("{sheet}!{col}")), "{sheet} repeats its id column: {book}");
        }
        assert!(book.contains("_xlnm.Print_Titles"), "{book}");
        // The hostile note has two lines and a long first one: its row is made tall enough.
        let answers = xlsx_part(&bytes, "xl/worksheets/sheet2.xml");
        let row = answers.split("<row ").find(|x| x.contains("r=\"2\"")).unwrap();
        let ht: f64 = row.split("ht=\"").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
        assert!(ht >= 45.0, "row 2 height {ht}: {row}");
        let soa = report::xlsx::soa(r).unwrap();
        assert!(xlsx_part(&soa, "xl/worksheets/sheet1.xml").contains(r#"fitToPage="1""#));
        assert!(xlsx_part(&soa, "xl/workbook.xml").contains("$A:$A"));
    });
}

#[test]
fn same_input_same_bytes() {
    let mut outs = Vec::new();
    for _ in 0..2 {
        with_report(false, |r| outs.push((report::html::full(r), report::xlsx::full(r).unwrap())));
    }
    assert!(outs[0] == outs[1], "reports depend on something besides the workspace and generated_at");
}

#[test]
fn every_json_key_is_documented() {
    let doc = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/report-schema.md")).unwrap();
    with_report(false, |r| {
        let v = serde_json::to_value(report::json::full(r)).unwrap();
        let q = &v["questions"][0];
        let keys = v
            .as_object()
            .unwrap()
            .keys()
            .chain(q.as_object().unwrap().keys())
            .chain(q["answers"][0].as_object().unwrap().keys())
            .chain(v["soa"][0].as_object().unwrap().keys())
            .chain(v["nist"]["categories"][0].as_object().unwrap().keys());
        for k in keys {
            assert!(doc.contains(&format!("`{k}`")), "docs/report-schema.md does not document `{k}`");
        }
    });
}
