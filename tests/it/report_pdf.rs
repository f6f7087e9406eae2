#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The typeset deliverables: the PDF read back with pdftotext (every section, the page count,
//! footers, no heading stranded at a page's foot, hostile notes printed literally), the DOCX's
//! heading styles and escaping, and the DOCX opened by LibreOffice where it is installed.

use crate::{common, report_support};

use std::path::Path;
use std::process::Command;

use aira_report::{Report, ReportFormat, ReportKind, render, render_with};

fn with_report<T>(hostile: bool, f: impl FnOnce(&Report) -> T) -> T {
    let dir = tempfile::tempdir().unwrap();
    let ws = report_support::workspace(dir.path(), hostile);
    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, report_support::GENERATED_AT);
    f(&r)
}

fn have(tool: &str) -> bool {
    Command::new(tool).arg("-v").output().is_ok()
}

/// The PDF's text, one string per page; `None` (with the reason printed) without pdftotext.
pub(crate) fn pages(pdf: &[u8]) -> Option<Vec<String>> {
    if !have("pdftotext") {
        eprintln!("skipped: pdftotext (poppler-utils) is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext").arg(&path).arg("-").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

const SECTIONS: [&str; 16] = [
    "Contents",
    "Executive summary",
    "Top actions",
    "Certification readiness",
    "Scores",
    "Heatmap",
    "By phase and function",
    "Findings and actions",
    "Roadmap",
    "Statement of Applicability",
    "Evidence register",
    "Evidence requested",
    "Framework coverage",
    "Methodology",
    "Respondents and roles",
    "Answers",
];

#[test]
fn pdf_has_every_section_a_cover_contents_with_page_numbers_and_footers() {
    let pdf = with_report(false, |r| render(r, ReportFormat::Pdf, ReportKind::Full).unwrap());
    assert!(pdf.starts_with(b"%PDF-"));
    let Some(pages) = pages(&pdf) else { return };
    let n = pages.len();
    assert!((12..=40).contains(&n), "{n} pages for the small fixture");
    let all = pages.join("\n");
    for s in SECTIONS {
        assert!(all.lines().any(|l| l.trim().ends_with(s)), "no heading {s:?} in the PDF");
    }
    // The cover: title, client, facts; no running footer on it.
    assert!(
        pages[0].contains("Example Ltd readiness") && pages[0].contains("Customer-facing AI systems"),
        "{}",
        pages[0]
    );
    assert!(pages[0].contains("Assessor(s)") && pages[0].contains("not recorded"));
    assert!(!pages[0].contains("Page 1 of"));
    // Contents list sections with their page numbers.
    let toc = &pages[1];
    assert!(toc.contains("Contents"));
    let numbered = toc
        .lines()
        .filter(|l| {
            l.trim_end()
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.trim_start_matches('\u{2060}').parse::<usize>().is_ok_and(|p| p <= n))
        })
        .count();
    assert!(numbered >= 10, "contents lines with page numbers: {numbered}\n{toc}");
    // Every page after the cover: client in the footer, "Page i of n".
    for (i, p) in pages.iter().enumerate().skip(1) {
        assert!(p.contains(&format!("Page {} of {n}", i + 1)), "page {}: {p}", i + 1);
        assert!(p.contains("Example Ltd"), "page {}", i + 1);
    }
    // Client-facing: no internal paths or file names.
    for bad in ["docs/", ".md", "unknown", "../"] {
        assert!(!all.contains(bad), "{bad:?} in the PDF");
    }
}

#[test]
fn no_heading_is_stranded_at_the_foot_of_a_page() {
    let pdf = with_report(false, |r| render(r, ReportFormat::Pdf, ReportKind::Full).unwrap());
    let Some(pages) = pages(&pdf) else { return };
    for (i, p) in pages.iter().enumerate().skip(1) {
        // The last line above the footer (client · footer text · page).
        let body: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let foot = body.iter().rposition(|l| l.starts_with("Example Ltd")).unwrap_or(body.len());
        let Some(last) = body[..foot].iter().rev().find(|l| !l.starts_with("Page ") && **l != "Confidential") else {
            continue;
        };
        let heading = SECTIONS.iter().any(|s| last.ends_with(s) && last.len() <= s.len() + 6);
        assert!(!heading, "page {} ends with the heading {last:?}", i + 1);
    }
}

#[test]
fn hostile_notes_print_literally_in_the_pdf_and_never_become_typst_markup() {
    let (typ, pdf) = with_report(true, |r| {
        (
            render(r, ReportFormat::Typ, ReportKind::Full).unwrap(),
            render(r, ReportFormat::Pdf, ReportKind::Full).unwrap(),
        )
    });
    let typ = String::from_utf8(typ).unwrap();
    // The note reaches Typst only inside the JSON string on line 2.
    let hostile_line = typ.lines().position(|l| l.contains("alert(1)")).unwrap();
    assert_eq!(hostile_line, 1, "user text outside the data line");
    assert_eq!(typ.lines().filter(|l| l.contains("#set text(red)")).count(), 1);
    let Some(pages) = pages(&pdf) else { return };
    let all = pages.join(" ");
    for token in [
        "<script>alert(1)</script>",
        "#set text(red)",
        "[x]",
        "$x^2$",
        "@ref",
        "<lbl>",
        "*b*",
        "_i_",
        "\\",
        "`raw`",
        "// not a comment",
        "=HYPERLINK(",
    ] {
        assert!(all.contains(token), "{token:?} did not print as typed");
    }
}

#[test]
fn the_soa_pdf_lists_every_control_and_marks_undecided_ones() {
    let pdf = with_report(false, |r| render(r, ReportFormat::Pdf, ReportKind::Soa).unwrap());
    let Some(pages) = pages(&pdf) else { return };
    let all = pages.join("\n");
    assert!(all.contains("A.10.3") && all.contains("No AI suppliers in scope."));
    assert!(all.contains("no decision recorded") && all.contains("undecided") && !all.contains("by default"));
    assert!(all.contains("Certification readiness"));
}

#[test]
fn a_template_error_names_the_template_line_and_column() {
    let err = with_report(false, |r| {
        let broken = "= Fine\n#let x = (\n#data.nope\n";
        render_with(r, ReportFormat::Pdf, ReportKind::Full, Some(broken)).unwrap_err().to_string()
    });
    assert!(err.contains("report.typ:"), "{err}");
    let err = with_report(false, |r| {
        render_with(r, ReportFormat::Pdf, ReportKind::Full, Some("#data.nope\n")).unwrap_err().to_string()
    });
    assert!(err.contains("report.typ:1:"), "{err}");
    // A template cannot read files or packages: the world has only its own source.
    let err = with_report(false, |r| {
        render_with(r, ReportFormat::Pdf, ReportKind::Full, Some("#read(\"/etc/passwd\")\n")).unwrap_err().to_string()
    });
    assert!(err.contains("report.typ:1:") && !err.contains("root:"), "{err}");
    let err = with_report(false, |r| {
        render_with(r, ReportFormat::Pdf, ReportKind::Full, Some("#import \"@preview/x:0.1.0\": *\n"))
            .unwrap_err()
            .to_string()
    });
    assert!(err.contains("report.typ:1:"), "{err}");
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
    text
}

#[test]
fn docx_has_word_heading_styles_a_contents_field_tables_charts_and_escaped_text() {
    let docx = with_report(true, |r| render(r, ReportFormat::Docx, ReportKind::Full).unwrap());
    let styles = zip_part(&docx, "word/styles.xml");
    for l in 1..=3 {
        assert!(styles.contains(&format!("w:val=\"heading {l}\"")), "heading {l} style");
    }
    let doc = zip_part(&docx, "word/document.xml");
    assert!(doc.contains("w:val=\"Heading1\"") && doc.contains("w:val=\"Heading2\""));
    assert!(doc.contains("PAGEREF _Toc") && !doc.contains("TOC \\o"), "contents entries with live page numbers");
    assert!(zip_part(&docx, "word/settings.xml").contains("updateFields"), "Word refreshes the page numbers on open");
    assert!(doc.contains("<w:tbl>"));
    // Every table's first row is a header row Word and LibreOffice repeat on each page.
    assert_eq!(
        doc.matches("</w:tblGrid><w:tr><w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>").count(),
        doc.matches("<w:tbl>").count(),
        "a table without a repeating header row"
    );
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !doc.contains("<script>"));
    for s in
        ["Executive summary", "Findings and actions", "Statement of Applicability", "Methodology", "Evidence register"]
    {
        assert!(doc.contains(s), "{s}");
    }
    let zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    let images = zip.file_names().filter(|n| n.as_ref().is_ok_and(|n| n.starts_with("word/media/"))).count();
    assert!(images >= 3, "radar, phase bars and heatmap as images: {images}");
}

pub(crate) fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"]
        .into_iter()
        .find(|t| Command::new(t).arg("--version").output().is_ok_and(|o| o.status.success()))
}

#[test]
fn libreoffice_opens_the_docx_and_converts_it_to_pdf() {
    let Some(office) = soffice() else {
        eprintln!(
            "skipped: LibreOffice (soffice) is not installed; `apt-get install libreoffice-writer-nogui` to run it"
        );
        return;
    };
    let docx = with_report(true, |r| render(r, ReportFormat::Docx, ReportKind::Full).unwrap());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.docx");
    std::fs::write(&path, &docx).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let out = Command::new(office)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.path().join("report.pdf");
    assert!(pdf.exists(), "LibreOffice did not convert: {}", String::from_utf8_lossy(&out.stderr));
    let Some(pages) = pages(&std::fs::read(&pdf).unwrap()) else { return };
    let all = pages.join("\n");
    for s in [
        "Executive summary",
        "Findings and actions",
        "Statement of Applicability",
        "Methodology",
        "<script>alert(1)</script>",
        "#set text(red)",
        "[x]",
        "$x^2$",
        "@ref",
        "<lbl>",
        "=HYPERLINK(",
    ] {
        assert!(all.contains(s), "{s} missing from LibreOffice's rendering");
    }
    assert!(pages.len() >= 8, "{} pages", pages.len());
}

/// `aira -w WS ARGS…` in the home that holds WS, with the report date fixed.
fn aira(ws: &Path, args: &[&str]) -> common::Out {
    common::Aira::new(ws.parent().unwrap()).ws(ws).env("AIRA_GENERATED_AT", report_support::GENERATED_AT).run(args)
}

#[test]
fn the_cli_writes_pdf_typ_and_docx_and_uses_the_workspaces_branded_template() {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    drop(report_support::workspace(&ws, false));
    let pdf = dir.path().join("x.pdf");
    let out = aira(&ws, &["report", "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let out = aira(&ws, &["report", "--format", "pdf"]);
    assert_eq!(out.code, 1, "a PDF is never written to a terminal");
    let out = aira(&ws, &["report", "--format", "typ"]);
    assert_eq!(out.code, 0);
    let typ = out.stdout;
    assert!(typ.starts_with("// Generated by aira") && typ.contains("#let brand = ("));
    let docx = dir.path().join("x.docx");
    assert_eq!(aira(&ws, &["report", "-o", docx.to_str().unwrap()]).code, 0);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    // Branding: the consultant's copy with a firm name.
    let branded = aira_report::typst::TEMPLATE.replacen("firm: \"\",", "firm: \"Fjord Advisory\",", 1);
    std::fs::write(ws.join("report.typ"), branded).unwrap();
    let out = aira(&ws, &["report", "--format", "typ"]);
    assert!(out.stdout.contains("firm: \"Fjord Advisory\""));
    let out = aira(&ws, &["report", "-o", pdf.to_str().unwrap()]);
    assert_eq!(out.code, 0);
    if let Some(pages) = pages(&std::fs::read(&pdf).unwrap()) {
        assert!(pages[0].contains("Prepared by Fjord Advisory"), "{}", pages[0]);
        assert!(pages[3].contains("Fjord Advisory"), "the firm in the footer");
    }
    // A broken copy: a located error, exit 1, no panic, no file.
    std::fs::write(ws.join("report.typ"), "#let x = \n#data.missing\n").unwrap();
    let bad = dir.path().join("bad.pdf");
    let out = aira(&ws, &["report", "-o", bad.to_str().unwrap()]);
    let err = out.stderr;
    assert_eq!(out.code, 1, "{err}");
    assert!(err.contains("report.typ:") && !err.contains("panicked"), "{err}");
    assert!(!bad.exists());
}
