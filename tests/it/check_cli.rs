//! `aira check` run as a user would: the real binary on broken fixture files.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

/// `aira check ARGS…` from the repository root (fixture paths are relative to it).
fn check(args: &[&str]) -> (i32, String) {
    let home = tempfile::tempdir().unwrap();
    let out = common::Aira::new(home.path()).cwd(Path::new(common::ROOT)).run(&[&["check"], args].concat());
    // Diagnostics and the summary are on stderr (issue 17); stdout stays empty.
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    (out.code, out.stderr)
}

/// The `file:line:col: severity: message` lines only (snippets are checked separately).
fn headers(out: &str) -> Vec<&str> {
    out.lines().filter(|l| l.starts_with("tests/")).collect()
}

#[test]
fn broken_file_reports_every_problem_in_line_order() {
    let (code, out) = check(&["tests/fixtures/check/broken.toml"]);
    assert_eq!(code, 1, "{out}");
    let f = "tests/fixtures/check/broken.toml";
    let expected = vec![
        format!("{f}:5:6: error: id `Broken_Questionnaire` must be 1-128 characters of a-z, 0-9 and -"),
        format!(
            "{f}:8:1: error: unknown key `colour` in [questionnaire]; expected one of: id, title, version, description"
        ),
        format!("{f}:15:9: error: level 7 is outside the scale 1..4"),
        format!("{f}:20:9: error: unknown phase `planning`; expected plan, do, check or act"),
        format!("{f}:22:8: error: question `q1` has empty text"),
        format!("{f}:23:10: error: weight must be a number greater than 0, found 0"),
        format!("{f}:26:6: error: duplicate question id `q1` (first defined on line 19)"),
        format!("{f}:28:12: error: unknown function `steer`; expected govern, map, measure or manage"),
        format!("{f}:30:1: error: unknown key `guidence` in [[question]] (did you mean `guidance`?)"),
        format!("{f}:36:8: error: `text` contains the control character U+0007, which could drive a terminal"),
        format!("{f}:37:9: warning: `GV-9.9` looks like a NIST AI RMF subcategory but is not one in NIST AI RMF 1.0"),
        format!(
            "{f}:37:19: warning: `XYZ` looks like none of: a NIST AI RMF subcategory (GV-1.1), an ISO/IEC 42001 clause or Annex A control (6.1.2), \
             an EU AI Act article (Art.9), a NIST AI 600-1 generative-AI risk (GAI-2)"
        ),
        format!(
            "{f}:38:8: warning: `A.11.2` looks like an ISO/IEC 42001 clause or Annex A control but is not one in \
             ISO/IEC 42001:2023"
        ),
        format!("{f}:38:18: warning: `GV-1.1` looks like a NIST AI RMF subcategory but is listed under `iso`"),
        format!("{f}:39:13: error: question `q3` replaces `q1`, which is still a question in this file"),
    ];
    assert_eq!(headers(&out), expected);
    assert_eq!(out.lines().last(), Some("1 file(s) checked: 11 error(s), 4 warning(s)"));
    // Each header is followed by the offending line and a caret under the column.
    assert!(out.contains("   |\n26 | id = \"q1\"\n   |      ^\n"), "{out}");
    // Nothing is coloured when stdout is not a terminal.
    assert!(!out.contains('\x1b'));
}

#[test]
fn warnings_alone_exit_zero() {
    let (code, out) = check(&["tests/fixtures/check/warnings.toml"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        headers(&out),
        [
            "tests/fixtures/check/warnings.toml:11:19: warning: `MP-7.1` looks like a NIST AI RMF subcategory but is \
             not one in NIST AI RMF 1.0",
            "tests/fixtures/check/warnings.toml:12:17: warning: `clause six` looks like none of: a NIST AI RMF subcategory (GV-1.1), an ISO/IEC 42001 clause or Annex A control (6.1.2), \
             an EU AI Act article (Art.9), a NIST AI 600-1 generative-AI risk (GAI-2)",
        ]
    );
    assert_eq!(out.lines().last(), Some("1 file(s) checked: 0 error(s), 2 warning(s)"));
}

#[test]
fn toml_syntax_error_is_located() {
    let (code, out) = check(&["tests/fixtures/check/syntax.toml"]);
    assert_eq!(code, 1);
    assert_eq!(
        headers(&out),
        ["tests/fixtures/check/syntax.toml:5:25: error: invalid TOML: invalid basic string, expected `\"`"]
    );
}

#[test]
fn several_files_and_a_missing_one_are_summed() {
    let (code, out) =
        check(&["tests/fixtures/mini.toml", "tests/fixtures/check/warnings.toml", "tests/fixtures/check/nope.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("tests/fixtures/check/nope.toml: error: "), "{out}");
    assert_eq!(out.lines().last(), Some("3 file(s) checked: 1 error(s), 2 warning(s)"));
}

#[test]
fn built_in_questionnaires_are_clean() {
    for file in ["questionnaires/ai-governance-readiness.toml", "questionnaires/eu-ai-act-readiness.toml"] {
        let (code, out) = check(&[file]);
        assert_eq!(code, 0, "{file}: {out}");
        assert_eq!(out.trim(), "1 file(s) checked: 0 error(s), 0 warning(s)", "{file}");
    }
}

#[test]
fn colour_only_on_request_and_only_the_word() {
    let (_, out) = check(&["--color", "always", "tests/fixtures/check/syntax.toml"]);
    assert!(out.starts_with("tests/fixtures/check/syntax.toml:5:25: \x1b[1;31merror\x1b[0m: invalid TOML"), "{out:?}");
    let (_, out) = check(&["--color", "never", "tests/fixtures/check/syntax.toml"]);
    assert!(!out.contains('\x1b'));
}

#[test]
fn documented_example_is_clean_and_every_key_is_documented() {
    let doc =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/questionnaire-format.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + "```toml\n".len();
    let example = &doc[start..start + doc[start..].find("```").unwrap()];
    let (q, diags) = aira_core::questionnaire::check(example);
    assert_eq!(diags, [], "the example in docs/questionnaire-format.md must pass `aira check`");
    assert_eq!(q.unwrap().questions.len(), 2);
    for key in aira_core::questionnaire::QUESTION_KEYS {
        assert!(doc.contains(&format!("| `{key}` |")), "`{key}` is not in the [[question]] table of the docs");
    }
    for key in ["format", "questionnaire", "scale", "question", "id", "title", "version", "description", "min", "max"] {
        assert!(doc.contains(&format!("| `{key}` |")), "`{key}` is not documented");
    }
}
