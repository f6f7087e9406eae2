//! `u` and `U` per person: undo reverts the newest change made as whoever is answering now,
//! never another respondent's, of every kind (answers, agreed levels, SoA decisions); redo
//! puts back what their undo reverted, until they change something else.

use super::*;
use crate::tui::session::Revert;

fn two() -> AppState {
    let mut s = mini_state();
    s.session
        .rebuild_with(|_, a| a.respondents = vec![Respondent::new("ann-lee", "Ann Lee"), Respondent::new("bo", "Bo")]);
    s
}

fn level_of(s: &AppState, who: usize) -> Option<u8> {
    s.session.assessment().respondents[who].answer("plan-govern-policy").and_then(|a| a.level())
}

#[test]
fn undo_as_one_respondent_never_touches_another() {
    let mut s = two();
    act(&mut s, &[Level2, Prev, Level3, Prev]);
    act(&mut s, &[NextRespondent, Level4, Prev, NextRespondent]);
    assert_eq!((level_of(&s, 0), level_of(&s, 1)), (Some(3), Some(4)));
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Ann Lee's level 3 on plan-govern-policy (was 2)"));
    assert_eq!(saves(&fx)[0].respondent.id, "ann-lee");
    assert_eq!((level_of(&s, 0), level_of(&s, 1)), (Some(2), Some(4)), "Bo's answer untouched");
    act(&mut s, &[Undo]);
    assert_eq!((level_of(&s, 0), level_of(&s, 1)), (None, Some(4)));
    assert!(act(&mut s, &[Undo]).is_empty());
    assert_eq!(s.ui.flash(), Some("Nothing to undo for Ann Lee"));
    assert_eq!(level_of(&s, 1), Some(4), "Bo's answer is not Ann's to undo");
}

#[test]
fn a_log_line_flag_or_target_keeps_when_the_answer_was_given() {
    let mut s = mini_state();
    act(&mut s, &[Level2, Prev]);
    s.session.set_clock(|| "2026-11-23T09:00:00.000+00:00".to_owned());
    act(&mut s, &[LogLine]);
    text(&mut s, "the board saw it");
    act(&mut s, &[Submit, Flag, SetTarget(4)]);
    let a = s.current_answer().unwrap();
    assert_eq!((a.log.len(), a.flag, a.target), (1, true, None), "the target is the engagement's, not the answer's");
    assert_eq!(s.session.assessment().targets.get("plan-govern-policy"), Some(&4));
    assert_eq!(a.answered_at, "2026-11-22T10:00:00.000+00:00", "only a level or note restamps");
    act(&mut s, &[Level3, Prev]);
    assert_eq!(s.current_answer().unwrap().answered_at, "2026-11-23T09:00:00.000+00:00");
}

#[test]
fn a_target_is_undone_and_redone_as_whoever_set_it() {
    let mut s = two();
    let q = "plan-govern-policy";
    act(&mut s, &[SetTarget(4), NextRespondent]);
    assert!(act(&mut s, &[Undo]).is_empty(), "Bo did not set it");
    assert_eq!(s.session.assessment().targets.get(q), Some(&4));
    let fx = act(&mut s, &[NextRespondent, Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Ann Lee's change: reverted target of plan-govern-policy from 4 to none"));
    assert!(
        matches!(fx.as_slice(), [Effect::Revert(r)] if matches!(**r, Revert::Target { level: None, reverts: 1, .. }))
    );
    assert_eq!(s.session.target(0), Some(3.0), "the default again");
    act(&mut s, &[Redo]);
    assert_eq!(s.ui.flash(), Some("Redid Ann Lee's change: reverted target of plan-govern-policy from none to 4"));
    assert_eq!(s.session.target(0), Some(4.0));
}

#[test]
fn redo_puts_back_what_undo_reverted_until_a_new_change() {
    let mut s = two();
    act(&mut s, &[Level2, Prev, Level3, Prev, Undo]);
    assert_eq!(level_of(&s, 0), Some(2));
    let fx = act(&mut s, &[Redo]);
    assert_eq!(s.ui.flash(), Some("Redid Ann Lee's level 3 on plan-govern-policy (was 2)"));
    let c = saves(&fx)[0];
    assert_eq!((c.kind.as_str(), c.reverts), ("redo", Some(3)), "the redo names the undo it re-applies");
    assert_eq!(level_of(&s, 0), Some(3));
    act(&mut s, &[Redo]);
    assert_eq!(s.ui.flash(), Some("Nothing to redo for Ann Lee"));
    // Undo again, then a new change: the redo is gone.
    act(&mut s, &[Undo, Level1, Prev]);
    assert!(act(&mut s, &[Redo]).is_empty());
    assert_eq!(level_of(&s, 0), Some(1));
    // Bo has nothing of his own to undo or redo.
    act(&mut s, &[NextRespondent, Redo]);
    assert_eq!(s.ui.flash(), Some("Nothing to redo for Bo"));
    act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Nothing to undo for Bo"));
    assert_eq!(level_of(&s, 0), Some(1));
}

#[test]
fn agreed_levels_and_soa_decisions_are_undone_and_redone_as_whoever_made_them() {
    let mut s = two();
    s.session.set_history_len(5);
    act(&mut s, &[SetAgreed(4), Soa, MarkApplicable, Back]);
    let fx = act(&mut s, &[NextRespondent, Undo]);
    assert!(fx.is_empty(), "Bo made neither");
    let fx = act(&mut s, &[NextRespondent, Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Ann Lee's SoA decision applicable on A.2.2 (was undecided)"));
    assert!(!s.session.meta().soa.contains_key("A.2.2"));
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    assert!(matches!(r.as_ref(), Revert::Soa { entry: None, reverts: 7, as_, .. } if as_ == "ann-lee"), "{r:?}");
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Ann Lee's agreed level 4 on plan-govern-policy (was none)"));
    assert!(s.session.assessment().agreed.is_empty());
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    // Entries 6 (agree) and 7 (SoA) were this session's; 8 is the SoA undo.
    assert!(matches!(r.as_ref(), Revert::Agreed { value: None, reverts: 6, .. }), "{r:?}");
    act(&mut s, &[Redo]);
    assert_eq!(s.session.assessment().agreed.get("plan-govern-policy"), Some(&Value::Level(4)));
    assert_eq!(s.session.history_len(), 10);
}

/// The reason typed after agreeing is an `agree` entry of its own (the store writes one), so
/// it is numbered like every other change, and `u` takes back the reason before the level.
#[test]
fn the_reason_for_an_agreed_level_is_a_numbered_change_undone_before_the_level() {
    let mut s = two();
    s.session.set_history_len(5);
    // 6: the agreed level (in the workshop view, which asks why); 7: its reason; 8: Ann's
    // level on the next question, back on the card.
    act(&mut s, &[Workshop, SetAgreed(3)]);
    text(&mut s, "policy, no metrics");
    let fx = act(&mut s, &[Submit]);
    assert!(matches!(fx.as_slice(), [Effect::SaveAgreedNote { .. }]), "{fx:?}");
    act(&mut s, &[Workshop, Level2]);
    let fx = act(&mut s, &[Undo]);
    assert_eq!(saves(&fx).first().map(|c| c.reverts), Some(Some(8)), "the level first: {fx:?}");
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Ann Lee's reason for the agreed level of plan-govern-policy"));
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    let Revert::Agreed { value: Some((v, d)), reverts: 7, as_, .. } = r.as_ref() else { panic!("{r:?}") };
    assert_eq!(
        (*v, d.note.as_str(), as_.as_str()),
        (Value::Level(3), "", "ann-lee"),
        "the level stays, the reason goes"
    );
    let q = "plan-govern-policy";
    assert_eq!(s.session.assessment().agreed_meta.get(q).map(|d| d.note.as_str()), Some(""));
    act(&mut s, &[Undo]);
    assert!(s.session.assessment().agreed.is_empty(), "then the level");
    assert_eq!(s.session.history_len(), 11);
}
