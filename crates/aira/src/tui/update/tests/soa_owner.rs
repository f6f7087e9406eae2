//! The SoA screen's owner (issue 19): typed for a decided control, kept by a new decision,
//! refused while undecided, saved with the decision, and undone by `u` like the decision.

use super::*;
use crate::tui::session::Revert;

fn row(s: &AppState) -> &aira_core::report::model::SoaRow {
    match s.ui.screen() {
        Some(Screen::Soa(x)) => &x.rows[x.cursor.get(x.rows.len())],
        _ => panic!("not on the SoA"),
    }
}

fn typing_owner(s: &AppState) -> bool {
    matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.owner.is_some())
}

#[test]
fn an_owner_is_typed_for_a_decided_control_and_kept_by_a_new_decision() {
    let mut s = mini_state();
    act(&mut s, &[Soa, SetOwner]);
    assert!(s.ui.flash().unwrap().contains("undecided"), "{:?}", s.ui.flash());
    text(&mut s, "Rita Quinn");
    assert!(act(&mut s, &[Submit]).is_empty(), "an undecided control takes no owner");
    assert!(typing_owner(&s), "the refusal keeps what was typed");
    act(&mut s, &[Cancel, MarkApplicable, SetOwner]);
    assert!(typing_owner(&s));
    text(&mut s, "  Rita Quinn ");
    let fx = act(&mut s, &[Submit]);
    let want = |applicable: bool, justification: &str, owner: &str| Effect::SaveSoa {
        control: "A.2.2".into(),
        applicable,
        justification: justification.into(),
        owner: owner.into(),
    };
    assert_eq!(fx, vec![want(true, "", "Rita Quinn")]);
    assert!(!typing_owner(&s));
    assert_eq!(row(&s).owner, "Rita Quinn", "the screen's rows follow");
    assert_eq!(s.session.meta().soa_decision("A.2.2").owner, "Rita Quinn");
    // The same owner again: nothing to save.
    act(&mut s, &[SetOwner]);
    assert!(act(&mut s, &[Submit]).is_empty());
    // A new decision keeps the owner.
    act(&mut s, &[NotApplicable]);
    text(&mut s, "Group policy covers it");
    assert_eq!(act(&mut s, &[Submit]), vec![want(false, "Group policy covers it", "Rita Quinn")]);
    // Cancel drops what was typed; an emptied owner clears it.
    act(&mut s, &[SetOwner]);
    text(&mut s, "x");
    act(&mut s, &[Cancel]);
    assert_eq!(row(&s).owner, "Rita Quinn");
    act(&mut s, &[SetOwner]);
    for _ in 0.."Rita Quinn".len() {
        act(&mut s, &[DeleteBack]);
    }
    assert_eq!(act(&mut s, &[Submit]), vec![want(false, "Group policy covers it", "")]);
    assert_eq!(row(&s).owner_shown(), "not assigned");
}

#[test]
fn undo_puts_the_previous_owner_back_and_says_so() {
    let mut s = mini_state();
    s.session.set_history_len(3);
    act(&mut s, &[Soa, MarkApplicable, SetOwner]);
    text(&mut s, "Rita Quinn");
    act(&mut s, &[Submit, Back]);
    let fx = act(&mut s, &[Undo]);
    let said = s.ui.flash().unwrap_or_default().to_owned();
    assert!(said.contains("owner Rita Quinn of A.2.2 (was nobody)"), "{said}");
    assert_eq!(s.session.meta().soa_decision("A.2.2").owner, "");
    assert_eq!(s.session.meta().soa_decision("A.2.2").applicability.label(), "yes", "the decision stays");
    let Some(Effect::Revert(r)) = fx.first() else { panic!("{fx:?}") };
    assert!(matches!(r.as_ref(), Revert::Soa { entry: Some(e), reverts: 5, .. } if e.owner.is_empty()), "{r:?}");
    act(&mut s, &[Redo]);
    assert_eq!(s.session.meta().soa_decision("A.2.2").owner, "Rita Quinn");
}

/// A fast typist presses `o` and types the name before reading the refusal: the name must not
/// fall through as SoA keys (its `n` would record "not applicable", its `a` "applicable").
#[test]
fn a_name_typed_after_a_refused_owner_key_records_nothing() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let mut s = mini_state();
    act(&mut s, &[Soa]);
    let before = s.session.meta().soa.clone();
    let mut fx = Vec::new();
    for c in "oLee Marsh, Anna Yates".chars() {
        fx.extend(handle_key(&mut s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    }
    fx.extend(handle_key(&mut s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)));
    assert!(fx.is_empty(), "typed text became actions: {fx:?}");
    assert_eq!(s.session.meta().soa, before, "no decision was recorded");
    assert!(s.ui.flash().unwrap_or_default().contains("undecided"), "{:?}", s.ui.flash());
    // Esc leaves the prompt; the SoA keys work again.
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    assert!(!typing_owner(&s));
    assert_eq!(row(&s).control, "A.2.2", "the cursor did not move");
}
