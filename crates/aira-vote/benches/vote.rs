//! Vote -> durable on loopback with 40 participants: the time from a phone's POST /vote to
//! its 200, which the server sends only after the sink (here: append + fsync, as durable as
//! the wizard's) returned. Two shapes: a burst (all 40 tap at once, per vote latency and the
//! time until the last is durable) and one vote while 39 others vote back to back.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use common::*;
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

const PEOPLE: usize = 40;

fn percentiles(label: &str, mut ms: Vec<f64>) {
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
    eprintln!(
        "{label}: {} votes, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        ms.len(),
        at(0.50),
        at(0.99),
        ms[ms.len() - 1]
    );
}

fn burst(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (server, _sink) = start_file_sink(dir.path(), Default::default());
    server.set_question(question("B1", false));
    let url = server.url().to_owned();
    let start = Arc::new(Barrier::new(PEOPLE + 1));
    let end = Arc::new(Barrier::new(PEOPLE + 1));
    let stop = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let phones: Vec<_> = (0..PEOPLE)
        .map(|n| {
            let (url, start, end, stop, lat) =
                (url.clone(), Arc::clone(&start), Arc::clone(&end), Arc::clone(&stop), Arc::clone(&latencies));
            std::thread::spawn(move || {
                let a = agent();
                let id = join(&a, &url, &format!("Phone {n}"));
                let mut round = 0;
                loop {
                    start.wait();
                    if stop.load(Ordering::SeqCst) {
                        return;
                    }
                    let t = Instant::now();
                    let r = vote(&a, &url, &id, "B1", json!((n + round) % 5));
                    let took = t.elapsed();
                    assert_eq!(r.status, 200, "{}", r.body);
                    lat.lock().unwrap().push(took.as_secs_f64() * 1e3);
                    round += 1;
                    end.wait();
                }
            })
        })
        .collect();
    let mut group = c.benchmark_group("vote");
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    group.bench_function("burst_of_40_until_last_durable", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t = Instant::now();
                start.wait();
                end.wait();
                total += t.elapsed();
            }
            total
        })
    });
    group.finish();
    stop.store(true, Ordering::SeqCst);
    start.wait();
    for p in phones {
        p.join().unwrap();
    }
    percentiles("burst of 40, each vote -> durable", std::mem::take(&mut latencies.lock().unwrap()));
}

fn under_load(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let (server, _sink) = start_file_sink(dir.path(), Default::default());
    server.set_question(question("L1", false));
    let url = server.url().to_owned();
    let stop = Arc::new(AtomicBool::new(false));
    let latencies = Arc::new(Mutex::new(Vec::new()));
    let others: Vec<_> = (1..PEOPLE)
        .map(|n| {
            let (url, stop, lat) = (url.clone(), Arc::clone(&stop), Arc::clone(&latencies));
            std::thread::spawn(move || {
                let a = agent();
                let id = join(&a, &url, &format!("Phone {n}"));
                let mut round = 0;
                while !stop.load(Ordering::SeqCst) {
                    let t = Instant::now();
                    assert_eq!(vote(&a, &url, &id, "L1", json!((n + round) % 5)).status, 200);
                    lat.lock().unwrap().push(t.elapsed().as_secs_f64() * 1e3);
                    round += 1;
                }
            })
        })
        .collect();
    let a = agent();
    let me = join(&a, &url, "Phone 0");
    let mine = Arc::new(Mutex::new(Vec::new()));
    let mut group = c.benchmark_group("vote");
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    let mut round = 0usize;
    group.bench_function("one_vote_while_39_vote_back_to_back", |b| {
        b.iter(|| {
            let t = Instant::now();
            round += 1;
            assert_eq!(vote(&a, &url, &me, "L1", json!(round % 5)).status, 200);
            mine.lock().unwrap().push(t.elapsed().as_secs_f64() * 1e3);
        })
    });
    group.finish();
    stop.store(true, Ordering::SeqCst);
    for o in others {
        o.join().unwrap();
    }
    percentiles("40 voting back to back, the measured phone", std::mem::take(&mut mine.lock().unwrap()));
    percentiles("40 voting back to back, all phones", std::mem::take(&mut latencies.lock().unwrap()));
}

criterion_group!(benches, burst, under_load);
criterion_main!(benches);
