//! Key handling through `update`, with no terminal: every action and mode.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::state::AppState;
use crate::tui::testing::mini_state;
use crate::tui::update::plans;
use aira_core::assessment::{Respondent, Value};

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(c: KeyCode) -> KeyEvent {
    KeyEvent::new(c, KeyModifiers::NONE)
}

fn press(s: &mut AppState, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| handle_key(s, key(c))).collect()
}

fn saves(fx: &[Effect]) -> Vec<&aira_store::workspace::Change> {
    fx.iter().filter_map(|e| if let Effect::Save(c) = e { Some(c.as_ref()) } else { None }).collect()
}

#[test]
fn digits_set_level_advance_and_update_heatmap() {
    let mut s = mini_state();
    let fx = press(&mut s, "3");
    let c = saves(&fx);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].question, "plan-govern-policy");
    assert_eq!(c[0].new.as_ref().unwrap().value, Some(Value::Level(3)));
    assert_eq!(c[0].new.as_ref().unwrap().answered_by, "tester");
    assert_eq!(s.cursor, 1);
    let cell =
        s.scores.cell(Some(aira_core::questionnaire::Phase::Plan), Some(aira_core::questionnaire::Function::Govern));
    assert_eq!(cell.unwrap().tally.score, Some(3.0));
    assert_eq!(s.save.pending, 1);
    assert_eq!(s.save_label(), "Saving…");
    saved(&mut s, Ok("10:00:01".into()));
    assert_eq!(s.save_label(), "Saved 10:00:01");
}

#[test]
fn level_outside_scale_is_refused() {
    let mut s = mini_state();
    s.questionnaire.scale.max = 3;
    assert!(press(&mut s, "5").is_empty());
    assert!(s.flash.as_deref().unwrap().contains("Levels run from 0 to 3"));
}

#[test]
fn na_and_clear() {
    let mut s = mini_state();
    press(&mut s, "n");
    assert_eq!(s.assessment.respondents[0].answer("plan-govern-policy").unwrap().value, Some(Value::NotApplicable));
    press(&mut s, "k");
    let fx = press(&mut s, "x");
    assert_eq!(saves(&fx)[0].new, None, "clearing the only field removes the answer");
    assert!(s.assessment.respondents[0].answer("plan-govern-policy").is_none());
}

#[test]
fn movement_keys_clamp() {
    let mut s = mini_state();
    press(&mut s, "kkk");
    assert_eq!(s.cursor, 0);
    handle_key(&mut s, code(KeyCode::Down));
    press(&mut s, "j");
    assert_eq!(s.cursor, 2);
    handle_key(&mut s, code(KeyCode::End));
    assert_eq!(s.cursor, 15);
    press(&mut s, "j");
    assert_eq!(s.cursor, 15);
    handle_key(&mut s, code(KeyCode::PageUp));
    assert_eq!(s.cursor, 5);
    press(&mut s, "g");
    assert_eq!(s.cursor, 0);
}

#[test]
fn target_then_digit_and_flag() {
    let mut s = mini_state();
    let fx = press(&mut s, "t4");
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().target, Some(4));
    assert_eq!(s.cursor, 0, "setting a target does not move on");
    press(&mut s, "f");
    assert!(s.current_answer().unwrap().flag);
    press(&mut s, "t");
    assert_eq!(s.mode, Mode::Target);
    press(&mut s, "q");
    assert_eq!(s.mode, Mode::Normal, "a non-digit cancels target entry and does not quit");
}

#[test]
fn note_editing_keeps_text_on_esc_and_ctrl_s() {
    let mut s = mini_state();
    press(&mut s, "e");
    assert_eq!(s.mode, Mode::Note);
    press(&mut s, "Asked the CISO; q and 3 are text here");
    let fx = handle_key(&mut s, code(KeyCode::Esc));
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().note, "Asked the CISO; q and 3 are text here");
    assert_eq!(s.cursor, 0);
    press(&mut s, "e");
    handle_key(&mut s, code(KeyCode::Enter));
    press(&mut s, "second line");
    let fx = handle_key(&mut s, KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().note, "Asked the CISO; q and 3 are text here\nsecond line");
}

#[test]
fn paste_goes_to_the_note_only_and_is_capped() {
    let mut s = mini_state();
    assert!(handle_paste(&mut s, "12345").is_empty());
    assert!(s.current_answer().is_none(), "a paste outside the editor answers nothing");
    press(&mut s, "e");
    let big = "x".repeat(MAX_NOTE_BYTES + 10);
    handle_paste(&mut s, &big);
    assert!(s.flash.as_deref().unwrap().contains("1 MB"));
    let fx = handle_key(&mut s, code(KeyCode::Esc));
    assert!(saves(&fx)[0].new.as_ref().unwrap().note.len() <= MAX_NOTE_BYTES);
}

#[test]
fn undo_restores_the_previous_answer() {
    let mut s = mini_state();
    press(&mut s, "2k4k");
    assert_eq!(s.current_answer().unwrap().level(), Some(4));
    let fx = press(&mut s, "u");
    let c = saves(&fx)[0];
    assert_eq!(c.kind, "undo");
    assert_eq!(s.current_answer().unwrap().level(), Some(2));
    press(&mut s, "u");
    assert!(s.current_answer().is_none());
    press(&mut s, "u");
    assert_eq!(s.flash.as_deref(), Some("Nothing to undo"));
}

#[test]
fn search_finds_and_jumps() {
    let mut s = mini_state();
    press(&mut s, "/");
    press(&mut s, "inventory");
    assert!(!search_hits(&s).is_empty());
    handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(s.current_question().unwrap().id, "do-map-inventory");
    press(&mut s, "/");
    handle_key(&mut s, code(KeyCode::Esc));
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn heatmap_drill_down_jumps_to_a_question() {
    let mut s = mini_state();
    press(&mut s, "h");
    assert!(matches!(s.mode, Mode::Heatmap { row: 0, col: 0, .. }));
    handle_key(&mut s, code(KeyCode::Down));
    handle_key(&mut s, code(KeyCode::Right));
    press(&mut s, "v");
    assert!(matches!(s.mode, Mode::Heatmap { row: 1, col: 1, view: HeatView::Target }));
    handle_key(&mut s, code(KeyCode::Enter));
    assert!(matches!(s.mode, Mode::CellList { .. }));
    handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(s.current_question().unwrap().id, "do-map-inventory");
}

#[test]
fn help_opens_and_closes_and_quit_quits() {
    let mut s = mini_state();
    press(&mut s, "?");
    assert!(matches!(s.mode, Mode::Help { .. }));
    press(&mut s, "j");
    press(&mut s, "?");
    assert_eq!(s.mode, Mode::Normal);
    assert_eq!(press(&mut s, "q"), vec![Effect::Quit]);
    assert_eq!(handle_key(&mut s, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), vec![Effect::Quit]);
}

#[test]
fn read_only_refuses_changes() {
    let mut s = mini_state();
    s.read_only = Some("open in another aira (pid 1 on host)".into());
    assert!(press(&mut s, "3").is_empty());
    assert!(s.flash.as_deref().unwrap().starts_with("Read-only"));
    assert_eq!(s.save_label(), "Read-only");
}

#[test]
fn respondent_switch() {
    let mut s = mini_state();
    s.assessment.respondents.push(Respondent::new("ann", "Ann"));
    press(&mut s, "r");
    assert_eq!(s.current_respondent().id, "ann");
    let fx = press(&mut s, "2");
    assert_eq!(saves(&fx)[0].respondent.id, "ann");
}

#[test]
fn confirming_the_same_level_moves_on_without_a_save() {
    let mut s = mini_state();
    press(&mut s, "3k");
    assert_eq!(s.cursor, 0);
    let fx = press(&mut s, "3");
    assert!(saves(&fx).is_empty());
    assert_eq!(s.cursor, 1);
}

#[test]
fn quick_filter_defines_the_walk() {
    let mut s = mini_state();
    press(&mut s, "j");
    press(&mut s, "p");
    // Only the first mini question is in the quick profile: the cursor returns to it.
    assert_eq!(s.current_question().unwrap().id, "plan-govern-policy");
    press(&mut s, "j");
    assert_eq!(s.cursor, 0, "nothing else in the walk");
    press(&mut s, "p");
    press(&mut s, "j");
    assert_eq!(s.cursor, 1);
}

#[test]
fn unanswered_filter_skips_answered_questions() {
    let mut s = mini_state();
    press(&mut s, "2");
    press(&mut s, "g");
    press(&mut s, "o");
    press(&mut s, "u");
    assert!(matches!(s.mode, Mode::Navigator { .. }));
    assert_eq!(s.cursor, 1, "the answered first question is filtered out");
    press(&mut s, "q");
    assert_eq!(s.mode, Mode::Normal);
    press(&mut s, "3");
    assert_eq!(s.cursor, 2, "answering moves to the next unanswered");
    press(&mut s, "k");
    assert_eq!(s.cursor, 2, "answered questions are out of the walk");
}

#[test]
fn navigator_enter_jumps_and_headers_jump_to_their_first_question() {
    let mut s = mini_state();
    press(&mut s, "o");
    // Row 0 is the Plan header, row 1 Govern, row 2 its question.
    for _ in 0..10 {
        press(&mut s, "k");
    }
    handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(s.cursor, 0);
    press(&mut s, "o");
    // The selection starts on the cursor's row (2); two down is the Map question.
    press(&mut s, "jj");
    handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(s.current_question().unwrap().id, "plan-map-context");
}

#[test]
fn role_filter_needs_a_role() {
    let mut s = mini_state();
    press(&mut s, "o");
    press(&mut s, "r");
    assert!(s.flash.as_deref().unwrap().contains("has no role"));
    assert!(!s.filter.role);
    s.assessment.respondents[0].role = "executive".into();
    press(&mut s, "r");
    assert!(s.filter.role);
    assert_eq!(s.current_question().unwrap().id, "plan-govern-policy");
}

#[test]
fn mouse_toggle_and_clicks() {
    use crossterm::event::{MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    let mut s = mini_state();
    let area = Rect::new(0, 0, 120, 40);
    let ev = |kind, column, row| MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE };
    handle_mouse(&mut s, ev(MouseEventKind::ScrollDown, 60, 10), area);
    assert_eq!(s.card_scroll, 3);
    // Click the fourth navigator row (Plan, Govern, q0, Map, q1 …) → question 1.
    handle_mouse(&mut s, ev(MouseEventKind::Down(crossterm::event::MouseButton::Left), 5, 5), area);
    assert_eq!(s.cursor, 1);
    assert_eq!(press(&mut s, "m"), vec![Effect::Mouse(false)]);
    handle_mouse(&mut s, ev(MouseEventKind::ScrollDown, 60, 10), area);
    assert_eq!(s.card_scroll, 0, "mouse off: the terminal owns the mouse");
}

#[test]
fn roadmap_lists_gaps_and_jumps() {
    let mut s = mini_state();
    press(&mut s, "1"); // q0 at 1, default target 3: a gap of 2 (weight 2)
    press(&mut s, "2"); // q1 at 2: a gap of 1
    press(&mut s, "R");
    assert!(matches!(s.mode, Mode::Roadmap { selected: 0 }));
    let items = plans::roadmap_items(&s);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].1.id, "plan-govern-policy", "largest weighted gap first");
    assert_eq!(s.plans.roadmap, items, "the screen's list is built when it opens");
    press(&mut s, "G"); // not bound in lists: ignored
    handle_key(&mut s, code(KeyCode::Down));
    handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(s.current_question().unwrap().id, "plan-map-context");
}

#[test]
fn soa_not_applicable_needs_a_justification() {
    let mut s = mini_state();
    press(&mut s, "A");
    assert!(matches!(s.mode, Mode::Soa { selected: 0, justification: None }));
    press(&mut s, "n");
    assert!(matches!(s.mode, Mode::Soa { justification: Some(_), .. }));
    let fx = handle_key(&mut s, code(KeyCode::Enter));
    assert!(fx.is_empty());
    assert!(s.flash.as_deref().unwrap().contains("needs a justification"));
    press(&mut s, "No AI policy separate from the group policy");
    let fx = handle_key(&mut s, code(KeyCode::Enter));
    assert_eq!(
        fx,
        vec![Effect::SaveSoa {
            control: "A.2.2".into(),
            applicable: false,
            justification: "No AI policy separate from the group policy".into()
        }]
    );
    assert!(!s.meta.soa["A.2.2"].applicable);
    assert!(!s.plans.soa[0].applicable, "the screen's rows follow the decision");
    assert_eq!(s.plans.soa[0].justification, "No AI policy separate from the group policy");
    let fx = press(&mut s, "y");
    assert!(matches!(&fx[0], Effect::SaveSoa { applicable: true, .. }));
    assert!(s.plans.soa[0].applicable);
    press(&mut s, "q");
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn every_action_in_every_mode_is_safe() {
    use crate::tui::action::Action;
    let modes = |s: &AppState| {
        vec![
            Mode::Normal,
            Mode::Target,
            Mode::Help { scroll: 0 },
            Mode::Heatmap { row: 0, col: 0, view: HeatView::Current },
            Mode::CellList { row: 4, col: 4, view: HeatView::Gap, selected: 9 },
            Mode::Search { query: "zz".into(), selected: 3 },
            Mode::Navigator { selected: 999 },
            Mode::Roadmap { selected: 50 },
            Mode::Soa { selected: 37, justification: None },
            Mode::Note,
        ]
        .into_iter()
        .filter(move |m| *m != Mode::Note || s.editor.is_some())
        .collect::<Vec<_>>()
    };
    for &action in Action::ALL {
        let mut s = mini_state();
        for mode in modes(&s) {
            s.mode = mode;
            let _ = update(&mut s, action);
            assert!(s.cursor < s.questionnaire.questions.len());
        }
    }
}

#[test]
fn next_unanswered_scroll_suspend_and_filters() {
    let mut s = mini_state();
    press(&mut s, "2");
    press(&mut s, "g");
    handle_key(&mut s, code(KeyCode::Tab));
    assert_eq!(s.cursor, 1, "Tab skips the answered first question");
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('e'), KeyModifiers::CONTROL));
    assert_eq!(s.card_scroll, 1);
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('y'), KeyModifiers::CONTROL));
    assert_eq!(s.card_scroll, 0);
    assert_eq!(handle_key(&mut s, KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL)), vec![Effect::Suspend]);
    press(&mut s, "f");
    press(&mut s, "o");
    press(&mut s, "f");
    assert!(s.filter.flagged);
    assert_eq!(s.cursor, 1, "the flagged question stays in view");
    press(&mut s, "a");
    assert!(s.filter.is_all());
}

#[test]
fn agreed_level_wins_and_is_saved() {
    let mut s = mini_state();
    s.assessment.respondents.push(Respondent::new("bo", "Bo"));
    press(&mut s, "1g");
    s.respondent = 1;
    press(&mut s, "5g");
    let cell = |s: &AppState| {
        s.scores
            .cell(Some(aira_core::questionnaire::Phase::Plan), Some(aira_core::questionnaire::Function::Govern))
            .unwrap()
            .tally
            .score
    };
    assert_eq!(cell(&s), Some(3.0), "the mean of 1 and 5");
    let fx = press(&mut s, "a4");
    assert_eq!(fx, vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: Some(Value::Level(4)) }]);
    assert_eq!(cell(&s), Some(4.0), "the agreed level wins");
    let fx = press(&mut s, "ax");
    assert_eq!(fx, vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: None }]);
    assert_eq!(cell(&s), Some(3.0));
    assert!(press(&mut s, "az").is_empty(), "any other key cancels");
    assert_eq!(s.mode, Mode::Normal);
}

#[test]
fn log_lines_are_timestamped_and_saved_with_the_answer() {
    let mut s = mini_state();
    press(&mut s, "l");
    press(&mut s, "Ann: the board saw it in March");
    handle_paste(&mut s, " (minutes\nattached)");
    let fx = handle_key(&mut s, code(KeyCode::Enter));
    let log = &saves(&fx)[0].new.as_ref().unwrap().log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].text, "Ann: the board saw it in March (minutes attached)");
    assert_eq!((log[0].at.as_str(), log[0].by.as_str()), ("2026-11-22T10:00:00.000+00:00", "tester"));
    assert_eq!(s.cursor, 0, "logging does not move on");
    press(&mut s, "l");
    assert!(handle_key(&mut s, code(KeyCode::Esc)).is_empty());
    assert_eq!(s.current_answer().unwrap().log.len(), 1);
}

#[test]
fn a_failing_disk_is_shown_and_the_answer_stays_in_memory() {
    let mut s = mini_state();
    press(&mut s, "3");
    saved(&mut s, Err("answers/default.toml: No space left on device (os error 28)".into()));
    assert_eq!(s.save_label(), "NOT SAVED, retrying: answers/default.toml: No space left on device (os error 28)");
    assert_eq!(s.assessment.respondents[0].answer("plan-govern-policy").unwrap().level(), Some(3));
    saved(&mut s, Ok("10:00:05".into()));
    assert_eq!(s.save_label(), "Saved 10:00:05");
}

#[test]
fn respondents_are_added_and_renamed_in_the_wizard() {
    let mut s = mini_state();
    press(&mut s, "+Ann Lee");
    let fx = handle_key(&mut s, code(KeyCode::Enter));
    assert!(matches!(&fx[..], [Effect::SaveRespondent(r)] if r.id == "ann-lee" && r.name == "Ann Lee"));
    assert_eq!(s.current_respondent().id, "ann-lee");
    let fx = press(&mut s, "3");
    assert_eq!(saves(&fx)[0].respondent.id, "ann-lee");
    handle_key(&mut s, KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    press(&mut s, "-Smith");
    let fx = handle_key(&mut s, code(KeyCode::Enter));
    assert!(matches!(&fx[..], [Effect::SaveRespondent(r)] if r.id == "ann-lee" && r.name == "Ann Lee-Smith"));
    press(&mut s, "r");
    press(&mut s, "+ann lee");
    assert!(handle_key(&mut s, code(KeyCode::Enter)).is_empty(), "an existing id is switched to, not duplicated");
    assert_eq!(s.current_respondent().id, "ann-lee");
    assert_eq!(s.assessment.respondents.len(), 2);
}
