//! Scores per entry of any reference family, read from the family's data: the score of an
//! entry (`Art.9`, `GAI-2`, a fourth framework's clause) is the aggregate of the questions
//! that cite it under the family's key. No family is named here.

use super::references::RefScore;
use super::{Aggregation, Status, Tally};
use crate::frameworks::Family;
use crate::questionnaire::Questionnaire;

/// Every entry of `family` that some question cites, in the family's order; cited ids the
/// family lacks come last (nothing cited is dropped). A question citing an id twice counts once.
pub fn score_family(
    q: &Questionnaire,
    statuses: &[Status],
    aggregation: Aggregation,
    family: &Family,
) -> Vec<RefScore> {
    let mut ids: Vec<&str> = Vec::new();
    for x in &q.questions {
        for id in x.cited(&family.key) {
            if !ids.contains(&id.as_str()) {
                ids.push(id);
            }
        }
    }
    let pos = |id: &str| family.entries.iter().position(|e| e.id == id).unwrap_or(usize::MAX);
    ids.sort_by_key(|id| pos(id));
    ids.iter()
        .map(|&id| {
            let mut tally = Tally::new(aggregation);
            let mut questions = Vec::new();
            for (i, x) in q.questions.iter().enumerate() {
                if x.cited(&family.key).iter().any(|c| c == id) {
                    tally.add(statuses.get(i).copied().unwrap_or(Status::Unanswered), x.weight);
                    questions.push(i);
                }
            }
            RefScore { id: id.to_owned(), tally, questions }
        })
        .collect()
}
