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
    let r = ws.assessment.respondent("default").unwrap();
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
