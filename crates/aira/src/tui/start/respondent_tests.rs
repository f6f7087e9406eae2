//! The first-respondent prompt that follows the new-workspace form: prefilled with the user,
//! empty refused, Esc cancels creating, and the outcome names who answers first.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::{Mode, StartOutcome, StartState, builtin_choices};
use super::update::{refused, update};

fn key(s: &mut StartState, code: KeyCode) -> Option<StartOutcome> {
    update(s, KeyEvent::new(code, KeyModifiers::NONE))
}

fn typed(s: &mut StartState, text: &str) {
    for c in text.chars() {
        key(s, KeyCode::Char(c));
    }
}

/// The form filled (folder, name) and submitted: the prompt is up.
fn prompted(user: Option<&str>) -> StartState {
    let mut s = StartState::new(Vec::new(), builtin_choices(), None);
    s.user = user.map(str::to_owned);
    update(&mut s, KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    typed(&mut s, "/tmp/newco");
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "Newco");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "the form asks who answers first before creating");
    s
}

fn prompt_text(s: &StartState) -> &str {
    match &s.mode {
        Mode::Respondent(form) => form.respondent.text(),
        other => panic!("not at the respondent prompt: {other:?}"),
    }
}

fn prompt_error(s: &StartState) -> Option<&str> {
    match &s.mode {
        Mode::Respondent(form) => form.error.as_deref(),
        _ => None,
    }
}

#[test]
fn creating_asks_for_the_first_respondent_prefilled_with_the_user() {
    let mut s = prompted(Some("Dana Ruiz"));
    assert_eq!(prompt_text(&s), "Dana Ruiz");
    let Some(StartOutcome::Create { respondent, name, .. }) = key(&mut s, KeyCode::Enter) else {
        panic!("Enter creates")
    };
    assert_eq!((respondent.as_str(), name.as_str()), ("Dana Ruiz", "Newco"));
    // Typed over, through the [input] keys.
    let mut s = prompted(Some("Dana Ruiz"));
    update(&mut s, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut s, "  Ann Le ");
    let Some(StartOutcome::Create { respondent, .. }) = key(&mut s, KeyCode::Enter) else { panic!("creates") };
    assert_eq!(respondent, "Ann Le");
}

#[test]
fn an_empty_first_respondent_is_refused_with_a_message() {
    let mut s = prompted(None);
    assert_eq!(prompt_text(&s), "", "no user name known: nothing prefilled, no placeholder");
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert_eq!(prompt_error(&s), Some("Name who answers first (e.g. your own name)"));
    typed(&mut s, "   ");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "blank is empty");
    assert_eq!(prompt_error(&s), Some("Name who answers first (e.g. your own name)"));
    update(&mut s, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut s, "Bo");
    assert!(matches!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Create { respondent, .. }) if respondent == "Bo"));
}

#[test]
fn esc_at_the_prompt_cancels_creating_and_a_refusal_returns_to_the_form() {
    let mut s = prompted(Some("Dana Ruiz"));
    assert_eq!(key(&mut s, KeyCode::Esc), None);
    assert_eq!(s.mode, Mode::List, "Esc cancels creating");
    let mut s = prompted(Some("Dana Ruiz"));
    key(&mut s, KeyCode::Enter);
    refused(&mut s, "/tmp/newco is not empty".into());
    let Mode::New(form) = &s.mode else { panic!("back in the form: {:?}", s.mode) };
    assert_eq!(form.error.as_deref(), Some("/tmp/newco is not empty"));
    assert_eq!(form.respondent.text(), "Dana Ruiz", "what was typed is kept for the next try");
}

/// `name, role` as the wizard's `+` takes it: a role typo is refused at the prompt (the
/// closest role suggested, what was typed kept), a declared one creates.
#[test]
fn the_first_respondent_may_carry_a_role_checked_at_the_prompt() {
    let mut s = prompted(None);
    typed(&mut s, "Ann Lee, riks");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "a role typo creates nothing");
    assert!(prompt_error(&s).is_some_and(|e| e.contains("did you mean `risk`")), "{:?}", prompt_error(&s));
    assert_eq!(prompt_text(&s), "Ann Lee, riks", "still at the prompt, with what was typed");
    key(&mut s, KeyCode::Backspace);
    key(&mut s, KeyCode::Backspace);
    typed(&mut s, "sk");
    let Some(StartOutcome::Create { respondent, .. }) = key(&mut s, KeyCode::Enter) else { panic!("creates") };
    assert_eq!(respondent, "Ann Lee, risk", "perform splits it as the prompt checked it");
}
