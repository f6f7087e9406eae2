//! Terminal safety: text from a questionnaire, a workspace, a paste or a notice never reaches
//! the screen as a control sequence (ESC, C1, BEL, bidi overrides); it is shown escaped.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::hardening_support;

use aira::tui::action::Action;
use aira::tui::screens::Screen;
use aira::tui::state::AppState;
use aira::tui::update::{handle_key, handle_paste, update};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hardening_support::*;

/// OSC retitle + BEL, CSI clear screen, a C1 CSI (U+009B), a bare BEL, and a right-to-left
/// override that would display "txet" reversed.
const EVIL: &str = "evil\x1b]0;pwned\x07 \x1b[2J \u{9b}31m \x07 \u{202e}txet\u{202c} \u{2066}iso\u{2069} end";

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

/// A state whose every user-visible text carries `EVIL`, bypassing the loader's own checks
/// (defence in depth: the view must not rely on the loader).
fn hostile_state() -> AppState {
    let mut s = state();
    s.session.rebuild_with(|questionnaire, assessment| {
        questionnaire.title = EVIL.to_owned();
        for q in &mut questionnaire.questions {
            q.text = format!("{EVIL} text");
            q.guidance = format!("{EVIL} guidance\nsecond line");
            q.evidence = vec![EVIL.to_owned()];
        }
        if let Some(l) = questionnaire.scale.levels.first_mut() {
            l.name = EVIL.to_owned();
            l.description = EVIL.to_owned();
        }
        assessment.respondents[0].name = EVIL.to_owned();
    });
    s.ui.set_notices(vec![EVIL.to_owned(), EVIL.to_owned()]);
    s.ui.set_flash(Some(EVIL.to_owned()));
    let mut a = level_with_note(0, &format!("{EVIL}\nline two {EVIL}"));
    a.evidence = vec![EVIL.into()];
    answer_current(&mut s, a);
    s
}

fn assert_clean(s: &AppState, what: &str) {
    assert_clean_shown(s, what, true);
}

/// No control character in any cell; with `escaped`, ESC is shown as the visible text `\x1b`.
fn assert_clean_shown(s: &AppState, what: &str, escaped: bool) {
    for (w, h) in [(120, 40), (80, 24), (60, 30), (200, 60)] {
        let buf = render(s, w, h);
        let bad = control_cells(&buf);
        assert!(bad.is_empty(), "{what} at {w}x{h}: control characters in cells {bad:?}");
        let text = rows(&buf).join("\n");
        assert!(!escaped || text.contains("\\x1b") || w < 80, "{what} at {w}x{h}: ESC not shown escaped:\n{text}");
    }
}

#[test]
fn hostile_text_is_escaped_on_the_card_banner_and_status_bar() {
    let s = hostile_state();
    assert_clean(&s, "card");
    let text = rows(&render(&s, 200, 60)).join("\n");
    for shown in ["\\x1b]0;pwned\\x07", "\\x1b[2J", "\\x9b31m", "\\u{202e}txet"] {
        let shown = shown.replace("\\u{202e}", "\\x202e");
        assert!(text.contains(&shown), "{shown} not shown:\n{text}");
    }
}

#[test]
fn hostile_text_is_escaped_in_every_mode() {
    let mut s = hostile_state();
    s.session.set_read_only(Some(EVIL.to_owned()));
    assert_clean(&s, "read-only banner");
    let screens: [(&str, &[Action]); 4] = [
        ("heatmap", &[Action::Heatmap]),
        ("cell list", &[Action::Heatmap, Action::Select]),
        ("help", &[Action::Help]),
        ("search", &[Action::Search]),
    ];
    for (name, actions) in screens {
        s.ui.close_all();
        for a in actions {
            update(&mut s, *a);
        }
        if name == "search" {
            // Typed or pasted, control characters never get into a line being typed.
            handle_paste(&mut s, EVIL);
            for c in EVIL.chars() {
                update(&mut s, Action::InsertChar(c));
            }
        }
        assert_clean(&s, name);
    }
}

#[test]
fn search_hits_on_hostile_text_are_escaped() {
    let mut s = hostile_state();
    handle_key(&mut s, key('/'));
    handle_paste(&mut s, "evil\x1b");
    handle_key(&mut s, key('\u{9b}'));
    assert!(matches!(s.ui.screen(), Some(Screen::Search(_))));
    assert_clean(&s, "search");
}

#[test]
fn a_hostile_paste_into_a_note_is_cleaned_and_saved_notes_reopen() {
    let mut s = state();
    handle_key(&mut s, key('e'));
    assert!(matches!(s.ui.screen(), Some(Screen::Note(_))));
    handle_paste(&mut s, EVIL);
    handle_key(&mut s, key('\u{1b}'));
    handle_key(&mut s, key('\u{9b}'));
    // The editor shows what will be saved: no control characters reach the screen.
    assert_clean_shown(&s, "note editor", false);
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    let note = s.current_answer().map(|a| a.note.clone()).unwrap_or_default();
    assert!(note.contains("evil") && note.contains("txet"), "{note:?}");
    assert_eq!(aira_core::text::find_forbidden_control(&note, true), None, "{note:?}");
    // What was saved must load again: the answers parser refuses control characters.
    let mut a = s.current_answer().cloned().unwrap();
    a.answered_at.clear();
    let r = aira_core::assessment::Respondent::new("x", "X");
    let mut doc = aira_store::workspace::answers::new_document(&r);
    aira_store::workspace::answers::set_answer(&mut doc, "q", Some(&a), 0);
    let scale = aira_core::questionnaire::Scale::default();
    let back = aira_store::workspace::answers::parse(std::path::Path::new("a.toml"), "x", &doc.to_string(), &scale);
    assert!(back.is_ok(), "{:?}", back.err().map(|e| e.to_string()));
}

#[test]
fn the_loader_reports_controls_and_bidi_overrides_as_errors() {
    // TOML escapes: a raw ESC is already invalid TOML, an escaped one is valid TOML.
    for bad in ["\\u001b[2J", "\\u009b", "\\u0007", "\\u202E", "\u{202e}", "\\u2066"] {
        let text = MINI.replacen("Is there a written AI policy", &format!("Is there{bad} a written AI policy"), 1);
        let e = aira_core::questionnaire::parse("q.toml", &text).unwrap_err().to_string();
        assert!(e.contains("control character"), "{bad:?}: {e}");
    }
}
