//! `aira merge` with a respondent archived on one side (`aira respondent remove`): archiving
//! only leaves a respondent out of the scores, so the other copy's answers for them are merged
//! like anyone's, never dropped, and `aira respondent restore` brings them back merged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::common::{self, ok_in as aira};
use aira_store::workspace::{self, Access};

use std::path::{Path, PathBuf};

const Q: &str = "plan-govern-policy";

/// Copy A with Ann Le and Bo Chen (Bo answered Q with 2), and copy B made from it.
fn two_copies(home: &Path) -> (PathBuf, PathBuf) {
    let (a, b) = (home.join("a"), home.join("b"));
    common::init(home, &a, Some("Ann Le"));
    aira(home, &a, &["respondent", "add", "Bo Chen"]);
    aira(home, &a, &["answer", Q, "2", "--respondent", "bo-chen"]);
    common::copy_workspace(&a, &b);
    (a, b)
}

fn merge(home: &Path, into: &Path, from: &Path) -> String {
    let (code, out, err) = common::run(home, &["-w", into.to_str().unwrap(), "merge", from.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    out
}

/// The `merge` entries history holds for Bo's Q.
fn merge_entries(dir: &Path) -> usize {
    let h = workspace::read_history(dir).unwrap();
    h.iter().filter(|c| c.kind == "merge" && c.respondent == "bo-chen" && c.question == Q).count()
}

#[test]
fn the_copys_answers_for_a_respondent_archived_here_are_merged_and_restored() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = two_copies(home.path());
    aira(home.path(), &a, &["respondent", "remove", "bo-chen"]);
    aira(home.path(), &b, &["answer", Q, "4", "--respondent", "bo-chen", "--note", "approved"]);
    let out = merge(home.path(), &a, &b);
    assert!(out.contains("bo-chen"), "the merge names what it took: {out}");
    assert_eq!(merge_entries(&a), 1, "recorded as for any respondent");
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    assert!(ws.assessment.respondent("bo-chen").is_none(), "still archived here: out of the scores");
    let bo = ws.archived.iter().find(|r| r.id == "bo-chen").unwrap();
    assert_eq!(bo.answer(Q).unwrap().level(), Some(4));
    aira(home.path(), &a, &["respondent", "restore", "bo-chen"]);
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    let pol = ws.assessment.respondent("bo-chen").unwrap().answer(Q).unwrap();
    assert_eq!((pol.level(), pol.note.as_str()), (Some(4), "approved"));
}

#[test]
fn a_respondent_archived_in_the_copy_still_brings_their_answers() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = two_copies(home.path());
    aira(home.path(), &b, &["answer", Q, "5", "--respondent", "bo-chen"]);
    aira(home.path(), &b, &["respondent", "remove", "bo-chen"]);
    merge(home.path(), &a, &b);
    assert_eq!(merge_entries(&a), 1);
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    let bo = ws.assessment.respondent("bo-chen").or_else(|| ws.archived.iter().find(|r| r.id == "bo-chen"));
    assert_eq!(bo.unwrap().answer(Q).unwrap().level(), Some(5), "the copy's answer is kept");
}

#[test]
fn a_respondent_only_the_copy_has_and_archived_there_is_copied_archived() {
    let home = tempfile::tempdir().unwrap();
    let (a, b) = two_copies(home.path());
    aira(home.path(), &b, &["respondent", "add", "Cy Diaz"]);
    aira(home.path(), &b, &["answer", Q, "3", "--respondent", "cy-diaz"]);
    aira(home.path(), &b, &["respondent", "remove", "cy-diaz"]);
    merge(home.path(), &a, &b);
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    assert!(ws.assessment.respondent("cy-diaz").is_none(), "archived there, so out of the scores here");
    let cy = ws.archived.iter().find(|r| r.id == "cy-diaz").unwrap();
    assert_eq!(cy.answer(Q).unwrap().level(), Some(3));
}
