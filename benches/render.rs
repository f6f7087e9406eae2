//! Drawing the main screen (question card + heatmap + status bar) into a 120×40 TestBackend,
//! alone and after a key press (the in-process part of keypress-to-frame latency).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira::tui::{state_for, update::handle_key, view::render};
use aira_store::workspace::Access;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::{Terminal, backend::TestBackend};
use std::hint::black_box;

fn draw(c: &mut Criterion) {
    let mut g = c.benchmark_group("render");
    for f in common::sizes() {
        let ws = f.open(Access::ReadOnly);
        let mut state = state_for(&ws, &common::options());
        let mut term = Terminal::new(TestBackend::new(120, 40)).unwrap();
        g.bench_function(format!("{}/main-screen", f.name), |b| {
            b.iter(|| term.draw(|fr| render(&state, fr)).map(|_| ()).unwrap())
        });
        // Down then up: two frames per iteration, the cursor ends where it started.
        g.bench_function(format!("{}/key-j-k+frames", f.name), |b| {
            b.iter(|| {
                for k in ['j', 'k'] {
                    black_box(handle_key(&mut state, common::key(k)));
                    term.draw(|fr| render(&state, fr)).unwrap();
                }
            })
        });
        // Answer 2 then 3 on the same question (each changes the answer and rescores); `k`
        // brings the cursor back after the answer advanced it. Four frames per iteration.
        g.bench_function(format!("{}/key-answer+frames", f.name), |b| {
            b.iter(|| {
                for k in ['2', 'k', '3', 'k'] {
                    black_box(handle_key(&mut state, common::key(k)));
                    term.draw(|fr| render(&state, fr)).unwrap();
                }
            })
        });
    }
    g.finish();
}

criterion_group!(benches, draw);
criterion_main!(benches);
