//! The importers take any text without panicking: fuzz-style inputs and YAML alias bombs.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use aira_import::{CsvOptions, from_ciso_assistant, from_csv};
use proptest::prelude::*;

fn opts() -> CsvOptions {
    CsvOptions { id: "x".into(), title: "X".into(), version: "1".into(), source: "x".into() }
}

#[test]
fn yaml_alias_bomb_is_refused() {
    let mut y = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (i, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"].iter().zip(["a", "b", "c", "d", "e", "f", "g", "h"]) {
        let refs = vec![format!("*{prev}"); 9].join(",");
        y.push_str(&format!("{i}: &{i} [{refs}]\n"));
    }
    y.push_str("objects:\n  framework:\n    name: *i\n");
    let err = from_ciso_assistant(&y).unwrap_err();
    assert!(err[0].message.contains("not a CISO Assistant library"), "{:?}", err[0]);
}

#[test]
fn deep_nesting_is_refused() {
    let y = "[".repeat(100_000);
    assert!(from_ciso_assistant(&y).is_err());
}

#[test]
fn parent_loops_end() {
    let y = "objects:\n  framework:\n    requirement_nodes:\n    - {urn: a, parent_urn: b, assessable: true, ref_id: x}\n    - {urn: b, parent_urn: a, assessable: true, name: MAP}\n";
    let out = from_ciso_assistant(y).unwrap();
    assert_eq!(out.questions, 2);
}

proptest! {
    #[test]
    fn csv_never_panics(s in "\\PC*") {
        let _ = from_csv(&format!("id,text,phase,function,nist,iso,guidance,weight\n{s}"), &opts());
        let _ = from_csv(&s, &opts());
    }

    #[test]
    fn ciso_never_panics(s in "\\PC*") {
        let _ = from_ciso_assistant(&s);
        let _ = from_ciso_assistant(&format!("objects:\n  framework:\n    requirement_nodes:\n    - {s}\n"));
    }

    #[test]
    fn csv_rows_of_any_text_import_to_a_valid_file(text in "[^\\x00-\\x08\\x0b-\\x1f\\x7f]{1,60}", guidance in any::<String>()) {
        let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let csv = format!("id,text,phase,function,nist,iso,guidance,weight\nq1,{},,,,,{},\n", cell(&text), cell(&guidance));
        if let Ok(out) = from_csv(&csv, &opts()) {
            let q = aira_core::questionnaire::parse("out.toml", &out.text).unwrap();
            prop_assert_eq!(&q.questions[0].text, &text.replace("\r\n", "\n").trim().to_owned());
        }
    }
}

#[test]
fn alias_bomb_message_names_the_limit() {
    let mut y = String::from("a: &a [x,x,x,x,x,x,x,x,x,x]\n");
    let names = ["b", "c", "d", "e", "f", "g", "h", "i", "j"];
    let mut prev = "a";
    for n in names {
        y.push_str(&format!("{n}: &{n} [{}]\n", vec![format!("*{prev}"); 10].join(",")));
        prev = n;
    }
    // Untagged enums buffer the whole value: the one place an expansion could grow.
    y.push_str("objects: {framework: {name: x, scores_definition: *j}}\n");
    let err = from_ciso_assistant(&y).unwrap_err();
    assert!(err[0].message.contains("repetition limit exceeded"), "{}", err[0].message);
}
