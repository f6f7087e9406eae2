//! Shared by the workspace-content tests (issue 14): a workspace on the mini questionnaire,
//! running aira on it, and driving git for the clone-and-merge tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common;

pub const MINI: &str = include_str!("../fixtures/mini.toml");

/// `home/name`, a new workspace on the mini questionnaire (copied to `home/mini.toml`),
/// answered first by `facilitator` (named, so the tests do not depend on the account's name).
pub fn init(home: &Path, name: &str) -> PathBuf {
    std::fs::write(home.join("mini.toml"), MINI).unwrap();
    let ws = home.join(name);
    let q = home.join("mini.toml");
    let args = ["init", ws.to_str().unwrap(), "--questionnaire", q.to_str().unwrap(), "--respondent", "facilitator"];
    let (code, _, err) = common::run(home, &args);
    assert_eq!(code, 0, "{err}");
    ws
}

/// `aira -w WS ARGS…`: (exit code, stdout, stderr).
pub fn aira(home: &Path, ws: &Path, args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["-w", ws.to_str().unwrap()];
    all.extend_from_slice(args);
    common::run(home, &all)
}

/// `aira`, which must succeed: its stdout and stderr.
pub fn ok(home: &Path, ws: &Path, args: &[&str]) -> String {
    let (code, out, err) = aira(home, ws, args);
    assert_eq!(code, 0, "aira {args:?}: {out}{err}");
    out + &err
}

/// git in `dir` with a fixed identity: (success, stdout, stderr).
pub fn git(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .output()
        .unwrap();
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// git, which must succeed: its stdout.
pub fn git_ok(dir: &Path, args: &[&str]) -> String {
    let (ok, out, err) = git(dir, args);
    assert!(ok, "git {args:?}: {out}{err}");
    out
}
