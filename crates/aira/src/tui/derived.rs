//! Figures every frame shows that would otherwise walk every question per frame: the heatmap's
//! rows and columns, each cell's mean target, and the current respondent's progress. Built
//! once, then kept current one question at a time by `update`; views only read them. Only
//! questions in scope count: walked ones in the progress, scored ones in the grid's targets.

use aira_core::assessment::Respondent;
use aira_core::engagement::Engagement;
use aira_core::questionnaire::{Function, Phase, Questionnaire};
use aira_core::scoring;

use super::scoped::InScope;

#[derive(Clone, Debug, Default)]
pub struct Derived {
    pub rows: Vec<Option<Phase>>,
    pub cols: Vec<Option<Function>>,
    /// The heatmap cell (row-major over rows × cols) of each question.
    cell_of: Vec<usize>,
    /// Per question, for the current respondent: answered (a level or N/A), and the target
    /// that counts (the respondent's own, else the workspace's).
    answered: Vec<bool>,
    target: Vec<Option<u8>>,
    /// Walked questions the current respondent answered, and the number walked.
    pub done: usize,
    pub walked: usize,
    /// Per question: walked, and sitting on a heatmap cell (scored).
    counts: Vec<bool>,
    on_grid: Vec<bool>,
    /// Per cell: sum and count of the targets that count.
    sums: Vec<(u64, usize)>,
}

impl Derived {
    pub fn new(q: &Questionnaire, scope: &InScope, meta: &Engagement, r: Option<&Respondent>) -> Derived {
        // The grid of the scored questions, as the report draws it (no "unassigned" lane for
        // the classification questions, which sit on no cell).
        let rows = scoring::rows(scope.questionnaire(q));
        let cols = scoring::columns(scope.questionnaire(q));
        let lane = |p: Option<Phase>| p.map_or(rows.len() - 1, Phase::index);
        let col = |f: Option<Function>| f.map_or(cols.len() - 1, Function::index);
        let cell_of = q.questions.iter().map(|x| lane(x.phase) * cols.len() + col(x.function)).collect();
        let n = q.questions.len();
        let mut d = Derived {
            sums: vec![(0, 0); rows.len() * cols.len()],
            rows,
            cols,
            cell_of,
            answered: vec![false; n],
            target: vec![None; n],
            done: 0,
            walked: 0,
            counts: (0..n).map(|i| scope.walked.get(i).copied().unwrap_or(true)).collect(),
            on_grid: (0..n).map(|i| scope.scored.get(i).copied().unwrap_or(true)).collect(),
        };
        d.walked = d.counts.iter().filter(|c| **c).count();
        for i in 0..n {
            d.question_changed(i, q, meta, r);
        }
        d
    }

    /// Question `i` (or the respondent's answer to it) changed: update what depends on it.
    pub fn question_changed(&mut self, i: usize, q: &Questionnaire, meta: &Engagement, r: Option<&Respondent>) {
        let Some(question) = q.questions.get(i) else { return };
        let answer = r.and_then(|r| r.answer(&question.id));
        let answered = answer.and_then(|a| a.value).is_some();
        let target = answer.and_then(|a| a.target).or_else(|| meta.target(&question.id));
        let cell = self.cell_of[i];
        if self.answered[i] != answered {
            self.answered[i] = answered;
            if self.counts[i] {
                self.done = if answered { self.done + 1 } else { self.done - 1 };
            }
        }
        let target = target.filter(|_| self.on_grid[i]);
        if let Some(old) = self.target[i] {
            self.sums[cell].0 -= u64::from(old);
            self.sums[cell].1 -= 1;
        }
        if let Some(new) = target {
            self.sums[cell].0 += u64::from(new);
            self.sums[cell].1 += 1;
        }
        self.target[i] = target;
    }

    pub fn is_answered(&self, i: usize) -> bool {
        self.answered.get(i).copied().unwrap_or(false)
    }

    /// The target that counts for question `i` (the respondent's own, else the workspace's).
    pub fn target_of(&self, i: usize) -> Option<u8> {
        self.target.get(i).copied().flatten()
    }

    /// Mean target of a cell's questions that have one.
    pub fn cell_target(&self, phase: Option<Phase>, function: Option<Function>) -> Option<f64> {
        let r = self.rows.iter().position(|&p| p == phase)?;
        let c = self.cols.iter().position(|&f| f == function)?;
        let (sum, n) = self.sums[r * self.cols.len() + c];
        (n > 0).then(|| sum as f64 / n as f64)
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
        let (q, meta) = (s.session.questionnaire(), s.session.meta());
        let mut r = Respondent::new("default", "Default");
        let scope = InScope::new(q, &Default::default(), &[]);
        let mut d = Derived::new(q, &scope, meta, Some(&r));
        for (i, (value, target)) in
            [(Some(Value::Level(2)), None), (Some(Value::NotApplicable), Some(5)), (None, Some(1))]
                .into_iter()
                .enumerate()
        {
            r.answers.insert(q.questions[i].id.clone(), Answer { value, target, ..Default::default() });
            d.question_changed(i, q, meta, Some(&r));
        }
        r.answers.remove(&q.questions[0].id);
        d.question_changed(0, q, meta, Some(&r));
        let fresh = Derived::new(q, &scope, meta, Some(&r));
        assert_eq!(d.done, 1);
        assert_eq!(
            (d.done, &d.answered, &d.target, &d.sums),
            (fresh.done, &fresh.answered, &fresh.target, &fresh.sums)
        );
        let (p, f) = (q.questions[1].phase, q.questions[1].function);
        assert!(d.cell_target(p, f).is_some());
    }
}
