//! Keys through the default keymap to the actions above, once: chords, text, and the keys
//! that mean something else where text is typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| handle_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))).collect()
}

fn code(s: &mut AppState, c: KeyCode) -> Vec<Effect> {
    handle_key(s, KeyEvent::new(c, KeyModifiers::NONE))
}

fn ctrl(s: &mut AppState, c: char) -> Vec<Effect> {
    handle_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

#[test]
fn t_then_a_digit_sets_the_target_and_anything_else_cancels() {
    let mut s = mini_state();
    let q = "plan-govern-policy".to_owned();
    let fx = press(&mut s, "t4");
    assert_eq!(fx, vec![Effect::SaveTarget { question: q.clone(), level: Some(4) }], "the engagement's target");
    assert!(saves(&fx).is_empty(), "no answer changes");
    press(&mut s, "t");
    assert!(s.ui.pending().is_some());
    assert!(press(&mut s, "q").is_empty(), "a non-digit cancels target entry and does not quit");
    assert!(s.ui.pending().is_none());
    assert_eq!(s.ui.cursor(), 0);
    press(&mut s, "t");
    let fx = code(&mut s, KeyCode::Backspace);
    assert_eq!(fx, vec![Effect::SaveTarget { question: q, level: None }]);
    assert!(press(&mut s, "tx").is_empty(), "nothing to clear: nothing saved");
    assert_eq!(s.ui.flash(), Some("plan-govern-policy has no engagement target to clear"));
    press(&mut s, "t");
    assert!(ctrl(&mut s, 'c').is_empty(), "Ctrl-C cancels the chord, as any other key");
}

#[test]
fn a_then_a_key_sets_the_agreed_level() {
    let mut s = mini_state();
    assert_eq!(
        press(&mut s, "a4"),
        vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: Some(Value::Level(4)) }]
    );
    assert_eq!(
        press(&mut s, "an"),
        vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: Some(Value::NotApplicable) }]
    );
    assert_eq!(press(&mut s, "ax"), vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: None }]);
    assert!(press(&mut s, "az").is_empty(), "any other key cancels");
    assert!(s.ui.pending().is_none());
}

#[test]
fn where_text_is_typed_letters_and_digits_are_text() {
    let mut s = mini_state();
    press(&mut s, "e");
    press(&mut s, "q and 3");
    code(&mut s, KeyCode::Enter);
    press(&mut s, "x");
    let fx = code(&mut s, KeyCode::Esc);
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().note, "q and 3\nx");
    assert_eq!(on(&s), "card");
    press(&mut s, "e");
    let fx = ctrl(&mut s, 's');
    assert!(fx.is_empty(), "Ctrl-S keeps an unchanged note: nothing to save");
    assert_eq!(on(&s), "card");
    press(&mut s, "/jk");
    assert_eq!(on(&s), "search");
    assert!(matches!(s.ui.screen(), Some(Screen::Search(q)) if q.query.text() == "jk"));
    code(&mut s, KeyCode::Esc);
    press(&mut s, "l");
    press(&mut s, "q?h");
    assert!(matches!(s.ui.screen(), Some(Screen::Log(l)) if l.input.text() == "q?h"));
    code(&mut s, KeyCode::Esc);
    assert_eq!(on(&s), "card");
    press(&mut s, "e");
    let fx = ctrl(&mut s, 'c');
    assert_eq!(fx, vec![Effect::Quit], "Ctrl-C in the editor keeps the (unchanged) note and quits");
}

#[test]
fn help_over_the_heatmap_by_keys() {
    let mut s = mini_state();
    press(&mut s, "h?");
    assert_eq!(on(&s), "help");
    code(&mut s, KeyCode::Esc);
    assert_eq!(on(&s), "heatmap");
}

fn alt(s: &mut AppState, c: char) -> Vec<Effect> {
    handle_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::ALT))
}

#[test]
fn esc_read_together_with_the_next_key_closes_the_note_and_the_key_acts() {
    // Over SSH, Esc then 2 arrive in one read and crossterm reports Alt-2.
    let mut s = mini_state();
    press(&mut s, "e");
    press(&mut s, "late");
    let fx = alt(&mut s, '2');
    assert_eq!(on(&s), "card", "the note closed");
    let c = saves(&fx);
    assert_eq!(c.len(), 2, "the note is kept, then the level is set: {c:?}");
    assert_eq!(c[0].new.as_ref().unwrap().note, "late");
    assert_eq!(c[1].new.as_ref().unwrap().value, Some(Value::Level(2)));
    assert_eq!(c[1].question, "plan-govern-policy");
    // In a typed line, Alt-b stays a word move (bound); an unbound Alt key is Esc then the key.
    press(&mut s, "/");
    alt(&mut s, 'b');
    assert_eq!(on(&s), "search");
    alt(&mut s, 'x');
    assert_eq!(on(&s), "card", "Esc closed the search and x cleared nothing harmful on the card");
}
