//! Terminal edge cases on a `TestBackend` (no pty): every size from 1×1 to 500×200, resize
//! storms, huge pastes and notes, wide / combining / right-to-left text, and files that are not
//! UTF-8. None may panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use crate::hardening_support;

use aira::tui::action::Action;
use aira::tui::screens::Screen;
use aira::tui::state::AppState;
use aira::tui::update::{MAX_NOTE_BYTES, handle_key, handle_paste, update};
use aira_store::workspace::{self, Access};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use hardening_support::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn press(s: &mut AppState, code: KeyCode) {
    handle_key(s, KeyEvent::new(code, KeyModifiers::NONE));
}

/// A state with answers, a long note and a notice, so every panel has something to draw.
fn busy_state() -> AppState {
    let mut s = state();
    answer_current(&mut s, level_with_note(3, "first line\nsecond line"));
    s.ui.set_notices(vec!["a notice".into(), "another".into()]);
    s
}

/// Sizes from 1×1 to 500×200: dense where layouts switch (40×12, 80 and 120 columns), sparse
/// among the big ones, whose cost in a debug build is in the number of cells.
fn sizes() -> Vec<(u16, u16)> {
    let widths = [1, 2, 3, 10, 20, 39, 40, 41, 60, 79, 80, 81, 100, 119, 120, 121, 160, 200, 300, 500];
    let heights = [1, 2, 5, 11, 12, 13, 24, 40, 60, 100, 200];
    let mut out: Vec<(u16, u16)> = Vec::new();
    for w in widths {
        for h in heights {
            if u32::from(w) * u32::from(h) <= 24_000 {
                out.push((w, h));
            }
        }
    }
    out.extend([(1, 200), (500, 1), (500, 24), (300, 100), (500, 200)]);
    out
}

fn act(s: &mut AppState, actions: &[Action]) {
    for a in actions {
        update(s, *a);
    }
}

fn search_for(s: &mut AppState, query: &str) {
    act(s, &[Action::Search]);
    for c in query.chars() {
        update(s, Action::InsertChar(c));
    }
}

/// The card, the heatmap (gap view), a cell's list, help scrolled, and a search.
fn screens() -> Vec<fn(&mut AppState)> {
    vec![
        |_| {},
        |s| act(s, &[Action::Heatmap, Action::CycleView, Action::CycleView]),
        |s| act(s, &[Action::Heatmap, Action::Down, Action::Right, Action::Right, Action::Select]),
        |s| act(s, &[Action::Help, Action::Down, Action::Down, Action::Down]),
        |s| search_for(s, "policy"),
    ]
}

#[test]
fn every_size_from_1x1_to_500x200_renders_in_every_mode() {
    let mut s = busy_state();
    let all = sizes();
    for (i, open) in screens().iter().enumerate() {
        s.ui.close_all();
        open(&mut s);
        // Every size in Normal mode; a quarter of them (and the smallest) in the others.
        for &(w, h) in
            all.iter().enumerate().filter(|(j, (w, h))| i == 0 || j % 4 == i % 4 || *w <= 2 || *h <= 2).map(|(_, x)| x)
        {
            let buf = render(&s, w, h);
            assert_eq!((buf.area.width, buf.area.height), (w, h));
        }
    }
    // Below 40×12 a clear message, at 40×12 the real screen.
    let small = rows(&render(&s, 39, 11)).join("");
    assert!(small.contains("Terminal too small"), "{small}");
    let ok = rows(&render(&busy_state(), 40, 12)).join("");
    assert!(!ok.contains("Terminal too small"), "{ok}");
}

#[test]
fn the_note_editor_renders_at_every_small_size() {
    let mut s = busy_state();
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('e'), KeyModifiers::NONE));
    assert!(matches!(s.ui.screen(), Some(Screen::Note(_))));
    for w in [1, 2, 39, 40, 41, 60, 80, 120, 300] {
        for h in [1, 2, 11, 12, 13, 16, 24, 60] {
            render(&s, w, h);
        }
    }
}

#[test]
fn a_resize_storm_of_200_sizes_on_one_terminal() {
    let mut s = busy_state();
    let Ok(mut t) = Terminal::new(TestBackend::new(80, 24));
    // A fixed pseudo-random walk (no clock, no seed from the environment): the same every run.
    let mut x: u32 = 0x2545_f491;
    for i in 0..200 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        // Up to 250×100: the cost of a debug build is in the cells; 500×200 is covered above.
        let (w, h) = ((x % 250) as u16 + 1, ((x >> 9) % 100) as u16 + 1);
        t.backend_mut().resize(w, h);
        if i % 50 == 25 {
            press(&mut s, KeyCode::Char('H'));
        }
        t.draw(|f| aira::tui::view::render(&s, f)).unwrap();
        assert_eq!(t.backend().buffer().area.width, w);
    }
}

#[test]
fn a_1_mb_paste_into_a_note_is_capped_and_renders() {
    let mut s = busy_state();
    press(&mut s, KeyCode::Char('e'));
    let line = "Interview notes, pasted from a document. ".repeat(40);
    let paste = format!("{line}\n").repeat((MAX_NOTE_BYTES + 64 * 1024) / (line.len() + 1));
    assert!(paste.len() > MAX_NOTE_BYTES);
    handle_paste(&mut s, &paste);
    assert!(s.ui.flash().unwrap_or_default().contains("1 MB"), "{:?}", s.ui.flash());
    render(&s, 80, 24);
    render(&s, 200, 60);
    press(&mut s, KeyCode::Esc);
    let note = &s.current_answer().unwrap().note;
    assert!(note.len() <= MAX_NOTE_BYTES && note.len() > MAX_NOTE_BYTES / 2, "{}", note.len());
    render(&s, 80, 24);
    render(&s, 120, 40);
}

#[test]
fn a_10000_character_single_line_note_renders_on_the_card_and_in_the_editor() {
    let mut s = busy_state();
    let note: String = "0123456789".repeat(1000);
    answer_current(&mut s, level_with_note(2, &note));
    for (w, h) in [(40, 12), (80, 24), (120, 40), (500, 200)] {
        render(&s, w, h);
    }
    press(&mut s, KeyCode::Char('e'));
    assert!(matches!(s.ui.screen(), Some(Screen::Note(_))));
    for (w, h) in [(40, 12), (80, 24), (120, 40), (500, 200)] {
        render(&s, w, h);
    }
    press(&mut s, KeyCode::Esc);
    assert_eq!(s.current_answer().unwrap().note, note);
}

/// Wide (CJK, emoji), zero-width (combining marks, ZWJ sequences) and right-to-left text.
const WORLD: &str = "漢字かな交じり文 한국어 👩‍👩‍👧‍👦 🇪🇺 e\u{301}\u{302}\u{303} a\u{20dd} \
                     עברית מימין לשמאל العربية من اليمين ﷽ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢";

/// The column of the heatmap panel's left border on the row of its title.
fn panel_border_x(buf: &ratatui::buffer::Buffer) -> (u16, u16) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            if buf[(x, y)].symbol() == "┌" && x + 2 < buf.area.width && buf[(x + 2, y)].symbol() == "H" {
                return (x, y);
            }
        }
    }
    panic!("no heatmap panel");
}

#[test]
fn wide_combining_and_rtl_text_keeps_the_heatmap_border_aligned() {
    let plain = busy_state();
    let (x, top) = panel_border_x(&render(&plain, 80, 24));
    let mut s = busy_state();
    s.session.rebuild_with(|questionnaire, assessment| {
        for q in &mut questionnaire.questions {
            q.text = format!("{WORLD} {}", q.text);
            q.guidance = WORLD.repeat(3);
        }
        questionnaire.title = WORLD.to_owned();
        assessment.respondents[0].name = WORLD.to_owned();
    });
    answer_current(&mut s, level_with_note(4, &format!("{WORLD}\n{WORLD}{WORLD}")));
    for (w, h) in [(80, 24), (81, 24), (120, 40), (40, 12), (500, 200)] {
        render(&s, w, h);
    }
    let buf = render(&s, 80, 24);
    assert_eq!(panel_border_x(&buf), (x, top));
    // The whole left edge of the panel is a border, and every row is exactly 80 cells wide.
    let bottom = (top + 1..buf.area.height).find(|&y| buf[(x, y)].symbol() == "└").expect("panel bottom");
    for y in top + 1..bottom {
        assert_eq!(buf[(x, y)].symbol(), "│", "row {y}:\n{}", rows(&buf).join("\n"));
        assert_eq!(buf[(79, y)].symbol(), "│", "row {y}:\n{}", rows(&buf).join("\n"));
    }
    // The same text in the note editor and the search list.
    press(&mut s, KeyCode::Char('e'));
    render(&s, 80, 24);
    press(&mut s, KeyCode::Esc);
    press(&mut s, KeyCode::Char('/'));
    handle_paste(&mut s, "漢字");
    render(&s, 80, 24);
    render(&s, 41, 12);
}

#[test]
fn an_answers_file_that_is_not_utf8_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    workspace::create(
        dir.path(),
        MINI,
        ("Edge", "Test"),
        &aira_core::assessment::Respondent::new("default", "default"),
    )
    .unwrap();
    let path = dir.path().join("answers/default.toml");
    std::fs::write(&path, b"format = 1\n[respondent]\nname = \"Ren\xe9\"\n").unwrap();
    let e = workspace::open(dir.path(), Access::ReadOnly).err().expect("invalid UTF-8 accepted").to_string();
    assert!(e.contains(&format!("{}: is not valid UTF-8", path.display())), "{e}");
    let home = tempfile::tempdir().unwrap();
    let out = crate::common::Aira::new(home.path()).ws(dir.path()).run(&["score"]);
    let err = out.stderr;
    assert_eq!(out.code, 1, "{err}");
    assert!(err.contains("is not valid UTF-8") && !err.contains("panicked"), "{err}");
}

#[test]
fn aira_check_on_a_latin1_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.toml");
    // "Qualité" in Latin-1: é is the single byte 0xE9.
    let text = MINI.replace("Mini readiness check", "Qualit\u{e9}");
    let bytes: Vec<u8> = text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect();
    std::fs::write(&path, bytes).unwrap();
    let out = crate::common::Aira::new(dir.path()).run(&["check", path.to_str().unwrap()]);
    let stderr = out.stderr;
    assert_eq!(out.code, 1, "{stderr}");
    assert!(stderr.contains("latin1.toml: error: is not valid UTF-8 (first bad byte at offset"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}

/// Regression: the centred search box multiplied u16 widths by a percentage and overflowed on
/// terminals wider than 728 columns (a small font on a large screen), panicking in debug builds.
#[test]
fn very_wide_terminals_render_the_centred_search_box() {
    let mut s = busy_state();
    search_for(&mut s, "policy");
    for (w, h) in [(729, 20), (1000, 12), (2000, 40), (u16::MAX / 8, 12)] {
        render(&s, w, h);
    }
}
