//! Opening a workspace: read and parse the questionnaire and every answers file, then build
//! the UI state (scores, search index). This is what stands between `aira` and its first frame.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_store::workspace::Access;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn open(c: &mut Criterion) {
    let mut g = c.benchmark_group("open");
    g.sample_size(10);
    let mut fixtures = common::sizes();
    // Not in the target table, but what a 20-interview engagement looks like.
    fixtures.push(common::large(20, 20));
    for f in &fixtures {
        g.bench_function(format!("{}/read-only", f.name), |b| b.iter(|| black_box(f.open(Access::ReadOnly))));
        g.bench_function(format!("{}/locked+state", f.name), |b| {
            b.iter(|| {
                let ws = f.open(Access::WriteOrReadOnly);
                black_box(aira::tui::state_for(&ws, &common::options()))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, open);
criterion_main!(benches);
