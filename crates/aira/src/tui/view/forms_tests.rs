//! Snapshots of the evidence on the card and its prompt, and of the engagement facts form, at
//! 80×24 and 120×40.

use super::tests::{answered, screen};
use crate::tui::action::Action::{self, *};
use crate::tui::update::update;
use aira_store::workspace::evidence::Source;

fn act(s: &mut crate::tui::state::AppState, actions: &[Action]) {
    for a in actions {
        update(s, *a);
    }
}

fn file(name: &str, size: u64, digit: char) -> Source {
    Source { reference: name.into(), size: Some(size), sha256: Some(digit.to_string().repeat(64)), file: None }
}

#[test]
fn evidence_on_the_card_and_its_prompt() {
    let mut s = answered();
    let q = s.ui.cursor();
    let url = Source { reference: "https://intranet.example/ai-policy".into(), size: None, sha256: None, file: None };
    for (src, note) in [
        (file("evidence/old-minutes.pdf", 10, '1'), ""),
        (file("policy/ai-policy-v2.pdf", 48_213, 'a'), "Approved by the board, 2026-10-14"),
        (url, "Published to all staff"),
        (file("registers/risk.xlsx", 9_120, 'b'), ""),
    ] {
        s.session.add_evidence(q, &src, note).unwrap();
    }
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("evidence_card_{w}x{h}"), screen(&s, w, h));
    }
    act(&mut s, &[AddEvidence]);
    "policy/ai-policy-v2.pdf".chars().for_each(|c| drop(update(&mut s, InsertChar(c))));
    insta::assert_snapshot!("evidence_prompt_120x40", screen(&s, 120, 40));
    crate::tui::evidence::inspected(&mut s, Ok(file("policy/board.pdf", 77, 'c')));
    insta::assert_snapshot!("evidence_note_prompt_120x40", screen(&s, 120, 40));
}

#[test]
fn engagement_facts_form() {
    let mut s = answered();
    act(&mut s, &[EditFacts]);
    "HR screening models".chars().for_each(|c| drop(update(&mut s, InsertChar(c))));
    act(&mut s, &[NextField]);
    "Ann Lee, Bo Chen".chars().for_each(|c| drop(update(&mut s, InsertChar(c))));
    act(&mut s, &[NextField, NextField]);
    "2026-11-30..2026-11-01".chars().for_each(|c| drop(update(&mut s, InsertChar(c))));
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("facts_form_{w}x{h}"), screen(&s, w, h));
    }
    act(&mut s, &[Submit, NextField]);
    for (w, h) in [(80, 24), (120, 40)] {
        insta::assert_snapshot!(format!("facts_form_refused_{w}x{h}"), screen(&s, w, h));
    }
}
