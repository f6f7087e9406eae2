//! The save worker: changes are written on their own thread so typing never waits for fsync.
//! Each change is retried until it is durable (a full disk may be cleared); the UI learns of
//! every success and failure through a channel and only then says "Saved".

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use aira_store::workspace::{Change, Store};

pub type Report = Result<String, String>;

/// One piece of work for the disk: an answer change, or a Statement of Applicability decision.
#[derive(Clone, Debug)]
pub enum Work {
    Change(Box<Change>),
    Soa {
        control: String,
        applicable: bool,
        justification: String,
    },
    /// A roadmap item's owner and due date, with its `roadmap` history entry (as the CLI's
    /// `aira roadmap set`).
    Roadmap {
        question: String,
        entry: aira_core::engagement::RoadmapEntry,
        by: String,
        at: String,
    },
    /// A new respondent, or a new name for one.
    Respondent(aira_core::assessment::Respondent),
    /// The level the room agreed on after discussion (None clears it).
    Agree {
        question: String,
        value: Option<aira_core::assessment::Value>,
        by: String,
        at: String,
    },
    /// A workshop vote: the participant's respondent when new, then their answer. Tried a few
    /// times only: a phone is waiting, and `done` tells it (through the vote server) whether
    /// the vote is durable.
    Vote {
        respondent: Option<aira_core::assessment::Respondent>,
        change: Box<Change>,
        done: SyncSender<Result<(), String>>,
    },
}

impl Work {
    fn apply(&self, store: &mut Store) -> aira_store::workspace::Result<()> {
        match self {
            Work::Change(c) => store.apply(c),
            Work::Soa { control, applicable, justification } => store.set_soa(control, *applicable, justification),
            Work::Roadmap { question, entry, by, at } => store.set_roadmap(question, entry, by, at).map(|_| ()),
            Work::Agree { question, value, by, at } => store.set_agreed(question, *value, by, at),
            Work::Respondent(r) => store.save_respondent(r),
            Work::Vote { respondent, change, .. } => {
                if let Some(r) = respondent {
                    store.save_respondent(r)?;
                }
                store.apply(change)
            }
        }
    }
}

/// Attempts at a vote before the phone is told it did not count (100 + 200 ms apart).
const VOTE_TRIES: u32 = 3;

pub struct Saver {
    tx: Option<Sender<Work>>,
    pub reports: Receiver<Report>,
    handle: Option<JoinHandle<(Vec<Work>, Option<String>)>>,
    closing: Arc<AtomicBool>,
}

impl Saver {
    pub fn start(mut store: Store) -> Saver {
        let (tx, rx) = channel::<Work>();
        let (rtx, reports) = channel();
        let closing = Arc::new(AtomicBool::new(false));
        let closing_w = Arc::clone(&closing);
        // Each change costs a small journal append, whatever the size of the answers file;
        // the journal is folded into the file when the wizard ends.
        store.use_journal(true);
        let handle = std::thread::spawn(move || {
            let mut unsaved = Vec::new();
            while let Ok(change) = rx.recv() {
                let mut backoff = Duration::from_millis(100);
                let mut tries = 0;
                loop {
                    match change.apply(&mut store) {
                        Ok(()) => {
                            let mut at = aira_store::clock::format(aira_store::clock::now(), "%H:%M:%S");
                            // Saved, with its history entry owed (the disk refused it): it is
                            // written before the next change's, or from the journal on open.
                            if !store.take_warnings().is_empty() {
                                at.push_str(" (history entry pending)");
                            }
                            let _ = rtx.send(Ok(at));
                            if let Work::Vote { done, .. } = &change {
                                let _ = done.send(Ok(()));
                            }
                            break;
                        }
                        Err(e) => {
                            tries += 1;
                            // A vote that keeps failing is refused (the wizard undoes it in
                            // memory when the server reports it not saved); nothing retries it.
                            if let Work::Vote { done, .. } = &change
                                && tries >= VOTE_TRIES
                            {
                                let _ = done.send(Err(e.to_string()));
                                break;
                            }
                            let _ = rtx.send(Err(e.to_string()));
                            // The UI is closing and the disk still refuses: hand the change back
                            // so the caller can print it rather than lose it.
                            if tries >= 3 && closing_w.load(Ordering::Relaxed) {
                                unsaved.push(change);
                                break;
                            }
                            std::thread::sleep(backoff);
                            backoff = (backoff * 2).min(Duration::from_secs(2));
                        }
                    }
                }
            }
            // If this fails (an answers file edited into invalid TOML meanwhile, a full disk)
            // the journal stays, durable, and the next open folds it in once the file reads.
            let folded = store.compact().err().map(|e| e.to_string());
            (unsaved, folded)
        });
        Saver { tx: Some(tx), reports, handle: Some(handle), closing }
    }

    pub fn send(&self, change: Work) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(change);
        }
    }

    /// Stop taking changes, wait for the queue to drain; returns changes that never saved, and
    /// why the journals could not be folded into the answers files, if they could not.
    pub fn finish(mut self) -> (Vec<Work>, Option<String>) {
        self.tx = None;
        self.closing.store(true, Ordering::Relaxed);
        self.handle.take().and_then(|h| h.join().ok()).unwrap_or_default()
    }
}
