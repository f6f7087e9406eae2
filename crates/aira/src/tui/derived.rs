//! Figures every frame shows that would otherwise walk every question per frame: the heatmap's
//! rows and columns and the current respondent's progress. Built once, then kept current one
//! question at a time by `update`; views only read them. Only walked questions count in the
//! progress. (Cell scores, targets, gaps and spreads are the scoring room's: `Session::cell`.)

use aira_core::assessment::Respondent;
use aira_core::questionnaire::{Function, Phase, Questionnaire};
use aira_core::scoring;

use super::scoped::InScope;

#[derive(Clone, Debug, Default)]
pub struct Derived {
    pub rows: Vec<Option<Phase>>,
    pub cols: Vec<Option<Function>>,
    /// Per question, for the current respondent: answered (a level or N/A).
    answered: Vec<bool>,
    /// Walked questions the current respondent answered, and the number walked.
    pub done: usize,
    pub walked: usize,
    /// Per question: walked.
    counts: Vec<bool>,
}

impl Derived {
    pub fn new(q: &Questionnaire, scope: &InScope, r: Option<&Respondent>) -> Derived {
        // The grid of the scored questions, as the report draws it (no "unassigned" lane for
        // the classification questions, which sit on no cell).
        let rows = scoring::rows(scope.questionnaire(q));
        let cols = scoring::columns(scope.questionnaire(q));
        let n = q.questions.len();
        let mut d = Derived {
            rows,
            cols,
            answered: vec![false; n],
            done: 0,
            walked: 0,
            counts: (0..n).map(|i| scope.walked.get(i).copied().unwrap_or(true)).collect(),
        };
        d.walked = d.counts.iter().filter(|c| **c).count();
        for i in 0..n {
            d.question_changed(i, q, r);
        }
        d
    }

    /// Question `i` (or the respondent's answer to it) changed: update what depends on it.
    pub fn question_changed(&mut self, i: usize, q: &Questionnaire, r: Option<&Respondent>) {
        let Some(question) = q.questions.get(i) else { return };
        let answer = r.and_then(|r| r.answer(&question.id));
        let answered = answer.and_then(|a| a.value).is_some();
        if self.answered[i] != answered {
            self.answered[i] = answered;
            if self.counts[i] {
                self.done = if answered { self.done + 1 } else { self.done - 1 };
            }
        }
    }

    pub fn is_answered(&self, i: usize) -> bool {
        self.answered.get(i).copied().unwrap_or(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::assessment::{Answer, Value};

    /// Kept up to date one question at a time, it agrees with a fresh build.
    #[test]
    fn incremental_equals_rebuilt() {
        let s = crate::tui::testing::mini_state();
        let q = s.session.questionnaire();
        let mut r = Respondent::new("default", "Default");
        let scope = InScope::new(q, &Default::default(), &[]);
        let mut d = Derived::new(q, &scope, Some(&r));
        for (i, (value, target)) in
            [(Some(Value::Level(2)), None), (Some(Value::NotApplicable), Some(5)), (None, Some(1))]
                .into_iter()
                .enumerate()
        {
            r.answers.insert(q.questions[i].id.clone(), Answer { value, target, ..Default::default() });
            d.question_changed(i, q, Some(&r));
        }
        r.answers.remove(&q.questions[0].id);
        d.question_changed(0, q, Some(&r));
        let fresh = Derived::new(q, &scope, Some(&r));
        assert_eq!(d.done, 1);
        assert_eq!((d.done, &d.answered), (fresh.done, &fresh.answered));
    }
}
