//! The search room (pure): a fuzzy index over questions. Ranked hits carry the matched
//! character positions (char indices into the field) so views can highlight them.
//! Matching is fzf-v1 style and linear in the field (see `matcher`): a 10,000-question bank
//! must answer within a keystroke, which a full dynamic-programming scorer cannot.

mod matcher;

use crate::questionnaire::Questionnaire;
use matcher::{Folded, Query};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Id,
    Reference,
    Text,
    Guidance,
    Note,
}

impl Field {
    pub fn label(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Reference => "ref",
            Field::Text => "text",
            Field::Guidance => "guidance",
            Field::Note => "note",
        }
    }

    /// Ties go to the field a person most likely meant.
    fn bonus(self) -> i64 {
        match self {
            Field::Reference => 40,
            Field::Id => 30,
            Field::Text => 20,
            Field::Note => 10,
            Field::Guidance => 0,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub question: usize,
    pub score: i64,
    pub field: Field,
    /// The field's text the positions refer to (for references: the one reference matched).
    pub matched: String,
    pub positions: Vec<usize>,
}

struct Entry {
    fields: Vec<(Field, String, Folded)>,
}

pub struct Index {
    entries: Vec<Entry>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} questions)", self.entries.len())
    }
}

impl Index {
    pub fn new(q: &Questionnaire) -> Index {
        let entries = q
            .questions
            .iter()
            .map(|question| {
                let mut fields = vec![(Field::Id, question.id.clone()), (Field::Text, question.text.clone())];
                fields.extend(question.references().map(|r| (Field::Reference, r.to_owned())));
                if !question.guidance.is_empty() {
                    fields.push((Field::Guidance, question.guidance.clone()));
                }
                Entry {
                    fields: fields
                        .into_iter()
                        .map(|(f, s)| {
                            let l = Folded::new(&s);
                            (f, s, l)
                        })
                        .collect(),
                }
            })
            .collect();
        Index { entries }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Search every question; `note(i)` gives question i's note text (notes change while the
    /// index does not). `within` narrows to earlier hits when the query only grew.
    pub fn search<'n>(
        &self,
        query: &str,
        note: impl Fn(usize) -> Option<&'n str>,
        within: Option<&[usize]>,
        limit: usize,
    ) -> Vec<Hit> {
        let query = query.trim();
        if query.is_empty() {
            return Vec::new();
        }
        let q = Query::new(query);
        let best_possible = q.best_possible();
        let mut scratch = Vec::new();
        // Rank on (score, question, field) first; only the hits kept get their text and
        // positions, so a query matching most of a big bank stays cheap.
        let mut ranked: Vec<(i64, usize, usize)> = Vec::new();
        let mut consider = |i: usize| {
            let e = &self.entries[i];
            let mut best: Option<(i64, usize)> = None;
            // A tie keeps the earlier field, so a field that can at best tie is not read.
            let hopeless =
                |best: Option<(i64, usize)>, field: Field| best.is_some_and(|b| b.0 >= best_possible + field.bonus());
            for (k, (field, _, folded)) in e.fields.iter().enumerate() {
                if hopeless(best, *field) {
                    continue;
                }
                if let Some(score) = q.score(folded, &mut scratch) {
                    let score = score + field.bonus();
                    if best.is_none_or(|b| score > b.0) {
                        best = Some((score, k));
                    }
                }
            }
            if !hopeless(best, Field::Note)
                && let Some(n) = note(i).filter(|n| !n.is_empty())
                && let Some(score) = q.score(&Folded::new(n), &mut scratch)
            {
                let score = score + Field::Note.bonus();
                if best.is_none_or(|b| score > b.0) {
                    best = Some((score, NOTE));
                }
            }
            if let Some((score, k)) = best {
                ranked.push((score, i, k));
            }
        };
        match within {
            Some(ids) => ids.iter().copied().filter(|&i| i < self.entries.len()).for_each(&mut consider),
            None => (0..self.entries.len()).for_each(&mut consider),
        }
        // Keys are unique (question indices differ), so an unstable sort gives a stable order.
        let order = |a: &(i64, usize, usize), b: &(i64, usize, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if limit < ranked.len() {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        ranked
            .into_iter()
            .filter_map(|(score, i, k)| {
                let (field, text, positions) = match self.entries[i].fields.get(k) {
                    Some((field, text, folded)) => {
                        q.score(folded, &mut scratch)?;
                        (*field, text.clone(), scratch.clone())
                    }
                    None => {
                        let n = note(i)?;
                        q.score(&Folded::new(n), &mut scratch)?;
                        (Field::Note, n.to_owned(), scratch.clone())
                    }
                };
                Some(Hit { question: i, score, field, matched: text, positions })
            })
            .collect()
    }
}

/// The characters to highlight in a shown hit: fuzzy-matcher's skim algorithm picks the
/// best-looking alignment (it is too slow to rank 10,000 questions per keystroke, so the
/// linear matcher above ranks and skim only polishes the few rows on screen).
pub fn highlight(text: &str, query: &str) -> Option<Vec<usize>> {
    use fuzzy_matcher::FuzzyMatcher;
    static SKIM: std::sync::OnceLock<fuzzy_matcher::skim::SkimMatcherV2> = std::sync::OnceLock::new();
    let skim = SKIM.get_or_init(|| fuzzy_matcher::skim::SkimMatcherV2::default().ignore_case());
    skim.fuzzy_indices(text, query.trim()).map(|(_, positions)| positions)
}

/// Marks the note as the best field of a question (index fields are numbered from 0).
const NOTE: usize = usize::MAX;

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> (Questionnaire, Index) {
        let q = crate::questionnaire::parse("mini", include_str!("../../tests/fixtures/mini.toml")).unwrap();
        let i = Index::new(&q);
        (q, i)
    }

    #[test]
    fn finds_references_ids_and_text() {
        let (q, i) = index();
        let hits = i.search("A.6.2.6", |_| None, None, 10);
        assert_eq!(q.questions[hits[0].question].id, "do-manage-incidents");
        assert_eq!(hits[0].field, Field::Reference);
        let hits = i.search("MS-4.3", |_| None, None, 10);
        assert_eq!(q.questions[hits[0].question].id, "act-measure-update-metrics");
        let hits = i.search("inventory", |_| None, None, 10);
        assert_eq!(q.questions[hits[0].question].id, "do-map-inventory");
        assert!(!hits[0].positions.is_empty());
    }

    #[test]
    fn highlight_marks_the_matched_characters() {
        assert_eq!(highlight("Incident response", "inre"), Some(vec![0, 1, 9, 10]));
        assert_eq!(highlight("abc", "zz"), None);
    }

    #[test]
    fn searches_notes() {
        let (_, i) = index();
        let hits = i.search("zanzibar", |n| (n == 3).then_some("met the team in Zanzibar"), None, 10);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].question, hits[0].field), (3, Field::Note));
    }

    #[test]
    fn narrowing_gives_the_same_hits() {
        let (_, i) = index();
        let wide: Vec<usize> = i.search("re", |_| None, None, usize::MAX).iter().map(|h| h.question).collect();
        let a = i.search("rev", |_| None, Some(&wide), usize::MAX);
        let b = i.search("rev", |_| None, None, usize::MAX);
        assert_eq!(a, b);
        assert!(i.search("   ", |_| None, None, 10).is_empty());
    }
}
