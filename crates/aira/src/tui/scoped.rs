//! The scope the wizard counts in: which questions are walked and which are scored, taken
//! from aira_core::scope (never worked out here), and the narrowed questionnaire the live
//! scores and the heatmap's grid are built from, so they show what the report shows.

use aira_core::assessment::{Assessment, Status};
use aira_core::questionnaire::Questionnaire;
use aira_core::scope::Scope;
use aira_core::scoring::{self, Aggregation, CellFigures, QuestionFacts, Scores};

#[derive(Clone, Debug, Default)]
pub struct InScope {
    /// Per question: walked (classification or maturity question that applies).
    pub walked: Vec<bool>,
    /// Per question: counted in scores (walked and not a classification).
    pub scored: Vec<bool>,
    /// The scored questions alone, in order; `None` when that is every question (no copy).
    narrowed: Option<Questionnaire>,
}

impl InScope {
    pub fn new(q: &Questionnaire, a: &Assessment, profiles: &[String]) -> InScope {
        let scope = Scope::new(q, a, profiles);
        let n = q.questions.len();
        let narrowed = match scope.narrow(q) {
            std::borrow::Cow::Borrowed(_) => None,
            std::borrow::Cow::Owned(n) => Some(n),
        };
        InScope {
            walked: (0..n).map(|i| scope.applies(i)).collect(),
            scored: (0..n).map(|i| scope.scored(i, q)).collect(),
            narrowed,
        }
    }

    /// True when the two scopes walk and score the same questions.
    pub fn same_as(&self, other: &InScope) -> bool {
        self.walked == other.walked && self.scored == other.scored
    }

    /// The questionnaire scores are built from: the scored questions only.
    pub fn questionnaire<'q>(&'q self, full: &'q Questionnaire) -> &'q Questionnaire {
        self.narrowed.as_ref().unwrap_or(full)
    }

    /// Score the scored questions; `statuses` is indexed like the full questionnaire.
    pub fn score(&self, full: &Questionnaire, statuses: &[Status], aggregation: Aggregation) -> Scores {
        match &self.narrowed {
            None => scoring::score(full, statuses, aggregation),
            Some(n) => scoring::score(n, &self.keep(statuses), aggregation),
        }
    }

    /// Every heatmap cell's figures over the scored questions; `facts` is indexed like the full
    /// questionnaire.
    pub fn cells(&self, full: &Questionnaire, facts: QuestionFacts, aggregation: Aggregation) -> Vec<CellFigures> {
        match &self.narrowed {
            None => scoring::cell_figures(full, facts, aggregation),
            Some(n) => {
                let (statuses, targets) = (self.keep(facts.statuses), self.keep(facts.targets));
                let (spreads, agreed) = (self.keep(facts.spreads), self.keep(facts.agreed));
                let kept = QuestionFacts { statuses: &statuses, targets: &targets, spreads: &spreads, agreed: &agreed };
                scoring::cell_figures(n, kept, aggregation)
            }
        }
    }

    /// The entries of a per-question vector that belong to scored questions, in order.
    fn keep<T: Copy>(&self, v: &[T]) -> Vec<T> {
        v.iter().zip(&self.scored).filter(|(_, k)| **k).map(|(x, _)| *x).collect()
    }
}
