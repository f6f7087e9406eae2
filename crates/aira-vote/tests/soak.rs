//! A soak: 200 phones join, vote on five questions, drop and rejoin halfway, all against a
//! fsynced file sink. Bounded in count (1000 votes) and time; it stops by itself.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::time::{Duration, Instant};

use aira_vote::Event;
use common::*;
use serde_json::json;

const PHONES: usize = 200;
const ROUNDS: usize = 5;

#[test]
fn two_hundred_phones_five_rounds_with_a_rejoin_every_vote_durable() {
    let dir = tempfile::tempdir().unwrap();
    let (server, sink) = start_file_sink(dir.path(), Default::default());
    let url = server.url().to_owned();
    let phones: Vec<_> = (0..PHONES)
        .map(|n| {
            let url = url.clone();
            std::thread::spawn(move || {
                let name = format!("Phone {n}");
                let mut a = agent();
                let id = join(&a, &url, &name);
                for round in 0..ROUNDS {
                    let q = format!("S{round}");
                    assert!(wait_for_question(&a, &url, &q), "{name} never saw {q}");
                    if round == ROUNDS / 2 {
                        // The phone drops off the Wi-Fi and comes back: a new connection, the same person.
                        a = agent();
                        assert_eq!(join(&a, &url, &name), id);
                    }
                    let r = vote(&a, &url, &id, &q, json!((n + round) % 5));
                    assert_eq!(r.status, 200, "{name} on {q}: {}", r.body);
                }
            })
        })
        .collect();
    let started = Instant::now();
    for round in 0..ROUNDS {
        let q = format!("S{round}");
        server.set_question(question(&q, false));
        while server.votes_on(&q).len() < PHONES {
            assert!(started.elapsed() < Duration::from_secs(240), "round {round} never finished");
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    for p in phones {
        p.join().unwrap();
    }
    let took = started.elapsed();
    let events: Vec<Event> = server.events().try_iter().collect();
    server.stop();
    let joined = events.iter().filter(|e| matches!(e, Event::Joined { .. })).count();
    let voted = events.iter().filter(|e| matches!(e, Event::Voted { .. })).count();
    assert_eq!((joined, voted), (PHONES, PHONES * ROUNDS), "rejoining is not a new participant");
    let lines = sink.lines();
    assert_eq!(lines.len(), PHONES * ROUNDS);
    let mut unique = lines.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), lines.len(), "a vote written twice");
    eprintln!("soak: {} votes from {PHONES} phones in {took:?}", lines.len());
}
