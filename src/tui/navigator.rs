//! The navigator: questions as a tree by phase → function, narrowed by filters. The same
//! filter defines the walk: with "quick" on, answering moves through the quick profile only.

use crate::questionnaire::{Function, Phase};
use crate::tui::state::AppState;

/// Which questions the walk and the navigator show. All off = every question.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub unanswered: bool,
    pub flagged: bool,
    /// Only questions whose `roles` include the current respondent's role.
    pub role: bool,
    /// Only the `quick` profile.
    pub quick: bool,
}

impl Filter {
    pub fn is_all(&self) -> bool {
        *self == Filter::default()
    }

    /// A short label for the status bar and the navigator title.
    pub fn label(&self, role: &str) -> String {
        let mut parts = Vec::new();
        if self.quick {
            parts.push("quick profile".to_owned());
        }
        if self.role {
            parts.push(format!("role {role}"));
        }
        if self.unanswered {
            parts.push("unanswered".to_owned());
        }
        if self.flagged {
            parts.push("flagged".to_owned());
        }
        if parts.is_empty() { "all questions".to_owned() } else { parts.join(" · ") }
    }
}

/// Does question `i` pass the state's filter?
pub fn admits(s: &AppState, i: usize) -> bool {
    let f = s.filter;
    let q = &s.questionnaire.questions[i];
    let r = s.current_respondent();
    let a = r.answer(&q.id);
    (!f.quick || q.profiles.iter().any(|p| p == "quick"))
        && (!f.role || q.roles.iter().any(|x| x.eq_ignore_ascii_case(&r.role)))
        && (!f.unanswered || a.and_then(|a| a.value).is_none())
        && (!f.flagged || a.is_some_and(|a| a.flag))
}

/// The next question after `from` that the filter admits (`from` itself excluded).
pub fn next(s: &AppState, from: usize) -> Option<usize> {
    (from + 1..s.questionnaire.questions.len()).find(|&i| admits(s, i))
}

pub fn prev(s: &AppState, from: usize) -> Option<usize> {
    (0..from.min(s.questionnaire.questions.len())).rev().find(|&i| admits(s, i))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Phase(Option<Phase>),
    Function(Option<Phase>, Option<Function>),
    Question(usize),
}

/// The tree's rows: a phase header, its functions, their admitted questions. Branches with no
/// admitted question are left out so a filtered tree stays short.
pub fn rows(s: &AppState) -> Vec<Row> {
    let (phases, functions) = s.heat_grid();
    let mut out = Vec::new();
    for p in &phases {
        let start = out.len();
        out.push(Row::Phase(*p));
        for f in &functions {
            let qs: Vec<usize> = s
                .questionnaire
                .questions
                .iter()
                .enumerate()
                .filter(|(i, q)| q.phase == *p && q.function == *f && admits(s, *i))
                .map(|(i, _)| i)
                .collect();
            if !qs.is_empty() {
                out.push(Row::Function(*p, *f));
                out.extend(qs.into_iter().map(Row::Question));
            }
        }
        if out.len() == start + 1 {
            out.pop();
        }
    }
    out
}

/// Answered and total questions of a branch (unfiltered: progress is about the whole).
pub fn branch_progress(s: &AppState, phase: Option<Phase>, function: Option<Option<Function>>) -> (usize, usize) {
    let r = s.current_respondent();
    let qs = s.questionnaire.questions.iter().filter(|q| q.phase == phase && function.is_none_or(|f| q.function == f));
    qs.fold((0, 0), |(done, total), q| (done + usize::from(r.answer(&q.id).and_then(|a| a.value).is_some()), total + 1))
}
