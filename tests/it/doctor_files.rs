//! `aira doctor` checks every file of a workspace and reports each problem with file:line:col,
//! where before it stopped at the first file that did not open.
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common;
use aira_store::workspace;

const MINI: &str = include_str!("../fixtures/mini.toml");

fn doctor(ws: &Path) -> (i32, String) {
    run(ws, &["doctor"])
}

/// `aira -w WS ARGS…` in the home that holds WS, killed after 180 s (a FIFO that hangs it
/// fails the test, not the suite; a debug build parses a 40 MB history in about 30 s).
fn run(ws: &Path, args: &[&str]) -> (i32, String) {
    let out = common::Aira::new(&ws.join("..")).ws(ws).deadline(std::time::Duration::from_secs(180)).run(args);
    (out.code, out.text())
}

fn ws_with_history() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    workspace::create(&ws, MINI, ("Doctor", "Test"), &aira_core::assessment::Respondent::new("default", "default"))
        .unwrap();
    for (q, l) in [("do-map-inventory", "2"), ("plan-govern-policy", "3")] {
        common::Aira::new(outer.path()).ws(&ws).ok(&["answer", q, l]);
    }
    (outer, ws)
}

#[test]
fn doctor_reports_a_problem_in_every_file_with_its_line_and_column() {
    let (_outer, ws) = ws_with_history();
    // history.toml broken in its first entry (line 3), its tail whole.
    let h = fs::read_to_string(ws.join("history.toml")).unwrap();
    fs::write(ws.join("history.toml"), h.replacen("entry = {", "entry = { oops", 1)).unwrap();
    fs::write(ws.join("consensus.toml"), "format = 1\n[agreed.do-map-inventory]\nlevel = 99\n").unwrap();
    fs::write(ws.join("answers/bob.toml"), "format = 1\n[answers.do-map-inventory\n").unwrap();
    assert!(Command::new("mkfifo").arg(ws.join("answers/carol.toml")).status().unwrap().success());
    fs::write(
        ws.join("answers/default.journal"),
        "\n[[change]] # x\nentry = { at = }\n\n[[change]] # y\nentry = { at = \"t\", new = {} }\n",
    )
    .unwrap();
    fs::write(ws.join(".aira.lock"), format!("pid = 4194304\nhost = \"{}\"\n", workspace::lock::hostname())).unwrap();
    let (code, out) = doctor(&ws);
    assert_eq!(code, 1, "{out}");
    for needle in [
        "history.toml:3:",
        "consensus.toml:3:",
        "answers/bob.toml:2:",
        "answers/carol.toml: error: is a FIFO",
        "answers/default.journal:3:",
        ".aira.lock: warning: stale: left by pid 4194304",
    ] {
        assert!(out.contains(needle), "missing `{needle}` in:\n{out}");
    }
}

#[test]
fn doctor_warns_when_history_nears_the_read_limit_and_names_the_lock_holder() {
    let (_outer, ws) = ws_with_history();
    let f = fs::OpenOptions::new().append(true).open(ws.join("history.toml")).unwrap();
    f.set_len(workspace::MAX_FILE_BYTES * 85 / 100).unwrap();
    let _held = workspace::lock::acquire(&ws).unwrap();
    let (_, out) = doctor(&ws);
    assert!(out.contains("history.toml: warning: ") && out.contains("% of the"), "{out}");
    assert!(out.contains(&format!(".aira.lock: note: held by pid {}", std::process::id())), "{out}");
}

#[test]
fn doctor_on_a_clean_workspace_says_the_lock_is_free() {
    let (_outer, ws) = ws_with_history();
    let (code, out) = doctor(&ws);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(".aira.lock: note: not held"), "{out}");
    assert_eq!(out.lines().last(), Some("No problems found."), "{out}");
}

/// Issue 14 item 14 through the binary: a hand edit that breaks history.toml in its middle
/// makes `aira answer` refuse with the file, line and column, writing nothing (no answer, no
/// entry after the broken line); read-only commands still work.
#[test]
fn a_writer_refuses_a_history_broken_in_its_middle_and_changes_nothing() {
    let (_outer, ws) = ws_with_history();
    let h = fs::read_to_string(ws.join("history.toml")).unwrap();
    let broken = h.replacen("entry = {", "entry = { oops", 1);
    fs::write(ws.join("history.toml"), &broken).unwrap();
    let answers = fs::read_to_string(ws.join("answers/default.toml")).unwrap();
    let (code, out) = run(&ws, &["answer", "do-map-inventory", "4"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("history.toml:3:") && out.contains("mend this line"), "{out}");
    assert_eq!(out.trim().lines().count(), 1, "one line: {out}");
    assert_eq!(fs::read_to_string(ws.join("history.toml")).unwrap(), broken);
    assert_eq!(fs::read_to_string(ws.join("answers/default.toml")).unwrap(), answers);
    assert_eq!(run(&ws, &["score"]).0, 0);
}

/// doctor names an entry cut short before good ones (a crash mid-append) by its line, as a
/// warning the workspace still opens with, and an interrupted operation's `.aira-op.toml`.
#[test]
fn doctor_names_a_torn_entry_in_the_middle_and_an_interrupted_operation() {
    let (_outer, ws) = ws_with_history();
    let h = fs::read_to_string(ws.join("history.toml")).unwrap();
    let second = h[1..].find("\n[[change]]").unwrap() + 1;
    let torn = format!("{}{}{}", &h[..second], &h[second..second + 60], &h[second..]);
    fs::write(ws.join("history.toml"), &torn).unwrap();
    let line = torn[..=second].matches('\n').count() + 1;
    fs::write(ws.join(".aira-op.toml"), "operation = \"merge\"\nstarted = \"x\"\n").unwrap();
    let (code, out) = doctor(&ws);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(&format!("history.toml:{line}:1: warning: an entry cut short")), "{out}");
    assert!(out.contains(".aira-op.toml: warning: an interrupted `aira merge`"), "{out}");
    fs::write(ws.join(".aira-op.toml"), "operation = \n").unwrap();
    let (code, out) = doctor(&ws);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(".aira-op.toml:1:"), "{out}");
}
