//! `+` and Ctrl-R are changes like any other (issue 16, item 5): each is a numbered
//! `respondent` history entry, made as whoever was answering when the key was pressed, counted
//! as a pending save until the disk has it, and reverted by that respondent's `u` (an add is
//! undone by archiving, as `aira undo` does) and put back by `U`.

use super::*;
use crate::tui::session::Revert;

/// The one respondent save `fx` holds: (old header, new header, made as).
fn respondent_save(fx: &[Effect]) -> (Option<Respondent>, Respondent, String) {
    match fx {
        [Effect::SaveRespondent { old, new, as_ }] => (old.clone(), new.clone(), as_.clone()),
        _ => panic!("no respondent save: {fx:?}"),
    }
}

/// The respondent header an undo or redo writes: (the header there now, the one put back,
/// kind, the entry it reverts, made as).
fn respondent_revert(fx: &[Effect]) -> (Respondent, Respondent, String, usize, String) {
    match fx.first() {
        Some(Effect::Revert(r)) => match r.as_ref() {
            Revert::Respondent { now, back, kind, reverts, as_ } => {
                (now.clone(), back.clone(), kind.clone(), *reverts, as_.clone())
            }
            other => panic!("not a respondent revert: {other:?}"),
        },
        _ => panic!("no revert saved: {fx:?}"),
    }
}

fn ids(s: &AppState) -> Vec<String> {
    s.session.assessment().respondents.iter().map(|r| r.id.clone()).collect()
}

#[test]
fn an_add_and_a_rename_are_numbered_pending_changes_that_u_reverts_and_capital_u_redoes() {
    let mut s = mini_state();
    s.session.set_history_len(3);
    act(&mut s, &[AddRespondent]);
    text(&mut s, "Bo Chen");
    // Entry 4: the add, made as Default (answering when `+` was pressed).
    let (old, new, as_) = respondent_save(&act(&mut s, &[Submit]));
    assert_eq!((old, new.id.as_str(), new.name.as_str(), as_.as_str()), (None, "bo-chen", "Bo Chen", "default"));
    assert_eq!(s.session.history_len(), 4, "the add is a history entry");
    assert_eq!(s.session.save_label(), "Saving…", "not Saved before the disk has the new respondent");
    saved(&mut s, Ok("10:00:01".into()));
    assert_eq!(s.session.save_label(), "Saved 10:00:01");

    // Entry 5: Bo's level; entry 6: Bo renamed, made as Bo.
    act(&mut s, &[Level3, Prev, RenameRespondent, ClearInput]);
    text(&mut s, "Bo Chen-Li");
    let (old, new, as_) = respondent_save(&act(&mut s, &[Submit]));
    assert_eq!(old.map(|o| o.name), Some("Bo Chen".to_owned()));
    assert_eq!((new.name.as_str(), as_.as_str()), ("Bo Chen-Li", "bo-chen"));
    assert_eq!(s.session.history_len(), 6);

    // Bo's `u`: the rename first (entry 7 reverts 6), then the level (8 reverts 5).
    let fx = act(&mut s, &[Undo]);
    let (now, back, kind, reverts, as_) = respondent_revert(&fx);
    assert_eq!((now.name.as_str(), back.name.as_str()), ("Bo Chen-Li", "Bo Chen"));
    assert_eq!((kind.as_str(), reverts, as_.as_str()), ("undo", 6, "bo-chen"));
    assert_eq!(s.ui.flash(), Some("Undid Bo Chen-Li's rename from Bo Chen to Bo Chen-Li"));
    assert_eq!(s.current_respondent().name, "Bo Chen", "the wizard shows the name put back");
    act(&mut s, &[Undo]);
    assert_eq!(s.current_answer().and_then(|a| a.level()), None, "then Bo's level");
    assert!(act(&mut s, &[Undo]).is_empty(), "the add is not Bo's change: Default made it");
    assert_eq!(s.ui.flash(), Some("Nothing to undo for Bo Chen; Default added them (r, then u)"));

    // Default's `u` undoes the add (9 reverts 4): Bo is archived, as `aira undo` does.
    act(&mut s, &[NextRespondent]);
    assert_eq!(s.current_respondent().id, "default");
    let (now, back, kind, reverts, as_) = respondent_revert(&act(&mut s, &[Undo]));
    assert_eq!((now.archived, back.archived, back.id.as_str()), (false, true, "bo-chen"));
    assert_eq!((kind.as_str(), reverts, as_.as_str()), ("undo", 4, "default"));
    assert_eq!(s.ui.flash(), Some("Undid Default's add of respondent Bo Chen"));
    assert_eq!(ids(&s), ["default"], "an undone add leaves the respondent archived, out of the scores");
    assert!(s.session.archived().iter().any(|r| r.id == "bo-chen"));
    assert_eq!(s.current_respondent().id, "default");

    // `U` restores Bo (10 re-does the undo, 9).
    let (now, back, kind, reverts, _) = respondent_revert(&act(&mut s, &[Redo]));
    assert_eq!((now.archived, back.archived, kind.as_str(), reverts), (true, false, "redo", 9));
    assert_eq!(s.ui.flash(), Some("Redid Default's add of respondent Bo Chen"));
    assert_eq!(ids(&s), ["default", "bo-chen"]);
    assert_eq!(s.session.history_len(), 10, "every add, rename, undo and redo is numbered");
}

#[test]
fn the_first_respondent_named_when_no_one_answers_is_made_as_themselves() {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| a.respondents.clear());
    s.ui.close_all();
    ask_who_answers(&mut s);
    text(&mut s, "Bo Chen");
    let (old, new, as_) = respondent_save(&act(&mut s, &[Submit]));
    assert_eq!((old, new.id.as_str(), as_.as_str()), (None, "bo-chen", "bo-chen"));
    // Their own `u` undoes it, and no one answers again (nothing invented).
    let (_, back, ..) = respondent_revert(&act(&mut s, &[Undo]));
    assert!(back.archived);
    assert!(!s.session.has_respondent());
}

#[test]
fn a_respondent_undo_refuses_when_the_header_changed_since() {
    let mut s = mini_state();
    act(&mut s, &[RenameRespondent, ClearInput]);
    text(&mut s, "Dee Fault");
    act(&mut s, &[Submit]);
    // The header changed since the rename (here in memory, as a merge or hand edit would on
    // disk): the rename is no longer what is there, so its undo is refused, nothing written.
    s.session.rebuild_with(|_, a| a.respondents[0].name = "Someone Else".into());
    let fx = act(&mut s, &[Undo]);
    assert!(fx.is_empty(), "{fx:?}");
    assert!(s.ui.flash().is_some_and(|f| f.contains("changed since")), "{:?}", s.ui.flash());
}
