//! The search room (pure): a fuzzy index over questions. Ranked hits carry the matched
//! character positions (char indices into the field) so views can highlight them.
//! Matching is fzf-v1 style and linear in the field (see `matcher`): a 10,000-question bank
//! must answer within a keystroke, which a full dynamic-programming scorer cannot.

mod matcher;
pub mod notes;

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::{Mutex, OnceLock};

use crate::questionnaire::{Question, Questionnaire};
use matcher::{Folded, Query, folds_to};
use notes::NOTE;
pub use notes::Notes;

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
    /// Whose note matched (the person's index in `Notes`); None for the questionnaire's text.
    pub respondent: Option<usize>,
    pub positions: Vec<usize>,
}

/// One searchable field of a question: which one (`part` numbers references), folded.
struct Entry {
    fields: Vec<(Field, usize, Folded)>,
}

/// Folded fields of every question (originals stay in the questionnaire: at 10,000 questions a
/// second copy is megabytes), built on the first search so that opening a big bank does not
/// wait for it, and folded notes cached by question and person (refolded only when a note
/// changed).
#[derive(Default)]
pub struct Index {
    entries: OnceLock<Vec<Entry>>,
    notes: Mutex<Vec<Vec<Option<Folded>>>>,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Index({} questions)", self.len())
    }
}

fn build(q: &Questionnaire) -> Vec<Entry> {
    q.questions
        .iter()
        .map(|question| {
            let mut fields =
                vec![(Field::Id, 0, Folded::new(&question.id)), (Field::Text, 0, Folded::new(&question.text))];
            fields.extend(question.references().enumerate().map(|(k, r)| (Field::Reference, k, Folded::new(r))));
            if !question.guidance.is_empty() {
                fields.push((Field::Guidance, 0, Folded::new(&question.guidance)));
            }
            Entry { fields }
        })
        .collect()
}

/// The original text of a field.
fn original(q: &Question, field: Field, part: usize) -> Option<&str> {
    match field {
        Field::Id => Some(&q.id),
        Field::Text => Some(&q.text),
        Field::Guidance => Some(&q.guidance),
        Field::Reference => q.references().nth(part),
        Field::Note => None,
    }
}

/// Question indices in index order, kept to narrow the next search when the query grows.
pub type Matching = Vec<usize>;

impl Index {
    /// An index built now (the TUI uses `Index::default()`, built on the first search).
    pub fn new(q: &Questionnaire) -> Index {
        let index = Index::default();
        let _ = index.entries.set(build(q));
        index
    }

    /// Questions indexed so far (0 until the first search of a lazily built index).
    pub fn len(&self) -> usize {
        self.entries.get().map_or(0, Vec::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Search every question of `q` (the questionnaire the index is for) and every person's
    /// notes on it (`notes`: notes change while the index does not). `within` narrows to
    /// earlier hits when the query only grew. The best `limit` hits, ranked; a question is one
    /// hit, its best field (of several people's matching notes, the best, then the first).
    pub fn search<'n>(
        &self,
        q: &Questionnaire,
        query: &str,
        notes: Notes<impl Fn(usize, usize) -> Option<&'n str>>,
        within: Option<&[usize]>,
        limit: usize,
    ) -> Vec<Hit> {
        self.search_narrowing(q, query, notes, within, limit).0
    }

    /// As `search`, and also every matching question (not just the `limit` shown), to pass as
    /// `within` when the user types one more character.
    pub fn search_narrowing<'n>(
        &self,
        q: &Questionnaire,
        query: &str,
        Notes { people, note }: Notes<impl Fn(usize, usize) -> Option<&'n str>>,
        within: Option<&[usize]>,
        limit: usize,
    ) -> (Vec<Hit>, Matching) {
        let query = query.trim();
        if query.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let entries = self.entries.get_or_init(|| build(q));
        let mut notes = self.notes.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        notes.resize_with(entries.len(), Vec::new);
        let query = Query::new(query);
        let best_possible = query.best_possible();
        let mut scratch = Vec::new();
        // Rank on (score, question, field) first; only the hits kept get their text and
        // positions, so a query matching most of a big bank stays cheap.
        let mut ranked: Vec<(i64, usize, usize)> = Vec::new();
        let mut matching: Matching = Vec::new();
        // The `limit` best scores so far: once full, a field that cannot reach the lowest of
        // them is only checked for a match (narrowing needs every matching question), and
        // not at all once the question is known to match.
        let mut top: BinaryHeap<Reverse<i64>> = BinaryHeap::new();
        let mut consider = |i: usize| {
            let e = &entries[i];
            let floor = (limit > 0 && top.len() >= limit).then(|| top.peek().map_or(i64::MIN, |r| r.0));
            let unreachable = |field: Field| floor.is_some_and(|t| best_possible + field.bonus() < t);
            let mut best: Option<(i64, usize)> = None;
            let mut matched = false;
            // A tie keeps the earlier field, so a field that can at best tie is not read.
            let hopeless =
                |best: Option<(i64, usize)>, field: Field| best.is_some_and(|b| b.0 >= best_possible + field.bonus());
            for (k, (field, _, folded)) in e.fields.iter().enumerate() {
                if hopeless(best, *field) {
                    continue;
                }
                if unreachable(*field) {
                    matched = matched || query.matches(folded);
                    continue;
                }
                if let Some(score) = query.score(folded, &mut scratch) {
                    let score = score + field.bonus();
                    if best.is_none_or(|b| score > b.0) {
                        best = Some((score, k));
                    }
                }
            }
            // Each person's note, until one could only confirm a match already found.
            for person in 0..people {
                if hopeless(best, Field::Note) || (matched && unreachable(Field::Note)) {
                    break;
                }
                let Some(n) = note(i, person).filter(|n| !n.is_empty()) else { continue };
                let row = &mut notes[i];
                if row.len() <= person {
                    row.resize_with(person + 1, || None);
                }
                let cached = &mut row[person];
                if !cached.as_ref().is_some_and(|c| folds_to(n, &c.text)) {
                    *cached = Some(Folded::new(n));
                }
                if let Some(c) = cached.as_ref() {
                    if unreachable(Field::Note) {
                        matched = matched || query.matches(c);
                    } else if let Some(score) = query.score(c, &mut scratch) {
                        let score = score + Field::Note.bonus();
                        if best.is_none_or(|b| score > b.0) {
                            best = Some((score, NOTE + person));
                        }
                    }
                }
            }
            if let Some((score, k)) = best {
                ranked.push((score, i, k));
                if top.len() < limit {
                    top.push(Reverse(score));
                } else if top.peek().is_some_and(|r| score > r.0) {
                    top.pop();
                    top.push(Reverse(score));
                }
            }
            if matched || best.is_some() {
                matching.push(i);
            }
        };
        match within {
            Some(ids) => ids.iter().copied().filter(|&i| i < entries.len()).for_each(&mut consider),
            None => (0..entries.len()).for_each(&mut consider),
        }
        // Keys are unique (question indices differ), so an unstable sort gives a stable order.
        let order = |a: &(i64, usize, usize), b: &(i64, usize, usize)| b.0.cmp(&a.0).then(a.1.cmp(&b.1));
        if limit < ranked.len() {
            ranked.select_nth_unstable_by(limit, order);
            ranked.truncate(limit);
        }
        ranked.sort_unstable_by(order);
        let hits = ranked
            .into_iter()
            .filter_map(|(score, i, k)| {
                let (field, text, positions, respondent) = match k.checked_sub(NOTE) {
                    None => {
                        let (field, part, folded) = entries[i].fields.get(k)?;
                        query.score(folded, &mut scratch)?;
                        (*field, original(q.questions.get(i)?, *field, *part)?.to_owned(), scratch.clone(), None)
                    }
                    Some(person) => {
                        let n = note(i, person)?;
                        query.score(&Folded::new(n), &mut scratch)?;
                        (Field::Note, n.to_owned(), scratch.clone(), Some(person))
                    }
                };
                Some(Hit { question: i, score, field, matched: text, positions, respondent })
            })
            .collect();
        (hits, matching)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> (Questionnaire, Index) {
        let q = crate::questionnaire::parse("mini", include_str!("../../../../tests/fixtures/mini.toml")).unwrap();
        let i = Index::new(&q);
        (q, i)
    }

    #[test]
    fn finds_references_ids_and_text() {
        let (q, i) = index();
        let hits = i.search(&q, "A.6.2.6", notes::none(), None, 10);
        assert_eq!(q.questions[hits[0].question].id, "do-manage-incidents");
        assert_eq!(hits[0].field, Field::Reference);
        let hits = i.search(&q, "MS-4.3", notes::none(), None, 10);
        assert_eq!(q.questions[hits[0].question].id, "act-measure-update-metrics");
        let hits = i.search(&q, "inventory", notes::none(), None, 10);
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
        let (q, i) = index();
        let hits = i.search(&q, "zanzibar", notes::one(|n| (n == 3).then_some("met the team in Zanzibar")), None, 10);
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].question, hits[0].field), (3, Field::Note));
    }

    #[test]
    fn searches_every_respondents_notes_and_names_whose_note_matched() {
        let (q, i) = index();
        // Three people; only the third wrote about Zanzibar, the first about Mombasa.
        let notes = |question: usize, person: usize| match (question, person) {
            (3, 0) => Some("workshop in Mombasa"),
            (3, 2) | (5, 1) => Some("met the team in Zanzibar"),
            _ => None,
        };
        let hits = i.search(&q, "zanzibar", Notes { people: 3, note: notes }, None, 10);
        let found: Vec<(usize, Field, Option<usize>)> =
            hits.iter().map(|h| (h.question, h.field, h.respondent)).collect();
        assert_eq!(found, [(3, Field::Note, Some(2)), (5, Field::Note, Some(1))]);
        assert_eq!(hits[0].matched, "met the team in Zanzibar");
        let hits = i.search(&q, "mombasa", Notes { people: 3, note: notes }, None, 10);
        assert_eq!((hits.len(), hits[0].respondent), (1, Some(0)));
        // A hit in the questionnaire's own text belongs to nobody.
        let hits = i.search(&q, "A.6.2.6", Notes { people: 3, note: notes }, None, 10);
        assert_eq!((hits[0].field, hits[0].respondent), (Field::Reference, None));
        // Narrowed or limited, the same hits (the cache is per person).
        let (top, matching) = i.search_narrowing(&q, "zanzibar", Notes { people: 3, note: notes }, Some(&[3, 5]), 1);
        assert_eq!((top[0].respondent, matching), (Some(2), vec![3, 5]));
    }

    #[test]
    fn narrowing_gives_the_same_hits() {
        let (q, i) = index();
        let wide: Vec<usize> = i.search(&q, "re", notes::none(), None, usize::MAX).iter().map(|h| h.question).collect();
        let a = i.search(&q, "rev", notes::none(), Some(&wide), usize::MAX);
        let b = i.search(&q, "rev", notes::none(), None, usize::MAX);
        assert_eq!(a, b);
        assert!(i.search(&q, "   ", notes::none(), None, 10).is_empty());
    }

    #[test]
    fn lazy_index_and_limits_agree_with_the_full_search() {
        let (q, eager) = index();
        let lazy = Index::default();
        assert_eq!(lazy.len(), 0);
        let all = eager.search(&q, "re", notes::none(), None, usize::MAX);
        let (top, matching) = lazy.search_narrowing(&q, "re", notes::none(), None, 3);
        assert_eq!(lazy.len(), q.questions.len());
        assert_eq!(top, all[..3]);
        let mut ids: Vec<usize> = all.iter().map(|h| h.question).collect();
        ids.sort_unstable();
        assert_eq!(matching, ids);
    }

    #[test]
    fn a_small_limit_on_a_big_bank_keeps_the_full_ranking_and_every_id() {
        let spec = aira_testgen::Spec::new(600, 1, 0);
        let q = crate::questionnaire::parse("gen", &aira_testgen::questionnaire_text(&spec)).unwrap();
        let i = Index::new(&q);
        // Three people, each with notes on a different seventh of the bank.
        let note =
            Notes { people: 3, note: |n: usize, p: usize| (n % 7 == p).then_some("incident review with the supplier") };
        for query in ["incident", "A.6.2", "MS-2.7", "bias testing", "supplier", "e", "rev"] {
            let all = i.search(&q, query, note, None, usize::MAX);
            let mut ids: Vec<usize> = all.iter().map(|h| h.question).collect();
            ids.sort_unstable();
            for limit in [1, 5, 40] {
                let (top, matching) = i.search_narrowing(&q, query, note, None, limit);
                assert_eq!(top, all[..limit.min(all.len())], "{query} {limit}");
                assert_eq!(matching, ids, "{query} {limit}");
            }
        }
    }

    #[test]
    fn a_changed_note_is_refolded() {
        let (q, i) = index();
        assert_eq!(i.search(&q, "zanzibar", notes::one(|n| (n == 3).then_some("Zanzibar")), None, 10).len(), 1);
        assert!(i.search(&q, "zanzibar", notes::one(|n| (n == 3).then_some("Mombasa")), None, 10).is_empty());
        let hits = i.search(&q, "mombasa", notes::one(|n| (n == 3).then_some("MOMBASA")), None, 10);
        assert_eq!((hits.len(), hits[0].matched.as_str()), (1, "MOMBASA"));
    }
}
