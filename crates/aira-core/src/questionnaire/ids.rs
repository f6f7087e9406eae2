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

/// A cache, not data: it compares equal to any other and is not serialised.
#[derive(Clone, Default)]
pub struct IdIndex(OnceLock<HashMap<u64, usize>>);

fn key(id: &str) -> u64 {
    // Fixed keys: the same id hashes the same in every process (nothing here is adversarial,
    // a collision only costs a scan).
    BuildHasherDefault::<DefaultHasher>::default().hash_one(id)
}

impl IdIndex {
    /// Where `id` is among `items` (each one's id given by `id_of`); generic so that this
    /// file needs nothing from the model that holds it.
    pub(super) fn position<T>(&self, items: &[T], id_of: impl Fn(&T) -> &str, id: &str) -> Option<usize> {
        let map = self.0.get_or_init(|| {
            let mut map = HashMap::with_capacity(items.len());
            for (i, x) in items.iter().enumerate() {
                // The first of equal ids (or hashes) wins, as a scan from the front finds it.
                map.entry(key(id_of(x))).or_insert(i);
            }
            map
        });
        match map.get(&key(id)) {
            Some(&i) if items.get(i).is_some_and(|x| id_of(x) == id) => Some(i),
            _ => items.iter().position(|x| id_of(x) == id),
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
    use super::IdIndex;

    fn at(index: &IdIndex, ids: &[String], id: &str) -> Option<usize> {
        index.position(ids, String::as_str, id)
    }

    #[test]
    fn finds_every_id_and_refuses_an_unknown_one() {
        let (index, ids) = (IdIndex::default(), ["a", "b", "c"].map(String::from));
        assert_eq!(["a", "b", "c"].map(|id| at(&index, &ids, id)), [Some(0), Some(1), Some(2)]);
        assert_eq!(at(&index, &ids, "d"), None);
    }

    #[test]
    fn stays_right_after_the_questions_are_edited() {
        let index = IdIndex::default();
        let mut ids: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(at(&index, &ids, "c"), Some(2)); // builds the index
        ids.remove(0);
        ids.push("d".into());
        assert_eq!(["b", "c", "d", "a"].map(|id| at(&index, &ids, id)), [Some(0), Some(1), Some(2), None]);
    }
}
