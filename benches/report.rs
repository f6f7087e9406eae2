//! Typesetting the deliverables: the PDF (Typst, in memory) of the built-in questionnaire
//! answered by 30 respondents and of a generated 1,000-question bank, and the DOCX of the
//! former. Figures in BENCHMARKS.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::hint::black_box;

use aira_report::{Report, ReportFormat, ReportKind, render};
use aira_store::workspace::Access;
use aira_testgen::{Spec, questionnaire_text, write_workspace};
use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(questions: usize, respondents: usize) -> tempfile::TempDir {
    let spec = Spec::new(questions, respondents, respondents);
    let text = if questions == 0 {
        aira_core::questionnaire::default_builtin().text.to_owned()
    } else {
        questionnaire_text(&spec)
    };
    let dir = tempfile::tempdir().unwrap();
    write_workspace(dir.path(), &text, &spec).unwrap();
    dir
}

fn typeset(c: &mut Criterion) {
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    for (name, questions, respondents) in [("builtin-30r", 0, 30), ("1000q-3r", 1000, 3)] {
        let dir = fixture(questions, respondents);
        let ws = aira_store::workspace::open(dir.path(), Access::ReadOnly).unwrap();
        let at = "2026-01-15T09:30:00+00:00";
        g.bench_function(format!("{name}/pdf"), |b| {
            // typst memoises across compilations: without the eviction every iteration after the
            // first would reuse the last one's layout, which no `aira report` run can.
            b.iter(|| {
                aira_report::typst::forget_cache();
                let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, at);
                black_box(render(&r, ReportFormat::Pdf, ReportKind::Full).unwrap())
            })
        });
        if questions == 0 {
            // The PDF's two halves: typst's layout alone (no PDF export), for where time goes.
            g.bench_function(format!("{name}/layout-only"), |b| {
                b.iter(|| {
                    aira_report::typst::forget_cache();
                    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, at);
                    let source = aira_report::typst::fill(
                        &aira_report::deliverable::document(&r, "full"),
                        aira_report::typst::TEMPLATE,
                    );
                    black_box(aira_report::typst::compile(source, at).map(|d| d.pages().len()).unwrap())
                })
            });
            g.bench_function(format!("{name}/docx"), |b| {
                b.iter(|| {
                    let r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, at);
                    black_box(render(&r, ReportFormat::Docx, ReportKind::Full).unwrap())
                })
            });
        }
    }
    g.finish();
}

criterion_group!(benches, typeset);
criterion_main!(benches);
