//! The improvement roadmap: every positive gap, ranked by priority = (target − current) ×
//! weight, placed in three horizons with the Plan phase's foundations first. The rule is
//! written down in docs/scoring.md ("Roadmap"); this is its only implementation.

use serde::Serialize;

use super::Status;
use crate::questionnaire::{Function, Phase, Questionnaire};

/// When an item is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Term {
    #[serde(rename = "0-3")]
    Months0To3,
    #[serde(rename = "3-6")]
    Months3To6,
    #[serde(rename = "6-12")]
    Months6To12,
}

impl Term {
    pub const ALL: [Term; 3] = [Term::Months0To3, Term::Months3To6, Term::Months6To12];

    pub fn label(self) -> &'static str {
        match self {
            Term::Months0To3 => "0–3 months",
            Term::Months3To6 => "3–6 months",
            Term::Months6To12 => "6–12 months",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Term::Months0To3 => "0-3",
            Term::Months3To6 => "3-6",
            Term::Months6To12 => "6-12",
        }
    }
}

/// One question to improve.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Item {
    /// Index into `questionnaire.questions`.
    #[serde(skip)]
    pub index: usize,
    pub id: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub current: f64,
    pub target: f64,
    pub gap: f64,
    pub weight: f64,
    pub priority: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Horizon {
    pub term: Term,
    pub items: Vec<Item>,
}

/// The three horizons, always in order (an empty one has no items). `statuses` and `targets`
/// follow the questionnaire's order.
pub fn plan(q: &Questionnaire, statuses: &[Status], targets: &[Option<f64>]) -> Vec<Horizon> {
    let mut items: Vec<Item> = q
        .questions
        .iter()
        .enumerate()
        .filter_map(|(index, question)| {
            let current = statuses.get(index)?.score()?;
            let target = (*targets.get(index)?)?;
            let gap = target - current;
            (gap > 0.0).then(|| Item {
                index,
                id: question.id.clone(),
                phase: question.phase,
                function: question.function,
                current,
                target,
                gap,
                weight: question.weight,
                priority: gap * question.weight,
            })
        })
        .collect();
    // Foundations (Plan) first, then by priority; ties keep the heatmap's order, then the
    // questionnaire's, so the result never depends on how the input happened to be sorted
    // beyond that.
    let rank = |p: Option<Phase>| p.map_or(Phase::ALL.len(), Phase::index);
    items.sort_by(|a, b| {
        (a.phase != Some(Phase::Plan))
            .cmp(&(b.phase != Some(Phase::Plan)))
            .then(b.priority.total_cmp(&a.priority))
            .then(rank(a.phase).cmp(&rank(b.phase)))
            .then(a.function.map_or(4, Function::index).cmp(&b.function.map_or(4, Function::index)))
            .then(a.index.cmp(&b.index))
    });
    let n = items.len();
    let plan_n = items.iter().filter(|i| i.phase == Some(Phase::Plan)).count();
    let first = plan_n.max(n.div_ceil(3));
    let second = (n - first).div_ceil(2);
    let mut rest = items.into_iter();
    let h1: Vec<Item> = rest.by_ref().take(first).collect();
    let h2: Vec<Item> = rest.by_ref().take(second).collect();
    let h3: Vec<Item> = rest.collect();
    Term::ALL.into_iter().zip([h1, h2, h3]).map(|(term, items)| Horizon { term, items }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Question;

    fn questionnaire(cells: &[(Phase, f64)]) -> Questionnaire {
        let questions = cells
            .iter()
            .enumerate()
            .map(|(i, (p, w))| {
                let mut q = Question::new(&format!("q{i}"), Some(*p), Some(Function::Govern), "t");
                q.weight = *w;
                q
            })
            .collect();
        crate::scoring::tests::bank(questions)
    }

    fn ids(h: &Horizon) -> Vec<&str> {
        h.items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn plan_first_then_priority_split_in_thirds() {
        let q = questionnaire(&[
            (Phase::Do, 2.0),    // q0 gap 3 → 6
            (Phase::Plan, 1.0),  // q1 gap 1 → 1
            (Phase::Check, 1.0), // q2 gap 2 → 2
            (Phase::Act, 1.0),   // q3 at target: not in the roadmap
            (Phase::Do, 1.0),    // q4 gap 3 → 3
            (Phase::Act, 1.0),   // q5 unanswered: not in the roadmap
            (Phase::Check, 1.0), // q6 gap 0.5
        ]);
        let st =
            [0.0, 2.0, 1.0, 3.0, 0.0, -1.0, 2.5].map(|l| if l < 0.0 { Status::Unanswered } else { Status::Scored(l) });
        let h = plan(&q, &st, &[Some(3.0); 7]);
        assert_eq!(h.len(), 3);
        // 5 items: first horizon holds max(1 plan, ceil(5/3) = 2) = 2 items.
        assert_eq!(ids(&h[0]), ["q1", "q0"]);
        assert_eq!(ids(&h[1]), ["q4", "q2"]);
        assert_eq!(ids(&h[2]), ["q6"]);
        assert_eq!(h[0].items[1].priority, 6.0);
    }

    #[test]
    fn every_plan_gap_lands_in_the_first_horizon() {
        let q = questionnaire(&[(Phase::Plan, 1.0), (Phase::Plan, 1.0), (Phase::Plan, 1.0), (Phase::Do, 9.0)]);
        let h = plan(&q, &[Status::Scored(2.0); 4], &[Some(3.0); 4]);
        assert_eq!(ids(&h[0]), ["q0", "q1", "q2"]);
        assert_eq!(ids(&h[1]), ["q3"]);
        assert!(h[2].items.is_empty());
        assert!(plan(&q, &[Status::Unanswered; 4], &[Some(3.0); 4]).iter().all(|h| h.items.is_empty()));
    }
}
