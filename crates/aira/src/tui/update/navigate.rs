//! The navigator's keys and the filters that define the walk.

use super::{jump, move_to};
use crate::tui::action::Action;
use crate::tui::navigator;
use crate::tui::state::{AppState, Mode};

pub(super) fn navigator_action(s: &mut AppState, selected: usize, action: Action) {
    let rows = navigator::rows(s);
    let selected = match action {
        Action::Back | Action::Navigator => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Help => {
            s.mode = Mode::Help { scroll: 0 };
            return;
        }
        Action::Select => {
            // A header jumps to its first question.
            let target = rows[selected.min(rows.len().saturating_sub(1))..].iter().find_map(|r| match r {
                navigator::Row::Question(i) => Some(*i),
                _ => None,
            });
            if let Some(i) = target {
                jump(s, i);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(rows.len().saturating_sub(1)),
        Action::FilterUnanswered
        | Action::FilterFlagged
        | Action::FilterRole
        | Action::FilterQuick
        | Action::FilterAll => {
            toggle_filter(s, action);
            cursor_row(s)
        }
        _ => selected,
    };
    s.mode = Mode::Navigator { selected };
}

/// The navigator row of the question at the cursor (or the nearest row before it).
pub fn cursor_row(s: &AppState) -> usize {
    navigator::row_of_question(&navigator::rows(s), s.cursor)
}

pub(super) fn toggle_filter(s: &mut AppState, action: Action) {
    let f = &mut s.filter;
    match action {
        Action::FilterUnanswered => f.unanswered = !f.unanswered,
        Action::FilterFlagged => f.flagged = !f.flagged,
        Action::FilterQuick => f.quick = !f.quick,
        Action::FilterAll => *f = crate::tui::filter::Filter::default(),
        Action::FilterRole => {
            if s.assessment.respondents.get(s.respondent).is_some_and(|r| r.role.is_empty()) && !s.filter.role {
                s.flash = Some(format!("{} has no role; set one with `aira respondent`", s.current_respondent().name));
                return;
            }
            s.filter.role = !s.filter.role;
        }
        _ => return,
    }
    let role = s.current_respondent().role.clone();
    s.flash = Some(format!("Showing {}", s.filter.label(&role)));
    // Keep the cursor on a question the filter admits, if there is one.
    if !navigator::admits(s, s.cursor)
        && let Some(i) = navigator::next(s, s.cursor).or_else(|| navigator::prev(s, s.cursor))
    {
        move_to(s, i);
    }
}
