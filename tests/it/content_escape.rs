//! Issue 14 item 3: strings read from workspace files never reach the terminal or a report as
//! control sequences. Each path named in the issue is driven through the real binary with real
//! bytes (OSC 52 clipboard write, OSC 0 title, BEL, CSI, 8-bit C1, bidi override).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

use crate::common;

use crate::content_support::{aira, init, ok};
/// What a hostile colleague puts in a file: a clipboard write, a window title, a screen clear,
/// an 8-bit CSI and a right-to-left override.
const HOSTILE: &str = "\u{1b}]52;c;ZXZpbA==\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";
/// The same, as a TOML basic string's escapes (how toml writers store it).
const HOSTILE_TOML: &str = "\\u001b]52;c;ZXZpbA==\\u0007\\u001b]0;pwned\\u0007\\u001b[2J\\u009b31m\\u202e";

/// Any character a terminal could act on, or that reorders text.
fn controls(s: &str) -> Vec<char> {
    s.chars().filter(|&c| c != '\n' && aira_core::text::is_control(c)).collect()
}

fn assert_clean(what: &str, s: &str) {
    // CSV records end in CRLF: that carriage return is the format's, not the file's.
    let s = &s.replace("\r\n", "\n");
    assert!(controls(s).is_empty(), "{what} holds raw controls {:?}:\n{}", controls(s), s.escape_debug());
}

/// A workspace on the mini questionnaire with one answer by the default respondent.
fn workspace(home: &Path) -> PathBuf {
    let ws = init(home, "ws");
    ok(home, &ws, &["answer", "plan-govern-policy", "2"]);
    ws
}

#[test]
fn undo_refuses_a_history_entry_whose_question_id_holds_controls() {
    let home = tempfile::tempdir().unwrap();
    let ws = workspace(home.path());
    let entry = format!(
        "\n[[change]] # x\nentry = {{ at = \"2026-01-01T00:00:00Z\", by = \"m\", respondent = \"facilitator\", question = \"q{HOSTILE_TOML}\", kind = \"answer\", new = {{ level = 1 }} }}\n"
    );
    let h = ws.join("history.toml");
    let before = std::fs::read_to_string(&h).unwrap();
    std::fs::write(&h, format!("{before}{entry}")).unwrap();
    let answers = std::fs::read(ws.join("answers/facilitator.toml")).unwrap();
    let (code, out, err) = aira(home.path(), &ws, &["undo"]);
    assert_clean("undo's stdout", &out);
    assert_clean("undo's stderr", &err);
    assert_eq!(code, 1, "{out}{err}");
    let line = before.lines().count() + 3;
    assert!(err.contains(&format!("history.toml:{line}:")) && err.contains("U+001B"), "{err}");
    assert_eq!(std::fs::read(ws.join("answers/facilitator.toml")).unwrap(), answers, "undo changed nothing");
}

#[test]
fn the_lock_refusal_escapes_the_holders_host() {
    let home = tempfile::tempdir().unwrap();
    let ws = workspace(home.path());
    let lock = ws.join(".aira.lock");
    std::fs::write(&lock, format!("pid = 77\nhost = \"evil{HOSTILE}\"\n")).unwrap();
    let held = std::fs::OpenOptions::new().read(true).write(true).open(&lock).unwrap();
    held.try_lock().unwrap();
    let (code, out, err) = aira(home.path(), &ws, &["answer", "plan-govern-policy", "3"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("pid 77 on evil\\x1b]52"), "{err}");
    assert_clean("the refusal", &err);
    drop(held);
}

#[test]
fn a_journal_note_with_controls_is_refused_with_its_line_and_never_folded() {
    let home = tempfile::tempdir().unwrap();
    let ws = workspace(home.path());
    let good = std::fs::read(ws.join("answers/facilitator.toml")).unwrap();
    let journal = ws.join("answers/facilitator.journal");
    std::fs::write(
        &journal,
        format!(
            "\n[[change]] # x\nentry = {{ at = \"2026-01-01T00:00:00Z\", by = \"m\", respondent = \"facilitator\", question = \"plan-govern-policy\", kind = \"answer\", new = {{ level = 3, note = \"n{HOSTILE_TOML}\" }} }}\n"
        ),
    )
    .unwrap();
    let csv = home.path().join("out.csv");
    let (code, out, err) = aira(home.path(), &ws, &["report", "--format", "csv", "-o", csv.to_str().unwrap()]);
    assert_clean("report's output", &(out.clone() + &err));
    if let Ok(text) = std::fs::read_to_string(&csv) {
        assert_clean("the CSV report", &text);
    }
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("facilitator.journal:3:") && err.contains("U+001B"), "{err}");
    // A writer refuses it too, and leaves the good answers file as it was (never folded in).
    let (code, _, err) = aira(home.path(), &ws, &["answer", "plan-map-context", "1"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(std::fs::read(ws.join("answers/facilitator.toml")).unwrap(), good);
    assert!(journal.exists());
    // Once the journal is removed the workspace opens again.
    std::fs::remove_file(&journal).unwrap();
    assert_eq!(aira(home.path(), &ws, &["score"]).0, 0);
}

#[test]
fn every_loader_refuses_controls_in_names_roles_evidence_ids_and_metadata() {
    let home = tempfile::tempdir().unwrap();
    let ws = workspace(home.path());
    let answers = ws.join("answers/facilitator.toml");
    let good = std::fs::read_to_string(&answers).unwrap();
    let meta = ws.join("workspace.toml");
    let good_meta = std::fs::read_to_string(&meta).unwrap();
    let cases: Vec<(PathBuf, String)> = vec![
        (answers.clone(), good.replace("name = \"facilitator\"", &format!("name = \"Ann{HOSTILE_TOML}\""))),
        (answers.clone(), good.replace("name = \"facilitator\"", &format!("name = \"d\"\nrole = \"r{HOSTILE_TOML}\""))),
        (answers.clone(), good.replace("level = 2", &format!("level = 2\nevidence = [\"ok\", \"e{HOSTILE_TOML}\"]"))),
        (answers.clone(), format!("{good}\n[answers.\"q{HOSTILE_TOML}\"]\nlevel = 1\n")),
        (meta.clone(), good_meta.replace("organisation = \"\"", &format!("organisation = \"o{HOSTILE_TOML}\""))),
        (meta.clone(), format!("{good_meta}\n[soa.\"A.2{HOSTILE_TOML}\"]\napplicable = true\n")),
        (ws.join("consensus.toml"), format!("format = 1\n[agreed.\"q{HOSTILE_TOML}\"]\nlevel = 1\n")),
    ];
    for (path, text) in cases {
        assert_ne!(text, std::fs::read_to_string(&path).unwrap_or_default(), "the case changes the file");
        std::fs::write(&path, &text).unwrap();
        for args in [&["respondent", "list"][..], &["doctor"], &["report", "--format", "csv"], &["score"]] {
            let (code, out, err) = aira(home.path(), &ws, args);
            assert_clean(&format!("{args:?} on {}", path.display()), &(out.clone() + &err));
            let name = path.file_name().unwrap().to_str().unwrap();
            assert_eq!(code, 1, "{args:?} accepted {name}:\n{}", out.escape_debug());
            // doctor reports each file's problem as a finding of its report, on stdout.
            let said = if args == ["doctor"] { out.clone() + &err } else { err.clone() };
            assert!(said.contains(&format!("{name}:")) && said.contains("control character U+001B"), "{said}");
        }
        std::fs::write(&answers, &good).unwrap();
        std::fs::write(&meta, &good_meta).unwrap();
        let _ = std::fs::remove_file(ws.join("consensus.toml"));
    }
}

#[test]
fn cli_messages_escape_paths_given_on_the_command_line() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join(format!("no{HOSTILE}"));
    let (code, out, err) = common::run(home.path(), &["-w", dir.to_str().unwrap(), "score"]);
    assert_eq!(code, 1);
    assert_clean("the error", &(out + &err));
    assert!(err.contains("no\\x1b]52"), "{err}");
}
