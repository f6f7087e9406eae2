//! Shared by the hardening and terminal edge-case tests: a small TUI state built without a
//! terminal, rendering into a `TestBackend`, and reading the buffer back.
#![allow(dead_code)]

use std::path::Path;

use aira::tui::state::AppState;
use aira_core::assessment::{Answer, Assessment, Respondent, Value};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

pub const MINI: &str = include_str!("../../fixtures/mini.toml");
const META: &str =
    "format = 1\n[questionnaire]\nid = \"mini\"\nversion = \"0.1.0\"\nsha256 = \"x\"\n[targets]\ndefault = 3\n";

/// The mini questionnaire, one respondent, a fixed clock.
pub fn state() -> AppState {
    let q = aira_core::questionnaire::parse("mini", MINI).unwrap();
    let (meta, _) = aira_store::workspace::meta::parse(Path::new("workspace.toml"), META).unwrap();
    let assessment = Assessment { respondents: vec![Respondent::new("default", "Default")], ..Default::default() };
    let mut s = AppState::new(q, meta, assessment, "tester".into());
    s.session.set_clock(|| "2026-11-22T10:00:00.000+00:00".to_owned());
    s
}

/// Put `answer` on the current question of the current respondent.
pub fn answer_current(s: &mut AppState, answer: Answer) {
    let qid = s.current_question().unwrap().id.clone();
    let r = s.session.respondent_index();
    s.session.rebuild_with(|_, a| {
        a.respondents[r].answers.insert(qid, answer);
    });
}

pub fn level_with_note(level: u8, note: &str) -> Answer {
    Answer { value: Some(Value::Level(level)), note: note.to_owned(), ..Default::default() }
}

pub fn render(s: &AppState, w: u16, h: u16) -> Buffer {
    let Ok(mut t) = Terminal::new(TestBackend::new(w, h));
    t.draw(|f| aira::tui::view::render(s, f)).unwrap();
    t.backend().buffer().clone()
}

/// Each row of the buffer as a string (wide characters take one cell plus a blank one).
pub fn rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| (area.left()..area.right()).map(|x| buf[(x, y)].symbol().to_owned()).collect())
        .collect()
}

/// Bidi embedding, override and isolate controls: they reorder what the terminal shows.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Every cell that holds a character a terminal could interpret, with its position.
pub fn control_cells(buf: &Buffer) -> Vec<(u16, u16, String)> {
    let area = buf.area;
    let mut bad = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            let sym = buf[(x, y)].symbol();
            if sym.chars().any(|c| c.is_control() || is_bidi_control(c)) {
                bad.push((x, y, sym.escape_unicode().to_string()));
            }
        }
    }
    bad
}
