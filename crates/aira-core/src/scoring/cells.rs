//! Everything a heatmap cell says (its score and counts, its target and gap, the widest
//! spread between respondents and how many of its questions are disputed), computed once
//! here for the wizard and the reports alike, so no view keeps a rule of its own. One linear
//! pass, like `scoring::score`: the wizard recomputes it after each change.

use super::{Aggregation, STRONG_SPREAD, Status, Tally, gaps};
use crate::questionnaire::{Function, Phase, Questionnaire};

/// Per question (questionnaire order), what a cell is made of. Each vector is built by the
/// scoring room's own functions: `Assessment::statuses`, `scoring::targets`,
/// `Assessment::spreads` and whether the question has an agreed value.
#[derive(Clone, Copy, Debug)]
pub struct QuestionFacts<'a> {
    pub statuses: &'a [Status],
    pub targets: &'a [Option<f64>],
    /// The spread between respondents' levels, `None` until two respondents gave a value.
    pub spreads: &'a [Option<u8>],
    pub agreed: &'a [bool],
}

/// One heatmap cell's figures.
#[derive(Clone, Debug, PartialEq)]
pub struct CellFigures {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub tally: Tally,
    /// Weighted mean target and gap over the answered questions with a target (section 5).
    pub target: Option<f64>,
    pub gap: Option<f64>,
    /// The widest spread of one question, `None` when no question has two respondents' values.
    pub spread: Option<u8>,
    /// Questions with a spread of `STRONG_SPREAD` or more, and those of them not agreed yet.
    pub disputed: usize,
    pub unresolved: usize,
}

impl CellFigures {
    /// Strong disagreement: some question of the cell is spread `STRONG_SPREAD` levels or more.
    pub fn strong(&self) -> bool {
        self.disputed > 0
    }
}

/// Every cell, row-major over `rows(q) × columns(q)` like `Scores::cells`.
pub fn cell_figures(q: &Questionnaire, facts: QuestionFacts, aggregation: Aggregation) -> Vec<CellFigures> {
    let rows = super::rows(q);
    let cols = super::columns(q);
    let lane = |p: Option<Phase>| p.map_or(rows.len() - 1, Phase::index);
    let col = |f: Option<Function>| f.map_or(cols.len() - 1, Function::index);
    // One pass: each question lands in its cell's bucket, so large banks stay linear.
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); rows.len() * cols.len()];
    for (i, x) in q.questions.iter().enumerate() {
        buckets[lane(x.phase) * cols.len() + col(x.function)].push(i);
    }
    buckets
        .iter()
        .enumerate()
        .map(|(k, members)| figures(q, facts, aggregation, (rows[k / cols.len()], cols[k % cols.len()]), members))
        .collect()
}

fn figures(
    q: &Questionnaire,
    facts: QuestionFacts,
    aggregation: Aggregation,
    (phase, function): (Option<Phase>, Option<Function>),
    members: &[usize],
) -> CellFigures {
    let mut tally = Tally::new(aggregation);
    let (mut spread, mut disputed, mut unresolved) = (None::<u8>, 0, 0);
    for &i in members {
        let status = facts.statuses.get(i).copied().unwrap_or(Status::Unanswered);
        tally.add(status, q.questions[i].weight);
        if let Some(s) = facts.spreads.get(i).copied().flatten() {
            spread = Some(spread.map_or(s, |m| m.max(s)));
            if s >= STRONG_SPREAD {
                disputed += 1;
                unresolved += usize::from(!facts.agreed.get(i).copied().unwrap_or(false));
            }
        }
    }
    let g = gaps::group_gap_over(q, facts.statuses, facts.targets, members.iter().copied());
    CellFigures { phase, function, tally, target: g.target, gap: g.gap, spread, disputed, unresolved }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Question;

    /// The worked example of docs/scoring.md sections 2, 5 and 9, one cell.
    #[test]
    fn a_cell_says_its_score_target_gap_and_disagreement() {
        let mut q1 = Question::new("q1", Some(Phase::Plan), Some(Function::Govern), "t");
        q1.weight = 2.0;
        let q = crate::scoring::tests::bank(vec![
            q1,
            Question::new("q2", Some(Phase::Plan), Some(Function::Govern), "t"),
            Question::new("q3", Some(Phase::Plan), Some(Function::Govern), "t"),
            Question::new("q4", Some(Phase::Plan), Some(Function::Govern), "t"),
            Question::new("q5", Some(Phase::Plan), Some(Function::Map), "t"),
        ]);
        let statuses =
            [Status::Scored(1.5), Status::Scored(4.0), Status::NotApplicable, Status::Unanswered, Status::Scored(3.0)];
        let targets = [Some(4.0), Some(5.0), Some(3.0), Some(3.0), Some(3.0)];
        let spreads = [Some(3), Some(0), None, None, Some(1)];
        let agreed = [false, false, false, false, false];
        let facts = QuestionFacts { statuses: &statuses, targets: &targets, spreads: &spreads, agreed: &agreed };
        let cells = cell_figures(&q, facts, Aggregation::Mean);
        assert_eq!(cells.len(), 16);
        let pg = &cells[0];
        assert_eq!((pg.phase, pg.function), (Some(Phase::Plan), Some(Function::Govern)));
        assert!((pg.tally.score.unwrap() - 7.0 / 3.0).abs() < 1e-12);
        // Target (2 × 4 + 5) / 3; gap (2 × 2.5 + 1) / 3: q3 and q4 have no gap.
        assert!((pg.target.unwrap() - 13.0 / 3.0).abs() < 1e-12);
        assert!((pg.gap.unwrap() - 2.0).abs() < 1e-12);
        assert_eq!((pg.spread, pg.disputed, pg.unresolved, pg.strong()), (Some(3), 1, 1, true));
        let pm = &cells[1];
        assert_eq!((pm.gap, pm.spread, pm.strong()), (Some(0.0), Some(1), false));
        let agreed = [true, false, false, false, false];
        let facts = QuestionFacts { agreed: &agreed, ..facts };
        assert_eq!(cell_figures(&q, facts, Aggregation::Mean)[0].unresolved, 0);
        // A cell above its target has a negative gap: reports and the wizard both print it.
        let high = [Status::Scored(5.0); 5];
        let facts = QuestionFacts { statuses: &high, ..facts };
        assert!(cell_figures(&q, facts, Aggregation::Mean)[1].gap.unwrap() < 0.0);
        let empty = &cell_figures(&q, facts, Aggregation::Mean)[15];
        assert_eq!((empty.tally.score, empty.target, empty.spread), (None, None, None));
    }
}
