//! File safety: temp files are created exclusively and never through a symlink, nothing read
//! from a file can steer a write outside the workspace, files are private, and a lock left by a
//! killed process is recovered.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;
use std::process::{Command, Stdio};

use aira_core::assessment::{Answer, Respondent, Value};
use aira_store::workspace::{self, Access, Change, Workspace, atomic};

const MINI: &str = include_str!("../fixtures/mini.toml");

fn new_ws() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    workspace::create(
        dir.path(),
        MINI,
        ("Files", "Test"),
        &aira_core::assessment::Respondent::new("default", "default"),
    )
    .unwrap();
    dir
}

/// A workspace at `<outer>/ws`, so that "nothing appeared outside it" can be checked on `outer`.
fn nested_ws() -> (tempfile::TempDir, std::path::PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    workspace::create(&ws, MINI, ("Files", "Test"), &aira_core::assessment::Respondent::new("default", "default"))
        .unwrap();
    (outer, ws)
}

fn change(r: &Respondent, q: &str, level: u8) -> Change {
    Change {
        respondent: r.clone(),
        question: q.into(),
        old: None,
        new: Some(Answer { value: Some(Value::Level(level)), ..Default::default() }),
        by: "tester".into(),
        at: "2026-11-22T10:00:00Z".into(),
        kind: "answer".into(),
        reverts: None,
    }
}

fn apply(ws: &mut Workspace, r: &Respondent, q: &str) -> workspace::Result<()> {
    ws.store.as_mut().unwrap().apply(&change(r, q, 2))
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// Every file under `dir` (recursively), for "nothing appeared outside" checks.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        out.push(e.file_name().to_string_lossy().into_owned());
        if e.file_type().unwrap().is_dir() {
            out.extend(listing(&e.path()).into_iter().map(|n| format!("{}/{n}", e.file_name().to_string_lossy())));
        }
    }
    out.sort();
    out
}

/// The real disk's `create_new`, with a link planted at the temp name the moment before it is
/// opened: whatever name the save picks (the counter is the process's, shared with the tests
/// running beside this one), the link is exactly there, as an attacker who guessed it would
/// have it.
struct PlantingDisk<'a> {
    victim: &'a Path,
    planted: std::sync::Mutex<Vec<std::path::PathBuf>>,
}

impl atomic::Writer for PlantingDisk<'_> {
    fn create_new(&self, path: &Path) -> std::io::Result<fs::File> {
        symlink(self.victim, path).unwrap();
        self.planted.lock().unwrap().push(path.to_owned());
        atomic::Disk.create_new(path)
    }
}

#[test]
fn write_atomic_never_writes_through_a_planted_temp_symlink() {
    use atomic::Writer as _;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("answers.toml");
    let disk = PlantingDisk { victim: &victim, planted: Default::default() };
    for _ in 0..8 {
        // create_new refuses the existing link; the write fails rather than following it.
        let r = disk.replace(&target, b"new contents");
        assert!(r.is_err(), "wrote through a planted link");
    }
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!target.exists());
    let planted = disk.planted.into_inner().unwrap();
    assert_eq!(planted.len(), 8);
    for link in &planted {
        assert!(fs::symlink_metadata(link).unwrap().is_symlink(), "the failed save removed a link it did not make");
    }
}

#[test]
fn write_atomic_creates_its_temp_file_exclusively_and_private() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("f.toml");
    atomic::write_atomic(&target, b"old").unwrap();
    assert_eq!(mode(&target), 0o600, "a new file is private");
    atomic::write_atomic(&target, b"new").unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), "new");
    assert_eq!(mode(&target), 0o600);
    // A replaced file keeps its mode (and owner), never a permission for others (issue 14).
    fs::set_permissions(&target, std::os::unix::fs::PermissionsExt::from_mode(0o644)).unwrap();
    atomic::write_atomic(&target, b"again").unwrap();
    assert_eq!(mode(&target), 0o640);
    // No temp file is left behind.
    assert_eq!(listing(dir.path()), vec!["f.toml"]);
}

#[test]
fn replacing_a_symlinked_target_replaces_the_link_not_what_it_points_to() {
    let dir = tempfile::tempdir().unwrap();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let target = dir.path().join("f.toml");
    symlink(&victim, &target).unwrap();
    atomic::write_atomic(&target, b"new").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    assert!(!fs::symlink_metadata(&target).unwrap().is_symlink());
}

#[test]
fn append_refuses_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    fs::write(&victim, "precious").unwrap();
    let link = dir.path().join("history.toml");
    symlink(&victim, &link).unwrap();
    assert!(atomic::append_durable(&link, b"x").is_err());
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
}

#[test]
fn an_answers_file_symlinked_from_outside_is_refused() {
    let ws = new_ws();
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.toml");
    fs::write(&secret, "format = 1\n[respondent]\nname = \"../../x\"\n").unwrap();
    symlink(&secret, ws.path().join("answers/mallory.toml")).unwrap();
    let e = workspace::open(ws.path(), Access::ReadOnly).err().expect("symlinked answers file accepted").to_string();
    assert!(e.contains("mallory.toml") && e.contains("symbolic link"), "{e}");
}

#[test]
fn a_symlinked_answers_folder_is_refused() {
    let ws = new_ws();
    let outside = tempfile::tempdir().unwrap();
    fs::remove_dir_all(ws.path().join("answers")).unwrap();
    symlink(outside.path(), ws.path().join("answers")).unwrap();
    // Reading it would show another folder's answers; writing through it would leave the workspace.
    let e = workspace::open(ws.path(), Access::Write).err().expect("symlinked answers folder accepted").to_string();
    assert!(e.contains("answers") && e.contains("symbolic link"), "{e}");
    assert!(listing(outside.path()).is_empty());
}

#[test]
fn respondent_names_from_files_are_never_used_as_paths() {
    let (outer, ws) = nested_ws();
    fs::write(ws.join("answers/mallory.toml"), "format = 1\n[respondent]\nname = \"../../x\"\n").unwrap();
    // Files whose names are not valid ids are strays, never loaded as respondents.
    fs::write(ws.join("answers/..evil.toml"), "format = 1\n").unwrap();
    fs::write(ws.join("answers/Bad Name.toml"), "format = 1\n").unwrap();
    let mut w = workspace::open(&ws, Access::Write).unwrap();
    let ids: Vec<&str> = w.assessment.respondents.iter().map(|r| r.id.as_str()).collect();
    assert!(ids.contains(&"mallory") && !ids.iter().any(|i| i.contains('.') || i.contains(' ')), "{ids:?}");
    let mallory = w.assessment.respondent("mallory").unwrap().clone();
    assert_eq!(mallory.name, "../../x");
    apply(&mut w, &mallory, "plan-govern-policy").unwrap();
    assert!(fs::read_to_string(ws.join("answers/mallory.toml")).unwrap().contains("level = 2"));
    assert!(!ws.join("x.toml").exists());
    assert_eq!(
        listing(outer.path()).iter().filter(|n| !n.starts_with("ws/")).count(),
        1,
        "{:?}",
        listing(outer.path())
    );
    // An id that is a path is refused by every writer.
    let evil = Respondent::new("../../x", "x");
    assert!(apply(&mut w, &evil, "plan-govern-policy").is_err());
    assert!(w.store.as_mut().unwrap().save_respondent(&evil).is_err());
    assert_eq!(
        listing(outer.path()).iter().filter(|n| !n.starts_with("ws/")).count(),
        1,
        "{:?}",
        listing(outer.path())
    );
}

#[test]
fn aira_answer_turns_a_path_like_respondent_name_into_a_safe_id() {
    let (outer, ws) = nested_ws();
    // Respondents are created by `respondent add` only (an unknown --respondent is refused).
    // A home of its own: `outer` is listed below and must hold only the workspace.
    let home = tempfile::tempdir().unwrap();
    crate::common::Aira::new(home.path()).ws(&ws).ok(&["respondent", "add", "../../x"]);
    assert!(ws.join("answers/x.toml").is_file(), "{:?}", listing(&ws));
    assert_eq!(
        listing(outer.path()).iter().filter(|n| !n.starts_with("ws/")).count(),
        1,
        "{:?}",
        listing(outer.path())
    );
}

#[test]
fn workspace_files_backups_and_folders_are_private() {
    let ws = new_ws();
    assert_eq!(mode(&ws.path().join("answers")), 0o700);
    let mut w = workspace::open(ws.path(), Access::Write).unwrap();
    let r = w.assessment.respondent("default").unwrap().clone();
    apply(&mut w, &r, "plan-govern-policy").unwrap();
    drop(w);
    // Tear the history tail so that the next open repairs it and keeps a backup.
    let h = ws.path().join("history.toml");
    let text = fs::read_to_string(&h).unwrap();
    fs::write(&h, &text[..text.len() - 5]).unwrap();
    let w = workspace::open(ws.path(), Access::Write).unwrap();
    assert!(w.notices.iter().any(|n| n.contains("repaired")), "{:?}", w.notices);
    let backups: Vec<String> = listing(ws.path()).into_iter().filter(|n| n.starts_with("history.toml.torn-")).collect();
    assert_eq!(backups.len(), 1, "{:?}", listing(ws.path()));
    for f in [backups[0].as_str(), "history.toml", "answers/default.toml", "workspace.toml", ".aira.lock"] {
        assert_eq!(mode(&ws.path().join(f)), 0o600, "{f}");
    }
}

/// Not a test on its own: the child process of `a_lock_held_by_a_killed_process_is_recovered`.
/// It takes the lock of the workspace named by AIRA_HARDEN_LOCK_DIR, says so, and waits to die.
#[test]
#[ignore = "helper process for the lock recovery test"]
fn helper_hold_lock_until_killed() {
    let Some(dir) = std::env::var_os("AIRA_HARDEN_LOCK_DIR") else { return };
    let _ws = workspace::open(Path::new(&dir), Access::Write).unwrap();
    println!("\nLOCKED {}", std::process::id());
    loop {
        std::thread::park();
    }
}

#[test]
fn a_lock_held_by_a_killed_process_is_recovered() {
    let ws = new_ws();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "hardening_files::helper_hold_lock_until_killed",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("AIRA_HARDEN_LOCK_DIR", ws.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let pid = loop {
        let line = lines.next().expect("helper exited before locking").unwrap();
        if let Some(pid) = line.split("LOCKED ").nth(1) {
            break pid.trim().parse::<u32>().unwrap();
        }
    };
    // While it lives, a writer is refused and names the holder.
    let e = workspace::open(ws.path(), Access::Write).err().expect("two writers").to_string();
    assert!(e.contains(&format!("pid {pid}")), "{e}");
    child.kill().unwrap(); // SIGKILL: no destructor runs, the lock file stays behind
    child.wait().unwrap();
    assert!(ws.path().join(".aira.lock").exists());
    let w = workspace::open(ws.path(), Access::Write).unwrap();
    assert!(w.store.is_some());
    assert!(w.notices.iter().any(|n| n.contains(&format!("stale lock left by pid {pid}"))), "{:?}", w.notices);
}
