//! One answer merged three ways: what the two copies last shared (the base), ours and theirs.
//! A field changed on one side only is taken from that side; a field both sides changed to
//! different things is a conflict, resolved for the answer's changed fields as one by the rule
//! in docs/merge.md (the side whose `answered_at` is newer; ours on a tie or no stamp). Interview
//! log lines and evidence items are sets: each side's additions are kept and an item one side
//! removed since the base goes, so neither is ever a conflict.

use std::cmp::Ordering;

use aira_core::assessment::{Answer, Evidence, LogEntry};
use aira_core::text::cmp_timestamps;

/// Which copy a kept value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Target,
    Source,
}

/// The merged answer and, when both sides changed the same field differently, which fields
/// and which side's values were kept for them.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub answer: Answer,
    pub conflicts: Vec<&'static str>,
    pub kept_from: Side,
}

/// One field three ways; `Err` when both sides changed it differently.
fn field<T: PartialEq + Clone>(base: &T, ours: &T, theirs: &T) -> Result<T, ()> {
    if ours == theirs || theirs == base {
        Ok(ours.clone())
    } else if ours == base {
        Ok(theirs.clone())
    } else {
        Err(())
    }
}

/// One field three ways ([base, ours, theirs]); a conflict is noted and `winner`'s value taken.
fn pick<T: PartialEq + Clone>(
    conflicts: &mut Vec<&'static str>,
    winner: Side,
    name: &'static str,
    [b, o, t]: [&T; 3],
) -> T {
    field(b, o, t).unwrap_or_else(|()| {
        conflicts.push(name);
        if winner == Side::Source { t.clone() } else { o.clone() }
    })
}

/// Which side wins a conflict: the newer capture; ours when neither is newer.
fn newer(ours: &Answer, theirs: &Answer) -> Side {
    if cmp_timestamps(&theirs.answered_at, &ours.answered_at) == Ordering::Greater {
        Side::Source
    } else {
        Side::Target
    }
}

pub fn merge(base: &Answer, ours: &Answer, theirs: &Answer) -> Merged {
    let winner = newer(ours, theirs);
    let mut conflicts = Vec::new();
    let value = pick(&mut conflicts, winner, "level", [&base.value, &ours.value, &theirs.value]);
    let note = pick(&mut conflicts, winner, "note", [&base.note, &ours.note, &theirs.note]);
    let target = pick(&mut conflicts, winner, "target", [&base.target, &ours.target, &theirs.target]);
    let flag = pick(&mut conflicts, winner, "flag", [&base.flag, &ours.flag, &theirs.flag]);
    let (answered_at, answered_by) = stamp(base, ours, theirs, (&value, &note));
    let answer = Answer {
        value,
        target,
        note,
        flag,
        answered_at,
        answered_by,
        evidence: evidence(&base.evidence, &ours.evidence, &theirs.evidence),
        log: log(&base.log, &ours.log, &theirs.log),
    };
    Merged { answer, conflicts, kept_from: winner }
}

/// `answered_at`/`answered_by` say when the level or note was captured, so they come with
/// them: from the side whose level and note the answer now has. When both sides have the same
/// level and note (or it is a mix), the stamp is itself merged three ways, the newer winning.
fn stamp(
    base: &Answer,
    ours: &Answer,
    theirs: &Answer,
    (value, note): (&Option<aira_core::assessment::Value>, &String),
) -> (String, String) {
    let key = |a: &Answer| (a.value, a.note.clone());
    let now = (*value, note.clone());
    let (o, t) = (key(ours), key(theirs));
    let pair = |a: &Answer| (a.answered_at.clone(), a.answered_by.clone());
    if o != t && now == t {
        return pair(theirs);
    }
    if o != t && now == o {
        return pair(ours);
    }
    let (b, o, t) = (pair(base), pair(ours), pair(theirs));
    field(&b, &o, &t).unwrap_or_else(|()| if newer(ours, theirs) == Side::Source { t } else { o })
}

/// Set union three ways, keyed by `key`: ours in order, then theirs' additions; an item one
/// side dropped since the base is dropped. Of an item both have, the side that changed it wins.
fn united<T: Clone + PartialEq, K: PartialEq>(base: &[T], ours: &[T], theirs: &[T], key: impl Fn(&T) -> K) -> Vec<T> {
    let has = |list: &[T], k: &K| list.iter().find(|x| key(x) == *k).cloned();
    let removed = |side: &[T], k: &K| has(base, k).is_some() && has(side, k).is_none();
    let mut out = Vec::new();
    for o in ours {
        let k = key(o);
        if removed(theirs, &k) {
            continue;
        }
        let pick = match (has(base, &k), has(theirs, &k)) {
            (Some(b), Some(t)) if b == *o && t != b => t,
            _ => o.clone(),
        };
        out.push(pick);
    }
    for t in theirs {
        let k = key(t);
        if has(ours, &k).is_none() && !removed(ours, &k) {
            out.push(t.clone());
        }
    }
    out
}

fn evidence(base: &[Evidence], ours: &[Evidence], theirs: &[Evidence]) -> Vec<Evidence> {
    united(base, ours, theirs, |e| e.reference.clone())
}

/// Log lines in time order (a stable sort: lines of one moment keep their order).
fn log(base: &[LogEntry], ours: &[LogEntry], theirs: &[LogEntry]) -> Vec<LogEntry> {
    let mut all = united(base, ours, theirs, Clone::clone);
    all.sort_by(|x, y| cmp_timestamps(&x.at, &y.at));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::assessment::Value;

    fn a(level: u8, at: &str) -> Answer {
        Answer {
            value: Some(Value::Level(level)),
            answered_at: at.into(),
            answered_by: "x".into(),
            ..Default::default()
        }
    }

    fn line(at: &str, text: &str) -> LogEntry {
        LogEntry { at: at.into(), by: "x".into(), text: text.into() }
    }

    #[test]
    fn a_change_on_one_side_is_taken_whatever_the_stamps() {
        let base = a(2, "2026-03-01T10:00:00Z");
        // Ours only added a log line, and (as older stores did) restamped the answer later.
        let ours = Answer { log: vec![line("2026-03-03T10:00:00Z", "board meets")], ..a(2, "2026-03-03T10:00:00Z") };
        let theirs = a(3, "2026-03-02T10:00:00Z");
        let m = merge(&base, &ours, &theirs);
        assert!(m.conflicts.is_empty(), "{m:?}");
        assert_eq!(m.answer.value, Some(Value::Level(3)));
        assert_eq!(m.answer.answered_at, "2026-03-02T10:00:00Z", "the stamp comes with the level");
        assert_eq!(m.answer.log, ours.log);
        // The same from the other side.
        let m2 = merge(&base, &theirs, &ours);
        assert_eq!(m2.answer, m.answer);
    }

    #[test]
    fn the_same_field_changed_differently_is_a_conflict_the_newer_wins() {
        let base = a(2, "2026-03-01T10:00:00Z");
        let ours = Answer { note: "draft".into(), ..a(1, "2026-03-02T10:00:00Z") };
        let theirs = a(4, "2026-03-03T10:00:00Z");
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.conflicts, ["level"]);
        assert_eq!(m.kept_from, Side::Source);
        assert_eq!(m.answer.value, Some(Value::Level(4)));
        assert_eq!(m.answer.note, "draft", "a note changed on one side only is kept");
        // No base (both added the answer): each field set differently on both is a conflict;
        // a note only one side wrote is kept.
        let theirs = Answer { note: "signed".into(), ..theirs };
        let m = merge(&Answer::default(), &ours, &theirs);
        assert_eq!(m.conflicts, ["level", "note"]);
        assert_eq!(m.answer.note, "signed");
        let m = merge(&Answer::default(), &ours, &Answer { note: String::new(), ..theirs });
        assert_eq!((m.conflicts.as_slice(), m.answer.note.as_str()), (["level"].as_slice(), "draft"));
    }

    #[test]
    fn logs_and_evidence_are_united_and_removals_stand() {
        let l1 = line("2026-03-01T10:00:00Z", "one");
        let l2 = line("2026-03-02T10:00:00Z", "two");
        let l3 = line("2026-03-01T12:00:00Z", "three");
        let base = Answer { log: vec![l1.clone()], ..a(2, "t") };
        let ours = Answer { log: vec![l1.clone(), l2.clone()], ..a(2, "t") };
        let theirs = Answer { log: vec![l3.clone()], ..a(2, "t") };
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.answer.log, [l3, l2], "theirs removed `one`; both additions kept, in time order");
        let e = |r: &str, note: &str| Evidence { reference: r.into(), note: note.into(), ..Default::default() };
        let base = Answer { evidence: vec![e("p.pdf", "")], ..a(2, "t") };
        let ours = Answer { evidence: vec![e("p.pdf", ""), e("q.pdf", "")], ..a(2, "t") };
        let theirs = Answer { evidence: vec![e("p.pdf", "signed")], ..a(2, "t") };
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.answer.evidence, [e("p.pdf", "signed"), e("q.pdf", "")]);
        assert!(m.conflicts.is_empty());
    }
}
