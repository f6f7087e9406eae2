//! Question id → position, for `Questionnaire::index_of` and `question`: a scan of 10,000 ids
//! per lookup made every caller that looks ids up in a loop (the baseline diff, the scope's
//! `applies_if`) quadratic.
//!
//! The index is built on the first lookup and never trusted blindly: `questions` is a public
//! field that tests, imports and upgrades edit after the questionnaire was made, so a hit is
//! checked against the question it points at and anything else falls back to the scan. It is
//! keyed by a hash of the id rather than the id (16 bytes an entry instead of a copy of every
//! id); two ids with the same hash only cost the second one the scan.

use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::sync::OnceLock;

use super::model::Question;

/// A cache, not data: it compares equal to any other and is not serialised.
#[derive(Clone, Default)]
pub struct IdIndex(OnceLock<HashMap<u64, usize>>);

fn key(id: &str) -> u64 {
    // Fixed keys: the same id hashes the same in every process (nothing here is adversarial,
    // a collision only costs a scan).
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

impl IdIndex {
    pub(super) fn position(&self, questions: &[Question], id: &str) -> Option<usize> {
        let map = self.0.get_or_init(|| {
            let mut map = HashMap::with_capacity(questions.len());
            for (i, q) in questions.iter().enumerate() {
                // The first of equal ids (or hashes) wins, as a scan from the front finds it.
                map.entry(key(&q.id)).or_insert(i);
            }
            map
        });
        match map.get(&key(id)) {
            Some(&i) if questions.get(i).is_some_and(|q| q.id == id) => Some(i),
            _ => questions.iter().position(|q| q.id == id),
        }
    }
}

impl PartialEq for IdIndex {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for IdIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("IdIndex")
    }
}

#[cfg(test)]
mod tests {
    use crate::questionnaire::{Question, Questionnaire};

    fn bank(ids: &[&str]) -> Questionnaire {
        Questionnaire {
            questions: ids.iter().map(|id| Question::new(id, None, None, "t")).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn finds_every_id_and_refuses_an_unknown_one() {
        let q = bank(&["a", "b", "c"]);
        assert_eq!(["a", "b", "c"].map(|id| q.index_of(id)), [Some(0), Some(1), Some(2)]);
        assert_eq!(q.index_of("d"), None);
        assert_eq!(q.question("b").map(|x| x.id.as_str()), Some("b"));
    }

    #[test]
    fn stays_right_after_the_questions_are_edited() {
        let mut q = bank(&["a", "b", "c"]);
        assert_eq!(q.index_of("c"), Some(2)); // builds the index
        q.questions.remove(0);
        q.questions.push(Question::new("d", None, None, "t"));
        assert_eq!(["b", "c", "d", "a"].map(|id| q.index_of(id)), [Some(0), Some(1), Some(2), None]);
        assert_eq!(q.question("d").map(|x| x.id.as_str()), Some("d"));
    }
}
