//! `aira import csv` run as a user would: the real binary on fixture sheets.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

/// Run from the repository root (fixture paths are relative to it), in a home of its own.
fn aira(args: &[&str]) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    let out = common::Aira::new(home.path()).no_color().cwd(Path::new(common::ROOT)).run(args);
    (out.code, out.text())
}

fn out_path(dir: &Path, name: &str) -> String {
    dir.join(name).to_str().unwrap().to_owned()
}

#[test]
fn good_sheet_imports_and_passes_check() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_path(dir.path(), "good.toml");
    let (code, text) = aira(&["import", "csv", "tests/fixtures/csv/good.csv", "-o", &out, "--title", "Good \"sheet\""]);
    assert_eq!(code, 0, "{text}");
    assert_eq!(text.trim(), format!("Wrote 4 question(s) to {out}"));
    let (code, text) = aira(&["check", &out]);
    assert_eq!((code, text.trim()), (0, "1 file(s) checked: 0 error(s), 0 warning(s)"));
    let q = aira_core::questionnaire::parse("good.toml", &std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!((q.id.as_str(), q.title.as_str()), ("good", "Good \"sheet\""));
    let ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["ai-policy", "inventory", "unplaced", "hostile"]);
    let policy = &q.questions[0];
    assert_eq!(policy.text, "Is there an AI policy, approved by leadership?");
    assert_eq!(policy.nist, ["GV-1.2", "GV-1.1"]);
    assert_eq!(policy.iso, ["5.2", "A.2.2"]);
    assert_eq!(policy.guidance, "Ask for the \"signed\" copy.");
    assert_eq!(policy.weight, 2.0);
    let inventory = &q.questions[1];
    assert_eq!(inventory.text, "Do you keep an inventory of AI systems?\nInclude third-party ones.");
    assert_eq!(inventory.guidance, "Line one\nline two, with a comma");
    assert_eq!(inventory.phase, Some(aira_core::questionnaire::Phase::Do));
    let unplaced = &q.questions[2];
    assert_eq!((unplaced.phase, unplaced.function), (None, None));
    let hostile = &q.questions[3];
    assert_eq!(hostile.text, "Quotes \" and \\ backslash, ''' and \"\"\" and a # hash");
    assert_eq!(hostile.guidance, "[question]\nid = \"injected\"");
}

#[test]
fn bad_rows_are_reported_with_their_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_path(dir.path(), "bad.toml");
    let (code, text) = aira(&["import", "csv", "tests/fixtures/csv/bad.csv", "-o", &out]);
    assert_eq!(code, 1);
    let f = "tests/fixtures/csv/bad.csv";
    // Row 2 holds a quoted newline, so every later row sits one line lower than its number.
    let expected = [
        format!("{f}:4: error: column 1 (id): id `Bad_Id` must be 1-128 characters of a-z, 0-9 and - (try `bad-id`)"),
        format!("{f}:5: error: column 3 (phase): unknown phase `planning`; expected plan, do, check, act or empty"),
        format!("{f}:6: error: column 1 (id): duplicate id `ok-one` (first on line 2)"),
        format!("{f}:7: error: column 2 (text): the question text is empty"),
        format!(
            "{f}:7: error: column 4 (function): unknown function `steer`; expected govern, map, measure, manage or empty"
        ),
        format!("{f}:7: error: column 8 (weight): weight must be a number greater than 0, found `-1`"),
        format!("{f}:8: error: 2 fields; every row needs 8, as many as the header"),
        format!(
            "{f}:9: warning: column 5 (nist): `banana` looks like neither a NIST AI RMF subcategory nor an ISO/IEC 42001 id"
        ),
        format!(
            "{f}:9: warning: column 6 (iso): `GV-1.2` looks like a NIST AI RMF subcategory but is listed under `iso`"
        ),
        format!(
            "{f}:9: warning: column 6 (iso): `A.99.1` is not in aira's NIST AI RMF 1.0 or ISO/IEC 42001:2023 lists"
        ),
        format!("{f}: not imported: 7 error(s)"),
    ];
    assert_eq!(text.lines().collect::<Vec<_>>(), expected);
    assert!(!Path::new(&out).exists(), "nothing is written when the sheet has errors");
}

#[test]
fn unknown_columns_are_refused_and_missing_ones_named() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("h.csv");
    std::fs::write(&csv, "id,question,phase,Colour\nx,y,plan,red\n").unwrap();
    let (code, text) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out_path(dir.path(), "h.toml")]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = text.lines().collect();
    let f = csv.to_str().unwrap();
    assert_eq!(
        lines,
        [
            format!(
                "{f}:1: error: column 2 (question): unknown column `question`; the columns are id, text, phase, function, nist, iso, guidance, weight, section, kind, applies_if, profiles, roles, evidence, action, replaces, eu, gai (any order and case)"
            ),
            format!(
                "{f}:1: error: column 4 (Colour): unknown column `Colour`; the columns are id, text, phase, function, nist, iso, guidance, weight, section, kind, applies_if, profiles, roles, evidence, action, replaces, eu, gai (any order and case)"
            ),
            format!("{f}:1: error: the required column `text` is missing"),
            format!("{f}: not imported: 3 error(s)"),
        ]
    );
    std::fs::write(&csv, "ID,id,text\nx,y,z\n").unwrap();
    let (_, text) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out_path(dir.path(), "h.toml")]);
    assert!(text.contains(":1: error: column 2 (id): the column `id` appears twice (first as column 1)"), "{text}");
}

/// What European Excel writes: a BOM, `;` between fields, CRLF, a quoted cell with a line
/// break inside, headers in another order and case, lists split by `,` or `;`.
#[test]
fn excel_quirks_are_forgiven() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("excel.csv");
    let text = "\u{feff}Weight;TEXT;Id;Phase;Function;NIST;ISO;Guidance\r\n\
                2;\"Is there a policy; approved?\r\nSay who signed.\";ai-policy;PLAN;Govern;GV-1.1, GV-1.2;5.2,A.2.2;\r\n\
                ;Inventory?;inventory;do;map;\"MP-4.1;GV-1.6\";;\"Line one\nline two\"\r\n";
    std::fs::write(&csv, text).unwrap();
    let out = out_path(dir.path(), "excel.toml");
    let (code, msg) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out]);
    assert_eq!(code, 0, "{msg}");
    let q = aira_core::questionnaire::parse(&out, &std::fs::read_to_string(&out).unwrap()).unwrap();
    let p = &q.questions[0];
    assert_eq!((p.id.as_str(), p.weight), ("ai-policy", 2.0));
    assert_eq!(p.text, "Is there a policy; approved?\nSay who signed.");
    assert_eq!(
        (p.nist.clone(), p.iso.clone()),
        (vec!["GV-1.1".to_owned(), "GV-1.2".into()], vec!["5.2".to_owned(), "A.2.2".into()])
    );
    let i = &q.questions[1];
    assert_eq!(
        (i.weight, i.nist.clone(), i.guidance.as_str()),
        (1.0, vec!["MP-4.1".to_owned(), "GV-1.6".into()], "Line one\nline two")
    );
    // Excel's `sep=` line names the delimiter outright; line numbers still count it.
    std::fs::write(&csv, "sep=,\r\nid,text\r\nBad Id,x\r\n").unwrap();
    let (code, msg) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out, "--force"]);
    assert_eq!(code, 1);
    assert!(msg.contains("excel.csv:3: error: column 1 (id): id `Bad Id`"), "{msg}");
}

#[test]
fn exported_questionnaire_round_trips_through_import() {
    for id in ["ai-governance-readiness", "eu-ai-act-readiness"] {
        let dir = tempfile::tempdir().unwrap();
        let csv = out_path(dir.path(), "q.csv");
        let (code, msg) = aira(&["export", "csv", "-q", id, "-o", &csv]);
        assert_eq!(code, 0, "{msg}");
        let toml = out_path(dir.path(), "q.toml");
        let (code, msg) = aira(&["import", "csv", &csv, "-o", &toml]);
        assert_eq!(code, 0, "{id}: {msg}");
        let builtin = aira_core::questionnaire::builtin(id).unwrap();
        let original = aira_core::questionnaire::parse("builtin.toml", builtin.text).unwrap();
        let back = aira_core::questionnaire::parse(&toml, &std::fs::read_to_string(&toml).unwrap()).unwrap();
        // Every question comes back whole: text, lane, weight, every family's citations, kind,
        // applies_if, profiles, roles, evidence, action, section, replaces.
        assert_eq!(back.questions.len(), original.questions.len());
        for (a, b) in original.questions.iter().zip(&back.questions) {
            assert_eq!(a, b, "{id}: question {} changed on the way", a.id);
        }
        assert!(
            original.questions.iter().any(|q| q.guidance.contains('\n') || q.text.contains(',')),
            "the sheet has cells needing quotes"
        );
        if id == "eu-ai-act-readiness" {
            assert!(back.questions.iter().any(|q| q.is_classification() && !q.cited("eu").is_empty()));
            assert!(back.questions.iter().any(|q| !q.applies_if.is_empty() && !q.cited("gai").is_empty()));
        }
    }
}

#[test]
fn existing_output_needs_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = out_path(dir.path(), "q.toml");
    std::fs::write(&out, "keep me").unwrap();
    let (code, text) = aira(&["import", "csv", "tests/fixtures/csv/good.csv", "-o", &out]);
    assert_eq!(code, 1);
    assert!(text.contains("exists; pass --force to replace it"), "{text}");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let (code, _) = aira(&["import", "csv", "tests/fixtures/csv/good.csv", "-o", &out, "--force", "--id", "mine"]);
    assert_eq!(code, 0);
    assert!(std::fs::read_to_string(&out).unwrap().contains("id = \"mine\""));
}

#[test]
fn unassigned_lanes_appear_in_scores_only_when_needed() {
    let dir = tempfile::tempdir().unwrap();
    let q = out_path(dir.path(), "good.toml");
    assert_eq!(aira(&["import", "csv", "tests/fixtures/csv/good.csv", "-o", &q]).0, 0);
    let ws = out_path(dir.path(), "ws");
    assert_eq!(aira(&["init", &ws, "--questionnaire", &q]).0, 0);
    assert_eq!(aira(&["-w", &ws, "answer", "unplaced", "2"]).0, 0);
    assert_eq!(aira(&["-w", &ws, "answer", "ai-policy", "4"]).0, 0);
    let (code, text) = aira(&["-w", &ws, "score"]);
    assert_eq!(code, 0, "{text}");
    let cells = |name: &str| -> Vec<String> {
        let line = text.lines().find(|l| l.starts_with(name)).unwrap();
        line.split_whitespace().map(str::to_owned).collect()
    };
    // `unplaced` has neither phase nor function: it is scored in the Unassigned × Unassigned cell.
    assert!(text.lines().nth(2).unwrap().contains("Unassigned"), "{text}");
    assert_eq!(cells("Unassigned"), ["Unassigned", "–", "–", "–", "–", "2.0", "2.0"]);
    assert_eq!(cells("Plan"), ["Plan", "4.0", "–", "–", "–", "–", "4.0"]);
    assert_eq!(cells("Function"), ["Function", "4.0", "–", "–", "–", "2.0"]);
    assert!(text.contains("Overall 3.3 (2 answered, 0 not applicable, 2 unanswered, 4 total)"), "{text}");

    // A questionnaire where every question is placed has no Unassigned lane at all.
    let ws2 = out_path(dir.path(), "ws2");
    assert_eq!(aira(&["init", &ws2, "--questionnaire", "tests/fixtures/mini.toml"]).0, 0);
    let (_, text) = aira(&["-w", &ws2, "score"]);
    assert!(!text.contains("Unassigned"), "{text}");
}

#[test]
fn the_optional_columns_and_family_columns_are_read_in_any_order_and_case() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("eu.csv");
    let text = "\u{feff}Kind;ID;Text;EU;Evidence;Applies_If;GAI;Phase;Function\r\n\
                Classification;is-provider;Do you place AI systems on the market?;Art.16, Art.3;;;;;\r\n\
                ;risk-file;Is there a risk file?;Art.9;\"Risk register; Review minutes, signed\";is-provider;GAI-2;plan;map\r\n";
    std::fs::write(&csv, text).unwrap();
    let out = out_path(dir.path(), "eu.toml");
    let (code, msg) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out]);
    assert_eq!(code, 0, "{msg}");
    let q = aira_core::questionnaire::parse(&out, &std::fs::read_to_string(&out).unwrap()).unwrap();
    let (c, r) = (&q.questions[0], &q.questions[1]);
    assert!(c.is_classification() && !r.is_classification());
    assert_eq!(c.cited("eu"), ["Art.16", "Art.3"]);
    // Families in the families' order (eu before gai), whatever the sheet's order.
    assert_eq!(
        r.cites,
        vec![("eu".to_owned(), vec!["Art.9".to_owned()]), ("gai".to_owned(), vec!["GAI-2".to_owned()])]
    );
    assert_eq!(r.applies_if, ["is-provider"]);
    assert_eq!(r.evidence, ["Risk register", "Review minutes, signed"], "one line: split on ; only");
    // A bad kind and an unknown article are located; the kind is an error, the article a warning.
    std::fs::write(&csv, "id,text,kind,eu\r\nx,Text?,sometimes,Art.999\r\n").unwrap();
    let (code, msg) = aira(&["import", "csv", csv.to_str().unwrap(), "-o", &out, "--force"]);
    assert_eq!(code, 1);
    assert!(msg.contains("eu.csv:2: error: column 3 (kind): unknown kind `sometimes`"), "{msg}");
    assert!(msg.contains("eu.csv:2: warning: column 4 (eu): `Art.999` is not an entry of EU AI Act"), "{msg}");
}
