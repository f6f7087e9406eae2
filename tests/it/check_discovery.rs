//! Questionnaire discovery: built in, the data folder's `questionnaires/`, and any path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

/// Run in `dir`, which is also the home its data folder (and `questionnaires/`) is under.
fn aira(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = common::Aira::new(dir).cwd(dir).run(args);
    (out.code, out.text())
}

#[test]
fn lists_built_in_user_folder_and_given_files() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("data/aira/questionnaires");
    std::fs::create_dir_all(&folder).unwrap();
    let mini = include_str!("../fixtures/mini.toml");
    std::fs::write(folder.join("mini.toml"), mini).unwrap();
    std::fs::write(folder.join("zz-broken.toml"), "not = [toml").unwrap();
    std::fs::write(folder.join("notes.txt"), "ignored").unwrap();
    std::fs::write(d.join("other.toml"), mini.replace("id = \"mini\"", "id = \"other\"")).unwrap();
    let (code, out) = aira(d, &["questionnaires", "other.toml"]);
    assert_eq!(code, 0, "{out}");
    let rows: Vec<Vec<&str>> = out.lines().map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows[0], ["ID", "VERSION", "QUESTIONS", "SOURCE"]);
    assert_eq!(rows[1][0], "ai-governance-readiness");
    assert_eq!(rows[1][3], "built-in");
    assert_eq!(rows[2], ["eu-ai-act-readiness", "1.0.0", "84", "built-in"]);
    let mini_path = folder.join("mini.toml").display().to_string();
    assert_eq!(rows[3], ["mini", "0.1.0", "16", mini_path.as_str()]);
    assert_eq!(rows[4][..3], ["-", "-", "-"]);
    assert!(out.contains("zz-broken.toml (invalid: run `aira check` on it)"), "{out}");
    assert_eq!(rows[5], ["other", "0.1.0", "16", "other.toml"]);
    assert!(!out.contains("notes.txt"));
}

#[test]
fn init_finds_an_id_in_the_user_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let folder = d.join("data/aira/questionnaires");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("whatever-name.toml"), include_str!("../fixtures/mini.toml")).unwrap();
    let (code, out) = aira(d, &["init", "ws", "--questionnaire", "mini"]);
    assert_eq!(code, 0, "{out}");
    assert!(std::fs::read_to_string(d.join("ws/workspace.toml")).unwrap().contains("id = \"mini\""));
    let (code, out) = aira(d, &["init", "ws2", "--questionnaire", "nope"]);
    assert_eq!(code, 1);
    assert!(out.contains("no questionnaire `nope` built in or in "), "{out}");
    assert!(out.contains("(known: ai-governance-readiness, eu-ai-act-readiness, mini)"), "{out}");
}
