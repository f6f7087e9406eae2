//! The navigator: questions as a tree by phase → function, narrowed by filters. The same
//! filter defines the walk: with "quick" on, answering moves through the quick profile only.

use crate::tui::state::AppState;
use aira_core::questionnaire::{Function, Phase};

/// Does question `i` pass the state's filter? Cheap when no filter is on (the common case,
/// and the one the navigator pays for every question on every frame).
pub fn admits(s: &AppState, i: usize) -> bool {
    admits_with(s, i, s.ui.filter())
}

fn admits_with(s: &AppState, i: usize, f: crate::tui::filter::Filter) -> bool {
    // Out of scope (other profiles, or excluded by a classification answered no): never walked.
    if !s.session.in_scope(i) {
        return false;
    }
    if f.is_all() {
        return true;
    }
    let q = &s.session.questionnaire().questions[i];
    let r = s.current_respondent();
    (!f.quick || q.profiles.iter().any(|p| p == "quick"))
        && (!f.role || q.roles.iter().any(|x| x.eq_ignore_ascii_case(&r.role)))
        && (!f.unanswered || !s.session.derived().is_answered(i))
        && (!f.flagged || r.answer(&q.id).is_some_and(|a| a.flag))
}

/// The walk's questions answered and in all, counted with the filter but not its "unanswered"
/// part (which would leave out every question answered).
pub fn walk_progress(s: &AppState) -> (usize, usize) {
    let f = crate::tui::filter::Filter { unanswered: false, ..s.ui.filter() };
    let walk = (0..s.session.questionnaire().questions.len()).filter(|&i| admits_with(s, i, f));
    walk.fold((0, 0), |(a, n), i| (a + usize::from(s.session.derived().is_answered(i)), n + 1))
}

/// The next question after `from` that the filter admits (`from` itself excluded).
pub fn next(s: &AppState, from: usize) -> Option<usize> {
    (from + 1..s.session.questionnaire().questions.len()).find(|&i| admits(s, i))
}

pub fn prev(s: &AppState, from: usize) -> Option<usize> {
    (0..from.min(s.session.questionnaire().questions.len())).rev().find(|&i| admits(s, i))
}

/// A row of the tree. Headers carry their branch's progress (answered, total) over all its
/// questions, whatever the filter shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Phase(Option<Phase>, usize, usize),
    Function(Option<Phase>, Option<Function>, usize, usize),
    Question(usize),
}

/// The tree's rows: a phase header, its functions, their admitted questions. Branches with no
/// admitted question are left out so a filtered tree stays short. One pass over the questions.
pub fn rows(s: &AppState) -> Vec<Row> {
    let (phases, functions) = s.session.heat_grid();
    let col_of = |f: Option<Function>| functions.iter().position(|x| *x == f).unwrap_or(0);
    let row_of = |p: Option<Phase>| phases.iter().position(|x| *x == p).unwrap_or(0);
    let mut cells: Vec<(Vec<usize>, usize, usize)> = vec![(Vec::new(), 0, 0); phases.len() * functions.len()];
    for (i, q) in s.session.questionnaire().questions.iter().enumerate() {
        let cell = &mut cells[row_of(q.phase) * functions.len() + col_of(q.function)];
        cell.1 += usize::from(s.session.derived().is_answered(i));
        cell.2 += 1;
        if admits(s, i) {
            cell.0.push(i);
        }
    }
    let mut out = Vec::new();
    for (ri, p) in phases.iter().enumerate() {
        let row_cells = &cells[ri * functions.len()..(ri + 1) * functions.len()];
        if row_cells.iter().all(|c| c.0.is_empty()) {
            continue;
        }
        let (done, total) = row_cells.iter().fold((0, 0), |(d, t), c| (d + c.1, t + c.2));
        out.push(Row::Phase(*p, done, total));
        for (ci, f) in functions.iter().enumerate() {
            let (qs, done, total) = &row_cells[ci];
            if !qs.is_empty() {
                out.push(Row::Function(*p, *f, *done, *total));
                out.extend(qs.iter().map(|&i| Row::Question(i)));
            }
        }
    }
    out
}

/// The row of the question at the cursor, or the nearest question row before it.
pub fn row_of_question(rows: &[Row], cursor: usize) -> usize {
    rows.iter()
        .position(|r| *r == Row::Question(cursor))
        .or_else(|| rows.iter().rposition(|r| matches!(r, Row::Question(i) if *i < cursor)))
        .unwrap_or(0)
}

pub fn cell_members(s: &AppState, row: usize, col: usize) -> Vec<usize> {
    let (rows, cols) = s.session.heat_grid();
    let (Some(&phase), Some(&function)) = (rows.get(row), cols.get(col)) else { return Vec::new() };
    s.session
        .questionnaire()
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.phase == phase && q.function == function)
        .map(|(i, _)| i)
        .collect()
}
