//! The save worker: changes are written on their own thread so typing never waits for fsync.
//! Each change is retried until it is durable (a full disk may be cleared); the UI learns of
//! every success and failure through a channel and only then says "Saved".

use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use aira_store::workspace::{Change, Store};

#[path = "saver_votes.rs"]
mod votes;

pub type Report = Result<String, String>;

/// One piece of work for the disk: an answer change, or a Statement of Applicability decision.
#[derive(Clone, Debug)]
pub enum Work {
    Change(Box<Change>),
    /// Recorded in history.toml, made as respondent `as_` answering.
    Soa {
        control: String,
        applicable: bool,
        justification: String,
        owner: String,
        by: String,
        at: String,
        as_: String,
    },
    /// A roadmap item's owner and due date, with its `roadmap` history entry (as the CLI's
    /// `aira roadmap set`), made as respondent `as_` answering (so their `u` reaches it).
    Roadmap {
        question: String,
        entry: aira_core::engagement::RoadmapEntry,
        by: String,
        at: String,
        as_: String,
    },
    /// Engagement facts from the wizard's form, through the store call `aira engagement set`
    /// makes (one history entry), made as respondent `as_` answering, so their `u` in the
    /// wizard and `aira undo` as them revert it.
    Facts {
        edit: aira_core::engagement::FactsEdit,
        by: String,
        at: String,
        as_: String,
    },
    /// A new respondent (`old` None), or a new name or role for one, with its `respondent`
    /// history entry (as the CLI's `aira respondent add`/`rename`), made as respondent `as_`.
    Respondent {
        old: Option<aira_core::assessment::Respondent>,
        new: aira_core::assessment::Respondent,
        as_: String,
        by: String,
        at: String,
    },
    /// The level the room agreed on after discussion (None clears it).
    Agree {
        question: String,
        value: Option<aira_core::assessment::Value>,
        by: String,
        at: String,
        as_: String,
    },
    /// A question's engagement target (None clears it), as the CLI's `aira target`.
    Target {
        question: String,
        level: Option<u8>,
        by: String,
        at: String,
        as_: String,
    },
    /// What an undo or redo of an agreed level, SoA decision, roadmap entry, target or
    /// engagement facts put back.
    Revert {
        revert: Box<crate::tui::session::Revert>,
        by: String,
        at: String,
    },
    /// Why the room agreed a question's level: the agreed decision's note (the level kept).
    AgreeNote {
        question: String,
        note: String,
        by: String,
        at: String,
        as_: String,
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
            Work::Soa { control, applicable, justification, owner, by, at, as_ } => {
                store.answer_as(as_);
                store.decide_soa_owned(control, Some((*applicable, justification)), Some(owner), by, at).map(|_| ())
            }
            Work::Agree { question, value, by, at, as_ } => {
                store.answer_as(as_);
                store.set_agreed(question, *value, by, at)
            }
            Work::Target { question, level, by, at, as_ } => {
                store.answer_as(as_);
                store.set_target(question, *level, by, at)
            }
            Work::Revert { revert, by, at } => revert_entry(store, revert, by, at),
            Work::Roadmap { question, entry, by, at, as_ } => {
                store.answer_as(as_);
                store.set_roadmap(question, entry, by, at).map(|_| ())
            }
            Work::Facts { edit, by, at, as_ } => {
                store.answer_as(as_);
                store.set_facts(edit, by, at).map(|_| ())
            }
            Work::Respondent { old, new, as_, by, at } => {
                store.answer_as(as_);
                store.change_respondent(old.as_ref(), new, (by, at), None)
            }
            Work::AgreeNote { question, note, by, at, as_ } => {
                store.answer_as(as_);
                store.set_agreed_note(question, note, by, at)
            }
            // Saved by `votes::save`, in groups; never through here.
            Work::Vote { respondent, change, .. } => {
                if let Some(r) = respondent {
                    store.add_participants(&[(r, &change.at)])?;
                }
                store.apply(change)
            }
        }
    }
}

/// When a change is reported saved: the time, and whether its history entry is still owed.
fn saved_at(store: &mut Store) -> String {
    let mut at = aira_store::clock::format(aira_store::clock::now(), "%H:%M:%S");
    // Saved, with its history entry owed (the disk refused it): it is written before the
    // next change's, or from the journal on open.
    if !store.take_warnings().is_empty() {
        at.push_str(" (history entry pending)");
    }
    at
}

/// Write an undo or redo of an agreed level, SoA decision, roadmap entry, target, engagement
/// facts or respondent header, as the respondent who made it.
fn revert_entry(
    store: &mut Store,
    revert: &crate::tui::session::Revert,
    by: &str,
    at: &str,
) -> aira_store::workspace::Result<()> {
    use crate::tui::session::Revert;
    use aira_store::workspace::meta_change::{Place, SOA};
    use aira_store::workspace::targets::Target;
    match revert {
        Revert::Answer(c) => store.apply(c),
        Revert::Agreed { question, value, kind, reverts, as_ } => {
            store.answer_as(as_);
            store.put_agreed_entry(question, value.clone(), by, at, kind, Some(*reverts))
        }
        Revert::Target { question, level, kind, reverts, as_ } => {
            store.answer_as(as_);
            let t = level.map(|level| Target { level, set_by: by.to_owned(), set_at: at.to_owned() });
            store.put_target_entry(question, t, (by, at), kind, Some(*reverts))
        }
        Revert::Soa { control, entry, kind, reverts, as_ } => {
            store.answer_as(as_);
            let place = Place::Entry { section: SOA, key: control.clone() };
            let old = store.meta_current(&place, &[]);
            let new = entry.as_ref().map(aira_store::workspace::soa_change::table).unwrap_or_default();
            store.change_meta_kind(&place, (&old, &new), (by, at), kind, Some(*reverts))
        }
        Revert::Roadmap { question, entry, kind, reverts, as_ } => {
            store.answer_as(as_);
            store.revert_roadmap(question, entry.as_ref(), (by, at), (kind, *reverts))
        }
        Revert::Respondent { now, back, kind, reverts, as_ } => {
            store.answer_as(as_);
            store.change_respondent_kind(Some(now), back, (by, at), kind, Some(*reverts))
        }
        // As `aira undo` writes it, from the history entry itself, as whoever made it.
        Revert::Facts { kind, reverts } => store.revert_facts_entry(*reverts, kind, (by, at)),
    }
}

pub struct Saver {
    tx: Option<Sender<Work>>,
    pub reports: Receiver<Report>,
    handle: Option<JoinHandle<(Vec<Work>, Option<String>)>>,
    closing: Arc<AtomicBool>,
    /// The workspace folder (evidence paths are read from it).
    dir: std::path::PathBuf,
}

impl Saver {
    pub fn start(mut store: Store) -> Saver {
        let dir = store.dir().to_owned();
        let (tx, rx) = channel::<Work>();
        let (rtx, reports) = channel();
        let closing = Arc::new(AtomicBool::new(false));
        let closing_w = Arc::clone(&closing);
        // Each change costs a small journal append, whatever the size of the answers file;
        // the journal is folded into the file when the wizard ends.
        store.use_journal(true);
        let handle = std::thread::spawn(move || {
            let mut unsaved = Vec::new();
            // Work taken from the channel or owed by a vote, to do before the next from it.
            let mut next = VecDeque::new();
            while let Some(work) = next.pop_front().or_else(|| rx.recv().ok()) {
                let change = match work {
                    Work::Vote { respondent, change, done } => {
                        // Group commit: the votes already waiting behind this one are saved
                        // with it, up to the next piece of work that is not a vote (kept for
                        // after, so the order of changes on disk is the order they were made).
                        let mut batch = vec![votes::Vote { respondent, change, done }];
                        while batch.len() < votes::MAX_BATCH && next.is_empty() {
                            match rx.try_recv() {
                                Ok(Work::Vote { respondent, change, done }) => {
                                    batch.push(votes::Vote { respondent, change, done })
                                }
                                Ok(other) => next.push_back(other),
                                Err(_) => break,
                            }
                        }
                        // Adds of participants whose votes were refused go first: they were
                        // made before whatever came after the group.
                        for owed in votes::save(&mut store, batch, &rtx).into_iter().rev() {
                            next.push_front(owed);
                        }
                        continue;
                    }
                    other => other,
                };
                let mut backoff = Duration::from_millis(100);
                let mut tries = 0;
                loop {
                    match change.apply(&mut store) {
                        Ok(()) => {
                            let _ = rtx.send(Ok(saved_at(&mut store)));
                            break;
                        }
                        Err(e) => {
                            tries += 1;
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
        Saver { tx: Some(tx), reports, handle: Some(handle), closing, dir }
    }

    /// The workspace folder the changes go to.
    pub fn dir(&self) -> &std::path::Path {
        &self.dir
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

#[cfg(test)]
#[path = "saver_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "saver_owed_tests.rs"]
mod owed_tests;
