//! Undo and redo per person: each reverts only changes made as the respondent it is asked
//! for, of every kind (answers, agreed levels, SoA decisions), and says what it did.

use super::tests::{MINI, new_ws};
use super::*;
use aira_core::assessment::{Answer, Respondent, Value};

const Q: &str = "plan-govern-policy";

/// Open, make `f`'s changes as `who` answering, close: as one CLI command does.
fn as_who(dir: &Path, who: &str, f: impl FnOnce(&mut Workspace)) {
    let mut ws = open(dir, Access::Write).unwrap();
    ws.store.as_mut().unwrap().answer_as(who);
    f(&mut ws);
}

fn answer(ws: &mut Workspace, id: &str, name: &str, level: u8) {
    let r = ws.assessment.respondent(id).map_or_else(|| Respondent::new(id, name), Respondent::clone_header);
    let old = ws.assessment.respondent(id).and_then(|r| r.answer(Q)).cloned();
    let c = Change {
        new: Some(Answer { value: Some(Value::Level(level)), answered_at: now_rfc3339(), ..Default::default() }),
        old,
        respondent: r,
        question: Q.into(),
        by: "tester".into(),
        at: now_rfc3339(),
        kind: "answer".into(),
        reverts: None,
    };
    ws.store.as_mut().unwrap().apply(&c).unwrap();
}

fn level(dir: &Path, id: &str) -> Option<u8> {
    let ws = open(dir, Access::ReadOnly).unwrap();
    ws.assessment.respondent(id).and_then(|r| r.answer(Q)).and_then(Answer::level)
}

fn said(r: Option<Reverted>) -> String {
    r.expect("something to undo or redo").said
}

#[test]
fn undo_reverts_only_that_respondents_changes_of_every_kind_and_redo_puts_them_back() {
    let dir = new_ws();
    let d = dir.path();
    as_who(d, "ann-lee", |ws| answer(ws, "ann-lee", "Ann Lee", 2));
    as_who(d, "ann-lee", |ws| answer(ws, "ann-lee", "Ann Lee", 3));
    as_who(d, "bo", |ws| answer(ws, "bo", "Bo", 4));
    as_who(d, "ann-lee", |ws| {
        let s = ws.store.as_mut().unwrap();
        s.set_agreed(Q, Some(Value::Level(3)), "tester", &now_rfc3339()).unwrap();
        s.decide_soa("A.5.2", Some((true, "we build models")), "tester", &now_rfc3339()).unwrap();
    });
    let h = read_history(d).unwrap();
    let who: Vec<&str> = h.iter().map(history::Change::answering).collect();
    assert_eq!(&who[who.len() - 5..], ["ann-lee", "ann-lee", "bo", "ann-lee", "ann-lee"], "every entry says who");
    assert_eq!(h.last().unwrap().as_, "ann-lee", "an SoA decision names no respondent but records `as`");

    let mut ws = open(d, Access::Write).unwrap();
    assert_eq!(
        said(undo_as(&mut ws, "ann-lee", "me").unwrap()),
        "Undid Ann Lee's SoA decision applicable on A.5.2 (was undecided)"
    );
    assert!(!ws.meta.soa.contains_key("A.5.2"));
    assert_eq!(
        said(undo_as(&mut ws, "ann-lee", "me").unwrap()),
        format!("Undid Ann Lee's agreed level 3 on {Q} (was none)")
    );
    assert!(!ws.assessment.agreed.contains_key(Q));
    // Bo's answer came between: never touched by Ann's undo.
    assert_eq!(said(undo_as(&mut ws, "ann-lee", "me").unwrap()), format!("Undid Ann Lee's level 3 on {Q} (was 2)"));
    drop(ws);
    assert_eq!((level(d, "ann-lee"), level(d, "bo")), (Some(2), Some(4)));

    let mut ws = open(d, Access::Write).unwrap();
    assert_eq!(said(redo_as(&mut ws, "ann-lee", "me").unwrap()), format!("Redid Ann Lee's level 3 on {Q} (was 2)"));
    assert_eq!(
        said(redo_as(&mut ws, "ann-lee", "me").unwrap()),
        format!("Redid Ann Lee's agreed level 3 on {Q} (was none)")
    );
    assert_eq!(ws.assessment.agreed.get(Q), Some(&Value::Level(3)));
    assert!(redo_as(&mut ws, "bo", "me").unwrap().is_none(), "Bo undid nothing");
    // The redo is a change: undo reverts it again.
    assert_eq!(
        said(undo_as(&mut ws, "ann-lee", "me").unwrap()),
        format!("Undid Ann Lee's agreed level 3 on {Q} (was none)")
    );
    assert_eq!(said(undo_as(&mut ws, "bo", "me").unwrap()), format!("Undid Bo's level 4 on {Q} (was no level)"));
    drop(ws);
    assert_eq!((level(d, "ann-lee"), level(d, "bo")), (Some(3), None));

    // A new change as Ann clears her redo; Bo's redo stays.
    as_who(d, "ann-lee", |ws| answer(ws, "ann-lee", "Ann Lee", 1));
    let mut ws = open(d, Access::Write).unwrap();
    assert!(redo_as(&mut ws, "ann-lee", "me").unwrap().is_none(), "a new change clears redo");
    assert_eq!(said(redo_as(&mut ws, "bo", "me").unwrap()), format!("Redid Bo's level 4 on {Q} (was no level)"));
    let h = read_history(d).unwrap();
    let last = h.last().unwrap();
    assert_eq!((last.kind.as_str(), last.answering()), ("redo", "bo"));
}

#[test]
fn redo_refuses_when_the_disk_no_longer_holds_what_the_undo_wrote() {
    let dir = new_ws();
    let d = dir.path();
    as_who(d, "ann", |ws| answer(ws, "ann", "Ann", 2));
    let mut ws = open(d, Access::Write).unwrap();
    undo_as(&mut ws, "ann", "me").unwrap().unwrap();
    drop(ws);
    // A hand edit (or a merge) puts an answer back meanwhile, recorded as no one's.
    as_who(d, "", |ws| answer(ws, "ann", "Ann", 5));
    let h = read_history(d).unwrap();
    assert_eq!(h.last().unwrap().answering(), "ann", "an answer is always made as its respondent");
    let mut ws = open(d, Access::Write).unwrap();
    assert!(redo_as(&mut ws, "ann", "me").unwrap().is_none(), "ann's own new answer cleared her redo");
    drop(ws);
    let p = d.join(history::FILE);
    let text = std::fs::read_to_string(&p).unwrap();
    // Drop the last entry (the level 5) from the history but keep it in the file: a hand edit.
    let cut = text.rfind("\n[[change]]").unwrap();
    std::fs::write(&p, &text[..cut + 1]).unwrap();
    let mut ws = open(d, Access::Write).unwrap();
    let e = redo_as(&mut ws, "ann", "me").unwrap_err().to_string();
    assert!(e.contains("cannot be redone") && e.contains("level 5"), "{e}");
    assert_eq!(ws.assessment.respondent("ann").unwrap().answer(Q).unwrap().level(), Some(5));
    let _ = MINI;
}

#[test]
fn entries_written_before_as_existed_count_as_their_respondents() {
    let entry = "[[change]]\nentry = { at = \"t\", by = \"x\", respondent = \"ann\", question = \"q\", kind = \"answer\", new = {} }\n";
    let h = history::parse(Path::new("h"), entry).unwrap();
    assert_eq!((h[0].as_.as_str(), h[0].answering()), ("", "ann"));
}
