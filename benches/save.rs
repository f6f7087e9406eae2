//! Recording one answer durably through the store (answers file rewritten atomically and
//! fsynced, history appended and fsynced), on a workspace in a temp folder on the real disk;
//! once as `aira answer` does (whole file rewritten) and once as the wizard does (journal);
//! and writing the HTML report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_core::assessment::{Answer, Value};
use aira_core::report::Report;
use aira_store::workspace::{Access, Change};
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
        for (name, journal) in [("one-answer", false), ("one-answer-journal", true)] {
            store.use_journal(journal);
            g.bench_function(format!("{}/{name}", f.name), |b| {
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
        store.compact().unwrap();
    }
    g.finish();
}

/// The full HTML report, built from a read-only open and written atomically into a temp folder
/// (what `aira report -o report.html` does after opening).
fn html_report(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for f in common::sizes() {
        let ws = f.open(Access::ReadOnly);
        let out = tempfile::tempdir().unwrap();
        let path = out.path().join("report.html");
        g.bench_function(format!("{}/html", f.name), |b| {
            b.iter(|| {
                let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, "2026-01-01T00:00:00+00:00");
                let html = aira_report::html::full(&r);
                aira_store::workspace::atomic::write_atomic(&path, html.as_bytes()).unwrap();
            })
        });
    }
    g.finish();
}

criterion_group!(benches, save, html_report);
criterion_main!(benches);
