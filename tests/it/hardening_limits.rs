//! Resource limits: oversized files, too many questions, huge fields and pathologically nested
//! TOML are refused with a clear message, through the library and through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::fs::{self, File};
use std::path::Path;

use aira_core::questionnaire::{self, MAX_FIELD_BYTES, MAX_FILE_BYTES, MAX_QUESTIONS};
use aira_store::workspace::{self, Access};

const MINI: &str = include_str!("../fixtures/mini.toml");
const HEAD: &str = "format = 1\n[questionnaire]\nid = \"big\"\ntitle = \"Big\"\nversion = \"1\"\n";

fn first_error(text: &str) -> String {
    let e = questionnaire::parse("q.toml", text).unwrap_err();
    e.to_string()
}

fn aira(args: &[&str]) -> (i32, String, String) {
    let home = tempfile::tempdir().unwrap();
    let out = common::Aira::new(home.path()).no_color().run(args);
    (out.code, out.stdout, out.stderr)
}

/// A panic shows as "panicked" and exit code 101; a user error is exit 1 with a message.
fn assert_refused(code: i32, out: &str, err: &str, needle: &str) {
    assert_eq!(code, 1, "stdout: {out}\nstderr: {err}");
    assert!(!err.contains("panicked") && !out.contains("panicked"), "{err}");
    assert!(out.contains(needle) || err.contains(needle), "missing {needle:?}\nstdout: {out}\nstderr: {err}");
}

/// A file of `len` bytes that costs no disk: a hole, which is what an attacker's file would be.
fn sparse(path: &Path, len: u64) {
    File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn questionnaire_text_over_50_mb_is_refused_before_parsing() {
    let mut text = MINI.to_owned();
    text.push_str(&"#".repeat(MAX_FILE_BYTES + 1 - text.len()));
    let e = first_error(&text);
    assert!(e.contains(&format!("the limit is {MAX_FILE_BYTES}")), "{e}");
}

#[test]
fn more_than_100_000_questions_are_refused() {
    let mut text = HEAD.to_owned();
    for i in 0..=MAX_QUESTIONS {
        text.push_str(&format!("[[question]]\nid=\"q{i}\"\n"));
    }
    let e = first_error(&text);
    assert!(e.contains(&format!("{} questions; the limit is {MAX_QUESTIONS}", MAX_QUESTIONS + 1)), "{e}");
}

#[test]
fn a_text_field_over_1_mb_is_refused_and_located() {
    let long = "x".repeat(MAX_FIELD_BYTES + 1);
    let text = format!("{HEAD}[[question]]\nid = \"a\"\nphase = \"plan\"\nfunction = \"govern\"\ntext = \"{long}\"\n");
    let e = first_error(&text);
    assert!(e.starts_with("q.toml:10:8:"), "{}", &e[..e.len().min(200)]);
    assert!(e.contains(&format!("`text` is {} bytes; the limit is {MAX_FIELD_BYTES}", MAX_FIELD_BYTES + 1)), "{e}");
}

fn nested_inline_tables(depth: usize) -> String {
    format!("x = {}1{}\n", "{a = ".repeat(depth), "}".repeat(depth))
}

fn nested_arrays(depth: usize) -> String {
    format!("x = {}{}\n", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deeply_nested_toml_is_an_error_everywhere_not_a_stack_overflow() {
    for text in [nested_arrays(100_000), nested_inline_tables(100_000), format!("{}\n", "[a.".repeat(50_000))] {
        assert!(questionnaire::parse("q.toml", &text).is_err());
        let (q, diags) = questionnaire::check(&text);
        assert!(q.is_none() || diags.iter().any(|d| d.is_error()));
        let scale = questionnaire::Scale::default();
        assert!(workspace::answers::parse(Path::new("a.toml"), "a", &text, &scale).is_err());
        assert!(workspace::meta::parse(Path::new("workspace.toml"), &text).is_err());
        assert!(workspace::history::parse(Path::new("history.toml"), &text).is_err());
        assert!(aira::tui::keymap::Keymap::load(Some(("keymap.toml", &text))).is_err());
    }
}

#[test]
fn aira_check_refuses_an_oversized_file() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    sparse(&big, MAX_FILE_BYTES as u64 + 1);
    let (code, out, err) = aira(&["check", big.to_str().unwrap()]);
    assert_refused(code, &out, &err, &format!("is {} bytes; the limit is {MAX_FILE_BYTES}", MAX_FILE_BYTES + 1));
}

#[test]
fn aira_check_survives_deep_nesting() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("arrays.toml", nested_arrays(100_000)), ("tables.toml", nested_inline_tables(100_000))] {
        let path = dir.path().join(name);
        fs::write(&path, text).unwrap();
        let (code, out, err) = aira(&["check", path.to_str().unwrap()]);
        assert_refused(code, &out, &err, "invalid TOML");
    }
}

fn new_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    workspace::create(
        dir.path(),
        MINI,
        ("Limits", "Test"),
        &aira_core::assessment::Respondent::new("default", "default"),
    )
    .unwrap();
    dir
}

#[test]
fn oversized_workspace_files_are_refused_by_open_and_by_aira_score() {
    for file in ["answers/default.toml", "workspace.toml", "questionnaire.toml", "history.toml"] {
        let ws = new_workspace();
        let path = ws.path().join(file);
        sparse(&path, workspace::MAX_FILE_BYTES + 1);
        let limit = format!("the limit is {}", workspace::MAX_FILE_BYTES);
        // history.toml is read when opening for writing (tail repair), answers etc. always.
        let access = if file == "history.toml" { Access::Write } else { Access::ReadOnly };
        let e = workspace::open(ws.path(), access).err().unwrap_or_else(|| panic!("{file} accepted")).to_string();
        assert!(e.contains(file.rsplit('/').next().unwrap()) && e.contains(&limit), "{e}");
        if file != "history.toml" {
            let (code, out, err) = aira(&["-w", ws.path().to_str().unwrap(), "score"]);
            assert_refused(code, &out, &err, &limit);
        }
    }
}

#[test]
fn a_refusal_says_its_reason_once() {
    let ws = new_workspace();
    sparse(&ws.path().join("answers/default.toml"), workspace::MAX_FILE_BYTES + 1);
    let (_, _, err) = aira(&["-w", ws.path().to_str().unwrap(), "score"]);
    assert_eq!(err.matches("the limit is").count(), 1, "{err}");
}
