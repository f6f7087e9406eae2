//! Issue 16 item 9: `aira merge` of 10 copies at engagement scale (the built-in questionnaire,
//! 30 respondents who answered everything). The copies share the base's history; each is one
//! facilitator's interviews (3 respondents, 20 answers each re-levelled with a log line, one
//! agreed level), and each also changes one answer the next copy changes differently (a real
//! conflict, resolved and recorded). Measured: what `aira merge C1 … C10` does after its
//! arguments, opening the target for writing and each copy read-only, merging, writing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use aira_core::assessment::{LogEntry, Value};
use aira_store::workspace::{self, Access, Change, Workspace, merge};
use aira_testgen::{Spec, write_workspace};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

const RESPONDENTS: usize = 30;
const COPIES: usize = 10;
const AT: &str = "2026-12-02T10:00:00.000+00:00";

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let name = e.file_name();
        // The lock belongs to whoever had the folder open, never to a copy.
        if name == workspace::lock::LOCK_FILE {
            continue;
        }
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &to.join(&name));
        } else {
            std::fs::copy(e.path(), to.join(&name)).unwrap();
        }
    }
}

/// Re-level respondent `who`'s answer to question `q` (index) up by `bump`, with a log line.
fn relevel(ws: &mut Workspace, who: usize, q: usize, by: &str, bump: u8) {
    let r = ws.assessment.respondents[who].clone_header();
    let qid = ws.questionnaire.questions[q].id.clone();
    let old = ws.assessment.respondents[who].answer(&qid).cloned();
    let mut new = old.clone().unwrap_or_default();
    let level = new.level().map_or(bump, |l| (l + bump) % 6);
    new.value = Some(Value::Level(level));
    new.answered_at = workspace::now_rfc3339();
    new.answered_by = by.to_owned();
    new.log.push(LogEntry { at: new.answered_at.clone(), by: by.to_owned(), text: format!("{by} asked again") });
    let change = Change {
        respondent: r,
        question: qid.clone(),
        old,
        new: Some(new.clone()),
        by: by.to_owned(),
        at: new.answered_at.clone(),
        kind: "answer".into(),
        reverts: None,
    };
    ws.store.as_mut().unwrap().apply(&change).unwrap();
    ws.assessment.respondents[who].answers.insert(qid, new);
}

/// The base and the 10 copies, in `root`. Every answer of the base is in its history (as
/// answers given through aira are): the copies' shared prefix, so their merge has a base.
fn fixture(root: &Path) -> (std::path::PathBuf, Vec<std::path::PathBuf>) {
    let (base, answered) = (root.join("base"), root.join("answered"));
    let text = aira_core::questionnaire::default_builtin().text;
    write_workspace(&answered, text, &Spec::new(0, RESPONDENTS, RESPONDENTS)).unwrap();
    write_workspace(&base, text, &Spec::new(0, RESPONDENTS, 0)).unwrap();
    let given = workspace::open(&answered, Access::ReadOnly).unwrap();
    let mut ws = workspace::open(&base, Access::Write).unwrap();
    let changes: Vec<Change> = given
        .assessment
        .respondents
        .iter()
        .flat_map(|r| {
            r.answers.iter().map(|(q, a)| Change {
                respondent: r.clone_header(),
                question: q.clone(),
                old: None,
                new: Some(a.clone()),
                by: "lead".into(),
                at: AT.into(),
                kind: "answer".into(),
                reverts: None,
            })
        })
        .collect();
    let store = ws.store.as_mut().unwrap();
    store.use_journal(true);
    let all: Vec<&Change> = changes.iter().collect();
    assert!(store.apply_all(&all).iter().all(Result::is_ok));
    store.compact().unwrap();
    drop(ws);
    let mut ws = workspace::open(&base, Access::Write).unwrap();
    let n = ws.questionnaire.questions.len();
    for who in 0..RESPONDENTS {
        relevel(&mut ws, who, who % n, "lead", 1);
    }
    drop(ws);
    let mut copies = Vec::new();
    for i in 0..COPIES {
        let dir = root.join(format!("copy-{i}"));
        copy_dir(&base, &dir);
        let mut ws = workspace::open(&dir, Access::Write).unwrap();
        let by = format!("facilitator-{i}");
        for who in 3 * i..3 * i + 3 {
            for k in 0..20 {
                relevel(&mut ws, who, (who * 7 + k) % n, &by, 1);
            }
        }
        // The next copy's first respondent, on a question that copy re-levels too (to another
        // level): a conflict.
        let next = 3 * ((i + 1) % COPIES);
        relevel(&mut ws, next, (next * 7) % n, &by, 2);
        let q = ws.questionnaire.questions[(i * 11) % n].id.clone();
        ws.store.as_mut().unwrap().set_agreed(&q, Some(Value::Level(3)), &by, AT).unwrap();
        drop(ws);
        copies.push(dir);
    }
    (base, copies)
}

fn merge_copies(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    let (base, copies) = fixture(root.path());
    let mut g = c.benchmark_group("merge");
    g.sample_size(10);
    let mut round = 0;
    g.bench_function("builtin-30r/10-copies", |b| {
        b.iter_batched(
            || {
                round += 1;
                let target = root.path().join(format!("target-{round}"));
                copy_dir(&base, &target);
                target
            },
            |target| {
                let mut ws = workspace::open(&target, Access::Write).unwrap();
                let mut conflicts = 0;
                // As `aira merge C1 … C10` does: one run for every copy.
                let mut run = merge::Run::default();
                for source in &copies {
                    let source = workspace::open(source, Access::ReadOnly).unwrap();
                    conflicts += run.merge(&mut ws, &source, "bench", AT).unwrap().conflicts();
                }
                assert_eq!(conflicts, COPIES, "one real conflict per copy");
                drop(ws);
                let _ = std::fs::remove_dir_all(&target);
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, merge_copies);
criterion_main!(benches);
