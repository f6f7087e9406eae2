//! Driving the real `aira` binary in a pseudo-terminal, reading the screen through vt100.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, PtySize, native_pty_system};

mod aira;
// Not every test binary uses every name.
#[allow(unused_imports)]
pub use aira::{Aira, MINI_PATH, Out, ROOT, init, ok_in, run_in};

pub struct Pty {
    pub parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn Child + Send + Sync>,
    /// Frames drawn so far: ratatui hides the cursor at the end of every draw.
    pub frames: Arc<std::sync::atomic::AtomicUsize>,
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_aira")
}

impl Pty {
    /// Start aira with `args`, its data and config folders inside `home`.
    pub fn spawn(home: &Path, args: &[&str], cols: u16, rows: u16) -> Pty {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(bin());
        cmd.args(args);
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("HOME", home);
        cmd.env("USER", "facilitator");
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("AIRA_WORKSPACE");
        cmd.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            std::num::NonZeroU16::new(rows).unwrap(),
            std::num::NonZeroU16::new(cols).unwrap(),
            0,
        )));
        let p = Arc::clone(&parser);
        let frames = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&frames);
        std::thread::spawn(move || {
            let _keep_master_open = pair.master;
            let mut buf = [0u8; 8192];
            // The end of the last chunk, so a sequence split across two reads is counted.
            let mut window = Vec::new();
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                window.extend_from_slice(&buf[..n]);
                let ends = window.windows(6).filter(|w| *w == b"\x1b[?25l").count();
                counted.fetch_add(ends, std::sync::atomic::Ordering::Relaxed);
                window.drain(..window.len().saturating_sub(5));
            }
        });
        Pty { parser, writer, child, frames }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// Wait until the screen shows `needle` (generous timeout: CI machines are slow).
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_until(|s| s.contains(needle), needle)
    }

    pub fn wait_until(&self, ok: impl Fn(&str) -> bool, what: &str) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("timed out waiting for {what:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if start.elapsed() > Duration::from_secs(20) {
                let _ = self.child.kill();
                panic!("aira did not exit; screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// Run aira with args to completion in `home`'s environment; (exit code, stdout, stderr).
pub fn run(home: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Aira::new(home).run(args);
    (out.code, out.stdout, out.stderr)
}

/// Copy a workspace's files (its folder and answers/), as a fresh copy for one run of a crash
/// or fault test.
pub fn copy_workspace(from: &Path, to: &Path) {
    for sub in ["", "answers"] {
        std::fs::create_dir_all(to.join(sub)).unwrap();
        for e in std::fs::read_dir(from.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                std::fs::copy(e.path(), to.join(sub).join(e.file_name())).unwrap();
            }
        }
    }
}
