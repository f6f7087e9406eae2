//! What the save worker writes for respondents, read back from a real workspace: the wizard's
//! add and rename and a phone's first vote are each a `respondent` history entry, made as the
//! right person, so `aira undo` reaches them as it reaches the CLI's `aira respondent add`.

use std::sync::mpsc::sync_channel;

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::{self, Access, Change};

use super::{Saver, Work};

const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");
const AT: &str = "2026-03-01T10:00:00.000+00:00";

fn open(dir: &std::path::Path) -> workspace::Workspace {
    workspace::open(dir, Access::Write).unwrap()
}

/// Run `work` through a save worker on the workspace in `dir`, to the end (journals folded).
fn save_all(dir: &std::path::Path, work: Vec<Work>) {
    let mut ws = open(dir);
    let saver = Saver::start(ws.store.take().unwrap());
    for w in work {
        saver.send(w);
    }
    let (unsaved, folded) = saver.finish();
    assert!(unsaved.is_empty() && folded.is_none(), "{unsaved:?} {folded:?}");
}

fn respondent(old: Option<&Respondent>, new: &Respondent, as_: &str) -> Work {
    let (old, new) = (old.cloned(), new.clone());
    Work::Respondent { old, new, as_: as_.into(), by: "Facilitator".into(), at: AT.into() }
}

#[test]
fn the_wizards_add_and_rename_are_history_entries_that_aira_undo_reverts() {
    let dir = tempfile::tempdir().unwrap();
    workspace::create(dir.path(), MINI, ("Test", "Org"), &Respondent::new("ann-lee", "Ann Lee")).unwrap();
    let bo = Respondent::new("bo-chen", "Bo Chen");
    let mut renamed = bo.clone();
    renamed.name = "Bo Chen-Li".into();
    save_all(dir.path(), vec![respondent(None, &bo, "ann-lee"), respondent(Some(&bo), &renamed, "bo-chen")]);

    let h = workspace::read_history(dir.path()).unwrap();
    let seen: Vec<(&str, &str, &str)> =
        h.iter().map(|c| (c.kind.as_str(), c.respondent.as_str(), c.answering())).collect();
    assert_eq!(seen, [("respondent", "bo-chen", "ann-lee"), ("respondent", "bo-chen", "bo-chen")]);
    assert_eq!((h[0].by.as_str(), h[0].at.as_str()), ("Facilitator", AT));

    // `aira undo` as Bo reverts the rename; as Ann, the add (Bo archived, not deleted).
    let mut ws = open(dir.path());
    let undone = workspace::undo_as(&mut ws, "bo-chen", "Facilitator").unwrap().unwrap();
    assert_eq!(undone.reverts, 2);
    drop(ws);
    assert_eq!(open(dir.path()).assessment.respondent("bo-chen").map(|r| r.name.clone()), Some("Bo Chen".into()));
    let mut ws = open(dir.path());
    assert_eq!(workspace::undo_as(&mut ws, "ann-lee", "Facilitator").unwrap().unwrap().reverts, 1);
    drop(ws);
    let ws = open(dir.path());
    assert!(ws.assessment.respondent("bo-chen").is_none() && ws.archived.iter().any(|r| r.id == "bo-chen"));
}

#[test]
fn a_phones_first_vote_records_the_new_participant_then_their_answer() {
    let dir = tempfile::tempdir().unwrap();
    workspace::create(dir.path(), MINI, ("Test", "Org"), &Respondent::new("ann-lee", "Ann Lee")).unwrap();
    let cy = Respondent::new("cy", "Cy");
    let new =
        Answer { value: Some(Value::Level(2)), answered_at: AT.into(), answered_by: "Cy".into(), ..Default::default() };
    let change = Change {
        respondent: cy.clone(),
        question: "plan-govern-policy".into(),
        old: None,
        new: Some(new),
        by: "Cy".into(),
        at: AT.into(),
        kind: "answer".into(),
        reverts: None,
    };
    let (done, acked) = sync_channel(1);
    // The facilitator was answering as Ann: the participant's entry is still their own.
    let soa = Work::Target {
        question: "plan-govern-policy".into(),
        level: Some(3),
        by: "F".into(),
        at: AT.into(),
        as_: "ann-lee".into(),
    };
    save_all(dir.path(), vec![soa, Work::Vote { respondent: Some(cy), change: Box::new(change), done }]);
    assert_eq!(acked.recv().unwrap(), Ok(()));

    let h = workspace::read_history(dir.path()).unwrap();
    let seen: Vec<(&str, &str, &str)> =
        h.iter().map(|c| (c.kind.as_str(), c.respondent.as_str(), c.answering())).collect();
    assert_eq!(seen[1..], [("respondent", "cy", "cy"), ("answer", "cy", "cy")]);
    assert_eq!(h[1].by, "Cy", "the participant added themselves");
}
