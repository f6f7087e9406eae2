//! The navigator's keys and the filters that define the walk.

use super::{Effect, ScreenKeys, move_to};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::navigator;
use crate::tui::screens::{HelpScreen, Nav, NavigatorScreen, Screen};
use crate::tui::state::AppState;

impl ScreenKeys for NavigatorScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Navigator]
    }

    fn on_action(&mut self, s: &mut AppState, action: Action, _: &mut Vec<Effect>) -> Nav {
        let rows = navigator::rows(s);
        match action {
            Action::Back | Action::Navigator => Nav::Close,
            Action::Help => Nav::Push(Screen::Help(HelpScreen::default())),
            Action::Select => {
                // A header jumps to its first question.
                let target = rows[self.cursor.get(rows.len()).min(rows.len())..].iter().find_map(|r| match r {
                    navigator::Row::Question(i) => Some(*i),
                    _ => None,
                });
                target.map_or(Nav::Stay, Nav::Jump)
            }
            Action::FilterUnanswered
            | Action::FilterFlagged
            | Action::FilterRole
            | Action::FilterQuick
            | Action::FilterAll => {
                toggle_filter(s, action);
                self.cursor.set(cursor_row(s));
                Nav::Stay
            }
            other => {
                self.cursor.apply(other, rows.len());
                Nav::Stay
            }
        }
    }
}

/// The navigator row of the question at the cursor (or the nearest row before it).
pub fn cursor_row(s: &AppState) -> usize {
    navigator::row_of_question(&navigator::rows(s), s.ui.cursor())
}

pub(super) fn toggle_filter(s: &mut AppState, action: Action) {
    let mut f = s.ui.filter();
    match action {
        Action::FilterUnanswered => f.unanswered = !f.unanswered,
        Action::FilterFlagged => f.flagged = !f.flagged,
        Action::FilterQuick => f.quick = !f.quick,
        Action::FilterAll => f = crate::tui::filter::Filter::default(),
        Action::FilterRole => {
            let r = s.session.assessment().respondents.get(s.session.respondent_index());
            if r.is_some_and(|r| r.role.is_empty()) && !f.role {
                s.ui.set_flash(Some(format!(
                    "{} has no role; set one with `aira respondent`",
                    s.current_respondent().name
                )));
                return;
            }
            // A role no question in scope is for would show an empty walk: say so instead.
            let role = s.current_respondent().role.clone();
            let qs = &s.session.questionnaire().questions;
            let any = (0..qs.len())
                .any(|i| s.session.in_scope(i) && qs[i].roles.iter().any(|x| x.eq_ignore_ascii_case(&role)));
            if !f.role && !any {
                s.ui.set_flash(Some(format!(
                    "No question here is for the role {role}; the filter stays off (roles are set with +/Ctrl-R)"
                )));
                return;
            }
            f.role = !f.role;
        }
        _ => return,
    }
    s.ui.set_filter(f);
    let role = s.current_respondent().role.clone();
    s.ui.set_flash(Some(format!("Showing {}", s.ui.filter().label(&role))));
    // Keep the cursor on a question the filter admits, if there is one.
    if !navigator::admits(s, s.ui.cursor())
        && let Some(i) = navigator::next(s, s.ui.cursor()).or_else(|| navigator::prev(s, s.ui.cursor()))
    {
        move_to(s, i);
    }
}
