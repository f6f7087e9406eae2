//! Engagement targets in a merge (docs/merge.md, "Engagement targets"): a question's target
//! changed on one side only since the base is taken; changed differently on both is a conflict,
//! resolved by the rule below, recorded in history.toml and reported. The base of a question
//! is the level the last shared `target` entry left; a target still as migrated on open
//! (`targets::MIGRATED_BY`) is what both copies shared, so it counts as unchanged. The same
//! plan serves `aira merge` and the open that resolves a `git merge` of targets.toml.

use std::cmp::Ordering;

use aira_core::text::cmp_timestamps;

use super::targets::{MIGRATED_BY, Target, Targets};
use super::three_way::Side;

/// What merging one question's target does.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub question: String,
    /// The target the result holds (None: no target).
    pub kept: Option<Target>,
    /// For a conflict: the side not kept, and which side was kept.
    pub conflict: Option<(Option<Target>, Side)>,
    /// Whether the result differs from ours (something to write).
    pub writes: bool,
}

fn level(t: Option<&Target>) -> Option<u8> {
    t.map(|t| t.level)
}

/// Whether a side's target is still what the base had.
fn unchanged(side: Option<&Target>, base: Option<Option<u8>>) -> bool {
    side.is_some_and(|t| t.set_by == MIGRATED_BY) || level(side) == base.flatten()
}

/// The steps that merge `theirs` into `ours`, by question id; `base(q)` is the base level
/// (`None`: no shared entry, the base is no target).
pub fn plan(ours: &Targets, theirs: &Targets, base: impl Fn(&str) -> Option<Option<u8>>) -> Vec<Step> {
    let mut questions: Vec<&String> = ours.keys().chain(theirs.keys()).collect();
    questions.sort();
    questions.dedup();
    let mut steps = Vec::new();
    for q in questions {
        let (o, t, b) = (ours.get(q), theirs.get(q), base(q));
        if level(o) == level(t) || unchanged(t, b) {
            continue;
        }
        let question = q.clone();
        if unchanged(o, b) {
            steps.push(Step { question, kept: t.cloned(), conflict: None, writes: true });
            continue;
        }
        // Both changed it differently: a target set wins over one cleared (nothing is lost),
        // else the later decision stands (ours on a tie).
        let source_wins = match (o, t) {
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (Some(o), Some(t)) => cmp_timestamps(&t.set_at, &o.set_at) == Ordering::Greater,
            (None, None) => false,
        };
        let (kept, other, side) = if source_wins { (t, o, Side::Source) } else { (o, t, Side::Target) };
        steps.push(Step { question, kept: kept.cloned(), conflict: Some((other.cloned(), side)), writes: source_wins });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(level: u8, by: &str, at: &str) -> Target {
        Target { level, set_by: by.into(), set_at: at.into() }
    }

    #[test]
    fn one_sided_changes_are_taken_and_both_sided_ones_conflict_by_the_rule() {
        let ours: Targets = [
            ("a".to_owned(), t(3, "x", "2026-01-01T00:00:00Z")), // changed here only
            ("b".to_owned(), t(2, MIGRATED_BY, "")),             // as migrated
            ("c".to_owned(), t(4, "x", "2026-01-02T00:00:00Z")), // both: theirs later
            ("d".to_owned(), t(1, "x", "2026-01-03T00:00:00Z")), // set here, cleared there
        ]
        .into();
        let theirs: Targets = [
            ("a".to_owned(), t(2, MIGRATED_BY, "")),
            ("b".to_owned(), t(5, "y", "2026-01-01T00:00:00Z")),
            ("c".to_owned(), t(1, "y", "2026-01-05T00:00:00Z")),
        ]
        .into();
        let base = |q: &str| if q == "d" { Some(Some(2)) } else { None };
        let steps = plan(&ours, &theirs, base);
        assert_eq!(steps.len(), 3, "{steps:?}");
        assert_eq!((steps[0].question.as_str(), steps[0].writes, &steps[0].conflict), ("b", true, &None));
        assert_eq!(steps[1].question, "c");
        assert_eq!(steps[1].kept.as_ref().map(|t| t.level), Some(1));
        assert_eq!(steps[1].conflict.as_ref().map(|c| c.1), Some(Side::Source));
        assert_eq!((steps[2].question.as_str(), steps[2].writes), ("d", false));
        assert_eq!(steps[2].kept.as_ref().map(|t| t.level), Some(1), "the set one is kept");
    }
}
