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
