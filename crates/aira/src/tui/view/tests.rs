//! Whole-screen snapshots on a TestBackend: every screen at 80×24, 120×40 and 20×5, plus the
//! main screen at 100×30. Text snapshots; colour is checked where it carries meaning.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

use crate::tui::state::AppState;
use crate::tui::testing::mini_state;
use crate::tui::update::{handle_key, saved};

pub(super) fn draw(s: &AppState, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::render(s, f)).unwrap();
    t
}

pub(super) fn screen(s: &AppState, w: u16, h: u16) -> String {
    format!("{}", draw(s, w, h).backend())
}

pub(super) fn keys(s: &mut AppState, keys: &str) {
    for c in keys.chars() {
        handle_key(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
}

/// A state with a few answers, a note, a flag and a saved marker: what a real session shows.
pub(super) fn answered() -> AppState {
    let mut s = mini_state();
    keys(&mut s, "32");
    keys(&mut s, "e");
    keys(&mut s, "Asked the CISO: policy drafted, not approved.");
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut s, "f4n");
    for _ in 0..6 {
        saved(&mut s, Ok("10:00:01".into()));
    }
    keys(&mut s, "kk");
    s
}

#[test]
fn main_screen_100x30() {
    insta::assert_snapshot!(screen(&answered(), 100, 30));
}

const SIZES: [(u16, u16); 3] = [(80, 24), (120, 40), (20, 5)];

fn all_sizes(name: &str, s: &AppState) {
    for (w, h) in SIZES {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(s, w, h));
    }
}

#[test]
fn main_screen() {
    all_sizes("main", &answered());
}

#[test]
fn help_screen() {
    let mut s = answered();
    keys(&mut s, "?");
    all_sizes("help", &s);
}

#[test]
fn heatmap_screen_and_cell_list() {
    let mut s = answered();
    keys(&mut s, "h");
    all_sizes("heatmap", &s);
    handle_key(&mut s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    all_sizes("cell_list", &s);
}

#[test]
fn search_screen() {
    let mut s = answered();
    keys(&mut s, "/policy");
    all_sizes("search", &s);
}

#[test]
fn note_editor_screen() {
    let mut s = answered();
    keys(&mut s, "e");
    all_sizes("note", &s);
}

#[test]
fn no_colour_heatmap_uses_shading() {
    let mut s = answered();
    s.ui.set_theme(crate::tui::theme::Theme { color: false, ..s.ui.theme() });
    keys(&mut s, "h");
    let text = screen(&s, 80, 24);
    assert!(text.contains('▓') || text.contains('█') || text.contains('▒') || text.contains('░'), "{text}");
    insta::assert_snapshot!("heatmap_no_colour_80x24", text);
}

#[test]
fn heatmap_colours_follow_levels() {
    let s = answered();
    let t = draw(&s, 120, 40);
    let buf = t.backend().buffer();
    // Plan × Govern holds level 3 (of 0..5): a middle colour; an unanswered cell has no fill.
    let cells: Vec<Color> = buf.content().iter().filter(|c| c.symbol() == "3").map(|c| c.bg).collect();
    assert!(cells.contains(&Color::LightGreen) || cells.contains(&Color::Yellow), "{cells:?}");
}

#[test]
fn tiny_terminals_say_so_and_never_panic() {
    let s = answered();
    for (w, h) in [(1, 1), (39, 11), (40, 11), (1, 50), (200, 1)] {
        let text = screen(&s, w, h);
        if w >= 20 && h >= 2 {
            assert!(text.contains("too small"), "{w}x{h}: {text}");
        }
    }
    assert!(!screen(&s, 40, 12).contains("too small"));
}

#[test]
fn navigator_screen() {
    let mut s = answered();
    keys(&mut s, "o");
    all_sizes("navigator", &s);
    keys(&mut s, "u");
    insta::assert_snapshot!("navigator_unanswered_120x40", screen(&s, 120, 40));
}

#[test]
fn quick_profile_walk_shows_the_filter() {
    let mut s = answered();
    keys(&mut s, "p");
    insta::assert_snapshot!("main_quick_120x40", screen(&s, 120, 40));
}

#[test]
fn themes_keep_text_readable() {
    use crate::tui::theme::{Palette, Theme};
    for palette in [Palette::Dark, Palette::Light, Palette::HighContrast] {
        let mut s = answered();
        s.ui.set_theme(Theme { palette, color: true, accessible: false });
        keys(&mut s, "/policy");
        let t = draw(&s, 120, 40);
        for cell in t.backend().buffer().content() {
            // No text drawn in the same colour as its background, in any palette.
            assert!(cell.symbol() == " " || cell.fg != cell.bg || cell.fg == Color::Reset, "{palette:?}: {cell:?}");
        }
        if palette == Palette::HighContrast {
            assert!(
                t.backend().buffer().content().iter().all(|c| c.fg != Color::Gray && c.fg != Color::DarkGray),
                "no dim text"
            );
        }
    }
}

#[test]
fn roadmap_and_soa_screens() {
    let mut s = answered();
    keys(&mut s, "R");
    all_sizes("roadmap", &s);
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut s, "A");
    handle_key(&mut s, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
    keys(&mut s, "n");
    keys(&mut s, "Covered by the group policy");
    all_sizes("soa", &s);
}

/// Three workshop participants who disagree on the first question.
pub(super) fn workshop() -> AppState {
    use aira_core::assessment::Respondent;
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| {
        a.respondents[0].name = "Ann (CISO)".into();
        a.respondents.push(Respondent::new("bo", "Bo (data science)"));
        a.respondents.push(Respondent::new("cy", "Cy (legal)"));
    });
    for (who, level) in [(0, '1'), (1, '4'), (2, '3')] {
        s.session.select_respondent(who);
        keys(&mut s, &format!("g{level}"));
    }
    s.session.select_respondent(2);
    keys(&mut s, "g");
    for _ in 0..3 {
        saved(&mut s, Ok("10:00:01".into()));
    }
    s
}

#[test]
fn consensus_on_the_card_and_workshop_mode() {
    let mut s = workshop();
    let text = screen(&s, 100, 30);
    assert!(text.contains("Respondents: Ann (CISO) 1 · Bo (data science) 4 · Cy (legal) 3"), "{text}");
    assert!(text.contains("spread 3"), "{text}");
    assert!(text.contains("2.7!"), "strong disagreement is marked in the heatmap: {text}");
    keys(&mut s, "w");
    all_sizes("workshop", &s);
}

#[test]
fn disagreement_and_trend_views() {
    let mut s = workshop();
    keys(&mut s, "hvvv");
    insta::assert_snapshot!("heatmap_disagreement_80x24", screen(&s, 80, 24));
    s.session.set_baseline(Some(s.session.scores().clone()));
    keys(&mut s, "q");
    s.session.select_respondent(0);
    keys(&mut s, "g5");
    keys(&mut s, "hvvvv");
    let text = screen(&s, 80, 24);
    assert!(text.contains("change since baseline") && text.contains("+1.3"), "{text}");
}

#[test]
fn hints_help_and_prompts_follow_the_keymap() {
    let mut s = answered();
    let user = "[normal]\nheatmap = [\"H\"]\ntarget_4 = [[\"T\", \"4\"]]\n[input]\nsubmit = [\"ctrl-j\"]\n";
    s.ui.set_keymap(crate::tui::keymap::Keymap::load(Some(("user.toml", user))).unwrap());
    let text = screen(&s, 120, 40);
    assert!(text.contains("H heatmap"), "{text}");
    keys(&mut s, "?");
    let help = super::help::lines(&s).iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(help.contains("H                 Full-screen heatmap"), "{help}");
    assert!(help.contains("t                 Set the target: press t, then a level"), "{help}");
    assert!(help.contains("T 4               Set the target to 4"), "a chord moved elsewhere keeps its line: {help}");
    assert!(help.contains("Cycle heatmap view: current, target, gap, disagreement, change since baseline"));
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut s, "t");
    assert!(super::status::hints(&s).starts_with("0-5 target · x clear target"), "{}", super::status::hints(&s));
    keys(&mut s, "q");
    keys(&mut s, "l");
    assert_eq!(super::status::hints(&s), "Log: ▏  (Ctrl-J keeps it, Esc drops it)");
}

#[test]
fn respondents_picker_screen() {
    let mut s = workshop();
    // Shift-P, as the shipped keymap binds it; the current respondent (Cy) is marked.
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('P'), KeyModifiers::SHIFT));
    let text = screen(&s, 80, 24);
    assert!(text.contains("▶ Cy (legal)") && text.contains("Ann (CISO)"), "{text}");
    all_sizes("respondents", &s);
}
