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
    // j k in between: `e` right after a level key would note the question just answered.
    keys(&mut s, "32jk");
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
    assert!(text.contains("range 3"), "{text}");
    assert!(text.contains("2.7!"), "strong disagreement is marked in the heatmap: {text}");
    keys(&mut s, "w");
    all_sizes("workshop", &s);
}

/// On a projector every level's meaning is readable: wrapped under itself when the rows are
/// there, else one line each that says it was cut; never clipped mid-word at the edge.
#[test]
fn workshop_level_meanings_wrap_when_there_is_room_and_say_when_cut() {
    // A built-in scale: its meanings are sentences, longer than a line.
    let mut s = crate::tui::testing::eu_state(&[]);
    keys(&mut s, "w");
    let meaning = |v: u8| s.session.questionnaire().scale.level(v).unwrap().description.clone();
    let tall = screen(&s, 120, 40);
    let last_word = |d: &str| d.split_whitespace().last().unwrap().to_owned();
    for v in 0..=5 {
        assert!(tall.contains(&last_word(&meaning(v))), "level {v} wrapped in full at 120×40: {tall}");
    }
    let small = screen(&s, 80, 24);
    for v in 0..=5u8 {
        let line = small.lines().find(|l| l.starts_with(&format!("\" {v}  "))).unwrap_or_else(|| panic!("{small}"));
        let line = line.trim_matches('"').trim_end();
        assert!(line.ends_with(meaning(v).as_str()) || line.ends_with('…'), "level {v} whole or cut with …: {line}");
    }
}

#[test]
fn disagreement_and_trend_views() {
    let mut s = workshop();
    keys(&mut s, "hvvv");
    let text = screen(&s, 80, 24);
    // A range of 3 reads "range 3" (never "±3", which says plus or minus 3), once per cell.
    assert!(!text.contains('±') && text.contains("range 3!"), "{text}");
    assert_eq!(text.matches("range 3").count(), 1, "{text}");
    insta::assert_snapshot!("heatmap_disagreement_80x24", text);
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

/// A deployer-only EU AI Act workspace: the classification card shows yes/no and its keys;
/// after answers, the heatmap (panel and full screen) shows the report's numbers and no
/// "unassigned" lane for the classification questions.
#[test]
fn eu_deployer_workspace() {
    use crate::tui::action::Action;
    use crate::tui::update::update;
    let mut s = crate::tui::testing::eu_state(&["deployer"]);
    all_sizes("eu_classification", &s);
    let first = screen(&s, 120, 40);
    assert!(first.contains("1 Yes") && first.contains("0 No") && first.contains("n Not sure"), "{first}");
    assert!(!first.contains("Not started"), "no 0–5 scale on a classification card");
    // Answer the walk: classifications no except Annex III, maturity levels in a cycle.
    let levels = [Action::Level2, Action::Level3, Action::Level1, Action::Level4];
    for n in 0..200 {
        let Some(q) = s.current_question() else { break };
        let last = s.ui.cursor();
        let a = if q.is_classification() {
            if q.id == "classify-annex-iii" { Action::Level1 } else { Action::Level0 }
        } else {
            levels[n % levels.len()]
        };
        update(&mut s, a);
        if s.ui.cursor() == last {
            break;
        }
    }
    let (q, a) = (s.session.questionnaire(), s.session.assessment());
    let narrowed = aira_core::scope::Scope::new(q, a, &s.session.meta().profiles).narrow(q).into_owned();
    let report = aira_core::scoring::score(&narrowed, &a.statuses(&narrowed), s.session.meta().aggregation);
    let overall = super::theme::score_text(report.overall.score);
    let main = screen(&s, 120, 40);
    assert!(
        main.contains(&format!(
            "Overall {overall}   {}/{} answered",
            report.overall.answered,
            report.overall.applicable()
        )),
        "{main}"
    );
    update(&mut s, Action::Heatmap);
    all_sizes("eu_heatmap", &s);
    let full = screen(&s, 120, 40);
    for c in report.cells.iter().filter(|c| c.tally.score.is_some()) {
        assert!(full.contains(&super::theme::score_text(c.tally.score)), "{full}");
    }
}

#[test]
fn soa_has_headings_a_position_and_every_control_in_reach() {
    use crate::tui::screens::Screen;
    for (w, h) in [(120, 40), (80, 24), (200, 50)] {
        let mut s = answered();
        keys(&mut s, "A");
        let controls: Vec<String> = match s.ui.screen() {
            Some(Screen::Soa(x)) => x.rows.iter().map(|r| r.control.clone()).collect(),
            _ => panic!("the SoA is open"),
        };
        assert_eq!(controls.len(), 38);
        let text = screen(&s, w, h);
        assert!(text.contains("Control") && text.contains("Status") && text.contains("Title"), "headings:\n{text}");
        assert!(text.contains(" 1–") && text.contains("of 38 "), "a scroll position:\n{text}");
        // Down reaches every control, each on screen when selected, and the position follows.
        for (n, c) in controls.iter().enumerate() {
            let text = screen(&s, w, h);
            assert!(text.contains(&format!("│{c:<8} ")), "{c} (row {n}) on screen at {w}x{h}:\n{text}");
            handle_key(&mut s, KeyEvent::new(KeyCode::Down, KeyModifiers::NONE));
        }
        let text = screen(&s, w, h);
        assert!(text.contains("–38 of 38"), "the end is shown as such at {w}x{h}:\n{text}");
        // Home and End jump; PageUp/PageDown page.
        handle_key(&mut s, KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
        assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.cursor.raw() == 0), "Home goes to the first");
        handle_key(&mut s, KeyEvent::new(KeyCode::PageDown, KeyModifiers::NONE));
        assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.cursor.raw() > 1), "PageDown pages");
        handle_key(&mut s, KeyEvent::new(KeyCode::End, KeyModifiers::NONE));
        assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.cursor.raw() == 37), "End goes to the last");
    }
}

/// The card alone, `w` columns wide: its text lines, borders stripped.
fn card_lines(s: &AppState, w: u16, h: u16) -> Vec<String> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::card::render(s, f, f.area())).unwrap();
    let b = t.backend().buffer().clone();
    (1..h - 1)
        .map(|y| (1..w - 1).map(|x| b[(x, y)].symbol().to_owned()).collect::<String>().trim_end().to_owned())
        .collect()
}

#[test]
fn the_card_header_keeps_phrases_whole_and_wrapped_notes_and_bullets_hang() {
    let mut s = mini_state();
    s.session.rebuild_with(|q, _| {
        q.questions[0].evidence = vec!["A signed policy document with its approval date and the owner named".into()];
    });
    keys(&mut s, "e");
    keys(&mut s, "First line of a long note that has to wrap on a narrow card");
    handle_key(&mut s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
    keys(&mut s, "jk");
    for w in [34u16, 40, 46, 52] {
        let lines = card_lines(&s, w, 60);
        let text = lines.join("\n");
        // The header's phrases ("Plan · Govern", "1 of 16") are never split across lines.
        assert!(text.contains("Plan · Govern"), "{w}:\n{text}");
        assert!(text.contains("1 of 16"), "{w}:\n{text}");
        let note = lines.iter().position(|l| l.starts_with("Note:")).unwrap();
        assert!(lines[note + 1].starts_with("  First line"), "{w}:\n{text}");
        assert!(lines[note + 2].starts_with("  ") && !lines[note + 2].starts_with("   "), "note hangs at {w}:\n{text}");
        let bullet = lines.iter().position(|l| l.starts_with("  • A signed")).unwrap();
        assert!(
            lines[bullet + 1].starts_with("    ") && !lines[bullet + 1].starts_with("     "),
            "a bullet's next line hangs under its text at {w}:\n{text}"
        );
    }
}

/// The room's saved reason shows with the agreed level in the workshop view: wrapped in full
/// where the rows are there (120×40, and 80×24 for this short questionnaire), else one line
/// cut with … (80×18).
#[test]
fn workshop_shows_the_agreed_levels_reason() {
    let mut s = workshop();
    keys(&mut s, "wa3");
    let why = "Board approval still missing: the policy is drafted and circulated, but the board meets in March and nobody signs before that";
    keys(&mut s, why);
    handle_key(&mut s, KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    saved(&mut s, Ok("10:00:02".into()));
    saved(&mut s, Ok("10:00:02".into()));
    let small = screen(&s, 80, 18);
    let line = small.lines().find(|l| l.contains("Agreed: 3")).unwrap_or_else(|| panic!("{small}"));
    assert!(
        line.contains("— Board approval still missing") && line.trim_matches('"').trim_end().ends_with('…'),
        "{line}"
    );
    let tall = screen(&s, 120, 40);
    let at = tall.find("Agreed: 3").unwrap_or_else(|| panic!("{tall}"));
    let words: String = tall[at..].lines().take(3).collect::<Vec<_>>().join(" ").replace('"', " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("before that"), "wrapped in full at 120×40: {tall}");
    insta::assert_snapshot!("workshop_reason_80x18", small);
    insta::assert_snapshot!("workshop_reason_80x24", screen(&s, 80, 24));
    insta::assert_snapshot!("workshop_reason_120x40", tall);
}
