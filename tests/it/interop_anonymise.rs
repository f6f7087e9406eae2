//! `aira report --anonymise`: a three-respondent workspace built through the real CLI (both
//! built-in questionnaires), every format rendered anonymised, and every name searched for in
//! every output, whole-word and case-insensitively (the rule docs/interop.md states).

use std::io::Read;
use std::path::Path;

use crate::interop_support::{NAMES, build, ok, words};

/// Every XML part of an xlsx file, concatenated.
fn xlsx_text(path: &Path) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut all = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        if part.name().is_ok_and(|n| n.ends_with(".xml")) {
            part.read_to_string(&mut all).unwrap();
        }
    }
    all
}

const FORMATS: [&str; 7] = ["md", "html", "csv", "json", "xlsx", "oscal", "oscal-ap"];

fn render_all(home: &Path, ws: &str, extra: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for format in FORMATS {
        let file = home.join(format!("r.{format}.out"));
        let mut args = vec!["-w", ws, "report", "--format", format, "-o", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        ok(home, &args);
        let text = if format == "xlsx" { xlsx_text(&file) } else { std::fs::read_to_string(&file).unwrap() };
        out.push((format.to_owned(), text));
    }
    out
}

#[test]
fn anonymised_reports_name_nobody_in_any_format() {
    for (questionnaire, profile) in [("ai-governance-readiness", None), ("eu-ai-act-readiness", Some("provider"))] {
        let tmp = tempfile::tempdir().unwrap();
        let built = build(tmp.path(), questionnaire, profile);
        let ws = built.dir.to_str().unwrap();
        // Without --anonymise the names are there: the search below can find them.
        for (format, text) in render_all(tmp.path(), ws, &[]) {
            let w = words(&text);
            for name in ["Ann", "Okafor", "Acme"] {
                assert!(w.contains(&name.to_lowercase()), "{questionnaire} {format} without --anonymise lacks {name}");
            }
        }
        for (format, text) in render_all(tmp.path(), ws, &["--anonymise"]) {
            let w = words(&text);
            for name in NAMES {
                assert!(!w.contains(&name.to_lowercase()), "{questionnaire} {format} --anonymise says {name}:\n{text}");
            }
            assert!(text.contains("Respondent 3"), "{questionnaire} {format} lacks the respondents' labels");
        }
        for (format, text) in render_all(tmp.path(), ws, &["--anonymise", "--keep-organisation"]) {
            let w = words(&text);
            assert!(w.contains(&"acme".to_owned()), "{format} --keep-organisation dropped the organisation");
            for name in NAMES.iter().filter(|n| **n != "Acme") {
                assert!(!w.contains(&name.to_lowercase()), "{format} --keep-organisation still says {name}");
            }
        }
    }
}

#[test]
fn anonymised_json_drops_authors_and_numbers_respondents_stably() {
    let tmp = tempfile::tempdir().unwrap();
    let built = build(tmp.path(), "ai-governance-readiness", None);
    let ws = built.dir.to_str().unwrap();
    let json = ok(tmp.path(), &["-w", ws, "report", "--format", "json", "--anonymise"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let names: Vec<&str> = v["respondents"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Respondent 1", "Respondent 2", "Respondent 3"]);
    assert_eq!(v["workspace"]["organisation"], "");
    assert_eq!(v["workspace"]["name"], "Anonymised assessment");
    assert_eq!(v["workspace"]["scope"], "[organisation]'s chatbot, run by Respondent 2's team");
    let q = |i: usize| v["questions"].as_array().unwrap().iter().find(|q| q["id"] == built.answered[i]).unwrap();
    assert_eq!(q(0)["answered_by"], "");
    let answers = q(0)["answers"].as_array().unwrap();
    assert_eq!(answers[0]["note"], "Respondent 2 said the policy is a draft; Respondent 1 said sign-off is due.");
    assert_eq!(answers[1]["note"], "Disagrees with Respondent 1; Respondent 3 owns the register at [organisation].");
    // Whole words only: "Annex", "Bobby" and "Stonehenge" merely contain a name and stay.
    assert_eq!(
        answers[2]["note"],
        "Respondent 3's team keeps it; Respondent 1's team reviews it; see the Annex, Bobby and Stonehenge."
    );
    assert_eq!(answers[0]["log"][0]["by"], "");
    assert_eq!(answers[0]["log"][0]["text"], "Respondent 3 and Respondent 1 disagree on ownership");
    assert_eq!(answers[0]["log"][1]["text"], "Respondent 3 to send the register to Respondent 2");
    assert_eq!(answers[0]["evidence"][0], "Minutes taken by Respondent 2");
    assert!(
        answers.iter().all(|a| a["answered_by"] == "" && a["respondent"].as_str().unwrap().starts_with("respondent-"))
    );
    let agreed = &q(1)["agreed"];
    assert_eq!(agreed["decided_by"], "");
    assert_eq!(agreed["note"], "Respondent 1 and Respondent 2 settled on 2 after Respondent 3's demo.");
}
