//! Fuzzy search for five realistic queries, as the TUI runs it: every question, every
//! respondent's notes included, all hits ranked. Also "typing": each prefix of the query,
//! narrowed within the previous hits, as happens key by key.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_core::search::Index;
use aira_store::workspace::Access;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn search(c: &mut Criterion) {
    let mut g = c.benchmark_group("search");
    for f in common::sizes() {
        let ws = f.open(Access::ReadOnly);
        // Every respondent's notes, as the TUI searches them.
        let (qs, people) = (&ws.questionnaire.questions, &ws.assessment.respondents);
        let note = |i: usize, p: usize| people.get(p)?.answer(&qs[i].id).map(|a| a.note.as_str());
        let note = aira_core::search::Notes { people: people.len(), note };
        let index = Index::new(&ws.questionnaire);
        g.bench_function(format!("{}/index-build", f.name), |b| b.iter(|| black_box(Index::new(&ws.questionnaire))));
        for query in common::QUERIES {
            g.bench_function(format!("{}/full/{query}", f.name), |b| {
                b.iter(|| black_box(index.search(&ws.questionnaire, query, note, None, usize::MAX)))
            });
            // The TUI's call per keystroke: the 200 best hits (SEARCH_LIMIT) and every matching id.
            g.bench_function(format!("{}/top200/{query}", f.name), |b| {
                b.iter(|| black_box(index.search_narrowing(&ws.questionnaire, query, note, None, 200)))
            });
            g.bench_function(format!("{}/typing/{query}", f.name), |b| {
                b.iter(|| {
                    let mut within: Option<Vec<usize>> = None;
                    for end in query.char_indices().map(|(i, ch)| i + ch.len_utf8()) {
                        let hits = index.search(&ws.questionnaire, &query[..end], note, within.as_deref(), usize::MAX);
                        within = Some(hits.iter().map(|h| h.question).collect());
                    }
                    black_box(within)
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, search);
criterion_main!(benches);
