//! Hostile entries met by the real binary: a FIFO where a workspace file should be, and
//! `report -o` / `import -o` onto FIFOs, devices and links. Every run has a deadline, so a
//! regression fails instead of hanging CI.
#![cfg(unix)]

use std::fs;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use crate::common;
use aira_store::workspace;

const MINI: &str = include_str!("../fixtures/mini.toml");
const O_NONBLOCK: i32 = 0o4000;

fn new_ws() -> (tempfile::TempDir, PathBuf) {
    let outer = tempfile::tempdir().unwrap();
    let ws = outer.path().join("ws");
    workspace::create(&ws, MINI, ("Hostile", "Test"), &aira_core::assessment::Respondent::new("default", "default"))
        .unwrap();
    (outer, ws)
}

fn mkfifo(path: &Path) {
    let _ = fs::remove_file(path);
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// Run aira with `args`; kill it and fail if it has not finished within 20 s.
fn aira(home: &Path, args: &[&str]) -> common::Out {
    common::Aira::new(home).env("USER", "tester").deadline(Duration::from_secs(20)).run(args)
}

#[test]
fn a_fifo_in_place_of_history_toml_is_refused_by_score_answer_and_doctor() {
    let (outer, ws) = new_ws();
    mkfifo(&ws.join("history.toml"));
    let w = ws.to_str().unwrap();
    for args in [vec!["-w", w, "score"], vec!["-w", w, "answer", "do-map-inventory", "2"], vec!["-w", w, "doctor"]] {
        let out = aira(outer.path(), &args);
        assert_eq!(out.code, 1, "{args:?}");
        // doctor lists it among its findings (`history.toml: error: is a FIFO …`) on stdout.
        let all = out.text();
        assert!(
            all.contains("history.toml: is a FIFO") || all.contains("history.toml: error: is a FIFO"),
            "{args:?}: {all}"
        );
    }
    assert!(fs::symlink_metadata(ws.join("history.toml")).unwrap().file_type().is_fifo());
}

/// Read everything written into the FIFO at `path` by one writer, on a thread. The FIFO is
/// opened without blocking, so a writer finds a reader there at once, and read through that
/// same descriptor: a second, blocking open made after the writer had come and gone would wait
/// for a writer forever. With no writer yet a read says end-of-file, so the end only counts
/// once something has arrived.
fn fifo_reader(path: &Path) -> (fs::File, mpsc::Receiver<Vec<u8>>) {
    let keep = fs::OpenOptions::new().read(true).custom_flags(O_NONBLOCK).open(path).unwrap();
    let mut f = keep.try_clone().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let (mut buf, mut chunk) = (Vec::new(), [0u8; 8192]);
        let give_up = std::time::Instant::now() + Duration::from_secs(30);
        while std::time::Instant::now() < give_up {
            match f.read(&mut chunk) {
                Ok(0) if !buf.is_empty() => break,
                Ok(n) if n > 0 => buf.extend_from_slice(&chunk[..n]),
                Ok(_) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(5)),
                Err(_) => break,
            }
        }
        let _ = tx.send(buf);
    });
    (keep, rx)
}

#[test]
fn report_onto_a_fifo_with_a_reader_writes_through_and_keeps_the_fifo() {
    let (outer, ws) = new_ws();
    let fifo = outer.path().join("pipe.md");
    mkfifo(&fifo);
    let (_keep, rx) = fifo_reader(&fifo);
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = rx.recv_timeout(Duration::from_secs(20)).expect("the reader got nothing");
    assert!(String::from_utf8_lossy(&got).contains("Hostile"), "{}", String::from_utf8_lossy(&got));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
}

#[test]
fn report_onto_a_fifo_without_a_reader_says_so_and_never_hangs() {
    let (outer, ws) = new_ws();
    let fifo = outer.path().join("pipe.md");
    mkfifo(&fifo);
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is a FIFO with no reader"), "{}", out.stderr);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
}

#[test]
fn report_onto_a_character_device_writes_through_and_keeps_the_device() {
    let (outer, ws) = new_ws();
    // A null device of our own (major 1, minor 3), so that no system file is at stake.
    let dev = outer.path().join("null");
    if !Command::new("mknod").arg(&dev).args(["c", "1", "3"]).status().is_ok_and(|s| s.success()) {
        eprintln!("skipped: mknod needs root");
        return;
    }
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", dev.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::symlink_metadata(&dev).unwrap().file_type().is_char_device(), "the device node was replaced");
}

#[test]
fn report_onto_a_link_to_stdout_writes_to_stdout() {
    let (outer, ws) = new_ws();
    let link = outer.path().join("out.md");
    symlink("/dev/stdout", &link).unwrap();
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", link.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Hostile"));
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink(), "the link was replaced");
}

#[test]
fn report_onto_a_symlinked_file_replaces_the_file_it_names_and_keeps_the_link() {
    let (outer, ws) = new_ws();
    let real = outer.path().join("deliverables").join("report.md");
    fs::create_dir(real.parent().unwrap()).unwrap();
    fs::write(&real, "old").unwrap();
    let link = outer.path().join("latest.md");
    symlink(&real, &link).unwrap();
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", link.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(fs::symlink_metadata(&link).unwrap().is_symlink(), "the link was replaced");
    assert!(fs::read_to_string(&real).unwrap().contains("Hostile"));
}

#[test]
fn report_onto_a_folder_is_refused() {
    let (outer, ws) = new_ws();
    let out = aira(outer.path(), &["-w", ws.to_str().unwrap(), "report", "-o", outer.path().to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is a folder"), "{}", out.stderr);
}

#[test]
fn import_onto_a_fifo_with_a_reader_writes_through_without_force() {
    let outer = tempfile::tempdir().unwrap();
    let csv = outer.path().join("bank.csv");
    fs::write(&csv, "id,text,phase,function,nist,iso,guidance,weight\nq-one,Is there a policy?,plan,govern,,,,1\n")
        .unwrap();
    let fifo = outer.path().join("out.toml");
    mkfifo(&fifo);
    let (_keep, rx) = fifo_reader(&fifo);
    let out = aira(outer.path(), &["import", "csv", csv.to_str().unwrap(), "-o", fifo.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let got = rx.recv_timeout(Duration::from_secs(20)).expect("the reader got nothing");
    assert!(String::from_utf8_lossy(&got).contains("q-one"));
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "the FIFO was replaced");
}
