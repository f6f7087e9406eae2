//! Scores per framework reference: NIST AI RMF function, category and subcategory, ISO/IEC
//! 42001 clause and Annex A control. A reference's score is the aggregate (weighted mean, or
//! minimum) of the questions that cite it; questions reach categories and functions through
//! the subcategories they cite.

use super::{Aggregation, ReferenceIndex, Status, Tally};
use crate::questionnaire::Questionnaire;

/// One reference and the questions behind its score (indices into `questionnaire.questions`).
#[derive(Clone, Debug, PartialEq)]
pub struct RefScore {
    pub id: String,
    pub tally: Tally,
    pub questions: Vec<usize>,
}

/// Every reference of both frameworks, in the frameworks' own order; ids that questions cite
/// but the reference data lacks come last, so nothing cited is ever dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReferenceScores {
    pub nist_functions: Vec<RefScore>,
    pub nist_categories: Vec<RefScore>,
    pub nist_subcategories: Vec<RefScore>,
    pub iso_clauses: Vec<RefScore>,
    pub iso_controls: Vec<RefScore>,
}

impl ReferenceScores {
    /// Any reference by id (function ids are `GV`, `MP`, `MS`, `MG`).
    pub fn get(&self, id: &str) -> Option<&RefScore> {
        self.all().find(|r| r.id == id)
    }

    pub fn all(&self) -> impl Iterator<Item = &RefScore> {
        self.nist_functions
            .iter()
            .chain(&self.nist_categories)
            .chain(&self.nist_subcategories)
            .chain(&self.iso_clauses)
            .chain(&self.iso_controls)
    }
}

/// The category of a NIST subcategory id: `GV-1.2` → `GV-1`.
pub fn nist_category(subcategory: &str) -> &str {
    subcategory.split_once('.').map_or(subcategory, |(c, _)| c)
}

/// The function of a NIST id: `GV-1.2` → `GV`.
pub fn nist_function(id: &str) -> &str {
    id.split_once('-').map_or(id, |(f, _)| f)
}

/// Score every reference. `statuses[i]` belongs to `q.questions[i]`; missing ones count as
/// unanswered. A question citing a reference twice (or two subcategories of one category)
/// counts once for it. Callers scoring the same questionnaire repeatedly keep a
/// `ReferenceIndex` instead.
pub fn score_references(q: &Questionnaire, statuses: &[Status], aggregation: Aggregation) -> ReferenceScores {
    ReferenceIndex::new(q).score(statuses, aggregation)
}
