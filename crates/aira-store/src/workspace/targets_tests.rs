//! Engagement targets in the store: targets.toml written durably with a `target` history
//! entry, read back on open, migrated from older workspaces, undone and redone per person.

use super::tests::new_ws;
use super::*;
use aira_core::assessment::Answer;

const Q: &str = "plan-govern-policy";

fn set(dir: &Path, who: &str, level: Option<u8>) {
    let mut ws = open(dir, Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    s.answer_as(who);
    s.set_target(Q, level, "tester", &now_rfc3339()).unwrap();
}

fn target(dir: &Path, q: &str) -> Option<u8> {
    open(dir, Access::ReadOnly).unwrap().assessment.targets.get(q).copied()
}

#[test]
fn a_target_is_saved_in_targets_toml_with_its_history_entry_and_reads_back() {
    let dir = new_ws();
    let d = dir.path();
    set(d, "ann-lee", Some(4));
    assert_eq!(target(d, Q), Some(4));
    let text = std::fs::read_to_string(d.join(targets::FILE)).unwrap();
    assert!(text.contains(&format!("[target.{Q}]")) && text.contains("set_by = \"tester\""), "{text}");
    let h = read_history(d).unwrap();
    let last = h.last().unwrap();
    assert_eq!((last.kind.as_str(), last.question.as_str(), last.as_.as_str()), ("target", Q, "ann-lee"));
    assert_eq!(last.new.as_ref().and_then(|t| t.get("level")).and_then(toml::Value::as_integer), Some(4));
    set(d, "ann-lee", None);
    assert_eq!(target(d, Q), None);
}

#[test]
fn undo_and_redo_of_a_target_are_per_person_and_say_what_they_did() {
    let dir = new_ws();
    let d = dir.path();
    set(d, "ann-lee", Some(3));
    set(d, "bo", Some(4));
    let mut ws = open(d, Access::Write).unwrap();
    let r = undo_as(&mut ws, "ann-lee", "tester").unwrap_err().to_string();
    assert!(r.contains("cannot be undone") && r.contains("target 4"), "bo changed it since: {r}");
    let r = undo_as(&mut ws, "bo", "tester").unwrap().unwrap();
    assert_eq!(r.said, format!("Undid bo's change: reverted target of {Q} from 4 to 3"));
    assert_eq!(ws.assessment.targets.get(Q), Some(&3));
    let r = undo_as(&mut ws, "ann-lee", "tester").unwrap().unwrap();
    assert_eq!(r.said, format!("Undid ann-lee's change: reverted target of {Q} from 3 to none"));
    drop(ws);
    assert_eq!(target(d, Q), None);
    let mut ws = open(d, Access::Write).unwrap();
    let r = redo_as(&mut ws, "ann-lee", "tester").unwrap().unwrap();
    assert_eq!(r.said, format!("Redid ann-lee's change: reverted target of {Q} from none to 3"));
    drop(ws);
    assert_eq!(target(d, Q), Some(3));
}

#[test]
fn an_old_workspace_migrates_and_the_first_change_writes_the_migrated_targets_with_history() {
    let dir = new_ws();
    let d = dir.path();
    // Before targets.toml: two respondents' targets (mean 2.5 → 3) and a workspace one.
    let mut ws = open(d, Access::Write).unwrap();
    for (id, t) in [("ann", 2), ("bo", 3)] {
        let c = Change {
            respondent: aira_core::assessment::Respondent::new(id, id),
            question: Q.into(),
            old: None,
            new: Some(Answer { target: Some(t), ..Default::default() }),
            by: "tester".into(),
            at: now_rfc3339(),
            kind: "answer".into(),
            reverts: None,
        };
        ws.store.as_mut().unwrap().apply(&c).unwrap();
    }
    drop(ws);
    let meta = std::fs::read_to_string(d.join(meta::FILE)).unwrap();
    let meta = meta.replace("[targets.questions]\n", "[targets.questions]\ndo-map-inventory = 2\n");
    std::fs::write(d.join(meta::FILE), meta).unwrap();
    assert_eq!(target(d, Q), Some(3));
    assert_eq!(target(d, "do-map-inventory"), Some(2));
    assert!(!d.join(targets::FILE).exists(), "opening writes nothing");
    let before = read_history(d).unwrap().len();
    set(d, "ann", Some(5));
    let (t, _) = targets::parse(
        &d.join(targets::FILE),
        &std::fs::read_to_string(d.join(targets::FILE)).unwrap(),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(t["do-map-inventory"].level, 2);
    assert_eq!(t["do-map-inventory"].set_by, targets::MIGRATED_BY);
    assert_eq!(t[Q].level, 5);
    let h = read_history(d).unwrap();
    assert_eq!(h.len() - before, 3, "two migrated targets and the change");
    assert!(h[before..before + 2].iter().all(|c| c.kind == "target" && c.as_.is_empty()));
    // The answers files keep what the respondents set: nothing is lost.
    let ws = open(d, Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.respondent("bo").and_then(|r| r.answer(Q)).and_then(|a| a.target), Some(3));
}

#[test]
fn a_bad_targets_toml_is_located_and_never_overwritten() {
    let dir = new_ws();
    let d = dir.path();
    std::fs::write(d.join(targets::FILE), "[target.q1]\nlevel = 9\n").unwrap();
    let e = open(d, Access::Write).err().unwrap().to_string();
    assert!(e.ends_with("targets.toml:2:9: `level` of target `q1` must be a level from 0 to 5"), "{e}");
    assert_eq!(std::fs::read_to_string(d.join(targets::FILE)).unwrap(), "[target.q1]\nlevel = 9\n");
}
