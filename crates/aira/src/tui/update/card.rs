//! The question card's actions: moving through the walk, answering, and opening the screens
//! that stack over the card.

use super::edit::{set_level, set_target, set_value, undo};
use super::interview::{open_log, open_prompt, set_agreed};
use super::navigate::{cursor_row, toggle_filter};
use super::note::start_note;
use super::{Effect, edit_answer, move_to, plans};
use crate::tui::action::Action;
use crate::tui::cursor::ListCursor;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Context;
use crate::tui::navigator;
use crate::tui::screens::{
    EvidenceScreen, FactsScreen, HeatmapScreen, HelpScreen, NavigatorScreen, RespondentsScreen, RoadmapScreen, Screen,
    SearchScreen, SoaScreen,
};
use crate::tui::state::{AppState, HeatView};
use aira_core::assessment::Value;

/// Longest search query kept (a paste beyond it is cut).
const MAX_QUERY_CHARS: usize = 200;

pub(super) fn update(s: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let n = s.session.questionnaire().questions.len();
    // Lasts one key: only the key right after an answer sees it.
    let just = s.ui.take_just_answered();
    if let Some(level) = action.level() {
        fx.extend(set_level(s, level, just));
        return;
    }
    match action {
        Action::Quit => fx.push(Effect::Quit),
        Action::Help => s.ui.open(Screen::Help(HelpScreen::default())),
        Action::Next => move_to(s, navigator::next(s, s.ui.cursor()).unwrap_or(s.ui.cursor())),
        Action::Prev => move_to(s, navigator::prev(s, s.ui.cursor()).unwrap_or(s.ui.cursor())),
        Action::PageDown => move_to(s, (s.ui.cursor() + 10).min(n.saturating_sub(1))),
        Action::PageUp => move_to(s, s.ui.cursor().saturating_sub(10)),
        Action::First => move_to(s, 0),
        Action::Last => move_to(s, n.saturating_sub(1)),
        Action::NextUnanswered => match s.session.first_unanswered_from(s.ui.cursor() + 1) {
            Some(i) => move_to(s, i),
            None => s.ui.set_flash(Some("Every question has an answer".into())),
        },
        Action::ScrollDown => s.ui.scroll_card(true, 1),
        Action::ScrollUp => s.ui.scroll_card(false, 1),
        Action::NotApplicable => fx.extend(set_value(s, Some(Value::NotApplicable), true, just)),
        Action::ClearLevel => fx.extend(set_value(s, None, false, None)),
        Action::SetTarget(level) => fx.extend(set_target(s, Some(level))),
        Action::ClearTarget => fx.extend(set_target(s, None)),
        Action::SetAgreed(level) => fx.extend(set_agreed(s, Some(Value::Level(level)))),
        Action::AgreeNa => fx.extend(set_agreed(s, Some(Value::NotApplicable))),
        Action::ClearAgreed => fx.extend(set_agreed(s, None)),
        Action::Flag => fx.extend(edit_answer(s, |a| a.flag = !a.flag)),
        // Right after a level key moved on, the note is for the question just answered.
        Action::EditNote => start_note(s, just.map(|j| j.question)),
        Action::Undo => fx.extend(undo(s, false)),
        Action::Redo => fx.extend(undo(s, true)),
        Action::Search => s.ui.open(Screen::Search(SearchScreen {
            query: LineInput::new(Limit::Chars(MAX_QUERY_CHARS)),
            cursor: ListCursor::default(),
            hits: Vec::new(),
            matching: None,
        })),
        Action::Navigator => s.ui.open(Screen::Navigator(NavigatorScreen { cursor: ListCursor::at(cursor_row(s)) })),
        Action::Roadmap => {
            let items = plans::roadmap_items(s);
            s.ui.open(Screen::Roadmap(RoadmapScreen { items, cursor: ListCursor::default(), typing: None }));
        }
        Action::AddRespondent => open_prompt(s, false),
        Action::RenameRespondent => open_prompt(s, true),
        Action::LogLine => open_log(s),
        Action::AddEvidence | Action::EditFacts => match s.session.read_only() {
            Some(why) => s.ui.set_flash(Some(format!("Read-only: {why}"))),
            None if action == Action::EditFacts => s.ui.open(Screen::Facts(FactsScreen::new(s.session.meta()))),
            None if s.current_question().is_some() => s.ui.open(Screen::Evidence(EvidenceScreen::new(s.ui.cursor()))),
            None => {}
        },
        Action::Workshop => {
            let on = s.ui.toggle_workshop();
            let (next, leave) = (
                s.ui.key_name(Context::Normal, Action::NextRespondent),
                s.ui.key_name(Context::Normal, Action::Workshop),
            );
            s.ui.set_flash(Some(if on {
                format!("Workshop view: {next} switches participant, {leave} leaves")
            } else {
                "Workshop view off".into()
            }));
        }
        Action::Soa => {
            let rows = s.session.soa_rows(true);
            s.ui.open(Screen::Soa(SoaScreen { rows, cursor: ListCursor::default(), typing: None, owner: None }));
        }
        Action::FilterUnanswered
        | Action::FilterFlagged
        | Action::FilterRole
        | Action::FilterQuick
        | Action::FilterAll => toggle_filter(s, action),
        Action::ToggleMouse => {
            let on = s.ui.toggle_mouse();
            s.ui.set_flash(Some(
                if on { "Mouse on: click and scroll" } else { "Mouse off: select text with the mouse" }.into(),
            ));
            fx.push(Effect::Mouse(on));
        }
        Action::Heatmap => {
            let q = s.current_question();
            let row = q.and_then(|q| q.phase).map_or(0, |p| p.index());
            let col = q.and_then(|q| q.function).map_or(0, |f| f.index());
            s.ui.open(Screen::Heatmap(HeatmapScreen { row, col, view: HeatView::Current }));
        }
        Action::Respondents => {
            let cursor = ListCursor::at(s.session.respondent_index());
            s.ui.open(Screen::Respondents(RespondentsScreen { cursor }));
        }
        Action::NextRespondent => {
            s.session.next_respondent();
            s.ui.set_flash(Some(format!("Answering for {}", s.current_respondent().name)));
        }
        _ => {}
    }
}
