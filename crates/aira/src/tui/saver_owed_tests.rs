//! A phone's first vote on a disk that refuses it: the phone is told at once that it did not
//! count, but the participant's add is not dropped with it. The wizard counted that add (its
//! `respondent` entry comes before the answer's, and every later undo is numbered after it),
//! so the worker keeps trying it, like any change, until it is in history.toml. And each save
//! is reported once: the add, then the answer, so "Saved" waits for both.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::sync_channel;
use std::time::Duration;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::atomic::Writer;
use aira_store::workspace::{self, Access, Change};

use super::{Report, Saver, Work};

const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");
const AT: &str = "2026-03-01T10:00:00.000+00:00";
const QUESTION: &str = "plan-govern-policy";

/// A disk that is full until `full` is cleared.
#[derive(Default)]
struct Full {
    full: AtomicBool,
}

impl Full {
    fn check(&self) -> io::Result<()> {
        if self.full.load(Ordering::SeqCst) {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"));
        }
        Ok(())
    }
}

impl Writer for Full {
    fn create_new(&self, path: &Path) -> io::Result<std::fs::File> {
        self.check()?;
        workspace::atomic::Disk.create_new(path)
    }
    fn open_append(&self, path: &Path) -> io::Result<std::fs::File> {
        self.check()?;
        workspace::atomic::Disk.open_append(path)
    }
    fn write(&self, file: &mut std::fs::File, bytes: &[u8]) -> io::Result<()> {
        self.check()?;
        workspace::atomic::Disk.write(file, bytes)
    }
}

fn vote(r: &Respondent, level: u8) -> (Work, std::sync::mpsc::Receiver<Result<(), String>>) {
    let new = Answer {
        value: Some(Value::Level(level)),
        answered_at: AT.into(),
        answered_by: r.name.clone(),
        ..Default::default()
    };
    let change = Change {
        respondent: r.clone(),
        question: QUESTION.into(),
        old: None,
        new: Some(new),
        by: r.name.clone(),
        at: AT.into(),
        kind: "answer".into(),
        reverts: None,
    };
    let (done, acked) = sync_channel(1);
    (Work::Vote { respondent: Some(r.clone()), change: Box::new(change), done }, acked)
}

/// A saver on a fresh workspace in `dir`, writing through `disk`.
fn saver(dir: &Path, disk: &Arc<Full>) -> Saver {
    workspace::create(dir, MINI, ("Test", "Org"), &Respondent::new("ann-lee", "Ann Lee")).unwrap();
    let mut ws = workspace::open(dir, Access::Write).unwrap();
    let mut store = ws.store.take().unwrap();
    store.set_writer(Arc::clone(disk) as Arc<dyn Writer>);
    Saver::start(store)
}

fn next_report(s: &Saver) -> Report {
    s.reports.recv_timeout(Duration::from_secs(20)).expect("a report")
}

#[test]
fn a_first_vote_saved_reports_the_add_and_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    let s = saver(dir.path(), &Arc::default());
    let (work, acked) = vote(&Respondent::new("eve", "Eve"), 2);
    s.send(work);
    assert_eq!(acked.recv_timeout(Duration::from_secs(20)).unwrap(), Ok(()));
    assert!(next_report(&s).is_ok(), "the add");
    assert!(next_report(&s).is_ok(), "the answer");
    let (unsaved, folded) = s.finish();
    assert!(unsaved.is_empty() && folded.is_none());
}

#[test]
fn a_first_vote_the_disk_refuses_keeps_the_add_until_it_lands() {
    let dir = tempfile::tempdir().unwrap();
    let disk = Arc::new(Full::default());
    let s = saver(dir.path(), &disk);
    disk.full.store(true, Ordering::SeqCst);
    let (work, acked) = vote(&Respondent::new("eve", "Eve"), 2);
    s.send(work);
    let told = acked.recv_timeout(Duration::from_secs(20)).unwrap();
    assert!(told.as_ref().is_err_and(|e| e.contains("No space")), "the phone hears it did not count: {told:?}");
    // The add is still being tried: failures are reported, nothing is said saved.
    assert!(next_report(&s).is_err());
    disk.full.store(false, Ordering::SeqCst);
    let saved = loop {
        match next_report(&s) {
            Ok(at) => break at,
            Err(e) => assert!(e.contains("No space"), "{e}"),
        }
    };
    assert!(!saved.is_empty());
    let (unsaved, folded) = s.finish();
    assert!(unsaved.is_empty() && folded.is_none(), "{unsaved:?} {folded:?}");

    let h = workspace::read_history(dir.path()).unwrap();
    let seen: Vec<(&str, &str)> = h.iter().map(|c| (c.kind.as_str(), c.respondent.as_str())).collect();
    assert_eq!(seen, [("respondent", "eve")], "the add the wizard counted, and no answer");
    let ws = workspace::open(dir.path(), Access::Write).unwrap();
    let eve = ws.assessment.respondent("eve").expect("Eve is a respondent");
    assert!(eve.answer(QUESTION).is_none(), "the refused vote is not there");
}
