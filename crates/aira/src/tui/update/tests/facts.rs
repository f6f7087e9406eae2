//! The engagement facts form: every field read by `FactsText::edit` (as `aira engagement set`
//! reads its flags), the first refusal kept under its field, the save handed to the worker as
//! the store's `set_facts` edit; only changed facts are sent.

use super::*;
use aira_core::engagement::{Fact, FactsEdit, ReportStatus};

fn form(s: &AppState) -> &crate::tui::screens::FactsScreen {
    match s.ui.screen() {
        Some(Screen::Facts(f)) => f,
        _ => panic!("the facts form is not open: {:?}", s.ui.flash()),
    }
}

fn saved_edit(fx: &[Effect]) -> Option<&FactsEdit> {
    fx.iter().find_map(|e| if let Effect::SaveFacts(edit) = e { Some(edit) } else { None })
}

/// Replace the focused field's text with `t`.
fn retype(s: &mut AppState, t: &str) {
    act(s, &[ClearInput]);
    text(s, t);
}

#[test]
fn every_fact_is_typed_checked_and_saved() {
    let mut s = mini_state();
    act(&mut s, &[EditFacts]);
    assert_eq!((on(&s), form(&s).focused()), ("facts", Fact::Scope));
    retype(&mut s, "HR screening models");
    act(&mut s, &[NextField]);
    retype(&mut s, "Ann Lee, Bo Chen,");
    act(&mut s, &[NextField]);
    retype(&mut s, "Jo Park, CISO");
    act(&mut s, &[NextField]);
    retype(&mut s, "2026-11-01..2026-11-30");
    act(&mut s, &[NextField]);
    assert_eq!(form(&s).focused(), Fact::Status);
    act(&mut s, &[NextChoice]);
    act(&mut s, &[NextField]);
    retype(&mut s, "1.0");
    let fx = act(&mut s, &[Submit]);
    assert_eq!(on(&s), "card");
    let edit = saved_edit(&fx).expect("saved");
    assert_eq!(edit.assessors, Some(vec!["Ann Lee".to_owned(), "Bo Chen".to_owned()]));
    assert_eq!(edit.period.map(|p| p.to_string()).as_deref(), Some("2026-11-01..2026-11-30"));
    let m = s.session.meta();
    assert_eq!(
        (m.scope.as_str(), m.contact.as_str(), m.report_version.as_str()),
        ("HR screening models", "Jo Park, CISO", "1.0")
    );
    assert_eq!(m.report_status, ReportStatus::Final);
    assert_eq!(s.ui.flash(), Some("Engagement facts changed: scope, assessors, contact, period, status, version"));
    assert_eq!(s.session.save_state().pending, 1);
    // Opened again, it shows what was saved; saving it unchanged saves nothing.
    act(&mut s, &[EditFacts]);
    assert_eq!(form(&s).assessors.text(), "Ann Lee, Bo Chen");
    assert!(saved_edit(&act(&mut s, &[Submit])).is_none());
    assert_eq!(s.ui.flash(), Some("Engagement facts: nothing changed"));
}

#[test]
fn a_refusal_stays_on_its_field_with_the_commands_words() {
    let mut s = mini_state();
    act(&mut s, &[EditFacts, NextField, NextField, NextField]);
    retype(&mut s, "2026-11-30..2026-11-01");
    assert_eq!((form(&s).focused(), form(&s).period.text()), (Fact::Period, "2026-11-30..2026-11-01"));
    act(&mut s, &[NextField, NextField]);
    assert!(act(&mut s, &[Submit]).is_empty());
    let f = form(&s);
    assert_eq!(f.focused(), Fact::Period, "the focus goes to the refused field");
    assert_eq!(f.error, Some((Fact::Period, "the period ends (2026-11-01) before it starts (2026-11-30)".to_owned())));
    retype(&mut s, "2026-02-30");
    act(&mut s, &[Submit]);
    assert!(form(&s).error.as_ref().unwrap().1.contains("is not a date"));
    retype(&mut s, "2026-11-01");
    act(&mut s, &[NextField, NextField]);
    retype(&mut s, " ");
    assert!(act(&mut s, &[Submit]).is_empty());
    assert_eq!(form(&s).error, Some((Fact::Version, "the version must not be empty".to_owned())));
    act(&mut s, &[Cancel]);
    assert_eq!((on(&s), s.session.meta().period), ("card", None), "cancel saves nothing");
}

#[test]
fn untouched_facts_are_not_sent_and_a_scope_keeps_its_line_breaks() {
    let mut s = mini_state();
    let mut meta = s.session.meta().clone();
    meta.scope = "HR models\nPayroll".into();
    let opened = crate::tui::screens::FactsScreen::new(&meta);
    assert_eq!(opened.scope.text(), "HR models Payroll", "one line while shown");
    s.ui.open(Screen::Facts(opened));
    act(&mut s, &[NextField, NextField]);
    text(&mut s, "Jo");
    let edit = saved_edit(&act(&mut s, &[Submit])).cloned().unwrap();
    assert_eq!(edit, FactsEdit { contact: Some("Jo".into()), ..Default::default() });
    // A period set can be changed, not removed (nor can `aira engagement set` remove it).
    meta.period = "2026-11-01..2026-11-30".parse().ok();
    s.ui.open(Screen::Facts(crate::tui::screens::FactsScreen::new(&meta)));
    act(&mut s, &[NextField, NextField, NextField, ClearInput]);
    assert!(act(&mut s, &[Submit]).is_empty());
    assert!(form(&s).error.as_ref().unwrap().1.contains("cannot be removed"), "{:?}", form(&s).error);
}

#[test]
fn a_read_only_workspace_opens_no_form() {
    let mut s = mini_state();
    s.session.set_read_only(Some("open in another aira (pid 1)".into()));
    act(&mut s, &[EditFacts]);
    assert_eq!((on(&s), s.ui.flash()), ("card", Some("Read-only: open in another aira (pid 1)")));
}

#[test]
fn a_field_retyped_to_what_it_held_is_not_sent() {
    // The scope typed as blanks reads as the empty scope it was; `set_facts` would still write
    // `scope = ""` into a workspace.toml that has none, one more fact in its history entry
    // than the wizard changed (and than its `u` names).
    let mut s = mini_state();
    act(&mut s, &[EditFacts]);
    text(&mut s, "  ");
    act(&mut s, &[NextField, NextField]);
    text(&mut s, "Jo");
    let edit = saved_edit(&act(&mut s, &[Submit])).cloned().unwrap();
    assert_eq!(edit, FactsEdit { contact: Some("Jo".into()), ..Default::default() });
    assert_eq!(s.ui.flash(), Some("Engagement facts changed: contact"));
}
