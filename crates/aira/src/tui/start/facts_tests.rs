//! The start screen's `edit_facts` (Ctrl-E): the selected workspace opens with the engagement
//! facts form on top; a folder that is no longer a workspace is refused as Enter refuses it.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::{Item, StartOutcome, StartState};
use super::update::act;
use crate::tui::action::Action;

#[test]
fn ctrl_e_asks_for_the_facts_form_of_the_selected_workspace() {
    let item =
        |path: &str, available| Item { path: path.into(), name: path.into(), opened_at: String::new(), available };
    let mut s = StartState::new(vec![item("/w/acme", true), item("/w/gone", false)], Vec::new(), None);
    let ctrl_e = KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(super::update::update(&mut s, ctrl_e), Some(StartOutcome::EditFacts("/w/acme".into())));
    act(&mut s, Action::Down);
    assert_eq!(act(&mut s, Action::EditFacts), None);
    assert!(s.message.as_deref().unwrap_or_default().contains("no longer an aira workspace"), "{:?}", s.message);
}
