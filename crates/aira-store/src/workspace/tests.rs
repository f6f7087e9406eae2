use std::io;
use std::sync::Mutex;

use super::*;
use aira_core::assessment::{Answer, Value};

pub(super) const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");

pub(super) fn new_ws() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    create(dir.path(), MINI, ("Test", "Org"), &aira_core::assessment::Respondent::new("default", "default")).unwrap();
    dir
}

pub(super) fn change(ws: &Workspace, q: &str, level: u8) -> Change {
    let r = ws.assessment.respondent("default").unwrap().clone();
    Change {
        old: r.answer(q).cloned(),
        respondent: r,
        question: q.into(),
        new: Some(Answer { value: Some(Value::Level(level)), answered_at: now_rfc3339(), ..Default::default() }),
        by: "tester".into(),
        at: now_rfc3339(),
        kind: "answer".into(),
        reverts: None,
    }
}

#[test]
fn answers_survive_reopen_and_history_records_them() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = change(&ws, "do-map-inventory", 4);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.respondent("default").unwrap().answer("do-map-inventory").unwrap().level(), Some(4));
    let h = read_history(dir.path()).unwrap();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].question, "do-map-inventory");
}

#[test]
fn second_writer_is_refused_or_read_only() {
    let dir = new_ws();
    let _first = open(dir.path(), Access::Write).unwrap();
    let err = open(dir.path(), Access::Write).err().unwrap().to_string();
    assert!(err.contains("open for writing by pid"), "{err}");
    let ro = open(dir.path(), Access::WriteOrReadOnly).unwrap();
    assert!(ro.store.is_none());
    assert!(ro.notices[0].starts_with("Read-only"), "{:?}", ro.notices);
    assert!(open(dir.path(), Access::ReadOnly).is_ok());
}

#[test]
fn broken_answers_file_is_located_and_never_overwritten() {
    let dir = new_ws();
    let bad = "[answers.q\nlevel = 1\n";
    std::fs::write(dir.path().join("answers/default.toml"), bad).unwrap();
    let err = open(dir.path(), Access::Write).err().unwrap().to_string();
    assert!(err.contains("answers/default.toml:1:"), "{err}");
    assert_eq!(std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap(), bad);
}

#[test]
fn the_first_error_wins_whichever_thread_finds_it() {
    // Questionnaire and answers are read on different threads: a broken questionnaire is the
    // error reported (the answers cannot be checked without it), never a hang.
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = change(&ws, "do-map-inventory", 4);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    drop(ws);
    let broken = dir.path().join("answers/zed.toml");
    std::fs::write(&broken, "[answers.q\n").unwrap();
    let qpath = dir.path().join(QUESTIONNAIRE_FILE);
    std::fs::write(&qpath, "format = 1\n[questionnaire\n").unwrap();
    let err = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(err.contains("questionnaire.toml:2:"), "{err}");
    std::fs::remove_file(&qpath).unwrap();
    let err = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(err.contains("questionnaire.toml"), "{err}");
    // With a good questionnaire, the first broken answers file in name order is reported.
    std::fs::write(&qpath, MINI).unwrap();
    std::fs::write(dir.path().join("answers/abe.toml"), "[answers.plan-map-context]\nlevel = 9\n").unwrap();
    let err = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(err.contains("answers/abe.toml:2:"), "{err}");
    std::fs::remove_file(dir.path().join("answers/abe.toml")).unwrap();
    let err = open(dir.path(), Access::ReadOnly).err().unwrap().to_string();
    assert!(err.contains("answers/zed.toml:1:"), "{err}");
    std::fs::remove_file(&broken).unwrap();
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.respondent("default").unwrap().answer("do-map-inventory").unwrap().level(), Some(4));
    assert!(ws.notices.iter().all(|n| !n.contains("sha256")), "{:?}", ws.notices);
}

#[test]
fn torn_history_is_repaired_keeping_earlier_entries() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    for (q, l) in [("plan-map-context", 1), ("plan-measure-metrics", 2)] {
        let c = change(&ws, q, l);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
    }
    drop(ws);
    let hp = dir.path().join("history.toml");
    let text = std::fs::read_to_string(&hp).unwrap();
    std::fs::write(&hp, &text[..text.len() - 7]).unwrap();
    let ws = open(dir.path(), Access::Write).unwrap();
    assert!(ws.notices.iter().any(|n| n.contains("repaired history.toml")), "{:?}", ws.notices);
    assert_eq!(read_history(dir.path()).unwrap().len(), 1);
}

#[test]
fn orphaned_answers_are_kept_and_reported() {
    let dir = new_ws();
    std::fs::write(dir.path().join("answers/default.toml"), "[answers.gone-question]\nlevel = 2\n").unwrap();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    assert!(ws.notices.iter().any(|n| n.contains("1 answer(s) refer to questions")), "{:?}", ws.notices);
    let c = change(&ws, "do-map-inventory", 3);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    let text = std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap();
    assert!(text.contains("[answers.gone-question]"), "{text}");
}

#[test]
fn newer_workspace_format_is_refused() {
    let dir = new_ws();
    let p = dir.path().join("workspace.toml");
    let text = std::fs::read_to_string(&p).unwrap().replace("format = 1", "format = 9");
    std::fs::write(&p, text).unwrap();
    let err = open(dir.path(), Access::Write).err().unwrap().to_string();
    assert!(err.contains("workspace format 9 is newer"), "{err}");
}

/// Fails the first `n` writes, like a full disk that is later cleared.
struct Flaky(Mutex<usize>);

impl atomic::Writer for Flaky {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        let mut left = self.0.lock().unwrap();
        if *left > 0 {
            *left -= 1;
            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"));
        }
        atomic::Disk.replace(path, bytes)
    }
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        atomic::Disk.append(path, bytes)
    }
}

#[test]
fn a_failed_rewrite_keeps_the_old_file_and_the_answer_in_the_journal() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = change(&ws, "do-map-inventory", 2);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    let before = std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap();
    ws.store.as_mut().unwrap().set_writer(Arc::new(Flaky(Mutex::new(1))));
    let c2 = change(&ws, "do-map-inventory", 5);
    // The change reached the journal (durable, replayed by every reader): it is saved, and
    // the caller is warned that the answers file was not rewritten.
    ws.store.as_mut().unwrap().apply(&c2).unwrap();
    let warnings = ws.store.as_mut().unwrap().take_warnings();
    assert!(warnings.iter().any(|w| w.contains("No space left")), "{warnings:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap(), before);
    let ro = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ro.assessment.respondent("default").unwrap().answer("do-map-inventory").unwrap().level(), Some(5));
    ws.store.as_mut().unwrap().compact().unwrap();
    assert!(std::fs::read_to_string(dir.path().join("answers/default.toml")).unwrap().contains("level = 5"));
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = change(&ws, "do-map-inventory", 2);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    for f in ["workspace.toml", "questionnaire.toml", "answers/default.toml", "history.toml", ".aira.lock"] {
        let mode = std::fs::metadata(dir.path().join(f)).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{f}");
    }
    let mode = std::fs::metadata(dir.path().join("answers")).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o700);
}

#[cfg(unix)]
#[test]
fn symlinked_files_are_not_followed() {
    let dir = new_ws();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("history.toml")).unwrap();
    let mut ws = open(dir.path(), Access::Write);
    // Either open refuses the link, or the append refuses it: the outside file stays empty.
    if let Ok(ws) = ws.as_mut() {
        let c = change(ws, "do-map-inventory", 2);
        assert!(ws.store.as_mut().unwrap().apply(&c).is_err());
    }
    assert_eq!(std::fs::read_to_string(outside.path()).unwrap(), "");
}

#[test]
fn undo_walks_back_through_history_and_is_recorded() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    for l in [1, 4] {
        let c = change(&ws, "do-map-inventory", l);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
        let r = &mut ws.assessment.respondents[0];
        r.answers.insert("do-map-inventory".into(), c.new.clone().unwrap());
    }
    let level = |ws: &Workspace| {
        ws.assessment.respondent("default").unwrap().answer("do-map-inventory").and_then(|a| a.level())
    };
    let c = undo(&mut ws, "me").unwrap().unwrap();
    assert_eq!(c.reverts, Some(2));
    assert_eq!(level(&ws), Some(1));
    undo(&mut ws, "me").unwrap().unwrap();
    assert_eq!(level(&ws), None);
    assert!(undo(&mut ws, "me").unwrap().is_none());
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(level(&ws), None);
    assert_eq!(ws.history_len, 4);
    assert_eq!(read_history(dir.path()).unwrap()[3].kind, "undo");
}

#[test]
fn journaled_changes_replay_after_a_crash_and_compact_on_the_next_write() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let first = change(&ws, "do-map-inventory", 1);
    let (a, b) = (change(&ws, "do-map-inventory", 4), change(&ws, "plan-govern-policy", 2));
    let store = ws.store.as_mut().unwrap();
    store.apply(&first).unwrap();
    store.use_journal(true);
    store.apply(&a).unwrap();
    store.apply(&b).unwrap();
    let file = dir.path().join("answers/default.toml");
    let jpath = journal::path(dir.path(), "default");
    // Dropped without compacting, as a killed wizard would be; plus an entry cut short.
    drop(ws);
    assert!(!std::fs::read_to_string(&file).unwrap().contains("level = 4"));
    atomic::append_durable(&jpath, b"[[change]]\nentry = { at = \"2026").unwrap();
    let level = |ws: &Workspace, q: &str| ws.assessment.respondent("default").unwrap().answer(q).unwrap().level();
    let ro = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!((level(&ro, "do-map-inventory"), level(&ro, "plan-govern-policy")), (Some(4), Some(2)));
    assert!(jpath.exists(), "a reader changes nothing");
    let rw = open(dir.path(), Access::Write).unwrap();
    assert_eq!((level(&rw, "do-map-inventory"), level(&rw, "plan-govern-policy")), (Some(4), Some(2)));
    assert!(!jpath.exists());
    assert!(std::fs::read_to_string(&file).unwrap().contains("level = 4"));
    assert_eq!(read_history(dir.path()).unwrap().len(), 3);
}

/// A wizard's session: it opens a workspace whose answers file exists, and its changes go to
/// the journal until it quits.
fn journaled_session(dir: &Path) -> Workspace {
    let mut ws = open(dir, Access::Write).unwrap();
    let first = change(&ws, "do-map-inventory", 1);
    ws.store.as_mut().unwrap().apply(&first).unwrap();
    drop(ws);
    let mut ws = open(dir, Access::Write).unwrap();
    let later = change(&ws, "plan-govern-policy", 2);
    let store = ws.store.as_mut().unwrap();
    store.use_journal(true);
    store.apply(&later).unwrap();
    ws
}

#[test]
fn hand_edits_made_while_the_wizard_runs_survive_its_quit() {
    let dir = new_ws();
    let mut ws = journaled_session(dir.path());
    let file = dir.path().join("answers/default.toml");
    let edited = std::fs::read_to_string(&file).unwrap().replace("level = 1", "level = 1 # checked twice")
        + "\n# added by hand while aira was open\n[answers.plan-map-context]\nlevel = 5\n";
    std::fs::write(&file, &edited).unwrap();
    ws.store.as_mut().unwrap().compact().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    for kept in ["# checked twice", "# added by hand while aira was open", "[answers.plan-map-context]"] {
        assert!(text.contains(kept), "lost {kept:?}:\n{text}");
    }
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    let level = |q: &str| ws.assessment.respondent("default").unwrap().answer(q).unwrap().level();
    assert_eq!(
        (level("do-map-inventory"), level("plan-govern-policy"), level("plan-map-context")),
        (Some(1), Some(2), Some(5))
    );
}

#[test]
fn a_file_broken_by_hand_while_the_wizard_runs_is_never_overwritten() {
    let dir = new_ws();
    let mut ws = journaled_session(dir.path());
    let file = dir.path().join("answers/default.toml");
    let jpath = journal::path(dir.path(), "default");
    let broken = std::fs::read_to_string(&file).unwrap() + "\n[answers.oops\n";
    std::fs::write(&file, &broken).unwrap();
    let err = ws.store.as_mut().unwrap().compact().err().unwrap().to_string();
    assert!(err.contains("answers/default.toml:"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), broken, "a bad file is never overwritten");
    assert!(jpath.exists(), "the session's changes stay in the journal");
    // A second try (the saver compacts once more on the way out) changes nothing either.
    assert!(ws.store.as_mut().unwrap().compact().is_err());
    drop(ws);
    // Once the file is mended, the next writer folds the journal in.
    std::fs::write(&file, broken.replace("\n[answers.oops\n", "\n")).unwrap();
    let ws = open(dir.path(), Access::Write).unwrap();
    assert!(!jpath.exists());
    assert_eq!(ws.assessment.respondent("default").unwrap().answer("plan-govern-policy").unwrap().level(), Some(2));
}

#[test]
fn a_file_removed_while_the_wizard_runs_is_written_back() {
    let dir = new_ws();
    let mut ws = journaled_session(dir.path());
    let file = dir.path().join("answers/default.toml");
    std::fs::remove_file(&file).unwrap();
    ws.store.as_mut().unwrap().compact().unwrap();
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    let level = |q: &str| ws.assessment.respondent("default").unwrap().answer(q).unwrap().level();
    assert_eq!((level("do-map-inventory"), level("plan-govern-policy")), (Some(1), Some(2)));
}

#[test]
fn an_append_cut_short_is_rolled_back_so_the_next_one_lands_after_the_last_good_entry() {
    use fault::{Fault, FaultWriter};
    let count = {
        let dir = new_ws();
        let mut ws = open(dir.path(), Access::Write).unwrap();
        let w = Arc::new(FaultWriter::counting());
        ws.store.as_mut().unwrap().set_writer(w.clone());
        let c = change(&ws, "do-map-inventory", 2);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
        w.points()
    };
    assert!(count >= 8, "{count}");
    for at in 1..=count {
        let dir = new_ws();
        let mut ws = open(dir.path(), Access::Write).unwrap();
        let store = ws.store.as_mut().unwrap();
        store.use_journal(true);
        store.set_writer(Arc::new(FaultWriter::new(at, Fault::Short)));
        let c = change(&ws, "do-map-inventory", 2);
        let _ = ws.store.as_mut().unwrap().apply(&c);
        ws.store.as_mut().unwrap().set_writer(Arc::new(atomic::Disk));
        let c = change(&ws, "plan-map-context", 3);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
        for f in [history::FILE, "answers/default.journal"] {
            let text = std::fs::read_to_string(dir.path().join(f)).unwrap_or_default();
            assert!(torn::torn_entries(&text).is_empty(), "short write at point {at}: {f} holds a torn entry:\n{text}");
        }
    }
}

#[test]
fn the_reason_for_an_agreed_level_is_kept_with_it_and_in_history() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let s = ws.store.as_mut().unwrap();
    let at = "2026-03-01T10:00:00.000+00:00";
    assert!(s.set_agreed_note("do-map-inventory", "why", "tester", at).is_err(), "nothing agreed yet");
    s.set_agreed("do-map-inventory", Some(Value::Level(3)), "lead", at).unwrap();
    s.set_agreed_note("do-map-inventory", "a policy, no metrics yet", "tester", "2026-03-01T10:01:00.000+00:00")
        .unwrap();
    drop(ws);
    let ws = open(dir.path(), Access::ReadOnly).unwrap();
    assert_eq!(ws.assessment.agreed.get("do-map-inventory"), Some(&Value::Level(3)));
    let d = &ws.assessment.agreed_meta["do-map-inventory"];
    assert_eq!(
        (d.note.as_str(), d.decided_by.as_str(), d.decided_at.as_str()),
        ("a policy, no metrics yet", "lead", at)
    );
    let h = read_history(dir.path()).unwrap();
    assert_eq!(h.iter().filter(|c| c.kind == "agree").count(), 2, "the level, then its reason");
}
