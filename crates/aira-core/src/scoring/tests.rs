use proptest::prelude::*;

use super::*;
use crate::questionnaire::Question;

/// A questionnaire of just these questions (the default scale): what the scoring tests build on.
pub(crate) fn bank(questions: Vec<Question>) -> Questionnaire {
    Questionnaire {
        id: "t".into(),
        title: "T".into(),
        version: "1".into(),
        description: String::new(),
        scale: Default::default(),
        roles: Vec::new(),
        profiles: Vec::new(),
        questions,
        ids: Default::default(),
    }
}

fn questionnaire(n: usize) -> Questionnaire {
    let questions = (0..n)
        .map(|i| {
            let mut q =
                Question::new(&format!("q{i}"), Some(Phase::ALL[i % 4]), Some(Function::ALL[(i / 4) % 4]), "text");
            q.weight = 1.0 + (i % 3) as f64;
            q
        })
        .collect();
    bank(questions)
}

#[test]
fn cell_score_is_weighted_mean_of_answered_applicable() {
    let mut q = questionnaire(0);
    for (i, w) in [(0, 1.0), (1, 3.0), (2, 1.0), (3, 1.0)] {
        let mut x = Question::new(&format!("q{i}"), Some(Phase::Plan), Some(Function::Govern), "t");
        x.weight = w;
        q.questions.push(x);
    }
    let s = score(
        &q,
        &[Status::Scored(1.0), Status::Scored(3.0), Status::NotApplicable, Status::Unanswered],
        Aggregation::Mean,
    );
    let cell = s.cell(Some(Phase::Plan), Some(Function::Govern)).unwrap();
    assert_eq!(cell.tally.score, Some(2.5)); // (1*1 + 3*3) / 4
    assert_eq!((cell.tally.answered, cell.tally.not_applicable, cell.tally.unanswered, cell.tally.total), (2, 1, 1, 4));
    assert_eq!(s.cells.len(), 16);
    assert_eq!(s.cell(Some(Phase::Act), Some(Function::Manage)).unwrap().tally.score, None);
    assert_eq!(s.overall.score, Some(2.5));
    assert_eq!(s.overall.completeness(), Some(2.0 / 3.0));
}

#[test]
fn min_aggregation_is_weakest_link() {
    let q = questionnaire(3);
    let s = score(&q, &[Status::Scored(4.0), Status::Scored(1.0), Status::Scored(5.0)], Aggregation::Min);
    assert_eq!(s.overall.score, Some(1.0));
}

#[test]
fn unassigned_lane_appears_only_when_needed() {
    let mut q = questionnaire(4);
    assert_eq!(rows(&q).len(), 4);
    q.questions[0].phase = None;
    assert_eq!(rows(&q).len(), 5);
    assert_eq!(columns(&q).len(), 4);
    let s = score(&q, &[Status::Scored(2.0)], Aggregation::Mean);
    assert_eq!(s.cells.len(), 20);
    assert_eq!(s.cell(None, Some(Function::Govern)).unwrap().tally.score, Some(2.0));
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Unanswered),
        Just(Status::NotApplicable),
        (0u8..=5).prop_map(|l| Status::Scored(f64::from(l)))
    ]
}

proptest! {
    #[test]
    fn scores_stay_within_the_scale(statuses in prop::collection::vec(status(), 1..80), min in any::<bool>()) {
        let q = questionnaire(statuses.len());
        let agg = if min { Aggregation::Min } else { Aggregation::Mean };
        let s = score(&q, &statuses, agg);
        let all = s.cells.iter().map(|c| c.tally).chain(s.phases.iter().map(|p| p.1)).chain(s.functions.iter().map(|f| f.1)).chain([s.overall]);
        for t in all {
            if let Some(v) = t.score { prop_assert!((0.0..=5.0 + 1e-9).contains(&v), "{v}"); }
            prop_assert_eq!(t.answered + t.not_applicable + t.unanswered, t.total);
        }
    }

    #[test]
    fn not_applicable_never_changes_a_mean(statuses in prop::collection::vec(status(), 1..60), at in any::<prop::sample::Index>()) {
        let q = questionnaire(statuses.len());
        let before = score(&q, &statuses, Aggregation::Mean);
        let mut after_st = statuses.clone();
        let i = at.index(after_st.len());
        if after_st[i] != Status::Unanswered { return Ok(()); }
        after_st[i] = Status::NotApplicable;
        let after = score(&q, &after_st, Aggregation::Mean);
        prop_assert_eq!(before.overall.score, after.overall.score);
        for (b, a) in before.cells.iter().zip(&after.cells) { prop_assert_eq!(b.tally.score, a.tally.score); }
    }

    #[test]
    fn reordering_questions_changes_nothing(statuses in prop::collection::vec(status(), 1..60), seed in any::<u64>()) {
        let q = questionnaire(statuses.len());
        let s1 = score(&q, &statuses, Aggregation::Mean);
        // A deterministic shuffle of questions and their statuses together.
        let mut order: Vec<usize> = (0..statuses.len()).collect();
        order.sort_by_key(|&i| (i as u64).wrapping_mul(seed | 1).rotate_left(17));
        let mut q2 = q.clone();
        q2.questions = order.iter().map(|&i| q.questions[i].clone()).collect();
        let st2: Vec<Status> = order.iter().map(|&i| statuses[i]).collect();
        let s2 = score(&q2, &st2, Aggregation::Mean);
        let close = |a: Option<f64>, b: Option<f64>| match (a, b) { (Some(x), Some(y)) => (x - y).abs() < 1e-9, (None, None) => true, _ => false };
        prop_assert!(close(s1.overall.score, s2.overall.score));
        for (a, b) in s1.cells.iter().zip(&s2.cells) { prop_assert!(close(a.tally.score, b.tally.score)); prop_assert_eq!(a.tally.total, b.tally.total); }
    }
}
