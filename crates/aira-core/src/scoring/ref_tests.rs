//! Property tests of the reference, gap and roadmap scoring: within the scale, N/A neutral,
//! order-independent.

use proptest::prelude::*;

use super::*;
use crate::questionnaire::{Function, Phase, Question, Questionnaire};

const NIST: [&str; 6] = ["GV-1.2", "GV-1.3", "MP-2.1", "MS-2.7", "MG-1.1", "GV-6.1"];
const ISO: [&str; 5] = ["5.2", "6.1.2", "A.2.2", "A.6.2.6", "A.10.3"];

fn question(i: usize, refs: u8, weight: u8) -> Question {
    let mut q = Question::new(&format!("q{i}"), Some(Phase::ALL[i % 4]), Some(Function::ALL[(i / 4) % 4]), "t");
    q.weight = f64::from(weight);
    q.nist = NIST.iter().enumerate().filter(|(b, _)| refs & (1 << b) != 0).map(|(_, s)| (*s).to_owned()).collect();
    q.iso = ISO.iter().enumerate().filter(|(b, _)| refs & (1 << (b + 2)) != 0).map(|(_, s)| (*s).to_owned()).collect();
    q
}

pub(super) fn questionnaire(shape: &[(u8, u8)]) -> Questionnaire {
    super::tests::bank(shape.iter().enumerate().map(|(i, (r, w))| question(i, *r, *w)).collect())
}

fn status() -> impl Strategy<Value = Status> {
    prop_oneof![
        Just(Status::Unanswered),
        Just(Status::NotApplicable),
        (0u8..=5).prop_map(|l| Status::Scored(f64::from(l)))
    ]
}

/// Question shapes (reference bits, weight), statuses and targets, all of one length.
type Case = (Vec<(u8, u8)>, Vec<Status>, Vec<Option<f64>>);

fn case() -> impl Strategy<Value = Case> {
    (1usize..40).prop_flat_map(|n| {
        (
            prop::collection::vec((any::<u8>(), 1u8..4), n),
            prop::collection::vec(status(), n),
            prop::collection::vec(prop::option::of((0u8..=5).prop_map(f64::from)), n),
        )
    })
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #[test]
    fn reference_scores_stay_within_the_scale((shape, st, _t) in case(), min in any::<bool>()) {
        let q = questionnaire(&shape);
        let agg = if min { Aggregation::Min } else { Aggregation::Mean };
        let r = score_references(&q, &st, agg);
        for x in r.all() {
            if let Some(v) = x.tally.score { prop_assert!((0.0..=5.0 + 1e-9).contains(&v), "{} {v}", x.id); }
            prop_assert_eq!(x.tally.answered + x.tally.not_applicable + x.tally.unanswered, x.tally.total);
            prop_assert_eq!(x.questions.len(), x.tally.total);
        }
    }

    #[test]
    fn not_applicable_never_changes_a_reference_mean((shape, st, t) in case(), at in any::<prop::sample::Index>()) {
        let q = questionnaire(&shape);
        let i = at.index(st.len());
        prop_assume!(st[i] == Status::Unanswered);
        let mut after = st.clone();
        after[i] = Status::NotApplicable;
        let (a, b) = (score_references(&q, &st, Aggregation::Mean), score_references(&q, &after, Aggregation::Mean));
        for (x, y) in a.all().zip(b.all()) { prop_assert!(close(x.tally.score, y.tally.score)); }
        prop_assert_eq!(roadmap::plan(&q, &st, &t), roadmap::plan(&q, &after, &t));
        prop_assert_eq!(group_gap(&q, &st, &t, |_| true), group_gap(&q, &after, &t, |_| true));
    }

    #[test]
    fn reordering_questions_changes_no_reference_gap_or_roadmap((shape, st, t) in case(), seed in any::<u64>()) {
        let q = questionnaire(&shape);
        let mut order: Vec<usize> = (0..st.len()).collect();
        order.sort_by_key(|&i| (i as u64).wrapping_mul(seed | 1).rotate_left(29));
        let mut q2 = q.clone();
        q2.questions = order.iter().map(|&i| q.questions[i].clone()).collect();
        let st2: Vec<Status> = order.iter().map(|&i| st[i]).collect();
        let t2: Vec<Option<f64>> = order.iter().map(|&i| t[i]).collect();
        let (a, b) = (score_references(&q, &st, Aggregation::Mean), score_references(&q2, &st2, Aggregation::Mean));
        let key = |r: &ReferenceScores| -> Vec<(String, usize)> { let mut v: Vec<_> = r.all().map(|x| (x.id.clone(), x.tally.total)).collect(); v.sort(); v };
        prop_assert_eq!(key(&a), key(&b));
        for x in a.all() { prop_assert!(close(x.tally.score, b.get(&x.id).and_then(|y| y.tally.score))); }
        let (g1, g2) = (group_gap(&q, &st, &t, |_| true), group_gap(&q2, &st2, &t2, |_| true));
        prop_assert!(close(g1.gap, g2.gap) && close(g1.target, g2.target));
        // Ties on priority may swap questions across a horizon's edge, so compare what each
        // horizon holds by priority, which does not depend on the order.
        let prios = |h: &[roadmap::Horizon]| -> Vec<Vec<u64>> {
            h.iter().map(|h| { let mut v: Vec<u64> = h.items.iter().map(|i| (i.priority * 1e6).round() as u64).collect(); v.sort(); v }).collect()
        };
        prop_assert_eq!(prios(&roadmap::plan(&q, &st, &t)), prios(&roadmap::plan(&q2, &st2, &t2)));
    }

    #[test]
    fn roadmap_holds_exactly_the_positive_gaps_plan_first((shape, st, t) in case()) {
        let q = questionnaire(&shape);
        let h = roadmap::plan(&q, &st, &t);
        let n: usize = h.iter().map(|h| h.items.len()).sum();
        let positive = st.iter().zip(&t).filter(|(s, t)| gap(**s, **t).is_some_and(|g| g > 0.0)).count();
        prop_assert_eq!(n, positive);
        let plan_first = h.iter().flat_map(|h| &h.items).map(|i| i.phase == Some(Phase::Plan)).collect::<Vec<_>>();
        prop_assert!(plan_first.windows(2).all(|w| w[0] || !w[1]), "a Plan item after another phase");
        prop_assert!(h[2].items.is_empty() || !h[0].items.is_empty());
    }
}
