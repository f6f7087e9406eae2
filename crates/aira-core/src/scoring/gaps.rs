//! Targets and gaps. A question's target is the engagement's (targets.toml, one per
//! question), else the workspace default; its gap is target − current, only where both exist.
//! Groups (cells, phases, functions, overall) sum up the same way the scores do, over the
//! questions that have both. How older per-respondent targets became engagement targets is
//! `migrated_targets`.

use std::collections::BTreeMap;

use super::Status;
use crate::assessment::{Assessment, Respondent};
use crate::questionnaire::{Question, Questionnaire};

/// The target of every question, in questionnaire order. `default` is the engagement default
/// (`[targets] default` in workspace.toml), for questions the engagement set no target for.
pub fn targets(q: &Questionnaire, a: &Assessment, default: Option<u8>) -> Vec<Option<f64>> {
    q.questions.iter().map(|question| question_target(&question.id, a, default)).collect()
}

/// One question's target by the rule of `targets` (the wizard keeps them current one at a time).
pub fn question_target(id: &str, a: &Assessment, default: Option<u8>) -> Option<f64> {
    a.targets.get(id).copied().or(default).map(f64::from)
}

/// The engagement targets of a workspace written before they existed (docs/scoring.md,
/// "Engagement targets"): a question some respondents set a target on takes their mean,
/// made a whole level by the one rounding rule (`number::whole`); else the workspace's
/// per-question target (`[targets.questions]`). Archived respondents count too: what they
/// set was the engagement's decision as recorded then.
pub fn migrated_targets<'a>(
    respondents: impl IntoIterator<Item = &'a Respondent>,
    per_question: &BTreeMap<String, u8>,
) -> BTreeMap<String, u8> {
    let mut set: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for r in respondents {
        for (id, a) in &r.answers {
            if let Some(t) = a.target {
                let e = set.entry(id.as_str()).or_default();
                e.0 += u32::from(t);
                e.1 += 1;
            }
        }
    }
    let mut out = per_question.clone();
    for (id, (sum, n)) in set {
        let mean = crate::number::whole(f64::from(sum) / f64::from(n));
        out.insert(id.to_owned(), u8::try_from(mean).unwrap_or(u8::MAX));
    }
    out
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
    fn the_engagement_target_wins_then_the_default_and_respondents_targets_do_not_count() {
        let q = q2();
        let mut a = Assessment::default();
        for (id, t) in [("r1", 4), ("r2", 5)] {
            let mut r = Respondent::new(id, id);
            let ans = Answer { value: Some(Value::Level(1)), target: Some(t), ..Default::default() };
            r.answers.insert("a".into(), ans);
            a.respondents.push(r);
        }
        a.targets.insert("b".into(), 2);
        assert_eq!(targets(&q, &a, Some(3)), vec![Some(3.0), Some(2.0)], "a's respondents' 4 and 5 are not a's target");
        assert_eq!(targets(&q, &Assessment::default(), None), vec![None, None]);
    }

    #[test]
    fn migration_takes_the_respondents_mean_rounded_else_the_workspace_per_question_target() {
        let mut rs = Vec::new();
        for (id, ta, tb) in [("r1", Some(4), Some(2)), ("r2", Some(5), None), ("r3", None, Some(3))] {
            let mut r = Respondent::new(id, id);
            for (qid, t) in [("a", ta), ("b", tb)] {
                if t.is_some() {
                    r.answers.insert(qid.into(), Answer { target: t, ..Default::default() });
                }
            }
            rs.push(r);
        }
        let per_question: BTreeMap<String, u8> = [("b".to_owned(), 1), ("c".to_owned(), 2)].into();
        let m = migrated_targets(&rs, &per_question);
        // a: (4 + 5) / 2 = 4.5 → 5 (half away from zero); b: (2 + 3) / 2 = 2.5 → 3, over the
        // workspace's 1; c: only the workspace's.
        let want: BTreeMap<String, u8> = [("a".to_owned(), 5), ("b".to_owned(), 3), ("c".to_owned(), 2)].into();
        assert_eq!(m, want);
        assert!(migrated_targets(&[], &BTreeMap::new()).is_empty());
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
