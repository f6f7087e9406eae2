//! Comparing an assessment with an earlier one (its baseline): the change per heatmap cell,
//! phase, function and question. Questions are matched by id, so a questionnaire upgrade
//! between the two shows up as added and removed questions rather than as wrong deltas.

use serde::Serialize;

use super::{Scores, Tally};
use crate::assessment::{Assessment, Value};
use crate::questionnaire::{Function, Phase, Questionnaire};

/// A score then and now; `delta` = current − base, `None` when either side has no score.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Delta {
    pub base: Option<f64>,
    pub current: Option<f64>,
    pub delta: Option<f64>,
}

impl Delta {
    pub fn new(base: Option<f64>, current: Option<f64>) -> Delta {
        let delta = base.zip(current).map(|(b, c)| c - b);
        Delta { base, current, delta }
    }

    fn of(base: Option<&Tally>, current: Option<&Tally>) -> Delta {
        Delta::new(base.and_then(|t| t.score), current.and_then(|t| t.score))
    }

    /// The same score (or none) on both sides.
    pub fn is_unchanged(&self) -> bool {
        self.base == self.current
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellDelta {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    #[serde(flatten)]
    pub delta: Delta,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseDelta {
    pub phase: Option<Phase>,
    #[serde(flatten)]
    pub delta: Delta,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FunctionDelta {
    pub function: Option<Function>,
    #[serde(flatten)]
    pub delta: Delta,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionDelta {
    pub id: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    #[serde(flatten)]
    pub delta: Delta,
    /// Its answers differ, whether or not the score moved: a new or removed answer (a second
    /// respondent at the same level, one newly not applicable), a changed level, or the agreed
    /// value set, changed or cleared.
    pub answers_changed: bool,
}

impl QuestionDelta {
    pub fn is_unchanged(&self) -> bool {
        self.delta.is_unchanged() && !self.answers_changed
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diff {
    pub overall: Delta,
    /// The current heatmap's cells in its row-major order, then any lane only the baseline had.
    pub cells: Vec<CellDelta>,
    pub phases: Vec<PhaseDelta>,
    pub functions: Vec<FunctionDelta>,
    /// Questions on both sides, in the current questionnaire's order.
    pub questions: Vec<QuestionDelta>,
    /// Question ids only the current questionnaire has, and only the baseline had.
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl Diff {
    /// The change of one heatmap cell (for the TUI's baseline overlay).
    pub fn cell(&self, phase: Option<Phase>, function: Option<Function>) -> Option<&CellDelta> {
        self.cells.iter().find(|c| c.phase == phase && c.function == function)
    }

    /// True when no score moved, no answer changed and no question came or went.
    pub fn is_unchanged(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.overall.is_unchanged()
            && self.cells.iter().all(|c| c.delta.is_unchanged())
            && self.questions.iter().all(QuestionDelta::is_unchanged)
    }

    /// Compare the answers themselves, not only the scores (`diff` sees statuses only, so a
    /// second respondent agreeing with the first would pass unnoticed).
    pub fn mark_answers(&mut self, base: &Assessment, current: &Assessment) {
        for q in &mut self.questions {
            q.answers_changed |= answers_differ(base, current, &q.id);
        }
    }
}

/// Whether one question's answers differ: each respondent's value (by respondent id) and the
/// agreed value. Notes and timestamps are not answers.
pub fn answers_differ(base: &Assessment, current: &Assessment, question_id: &str) -> bool {
    let values = |a: &Assessment| -> Vec<(String, Value)> {
        let mut v: Vec<(String, Value)> = a
            .respondents
            .iter()
            .filter_map(|r| r.answer(question_id).and_then(|x| x.value).map(|v| (r.id.clone(), v)))
            .collect();
        v.sort_by(|x, y| x.0.cmp(&y.0));
        v
    };
    base.agreed.get(question_id) != current.agreed.get(question_id) || values(base) != values(current)
}

/// Current − baseline. `base` must be the scores of `base_q`, `cur` those of `cur_q`.
pub fn diff(base_q: &Questionnaire, base: &Scores, cur_q: &Questionnaire, cur: &Scores) -> Diff {
    let mut cells: Vec<CellDelta> = cur
        .cells
        .iter()
        .map(|c| CellDelta {
            phase: c.phase,
            function: c.function,
            delta: Delta::of(base.cell(c.phase, c.function).map(|b| &b.tally), Some(&c.tally)),
        })
        .collect();
    for b in &base.cells {
        if cur.cell(b.phase, b.function).is_none() {
            cells.push(CellDelta { phase: b.phase, function: b.function, delta: Delta::of(Some(&b.tally), None) });
        }
    }
    let phase_of = |s: &Scores, p: Option<Phase>| s.phases.iter().find(|(x, _)| *x == p).map(|(_, t)| *t);
    let function_of = |s: &Scores, f: Option<Function>| s.functions.iter().find(|(x, _)| *x == f).map(|(_, t)| *t);
    let mut phases: Vec<Option<Phase>> = cur.phases.iter().map(|(p, _)| *p).collect();
    phases.extend(base.phases.iter().map(|(p, _)| *p).filter(|p| phase_of(cur, *p).is_none()));
    let mut functions: Vec<Option<Function>> = cur.functions.iter().map(|(f, _)| *f).collect();
    functions.extend(base.functions.iter().map(|(f, _)| *f).filter(|f| function_of(cur, *f).is_none()));
    let status_of = |q: &Questionnaire, s: &Scores, id: &str| q.index_of(id).and_then(|i| s.questions.get(i).copied());
    let score_of = |q: &Questionnaire, s: &Scores, id: &str| status_of(q, s, id).and_then(|s| s.score());
    let mut questions = Vec::new();
    let mut added = Vec::new();
    for x in &cur_q.questions {
        if base_q.index_of(&x.id).is_some() {
            let delta = Delta::new(score_of(base_q, base, &x.id), score_of(cur_q, cur, &x.id));
            // Unanswered → not applicable moves no score but is a new answer.
            let answers_changed = status_of(base_q, base, &x.id) != status_of(cur_q, cur, &x.id);
            questions.push(QuestionDelta {
                id: x.id.clone(),
                phase: x.phase,
                function: x.function,
                delta,
                answers_changed,
            });
        } else {
            added.push(x.id.clone());
        }
    }
    let removed = base_q.questions.iter().filter(|x| cur_q.index_of(&x.id).is_none()).map(|x| x.id.clone()).collect();
    Diff {
        overall: Delta::of(Some(&base.overall), Some(&cur.overall)),
        cells,
        phases: phases
            .into_iter()
            .map(|p| PhaseDelta { phase: p, delta: Delta::of(phase_of(base, p).as_ref(), phase_of(cur, p).as_ref()) })
            .collect(),
        functions: functions
            .into_iter()
            .map(|f| FunctionDelta {
                function: f,
                delta: Delta::of(function_of(base, f).as_ref(), function_of(cur, f).as_ref()),
            })
            .collect(),
        questions,
        added,
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::Question;
    use crate::scoring::{Aggregation, Status, score};

    fn q(ids: &[(&str, Option<Phase>)]) -> Questionnaire {
        crate::scoring::tests::bank(
            ids.iter().map(|(id, p)| Question::new(id, *p, Some(Function::Govern), "t")).collect(),
        )
    }

    #[test]
    fn deltas_match_questions_by_id() {
        let bq = q(&[("a", Some(Phase::Plan)), ("gone", Some(Phase::Do)), ("b", None)]);
        let cq = q(&[("new", Some(Phase::Do)), ("b", Some(Phase::Act)), ("a", Some(Phase::Plan))]);
        let bs = score(&bq, &[Status::Scored(1.0), Status::Scored(2.0), Status::Scored(4.0)], Aggregation::Mean);
        let cs = score(&cq, &[Status::Scored(3.0), Status::Unanswered, Status::Scored(2.5)], Aggregation::Mean);
        let d = diff(&bq, &bs, &cq, &cs);
        assert_eq!(d.added, ["new"]);
        assert_eq!(d.removed, ["gone"]);
        assert_eq!(d.questions[0].id, "b");
        assert_eq!(d.questions[0].delta, Delta { base: Some(4.0), current: None, delta: None });
        assert_eq!(d.questions[1].delta.delta, Some(1.5));
        let plan = d.cell(Some(Phase::Plan), Some(Function::Govern)).unwrap();
        assert_eq!(plan.delta.delta, Some(1.5));
        // The baseline's unassigned lane is kept although the current questionnaire has none.
        let lane = d.cell(None, Some(Function::Govern)).unwrap();
        assert_eq!(lane.delta, Delta { base: Some(4.0), current: None, delta: None });
        assert_eq!(d.phases.last().unwrap().phase, None);
        assert_eq!(d.overall.delta, Some(2.75 - 7.0 / 3.0));
        assert!(!d.is_unchanged());
        assert!(diff(&cq, &cs, &cq, &cs).is_unchanged());
    }

    #[test]
    fn new_answers_count_as_changes_even_when_no_score_moves() {
        use crate::assessment::{Answer, Respondent};
        let bq = q(&[("a", Some(Phase::Plan)), ("b", Some(Phase::Do)), ("c", Some(Phase::Act))]);
        let bs = score(&bq, &[Status::Scored(3.0), Status::Unanswered, Status::Scored(2.0)], Aggregation::Mean);
        let cs = score(&bq, &[Status::Scored(3.0), Status::NotApplicable, Status::Scored(2.0)], Aggregation::Mean);
        let mut d = diff(&bq, &bs, &bq, &cs);
        let changed: Vec<bool> = d.questions.iter().map(|q| q.answers_changed).collect();
        assert_eq!(changed, [false, true, false], "unanswered → not applicable is a new answer");
        let level = |l| Answer { value: Some(Value::Level(l)), ..Default::default() };
        let one = |id: &str, l| {
            let mut r = Respondent::new(id, id);
            r.answers.insert("a".into(), level(l));
            r
        };
        let base = Assessment { respondents: vec![one("x", 3)], ..Default::default() };
        let cur = Assessment { respondents: vec![one("x", 3), one("y", 3)], ..Default::default() };
        d.mark_answers(&base, &cur);
        assert!(d.questions[0].answers_changed && d.questions[0].delta.is_unchanged(), "a second respondent at 3");
        assert!(!d.questions[2].answers_changed && d.questions[2].is_unchanged());
        assert!(!d.is_unchanged());
        assert!(!answers_differ(&cur, &cur, "a"));
        let mut agreed = cur.clone();
        agreed.agreed.insert("a".into(), Value::Level(3));
        assert!(answers_differ(&cur, &agreed, "a"), "an agreed value set at the mean's level");
    }
}
