//! The navigator: questions as a tree by phase → function, narrowed by filters. The same
//! filter defines the walk: with "quick" on, answering moves through the quick profile only.

use crate::tui::state::AppState;
use aira_core::questionnaire::{Function, Phase};

/// Does question `i` pass the state's filter? Cheap when no filter is on (the common case,
/// and the one the navigator pays for every question on every frame).
pub fn admits(s: &AppState, i: usize) -> bool {
    if !counted(s, i) {
        return false;
    }
    let f = s.ui.filter();
    if !f.unanswered && !f.flagged {
        return true;
    }
    let q = &s.session.questionnaire().questions[i];
    (!f.unanswered || !s.session.derived().is_answered(i))
        && (!f.flagged || s.current_respondent().answer(&q.id).is_some_and(|a| a.flag))
}

/// Is question `i` one the counters count: in scope (aira_core::scope: profiles and
/// classification answers) and in the filters that pick a set of questions (quick profile,
/// role)? "Unanswered" and "flagged" only hide some of them, so `Plan 3/24` keeps counting.
pub fn counted(s: &AppState, i: usize) -> bool {
    // Out of scope (other profiles, or excluded by a classification answered no): never walked.
    if !s.session.in_scope(i) {
        return false;
    }
    let f = s.ui.filter();
    if !f.quick && !f.role {
        return true;
    }
    let q = &s.session.questionnaire().questions[i];
    (!f.quick || q.profiles.iter().any(|p| p == "quick"))
        && (!f.role || q.roles.iter().any(|x| x.eq_ignore_ascii_case(&s.current_respondent().role)))
}

/// The walk's questions answered and in all (the end-of-walk message): the counters' figures,
/// so the message and the status bar agree.
pub fn walk_progress(s: &AppState) -> (usize, usize) {
    progress(s)
}

/// The walk's progress: counted questions the current respondent answered, and their number.
pub fn progress(s: &AppState) -> (usize, usize) {
    let f = s.ui.filter();
    if !f.quick && !f.role {
        return s.session.progress();
    }
    let n = s.session.questionnaire().questions.len();
    (0..n)
        .filter(|&i| counted(s, i))
        .fold((0, 0), |(d, t), i| (d + usize::from(s.session.derived().is_answered(i)), t + 1))
}

/// Where question `i` stands in the walk: its place among the counted questions (1-based),
/// `None` when it is not one of them (reached by search or a jump), and their number.
pub fn place(s: &AppState, i: usize) -> (Option<usize>, usize) {
    let n = s.session.questionnaire().questions.len();
    let (mut before, mut total) = (0, 0);
    for j in 0..n {
        if counted(s, j) {
            total += 1;
            before += usize::from(j < i);
        }
    }
    (counted(s, i).then_some(before + 1), total)
}

/// The next question after `from` that the filter admits (`from` itself excluded).
pub fn next(s: &AppState, from: usize) -> Option<usize> {
    (from + 1..s.session.questionnaire().questions.len()).find(|&i| admits(s, i))
}

pub fn prev(s: &AppState, from: usize) -> Option<usize> {
    (0..from.min(s.session.questionnaire().questions.len())).rev().find(|&i| admits(s, i))
}

/// A row of the tree. Headers carry their branch's progress (answered, total) over its
/// counted questions (`counted`), whatever "unanswered" or "flagged" hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Phase(Option<Phase>, usize, usize),
    Function(Option<Phase>, Option<Function>, usize, usize),
    Question(usize),
}

/// The tree's rows: a phase header, its functions, their admitted questions. Branches with no
/// admitted question are left out so a filtered tree stays short. One pass over the questions.
pub fn rows(s: &AppState) -> Vec<Row> {
    // The full questionnaire's lanes: classification questions have no phase or function and
    // sit on no heatmap cell, but the tree lists them (under "Unassigned").
    let q = s.session.questionnaire();
    let (phases, functions) = (aira_core::scoring::rows(q), aira_core::scoring::columns(q));
    let col_of = |f: Option<Function>| functions.iter().position(|x| *x == f).unwrap_or(0);
    let row_of = |p: Option<Phase>| phases.iter().position(|x| *x == p).unwrap_or(0);
    let mut cells: Vec<(Vec<usize>, usize, usize)> = vec![(Vec::new(), 0, 0); phases.len() * functions.len()];
    for (i, q) in s.session.questionnaire().questions.iter().enumerate() {
        if !counted(s, i) {
            continue;
        }
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
        .filter(|(i, q)| q.phase == phase && q.function == function && s.session.in_scope(*i))
        .map(|(i, _)| i)
        .collect()
}
