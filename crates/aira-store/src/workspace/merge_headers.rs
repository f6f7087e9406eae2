//! Respondent headers (name, role, archived) in a merge, three ways and field by field, like
//! answers: a field changed on one side only (a rename, a role, a removal or restore) is that
//! side's change and is taken, as git's text merge of the `[respondent]` table takes it; a
//! field both sides changed differently is a conflict, resolved as answers are, by keeping the
//! side whose header change is newer (the target's on a tie), listed and recorded.
//!
//! The base is where the two sides' trails of `respondent` entries meet
//! (`merge_base::base_of`), so it is found whether or not the entries are shared: an add has no
//! `old`, and a first respondent made by `aira init` no entry at all. No meeting, no base:
//! every field that differs is then a conflict.

use std::cmp::Ordering;
use std::collections::HashMap;

use aira_core::assessment::Respondent;
use aira_core::text::cmp_timestamps;

use super::merge_base::Entry;
use super::respondent_change::{KIND, header_table};
use super::three_way::Side;
use super::{history, merge_base, meta_change};

/// One `respondent` entry (or undo or redo of one) as a step of a header's trail.
#[derive(Clone, Debug)]
pub struct Step {
    old: toml::Table,
    new: toml::Table,
    at: String,
}

/// Per respondent, the steps of every `respondent` entry (and undo or redo of one) of `ours`
/// then `theirs`, oldest first within each; no header is an empty table. An undo or redo is
/// known by its shape (a respondent, no question, header tables): its number points into its
/// own copy's history, not always into the list here.
pub fn trails<'a>(
    ours: impl IntoIterator<Item = &'a Entry>,
    theirs: impl IntoIterator<Item = &'a Entry>,
) -> HashMap<String, Vec<Step>> {
    let mut out: HashMap<String, Vec<Step>> = HashMap::new();
    for c in ours.into_iter().chain(theirs).map(|e| &e.change) {
        if is_header_entry(c) {
            let (old, new) = (c.old.clone().unwrap_or_default(), c.new.clone().unwrap_or_default());
            out.entry(c.respondent.clone()).or_default().push(Step { old, new, at: c.at.clone() });
        }
    }
    out
}

fn is_header_entry(c: &history::Change) -> bool {
    let shaped = c.question.is_empty() && !c.respondent.is_empty() && c.new.as_ref().is_some_and(is_header_table);
    shaped && matches!(c.kind.as_str(), KIND | "undo" | "redo")
}

/// A `respondent` entry's table: a `name`, and nothing but `name`, `role` and `archived`.
fn is_header_table(t: &toml::Table) -> bool {
    t.contains_key("name") && t.keys().all(|k| matches!(k.as_str(), "name" | "role" | "archived"))
}

/// A header's three-way merge.
#[derive(Debug, PartialEq)]
pub struct Merged {
    /// The header the target gets (ours when nothing was taken).
    pub header: Respondent,
    /// The fields both sides changed differently, and whose values were kept for them.
    pub conflicts: Vec<&'static str>,
    pub kept_from: Side,
}

/// Merge `theirs` header into `ours` (one respondent's, same id) over `steps`, its trail.
pub fn three_way(steps: &[Step], ours: &Respondent, theirs: &Respondent) -> Merged {
    let (o, t) = (header_table(ours), header_table(theirs));
    let pairs: Vec<(toml::Table, toml::Table)> = steps.iter().map(|s| (s.old.clone(), s.new.clone())).collect();
    let base = (o != t).then(|| merge_base::base_of(&pairs, &o, &t)).filter(|b| !b.is_empty());
    // Which side's header change is newer: its newest step that wrote it.
    let written = |h: &toml::Table| steps.iter().rev().find(|s| &s.new == h).map(|s| s.at.as_str());
    let theirs_newer = match (written(&t), written(&o)) {
        (Some(their), Some(our)) => cmp_timestamps(their, our) == Ordering::Greater,
        (Some(_), None) => true,
        _ => false,
    };
    let kept_from = if theirs_newer { Side::Source } else { Side::Target };
    let mut header = ours.clone_header();
    let mut conflicts = Vec::new();
    let get = |h: &toml::Table, k: &str| h.get(k).cloned();
    for field in ["name", "role", "archived"] {
        let (bv, ov, tv) = (base.as_ref().and_then(|b| get(b, field)), get(&o, field), get(&t, field));
        let take = if ov == tv || base.is_some() && tv == bv {
            false
        } else if base.is_some() && ov == bv {
            true
        } else {
            conflicts.push(field);
            theirs_newer
        };
        if take {
            match field {
                "name" => header.name.clone_from(&theirs.name),
                "role" => header.role.clone_from(&theirs.role),
                _ => header.archived = theirs.archived,
            }
        }
    }
    Merged { header, conflicts, kept_from }
}

/// The history entry recording a header conflict on respondent `kept.id`: a `respondent`
/// entry from `other`, the side not kept, to `kept`, so an undo of it puts `other` back.
pub fn conflict_entry(kept: &Respondent, other: &Respondent, (by, at): (&str, &str), answering: &str) -> String {
    let id = kept.id.as_str();
    let e = history::Entry { at, by, respondent: id, question: "", kind: KIND, reverts: None, old: None, new: None };
    let table = |r: &Respondent| meta_change::inline(&header_table(r));
    history::render_tables_as(&e, answering, Some(table(other)), &[], table(kept))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(name: &str, archived: bool) -> Respondent {
        Respondent { archived, ..Respondent::new("bo", name) }
    }

    fn step(old: Option<&Respondent>, new: &Respondent, at: &str) -> Step {
        Step { old: old.map(header_table).unwrap_or_default(), new: header_table(new), at: at.into() }
    }

    #[test]
    fn different_fields_changed_on_each_side_both_come_through() {
        let base = r("Bo", false);
        let (ours, theirs) = (r("Bo Chen", false), r("Bo", true));
        let steps = [step(None, &base, "1"), step(Some(&base), &ours, "2"), step(Some(&base), &theirs, "3")];
        let m = three_way(&steps, &ours, &theirs);
        assert_eq!((m.header.name.as_str(), m.header.archived, m.conflicts.len()), ("Bo Chen", true, 0));
    }

    #[test]
    fn the_same_field_changed_on_both_sides_is_a_conflict_the_newer_side_wins() {
        let base = r("Bo", false);
        let (ours, theirs) = (r("Bo Chen", false), r("Bo C.", false));
        let steps =
            [step(None, &base, "1"), step(Some(&base), &ours, "2026-01-02"), step(Some(&base), &theirs, "2026-01-03")];
        let m = three_way(&steps, &ours, &theirs);
        assert_eq!((m.header.name.as_str(), m.conflicts, m.kept_from), ("Bo C.", vec!["name"], Side::Source));
        let steps =
            [step(None, &base, "1"), step(Some(&base), &ours, "2026-01-04"), step(Some(&base), &theirs, "2026-01-03")];
        let m = three_way(&steps, &ours, &theirs);
        assert_eq!((m.header.name.as_str(), m.kept_from), ("Bo Chen", Side::Target));
    }

    #[test]
    fn with_no_trail_a_difference_is_a_conflict_and_ours_stays() {
        let m = three_way(&[], &r("Bo", false), &r("Bo Chen", true));
        assert_eq!((m.header, m.conflicts), (r("Bo", false), vec!["name", "archived"]));
    }
}
