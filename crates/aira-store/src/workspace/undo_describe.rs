//! What an undo or redo says it did ("level 3 on plan-govern-policy (was 2)"), from the state
//! before and after the change it acts on; shared by `aira undo`/`aira redo` and the wizard.

use aira_core::assessment::{Answer, Value};
use aira_core::engagement::RoadmapEntry;

/// A value as undo names it: `level 3`, `not applicable`, `no level`.
pub fn value(v: Option<Value>) -> String {
    match v {
        Some(Value::Level(l)) => format!("level {l}"),
        Some(Value::NotApplicable) => "not applicable".to_owned(),
        None => "no level".to_owned(),
    }
}

/// The change from `before` to `after` of an answer to `question`: what it set, and what was
/// there (`level 3 on q1 (was 2)`, `log line on q1`). The first field that differs names it.
pub fn answer(question: &str, before: Option<&Answer>, after: Option<&Answer>) -> String {
    let empty = Answer::default();
    let (b, a) = (before.unwrap_or(&empty), after.unwrap_or(&empty));
    let short = |v: Option<Value>| match v {
        Some(Value::Level(l)) => l.to_string(),
        other => value(other),
    };
    if b.value != a.value {
        format!("{} on {question} (was {})", value(a.value), short(b.value))
    } else if b.note != a.note {
        let verb = if a.note.is_empty() { "note removal" } else { "note" };
        format!("{verb} on {question}")
    } else if b.log != a.log {
        let verb = if a.log.len() >= b.log.len() { "log line" } else { "log line removal" };
        format!("{verb} on {question}")
    } else if b.flag != a.flag {
        format!("{} on {question}", if a.flag { "flag" } else { "flag removal" })
    } else if b.evidence != a.evidence {
        let verb = if a.evidence.len() >= b.evidence.len() { "evidence" } else { "evidence removal" };
        format!("{verb} on {question}")
    } else if b.target != a.target {
        let t = |l: Option<u8>| l.map_or_else(|| "none".to_owned(), |l| l.to_string());
        format!("target {} on {question} (was {})", t(a.target), t(b.target))
    } else {
        format!("change to {question}")
    }
}

/// The change of an agreed level: `agreed level 3 on q1 (was none)`.
pub fn agreed(question: &str, before: Option<Value>, after: Option<Value>) -> String {
    let show = |v: Option<Value>| match v {
        None => "none".to_owned(),
        Some(Value::Level(l)) => l.to_string(),
        Some(Value::NotApplicable) => "not applicable".to_owned(),
    };
    format!("agreed level {} on {question} (was {})", show(after), show(before))
}

/// An SoA decision (`Some(applicable)`, `None`: undecided) as undo names it.
pub fn soa(control: &str, before: Option<bool>, after: Option<bool>) -> String {
    let show = |d: Option<bool>| match d {
        Some(true) => "applicable",
        Some(false) => "not applicable",
        None => "undecided",
    };
    format!("SoA decision {} on {control} (was {})", show(after), show(before))
}

/// The change of a roadmap action's owner and due date: what it set, and what was there, for
/// the fields that differ (`roadmap due 2027-01-31 on q1 (was no due date)`).
pub fn roadmap(question: &str, before: &RoadmapEntry, after: &RoadmapEntry) -> String {
    let owner =
        |e: &RoadmapEntry| if e.owner.is_empty() { "no owner".to_owned() } else { format!("owner {}", e.owner) };
    let due = |e: &RoadmapEntry| e.due.map_or_else(|| "no due date".to_owned(), |d| format!("due {d}"));
    let mut set = Vec::new();
    let mut was = Vec::new();
    if before.owner != after.owner {
        set.push(owner(after));
        was.push(owner(before));
    }
    if before.due != after.due {
        set.push(due(after));
        was.push(due(before));
    }
    if set.is_empty() {
        return format!("roadmap entry on {question}");
    }
    format!("roadmap {} on {question} (was {})", set.join(", "), was.join(", "))
}

/// An engagement target's undo or redo: `Undid Ann Lee's change: reverted target of G1.1
/// from 3 to none` (`from` what is there now, `to` what the revert puts back).
pub fn target_sentence(verb: &str, who: &str, question: &str, from: Option<u8>, to: Option<u8>) -> String {
    let show = |l: Option<u8>| l.map_or_else(|| "none".to_owned(), |l| l.to_string());
    let whose = if who.is_empty() { "the change".to_owned() } else { format!("{who}'s change") };
    format!("{verb} {whose}: reverted target of {question} from {} to {}", show(from), show(to))
}

/// `Undid Ann Lee's level 3 on q1 (was 2)`; `who` empty: `Undid the level …`.
pub fn sentence(verb: &str, who: &str, what: &str) -> String {
    if who.is_empty() { format!("{verb} the {what}") } else { format!("{verb} {who}'s {what}") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::assessment::LogEntry;

    #[test]
    fn names_the_field_that_changed() {
        let two = Answer { value: Some(Value::Level(2)), ..Default::default() };
        let three = Answer { value: Some(Value::Level(3)), ..two.clone() };
        assert_eq!(answer("q1", Some(&two), Some(&three)), "level 3 on q1 (was 2)");
        assert_eq!(answer("q1", None, Some(&three)), "level 3 on q1 (was no level)");
        let logged = Answer { log: vec![LogEntry::default()], ..two.clone() };
        assert_eq!(answer("q1", Some(&two), Some(&logged)), "log line on q1");
        let flagged = Answer { flag: true, ..two.clone() };
        assert_eq!(answer("q1", Some(&flagged), Some(&two)), "flag removal on q1");
        assert_eq!(
            sentence("Undid", "Ann Lee", &answer("q1", Some(&two), Some(&three))),
            "Undid Ann Lee's level 3 on q1 (was 2)"
        );
        assert_eq!(agreed("q1", None, Some(Value::Level(3))), "agreed level 3 on q1 (was none)");
        assert_eq!(soa("A.5.2", None, Some(true)), "SoA decision applicable on A.5.2 (was undecided)");
    }
}
