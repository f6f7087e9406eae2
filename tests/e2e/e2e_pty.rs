//! End to end in a real pseudo-terminal: the binary as a person uses it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use common::{Pty, run};

#[test]
fn answer_two_questions_quit_and_score() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for("1 of ");
    p.send("3");
    p.wait_for("2 of ");
    p.send("1");
    // The status bar says Saved only once both changes are durable.
    p.wait_until(|s| s.contains("Saved") && s.contains("2/"), "Saved after two answers");
    p.send("q");
    assert!(p.wait_exit().success());

    let (code, out, err) = run(home.path(), &["score", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["overall"]["answered"], 2);
    assert_eq!(v["overall"]["score"], 2.0);
    let levels: Vec<_> = v["questions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|q| q["status"] == "answered")
        .map(|q| q["level"].as_f64().unwrap())
        .collect();
    assert_eq!(levels, vec![3.0, 1.0]);
    assert_eq!(v["cells"].as_array().unwrap().len(), 16);
}

#[test]
fn read_only_commands_work_while_the_tui_has_the_workspace() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for("1 of ");
    p.send("4");
    p.wait_for("Saved");
    let (code, out, err) = run(home.path(), &["score", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"answered\": 1"), "{out}");
    // A second writer is refused with the holder named.
    let (code, _, err) = run(home.path(), &["answer", "plan-govern-ai-policy", "2"]);
    assert_eq!(code, 1);
    assert!(err.contains("open for writing by pid"), "{err}");
    p.send("q");
    assert!(p.wait_exit().success());
}

#[test]
fn a_closed_terminal_ends_aira() {
    // An SSH connection that drops: the pty goes away and aira must exit, not spin.
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for("1 of ");
    let child = &mut p.child;
    let pid = child.process_id().unwrap();
    std::process::Command::new("kill").args(["-HUP", &pid.to_string()]).status().unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(10), "aira kept running after SIGHUP");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn esc_and_a_digit_in_one_write_close_the_note_and_answer() {
    // Over SSH, Esc and the next key arrive together; crossterm reads them as Alt-2.
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(home.path(), &[], 100, 30);
    p.wait_for("1 of ");
    p.send("e");
    p.wait_for("Note for ");
    p.send("fast");
    p.wait_for("fast");
    p.send("\x1b2");
    p.wait_until(|s| !s.contains("Note for ") && s.contains("2 of "), "the note closed and 2 answered and moved on");
    p.wait_until(|s| s.contains("Saved") && s.contains(" 1/"), "saved");
    p.send("q");
    assert!(p.wait_exit().success());
    let (code, out, err) = run(home.path(), &["score", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let first = &v["questions"][0];
    assert_eq!(first["level"], 2.0, "{first}");
    // The note was kept, on that same question.
    let answers = walk(home.path()).into_iter().find(|f| f.to_string_lossy().contains("answers")).unwrap();
    let text = std::fs::read_to_string(&answers).unwrap();
    let (id, note) = (first["id"].as_str().unwrap(), text.find("note = \"fast\"").expect("the note is saved"));
    let section = text[..note].rsplit("[answers.").next().unwrap();
    assert!(section.starts_with(&format!("{id}]")), "{text}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p)
        }
    }
    out
}
