//! `aira doctor` checks every file of a workspace and reports each problem with file:line:col,
//! where before it stopped at the first file that did not open.
#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Command;

use aira_store::workspace;

const MINI: &str = include_str!("../fixtures/mini.toml");

fn doctor(ws: &Path) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_aira"))
        .args(["-w", ws.to_str().unwrap(), "doctor"])
        .env("XDG_DATA_HOME", ws.join("../data"))
        .env("XDG_CONFIG_HOME", ws.join("../config"))
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn ws_with_history() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    workspace::create(&ws, MINI, "Doctor", "Test").unwrap();
    let bin = env!("CARGO_BIN_EXE_aira");
    for (q, l) in [("do-map-inventory", "2"), ("plan-govern-policy", "3")] {
        let ok = Command::new(bin).args(["-w", ws.to_str().unwrap(), "answer", q, l]).status().unwrap().success();
        assert!(ok);
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
