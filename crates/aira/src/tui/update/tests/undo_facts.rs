//! `u`/`U` reach the engagement facts changed in the form (Shift-F): the facts change is the
//! newest change made as that respondent, so it is the one undone, in the store's words
//! (`aira undo` says the same), and written as an undo or redo of its history entry.

use super::*;
use crate::tui::session::Revert;

fn level(s: &AppState) -> Option<u8> {
    s.current_answer().and_then(|a| a.level())
}

/// Open the form, replace the scope with `scope` and the contact with `contact`, and save.
fn set_facts(s: &mut AppState, scope: &str, contact: &str) {
    act(s, &[EditFacts, ClearInput]);
    text(s, scope);
    act(s, &[NextField, NextField, ClearInput]);
    text(s, contact);
    act(s, &[Submit]);
    assert_eq!(on(s), "card", "{:?}", s.ui.flash());
}

fn reverted(fx: &[Effect]) -> &Revert {
    match fx.first() {
        Some(Effect::Revert(r)) => r,
        _ => panic!("no revert saved: {fx:?}"),
    }
}

#[test]
fn undo_reverts_the_facts_change_made_after_a_level_and_redo_puts_it_back() {
    let mut s = mini_state();
    s.session.set_history_len(3);
    act(&mut s, &[Level2, Prev]);
    set_facts(&mut s, "HR screening models", "Jo Park, CISO");
    // Entry 4: the level; 5: the facts.
    let fx = act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Default's engagement facts change (scope, contact)"));
    assert!(matches!(reverted(&fx), Revert::Facts { kind, reverts: 5 } if kind == "undo"), "{fx:?}");
    let m = s.session.meta();
    assert_eq!((m.scope.as_str(), m.contact.as_str()), ("", ""));
    assert_eq!(level(&s), Some(2), "the level made before the facts stays");

    let fx = act(&mut s, &[Redo]);
    assert_eq!(s.ui.flash(), Some("Redid Default's engagement facts change (scope, contact)"));
    // 6 is the undo; the redo re-applies it.
    assert!(matches!(reverted(&fx), Revert::Facts { kind, reverts: 6 } if kind == "redo"), "{fx:?}");
    let m = s.session.meta();
    assert_eq!((m.scope.as_str(), m.contact.as_str()), ("HR screening models", "Jo Park, CISO"));

    act(&mut s, &[Undo, Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Default's level 2 on plan-govern-policy (was no level)"));
    assert_eq!((level(&s), s.session.meta().scope.as_str()), (None, ""));
    assert_eq!(s.session.history_len(), 9, "the facts, the undos and the redo are numbered");
}

#[test]
fn a_facts_undo_reverts_only_its_own_facts_and_refuses_when_they_changed_since() {
    let mut s = mini_state();
    s.session
        .rebuild_with(|_, a| a.respondents = vec![Respondent::new("ann-lee", "Ann Lee"), Respondent::new("bo", "Bo")]);
    set_facts(&mut s, "HR models", "Jo");
    act(&mut s, &[NextRespondent]);
    // Bo changes the contact only: Ann's scope is still what she left.
    act(&mut s, &[EditFacts, NextField, NextField, ClearInput]);
    text(&mut s, "Kim");
    act(&mut s, &[Submit]);
    act(&mut s, &[NextRespondent]);
    assert!(act(&mut s, &[Undo]).is_empty(), "Ann's contact was replaced by Bo's");
    assert!(s.ui.flash().is_some_and(|f| f.contains("changed since")), "{:?}", s.ui.flash());
    let m = s.session.meta();
    assert_eq!((m.scope.as_str(), m.contact.as_str()), ("HR models", "Kim"), "nothing changed");
    act(&mut s, &[NextRespondent, Undo]);
    assert_eq!(s.ui.flash(), Some("Undid Bo's engagement facts change (contact)"));
    let m = s.session.meta();
    assert_eq!((m.scope.as_str(), m.contact.as_str()), ("HR models", "Jo"), "Ann's scope kept");
}
