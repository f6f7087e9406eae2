//! Recording one answer durably through the store (answers file rewritten atomically and
//! fsynced, history appended and fsynced), on a workspace in a temp folder on the real disk.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira::assessment::{Answer, Value};
use aira::workspace::{Access, Change};
use criterion::{Criterion, criterion_group, criterion_main};

fn save(c: &mut Criterion) {
    let mut g = c.benchmark_group("save");
    g.sample_size(20);
    for f in common::sizes() {
        let mut ws = f.open(Access::Write);
        let mut store = ws.store.take().unwrap();
        let r = ws.assessment.respondents[0].clone();
        let qid = ws.questionnaire.questions[ws.questionnaire.questions.len() / 2].id.clone();
        let mut level = 0u8;
        g.bench_function(format!("{}/one-answer", f.name), |b| {
            b.iter(|| {
                level = (level + 1) % 6;
                let new = Answer { value: Some(Value::Level(level)), ..Default::default() };
                let change = Change {
                    respondent: r.clone_header(),
                    question: qid.clone(),
                    old: None,
                    new: Some(new),
                    by: "bench".into(),
                    at: "2026-01-01T00:00:00.000+00:00".into(),
                    kind: "answer".into(),
                    reverts: None,
                };
                store.apply(&change).unwrap()
            })
        });
    }
    g.finish();
}

// TODO(report): the HTML report is being written on another branch. When `report::html` lands,
// add benches/report.rs: open each of `common::sizes()` read-only, then time writing the HTML
// report into a temp folder (targets: ≤ 20 ms built-in, ≤ 300 ms at 10,000 questions).

criterion_group!(benches, save);
criterion_main!(benches);
