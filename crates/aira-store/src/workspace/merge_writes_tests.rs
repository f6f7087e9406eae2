//! Issue 16 item 9: a merge's durable writes do not grow with the number of entries it brings
//! or answers it merges. Counted through the store's `Writer` seam (the fault harness's
//! counting writer): before, every brought entry and merged answer was its own fsynced write.

use std::sync::Arc;

use super::fault::FaultWriter;
use super::tests::new_ws;
use super::*;
use aira_core::assessment::{Answer, Respondent, Value};

const AT: &str = "2026-03-01T00:00:00Z";

/// Every question of the mini questionnaire answered by each of `who`, at `level`.
pub(super) fn answer_all(dir: &std::path::Path, who: &[&str], level: u8) {
    let mut ws = open(dir, Access::Write).unwrap();
    let questions: Vec<String> = ws.questionnaire.questions.iter().map(|q| q.id.clone()).collect();
    for id in who {
        let r = ws.assessment.respondent(id).cloned().unwrap_or_else(|| Respondent::new(id, id));
        for q in &questions {
            let new = Answer { value: Some(Value::Level(level)), answered_at: AT.into(), ..Default::default() };
            let c = Change {
                old: r.answer(q).cloned(),
                respondent: r.clone_header(),
                question: q.clone(),
                new: Some(new),
                by: "tester".into(),
                at: AT.into(),
                kind: "answer".into(),
                reverts: None,
            };
            ws.store.as_mut().unwrap().apply(&c).unwrap();
        }
    }
}

pub(super) fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to.join("answers")).unwrap();
    for sub in ["", "answers"] {
        for e in std::fs::read_dir(from.join(sub)).unwrap().flatten() {
            if e.path().is_file() && e.file_name() != lock::LOCK_FILE {
                std::fs::copy(e.path(), to.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
}

/// The fsyncs (of files and folders) a merge of `respondents` × 16 changed answers makes.
fn merge_fsyncs(respondents: usize) -> (usize, Vec<String>) {
    let names: Vec<String> = (0..respondents).map(|i| format!("r{i}")).collect();
    let who: Vec<&str> = names.iter().map(String::as_str).collect();
    let target = new_ws();
    answer_all(target.path(), &who, 1);
    let source = tempfile::tempdir().unwrap();
    copy_dir(target.path(), source.path());
    // In the source only: every answer re-levelled (brought entries, answers taken), and a
    // respondent the target lacks (a copied file, one entry per answer).
    answer_all(source.path(), &who, 2);
    answer_all(source.path(), &["new-one"], 4);
    let src = open(source.path(), Access::ReadOnly).unwrap();
    let mut ws = open(target.path(), Access::Write).unwrap();
    let counting = Arc::new(FaultWriter::counting());
    ws.store.as_mut().unwrap().set_writer(counting.clone());
    let out = merge::merge(&mut ws, &src, "me", AT).unwrap();
    let taken = out.events.iter().filter(|e| matches!(e, merge::Event::AnswerTaken { .. })).count();
    assert_eq!(taken, 16 * respondents, "{out:?}");
    drop(ws);
    let ws = open(target.path(), Access::ReadOnly).unwrap();
    for id in &who {
        let r = ws.assessment.respondent(id).unwrap();
        assert!(r.answers.values().all(|a| a.level() == Some(2)), "{id} not merged");
    }
    assert_eq!(ws.assessment.respondent("new-one").unwrap().answers.len(), 16);
    let log = counting.log.lock().unwrap().clone();
    let fsyncs: Vec<String> = log.into_iter().filter(|p| p.starts_with("fsync")).collect();
    (fsyncs.len(), fsyncs)
}

#[test]
fn a_merge_of_many_entries_is_written_in_a_bounded_number_of_fsyncs() {
    // 4 respondents: 64 answers taken, 64 brought entries, 16 + 64 merge entries.
    let (n, log) = merge_fsyncs(4);
    // The operation's snapshot and commit, one history append, one atomic write per answers
    // file that changed (5), no journal: a handful, not one per entry.
    assert!(n <= 20, "{n} fsyncs for one merge: {log:#?}");
    // Twice the respondents: one more atomic write each, nothing per entry.
    let (m, log) = merge_fsyncs(8);
    assert!(m <= n + 2 * 4 + 2, "{m} fsyncs for 8 respondents vs {n} for 4: {log:#?}");
}

/// Appends to history.toml fail (a full disk); everything else goes to the disk.
struct HistoryFull;

impl atomic::Writer for HistoryFull {
    fn replace(&self, path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
        atomic::Disk.replace(path, bytes)
    }
    fn append(&self, path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
        if path.ends_with(history::FILE) {
            return Err(std::io::Error::new(std::io::ErrorKind::StorageFull, "No space left on device"));
        }
        atomic::Disk.append(path, bytes)
    }
}

#[test]
fn a_failed_merge_leaves_nothing_staged_for_a_later_write_of_the_same_store() {
    let target = new_ws();
    answer_all(target.path(), &["default"], 1);
    let source = tempfile::tempdir().unwrap();
    copy_dir(target.path(), source.path());
    answer_all(source.path(), &["default"], 3);
    let before = std::fs::read_to_string(target.path().join(history::FILE)).unwrap();
    let src = open(source.path(), Access::ReadOnly).unwrap();
    let mut ws = open(target.path(), Access::Write).unwrap();
    ws.store.as_mut().unwrap().set_writer(Arc::new(HistoryFull));
    assert!(merge::merge(&mut ws, &src, "me", AT).is_err());
    // The disk has room again; the store writes whatever it still owes.
    let store = ws.store.as_mut().unwrap();
    store.set_writer(Arc::new(atomic::Disk));
    store.compact().unwrap();
    drop(ws);
    assert_eq!(
        std::fs::read_to_string(target.path().join(history::FILE)).unwrap(),
        before,
        "a rolled-back merge's entries were written"
    );
    let ws = open(target.path(), Access::ReadOnly).unwrap();
    let r = ws.assessment.respondent("default").unwrap();
    assert!(r.answers.values().all(|a| a.level() == Some(1)), "a rolled-back merge's answers were written");
}
