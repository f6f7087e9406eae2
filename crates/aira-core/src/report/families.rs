//! The report's generic reference sections: a coverage table per family that has no
//! family-aware roll-up of its own (every family but the NIST functions/categories and the
//! ISO clauses/SoA tables), with application dates, and the crosswalk of answered questions.

use crate::frameworks::Registry;
use crate::questionnaire::Questionnaire;
use crate::scoring::{Aggregation, RefScore, Status, score_family};

/// Families whose coverage the report lays out in its own sections (NIST roll-ups, ISO SoA).
pub const DEDICATED: &[&str] = &["nist", "iso"];

/// One cited entry of a family with its score.
pub struct FamilyRow {
    pub id: String,
    /// "" when the family lacks the id (a warning in `aira check`).
    pub title: String,
    /// `YYYY-MM-DD`, from the family file.
    pub applies_from: Option<String>,
    pub score: RefScore,
}

/// The coverage table of one family.
pub struct FamilyCoverage {
    pub key: String,
    pub name: String,
    pub edition: String,
    /// The family has application dates: show the column.
    pub has_dates: bool,
    pub rows: Vec<FamilyRow>,
}

/// A coverage table for every family the questionnaire cites beyond the dedicated ones.
pub fn coverage(q: &Questionnaire, statuses: &[Status], agg: Aggregation, reg: &Registry) -> Vec<FamilyCoverage> {
    reg.families()
        .iter()
        .filter(|f| !DEDICATED.contains(&f.key.as_str()))
        .filter_map(|f| {
            let scores = score_family(q, statuses, agg, f);
            (!scores.is_empty()).then(|| FamilyCoverage {
                key: f.key.clone(),
                name: f.name.clone(),
                edition: f.edition.clone(),
                has_dates: f.has_dates(),
                rows: scores
                    .into_iter()
                    .map(|score| {
                        let e = f.entry(&score.id);
                        FamilyRow {
                            id: score.id.clone(),
                            title: e.map(|e| e.title.clone()).unwrap_or_default(),
                            applies_from: e.and_then(|e| e.applies_from.clone()),
                            score,
                        }
                    })
                    .collect(),
            })
        })
        .collect()
}

/// The crosswalk: for each answered question (a level given), what it evidences in every
/// family the questionnaire cites. Shown when some family has a generic coverage table.
pub struct Crosswalk {
    /// (key, display name) of each family with a column, in the families' order.
    pub families: Vec<(String, String)>,
    /// Indices into the report's rows (the narrowed questionnaire's questions).
    pub rows: Vec<usize>,
}

pub fn crosswalk(q: &Questionnaire, statuses: &[Status], reg: &Registry) -> Crosswalk {
    let families = reg
        .families()
        .iter()
        .filter(|f| q.questions.iter().any(|x| !x.cited(&f.key).is_empty()))
        .map(|f| (f.key.clone(), f.name.clone()))
        .collect();
    let rows = (0..q.questions.len()).filter(|&i| matches!(statuses.get(i), Some(Status::Scored(_)))).collect();
    Crosswalk { families, rows }
}
