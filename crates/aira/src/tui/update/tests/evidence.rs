//! The evidence key: a file or URL for the question on the card, looked at by the store's
//! `evidence::inspect` (the effect the loop carries out), then a note; the change is the one
//! `aira evidence add` makes, undone by `u`. Every refusal keeps the prompt and says why.

use super::*;
use crate::tui::evidence::{inspect, inspected, resolve};

const HELLO_SHA: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

/// Type `path` in the prompt and carry out the effect as the loop would, against `dir`.
fn give_path(s: &mut AppState, dir: &std::path::Path, path: &str) {
    act(s, &[ClearInput]);
    text(s, path);
    let fx = act(s, &[Submit]);
    let typed = fx.iter().find_map(|e| if let Effect::InspectEvidence(t) = e { Some(t.clone()) } else { None });
    assert_eq!(typed.as_deref(), Some(path.trim()), "{fx:?}");
    inspected(s, inspect(dir, &typed.unwrap()));
}

fn evidence_of(s: &AppState, q: &str) -> Vec<aira_core::assessment::Evidence> {
    s.session.assessment().respondents[0].answer(q).map(|a| a.evidence.clone()).unwrap_or_default()
}

#[test]
fn a_file_is_recorded_with_size_hash_and_note_then_undone() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::write(ws.path().join("policy.pdf"), "hello").unwrap();
    let mut s = mini_state();
    act(&mut s, &[AddEvidence]);
    assert_eq!(on(&s), "evidence");
    give_path(&mut s, ws.path(), "policy.pdf");
    assert_eq!(on(&s), "evidence", "the note is asked next");
    let hint = crate::tui::view::status::hints(&s);
    assert!(hint.contains("Note for policy.pdf (5 bytes, sha256 2cf24dba5fb0)"), "{hint}");
    text(&mut s, "Board minutes, signed");
    let fx = act(&mut s, &[Submit]);
    assert_eq!(on(&s), "card");
    let c = saves(&fx);
    assert_eq!((c.len(), c[0].kind.as_str(), c[0].question.as_str()), (1, "evidence", "plan-govern-policy"));
    let e = &evidence_of(&s, "plan-govern-policy")[0];
    assert_eq!((e.reference.as_str(), e.size, e.sha256.as_deref()), ("policy.pdf", Some(5), Some(HELLO_SHA)));
    assert_eq!((e.note.as_str(), e.added_by.as_str()), ("Board minutes, signed", "tester"));
    assert_eq!(s.ui.flash(), Some("Evidence 1 of plan-govern-policy recorded"));
    assert_eq!(s.session.save_state().pending, 1);
    let fx = act(&mut s, &[Undo]);
    assert_eq!(saves(&fx)[0].kind, "undo");
    assert!(evidence_of(&s, "plan-govern-policy").is_empty(), "u takes the evidence back");
}

#[test]
fn a_url_is_recorded_as_it_is_and_a_file_outside_the_workspace_by_its_full_path() {
    let (ws, elsewhere) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let outside = elsewhere.path().join("audit.txt");
    std::fs::write(&outside, "hello").unwrap();
    let mut s = mini_state();
    act(&mut s, &[AddEvidence]);
    give_path(&mut s, ws.path(), "https://intranet.example/ai-policy");
    act(&mut s, &[Submit]);
    act(&mut s, &[AddEvidence]);
    give_path(&mut s, ws.path(), outside.to_str().unwrap());
    act(&mut s, &[Submit]);
    let items = evidence_of(&s, "plan-govern-policy");
    assert_eq!(items[0].reference, "https://intranet.example/ai-policy");
    assert_eq!((items[0].sha256.as_ref(), items[0].note.as_str()), (None, ""), "no hash, no note");
    // Outside the workspace: the store's relative path from it (`../…`), as `aira evidence add` records it.
    assert!(items[1].reference.ends_with("/audit.txt") && items[1].sha256.is_some(), "{:?}", items[1]);
    let home = std::path::Path::new("/home/ann");
    assert_eq!(resolve(ws.path(), Some(home), "~/docs/a.pdf"), "/home/ann/docs/a.pdf");
    assert_eq!(resolve(ws.path(), Some(home), "docs/a.pdf"), ws.path().join("docs/a.pdf").display().to_string());
}

#[test]
fn refusals_keep_the_prompt_and_say_why() {
    let ws = tempfile::tempdir().unwrap();
    std::fs::create_dir(ws.path().join("folder")).unwrap();
    std::fs::write(ws.path().join("policy.pdf"), "hello").unwrap();
    let mut s = mini_state();
    act(&mut s, &[AddEvidence]);
    act(&mut s, &[Submit]);
    assert!(s.ui.flash().unwrap().contains("Type a file's path or an http(s) URL"), "{:?}", s.ui.flash());
    give_path(&mut s, ws.path(), "missing.pdf");
    assert!(s.ui.flash().unwrap().starts_with("missing.pdf: no such file"), "{:?}", s.ui.flash());
    assert_eq!((on(&s), "missing.pdf"), ("evidence", screen_text(&s).as_str()), "the path stays to be corrected");
    give_path(&mut s, ws.path(), "folder");
    assert!(s.ui.flash().unwrap().contains("is a folder"), "{:?}", s.ui.flash());
    let fifo = ws.path().join("pipe");
    if std::process::Command::new("mkfifo").arg(&fifo).status().is_ok_and(|st| st.success()) {
        give_path(&mut s, ws.path(), "pipe");
        assert!(s.ui.flash().unwrap().contains("not a regular file"), "{:?}", s.ui.flash());
    }
    give_path(&mut s, ws.path(), "/dev/null");
    assert!(s.ui.flash().unwrap().contains("not a regular file"), "a device: {:?}", s.ui.flash());
    // A paste with escape sequences: the controls never get in; a huge one is refused whole.
    act(&mut s, &[ClearInput]);
    handle_paste(&mut s, "\x1b[31mpolicy\x1b[0m.pdf");
    assert_eq!(screen_text(&s), "[31mpolicy[0m.pdf");
    handle_paste(&mut s, &"x".repeat(5000));
    assert!(s.ui.flash().unwrap().starts_with("Not pasted: 5000 bytes"), "{:?}", s.ui.flash());
    assert_eq!(screen_text(&s), "[31mpolicy[0m.pdf");
    // Recorded once; the same file again is refused at its note, as the command refuses it.
    give_path(&mut s, ws.path(), "policy.pdf");
    act(&mut s, &[Submit]);
    assert_eq!(evidence_of(&s, "plan-govern-policy").len(), 1);
    act(&mut s, &[AddEvidence]);
    give_path(&mut s, ws.path(), "policy.pdf");
    assert!(saves(&act(&mut s, &[Submit])).is_empty());
    assert!(s.ui.flash().unwrap().contains("is already evidence of plan-govern-policy"), "{:?}", s.ui.flash());
    assert!(act(&mut s, &[Cancel]).is_empty());
    assert_eq!((on(&s), evidence_of(&s, "plan-govern-policy").len()), ("card", 1));
}

#[test]
fn a_read_only_workspace_records_no_evidence() {
    let mut s = mini_state();
    s.session.set_read_only(Some("open in another aira (pid 1)".into()));
    assert!(act(&mut s, &[AddEvidence]).is_empty());
    assert_eq!((on(&s), s.ui.flash()), ("card", Some("Read-only: open in another aira (pid 1)")));
}

/// What the prompt holds now.
fn screen_text(s: &AppState) -> String {
    match s.ui.screen() {
        Some(Screen::Evidence(e)) => e.input.text().to_owned(),
        _ => String::new(),
    }
}
