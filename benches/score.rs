//! Scoring: every question's status from the answers, then every heatmap cell, phase,
//! function and the overall score (what the TUI redoes after each answer).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira::scoring;
use aira::workspace::Access;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn score(c: &mut Criterion) {
    let mut g = c.benchmark_group("score");
    for f in common::sizes() {
        let ws = f.open(Access::ReadOnly);
        let (q, a, agg) = (&ws.questionnaire, &ws.assessment, ws.meta.aggregation);
        let statuses = a.statuses(q);
        g.bench_function(format!("{}/cells", f.name), |b| b.iter(|| black_box(scoring::score(q, &statuses, agg))));
        g.bench_function(format!("{}/statuses+cells", f.name), |b| {
            b.iter(|| black_box(scoring::score(q, &a.statuses(q), agg)))
        });
        // TODO(references): scoring per framework reference (NIST subcategory, ISO clause and
        // control) is being written on another branch. When `scoring::references` (or however it
        // lands) exists, add `g.bench_function(format!("{}/references", f.name), ...)` here, with
        // the same fixtures; the target covers cells and references together.
    }
    g.finish();
}

criterion_group!(benches, score);
criterion_main!(benches);
