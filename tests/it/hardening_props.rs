//! Property round-trips for the text aira stores: history entries (render → parse → answer)
//! and questionnaire text fields written with toml_edit, for arbitrary Unicode.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use aira_core::assessment::{Answer, Value};
use aira_store::workspace::history::{self, Entry};
use proptest::prelude::*;

const MINI: &str = include_str!("../fixtures/mini.toml");

/// Any Unicode scalar aira accepts in a one-line field: no control characters of any kind.
const LINE: &str = "[^\\p{Cc}\u{202a}-\u{202e}\u{2066}-\u{2069}]{0,30}";
/// Multi-line text: lines of the above joined by newlines, with tabs and TOML-significant
/// characters (quotes, backslashes, `[`, `"""`) made likely.
fn multiline() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => LINE.prop_map(String::from),
        1 => Just("\"\"\"".to_owned()),
        1 => Just("'''".to_owned()),
        1 => Just("\\".to_owned()),
        1 => Just("[[change]]".to_owned()),
        1 => Just("\t".to_owned()),
        1 => Just("漢字 עברית e\u{301} 👩‍👩‍👧".to_owned()),
    ];
    prop::collection::vec((piece, any::<bool>()), 0..8)
        .prop_map(|parts| parts.into_iter().map(|(p, nl)| if nl { format!("{p}\n") } else { p }).collect())
}

fn answer() -> impl Strategy<Value = Answer> {
    let value =
        prop_oneof![Just(None), Just(Some(Value::NotApplicable)), (0u8..=5).prop_map(|l| Some(Value::Level(l)))];
    let log = prop::collection::vec(
        (LINE, multiline()).prop_map(|(by, text)| aira_core::assessment::LogEntry {
            at: "2026-11-22T10:01:00+00:00".into(),
            by,
            text,
        }),
        0..3,
    );
    (value, prop::option::of(0u8..=5), multiline(), prop::collection::vec(multiline(), 0..3), any::<bool>(), LINE, log)
        .prop_map(|(value, target, note, evidence, flag, by, log)| Answer {
            value,
            target,
            note,
            // Plain items and items with a note that may hold newlines (issue 19).
            evidence: evidence
                .into_iter()
                .enumerate()
                .map(|(i, e): (usize, String)| match i % 2 {
                    0 => e.into(),
                    _ => aira_core::assessment::Evidence {
                        size: Some(i as u64),
                        sha256: Some(format!("{i:064x}")),
                        note: e,
                        ..aira_core::assessment::Evidence::new("evidence/x.pdf")
                    },
                })
                .collect(),
            flag,
            answered_at: "2026-11-22T10:00:00+00:00".into(),
            answered_by: by,
            log,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn history_entries_round_trip_and_are_never_mistaken_for_torn(
        entries in prop::collection::vec((prop::option::of(answer()), prop::option::of(answer()), LINE), 1..5)
    ) {
        let mut text = String::new();
        for (old, new, by) in &entries {
            text.push_str(&history::render(&Entry {
                at: "2026-11-22T10:00:00Z",
                by,
                respondent: "default",
                question: "q1",
                kind: "answer",
                reverts: None,
                old: old.as_ref(),
                new: new.as_ref(),
            }));
        }
        // A whole file must not look torn, or opening it would cut a good entry off.
        prop_assert_eq!(history::torn_tail(&text), None, "{}", text);
        let changes = history::parse(Path::new("history.toml"), &text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(changes.len(), entries.len());
        for (c, (old, new, by)) in changes.iter().zip(&entries) {
            prop_assert_eq!(&c.by, by);
            let back_new = c.new.as_ref().map(history::answer_from_table).unwrap_or_default();
            prop_assert_eq!(back_new, new.clone().unwrap_or_default());
            let back_old = c.old.as_ref().map(history::answer_from_table);
            prop_assert_eq!(back_old, old.clone());
        }
    }

    #[test]
    fn questionnaire_text_fields_survive_parse_unchanged(
        text in multiline().prop_filter("text is required", |t| !t.trim().is_empty()),
        guidance in multiline(),
        title in LINE.prop_filter("title is required", |t| !t.trim().is_empty()),
        evidence in prop::collection::vec(LINE, 0..3),
    ) {
        let mut doc: toml_edit::DocumentMut = MINI.parse().unwrap();
        doc["questionnaire"]["title"] = toml_edit::value(title.as_str());
        let q0 = doc["question"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
        q0["text"] = toml_edit::value(text.as_str());
        q0["guidance"] = toml_edit::value(guidance.as_str());
        q0["evidence"] = toml_edit::value(evidence.iter().map(String::as_str).collect::<toml_edit::Array>());
        let written = doc.to_string();
        let q = aira_core::questionnaire::parse("q.toml", &written).map_err(|e| TestCaseError::fail(format!("{e}\n{written}")))?;
        prop_assert_eq!(&q.title, &title);
        prop_assert_eq!(&q.questions[0].text, &text);
        prop_assert_eq!(&q.questions[0].guidance, &guidance);
        prop_assert_eq!(&q.questions[0].evidence, &evidence);
    }
}

/// Regression (found by the property above): a note with a line starting with `[` was written
/// as a multi-line string, and the next open took the whole entry for a torn tail and cut it.
#[test]
fn a_note_line_starting_with_a_bracket_does_not_look_torn() {
    let a = Answer { value: Some(Value::Level(2)), note: "see below\n[[change]]\n[x]".into(), ..Default::default() };
    let e = Entry {
        at: "t",
        by: "me",
        respondent: "default",
        question: "q1",
        kind: "answer",
        reverts: None,
        old: None,
        new: Some(&a),
    };
    let text = history::render(&e);
    assert_eq!(text.lines().filter(|l| l.starts_with('[')).count(), 1, "{text}");
    assert_eq!(history::torn_tail(&text), None, "{text}");
    let back = history::parse(Path::new("h"), &text).unwrap();
    assert_eq!(history::answer_from_table(back[0].new.as_ref().unwrap()), a);
}
