//! Scores per framework reference: NIST AI RMF function, category and subcategory, ISO/IEC
//! 42001 clause and Annex A control. A reference's score is the aggregate (weighted mean, or
//! minimum) of the questions that cite it; questions reach categories and functions through
//! the subcategories they cite.

use std::collections::HashMap;

use super::{Aggregation, Status, Tally};
use crate::frameworks;
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
#[derive(Clone, Debug, PartialEq)]
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

/// Accumulates tallies for a fixed list of ids, growing for ids it has not seen.
struct Group {
    refs: Vec<RefScore>,
    /// Id → index into `refs` (a linear search per citation made 10,000 questions slow).
    index: HashMap<String, usize>,
    aggregation: Aggregation,
}

impl Group {
    fn new<'a>(ids: impl Iterator<Item = &'a str>, aggregation: Aggregation) -> Self {
        let refs: Vec<RefScore> = ids
            .map(|id| RefScore { id: id.to_owned(), tally: Tally::new(aggregation), questions: Vec::new() })
            .collect();
        let mut index = HashMap::with_capacity(refs.len());
        for (i, r) in refs.iter().enumerate() {
            index.entry(r.id.clone()).or_insert(i);
        }
        Group { refs, index, aggregation }
    }

    fn add(&mut self, id: &str, index: usize, status: Status, weight: f64) {
        let pos = match self.index.get(id) {
            Some(&p) => p,
            None => {
                let tally = Tally::new(self.aggregation);
                self.refs.push(RefScore { id: id.to_owned(), tally, questions: Vec::new() });
                self.index.insert(id.to_owned(), self.refs.len() - 1);
                self.refs.len() - 1
            }
        };
        let r = &mut self.refs[pos];
        r.tally.add(status, weight);
        r.questions.push(index);
    }
}

/// Score every reference. `statuses[i]` belongs to `q.questions[i]`; missing ones count as
/// unanswered. A question citing a reference twice (or two subcategories of one category)
/// counts once for it.
pub fn score_references(q: &Questionnaire, statuses: &[Status], aggregation: Aggregation) -> ReferenceScores {
    let f = frameworks::get();
    let mut functions = Group::new(f.nist.function.iter().map(|e| e.id.as_str()), aggregation);
    let mut categories = Group::new(f.nist.category.iter().map(|e| e.id.as_str()), aggregation);
    let mut subcategories = Group::new(f.nist.subcategory.iter().map(|e| e.id.as_str()), aggregation);
    let mut clauses = Group::new(f.iso.clause.iter().map(|e| e.id.as_str()), aggregation);
    let mut controls = Group::new(f.iso.control.iter().map(|e| e.id.as_str()), aggregation);
    // One buffer reused per question: each reference counts once per question.
    let mut ids: Vec<&str> = Vec::new();
    let each = |ids: &mut Vec<&str>, group: &mut Group, i: usize, status: Status, w: f64| {
        ids.sort_unstable();
        ids.dedup();
        for id in ids.drain(..) {
            group.add(id, i, status, w);
        }
    };
    for (i, question) in q.questions.iter().enumerate() {
        let status = statuses.get(i).copied().unwrap_or(Status::Unanswered);
        let w = question.weight;
        ids.extend(question.nist.iter().map(String::as_str));
        each(&mut ids, &mut subcategories, i, status, w);
        ids.extend(question.nist.iter().map(|s| nist_category(s)));
        each(&mut ids, &mut categories, i, status, w);
        ids.extend(question.nist.iter().map(|s| nist_function(s)));
        each(&mut ids, &mut functions, i, status, w);
        ids.extend(question.iso.iter().map(String::as_str).filter(|id| id.starts_with("A.")));
        each(&mut ids, &mut controls, i, status, w);
        ids.extend(question.iso.iter().map(String::as_str).filter(|id| !id.starts_with("A.")));
        each(&mut ids, &mut clauses, i, status, w);
    }
    ReferenceScores {
        nist_functions: functions.refs,
        nist_categories: categories.refs,
        nist_subcategories: subcategories.refs,
        iso_clauses: clauses.refs,
        iso_controls: controls.refs,
    }
}
