//! The room yields to the facilitator: the server's threads run below the priority of the
//! process that started it, so on a busy 2-core laptop the wizard's keys and frames get the
//! CPU first (issue 21: keypress → frame p99 ≤ 4 ms while votes arrive).
#![cfg(target_os = "linux")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;

/// (thread name, nice) of every thread of this process, read from /proc.
fn threads() -> Vec<(String, i64)> {
    let mut out = Vec::new();
    for task in std::fs::read_dir("/proc/self/task").unwrap() {
        let stat = std::fs::read_to_string(task.unwrap().path().join("stat")).unwrap_or_default();
        // `pid (comm) state ppid …`: the name sits in parentheses and may hold spaces.
        let (Some(open), Some(close)) = (stat.find('('), stat.rfind(')')) else { continue };
        let name = stat[open + 1..close].to_owned();
        // Fields after the name: state is 3, nice is 19 (man 5 proc).
        let rest: Vec<&str> = stat[close + 2..].split(' ').collect();
        out.push((name, rest[16].parse().unwrap()));
    }
    out
}

#[test]
fn the_servers_threads_run_below_the_caller() {
    let own = threads().into_iter().map(|(_, n)| n).min().unwrap();
    let (server, _sink) = start(Default::default());
    // Served once, so the runtime's workers have started.
    let a = agent();
    join(&a, server.url(), "Ada");
    let room: Vec<(String, i64)> = threads().into_iter().filter(|(n, _)| n.starts_with("aira-vote")).collect();
    assert!(!room.is_empty(), "no aira-vote thread found: {:?}", threads());
    for (name, nice) in &room {
        assert!(*nice > own, "{name} runs at nice {nice}, not below the caller's {own}: {room:?}");
    }
}
