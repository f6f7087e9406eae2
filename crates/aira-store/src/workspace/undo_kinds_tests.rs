//! Issue 16 leftovers: a redo of a respondent change is recorded as a redo (not as an undo),
//! and roadmap owners/due dates are undone and redone as whoever set them.

use super::tests::new_ws;
use super::*;
use aira_core::assessment::Respondent;
use aira_core::engagement::RoadmapEntry;

const AT: &str = "2026-12-02T10:00:00.000+00:00";

fn kinds(dir: &Path) -> Vec<String> {
    read_history(dir).unwrap().into_iter().map(|c| c.kind).collect()
}

fn add(ws: &mut Workspace, id: &str, name: &str) {
    let r = Respondent::new(id, name);
    ws.store.as_mut().unwrap().change_respondent(None, &r, ("tester", AT), None).unwrap();
    respondent_change::apply_header(ws, &r);
}

#[test]
fn a_redo_of_a_respondent_change_is_written_and_said_as_a_redo() {
    let dir = new_ws();
    let d = dir.path();
    let mut ws = open(d, Access::Write).unwrap();
    ws.store.as_mut().unwrap().answer_as("default");
    add(&mut ws, "bo", "Bo");
    let renamed = Respondent::new("bo", "Bo Chen");
    let old = ws.assessment.respondent("bo").unwrap().clone_header();
    ws.store.as_mut().unwrap().change_respondent(Some(&old), &renamed, ("tester", AT), None).unwrap();
    respondent_change::apply_header(&mut ws, &renamed);

    let undone = undo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert!(undone.said.starts_with("Undid"), "{}", undone.said);
    assert_eq!(ws.assessment.respondent("bo").unwrap().name, "Bo");
    let redone = redo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert!(redone.said.starts_with("Redid"), "{}", redone.said);
    assert_eq!(redone.change.kind, "redo");
    assert_eq!(ws.assessment.respondent("bo").unwrap().name, "Bo Chen");
    assert_eq!(kinds(d)[kinds(d).len() - 4..], ["respondent", "respondent", "undo", "redo"]);
    let last = read_history(d).unwrap().pop().unwrap();
    assert_eq!(last.reverts, Some(kinds(d).len() - 1), "the redo names the undo it re-applies");

    // The redo is a change of its own: undo reverts it, and the rename's undo can be redone again.
    undo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert_eq!(ws.assessment.respondent("bo").unwrap().name, "Bo");
    redo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert_eq!(ws.assessment.respondent("bo").unwrap().name, "Bo Chen");
    drop(ws);
    let ws = open(d, Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.respondent("bo").unwrap().name, "Bo Chen", "as written on disk");
    assert_eq!(kinds(d)[kinds(d).len() - 4..], ["undo", "redo", "undo", "redo"]);
}

#[test]
fn a_redo_of_a_removal_archives_again() {
    let dir = new_ws();
    let d = dir.path();
    let mut ws = open(d, Access::Write).unwrap();
    ws.store.as_mut().unwrap().answer_as("default");
    add(&mut ws, "bo", "Bo");
    let old = ws.assessment.respondent("bo").unwrap().clone_header();
    let removed = Respondent { archived: true, ..old.clone() };
    ws.store.as_mut().unwrap().change_respondent(Some(&old), &removed, ("tester", AT), None).unwrap();
    respondent_change::apply_header(&mut ws, &removed);
    undo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert!(ws.assessment.respondent("bo").is_some(), "undo restores");
    let redone = redo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert_eq!(redone.change.kind, "redo");
    assert!(ws.assessment.respondent("bo").is_none() && ws.archived.iter().any(|r| r.id == "bo"));
    assert_eq!(kinds(d).last().map(String::as_str), Some("redo"));
}

#[test]
fn roadmap_edits_are_undone_and_redone_as_whoever_made_them() {
    let dir = new_ws();
    let d = dir.path();
    let due = Some("2027-01-31".parse().unwrap());
    let q = "do-map-inventory";
    let mut ws = open(d, Access::Write).unwrap();
    add(&mut ws, "ann", "Ann");
    add(&mut ws, "bo", "Bo");
    let s = ws.store.as_mut().unwrap();
    s.answer_as("ann");
    s.set_roadmap(q, &RoadmapEntry { owner: "Ann".into(), due: None }, "tester", AT).unwrap();
    s.answer_as("bo");
    s.set_roadmap(q, &RoadmapEntry { owner: "Ann".into(), due }, "tester", AT).unwrap();
    drop(ws);

    let mut ws = open(d, Access::Write).unwrap();
    // Bo's due date came after Ann's owner: what Ann set is no longer there as she left it, so
    // her undo is refused (nothing written) rather than taking Bo's date with it.
    let e = undo_as(&mut ws, "ann", "me").unwrap_err().to_string();
    assert!(e.contains("cannot be undone") && e.contains("roadmap entry of do-map-inventory"), "{e}");
    assert_eq!(
        undo_as(&mut ws, "bo", "me").unwrap().unwrap().said,
        "Undid Bo's roadmap due 2027-01-31 on do-map-inventory (was no due date)"
    );
    assert_eq!(ws.meta.roadmap_entry(q), Some(&RoadmapEntry { owner: "Ann".into(), due: None }));
    assert_eq!(
        undo_as(&mut ws, "ann", "me").unwrap().unwrap().said,
        "Undid Ann's roadmap owner Ann on do-map-inventory (was no owner)"
    );
    assert!(ws.meta.roadmap_entry(q).is_none());
    assert_eq!(
        redo_as(&mut ws, "ann", "me").unwrap().unwrap().said,
        "Redid Ann's roadmap owner Ann on do-map-inventory (was no owner)"
    );
    drop(ws);
    let ws = open(d, Access::ReadOnly).unwrap();
    assert_eq!(ws.meta.roadmap_entry(q), Some(&RoadmapEntry { owner: "Ann".into(), due: None }), "on disk");
    assert_eq!(kinds(d)[kinds(d).len() - 3..], ["undo", "undo", "redo"]);
}

/// The undo or redo of a respondent change is made as whoever made the change (as for every
/// other kind), not as whoever runs the command: otherwise `aira redo --respondent bo` would
/// write a redo that Bo's next undo cannot find and that the default respondent's undo takes.
#[test]
fn a_respondent_undo_and_redo_are_made_as_whoever_made_the_change() {
    let dir = new_ws();
    let d = dir.path();
    let mut ws = open(d, Access::Write).unwrap();
    ws.store.as_mut().unwrap().answer_as("default");
    add(&mut ws, "bo", "Bo");
    ws.store.as_mut().unwrap().answer_as("bo");
    let old = ws.assessment.respondent("bo").unwrap().clone_header();
    let renamed = Respondent::new("bo", "Bo Chen");
    ws.store.as_mut().unwrap().change_respondent(Some(&old), &renamed, ("tester", AT), None).unwrap();
    respondent_change::apply_header(&mut ws, &renamed);
    // The command runs as the default respondent, undoing and redoing Bo's rename.
    ws.store.as_mut().unwrap().answer_as("default");
    undo_as(&mut ws, "bo", "me").unwrap().unwrap();
    redo_as(&mut ws, "bo", "me").unwrap().unwrap();
    let h = read_history(d).unwrap();
    let last: Vec<(&str, &str)> = h[h.len() - 2..].iter().map(|c| (c.kind.as_str(), c.answering())).collect();
    assert_eq!(last, [("undo", "bo"), ("redo", "bo")]);
    assert_eq!(ws.store.as_ref().unwrap().answering(), "default", "the command's own respondent stays");
    // The default respondent's undo reaches their own change (the add), not Bo's redo; it is
    // refused while Bo's rename stands (the add's header is no longer there), nothing written.
    let e = undo_as(&mut ws, "default", "me").unwrap_err().to_string();
    assert!(e.contains("change 1 (respondent bo) cannot be undone"), "{e}");
    assert_eq!(read_history(d).unwrap().len(), h.len());
    undo_as(&mut ws, "bo", "me").unwrap().unwrap();
    let undone = undo_as(&mut ws, "default", "me").unwrap().unwrap();
    assert_eq!(undone.reverts, 1);
    assert!(ws.assessment.respondent("bo").is_none(), "the add undone: Bo archived");
}
