//! `aira start` in a real pseudo-terminal: pick a recent workspace by filtering, create one
//! through the form, and the recent list the wizard keeps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::path::Path;

use common::{Pty, run};

fn recent_file(home: &Path) -> std::path::PathBuf {
    home.join("config").join("aira").join("recent.toml")
}

fn init(home: &Path, dir: &Path, name: &str) {
    let (code, _, err) = run(home, &["init", dir.to_str().unwrap(), "--name", name, "--organisation", "Org"]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn filter_and_enter_open_the_right_recent_workspace() {
    let home = tempfile::tempdir().unwrap();
    let (acme, globex) = (home.path().join("acme"), home.path().join("globex"));
    init(home.path(), &acme, "Acme readiness");
    init(home.path(), &globex, "Globex pilot");
    // Two answers in Globex, none in Acme: the progress shows which one opened.
    for (q, level) in [("plan-govern-ai-policy", "3"), ("plan-govern-leadership-accountability", "2")] {
        let (code, _, err) = run(home.path(), &["-w", globex.to_str().unwrap(), "answer", q, level]);
        assert_eq!(code, 0, "{err}");
    }
    let file = recent_file(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(
        &file,
        format!(
            "[[workspace]]\npath = {:?}\nname = \"Acme readiness\"\nopened_at = \"2026-11-22T10:00:00+00:00\"\n\n\
             [[workspace]]\npath = {:?}\nname = \"Globex pilot\"\nopened_at = \"2026-11-21T09:00:00+00:00\"\n",
            acme.to_str().unwrap(),
            globex.to_str().unwrap()
        ),
    )
    .unwrap();

    let mut p = Pty::spawn(home.path(), &["start"], 100, 30);
    p.wait_for("Recent workspaces (2)");
    p.send("/glob");
    p.wait_for("(1 of 2)");
    p.send("\r");
    // The wizard on Globex: its questionnaire's title, and its two answers in the progress.
    p.wait_until(|s| s.contains("AI management system readiness") && s.contains(" 2/"), "the wizard on Globex");
    p.send("q");
    assert!(p.wait_exit().success());
    // Opening moved Globex to the top of the list.
    let text = std::fs::read_to_string(&file).unwrap();
    let (g, a) = (text.find("Globex pilot").unwrap(), text.find("Acme readiness").unwrap());
    assert!(g < a, "{text}");
}

#[test]
fn esc_on_the_start_screen_quits_and_q_only_filters() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &["start"], 80, 24);
    p.wait_for("No recent workspaces yet");
    p.send("q");
    p.wait_for("Filter: q");
    p.send("\x1b");
    p.wait_until(|s| !s.contains("Filter: q"), "Esc clears the filter");
    p.send("\x1b");
    assert!(p.wait_exit().success());
    assert!(!recent_file(home.path()).exists(), "quitting records nothing");
}

#[test]
fn the_form_creates_a_workspace_and_opens_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("clients").join("newco");
    let mut p = Pty::spawn(home.path(), &["start"], 100, 30);
    p.wait_for("No recent workspaces yet");
    p.send("\x0e");
    p.wait_for("New workspace");
    // `~` is the home folder; an empty name is refused first.
    p.send("~/clients/newco\r");
    p.wait_for("Give the assessment a name");
    p.send("Newco readiness\tNewco Ltd\r");
    // Then who answers first, offered as the user; empty is refused.
    p.wait_for("Who answers first?");
    p.send("\x15\r");
    p.wait_for("Name who answers first");
    p.send("Ann Le\r");
    p.wait_for("1 of ");
    p.wait_for("Ann Le");
    p.send("4");
    p.wait_for("Saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let meta = std::fs::read_to_string(dir.join("workspace.toml")).unwrap();
    assert!(meta.contains("Newco readiness") && meta.contains("Newco Ltd"), "{meta}");
    assert!(meta.contains("default_respondent = \"ann-le\""), "{meta}");
    assert!(dir.join("answers/ann-le.toml").is_file());
    assert!(!dir.join("answers/default.toml").exists(), "never the placeholder respondent");
    let (code, out, err) = run(home.path(), &["-w", dir.to_str().unwrap(), "score", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"answered\": 1"), "{out}");
    let recent = std::fs::read_to_string(recent_file(home.path())).unwrap();
    assert!(recent.contains("Newco readiness"), "{recent}");
}

#[test]
fn a_missing_workspace_is_marked_and_d_forgets_it() {
    let home = tempfile::tempdir().unwrap();
    let acme = home.path().join("acme");
    init(home.path(), &acme, "Acme readiness");
    let file = recent_file(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let gone = home.path().join("gone");
    std::fs::write(
        &file,
        format!(
            "[[workspace]]\npath = {:?}\nname = \"Gone\"\n\n[[workspace]]\npath = {:?}\nname = \"Acme readiness\"\n",
            gone.to_str().unwrap(),
            acme.to_str().unwrap()
        ),
    )
    .unwrap();
    let mut p = Pty::spawn(home.path(), &["start"], 100, 30);
    p.wait_for("(missing)");
    p.send("\r");
    p.wait_for("no longer an aira workspace");
    p.send("\x04");
    p.wait_for("y yes, any other key no");
    p.send("y");
    p.wait_for("Recent workspaces (1)");
    p.send("\x1b");
    assert!(p.wait_exit().success());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains("Gone") && text.contains("Acme readiness"), "{text}");
}

#[test]
fn a_broken_recent_file_is_reported_and_left_alone() {
    let home = tempfile::tempdir().unwrap();
    let file = recent_file(home.path());
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    let broken = "[[workspace]]\npath = 7\n";
    std::fs::write(&file, broken).unwrap();
    let mut p = Pty::spawn(home.path(), &["start"], 120, 30);
    p.wait_for("recent.toml:2:8:");
    p.send("\x04");
    p.send("\x1b");
    assert!(p.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken);
}
