//! Where respondents disagree: a question's spread is its highest minus its lowest level, and
//! a heatmap cell is in *strong disagreement* when one of its questions has a spread of
//! `STRONG_SPREAD` levels or more (docs/scoring.md, section 9).

use serde::Serialize;

use crate::assessment::Assessment;
use crate::questionnaire::{Function, Phase, Questionnaire};

/// The spread, in levels, at which respondents disagree strongly.
pub const STRONG_SPREAD: u8 = 2;

/// One heatmap cell with at least one strongly disputed question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CellDisagreement {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    /// Indexes into `Questionnaire::questions` with spread >= STRONG_SPREAD, in questionnaire order.
    pub questions: Vec<usize>,
    pub max_spread: u8,
    /// How many of `questions` have no agreed value yet (still to be settled in a workshop).
    pub unresolved: usize,
}

/// Each question's spread (0 when fewer than two respondents gave a level), in questionnaire order.
pub fn spreads(q: &Questionnaire, a: &Assessment) -> Vec<u8> {
    q.questions.iter().map(|x| a.spread(&x.id)).collect()
}

/// Cells in strong disagreement, in heatmap order (`scoring::score`'s row-major `cells`).
pub fn disagreements(q: &Questionnaire, a: &Assessment) -> Vec<CellDisagreement> {
    let rows = super::rows(q);
    let cols = super::columns(q);
    let spreads = spreads(q, a);
    // One pass over the questions, bucketed by cell, so large banks stay linear.
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); rows.len() * cols.len()];
    for (i, x) in q.questions.iter().enumerate() {
        if spreads[i] >= STRONG_SPREAD {
            let r = x.phase.map_or(rows.len() - 1, Phase::index);
            let c = x.function.map_or(cols.len() - 1, Function::index);
            buckets[r * cols.len() + c].push(i);
        }
    }
    buckets
        .into_iter()
        .enumerate()
        .filter(|(_, questions)| !questions.is_empty())
        .map(|(cell, questions)| {
            let max_spread = questions.iter().map(|&i| spreads[i]).max().unwrap_or(0);
            let unresolved = questions.iter().filter(|&&i| !a.agreed.contains_key(&q.questions[i].id)).count();
            CellDisagreement {
                phase: rows[cell / cols.len()],
                function: cols[cell % cols.len()],
                questions,
                max_spread,
                unresolved,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Respondent, Value};
    use crate::questionnaire::Question;

    #[test]
    fn cells_with_a_spread_of_two_or_more_are_listed() {
        let q = crate::scoring::tests::bank(vec![
            Question::new("a", Some(Phase::Plan), Some(Function::Govern), "t"),
            Question::new("b", Some(Phase::Plan), Some(Function::Govern), "t"),
            Question::new("c", Some(Phase::Do), Some(Function::Map), "t"),
            Question::new("d", None, Some(Function::Map), "t"),
        ]);
        let mut a = Assessment::default();
        for (name, levels) in [("x", [1, 1, 2, 0]), ("y", [2, 4, 3, 5])] {
            let mut r = Respondent::new(name, name);
            for (qid, l) in ["a", "b", "c", "d"].iter().zip(levels) {
                r.answers.insert((*qid).into(), Answer { value: Some(Value::Level(l)), ..Default::default() });
            }
            a.respondents.push(r);
        }
        a.agreed.insert("d".into(), Value::Level(3));
        assert_eq!(spreads(&q, &a), [1, 3, 1, 5]);
        let d = disagreements(&q, &a);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            (d[0].phase, d[0].function, &d[0].questions, d[0].max_spread),
            (Some(Phase::Plan), Some(Function::Govern), &vec![1], 3)
        );
        assert_eq!(d[0].unresolved, 1);
        assert_eq!((d[1].phase, d[1].questions.as_slice(), d[1].max_spread, d[1].unresolved), (None, &[3][..], 5, 0));
    }
}
