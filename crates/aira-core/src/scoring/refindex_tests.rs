//! The resolved-index scoring against a straightforward oracle (the id-hashing scorer it
//! replaced): identical results on the mini fixture, on generated banks and on random shapes.

use std::collections::HashMap;

use proptest::prelude::*;

use super::references::{RefScore, ReferenceScores, nist_category, nist_function};
use super::{Aggregation, ReferenceIndex, Status, Tally, score_references};
use crate::frameworks;
use crate::questionnaire::Questionnaire;

/// Per citation: find the reference by id (appending unknown ids), add the question.
fn oracle(q: &Questionnaire, statuses: &[Status], agg: Aggregation) -> ReferenceScores {
    let f = frameworks::get();
    let group = |ids: Vec<&str>| -> Vec<RefScore> {
        ids.into_iter()
            .map(|id| RefScore { id: id.to_owned(), tally: Tally::new(agg), questions: Vec::new() })
            .collect()
    };
    let mut groups = [
        group(f.nist.function.iter().map(|e| e.id.as_str()).collect()),
        group(f.nist.category.iter().map(|e| e.id.as_str()).collect()),
        group(f.nist.subcategory.iter().map(|e| e.id.as_str()).collect()),
        group(f.iso.clause.iter().map(|e| e.id.as_str()).collect()),
        group(f.iso.control.iter().map(|e| e.id.as_str()).collect()),
    ];
    for (i, question) in q.questions.iter().enumerate() {
        let status = statuses.get(i).copied().unwrap_or(Status::Unanswered);
        let cited: [Vec<&str>; 5] = [
            question.nist.iter().map(|s| nist_function(s)).collect(),
            question.nist.iter().map(|s| nist_category(s)).collect(),
            question.nist.iter().map(String::as_str).collect(),
            question.iso.iter().map(String::as_str).filter(|id| !id.starts_with("A.")).collect(),
            question.iso.iter().map(String::as_str).filter(|id| id.starts_with("A.")).collect(),
        ];
        for (refs, mut ids) in groups.iter_mut().zip(cited) {
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                let pos: HashMap<&str, usize> =
                    refs.iter().enumerate().rev().map(|(k, r)| (r.id.as_str(), k)).collect();
                let k = match pos.get(id) {
                    Some(&k) => k,
                    None => {
                        refs.push(RefScore { id: id.to_owned(), tally: Tally::new(agg), questions: Vec::new() });
                        refs.len() - 1
                    }
                };
                refs[k].tally.add(status, question.weight);
                refs[k].questions.push(i);
            }
        }
    }
    let [nist_functions, nist_categories, nist_subcategories, iso_clauses, iso_controls] = groups;
    ReferenceScores { nist_functions, nist_categories, nist_subcategories, iso_clauses, iso_controls }
}

fn statuses(n: usize, seed: usize) -> Vec<Status> {
    (0..n)
        .map(|i| match (i * 7 + seed) % 9 {
            0 => Status::Unanswered,
            1 => Status::NotApplicable,
            k => Status::Scored(((k + i) % 6) as f64),
        })
        .collect()
}

fn same_both_ways(q: &Questionnaire) {
    let index = ReferenceIndex::new(q);
    for (seed, agg) in [(0, Aggregation::Mean), (3, Aggregation::Min), (5, Aggregation::Mean)] {
        // One status short: the last question counts as unanswered.
        let st = statuses(q.questions.len().saturating_sub(1), seed);
        let want = oracle(q, &st, agg);
        assert_eq!(index.score(&st, agg), want);
        assert_eq!(score_references(q, &st, agg), want);
    }
}

#[test]
fn mini_fixture_scores_the_same_both_ways() {
    let q = crate::questionnaire::parse("mini", include_str!("../../../../tests/fixtures/mini.toml")).unwrap();
    same_both_ways(&q);
}

#[test]
fn generated_banks_score_the_same_both_ways() {
    for n in [1, 50, 400] {
        let mut spec = aira_testgen::Spec::new(n, 1, n / 2);
        spec.seed = n as u64;
        let q = crate::questionnaire::parse("gen", &aira_testgen::questionnaire_text(&spec)).unwrap();
        same_both_ways(&q);
    }
}

#[test]
fn unknown_and_repeated_ids_score_the_same_both_ways() {
    let mut q = crate::questionnaire::parse("mini", include_str!("../../../../tests/fixtures/mini.toml")).unwrap();
    q.questions[0].nist = vec!["ZZ-9.9".into(), "GV-1.2".into(), "GV-1.2".into(), "GV-1.3".into()];
    q.questions[1].iso = vec!["A.99".into(), "42".into(), "42".into()];
    same_both_ways(&q);
}

proptest! {
    #[test]
    fn random_shapes_score_the_same_both_ways(shape in prop::collection::vec((any::<u8>(), 1u8..4), 1..40), seed in 0usize..9) {
        let q = super::ref_tests::questionnaire(&shape);
        let st = statuses(q.questions.len(), seed);
        prop_assert_eq!(ReferenceIndex::new(&q).score(&st, Aggregation::Mean), oracle(&q, &st, Aggregation::Mean));
    }
}
