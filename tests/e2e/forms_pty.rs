//! The wizard's evidence key and engagement facts form in a real pty, checked afterwards
//! through the commands (`aira evidence list`, `aira engagement show`, `aira report`, `aira undo`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use common::{Pty, run};

fn init(home: &Path, dir: &Path) {
    let (code, _, err) = run(home, &["init", dir.to_str().unwrap(), "--name", "Acme", "--organisation", "Acme Ltd"]);
    assert_eq!(code, 0, "{err}");
}

/// A new workspace `acme` in `home`, open in the wizard at `cols`×`rows` on its first question.
fn open_new(home: &Path, cols: u16, rows: u16) -> (std::path::PathBuf, Pty) {
    let ws = home.join("acme");
    init(home, &ws);
    let p = Pty::spawn(home, &["-w", ws.to_str().unwrap()], cols, rows);
    p.wait_for("1 of ");
    (ws, p)
}

fn ok(home: &Path, args: &[&str]) -> String {
    let (code, out, err) = run(home, args);
    assert_eq!(code, 0, "{args:?}: {err}");
    out
}

#[test]
fn shift_e_records_a_hashed_file_and_refuses_a_missing_one() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("acme");
    init(home.path(), &ws);
    std::fs::create_dir(ws.join("docs")).unwrap();
    std::fs::write(ws.join("docs/policy.pdf"), "hello").unwrap();
    let w = ws.to_str().unwrap();
    let mut p = Pty::spawn(home.path(), &["-w", w], 120, 40);
    p.wait_for("1 of ");
    p.send("E");
    p.wait_for("Evidence for ");
    p.send("docs/missing.pdf\r");
    p.wait_for("no such file");
    p.send("\x15docs/policy.pdf\r");
    p.wait_for("(5 bytes, sha256 2cf24dba5fb0), optional");
    p.send("Board minutes\r");
    let screen = p.wait_until(|s| s.contains("Saved") && s.contains("Evidence (1):"), "evidence saved");
    // Wrapped on the card at this width: its parts.
    for part in ["• docs/policy.pdf (5 bytes, sha256", "2cf24dba5fb0", "Board minutes"] {
        assert!(screen.contains(part), "{part}: {screen}");
    }
    p.send("q");
    assert!(p.wait_exit().success());
    let list: serde_json::Value =
        serde_json::from_str(&ok(home.path(), &["-w", w, "evidence", "list", "--format", "json"])).unwrap();
    assert_eq!(list[0]["reference"], "docs/policy.pdf");
    assert_eq!(list[0]["sha256"], "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824");
    assert_eq!((list[0]["size"].as_u64(), list[0]["note"].as_str()), (Some(5), Some("Board minutes")));
    let md = ok(home.path(), &["-w", w, "report", "--format", "md"]);
    // The Markdown answers table names the item; its hash is in the register (HTML, PDF, DOCX).
    assert!(md.contains("docs/policy.pdf"), "{md}");
    let html = home.path().join("r.html");
    ok(home.path(), &["-w", w, "report", "--format", "html", "-o", html.to_str().unwrap()]);
    assert!(std::fs::read_to_string(&html).unwrap().contains("2cf24dba5fb0"));
}

#[test]
fn shift_f_edits_the_facts_the_report_shows_and_aira_undo_reverts_them() {
    let home = tempfile::tempdir().unwrap();
    let (ws, mut p) = open_new(home.path(), 80, 24);
    let w = ws.to_str().unwrap();
    p.send("F");
    p.wait_for("Engagement facts");
    p.send("HR screening models\tAnn Lee, Bo Chen\tJo Park, CISO\t2026-11-30..2026-11-01\r");
    p.wait_for("the period ends (2026-11-01) before it starts");
    p.send("\x152026-11-01..2026-11-30\t\x1b[C\t\x151.0\r");
    p.wait_until(|s| s.contains("Saved") && s.contains("Engagement facts changed"), "facts saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let show = ok(home.path(), &["-w", w, "engagement", "show"]);
    for want in ["HR screening models", "Ann Lee, Bo Chen", "Jo Park, CISO", "2026-11-01 to 2026-11-30", "final", "1.0"]
    {
        assert!(show.contains(want), "{want}: {show}");
    }
    let md = ok(home.path(), &["-w", w, "report", "--format", "md"]);
    for want in
        ["**Scope:** HR screening models", "**Assessors:** Ann Lee, Bo Chen", "**Client contact:** Jo Park, CISO"]
    {
        assert!(md.contains(want), "{want}: {md}");
    }
    assert!(md.contains("2026-11-01 to 2026-11-30") && md.contains("**Report:** final, version 1.0"), "{md}");
    let undone = ok(home.path(), &["-w", w, "undo"]);
    let show = ok(home.path(), &["-w", w, "engagement", "show"]);
    assert!(!show.contains("HR screening models") && show.contains("draft"), "{undone}\n{show}");
}

#[test]
fn ctrl_e_on_the_start_screen_opens_the_facts_form_of_the_selected_workspace() {
    let home = tempfile::tempdir().unwrap();
    let ws = home.path().join("acme");
    init(home.path(), &ws);
    let file = home.path().join("config").join("aira").join("recent.toml");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let entry = format!("[[workspace]]\npath = {:?}\nname = \"Acme\"\nopened_at = \"2026-11-22T10:00:00+00:00\"\n", ws);
    std::fs::write(&file, entry).unwrap();
    let mut p = Pty::spawn(home.path(), &["start"], 120, 40);
    p.wait_for("Recent workspaces (1)");
    p.send("\x05");
    p.wait_for("Engagement facts");
    p.send("Claims triage models\r");
    p.wait_until(|s| s.contains("Saved") && s.contains("Engagement facts changed: scope"), "facts saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let show = ok(home.path(), &["-w", ws.to_str().unwrap(), "engagement", "show"]);
    assert!(show.contains("Claims triage models"), "{show}");
}

#[test]
fn u_in_the_wizard_undoes_a_facts_change_as_aira_undo_would_and_the_cli_redoes_it() {
    let home = tempfile::tempdir().unwrap();
    let (ws, mut p) = open_new(home.path(), 120, 40);
    let w = ws.to_str().unwrap();
    p.send("2");
    p.wait_until(|s| s.contains("2 of ") && s.contains("Saved"), "level saved");
    p.send("F");
    p.wait_for("Engagement facts");
    p.send("HR screening models\r");
    p.wait_until(|s| s.contains("Saved") && s.contains("Engagement facts changed: scope"), "facts saved");
    // The facts are the newest change: `u` undoes them, not the level before them.
    p.send("u");
    p.wait_until(|s| s.contains("Saved") && s.contains("engagement facts change (scope)"), "facts undone");
    p.send("q");
    assert!(p.wait_exit().success());
    let h = aira_store::workspace::read_history(&ws).unwrap();
    let kinds: Vec<(&str, Option<usize>)> = h.iter().map(|c| (c.kind.as_str(), c.reverts)).collect();
    assert_eq!(kinds, [("answer", None), ("engagement", None), ("undo", Some(2))]);
    assert_eq!((h[2].answering(), h[2].new.as_ref().map(|t| t.len())), (h[1].answering(), Some(1)));
    let show = ok(home.path(), &["-w", w, "engagement", "show"]);
    assert!(!show.contains("HR screening models"), "{show}");
    // The command line takes it from there: the redo re-applies the wizard's undo.
    let redone = ok(home.path(), &["-w", w, "redo"]);
    assert!(redone.contains("engagement facts change (scope)"), "{redone}");
    assert!(ok(home.path(), &["-w", w, "engagement", "show"]).contains("HR screening models"));
    let undone = ok(home.path(), &["-w", w, "undo"]);
    assert!(undone.contains("engagement facts change (scope); history entry 4"), "{undone}");
    let answers = ok(home.path(), &["-w", w, "undo"]);
    assert!(answers.contains("level 2"), "the level is next: {answers}");
}
