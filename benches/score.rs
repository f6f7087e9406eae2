//! Scoring: every question's status from the answers, then every heatmap cell, phase,
//! function and the overall score (what the TUI redoes after each answer), and every framework
//! reference (NIST subcategory, ISO clause and control), with and without a reference index
//! resolved once per questionnaire.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_core::scoring;
use aira_store::workspace::Access;
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
        g.bench_function(format!("{}/references", f.name), |b| {
            b.iter(|| black_box(scoring::score_references(q, &statuses, agg)))
        });
        // As the TUI and reports can: references resolved once per questionnaire.
        let refs = scoring::ReferenceIndex::new(q);
        g.bench_function(format!("{}/reference-index-build", f.name), |b| {
            b.iter(|| black_box(scoring::ReferenceIndex::new(q)))
        });
        g.bench_function(format!("{}/references-indexed", f.name), |b| {
            b.iter(|| black_box(refs.score(&statuses, agg)))
        });
        g.bench_function(format!("{}/cells+references-indexed", f.name), |b| {
            b.iter(|| black_box((scoring::score(q, &statuses, agg), refs.score(&statuses, agg))))
        });
        // The "score every cell and reference": both, from the same statuses.
        g.bench_function(format!("{}/cells+references", f.name), |b| {
            b.iter(|| black_box((scoring::score(q, &statuses, agg), scoring::score_references(q, &statuses, agg))))
        });
    }
    g.finish();
}

criterion_group!(benches, score);
criterion_main!(benches);
