//! Group commit under a crash: the process dies at every fault point of a batch in turn
//! (respondent files, journal appends side by side, the history append); the workspace is
//! reopened from the real disk, and every vote a phone was told is saved is there, as that
//! participant's answer with its history entry.

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{channel, sync_channel};
use std::time::Duration;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::fault::{Fault, FaultWriter};
use aira_store::workspace::{self, Access, Change};

use super::{Vote, save_pausing};

const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");
const QUESTION: &str = "plan-govern-policy";
const AT: &str = "2026-03-01T10:00:00.000+00:00";

/// (name, respondent id, level): two new participants, two who voted before, one of them twice.
const VOTES: [(&str, &str, u8); 5] =
    [("Ann Lee", "ann-lee", 1), ("Bo", "bo", 2), ("Cy", "cy", 3), ("Di", "di", 4), ("Bo", "bo", 5)];

fn change(r: &Respondent, level: u8) -> Change {
    let old = r.answer(QUESTION).cloned();
    let new = Answer {
        value: Some(Value::Level(level)),
        answered_at: AT.into(),
        answered_by: r.name.clone(),
        ..old.clone().unwrap_or_default()
    };
    Change {
        respondent: r.clone_header(),
        question: QUESTION.into(),
        old,
        new: Some(new),
        by: r.name.clone(),
        at: AT.into(),
        kind: "answer".into(),
        reverts: None,
    }
}

/// A workspace where Cy and Di have answered before (their files exist).
fn base(dir: &Path) {
    workspace::create(dir, MINI, ("Test", "Org"), &aira_core::assessment::Respondent::new("default", "default"))
        .unwrap();
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    for (name, id) in [("Cy", "cy"), ("Di", "di")] {
        let r = Respondent::new(id, name);
        s.save_respondent(&r).unwrap();
        s.apply(&change(&r, 0)).unwrap();
    }
}

/// Run the batch with the disk failing at point `at` (0: never); which votes were acknowledged.
fn run(dir: &Path, at: usize) -> (Vec<bool>, usize) {
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let writer = Arc::new(FaultWriter::new(at, Fault::Crash));
    let mut store = ws.store.take().unwrap();
    store.set_writer(writer.clone());
    store.use_journal(true);
    let mut answers = Vec::new();
    let mut batch = Vec::new();
    let mut created: Vec<&str> = Vec::new();
    for (name, id, level) in VOTES {
        let known = ws.assessment.respondent(id).cloned();
        let new = (known.is_none() && !created.contains(&id)).then(|| Respondent::new(id, name));
        created.push(id);
        let r = known.unwrap_or_else(|| Respondent::new(id, name));
        let (done, answer) = sync_channel(1);
        batch.push(Vote { respondent: new, change: Box::new(change(&r, level)), done });
        answers.push(answer);
    }
    let (reports, _seen) = channel();
    save_pausing(&mut store, batch, &reports, Duration::ZERO);
    let acked = answers.iter().map(|a| matches!(a.try_recv(), Ok(Ok(())))).collect();
    (acked, writer.points())
}

/// After a reopen from the real disk: each vote acknowledged is the participant's answer
/// (their level or a later vote of theirs in the batch), by them, with its history entry.
fn check(dir: &Path, acked: &[bool], at: usize) {
    let ws = workspace::open(dir, Access::Write).unwrap_or_else(|e| panic!("crash at point {at}: does not open: {e}"));
    let history = workspace::read_history(dir).unwrap();
    for (i, (name, id, level)) in VOTES.iter().enumerate() {
        if !acked[i] {
            continue;
        }
        let what = format!("crash at point {at}: {name}'s acknowledged vote {level}");
        let r = ws.assessment.respondent(id).unwrap_or_else(|| panic!("{what}: no respondent {id}"));
        assert_eq!(r.name, *name, "{what}: respondent's name");
        let a = r.answer(QUESTION).unwrap_or_else(|| panic!("{what}: no answer"));
        // A later vote of the same participant in the batch may have replaced it, if acknowledged too.
        let later = VOTES.iter().enumerate().skip(i + 1).any(|(j, v)| v.1 == *id && acked[j] && a.level() == Some(v.2));
        assert!(a.level() == Some(*level) || later, "{what}: the answer is {:?}", a.level());
        assert_eq!(a.answered_by, *name, "{what}: answered_by");
        let logged = history.iter().filter(|h| h.respondent == *id && h.question == QUESTION && h.by == *name).count();
        let before = usize::from(matches!(*id, "cy" | "di"));
        let acked_of_them = VOTES.iter().enumerate().filter(|(j, v)| v.1 == *id && acked[*j]).count();
        assert!(logged >= before + acked_of_them, "{what}: {logged} history entries by them");
    }
}

#[test]
fn the_batch_is_one_group_and_every_vote_is_saved_with_history() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("ws");
    base(&dir);
    let (acked, _) = run(&dir, 0);
    assert_eq!(acked, [true; 5]);
    check(&dir, &acked, 0);
    let history = workspace::read_history(&dir).unwrap();
    let kinds: Vec<(&str, &str)> = history.iter().map(|h| (h.kind.as_str(), h.respondent.as_str())).collect();
    // Two answers before; then each new participant's add (Ann Lee, Bo), each before their vote.
    assert_eq!(
        kinds[2..],
        [
            ("respondent", "ann-lee"),
            ("respondent", "bo"),
            ("answer", "ann-lee"),
            ("answer", "bo"),
            ("answer", "cy"),
            ("answer", "di"),
            ("answer", "bo")
        ]
    );
}

#[test]
fn a_crash_mid_batch_leaves_no_acknowledged_vote_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let counted = tmp.path().join("counted");
    base(&counted);
    let (_, points) = run(&counted, 0);
    assert!(points > 20, "the batch has its fault points ({points})");
    let mut some_acked = 0;
    for at in 1..=points {
        let dir = tmp.path().join(format!("at-{at}"));
        base(&dir);
        let (acked, _) = run(&dir, at);
        some_acked += usize::from(acked.iter().any(|a| *a));
        check(&dir, &acked, at);
        std::fs::remove_dir_all(&dir).unwrap();
    }
    // Crashes late in the batch (in the history append) leave every vote durable in its journal.
    assert!(some_acked > 0, "no crash point left any vote acknowledged: the test proves nothing");
}
