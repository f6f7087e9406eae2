//! Issue 14 item 13, the smaller findings, each through the real binary: a stale lock's old
//! holder is named, `upgrade` into a closed pipe is no panic, a save keeps the replaced file's
//! owner and mode, and a baseline is shown relative to the workspace with a visible note.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::process::{Command, Stdio};

use crate::common;

use crate::content_support::{MINI, aira, init};

#[test]
fn a_cli_writer_taking_over_a_stale_lock_names_the_old_holder() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), "ws");
    std::fs::write(ws.join(".aira.lock"), "pid = 4242\nhost = \"laptop\"\n").unwrap();
    let (code, _, err) = aira(home.path(), &ws, &["answer", "plan-govern-policy", "2"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("took over a stale lock left by pid 4242 on laptop"), "{err}");
}

#[test]
fn upgrade_into_a_closed_pipe_does_not_panic() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), "ws");
    let v2 = home.path().join("mini2.toml");
    std::fs::write(&v2, MINI.replace("version = \"0.1.0\"", "version = \"0.2.0\"")).unwrap();
    let mut child = Command::new(common::bin())
        .args(["-w", ws.to_str().unwrap(), "upgrade", "--questionnaire", v2.to_str().unwrap()])
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let w = aira_store::workspace::open(&ws, aira_store::workspace::Access::ReadOnly).unwrap();
    assert_eq!(w.meta.questionnaire.version, "0.2.0", "the upgrade itself was done");
}

#[test]
fn a_save_keeps_the_replaced_files_owner_and_mode() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), "ws");
    assert_eq!(aira(home.path(), &ws, &["answer", "plan-govern-policy", "2"]).0, 0);
    let file = ws.join("answers/facilitator.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    let root = std::fs::metadata(&ws).unwrap().uid() == 0;
    if root {
        // Root saving in a colleague's workspace: the file stays theirs.
        std::os::unix::fs::chown(&file, Some(4321), Some(4322)).unwrap();
    } else {
        eprintln!("not root: checking the mode only");
    }
    let (code, _, err) = aira(home.path(), &ws, &["answer", "plan-govern-policy", "3"]);
    assert_eq!(code, 0, "{err}");
    let m = std::fs::metadata(&file).unwrap();
    assert!(std::fs::read_to_string(&file).unwrap().contains("level = 3"));
    assert_eq!(m.mode() & 0o777, 0o640, "mode kept");
    if root {
        assert_eq!((m.uid(), m.gid()), (4321, 4322), "owner kept");
    }
    // A new file is still private.
    let consensus = ws.join("consensus.toml");
    assert_eq!(aira(home.path(), &ws, &["agree", "plan-govern-policy", "2"]).0, 0);
    assert_eq!(std::fs::metadata(&consensus).unwrap().mode() & 0o777, 0o600);
}

#[test]
fn a_baseline_is_shown_relative_to_the_workspace_with_a_note_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let ws = init(home.path(), "acme");
    let other = init(home.path(), "globex-2025");
    assert_eq!(aira(home.path(), &other, &["answer", "plan-govern-policy", "1"]).0, 0);
    assert_eq!(aira(home.path(), &ws, &["answer", "plan-govern-policy", "3"]).0, 0);
    let meta = ws.join("workspace.toml");
    let text = std::fs::read_to_string(&meta).unwrap();
    let text = text
        .replace("organisation = \"\"", "organisation = \"Acme\"")
        .replace("aggregation = \"mean\"", &format!("aggregation = \"mean\"\nbaseline = \"{}\"", other.display()));
    std::fs::write(&meta, text).unwrap();
    let om = other.join("workspace.toml");
    std::fs::write(
        &om,
        std::fs::read_to_string(&om).unwrap().replace("organisation = \"\"", "organisation = \"Globex\""),
    )
    .unwrap();
    for format in ["md", "html", "json"] {
        let (code, out, err) = aira(home.path(), &ws, &["report", "--format", format]);
        assert_eq!(code, 0, "{err}");
        assert!(!out.contains(home.path().to_str().unwrap()), "{format} embeds the absolute path:\n{out}");
        // Issue 19: client-facing formats name the baseline's assessment, never its folder;
        // the JSON (for tools) keeps the relative path.
        assert_eq!(out.contains("../globex-2025"), format == "json", "{format}: {out}");
        assert!(out.contains("Globex"), "{format} names whose assessment the baseline is:\n{out}");
    }
}
