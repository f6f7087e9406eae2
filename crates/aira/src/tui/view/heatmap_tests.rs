//! The full heatmap at projector sizes, its drill-down, and accessible mode: snapshots plus
//! checks of what each size must show.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Position;

use super::tests::{answered, draw, keys, screen, workshop};
use crate::tui::state::AppState;
use crate::tui::update::handle_key;

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (200, 50)];

fn enter(s: &mut AppState) {
    handle_key(s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
}

/// The line index of the first line holding `needle`.
fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle))
}

#[test]
fn full_heatmap_fills_the_terminal() {
    let mut s = answered();
    keys(&mut s, "h");
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        // The four phase rows spread over the height, not a 6-line grid in a corner.
        let (plan, act) = (line_of(&text, "Plan").unwrap(), line_of(&text, "Act").unwrap());
        assert!(act - plan >= usize::from(h) / 3, "{w}x{h}: rows from {plan} to {act}\n{text}");
        // Cells show answered/total, the target and the legend names the scale's levels.
        assert!(text.contains("1/1"), "{w}x{h}: answered/total\n{text}");
        assert!(text.contains("0/1"), "{w}x{h}: answered/total of an empty cell\n{text}");
        assert!(text.contains("target 3"), "{w}x{h}: target marker\n{text}");
        for name in ["Not started", "Initial", "Developing", "Defined", "Managed", "Optimising"] {
            assert!(text.contains(name), "{w}x{h}: legend names {name}\n{text}");
        }
        // Cells grow with the width: the Manage column ends near the right edge.
        let header = text.lines().find(|l| l.contains("Govern")).unwrap();
        let manage = header.find("Manage").unwrap();
        assert!(manage > usize::from(w) * 3 / 5, "{w}x{h}: columns span the width\n{text}");
        insta::assert_snapshot!(format!("heatmap_full_{w}x{h}"), text);
    }
}

#[test]
fn full_heatmap_marks_disagreement_and_colours_agree_with_values() {
    let mut s = workshop();
    keys(&mut s, "h");
    let text = screen(&s, 120, 40);
    assert!(text.contains("range 3"), "disagreement in the cell, in words\n{text}");
    // 2.7 is printed in the cell; its colour is the band of the printed value (2, yellow).
    let t = draw(&s, 120, 40);
    let buf = t.backend().buffer();
    let at = buf.content().iter().position(|c| c.symbol() == "2").unwrap();
    let band = aira_core::number::band(8.0 / 3.0, 0, 5);
    assert_eq!(buf.content()[at].bg, crate::tui::theme::level_bg(f64::from(band), 0, 5));
}

#[test]
fn drill_down_shows_one_view_throughout() {
    // Three respondents on Plan × Govern: Ann 1 (made current), Bo 4, Cy 3; combined 2.7.
    let mut s = workshop();
    s.session.select_respondent(0);
    keys(&mut s, "h");
    enter(&mut s);
    let text = screen(&s, 100, 30);
    let header = text.lines().next().unwrap();
    assert!(header.contains("current 2.7"), "{text}");
    let row = text.lines().find(|l| l.contains("plan-govern")).unwrap();
    // The row shows the same view as the header (the combined mean 2.7), not Ann's own 1.
    assert!(row.contains("2.7"), "row shows the combined value: {row}");
    assert!(!row.trim_start_matches('│').trim_start().starts_with('1'), "{row}");
}

fn accessible(mut s: AppState) -> AppState {
    let t = s.ui.theme();
    s.ui.set_theme(crate::tui::theme::Theme { accessible: true, ..t });
    s
}

fn no_box_drawing(text: &str, what: &str) {
    let bad: Vec<char> = text.chars().filter(|c| ('\u{2500}'..='\u{259F}').contains(c)).collect();
    assert!(bad.is_empty(), "{what}: box drawing or shading {bad:?}\n{text}");
}

/// Where the real cursor is, if the frame placed it.
fn cursor(s: &AppState, w: u16, h: u16) -> Option<Position> {
    let mut t = draw(s, w, h);
    let shown = t.backend_mut().cursor_visible();
    shown.then(|| t.get_cursor_position().unwrap())
}

#[test]
fn accessible_screens_have_no_decoration_and_the_cursor_on_the_focus() {
    let mut s = accessible(answered());
    for (name, go) in [("main", ""), ("heatmap", "h"), ("help", "?"), ("navigator", "o"), ("search", "/policy")] {
        if name != "main" {
            keys(&mut s, go);
        }
        for (w, h) in SIZES {
            let text = screen(&s, w, h);
            no_box_drawing(&text, &format!("{name} {w}x{h}"));
            let at = cursor(&s, w, h).unwrap_or_else(|| panic!("{name} {w}x{h}: no cursor\n{text}"));
            assert!(at.y < h && at.x < w, "{name}: {at:?}");
            insta::assert_snapshot!(format!("accessible_{name}_{w}x{h}"), text);
        }
        handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        if name == "search" {
            // Esc closed the search; the card is back.
            assert!(s.ui.screen().is_none());
        }
    }
}

/// The workshop view on a screen reader: its sections are titled lines, not rules.
#[test]
fn accessible_workshop_view_has_no_box_drawing() {
    let mut s = accessible(answered());
    keys(&mut s, "w");
    for (w, h) in SIZES {
        let text = screen(&s, w, h);
        no_box_drawing(&text, &format!("workshop {w}x{h}"));
        assert!(text.contains("Levels:") && text.contains("Participants:"), "{text}");
    }
}

#[test]
fn accessible_heatmap_is_a_text_table_with_the_cursor_on_the_selected_cell() {
    let mut s = accessible(answered());
    keys(&mut s, "h");
    handle_key(&mut s, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    let text = screen(&s, 120, 40);
    // One line per cell, in words: phase, function, score, level name, answered, target.
    let row = text.lines().find(|l| l.contains("Do") && l.contains("Govern")).unwrap();
    assert!(row.contains("0/1") && row.contains("not answered"), "{row}");
    let plan = text.lines().find(|l| l.contains("Plan") && l.contains("Govern")).unwrap();
    assert!(plan.contains("3.0") && plan.contains("Defined") && plan.contains("target 3"), "{plan}");
    let at = cursor(&s, 120, 40).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let focused = lines[usize::from(at.y)];
    // The heatmap opened on the card's cell (Plan × Measure); Down moved to Do × Measure.
    assert!(focused.starts_with("\"> Do") && focused.contains("Measure"), "cursor on {focused:?}\n{text}");
}

/// Issue 17: on the card the real cursor sits on the focused level line (the level answered,
/// else the first), and a prompt in the status bar has no drawn caret: the cursor is there.
#[test]
fn accessible_card_cursor_is_on_the_level_and_prompts_use_the_real_cursor() {
    let mut s = accessible(crate::tui::testing::mini_state());
    let row_at = |s: &AppState, w: u16, h: u16| {
        let text = screen(s, w, h);
        let at = cursor(s, w, h).unwrap_or_else(|| panic!("{w}x{h}: no cursor\n{text}"));
        (at, text.lines().nth(usize::from(at.y)).unwrap().to_owned(), text)
    };
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let (_, row, text) = row_at(&s, w, h);
        assert!(row.contains("  0 "), "{w}x{h}: unanswered, the first level has the cursor: {row}\n{text}");
    }
    keys(&mut s, "3k");
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let (_, row, text) = row_at(&s, w, h);
        assert!(row.contains("▶ 3 "), "{w}x{h}: the cursor on the level answered: {row}\n{text}");
    }
    keys(&mut s, "lab");
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let (at, row, text) = row_at(&s, w, h);
        assert_eq!(at.y, h - 1, "{w}x{h}: the cursor in the status bar\n{text}");
        assert!(!row.contains('▏'), "{w}x{h}: no drawn caret: {row}");
        let before: String = row.chars().skip(1).take(usize::from(at.x)).collect();
        assert!(before.ends_with("Log: ab"), "{w}x{h}: cursor after the typed text: {before:?}\n{row}");
    }
}

/// Issue 17: the SoA's "why not applicable" line has no drawn caret in accessible mode; the
/// real cursor sits after what was typed.
#[test]
fn accessible_soa_justification_uses_the_real_cursor() {
    let mut s = accessible(crate::tui::testing::mini_state());
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT));
    keys(&mut s, "nab");
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let text = screen(&s, w, h);
        assert!(!text.contains('▏'), "{w}x{h}: no drawn caret\n{text}");
        let at = cursor(&s, w, h).unwrap_or_else(|| panic!("{w}x{h}: no cursor\n{text}"));
        let row = text.lines().nth(usize::from(at.y)).unwrap();
        let before: String = row.chars().skip(1).take(usize::from(at.x)).collect();
        assert!(before.ends_with("> ab"), "{w}x{h}: cursor after the typed text: {before:?}\n{text}");
    }
}
