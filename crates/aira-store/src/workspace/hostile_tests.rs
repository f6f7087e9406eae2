//! Hostile entries where workspace files should be: FIFOs, folders, sockets, links, a sparse
//! lock. Every open runs on a thread with a deadline, so a regression fails instead of hanging.
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use super::*;
use aira_core::assessment::{Answer, Value};

const MINI: &str = include_str!("../../../../tests/fixtures/mini.toml");

/// Run `f` on its own thread; fail (instead of hanging the suite) if it takes over 20 s.
pub(super) fn with_deadline<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(Duration::from_secs(20)).unwrap_or_else(|_| panic!("{what}: hung (no answer in 20 s)"))
}

pub(super) fn mkfifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success(), "mkfifo {}", path.display());
}

/// A workspace with an answer saved (so answers/default.toml and history.toml exist) and an
/// agreed value (consensus.toml).
pub(super) fn full_ws() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    create(dir.path(), MINI, ("Test", "Org"), &aira_core::assessment::Respondent::new("default", "default")).unwrap();
    let mut ws = open(dir.path(), Access::Write).unwrap();
    let r = ws.assessment.respondent("default").unwrap().clone();
    let c = Change {
        old: None,
        respondent: r,
        question: "do-map-inventory".into(),
        new: Some(Answer { value: Some(Value::Level(2)), answered_at: now_rfc3339(), ..Default::default() }),
        by: "tester".into(),
        at: now_rfc3339(),
        kind: "answer".into(),
        reverts: None,
    };
    let store = ws.store.as_mut().unwrap();
    store.apply(&c).unwrap();
    store.set_agreed("do-map-inventory", Some(Value::Level(3)), "tester", &now_rfc3339()).unwrap();
    dir
}

fn open_err(dir: &Path, access: Access, what: &str) -> Option<String> {
    let d = dir.to_owned();
    with_deadline(what, move || open(&d, access).err().map(|e| e.to_string()))
}

/// Every file a workspace reads, as a path relative to its folder.
const FILES: &[&str] = &[
    "workspace.toml",
    "questionnaire.toml",
    "answers/default.toml",
    "answers/default.journal",
    "consensus.toml",
    "history.toml",
    ".aira.lock",
];

#[test]
fn a_fifo_in_place_of_any_workspace_file_is_refused_by_name_and_never_hangs() {
    for file in FILES {
        for access in [Access::ReadOnly, Access::Write] {
            let dir = full_ws();
            mkfifo(&dir.path().join(file));
            let what = format!("{file} as a FIFO, {access:?}");
            let err = open_err(dir.path(), access, &what);
            if *file == ".aira.lock" && access == Access::ReadOnly {
                // Read-only opens take no lock, so a FIFO there is not even looked at.
                assert_eq!(err, None, "{what}");
                continue;
            }
            let err = err.unwrap_or_else(|| panic!("{what}: opened"));
            assert!(err.contains(file) && err.contains("is a FIFO"), "{what}: {err}");
        }
    }
}

#[test]
fn a_folder_or_a_socket_in_place_of_a_workspace_file_is_refused_by_name() {
    for file in FILES.iter().filter(|f| **f != ".aira.lock") {
        let dir = full_ws();
        let path = dir.path().join(file);
        let _ = std::fs::remove_file(&path);
        std::fs::create_dir(&path).unwrap();
        let err = open_err(dir.path(), Access::ReadOnly, file).unwrap_or_else(|| panic!("{file}: opened"));
        assert!(err.contains(file) && err.contains("is a folder, not a regular file"), "{file}: {err}");

        std::fs::remove_dir(&path).unwrap();
        let _socket = std::os::unix::net::UnixListener::bind(&path).unwrap();
        let err = open_err(dir.path(), Access::ReadOnly, file).unwrap_or_else(|| panic!("{file}: opened"));
        assert!(err.contains(file) && err.contains("is a socket, not a regular file"), "{file}: {err}");
    }
}

#[test]
fn a_folder_in_place_of_the_lock_is_refused_by_name() {
    let dir = full_ws();
    std::fs::remove_file(dir.path().join(lock::LOCK_FILE)).unwrap();
    std::fs::create_dir(dir.path().join(lock::LOCK_FILE)).unwrap();
    let err = open_err(dir.path(), Access::Write, "lock folder").unwrap();
    assert!(err.contains(".aira.lock") && err.contains("is a folder"), "{err}");
}

fn victim() -> (tempfile::TempDir, PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let victim = outer.path().join("victim.txt");
    std::fs::write(&victim, "precious data\n").unwrap();
    (outer, victim)
}

#[test]
fn a_symlinked_lock_never_truncates_what_it_points_to() {
    let dir = full_ws();
    let (_outer, victim) = victim();
    let lock = dir.path().join(lock::LOCK_FILE);
    std::fs::remove_file(&lock).unwrap();
    symlink(&victim, &lock).unwrap();
    let err = open_err(dir.path(), Access::Write, "symlinked lock").unwrap();
    assert!(err.contains(".aira.lock") && err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious data\n");
}

#[test]
fn a_lock_swapped_for_a_symlink_just_before_it_is_opened_never_truncates_the_target() {
    // The race of issue 14 item 2, made deterministic: the hook runs after whatever checks
    // `acquire` makes and immediately before it opens the file.
    let dir = full_ws();
    let (_outer, victim) = victim();
    let lock_path = dir.path().join(lock::LOCK_FILE);
    let (l, v) = (lock_path.clone(), victim.clone());
    regular::BEFORE_OPEN.with(|h| {
        *h.borrow_mut() = Some(Box::new(move || {
            let _ = std::fs::remove_file(&l);
            symlink(&v, &l).unwrap();
        }))
    });
    let result = lock::acquire(dir.path());
    let err = result.err().map(|e| e.to_string()).unwrap_or_else(|| "locked through the link".into());
    assert!(err.contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious data\n", "the victim was truncated");
}

/// Bytes this thread has read through read(2) and friends, from /proc.
fn thread_bytes_read() -> u64 {
    let io = std::fs::read_to_string("/proc/thread-self/io").unwrap();
    io.lines().find_map(|l| l.strip_prefix("rchar: ")).unwrap().trim().parse().unwrap()
}

#[test]
fn a_huge_sparse_lock_is_read_no_further_than_a_few_kilobytes() {
    let dir = full_ws();
    let lock_path = dir.path().join(lock::LOCK_FILE);
    std::fs::write(&lock_path, "pid = 4242\nhost = \"laptop\"\n").unwrap();
    std::fs::OpenOptions::new().write(true).open(&lock_path).unwrap().set_len(256 << 20).unwrap();
    let before = thread_bytes_read();
    let lock::Acquired::Locked(l) = lock::acquire(dir.path()).unwrap() else { panic!("not locked") };
    let read = thread_bytes_read() - before;
    assert_eq!(l.took_over.as_deref(), Some("pid 4242 on laptop"));
    assert!(read < 64 * 1024, "read {read} bytes of a 256 MB lock");
}
