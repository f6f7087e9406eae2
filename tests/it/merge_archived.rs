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

/// Every respondent's header (id, name, role, archived), active and archived, sorted.
fn headers(dir: &Path) -> Vec<(String, String, String, bool)> {
    let ws = workspace::open(dir, Access::ReadOnly).unwrap();
    let all = ws.assessment.respondents.iter().chain(&ws.archived);
    let mut out: Vec<_> = all.map(|r| (r.id.clone(), r.name.clone(), r.role.clone(), r.archived)).collect();
    out.sort();
    out
}

/// Two git clones `ga` and `gb` of workspace `o` (committed first), edited by `edit_a` and
/// `edit_b` and committed; and `a2`, `b2`: plain copies of the two, for `aira merge`. `None`
/// without git.
fn clones(h: &Path, o: &Path, edit_a: &[&[&str]], edit_b: &[&[&str]]) -> Option<[PathBuf; 4]> {
    if std::process::Command::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git not found");
        return None;
    }
    let git = crate::content_support::git_ok;
    git(o, &["init", "-q", "-b", "main"]);
    git(o, &["add", "-A"]);
    git(o, &["commit", "-qm", "origin"]);
    let (a, b) = (h.join("ga"), h.join("gb"));
    for (d, edits) in [(&a, edit_a), (&b, edit_b)] {
        git(h, &["clone", "-q", o.to_str().unwrap(), d.to_str().unwrap()]);
        for args in edits {
            aira(h, d, args);
        }
        git(d, &["add", "-A"]);
        git(d, &["commit", "-qm", "edited"]);
    }
    let (a2, b2) = (h.join("a2"), h.join("b2"));
    common::copy_workspace(&a, &a2);
    common::copy_workspace(&b, &b2);
    Some([a, b, a2, b2])
}

/// `git pull` of clone `b` into clone `a`; whether git merged every file by itself.
fn pull(a: &Path, b: &Path) -> bool {
    let args = ["pull", "-q", "--no-rebase", "--no-edit", b.to_str().unwrap(), "main"];
    std::process::Command::new("git").current_dir(a).args(args).output().unwrap().status.success()
}

/// A header changed in one copy only (Bo archived there, Cy renamed there) is that copy's
/// change, taken as any one-sided change is: `aira merge` and `git merge` of two clones agree
/// on who is archived and on every name. The target's own rename of Ann stays.
#[test]
fn a_header_changed_on_one_side_only_is_taken_by_aira_merge_as_by_git_merge() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (o, _) = two_copies(h);
    aira(h, &o, &["respondent", "add", "Cy Diaz"]);
    let edit_a: &[&[&str]] = &[&["respondent", "rename", "ann-le", "Ann Lee"]];
    let edit_b: &[&[&str]] = &[&["respondent", "remove", "bo-chen"], &["respondent", "rename", "cy-diaz", "Cy Díaz"]];
    let Some([a, b, a2, b2]) = clones(h, &o, edit_a, edit_b) else { return };
    let out = merge(h, &a2, &b2);
    assert!(pull(&a, &b), "git merges these files by itself");
    let want = [
        ("ann-le".to_owned(), "Ann Lee".to_owned(), String::new(), false),
        ("bo-chen".to_owned(), "Bo Chen".to_owned(), String::new(), true),
        ("cy-diaz".to_owned(), "Cy Díaz".to_owned(), String::new(), false),
    ];
    assert_eq!(headers(&a), want, "git merge takes each side's own header change");
    assert_eq!(headers(&a2), want, "aira merge does the same: {out}");
    assert!(out.contains("bo-chen") && out.contains("cy-diaz"), "it says what it took: {out}");
    // Taken, the copy's own entries say who made each change: Bo's removal is undone by it.
    let ws = workspace::open(&a2, Access::ReadOnly).unwrap();
    assert!(ws.assessment.respondent("bo-chen").is_none(), "archived: out of the scores");
}

/// The same when git cannot merge the file by itself: one copy answers for Bo (new lines right
/// under his header), the other archives him (a line there too), so git leaves conflict
/// markers. Opening resolves them as `aira merge` does: the answer merged, and the archiving,
/// made on that side only, taken.
#[test]
fn git_conflict_markers_take_a_header_changed_on_one_side_only_as_aira_merge_does() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let o = h.join("o");
    common::init(h, &o, Some("Ann Le"));
    aira(h, &o, &["respondent", "add", "Bo Chen"]);
    let edit_a: &[&[&str]] = &[&["answer", Q, "3", "--respondent", "bo-chen"]];
    let edit_b: &[&[&str]] = &[&["respondent", "remove", "bo-chen"]];
    let Some([a, b, a2, b2]) = clones(h, &o, edit_a, edit_b) else { return };
    merge(h, &a2, &b2);
    assert!(!pull(&a, &b), "git leaves markers in answers/bo-chen.toml");
    assert!(std::fs::read_to_string(a.join("answers/bo-chen.toml")).unwrap().contains("<<<<<<<"));
    drop(workspace::open(&a, Access::Write).unwrap());
    assert_eq!(headers(&a), headers(&a2), "git merge + aira and aira merge agree on Bo's header");
    let ws = workspace::open(&a, Access::ReadOnly).unwrap();
    let bo = ws.archived.iter().find(|r| r.id == "bo-chen").expect("Bo archived, as the copy left him");
    assert_eq!(bo.answer(Q).and_then(|a| a.level()), Some(3), "with the answer the other copy gave");
}

/// A header merges field by field. Renamed differently on both sides is a conflict (exit 3),
/// resolved as answers are, the newer rename kept, and recorded: an undo puts the other back.
/// One side's rename and the other's archiving both come through. The first respondent, made
/// by `aira init` (no `respondent` entry), renamed in the copy only, is the copy's change.
#[test]
fn a_header_merges_field_by_field_and_a_name_changed_on_both_sides_is_a_conflict() {
    let home = tempfile::tempdir().unwrap();
    let h = home.path();
    let (a, b) = two_copies(h);
    aira(h, &a, &["respondent", "add", "Cy Diaz"]);
    common::copy_workspace(&a, &b);
    aira(h, &a, &["respondent", "rename", "bo-chen", "Bo Chen (CISO)"]);
    aira(h, &a, &["respondent", "rename", "cy-diaz", "Cy Díaz"]);
    aira(h, &b, &["respondent", "rename", "bo-chen", "Bo Chén"]);
    aira(h, &b, &["respondent", "rename", "ann-le", "Ann Lee"]);
    aira(h, &b, &["respondent", "remove", "cy-diaz"]);
    let (code, out, err) = common::run(h, &["-w", a.to_str().unwrap(), "merge", b.to_str().unwrap()]);
    assert_eq!(code, 3, "a header conflict is a conflict: {out}{err}");
    assert!(
        out.contains("CONFLICT respondent bo-chen (name changed on both sides): kept { name = \"Bo Chén\" }"),
        "{out}"
    );
    assert!(out.contains("took respondent ann-le's { name = \"Ann Lee\" }"), "{out}");
    assert!(out.contains("took respondent cy-diaz's { name = \"Cy Díaz\", archived = true }"), "{out}");
    let want = [
        ("ann-le".to_owned(), "Ann Lee".to_owned(), String::new(), false),
        ("bo-chen".to_owned(), "Bo Chén".to_owned(), String::new(), false),
        ("cy-diaz".to_owned(), "Cy Díaz".to_owned(), String::new(), true),
    ];
    assert_eq!(headers(&a), want);
    let h2 = workspace::read_history(&a).unwrap();
    let rec = h2.last().unwrap();
    assert_eq!((rec.kind.as_str(), rec.respondent.as_str()), ("respondent", "bo-chen"), "the conflict is recorded");
    let undone = aira(h, &a, &["undo"]);
    assert!(undone.contains("respondent"), "{undone}");
    assert_eq!(headers(&a)[1].1, "Bo Chen (CISO)", "the undo puts the other side's name back");
}
