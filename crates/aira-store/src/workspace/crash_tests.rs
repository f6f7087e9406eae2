//! Issue 14, items 1, 11 and 12: torn entries, write order, killed merges and upgrades. The
//! writers here implement only `replace` and `append`, so these tests also build (and fail)
//! on the code before the fault seam existed.

use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::tests::{MINI, change, new_ws};
use super::*;

/// Appends to history.toml fail (a full disk); everything else works.
struct HistoryFull;

impl atomic::Writer for HistoryFull {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        atomic::Disk.replace(path, bytes)
    }
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if path.ends_with(history::FILE) {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "No space left on device"));
        }
        atomic::Disk.append(path, bytes)
    }
}

#[test]
fn item_11_a_saved_answer_whose_history_append_fails_is_not_reported_failed_and_gets_its_entry() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let c = change(&ws, "do-map-inventory", 4);
    let store = ws.store.as_mut().unwrap();
    store.set_writer(Arc::new(HistoryFull));
    let result = store.apply(&c);
    drop(ws);
    let level =
        |ws: &Workspace| ws.assessment.respondent("default").and_then(|r| r.answer("do-map-inventory")?.level());
    let saved = level(&open(dir.path(), Access::ReadOnly).unwrap()) == Some(4);
    assert!(!(saved && result.is_err()), "the answer is on disk but the save was reported failed: {result:?}");
    // The next open writes the missing entry, so undo finds it.
    let mut ws = open(dir.path(), Access::Write).unwrap();
    assert_eq!(level(&ws), Some(4));
    assert_eq!(read_history(dir.path()).unwrap().len(), 1, "the history entry was never written");
    let undone = undo(&mut ws, "me").unwrap();
    assert_eq!(undone.and_then(|c| c.reverts), Some(1));
}

#[test]
fn item_1_a_torn_entry_before_good_ones_is_skipped_backed_up_and_said_once() {
    let dir = new_ws();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    for (q, l) in [("plan-map-context", 1), ("plan-measure-metrics", 2)] {
        let c = change(&ws, q, l);
        ws.store.as_mut().unwrap().apply(&c).unwrap();
    }
    drop(ws);
    // What a full disk then a retry used to leave: half an entry, then a whole one.
    let hp = dir.path().join(history::FILE);
    let text = std::fs::read_to_string(&hp).unwrap();
    let second = text.rfind("\n[[change]]").unwrap();
    let torn = format!("{}{}{}", &text[..second], &text[second..second + 60], &text[second..]);
    std::fs::write(&hp, &torn).unwrap();
    // A wizard's journal with the same damage.
    let jp = journal::path(dir.path(), "default");
    std::fs::write(&jp, &torn).unwrap();
    let ro = open(dir.path(), Access::ReadOnly).unwrap_or_else(|e| panic!("read-only open refused: {e}"));
    assert!(ro.notices.iter().any(|n| n.contains("default.journal:")), "{:?}", ro.notices);
    assert_eq!(read_history(dir.path()).unwrap().len(), 2, "readers skip the torn entry");
    let ws = open(dir.path(), Access::Write).unwrap_or_else(|e| panic!("open for writing refused: {e}"));
    let said: Vec<&String> = ws.notices.iter().filter(|n| n.contains("history.toml:")).collect();
    assert_eq!(said.len(), 1, "{:?}", ws.notices);
    assert_eq!(read_history(dir.path()).unwrap().len(), 2);
    let repaired = std::fs::read_to_string(&hp).unwrap();
    assert_eq!(repaired.lines().filter(|l| l.starts_with("[[change]]")).count(), 2, "{repaired}");
    let backups = std::fs::read_dir(dir.path()).unwrap().filter_map(|e| e.ok()?.file_name().into_string().ok());
    let backups: Vec<String> = backups.filter(|n| n.starts_with("history.toml.torn-")).collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(std::fs::read_to_string(dir.path().join(&backups[0])).unwrap(), torn);
    drop(ws);
    // A second repair in the same second keeps the first backup.
    std::fs::write(&hp, &torn).unwrap();
    drop(open(dir.path(), Access::Write).unwrap());
    let n = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("history.toml.torn-")));
    assert_eq!(n.count(), 2);
}

/// Dies at its `at`-th call: a replace leaves its temp file half written, an append half its
/// bytes; every later call does nothing, as if the process had been killed.
struct Dies {
    at: usize,
    seen: AtomicUsize,
    dead: AtomicBool,
}

impl Dies {
    fn new(at: usize) -> Dies {
        Dies { at, seen: AtomicUsize::new(0), dead: AtomicBool::new(false) }
    }
    fn dead(&self) -> io::Result<bool> {
        if self.dead.load(Ordering::SeqCst) {
            return Err(io::Error::other("dead"));
        }
        let n = self.seen.fetch_add(1, Ordering::SeqCst) + 1;
        if n == self.at {
            self.dead.store(true, Ordering::SeqCst);
        }
        Ok(n == self.at)
    }
}

impl atomic::Writer for Dies {
    fn replace(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.dead()? {
            let name = path.file_name().unwrap().to_string_lossy();
            let tmp = path.with_file_name(format!(".{name}.tmp-999999999-0"));
            std::fs::write(tmp, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("killed"));
        }
        atomic::Disk.replace(path, bytes)
    }
    fn append(&self, path: &Path, bytes: &[u8]) -> io::Result<()> {
        if self.dead()? {
            atomic::Disk.append(path, &bytes[..bytes.len() / 2])?;
            return Err(io::Error::other("killed"));
        }
        atomic::Disk.append(path, bytes)
    }
}

/// Every file of the workspace but the lock, as text.
fn files(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sub in ["", "answers"] {
        for e in std::fs::read_dir(dir.join(sub)).unwrap().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if e.path().is_file() && name != lock::LOCK_FILE {
                out.push((format!("{sub}/{name}"), std::fs::read_to_string(e.path()).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to.join("answers")).unwrap();
    for sub in ["", "answers"] {
        for e in std::fs::read_dir(from.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), to.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
}

/// A target and a source that conflict on one question (the source newer) and where the
/// source has a respondent the target lacks.
fn merge_pair() -> (tempfile::TempDir, tempfile::TempDir) {
    let target = new_ws();
    let mut ws = open(target.path(), Access::Write).unwrap();
    let mut c = change(&ws, "do-map-inventory", 1);
    c.new.as_mut().unwrap().answered_at = "2026-01-01T00:00:00Z".into();
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    drop(ws);
    let source = tempfile::tempdir().unwrap();
    copy_dir(target.path(), source.path());
    let mut ws = open(source.path(), Access::Write).unwrap();
    let mut c = change(&ws, "do-map-inventory", 3);
    c.new.as_mut().unwrap().answered_at = "2026-02-01T00:00:00Z".into();
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    let ann = aira_core::assessment::Respondent::new("ann", "Ann");
    let c = Change { respondent: ann, ..change(&ws, "plan-map-context", 2) };
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    drop(ws);
    (target, source)
}

fn merge_entries(dir: &Path) -> usize {
    read_history(dir).unwrap().iter().filter(|c| c.kind == "merge").count()
}

#[test]
fn item_12_a_merge_killed_at_any_write_is_all_or_nothing_and_leaves_no_temp_files() {
    let (target, source) = merge_pair();
    let before = files(target.path());
    let clean = tempfile::tempdir().unwrap();
    copy_dir(target.path(), clean.path());
    let src = open(source.path(), Access::ReadOnly).unwrap();
    let mut ws = open(clean.path(), Access::Write).unwrap();
    merge::merge(&mut ws, &src, "me", "2026-03-01T00:00:00Z").unwrap();
    drop(ws);
    let after = files(clean.path());
    let (want_entries, points) = (merge_entries(clean.path()), 20);
    for at in 1..=points {
        let t = tempfile::tempdir().unwrap();
        copy_dir(target.path(), t.path());
        let mut ws = open(t.path(), Access::Write).unwrap();
        ws.store.as_mut().unwrap().set_writer(Arc::new(Dies::new(at)));
        let _ = merge::merge(&mut ws, &src, "me", "2026-03-01T00:00:00Z");
        drop(ws);
        drop(open(t.path(), Access::Write).unwrap_or_else(|e| panic!("kill at write {at}: reopen refused: {e}")));
        let now = files(t.path());
        let names = |f: &[(String, String)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        assert!(
            now.iter().all(|(n, _)| !n.contains(".tmp-")),
            "kill at write {at}: temp files left: {:?}",
            names(&now)
        );
        let same = |a: &[(String, String)], b: &[(String, String)]| {
            // history entries carry this process's stamps: compare everything else exactly.
            let strip = |f: &[(String, String)]| {
                f.iter().filter(|(n, _)| !n.contains("history.toml")).cloned().collect::<Vec<_>>()
            };
            strip(a) == strip(b)
        };
        assert!(
            same(&now, &before) || same(&now, &after),
            "kill at write {at}: neither before nor after the merge: {:?}",
            names(&now)
        );
        // Merging again finishes the job: the conflict record and the added answers are there.
        let mut ws = open(t.path(), Access::Write).unwrap();
        merge::merge(&mut ws, &src, "me", "2026-03-01T00:00:00Z").unwrap();
        drop(ws);
        assert_eq!(merge_entries(t.path()), want_entries, "kill at write {at}: merge records lost");
    }
}

#[test]
fn item_12_an_upgrade_killed_at_any_write_is_all_or_nothing() {
    let base = new_ws();
    let mut ws = open(base.path(), Access::Write).unwrap();
    let c = change(&ws, "plan-govern-policy", 2);
    ws.store.as_mut().unwrap().apply(&c).unwrap();
    drop(ws);
    let new_text = MINI
        .replace("id = \"plan-govern-policy\"", "id = \"plan-govern-ai-policy\"\nreplaces = [\"plan-govern-policy\"]")
        .replacen("version = \"", "version = \"9", 1);
    for at in 1..=8 {
        let t = tempfile::tempdir().unwrap();
        copy_dir(base.path(), t.path());
        let mut ws = open(t.path(), Access::Write).unwrap();
        ws.store.as_mut().unwrap().set_writer(Arc::new(Dies::new(at)));
        let _ = upgrade::upgrade(ws, &new_text, "me");
        let ws = open(t.path(), Access::Write).unwrap_or_else(|e| panic!("kill at write {at}: reopen refused: {e}"));
        let upgraded = ws.questionnaire.question("plan-govern-ai-policy").is_some();
        let answers = &ws.assessment.respondent("default").unwrap().answers;
        let id = if upgraded { "plan-govern-ai-policy" } else { "plan-govern-policy" };
        assert!(
            answers.contains_key(id),
            "kill at write {at}: answers {:?} under {id}'s questionnaire",
            answers.keys()
        );
        assert!(files(t.path()).iter().all(|(n, _)| !n.contains(".tmp-")), "kill at write {at}: temp files left");
    }
}
