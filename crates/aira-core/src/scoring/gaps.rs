//! Targets and gaps. A question's target is what its respondents set (their mean), else the
//! workspace's per-question target, else the workspace default; its gap is target − current,
//! only where both exist. Groups (cells, phases, functions, overall) sum up the same way the
//! scores do, over the questions that have both.

use super::Status;
use crate::assessment::Assessment;
use crate::questionnaire::{Question, Questionnaire};

/// The target of every question, in questionnaire order. `fallback` is the workspace's
/// target for a question id (its own, else the default), e.g. `|id| meta.target(id)`.
pub fn targets(q: &Questionnaire, a: &Assessment, fallback: impl Fn(&str) -> Option<u8>) -> Vec<Option<f64>> {
    q.questions.iter().map(|question| question_target(&question.id, a, &fallback)).collect()
}

/// One question's target by the rule of `targets` (the wizard keeps them current one at a time).
pub fn question_target(id: &str, a: &Assessment, fallback: impl Fn(&str) -> Option<u8>) -> Option<f64> {
    let set: Vec<f64> =
        a.respondents.iter().filter_map(|r| r.answer(id).and_then(|x| x.target)).map(f64::from).collect();
    if set.is_empty() { fallback(id).map(f64::from) } else { Some(set.iter().sum::<f64>() / set.len() as f64) }
}

/// Target − current, only where both exist. Negative when the question is above its target.
pub fn gap(status: Status, target: Option<f64>) -> Option<f64> {
    Some(target? - status.score()?)
}

/// A group's target and gap: weighted means over its answered questions that have a target.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GroupGap {
    pub target: Option<f64>,
    pub gap: Option<f64>,
}

/// Sum up the questions `include` picks. `statuses` and `targets` follow the questionnaire.
pub fn group_gap(
    q: &Questionnaire,
    statuses: &[Status],
    targets: &[Option<f64>],
    include: impl Fn(&Question) -> bool,
) -> GroupGap {
    group_gap_over(q, statuses, targets, (0..q.questions.len()).filter(|&i| include(&q.questions[i])))
}

/// [`group_gap`] over the questions at `indexes` (a heatmap cell's members).
pub fn group_gap_over(
    q: &Questionnaire,
    statuses: &[Status],
    targets: &[Option<f64>],
    indexes: impl Iterator<Item = usize>,
) -> GroupGap {
    let (mut wt, mut wg, mut w) = (0.0, 0.0, 0.0);
    for i in indexes {
        let Some(question) = q.questions.get(i) else { continue };
        let status = statuses.get(i).copied().unwrap_or(Status::Unanswered);
        let target = targets.get(i).copied().flatten();
        if let (Some(t), Some(g)) = (target, gap(status, target)) {
            wt += t * question.weight;
            wg += g * question.weight;
            w += question.weight;
        }
    }
    if w > 0.0 { GroupGap { target: Some(wt / w), gap: Some(wg / w) } } else { GroupGap::default() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Respondent, Value};
    use crate::questionnaire::{Function, Phase};

    fn q2() -> Questionnaire {
        let mut a = Question::new("a", Some(Phase::Plan), Some(Function::Govern), "A");
        a.weight = 3.0;
        let b = Question::new("b", Some(Phase::Do), Some(Function::Map), "B");
        crate::scoring::tests::bank(vec![a, b])
    }

    #[test]
    fn answer_target_wins_then_workspace_fallback() {
        let q = q2();
        let mut a = Assessment::default();
        for (id, t) in [("r1", 4), ("r2", 5)] {
            let mut r = Respondent::new(id, id);
            let ans = Answer { value: Some(Value::Level(1)), target: Some(t), ..Default::default() };
            r.answers.insert("a".into(), ans);
            a.respondents.push(r);
        }
        let t = targets(&q, &a, |id| if id == "b" { Some(2) } else { Some(3) });
        assert_eq!(t, vec![Some(4.5), Some(2.0)]);
        assert_eq!(targets(&q, &Assessment::default(), |_| None), vec![None, None]);
    }

    #[test]
    fn gap_needs_both_and_groups_weigh() {
        assert_eq!(gap(Status::Scored(1.0), Some(3.0)), Some(2.0));
        assert_eq!(gap(Status::Scored(4.0), Some(3.0)), Some(-1.0));
        assert_eq!(gap(Status::Unanswered, Some(3.0)), None);
        assert_eq!(gap(Status::NotApplicable, Some(3.0)), None);
        assert_eq!(gap(Status::Scored(1.0), None), None);
        let q = q2();
        let st = [Status::Scored(1.0), Status::Scored(3.0)];
        let g = group_gap(&q, &st, &[Some(3.0), Some(3.0)], |_| true);
        // (2*3 + 0*1) / 4
        assert_eq!(g, GroupGap { target: Some(3.0), gap: Some(1.5) });
        let none = group_gap(&q, &[Status::Unanswered, Status::NotApplicable], &[Some(3.0), Some(3.0)], |_| true);
        assert_eq!(none, GroupGap::default());
    }
}
