//! When an answer counts as answered again. `answered_at` / `answered_by` say when and by whom
//! the respondent's *answer* (its level or its note) was last given: a log line, a flag, a
//! target or evidence added to it does not make it a newer answer. Merge reads these stamps
//! (the newest answer wins a conflict), so every writer (wizard, CLI, evidence, votes) stamps
//! through this one function.

use aira_core::assessment::Answer;

/// Whether going from `old` to `new` changes what the respondent answered.
pub fn answer_changed(old: Option<&Answer>, new: &Answer) -> bool {
    let (value, note) = old.map_or((None, ""), |o| (o.value, o.note.as_str()));
    value != new.value || note != new.note
}

/// Stamp `new` (an edit of `old`) as answered `at` by `by` when its level or note changed;
/// otherwise it keeps `old`'s stamp.
pub fn stamp(old: Option<&Answer>, new: &mut Answer, by: &str, at: &str) {
    if answer_changed(old, new) {
        new.answered_at = at.to_owned();
        new.answered_by = by.to_owned();
    } else {
        new.answered_at = old.map(|o| o.answered_at.clone()).unwrap_or_default();
        new.answered_by = old.map(|o| o.answered_by.clone()).unwrap_or_default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aira_core::assessment::{LogEntry, Value};

    #[test]
    fn only_a_level_or_note_change_restamps() {
        let old = Answer {
            value: Some(Value::Level(2)),
            answered_at: "2026-01-01T00:00:00Z".into(),
            answered_by: "ann".into(),
            ..Default::default()
        };
        let mut new = old.clone();
        new.log.push(LogEntry { at: "t".into(), by: "bo".into(), text: "said so".into() });
        new.flag = true;
        stamp(Some(&old), &mut new, "bo", "2026-02-02T00:00:00Z");
        assert_eq!((new.answered_at.as_str(), new.answered_by.as_str()), ("2026-01-01T00:00:00Z", "ann"));
        new.note = "a note".into();
        stamp(Some(&old), &mut new, "bo", "2026-02-02T00:00:00Z");
        assert_eq!((new.answered_at.as_str(), new.answered_by.as_str()), ("2026-02-02T00:00:00Z", "bo"));
        let mut level = old.clone();
        level.value = Some(Value::Level(3));
        stamp(Some(&old), &mut level, "bo", "2026-03-03T00:00:00Z");
        assert_eq!(level.answered_at, "2026-03-03T00:00:00Z");
        // A first log line on a question not answered yet: still not answered.
        let mut fresh = Answer { flag: true, ..Default::default() };
        stamp(None, &mut fresh, "bo", "2026-03-03T00:00:00Z");
        assert_eq!(fresh.answered_at, "");
    }
}
