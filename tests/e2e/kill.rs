//! Killing aira with SIGKILL at random moments never loses an answer that was reported saved,
//! and always leaves a workspace that opens. 150 kills through `aira answer`, 60 in a pty.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common;

use std::collections::HashMap;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use aira_store::workspace::{self, Access};

/// A small deterministic PRNG (xorshift); the seed is printed so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("AIRA_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos() as u64 | 1
        });
        eprintln!("kill test seed: AIRA_KILL_SEED={seed}");
        Rng(seed)
    }
    fn next(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn levels(dir: &Path) -> HashMap<String, Option<u8>> {
    let ws =
        workspace::open(dir, Access::ReadOnly).unwrap_or_else(|e| panic!("workspace does not open after a kill: {e}"));
    // The wizard's default workspace is answered by the user (their name), not a placeholder.
    let r = ws.assessment.respondent(&ws.meta.default_respondent).unwrap();
    r.answers.iter().map(|(k, a)| (k.clone(), a.level())).collect()
}

fn question_ids(dir: &Path) -> Vec<String> {
    workspace::open(dir, Access::ReadOnly).unwrap().questionnaire.questions.iter().map(|q| q.id.clone()).collect()
}

#[test]
fn sigkill_during_aira_answer_loses_nothing_reported_saved() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("ws");
    let (code, _, err) = common::run(home.path(), &["init", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = question_ids(&dir).into_iter().take(8).collect();
    let mut rng = Rng::new();
    // For each question: the last level reported saved, and levels tried since (which may or
    // may not have landed before the kill).
    let mut reported: HashMap<String, u8> = HashMap::new();
    let mut tried: HashMap<String, Vec<u8>> = HashMap::new();
    let mut kills = 0;
    let mut i = 0;
    while kills < 150 {
        i += 1;
        let q = &ids[rng.next(ids.len() as u64) as usize];
        let level = rng.next(6) as u8;
        let mut child = Command::new(common::bin())
            .args(["-w", dir.to_str().unwrap(), "answer", q, &level.to_string()])
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_micros(rng.next(12_000)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            reported.insert(q.clone(), level);
            tried.remove(q);
        } else {
            kills += 1;
            tried.entry(q.clone()).or_default().push(level);
        }
        let now = levels(&dir);
        for (q, l) in &reported {
            let got = now.get(q).copied().flatten();
            let ok = got == Some(*l) || tried.get(q).is_some_and(|t| got.is_some_and(|g| t.contains(&g)));
            assert!(ok, "run {i}: {q} was reported saved as {l}, workspace has {got:?}");
        }
        assert!(i < 5_000, "could not kill aira mid-run often enough");
    }
    // A writer can still open it (repairing a torn history tail if the last kill made one).
    let ws = workspace::open(&dir, Access::Write).unwrap();
    drop(ws);
    workspace::read_history(&dir).unwrap();
}

/// "of N" as the wizard's header shows it for the built-in questionnaire's N questions.
fn of_all() -> String {
    let b = aira_core::questionnaire::default_builtin();
    format!("of {}", aira_core::questionnaire::parse(b.file, b.text).unwrap().questions.len())
}

#[test]
fn sigkill_of_the_wizard_loses_nothing_it_said_was_saved() {
    let home = tempfile::tempdir().unwrap();
    let mut rng = Rng::new();
    let mut saved_levels: Vec<u8> = Vec::new();
    let data = home.path().join("data/aira/workspaces/default");
    for round in 0..60 {
        let mut p = common::Pty::spawn(home.path(), &[], 100, 30);
        p.wait_for(&of_all());
        // One answer we wait to see saved: it must survive.
        p.send("g");
        let level = rng.next(6) as u8;
        let target = round % 20;
        for _ in 0..target {
            p.send("j");
        }
        p.wait_for(&format!("{} {}", target + 1, of_all()));
        p.send(&level.to_string());
        // The wizard moves on, and nothing is pending (the level may equal the one on file, in
        // which case there was nothing to save).
        let next = format!("{} {}", target + 2, of_all());
        p.wait_until(|s| s.contains(&next) && (s.contains("Saved") || s.contains("No changes yet")), "Saved");
        if saved_levels.len() <= target {
            saved_levels.resize(target + 1, u8::MAX);
        }
        saved_levels[target] = level;
        // Then a burst of answers, killed at a random moment.
        let burst: String = (0..rng.next(30)).map(|_| char::from(b'0' + rng.next(6) as u8)).collect();
        p.send(&burst);
        let start = Instant::now();
        std::thread::sleep(Duration::from_micros(rng.next(20_000)));
        p.child.kill().unwrap();
        p.wait_exit();
        assert!(start.elapsed() < Duration::from_secs(20));
        // Burst answers may overwrite later questions; only check what no burst can reach:
        // the burst starts after `target`, so question `target` keeps the saved level.
        let now = levels(&data);
        let ids = question_ids(&data);
        let got = now.get(&ids[target]).copied().flatten();
        assert_eq!(got, Some(level), "round {round}: question {} lost its saved level", ids[target]);
    }
}

/// Every file but the lock and history (whose stamps name the moment), as bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for sub in ["", "answers"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && name != ".aira.lock" && name != "history.toml" {
                out.push((format!("{sub}/{name}"), std::fs::read(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// `aira merge` and `aira upgrade`, killed with SIGKILL at random moments: the next writer
/// finds every file as it was before the command or as after it, and no temp file.
#[test]
fn sigkill_during_merge_or_upgrade_is_all_or_nothing() {
    let home = tempfile::tempdir().unwrap();
    let base = home.path().join("base");
    let run = |args: &[&str]| {
        let (code, _, err) = common::run(home.path(), args);
        assert!(code == 0 || code == 3, "{args:?}: {err}");
    };
    run(&["init", base.to_str().unwrap(), "--respondent", "facilitator"]);
    let ids = question_ids(&base);
    for (i, q) in ids.iter().take(16).enumerate() {
        run(&["-w", base.to_str().unwrap(), "answer", q, &(i % 5).to_string()]);
    }
    let source = home.path().join("source");
    crate::common::copy_workspace(&base, &source);
    run(&["-w", source.to_str().unwrap(), "respondent", "add", "Ann Lee"]);
    for (i, q) in ids.iter().take(16).enumerate() {
        let who = if i % 2 == 0 { "Ann Lee" } else { "facilitator" };
        let args = ["-w", source.to_str().unwrap(), "answer", q, &((i + 2) % 5).to_string(), "--respondent", who];
        run(&args);
    }
    let qtext = std::fs::read_to_string(base.join("questionnaire.toml")).unwrap();
    let first = &ids[0];
    let new_q = home.path().join("new.toml");
    std::fs::write(
        &new_q,
        qtext
            .replacen(&format!("id = \"{first}\""), &format!("id = \"{first}-v2\"\nreplaces = [\"{first}\"]"), 1)
            .replacen("version = \"", "version = \"9", 1),
    )
    .unwrap();
    let commands: [Vec<String>; 2] = [
        vec!["merge".into(), source.display().to_string()],
        vec!["upgrade".into(), "--questionnaire".into(), new_q.display().to_string()],
    ];
    let mut rng = Rng::new();
    for cmd in &commands {
        let done = home.path().join("done");
        let _ = std::fs::remove_dir_all(&done);
        crate::common::copy_workspace(&base, &done);
        let mut args = vec!["-w".to_owned(), done.display().to_string()];
        args.extend(cmd.iter().cloned());
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        let took = Instant::now();
        run(&a);
        // Kill moments spread over the whole run, start-up included.
        let span = (took.elapsed().as_micros() as u64).max(1) * 3 / 2;
        let after = snapshot(&done);
        let before = snapshot(&base);
        let (mut kills, mut changed_before, mut round) = (0, 0, 0);
        // 40 rounds, and more (up to 200) until three kills landed mid-operation: where the
        // window falls in a run depends on the machine's load, not on the code under test.
        while round < 40 || (changed_before <= 2 && round < 200) {
            round += 1;
            let t = home.path().join(format!("k{round}"));
            crate::common::copy_workspace(&base, &t);
            let mut child = Command::new(common::bin())
                .arg("-w")
                .arg(&t)
                .args(cmd)
                .env("XDG_CONFIG_HOME", home.path().join("config"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_micros(rng.next(span)));
            let _ = child.kill();
            if !child.wait().unwrap().success() {
                kills += 1;
                // Killed after the operation began: its journal is there for the open to undo.
                if t.join(".aira-op.toml").exists() {
                    changed_before += 1;
                }
            }
            drop(workspace::open(&t, Access::Write).unwrap_or_else(|e| panic!("{cmd:?} round {round}: {e}")));
            let now = snapshot(&t);
            assert!(now.iter().all(|(n, _)| !n.contains(".tmp-") && !n.contains(".aira-op")), "{cmd:?} round {round}");
            assert!(now == before || now == after, "{cmd:?} round {round}: neither before nor after");
            workspace::read_history(&t).unwrap();
            std::fs::remove_dir_all(&t).unwrap();
        }
        eprintln!("{cmd:?}: {kills} of {round} runs killed, {changed_before} of them after it had changed a file");
        assert!(changed_before > 2, "{cmd:?}: too few kills landed mid-run ({changed_before})");
    }
}
