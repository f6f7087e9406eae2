#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The deliverable of a realistic engagement built with the real CLI (examples/engagement.sh:
//! three respondents, 30 questions, agreed levels, a hashed file and a URL as evidence, owners
//! and due dates, SoA decisions with and without justification, a baseline), read back from the
//! PDF with pdftotext and from the DOCX through LibreOffice where each is installed.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report_pdf::{pages, soffice};

const CLIENT: &str = "Acme Insurance Ltd";

/// The engagement's workspace, built in `dir` by the example script.
fn engagement(dir: &Path) -> PathBuf {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/engagement.sh");
    let out = Command::new("bash").arg(script).arg(env!("CARGO_BIN_EXE_aira")).arg(dir.join("acme")).output().unwrap();
    assert!(out.status.success(), "engagement.sh failed: {}", String::from_utf8_lossy(&out.stderr));
    PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
}

fn report(ws: &Path, format: &str, to: &Path) {
    // The home engagement.sh made, with its own config and data folders.
    let home = ws.join("../home");
    crate::common::Aira::new(&home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .ws(ws)
        .ok(&["report", "--format", format, "-o", to.to_str().unwrap()]);
}

/// The first 12 hex digits of the evidence file's SHA-256, by sha256sum (coreutils), not aira.
fn short_hash(file: &Path) -> String {
    let out = Command::new("sha256sum").arg(file).output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..12].to_owned()
}

/// What a client would look for in any rendering of the engagement's report.
fn check_content(all: &str, hash: &str) {
    // pdftotext ends a wrapped line with a newline (a URL wraps without a space) and drops the
    // hyphen a line broke at: compare without either.
    let flat = |s: &str| s.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>();
    let text = flat(all);
    for s in [
        "Claims triage and customer chat assistants",
        "Lee Marsh",
        "Ana Kovač",
        "Jo Brennan, Chief Risk Officer",
        "Dana Ruiz",
        "Sam Okafor",
        "Priya Natarajan",
        "Trend against the baseline",
        "ai-policy-v1.2.txt",
        "https://intranet.acme.example/runbooks/ai-incidents",
        hash,
        "undecided",
        "No AI system is supplied to customers.",
        "no justification given",
        "Roles are in the RACI but nobody has signed it off.",
        // The SoA owner set with `aira soa set --owner`, and the URL said to be a link.
        "Rita Quinn",
        "link, not hashed",
    ] {
        assert!(text.contains(&flat(s)), "{s:?} missing");
    }
}

/// What a client must never see: internal paths and names, `unknown`, bare question ids.
fn check_no_internals(all: &str) {
    // Every fact of this engagement is recorded: "not recorded" would be untrue anywhere.
    for bad in ["unknown", "../", "2026-q1", "docs/", ".md", "workspace.toml", "do-map-requirements", "not recorded"] {
        assert!(!all.contains(bad), "{bad:?} shown to the client");
    }
}

#[test]
fn the_engagements_pdf_has_its_facts_evidence_hash_soa_and_footers_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let ws = engagement(dir.path());
    let pdf = dir.path().join("r.pdf");
    report(&ws, "pdf", &pdf);
    let Some(pages) = pages(&std::fs::read(&pdf).unwrap()) else { return };
    let n = pages.len();
    check_content(&pages.join("\n"), &short_hash(&ws.join("policies/ai-policy-v1.2.txt")));
    check_no_internals(&pages.join("\n"));
    let cover = pages[0].to_lowercase();
    assert!(pages[0].contains(CLIENT) && cover.contains("draft") && cover.contains("0.9"), "{}", pages[0]);
    for (i, p) in pages.iter().enumerate().skip(1) {
        assert!(p.contains(&format!("Page {} of {n}", i + 1)) && p.contains(CLIENT), "page {}: {p}", i + 1);
    }
    check_layout(&pages);
}

/// What a reader sees as broken pagination: a heading (any listed in the contents) as the last
/// line of a page, a table row split over two pages (the URL cell of the SoA), the due date run
/// into the evidence line of a finding.
fn check_layout(pages: &[String]) {
    let headings: Vec<&str> = pages[1]
        .lines()
        .filter_map(|l| l.trim().split(" . ").next())
        .map(str::trim)
        .filter(|l| l.starts_with(|c: char| c.is_ascii_digit()) && l.contains(' '))
        .collect();
    assert!(headings.len() >= 20, "contents: {headings:?}");
    for (i, p) in pages.iter().enumerate().skip(1) {
        let body: Vec<&str> = p.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
        let foot = body.iter().rposition(|l| l.starts_with(CLIENT)).unwrap_or(body.len());
        let last = body[..foot].iter().rev().find(|l| !l.starts_with("Page ") && **l != "Confidential");
        assert!(!last.is_some_and(|l| headings.contains(l)), "page {} ends with the heading {last:?}", i + 1);
        if p.contains("https://intranet.") {
            assert!(p.contains("runbooks/"), "page {}: the evidence URL's row is split over two pages", i + 1);
        }
        for l in p.lines() {
            assert!(!(l.contains("Due:") && l.contains("Evidence")), "page {}: {l}", i + 1);
        }
    }
}

#[test]
fn the_engagements_docx_opened_by_libreoffice_shows_the_same_content() {
    let Some(office) = soffice() else {
        eprintln!(
            "skipped: LibreOffice (soffice) is not installed; `apt-get install libreoffice-writer-nogui` to run it"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = engagement(dir.path());
    let docx = dir.path().join("r.docx");
    report(&ws, "docx", &docx);
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let out = Command::new(office)
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    let pdf = dir.path().join("r.pdf");
    assert!(pdf.exists(), "LibreOffice did not convert: {}", String::from_utf8_lossy(&out.stderr));
    let Some(pages) = pages(&std::fs::read(&pdf).unwrap()) else { return };
    check_content(&pages.join("\n"), &short_hash(&ws.join("policies/ai-policy-v1.2.txt")));
    check_no_internals(&pages.join("\n"));
}

#[test]
fn the_engagements_html_prints_with_the_pdfs_sections_and_no_heading_at_a_page_foot() {
    let Some(browser) = crate::report_screenshot::chromium() else {
        println!("skipped: chromium not found (install the Debian package chromium)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let ws = engagement(dir.path());
    let html = dir.path().join("r.html");
    report(&ws, "html", &html);
    let pdf = dir.path().join("printed.pdf");
    let out = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", dir.path().join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "chromium did not print: {}", String::from_utf8_lossy(&out.stderr));
    let Some(pages) = pages(&std::fs::read(&pdf).unwrap()) else { return };
    check_no_internals(&pages.join("\n"));
    // The footer of every page after the cover, as in the PDF: the client and "Page N of M".
    let n = pages.len();
    assert!(n > 5, "{n} pages");
    // The bottom 50 pt of each A4 page (842 pt high): the footer alone, whatever order
    // pdftotext reads a page's text in.
    let crop =
        Command::new("pdftotext").args(["-y", "792", "-H", "50", "-W", "595"]).arg(&pdf).arg("-").output().unwrap();
    let feet: Vec<String> = String::from_utf8(crop.stdout).unwrap().split('\u{c}').map(str::to_owned).collect();
    for (i, p) in pages.iter().enumerate().skip(1) {
        let foot = &feet[i];
        assert!(foot.contains(&format!("Page {} of {n}", i + 1)), "printed page {}: {foot:?}", i + 1);
        assert!(foot.contains(CLIENT), "printed page {}: no client in {foot:?}", i + 1);
        if p.contains("https://intranet.") {
            assert!(p.contains("runbooks/"), "printed page {}: the evidence URL's row is split", i + 1);
        }
    }
    assert!(!feet[0].contains("Page 1 of"), "the cover has no footer, as in the PDF: {:?}", feet[0]);
    let text = std::fs::read_to_string(&html).unwrap();
    // The content from the HTML's own text: pdftotext interleaves the lines of a row's cells.
    let shown: String = text.split('<').map(|t| t.split_once('>').map_or(t, |(_, after)| after)).collect();
    check_content(
        &shown.replace("&amp;", "&").replace("&#39;", "'"),
        &short_hash(&ws.join("policies/ai-policy-v1.2.txt")),
    );
    let headings: Vec<String> = text
        .split("<h")
        .skip(1)
        .filter(|s| s.starts_with(['2', '3']))
        .filter_map(|s| Some(s.split_once('>')?.1.split_once("</h")?.0.to_owned()))
        .collect();
    for want in ["Statement of Applicability", "Executive summary", "Findings and actions", "Roadmap", "Methodology"] {
        assert!(headings.iter().any(|h| h == want), "no section {want:?} in the HTML: {headings:?}");
    }
    for (i, p) in pages.iter().enumerate() {
        let last = p.lines().map(str::trim).rfind(|l| !l.is_empty());
        let lead = p.lines().map(str::trim).filter(|l| !l.is_empty()).rev().nth(1);
        // A heading, or a heading and its one-line lead, as a page's last lines.
        // (Not the one-word phase headings: "Plan" or "Act" can end a table column too.)
        let stranded = |l: Option<&str>| l.is_some_and(|l| l.len() > 5 && headings.iter().any(|h| h == l));
        assert!(!stranded(last) && !stranded(lead), "printed page {} ends with a heading: {last:?}", i + 1);
    }
}
