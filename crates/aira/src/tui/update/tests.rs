//! `update` with no terminal: every action on every screen. Tests send actions, not keys, so
//! a changed default binding breaks the keymap's tests (and `keys_reach_actions` here), not
//! these.

use super::*;
use crate::tui::action::Action::{self, *};
use crate::tui::cursor::ListCursor;
use crate::tui::screens::{CellListScreen, HeatmapScreen, NavigatorScreen, RespondentsScreen};
use crate::tui::state::{AppState, HeatView};
use crate::tui::testing::mini_state;
use aira_core::assessment::{Respondent, Value};
use aira_core::questionnaire::Role;

fn act(s: &mut AppState, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| update(s, *a)).collect()
}

fn text(s: &mut AppState, text: &str) -> Vec<Effect> {
    text.chars().flat_map(|c| update(s, InsertChar(c))).collect()
}

/// Which screen has the keys.
fn on(s: &AppState) -> &'static str {
    match s.ui.screen() {
        None => "card",
        Some(Screen::Help(_)) => "help",
        Some(Screen::Heatmap(_)) => "heatmap",
        Some(Screen::CellList(_)) => "cell list",
        Some(Screen::Search(_)) => "search",
        Some(Screen::Note(_)) => "note",
        Some(Screen::Navigator(_)) => "navigator",
        Some(Screen::Roadmap(_)) => "roadmap",
        Some(Screen::Soa(_)) => "soa",
        Some(Screen::Prompt(_)) => "prompt",
        Some(Screen::Log(_)) => "log",
        Some(Screen::Respondents(_)) => "respondents",
        Some(Screen::Evidence(_)) => "evidence",
        Some(Screen::Facts(_)) => "facts",
    }
}

fn saves(fx: &[Effect]) -> Vec<&aira_store::workspace::Change> {
    fx.iter().filter_map(|e| if let Effect::Save(c) = e { Some(c.as_ref()) } else { None }).collect()
}

#[test]
fn digits_set_level_advance_and_update_heatmap() {
    let mut s = mini_state();
    let fx = act(&mut s, &[Level3]);
    let c = saves(&fx);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].question, "plan-govern-policy");
    assert_eq!(c[0].new.as_ref().unwrap().value, Some(Value::Level(3)));
    assert_eq!(c[0].new.as_ref().unwrap().answered_by, "tester");
    assert_eq!(s.ui.cursor(), 1);
    let cell = s
        .session
        .scores()
        .cell(Some(aira_core::questionnaire::Phase::Plan), Some(aira_core::questionnaire::Function::Govern));
    assert_eq!(cell.unwrap().tally.score, Some(3.0));
    assert_eq!(s.session.save_state().pending, 1);
    assert_eq!(s.session.save_label(), "Saving…");
    saved(&mut s, Ok("10:00:01".into()));
    assert_eq!(s.session.save_label(), "Saved 10:00:01");
}

#[test]
fn level_outside_scale_is_refused() {
    let mut s = mini_state();
    s.session.rebuild_with(|q, _| q.scale.max = 3);
    assert!(act(&mut s, &[Level5]).is_empty());
    assert!(s.ui.flash().unwrap().contains("Levels run from 0 to 3"));
    assert!(act(&mut s, &[SetTarget(7)]).is_empty());
    assert!(s.ui.flash().unwrap().contains("Target 7 is outside the scale"));
}

#[test]
fn na_and_clear() {
    let mut s = mini_state();
    act(&mut s, &[NotApplicable]);
    assert_eq!(
        s.session.assessment().respondents[0].answer("plan-govern-policy").unwrap().value,
        Some(Value::NotApplicable)
    );
    act(&mut s, &[Prev]);
    let fx = act(&mut s, &[ClearLevel]);
    assert_eq!(saves(&fx)[0].new, None, "clearing the only field removes the answer");
    assert!(s.session.assessment().respondents[0].answer("plan-govern-policy").is_none());
}

#[test]
fn movement_clamps() {
    let mut s = mini_state();
    act(&mut s, &[Prev, Prev, Prev]);
    assert_eq!(s.ui.cursor(), 0);
    act(&mut s, &[Next, Next]);
    assert_eq!(s.ui.cursor(), 2);
    act(&mut s, &[Last]);
    assert_eq!(s.ui.cursor(), 15);
    act(&mut s, &[Next]);
    assert_eq!(s.ui.cursor(), 15);
    act(&mut s, &[PageUp]);
    assert_eq!(s.ui.cursor(), 5);
    act(&mut s, &[First]);
    assert_eq!(s.ui.cursor(), 0);
}

#[test]
fn target_and_flag() {
    let mut s = mini_state();
    let q = "plan-govern-policy".to_owned();
    let fx = act(&mut s, &[SetTarget(4)]);
    assert_eq!(fx, vec![Effect::SaveTarget { question: q.clone(), level: Some(4) }]);
    assert_eq!(s.session.assessment().targets.get(&q), Some(&4), "one target for the engagement");
    assert_eq!(s.session.target(0), Some(4.0), "the scoring room's target follows");
    assert_eq!(s.ui.cursor(), 0, "setting a target does not move on");
    act(&mut s, &[Flag]);
    assert!(s.current_answer().unwrap().flag);
    assert!(act(&mut s, &[SetTarget(4)]).is_empty(), "the same target again saves nothing");
    let fx = act(&mut s, &[ClearTarget]);
    assert_eq!(fx, vec![Effect::SaveTarget { question: q, level: None }]);
    assert_eq!(s.session.target(0), Some(3.0), "the workspace default again");
}

#[test]
fn note_editing_keeps_text() {
    let mut s = mini_state();
    act(&mut s, &[EditNote]);
    assert_eq!(on(&s), "note");
    text(&mut s, "Asked the CISO; q and 3 are text here");
    let fx = act(&mut s, &[KeepNote]);
    assert_eq!(on(&s), "card");
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().note, "Asked the CISO; q and 3 are text here");
    assert_eq!(s.ui.cursor(), 0);
    act(&mut s, &[EditNote, Newline]);
    text(&mut s, "second lime");
    act(&mut s, &[DeleteBack, DeleteBack]);
    text(&mut s, "ne");
    let fx = act(&mut s, &[KeepNote]);
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().note, "Asked the CISO; q and 3 are text here\nsecond line");
    // Quitting from the editor keeps the note first.
    act(&mut s, &[EditNote]);
    text(&mut s, "!");
    let fx = act(&mut s, &[Quit]);
    assert!(saves(&fx)[0].new.as_ref().unwrap().note.ends_with("second line!"));
    assert_eq!(fx.last(), Some(&Effect::Quit));
}

#[test]
fn paste_goes_to_the_note_only_and_is_capped() {
    let mut s = mini_state();
    assert!(handle_paste(&mut s, "12345").is_empty());
    assert!(s.current_answer().is_none(), "a paste outside the editor answers nothing");
    act(&mut s, &[EditNote]);
    let big = "x".repeat(MAX_NOTE_BYTES + 10);
    handle_paste(&mut s, &big);
    assert!(s.ui.flash().unwrap().contains("1 MB"));
    let fx = act(&mut s, &[KeepNote]);
    assert!(saves(&fx)[0].new.as_ref().unwrap().note.len() <= MAX_NOTE_BYTES);
}

#[test]
fn undo_restores_the_previous_answer() {
    let mut s = mini_state();
    act(&mut s, &[Level2, Prev, Level4, Prev]);
    assert_eq!(s.current_answer().unwrap().level(), Some(4));
    let fx = act(&mut s, &[Undo]);
    let c = saves(&fx)[0];
    assert_eq!(c.kind, "undo");
    assert_eq!(s.current_answer().unwrap().level(), Some(2));
    act(&mut s, &[Undo]);
    assert!(s.current_answer().is_none());
    act(&mut s, &[Undo]);
    assert_eq!(s.ui.flash(), Some("Nothing to undo for Default"));
}

#[test]
fn read_only_refuses_changes() {
    let mut s = mini_state();
    s.session.set_read_only(Some("open in another aira (pid 1 on host)".into()));
    assert!(act(&mut s, &[Level3]).is_empty());
    assert!(s.ui.flash().unwrap().starts_with("Read-only"));
    assert_eq!(s.session.save_label(), "Read-only");
    act(&mut s, &[LogLine, AddRespondent, EditNote]);
    assert_eq!(on(&s), "card", "nothing to type into a read-only workspace");
}

#[test]
fn respondent_switch() {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| a.respondents.push(Respondent::new("ann", "Ann")));
    act(&mut s, &[NextRespondent]);
    assert_eq!(s.current_respondent().id, "ann");
    let fx = act(&mut s, &[Level2]);
    assert_eq!(saves(&fx)[0].respondent.id, "ann");
}

#[test]
fn confirming_the_same_level_moves_on_without_a_save() {
    let mut s = mini_state();
    act(&mut s, &[Level3, Prev]);
    assert_eq!(s.ui.cursor(), 0);
    let fx = act(&mut s, &[Level3]);
    assert!(saves(&fx).is_empty());
    assert_eq!(s.ui.cursor(), 1);
}

#[test]
fn quick_filter_defines_the_walk() {
    let mut s = mini_state();
    act(&mut s, &[Next, FilterQuick]);
    // Only the first mini question is in the quick profile: the cursor returns to it.
    assert_eq!(s.current_question().unwrap().id, "plan-govern-policy");
    act(&mut s, &[Next]);
    assert_eq!(s.ui.cursor(), 0, "nothing else in the walk");
    act(&mut s, &[FilterQuick, Next]);
    assert_eq!(s.ui.cursor(), 1);
}

#[test]
fn unanswered_filter_skips_answered_questions() {
    let mut s = mini_state();
    act(&mut s, &[Level2, First, Navigator, FilterUnanswered]);
    assert_eq!(on(&s), "navigator");
    assert_eq!(s.ui.cursor(), 1, "the answered first question is filtered out");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "card");
    act(&mut s, &[Level3]);
    assert_eq!(s.ui.cursor(), 2, "answering moves to the next unanswered");
    act(&mut s, &[Prev]);
    assert_eq!(s.ui.cursor(), 2, "answered questions are out of the walk");
}

#[test]
fn navigator_select_jumps_and_headers_jump_to_their_first_question() {
    let mut s = mini_state();
    act(&mut s, &[Navigator]);
    // Row 0 is the Plan header, row 1 Govern, row 2 its question.
    act(&mut s, &[Up; 10]);
    act(&mut s, &[Select]);
    assert_eq!(s.ui.cursor(), 0);
    // The selection starts on the cursor's row (2); two down is the Map question.
    act(&mut s, &[Navigator, Down, Down, Select]);
    assert_eq!(s.current_question().unwrap().id, "plan-map-context");
}

#[test]
fn role_filter_needs_a_role() {
    let mut s = mini_state();
    act(&mut s, &[Navigator, FilterRole]);
    assert!(s.ui.flash().unwrap().contains("has no role"));
    assert!(!s.ui.filter().role);
    s.session.rebuild_with(|_, a| a.respondents[0].role = "executive".into());
    act(&mut s, &[FilterRole]);
    assert!(s.ui.filter().role);
    assert_eq!(s.current_question().unwrap().id, "plan-govern-policy");
}

#[test]
fn mouse_toggle_and_clicks() {
    use crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
    use ratatui::layout::Rect;
    let mut s = mini_state();
    let area = Rect::new(0, 0, 120, 40);
    let ev = |kind, column, row| MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE };
    handle_mouse(&mut s, ev(MouseEventKind::ScrollDown, 60, 10), area);
    assert_eq!(s.ui.card_scroll(), 3);
    // Click the fourth navigator row (Plan, Govern, q0, Map, q1 …) → question 1.
    handle_mouse(&mut s, ev(MouseEventKind::Down(MouseButton::Left), 5, 5), area);
    assert_eq!(s.ui.cursor(), 1);
    // A click on a heatmap cell lists its questions, over the full heatmap.
    handle_mouse(&mut s, ev(MouseEventKind::Down(MouseButton::Left), 100, 3), area);
    assert_eq!(on(&s), "cell list");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "heatmap");
    act(&mut s, &[Back]);
    assert_eq!(act(&mut s, &[ToggleMouse]), vec![Effect::Mouse(false)]);
    handle_mouse(&mut s, ev(MouseEventKind::ScrollDown, 60, 10), area);
    assert_eq!(s.ui.card_scroll(), 0, "mouse off: the terminal owns the mouse");
}

#[test]
fn next_unanswered_scroll_suspend_and_filters() {
    let mut s = mini_state();
    act(&mut s, &[Level2, First, NextUnanswered]);
    assert_eq!(s.ui.cursor(), 1, "skips the answered first question");
    act(&mut s, &[ScrollDown]);
    assert_eq!(s.ui.card_scroll(), 1);
    act(&mut s, &[ScrollUp]);
    assert_eq!(s.ui.card_scroll(), 0);
    assert_eq!(act(&mut s, &[Suspend]), vec![Effect::Suspend]);
    act(&mut s, &[Flag, Navigator, FilterFlagged]);
    assert!(s.ui.filter().flagged);
    assert_eq!(s.ui.cursor(), 1, "the flagged question stays in view");
    act(&mut s, &[FilterAll]);
    assert!(s.ui.filter().is_all());
}

#[test]
fn agreed_level_wins_and_is_saved() {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| a.respondents.push(Respondent::new("bo", "Bo")));
    act(&mut s, &[Level1, First]);
    s.session.select_respondent(1);
    act(&mut s, &[Level5, First]);
    let cell = |s: &AppState| {
        s.session
            .scores()
            .cell(Some(aira_core::questionnaire::Phase::Plan), Some(aira_core::questionnaire::Function::Govern))
            .unwrap()
            .tally
            .score
    };
    assert_eq!(cell(&s), Some(3.0), "the mean of 1 and 5");
    let fx = act(&mut s, &[SetAgreed(4)]);
    assert_eq!(fx, vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: Some(Value::Level(4)) }]);
    assert_eq!(cell(&s), Some(4.0), "the agreed level wins");
    let fx = act(&mut s, &[ClearAgreed]);
    assert_eq!(fx, vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: None }]);
    assert_eq!(cell(&s), Some(3.0));
    let fx = act(&mut s, &[AgreeNa]);
    assert_eq!(
        fx,
        vec![Effect::SaveAgreed { question: "plan-govern-policy".into(), value: Some(Value::NotApplicable) }]
    );
}

#[test]
fn log_lines_are_timestamped_and_saved_with_the_answer() {
    let mut s = mini_state();
    act(&mut s, &[LogLine]);
    text(&mut s, "Ann: the board saw it in March");
    handle_paste(&mut s, " (minutes\nattached)");
    let fx = act(&mut s, &[Submit]);
    let log = &saves(&fx)[0].new.as_ref().unwrap().log;
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].text, "Ann: the board saw it in March (minutes attached)");
    assert_eq!((log[0].at.as_str(), log[0].by.as_str()), ("2026-11-22T10:00:00.000+00:00", "tester"));
    assert_eq!(s.ui.cursor(), 0, "logging does not move on");
    act(&mut s, &[LogLine]);
    text(&mut s, "dropped");
    assert!(act(&mut s, &[Cancel]).is_empty());
    assert_eq!(s.current_answer().unwrap().log.len(), 1);
}

#[test]
fn a_log_line_is_edited_where_the_cursor_is() {
    let mut s = mini_state();
    act(&mut s, &[LogLine]);
    text(&mut s, "board saw it");
    act(&mut s, &[CursorHome]);
    text(&mut s, "The ");
    act(&mut s, &[CursorEnd, WordLeft, DeleteForward, DeleteForward]);
    text(&mut s, "this");
    let fx = act(&mut s, &[Submit]);
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().log[0].text, "The board saw this");
}

#[test]
fn a_failing_disk_is_shown_and_the_answer_stays_in_memory() {
    let mut s = mini_state();
    act(&mut s, &[Level3]);
    saved(&mut s, Err("answers/default.toml: No space left on device (os error 28)".into()));
    assert_eq!(
        s.session.save_label(),
        "NOT SAVED, retrying: answers/default.toml: No space left on device (os error 28)"
    );
    assert_eq!(s.session.assessment().respondents[0].answer("plan-govern-policy").unwrap().level(), Some(3));
    saved(&mut s, Ok("10:00:05".into()));
    assert_eq!(s.session.save_label(), "Saved 10:00:05");
}

#[test]
fn respondents_are_added_and_renamed_in_the_wizard() {
    let mut s = mini_state();
    act(&mut s, &[AddRespondent]);
    text(&mut s, "Ann Lee");
    let fx = act(&mut s, &[Submit]);
    assert!(matches!(&fx[..], [Effect::SaveRespondent { new: r, .. }] if r.id == "ann-lee" && r.name == "Ann Lee"));
    assert_eq!(s.current_respondent().id, "ann-lee");
    let fx = act(&mut s, &[Level3]);
    assert_eq!(saves(&fx)[0].respondent.id, "ann-lee");
    act(&mut s, &[RenameRespondent]);
    text(&mut s, "-Smith");
    let fx = act(&mut s, &[Submit]);
    assert!(
        matches!(&fx[..], [Effect::SaveRespondent { new: r, .. }] if r.id == "ann-lee" && r.name == "Ann Lee-Smith")
    );
    act(&mut s, &[NextRespondent, AddRespondent]);
    text(&mut s, "ann lee");
    assert!(act(&mut s, &[Submit]).is_empty(), "an existing id is switched to, not duplicated");
    assert_eq!(s.current_respondent().id, "ann-lee");
    assert_eq!(s.session.assessment().respondents.len(), 2);
    act(&mut s, &[AddRespondent]);
    text(&mut s, &"x".repeat(100));
    assert!(matches!(s.ui.screen(), Some(Screen::Prompt(p)) if p.input.text().len() == 80), "names stop at 80");
}

/// `name, role` in the `+` and Ctrl-R prompts: the role checked against the questionnaire's
/// vocabulary (the CLI's check), a typo kept in the prompt with the closest role suggested.
#[test]
fn the_respondent_prompts_set_a_checked_role() {
    let mut s = mini_state();
    s.session.rebuild_with(|q, _| {
        q.roles = vec![
            Role { id: "executive".into(), name: "Executive sponsor".into(), description: String::new() },
            Role { id: "risk".into(), name: "Risk manager".into(), description: String::new() },
        ];
    });
    act(&mut s, &[AddRespondent]);
    text(&mut s, "Bo Chen, risk manager");
    let fx = act(&mut s, &[Submit]);
    assert!(
        matches!(&fx[..], [Effect::SaveRespondent { new: r, .. }] if r.id == "bo-chen" && r.name == "Bo Chen" && r.role == "risk")
    );
    assert_eq!(on(&s), "card");
    act(&mut s, &[AddRespondent]);
    text(&mut s, "Cy, riks");
    assert!(act(&mut s, &[Submit]).is_empty(), "an unknown role adds nobody");
    let Some(Screen::Prompt(p)) = s.ui.screen() else { panic!("the prompt stays open on a typo") };
    assert_eq!(p.input.text(), "Cy, riks", "what was typed is kept to correct");
    assert!(p.error.as_deref().unwrap().contains("did you mean `risk` (Risk manager)?"), "{:?}", p.error);
    assert_eq!(s.session.assessment().respondents.len(), 2);
    act(&mut s, &[ClearInput]);
    assert!(act(&mut s, &[Submit]).is_empty());
    assert!(matches!(s.ui.screen(), Some(Screen::Prompt(p)) if p.error.as_deref().is_some_and(|e| e.contains("name"))));
    act(&mut s, &[Cancel]);
    // Ctrl-R shows the current role and changes it.
    act(&mut s, &[RenameRespondent]);
    assert!(matches!(s.ui.screen(), Some(Screen::Prompt(p)) if p.input.text() == "Bo Chen, risk"));
    act(&mut s, &[ClearInput]);
    text(&mut s, "Bo Chen, Executive");
    let fx = act(&mut s, &[Submit]);
    assert!(matches!(&fx[..], [Effect::SaveRespondent { new: r, .. }] if r.id == "bo-chen" && r.role == "executive"));
    act(&mut s, &[FilterRole]);
    assert!(s.ui.filter().role, "mini has an executive question");
    act(&mut s, &[FilterRole, RenameRespondent, ClearInput]);
    text(&mut s, "Bo Chen, risk");
    act(&mut s, &[Submit]);
    // No question is for the risk role: the filter would show nothing, so it says so instead.
    act(&mut s, &[FilterRole]);
    assert!(!s.ui.filter().role);
    assert!(s.ui.flash().unwrap().contains("No question here is for the role risk"), "{:?}", s.ui.flash());
}

mod evidence;
mod facts;
mod keys;
mod live;
mod nobody;
mod scope;
mod screens;
mod soa_owner;
mod undo;
mod undo_facts;
mod undo_respondent;
mod undo_roadmap;

#[test]
fn a_note_right_after_a_level_key_goes_to_the_question_just_answered() {
    let mut s = mini_state();
    act(&mut s, &[Level2]);
    assert_eq!(s.ui.cursor(), 1, "the level key moved on");
    act(&mut s, &[EditNote]);
    text(&mut s, "said two");
    let fx = act(&mut s, &[KeepNote]);
    let c = saves(&fx);
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].question, "plan-govern-policy", "the note is for the question just answered");
    assert_eq!(c[0].new.as_ref().unwrap().note, "said two");
    assert_eq!(s.ui.cursor(), 1, "the walk stays where it was");
    // Any other key in between: the note is for the question on the card.
    act(&mut s, &[Level1, Next, Prev, EditNote]);
    text(&mut s, "here");
    let fx = act(&mut s, &[KeepNote]);
    assert_eq!(saves(&fx)[0].question, s.current_question().unwrap().id);
}

#[test]
fn the_end_of_a_filtered_walk_is_said_and_no_answer_is_overwritten_silently() {
    let mut s = mini_state();
    act(&mut s, &[FilterQuick]);
    let fx = act(&mut s, &[Level2]);
    assert_eq!(saves(&fx).len(), 1);
    assert_eq!(s.ui.cursor(), 0);
    assert_eq!(s.ui.flash(), Some("End of the quick profile — 1 of 1 answered"));
    let fx = act(&mut s, &[Level3]);
    assert!(saves(&fx).is_empty(), "the next level key does not overwrite silently");
    assert!(
        s.ui.flash().unwrap().starts_with("Already 2: 3 again changes it · End of the quick profile"),
        "{:?}",
        s.ui.flash()
    );
    let fx = act(&mut s, &[Level3]);
    assert_eq!(saves(&fx)[0].new.as_ref().unwrap().value, Some(Value::Level(3)));
}
