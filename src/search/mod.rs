//! The search room (pure): a fuzzy index over questions. Ranked hits carry the matched
//! character positions (char indices into the field) so views can highlight them.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::questionnaire::Questionnaire;

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
    fields: Vec<(Field, String, String)>, // field, original, lowercase
}

pub struct Index {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} questions)", self.entries.len())
    }
}

/// Cheap pre-check: every query char appears in order (case-insensitive). Most of a large bank
/// fails it in a few nanoseconds, so the costly scorer runs only on real candidates.
fn subsequence(haystack_lower: &str, needle_lower: &str) -> bool {
    let mut h = haystack_lower.chars();
    needle_lower.chars().filter(|c| !c.is_whitespace()).all(|n| h.any(|c| c == n))
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
                            let l = s.to_lowercase();
                            (f, s, l)
                        })
                        .collect(),
                }
            })
            .collect();
        Index { entries, matcher: SkimMatcherV2::default().ignore_case() }
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
        let lower = query.to_lowercase();
        let mut hits: Vec<Hit> = Vec::new();
        let mut consider = |i: usize| {
            let e = &self.entries[i];
            let mut best: Option<Hit> = None;
            let note_field = note(i).filter(|n| !n.is_empty()).map(|n| (Field::Note, n.to_owned(), n.to_lowercase()));
            for (field, text, text_lower) in e.fields.iter().chain(note_field.iter()) {
                if !subsequence(text_lower, &lower) {
                    continue;
                }
                if let Some((score, positions)) = self.matcher.fuzzy_indices(text, query) {
                    let score = score + field.bonus() + if text_lower.contains(&lower) { 50 } else { 0 };
                    if best.as_ref().is_none_or(|b| score > b.score) {
                        best = Some(Hit { question: i, score, field: *field, matched: text.clone(), positions });
                    }
                }
            }
            if let Some(b) = best {
                hits.push(b);
            }
        };
        match within {
            Some(ids) => ids.iter().copied().filter(|&i| i < self.entries.len()).for_each(&mut consider),
            None => (0..self.entries.len()).for_each(&mut consider),
        }
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.question.cmp(&b.question)));
        hits.truncate(limit);
        hits
    }
}

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
