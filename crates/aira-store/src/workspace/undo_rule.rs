//! Which change an undo or a redo acts on: one rule for `aira undo`/`aira redo` (over the
//! whole history) and the wizard's `u`/`U` (over the changes of its session).
//!
//! Every change is made *as* someone (the respondent answering when it was made; see
//! `history::Change::answering`). An undo reverts the newest change made as that person that
//! is neither an undo nor already reverted; a redo is itself a change, so it can be undone
//! again. A redo re-applies the newest undo made as that person not yet redone, unless that
//! person has made a new change since (a new change clears their redo, as in any editor).
//! Other people's changes are never touched and never clear anyone else's redo.

use std::collections::HashSet;

/// The kind of an entry that reverts a change.
pub const UNDO: &str = "undo";
/// The kind of an entry that re-applies what an undo reverted.
pub const REDO: &str = "redo";

/// What the rule needs of one entry.
#[derive(Clone, Copy, Debug)]
pub struct Mark<'a> {
    pub kind: &'a str,
    /// Who was answering (a respondent id; empty for no one).
    pub as_: &'a str,
    /// For an undo or redo: the number of the entry it reverts.
    pub reverts: Option<usize>,
}

/// The number of the change `who` (`None`: anyone) would undo, from `(number, mark)` pairs
/// oldest first (numbers may skip: the wizard lists its own session's changes only).
pub fn undo_target<'a, I>(marks: I, who: Option<&str>) -> Option<usize>
where
    I: DoubleEndedIterator<Item = (usize, Mark<'a>)>,
{
    let mut reverted = HashSet::new();
    for (n, m) in marks.rev() {
        if m.kind == UNDO {
            reverted.extend(m.reverts);
            continue;
        }
        if who.is_some_and(|w| w != m.as_) {
            continue;
        }
        if !reverted.contains(&n) {
            return Some(n);
        }
    }
    None
}

/// The number of the undo entry `who` (`None`: anyone) would redo (see the module comment).
pub fn redo_target<'a, I>(marks: I, who: Option<&str>) -> Option<usize>
where
    I: DoubleEndedIterator<Item = (usize, Mark<'a>)>,
{
    let mut redone = HashSet::new();
    for (n, m) in marks.rev() {
        if who.is_some_and(|w| w != m.as_) {
            continue;
        }
        match m.kind {
            REDO => redone.extend(m.reverts),
            UNDO if !redone.contains(&n) => return Some(n),
            UNDO => {}
            // A change made after the undos: it clears them.
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks<'a>(list: &'a [(&'a str, &'a str, Option<usize>)]) -> impl DoubleEndedIterator<Item = (usize, Mark<'a>)> {
        list.iter().enumerate().map(|(i, (kind, as_, reverts))| (i + 1, Mark { kind, as_, reverts: *reverts }))
    }

    #[test]
    fn undo_is_per_person_and_skips_what_is_reverted() {
        let log = [("answer", "ann", None), ("answer", "bo", None), ("agree", "ann", None), ("undo", "ann", Some(3))];
        assert_eq!(undo_target(marks(&log), Some("ann")), Some(1), "3 is reverted; bo's 2 is not ann's");
        assert_eq!(undo_target(marks(&log), Some("bo")), Some(2));
        assert_eq!(undo_target(marks(&log), Some("cy")), None);
        assert_eq!(undo_target(marks(&log), None), Some(2));
        let all = [("answer", "ann", None), ("undo", "ann", Some(1))];
        assert_eq!(undo_target(marks(&all), Some("ann")), None);
    }

    #[test]
    fn redo_follows_undos_back_and_a_new_change_clears_it() {
        // 1 c, 2 c, 3 undo 2, 4 undo 1, 5 redo 4: the next redo is of 3, then nothing.
        let log = [
            ("answer", "ann", None),
            ("answer", "ann", None),
            ("undo", "ann", Some(2)),
            ("undo", "ann", Some(1)),
            ("redo", "ann", Some(4)),
        ];
        assert_eq!(redo_target(marks(&log[..4]), Some("ann")), Some(4));
        assert_eq!(redo_target(marks(&log), Some("ann")), Some(3));
        // The redo is a change: undo reverts it first.
        assert_eq!(undo_target(marks(&log), Some("ann")), Some(5));
        let mut cleared = log.to_vec();
        cleared.push(("answer", "ann", None));
        assert_eq!(redo_target(marks(&cleared), Some("ann")), None, "a new change clears redo");
        let mut other = log.to_vec();
        other.push(("answer", "bo", None));
        assert_eq!(redo_target(marks(&other), Some("ann")), Some(3), "bo's change leaves ann's redo");
        assert_eq!(redo_target(marks(&other), Some("bo")), None);
        let undo_of_redo = [("answer", "ann", None), ("undo", "ann", Some(1)), ("redo", "ann", Some(2))];
        assert_eq!(redo_target(marks(&undo_of_redo), Some("ann")), None);
        assert_eq!(undo_target(marks(&undo_of_redo), Some("ann")), Some(3));
    }
}
