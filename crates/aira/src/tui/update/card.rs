//! The question card's actions: moving through the walk, answering, and opening the screens
//! that stack over the card.

use super::edit::{set_level, set_target, set_value, start_note, undo};
use super::interview::{open_log, open_prompt, set_agreed};
use super::navigate::{cursor_row, toggle_filter};
use super::{Effect, edit_answer, move_to, plans};
use crate::tui::action::Action;
use crate::tui::cursor::ListCursor;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Context;
use crate::tui::navigator;
use crate::tui::screens::{HeatmapScreen, HelpScreen, NavigatorScreen, RoadmapScreen, Screen, SearchScreen, SoaScreen};
use crate::tui::state::{AppState, HeatView};
use aira_core::assessment::Value;

/// Longest search query kept (a paste beyond it is cut).
const MAX_QUERY_CHARS: usize = 200;

pub(super) fn update(s: &mut AppState, action: Action, fx: &mut Vec<Effect>) {
    let n = s.questionnaire.questions.len();
    if let Some(level) = action.level() {
        fx.extend(set_level(s, level));
        return;
    }
    match action {
        Action::Quit => fx.push(Effect::Quit),
        Action::Help => s.open(Screen::Help(HelpScreen::default())),
        Action::Next => move_to(s, navigator::next(s, s.cursor).unwrap_or(s.cursor)),
        Action::Prev => move_to(s, navigator::prev(s, s.cursor).unwrap_or(s.cursor)),
        Action::PageDown => move_to(s, (s.cursor + 10).min(n.saturating_sub(1))),
        Action::PageUp => move_to(s, s.cursor.saturating_sub(10)),
        Action::First => move_to(s, 0),
        Action::Last => move_to(s, n.saturating_sub(1)),
        Action::NextUnanswered => match s.first_unanswered_from(s.cursor + 1) {
            Some(i) => move_to(s, i),
            None => s.flash = Some("Every question has an answer".into()),
        },
        Action::ScrollDown => s.card_scroll = s.card_scroll.saturating_add(1),
        Action::ScrollUp => s.card_scroll = s.card_scroll.saturating_sub(1),
        Action::NotApplicable => fx.extend(set_value(s, Some(Value::NotApplicable), true)),
        Action::ClearLevel => fx.extend(set_value(s, None, false)),
        Action::SetTarget(level) => fx.extend(set_target(s, Some(level))),
        Action::ClearTarget => fx.extend(set_target(s, None)),
        Action::SetAgreed(level) => fx.extend(set_agreed(s, Some(Value::Level(level)))),
        Action::AgreeNa => fx.extend(set_agreed(s, Some(Value::NotApplicable))),
        Action::ClearAgreed => fx.extend(set_agreed(s, None)),
        Action::Flag => fx.extend(edit_answer(s, |a| a.flag = !a.flag)),
        Action::EditNote => start_note(s),
        Action::Undo => fx.extend(undo(s)),
        Action::Search => s.open(Screen::Search(SearchScreen {
            query: LineInput::new(Limit::Chars(MAX_QUERY_CHARS)),
            cursor: ListCursor::default(),
            hits: Vec::new(),
            matching: None,
        })),
        Action::Navigator => s.open(Screen::Navigator(NavigatorScreen { cursor: ListCursor::at(cursor_row(s)) })),
        Action::Roadmap => {
            let items = plans::roadmap_items(s);
            s.open(Screen::Roadmap(RoadmapScreen { items, cursor: ListCursor::default() }));
        }
        Action::AddRespondent => open_prompt(s, false),
        Action::RenameRespondent => open_prompt(s, true),
        Action::LogLine => open_log(s),
        Action::Workshop => {
            s.workshop = !s.workshop;
            let (next, leave) =
                (s.key_name(Context::Normal, Action::NextRespondent), s.key_name(Context::Normal, Action::Workshop));
            s.flash = Some(if s.workshop {
                format!("Workshop view: {next} switches participant, {leave} leaves")
            } else {
                "Workshop view off".into()
            });
        }
        Action::Soa => {
            let rows = plans::soa_rows(s, true);
            s.open(Screen::Soa(SoaScreen { rows, cursor: ListCursor::default(), typing: None }));
        }
        Action::FilterUnanswered
        | Action::FilterFlagged
        | Action::FilterRole
        | Action::FilterQuick
        | Action::FilterAll => toggle_filter(s, action),
        Action::ToggleMouse => {
            s.mouse = !s.mouse;
            s.flash = Some(
                if s.mouse { "Mouse on: click and scroll" } else { "Mouse off: select text with the mouse" }.into(),
            );
            fx.push(Effect::Mouse(s.mouse));
        }
        Action::Heatmap => {
            let q = s.current_question();
            let row = q.and_then(|q| q.phase).map_or(0, |p| p.index());
            let col = q.and_then(|q| q.function).map_or(0, |f| f.index());
            s.open(Screen::Heatmap(HeatmapScreen { row, col, view: HeatView::Current }));
        }
        Action::NextRespondent => {
            s.respondent = (s.respondent + 1) % s.assessment.respondents.len().max(1);
            s.respondent_changed();
            s.flash = Some(format!("Answering for {}", s.current_respondent().name));
        }
        _ => {}
    }
}
