//! The help screen, the full-screen heatmap, a heatmap cell's questions, and search: screens
//! that show something and let the user move to a question.

use super::{Effect, ScreenKeys, cell_members};
use crate::tui::action::Action;
use crate::tui::cursor::ListCursor;
use crate::tui::input::Edit;
use crate::tui::keymap::Context;
use crate::tui::screens::{CellListScreen, HeatmapScreen, HelpScreen, Nav, Screen, SearchScreen};
use crate::tui::state::{AppState, HeatView};

const SEARCH_LIMIT: usize = 200;

impl ScreenKeys for HelpScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Help]
    }

    fn on_action(&mut self, _: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Back | Action::Help => return Nav::Close,
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            _ => {}
        }
        Nav::Stay
    }
}

impl ScreenKeys for HeatmapScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Heatmap]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        let (rows, cols) = s.session.heat_grid();
        match action {
            Action::Back | Action::Heatmap => return Nav::Close,
            Action::Help => return Nav::Push(Screen::Help(HelpScreen::default())),
            Action::Select => return Nav::Push(Screen::CellList(self.cell(s))),
            Action::Up => self.row = self.row.saturating_sub(1),
            Action::Down => self.row = (self.row + 1).min(rows.len().saturating_sub(1)),
            Action::Left => self.col = self.col.saturating_sub(1),
            Action::Right => self.col = (self.col + 1).min(cols.len().saturating_sub(1)),
            Action::CycleView => {
                self.view = match self.view {
                    HeatView::Current => HeatView::Target,
                    HeatView::Target => HeatView::Gap,
                    HeatView::Gap => HeatView::Disagreement,
                    HeatView::Disagreement if s.session.baseline().is_some() => HeatView::Trend,
                    HeatView::Disagreement | HeatView::Trend => HeatView::Current,
                }
            }
            _ => {}
        }
        Nav::Stay
    }
}

impl HeatmapScreen {
    /// The list of the selected cell's questions.
    pub(super) fn cell(&self, s: &AppState) -> CellListScreen {
        let members = cell_members(s, self.row, self.col);
        CellListScreen { row: self.row, col: self.col, view: self.view, members, cursor: ListCursor::default() }
    }
}

impl ScreenKeys for CellListScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::List]
    }

    fn on_action(&mut self, _: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Back => Nav::Close,
            Action::Select => {
                self.members.get(self.cursor.get(self.members.len())).map_or(Nav::Stay, |&i| Nav::Jump(i))
            }
            other => {
                self.cursor.apply(other, self.members.len());
                Nav::Stay
            }
        }
    }
}

impl ScreenKeys for SearchScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::List, Context::Input]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Back => Nav::Close,
            Action::Select => {
                self.hits.get(self.cursor.get(self.hits.len())).map_or(Nav::Stay, |h| Nav::Jump(h.question))
            }
            Action::Up | Action::Down => {
                self.cursor.apply(action, self.hits.len());
                Nav::Stay
            }
            other => {
                match self.query.apply(other) {
                    Edit::Appended => self.run(s, true),
                    Edit::Changed => self.run(s, false),
                    Edit::Moved | Edit::Unchanged | Edit::NotMine => {}
                }
                Nav::Stay
            }
        }
    }

    fn on_paste(&mut self, s: &mut AppState, text: &str) {
        if self.query.paste(text) {
            self.run(s, false);
        }
    }
}

impl SearchScreen {
    /// Recompute the hits; when the query only grew, search within the previous matches.
    pub(super) fn run(&mut self, s: &AppState, grew: bool) {
        self.cursor = ListCursor::default();
        let within = if grew { self.matching.take() } else { None };
        // Every respondent's notes (archived ones are not in the assessment); the hit's
        // `respondent` is an index into this same list, which the view names.
        let people = &s.session.assessment().respondents;
        let (q, qs) = (s.session.questionnaire(), &s.session.questionnaire().questions);
        let note = |i: usize, p: usize| people.get(p)?.answer(&qs[i].id).map(|a| a.note.as_str());
        let notes = aira_core::search::Notes { people: people.len(), note };
        let (hits, matching) =
            s.session.search_index().search_narrowing(q, self.query.text(), notes, within.as_deref(), SEARCH_LIMIT);
        self.hits = hits;
        // A blank query matches nothing, which must not narrow the next one to nothing.
        self.matching = (!self.query.text().trim().is_empty()).then_some(matching);
    }
}
