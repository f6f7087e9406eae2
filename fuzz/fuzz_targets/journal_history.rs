//! history.toml and the journals (same format) on arbitrary text, with a torn entry spliced in:
//! the readers never panic, and an entry cut short anywhere (what a full disk or a kill leaves,
//! followed by a retried append) is skipped, never fatal: whatever parsed before still parses,
//! with the good entry after the cut counted once.
#![no_main]

use std::path::Path;

use aira_core::assessment::{Answer, Value};
use aira_store::workspace::{history, journal, torn};
use libfuzzer_sys::fuzz_target;

fn entry(note: &str) -> String {
    let a = Answer { value: Some(Value::Level(2)), note: note.to_owned(), ..Default::default() };
    history::render(&history::Entry {
        at: "2026-01-01T00:00:00.000+00:00",
        by: "fuzz",
        respondent: "default",
        question: "q",
        kind: "answer",
        reverts: None,
        old: None,
        new: Some(&a),
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("history.toml");
    let _ = history::parse(path, text).map_err(|e| e.to_string());
    let ranges = torn::torn_entries(text);
    let _ = torn::cut(text, &ranges);
    let _ = torn::blank(text, &ranges);
    let _ = torn::torn_lines("history.toml", text, &torn::torn_entries_exact(path, text));
    let _ = torn::whole_entries(text);
    // The journal reader, from a folder, on the same bytes.
    if let Ok(dir) = tempfile::tempdir() {
        let _ = std::fs::create_dir(dir.path().join("answers"));
        if std::fs::write(journal::path(dir.path(), "default"), text).is_ok() {
            let _ = journal::read(dir.path(), "default").map_err(|e| e.to_string());
        }
    }
    // A good history (entries whose note is the input), cut at any byte, then a retried entry.
    let good = entry(text) + &entry("second");
    let Ok(before) = history::parse(path, &good) else { return };
    let last = entry("retried");
    let cut_at = data.len() % good.len().max(1);
    let cut_at = (0..=cut_at).rev().find(|&i| good.is_char_boundary(i)).unwrap_or(0);
    let start = good[..good.len() - 1].rfind("\n[[change]]").unwrap_or(0);
    if cut_at <= start {
        return;
    }
    let torn_text = format!("{}{}", &good[..cut_at], last);
    let after = history::parse(path, &torn_text).expect("a torn entry before a good one is fatal");
    assert!(after.len() >= before.len(), "{torn_text:?}");
    assert_eq!(after.last().map(|c| c.new.clone()), history::parse(path, &last).unwrap().last().map(|c| c.new.clone()));
});
