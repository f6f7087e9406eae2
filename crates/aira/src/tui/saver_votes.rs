//! Workshop votes, saved in groups: the votes waiting in the saver's queue are made durable
//! together (`Store::apply_all`: the journal appends side by side, one history append) and
//! each phone is answered only once that returned. A room of 40 voting at once then costs one
//! round of synced writes, not 40 in a row.

use std::sync::mpsc::{Sender, SyncSender};
use std::time::Duration;

use aira_core::assessment::Respondent;
use aira_store::workspace::{Change, Store};

use super::{Report, Work, saved_at};

/// Attempts at a vote before the phone is told it did not count (100 + 200 ms apart).
pub const VOTE_TRIES: u32 = 3;
/// At most this many votes in one group (more wait for the next one).
pub const MAX_BATCH: usize = 256;

/// A vote waiting for the disk: the participant's respondent when new, their answer, and
/// where to say whether it is durable.
pub struct Vote {
    pub respondent: Option<Respondent>,
    pub change: Box<Change>,
    pub done: SyncSender<Result<(), String>>,
}

/// Save `batch` as one group; retried for the votes that failed, a few times only (a phone
/// is waiting). Each vote is answered once: `Ok` when durable (its journal append returned,
/// history appended with the group's), else the last error (the wizard then undoes it).
/// A new participant's add is reported as a save of its own; one that never landed is
/// returned, for the worker to keep trying like any change: the wizard has counted its
/// history entry, and later entries are numbered after it.
pub fn save(store: &mut Store, batch: Vec<Vote>, reports: &Sender<Report>) -> Vec<Work> {
    save_pausing(store, batch, reports, Duration::from_millis(100))
}

/// `save`, first waiting `backoff` (then twice that) between attempts.
fn save_pausing(store: &mut Store, mut batch: Vec<Vote>, reports: &Sender<Report>, mut backoff: Duration) -> Vec<Work> {
    for attempt in 1..=VOTE_TRIES {
        let mut failed = Vec::new();
        // New participants' files and `respondent` entries first, all in one operation: their
        // answers must have a respondent to belong to, and a room joining at once costs one
        // round of writes, not one per phone.
        let new: Vec<(&Respondent, &str)> =
            batch.iter().filter_map(|v| Some((v.respondent.as_ref()?, v.change.at.as_str()))).collect();
        let added = store.add_participants(&new).map_err(|e| e.to_string());
        if added.is_ok() && !new.is_empty() {
            let at = saved_at(store);
            for _ in &new {
                let _ = reports.send(Ok(at.clone()));
            }
        }
        let mut ready = Vec::with_capacity(batch.len());
        for mut v in batch {
            match (&added, v.respondent.is_some()) {
                (Err(e), true) => failed.push((v, e.clone())),
                (Ok(()), true) => {
                    v.respondent = None;
                    ready.push(v);
                }
                (_, false) => ready.push(v),
            }
        }
        let changes: Vec<&Change> = ready.iter().map(|v| v.change.as_ref()).collect();
        let results = store.apply_all(&changes);
        let at = saved_at(store);
        for (v, result) in ready.into_iter().zip(results) {
            match result {
                Ok(()) => {
                    let _ = reports.send(Ok(at.clone()));
                    let _ = v.done.send(Ok(()));
                }
                Err(e) => failed.push((v, e.to_string())),
            }
        }
        if failed.is_empty() {
            return Vec::new();
        }
        if attempt == VOTE_TRIES {
            // Refused: the wizard undoes each in memory when the server reports it not saved.
            let mut owed = Vec::new();
            for (v, e) in failed {
                let _ = v.done.send(Err(e));
                if let Some(r) = v.respondent {
                    let (as_, by, at) = (r.id.clone(), r.name.clone(), v.change.at.clone());
                    owed.push(Work::Respondent { old: None, new: r, as_, by, at });
                }
            }
            return owed;
        }
        let _ = reports.send(Err(failed[0].1.clone()));
        std::thread::sleep(backoff);
        backoff *= 2;
        batch = failed.into_iter().map(|(v, _)| v).collect();
    }
    Vec::new()
}

#[cfg(test)]
#[path = "saver_votes_tests.rs"]
mod tests;
