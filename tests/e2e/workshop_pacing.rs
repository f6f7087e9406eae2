//! `aira workshop` under a flood of votes: phones voting back to back get at most one frame
//! per ~50 ms drawn for them (a frame per vote kept the wizard busy and made keys wait), and
//! once they stop the screen shows every phone's last vote without a key being pressed.

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use crate::workshop_pty::{field, http, open_workshop};

const PHONES: usize = 5;
const FLOOD: Duration = Duration::from_millis(1500);

/// One phone: joins as `name`, votes on `question` without pause until `FLOOD` is over.
/// Returns its accepted votes and the level of the last one.
fn phone(addr: String, path: String, name: String, question: String, first: u8) -> (usize, u8) {
    let (status, joined) = http(&addr, "POST", &format!("{path}/join"), &format!(r#"{{"name": "{name}"}}"#));
    assert_eq!(status, 200, "{joined}");
    let who = field(&joined, "participant");
    let (start, mut accepted, mut last, mut level) = (Instant::now(), 0, 0, first);
    while start.elapsed() < FLOOD {
        level = (level + 1) % 6;
        let vote = format!(r#"{{"participant": "{who}", "question": "{question}", "level": {level}}}"#);
        let (status, body) = http(&addr, "POST", &format!("{path}/vote"), &vote);
        assert_eq!(status, 200, "{body}");
        accepted += 1;
        last = level;
    }
    (accepted, last)
}

#[test]
fn a_flood_of_votes_is_drawn_paced_and_the_screen_ends_on_the_last_votes() {
    let home = tempfile::tempdir().unwrap();
    let (mut p, _ws, addr, path) = open_workshop(home.path(), "Pacing");
    let (addr, path) = (addr.as_str(), path.as_str());
    // Revealed, so each phone's level is on the screen, not only "voted".
    p.send(" ");
    p.wait_until(|s| !s.contains("Votes hidden"), "the votes revealed");
    let (_, state) = http(addr, "GET", &format!("{path}/state"), "");
    let state: serde_json::Value = serde_json::from_str(&state).unwrap();
    let question = state["question"]["id"].as_str().unwrap().to_owned();
    let level_name = |v: u8| state["question"]["levels"][usize::from(v)]["name"].as_str().unwrap().to_owned();

    let before = p.frames.load(Ordering::Relaxed);
    let start = Instant::now();
    let phones: Vec<_> = (0..PHONES)
        .map(|i| {
            let (addr, path, question) = (addr.to_owned(), path.to_owned(), question.clone());
            std::thread::spawn(move || phone(addr, path, format!("Phone {i}"), question, i as u8))
        })
        .collect();
    let results: Vec<(usize, u8)> = phones.into_iter().map(|t| t.join().unwrap()).collect();
    let took = start.elapsed();
    let frames = p.frames.load(Ordering::Relaxed) - before;
    let votes: usize = results.iter().map(|r| r.0).sum();
    assert!(votes >= 50, "the phones voted back to back: {votes} votes in {took:?}");
    // One room frame per 50 ms at most, and a few for the joins and the first votes.
    let budget = (took.as_millis() / 50) as usize + 10;
    assert!(frames <= budget, "{frames} frames for {votes} votes in {took:?} (at most {budget})");

    // Nobody presses a key: the last votes still reach the screen.
    let shows = |s: &str, i: usize, level: u8| {
        s.lines().any(|l| l.contains(&format!("Phone {i} ")) && l.contains(&format!("{level}  {}", level_name(level))))
    };
    p.wait_until(
        |s| results.iter().enumerate().all(|(i, r)| shows(s, i, r.1)),
        &format!("every phone's last vote on the screen: {results:?}"),
    );
    p.send("q");
    assert!(p.wait_exit().success());
}
