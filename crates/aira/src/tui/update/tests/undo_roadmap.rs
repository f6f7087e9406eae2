//! `u`/`U` reach roadmap edits (owner and due date set with `o`/`d`): undone and redone as the
//! respondent who was answering when they were made, never another's, with the history kind
//! and the entry they revert, like every other kind of change.

use super::*;
use crate::tui::session::Revert;
use aira_core::engagement::RoadmapEntry;

const Q: &str = "plan-govern-policy";

fn two() -> AppState {
    let mut s = mini_state();
    s.session
        .rebuild_with(|_, a| a.respondents = vec![Respondent::new("ann-lee", "Ann Lee"), Respondent::new("bo", "Bo")]);
    s
}

/// In the roadmap screen, type `text` into the first item's owner (`SetOwner`) or due date.
fn set(s: &mut AppState, field: Action, typed: &str) -> Vec<Effect> {
    act(s, &[Roadmap, field]);
    for _ in 0..12 {
        act(s, &[DeleteBack]);
    }
    text(s, typed);
    let fx = act(s, &[Submit, Back]);
    assert_eq!(on(s), "card");
    fx
}

fn entry(s: &AppState) -> Option<RoadmapEntry> {
    s.session.meta().roadmap_entry(Q).cloned()
}

#[test]
fn roadmap_owner_and_due_date_are_undone_and_redone_as_whoever_set_them() {
    let mut s = two();
    s.session.set_history_len(5);
    act(&mut s, &[Level1, Level2]);
    set(&mut s, SetOwner, "Dana Reyes");
    act(&mut s, &[NextRespondent]);
    set(&mut s, SetDue, "2027-01-31");
    let due = "2027-01-31".parse().ok();
    assert_eq!(entry(&s), Some(RoadmapEntry { owner: "Dana Reyes".into(), due }));
    // Entries 6, 7: Ann's levels; 8: her owner; 9: Bo's due date.
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some(format!("Undid Bo's roadmap due 2027-01-31 on {Q} (was no due date)").as_str()));
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    let want = RoadmapEntry { owner: "Dana Reyes".into(), due: None };
    assert!(
        matches!(r.as_ref(), Revert::Roadmap { entry, kind, reverts: 9, as_, .. }
            if entry.as_ref() == Some(&want) && kind == "undo" && as_ == "bo"),
        "{r:?}"
    );
    assert_eq!(entry(&s), Some(want.clone()));
    assert!(act(&mut s, &[Undo]).is_empty(), "Bo has nothing else: Ann's owner is not his");
    assert_eq!(entry(&s), Some(want.clone()));

    act(&mut s, &[NextRespondent]);
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some(format!("Undid Ann Lee's roadmap owner Dana Reyes on {Q} (was no owner)").as_str()));
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    assert!(matches!(r.as_ref(), Revert::Roadmap { entry: None, reverts: 8, .. }), "{r:?}");
    assert_eq!(entry(&s), None);
    let fx = act(&mut s, &[Redo]);
    assert_eq!(s.ui.flash(), Some(format!("Redid Ann Lee's roadmap owner Dana Reyes on {Q} (was no owner)").as_str()));
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    // 10 is Bo's undo, 11 Ann's; the redo re-applies 11.
    assert!(
        matches!(r.as_ref(), Revert::Roadmap { entry: Some(e), kind, reverts: 11, .. } if *e == want && kind == "redo"),
        "{r:?}"
    );
    assert_eq!(entry(&s), Some(want));
    assert_eq!(s.session.history_len(), 12, "every roadmap change and its undo and redo is numbered");
}

#[test]
fn a_roadmap_undo_is_refused_when_the_entry_changed_since() {
    let mut s = two();
    act(&mut s, &[Level1, Level2]);
    set(&mut s, SetOwner, "Dana Reyes");
    act(&mut s, &[NextRespondent]);
    set(&mut s, SetOwner, "Sam");
    act(&mut s, &[NextRespondent]);
    // Ann's owner was replaced by Bo's: undoing hers would take Bo's away.
    assert!(act(&mut s, &[Undo]).is_empty());
    assert!(s.ui.flash().is_some_and(|f| f.contains("changed since")), "{:?}", s.ui.flash());
    assert_eq!(entry(&s).map(|e| e.owner), Some("Sam".to_owned()));
}
