//! The wizard end to end in a pty: note editing, search-and-jump, heatmap drill-down.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Pty, run};

/// "of N" as the wizard's header shows it for the built-in questionnaire's N questions.
fn of_all() -> String {
    let b = aira_core::questionnaire::default_builtin();
    format!("of {}", aira_core::questionnaire::parse(b.file, b.text).unwrap().questions.len())
}

/// The default workspace's answers file: its one respondent is the user (named from the
/// config or the account, never a placeholder), so the file is found rather than named.
fn answers(home: &std::path::Path) -> String {
    let dir = home.join("data/aira/workspaces/default/answers");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    assert_eq!(files.len(), 1, "one respondent in the default workspace: {files:?}");
    std::fs::read_to_string(&files[0]).unwrap()
}

#[test]
fn note_editing_saves_multi_line_notes() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for(&format!("1 {}", of_all()));
    p.send("e");
    p.wait_for("Note for plan-");
    p.wait_for("— Esc or Ctrl-S keeps it");
    // Typing q, digits and n goes into the note, not to the wizard.
    p.send("CISO says: q3 is n/a for now");
    p.send("\r");
    // A bracketed paste, as a terminal sends it.
    p.send("\x1b[200~pasted line 1\npasted line 2\x1b[201~");
    p.send("\x13"); // Ctrl-S keeps it
    p.wait_until(|s| s.contains("Saved") && s.contains("pasted line 2") && !s.contains("Note for "), "note saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let text = answers(home.path());
    assert!(text.contains("CISO says: q3 is n/a for now\npasted line 1\npasted line 2"), "{text}");
    assert!(!text.contains("level"), "typing in the note answered nothing: {text}");
}

#[test]
fn search_and_jump() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 120, 40);
    p.wait_for(&format!("1 {}", of_all()));
    p.send("/");
    p.wait_for("> ");
    p.send("A.6.2.6");
    p.wait_for("A.6.2.6");
    p.send("\r");
    let screen = p.wait_until(|s| !s.contains("Search questions"), "search closed");
    assert!(screen.contains("A.6.2.6 AI system operation and monitoring"), "{screen}");
    p.send("4");
    p.wait_for("Saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let (_, out, _) = run(home.path(), &["score", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"]["answered"], 1);
}

#[test]
fn heatmap_drill_down_jumps_to_a_question() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for(&format!("1 {}", of_all()));
    p.send("3");
    p.wait_for("Saved");
    p.send("h");
    p.wait_for("Heatmap — current view");
    p.send("\x1b[B\x1b[B"); // down twice: the Check row
    p.send("\r");
    p.wait_for("Check × Govern");
    p.send("\x1b[B\r"); // the second question of the cell
    let screen = p.wait_until(|s| s.contains("Check · Govern") && !s.contains("Check × Govern"), "jumped");
    assert!(screen.contains(&of_all()), "{screen}");
    p.send("q");
    assert!(p.wait_exit().success());
}
