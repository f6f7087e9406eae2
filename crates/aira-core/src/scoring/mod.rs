//! The scoring room (pure): statuses + questionnaire → scores per question, heatmap cell,
//! phase, function and overall. The rules are written down in docs/scoring.md.

pub mod cells;
pub mod consensus;
pub mod diff;
pub mod families;
pub mod gaps;
pub mod references;
mod refindex;
pub mod roadmap;
pub mod soa;
mod tally;

pub use cells::{CellFigures, QuestionFacts, cell_figures};
pub use consensus::{CellDisagreement, STRONG_SPREAD, disagreements, spreads};
pub use diff::{Delta, Diff, diff};
pub use families::score_family;
pub use gaps::{GroupGap, gap, group_gap, migrated_targets, question_target, targets};
pub use references::{RefScore, ReferenceScores, score_references};
pub use refindex::ReferenceIndex;
pub use tally::{Aggregation, Tally};
// A question's status is the assessment's answer to scoring; re-exported where scoring reads it.
pub use crate::assessment::Status;

use serde::Serialize;

use crate::questionnaire::{Function, Phase, Questionnaire};

/// One heatmap cell. `None` phase or function is the "unassigned" lane of imported
/// questionnaires; the 16 assigned cells always exist.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cell {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub overall: Tally,
    /// Row-major over `rows() × columns()`.
    pub cells: Vec<Cell>,
    pub phases: Vec<(Option<Phase>, Tally)>,
    pub functions: Vec<(Option<Function>, Tally)>,
    pub questions: Vec<Status>,
}

/// The heatmap's rows: the four phases, then "unassigned" only if some question needs it.
pub fn rows(q: &Questionnaire) -> Vec<Option<Phase>> {
    let mut rows: Vec<Option<Phase>> = Phase::ALL.into_iter().map(Some).collect();
    if q.has_unassigned().0 {
        rows.push(None);
    }
    rows
}

pub fn columns(q: &Questionnaire) -> Vec<Option<Function>> {
    let mut cols: Vec<Option<Function>> = Function::ALL.into_iter().map(Some).collect();
    if q.has_unassigned().1 {
        cols.push(None);
    }
    cols
}

/// Score everything. `statuses[i]` belongs to `q.questions[i]`.
pub fn score(q: &Questionnaire, statuses: &[Status], aggregation: Aggregation) -> Scores {
    let rows = rows(q);
    let cols = columns(q);
    let mut cells = vec![Tally::new(aggregation); rows.len() * cols.len()];
    let mut phases = vec![Tally::new(aggregation); rows.len()];
    let mut functions = vec![Tally::new(aggregation); cols.len()];
    let mut overall = Tally::new(aggregation);
    let lane = |phase: Option<Phase>| phase.map_or(rows.len() - 1, Phase::index);
    let col = |f: Option<Function>| f.map_or(cols.len() - 1, Function::index);
    for (question, status) in
        q.questions.iter().zip(statuses.iter().copied().chain(std::iter::repeat(Status::Unanswered)))
    {
        let (r, c) = (lane(question.phase), col(question.function));
        for t in [&mut cells[r * cols.len() + c], &mut phases[r], &mut functions[c], &mut overall] {
            t.add(status, question.weight);
        }
    }
    let cells = cells
        .into_iter()
        .enumerate()
        .map(|(i, tally)| Cell { phase: rows[i / cols.len()], function: cols[i % cols.len()], tally })
        .collect();
    Scores {
        overall,
        cells,
        phases: rows.into_iter().zip(phases).collect(),
        functions: cols.into_iter().zip(functions).collect(),
        questions: q
            .questions
            .iter()
            .zip(statuses.iter().copied().chain(std::iter::repeat(Status::Unanswered)))
            .map(|(_, s)| s)
            .collect(),
    }
}

impl Scores {
    pub fn cell(&self, phase: Option<Phase>, function: Option<Function>) -> Option<&Cell> {
        self.cells.iter().find(|c| c.phase == phase && c.function == function)
    }
}

#[cfg(test)]
mod ref_tests;
#[cfg(test)]
mod refindex_tests;
#[cfg(test)]
mod tests;
