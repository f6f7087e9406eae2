//! One way to run the real `aira` binary to completion from a test: `Aira::new(home)` gives it
//! an environment of its own inside `home`, so neither the developer's shell nor another test
//! can change what it reads or prints; anything a test needs otherwise it says explicitly.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The repository's root, where fixture paths such as `tests/fixtures/mini.toml` start.
pub const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// The mini questionnaire most CLI tests start from.
pub const MINI_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/mini.toml");

/// What one run of aira gave back.
#[derive(Debug)]
pub struct Out {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Out {
    /// stdout then stderr, for tests that look for a message wherever it was printed.
    pub fn text(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// How to run aira: its environment, workspace, folder and deadline.
#[derive(Clone)]
pub struct Aira {
    ws: Option<PathBuf>,
    env: Vec<(OsString, Option<OsString>)>,
    cwd: Option<PathBuf>,
    deadline: Option<Duration>,
}

impl Aira {
    /// Data and config folders and HOME inside `home`, USER fixed, and no AIRA_WORKSPACE or
    /// NO_COLOR inherited: a developer's shell must not change what a test sees.
    pub fn new(home: &Path) -> Aira {
        Aira { ws: None, env: Vec::new(), cwd: None, deadline: None }
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("HOME", home)
            .env("USER", "facilitator")
            .env_remove("AIRA_WORKSPACE")
            .env_remove("NO_COLOR")
    }

    /// Every run names this workspace first (`-w WS`).
    pub fn ws(mut self, ws: &Path) -> Aira {
        self.ws = Some(ws.to_owned());
        self
    }

    /// Set (or, later in the chain, override) one variable.
    pub fn env(mut self, key: &str, value: impl Into<OsString>) -> Aira {
        self.env.push((key.into(), Some(value.into())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Aira {
        self.env.push((key.into(), None));
        self
    }

    /// NO_COLOR=1, for output compared as plain text.
    pub fn no_color(self) -> Aira {
        self.env("NO_COLOR", "1")
    }

    /// Run in `dir` instead of the test's own current folder.
    pub fn cwd(mut self, dir: &Path) -> Aira {
        self.cwd = Some(dir.to_owned());
        self
    }

    /// Kill aira and fail the test if a run takes longer than `limit`, so a hang (a FIFO read,
    /// say) fails one test instead of stalling the suite.
    pub fn deadline(mut self, limit: Duration) -> Aira {
        self.deadline = Some(limit);
        self
    }

    pub fn run(&self, args: &[&str]) -> Out {
        let mut cmd = Command::new(super::bin());
        if let Some(ws) = &self.ws {
            cmd.arg("-w").arg(ws);
        }
        cmd.args(args);
        for (key, value) in &self.env {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        if let Some(dir) = &self.cwd {
            cmd.current_dir(dir);
        }
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap();
        if let Some(limit) = self.deadline {
            let start = Instant::now();
            while child.try_wait().unwrap().is_none() {
                if start.elapsed() > limit {
                    let _ = child.kill();
                    panic!("aira {args:?} hung (killed after {limit:?})");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        let out = child.wait_with_output().unwrap();
        Out {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Run, fail unless aira exited 0 (showing what it printed), and give its stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.code, 0, "aira {args:?}:\n{}{}", out.stdout, out.stderr);
        out.stdout
    }
}

/// `aira -w WS ARGS…` in `home`'s environment; (exit code, stdout, stderr).
pub fn run_in(home: &Path, ws: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Aira::new(home).ws(ws).run(args);
    (out.code, out.stdout, out.stderr)
}

/// `aira -w WS ARGS…` in `home`'s environment, which must exit 0; its stdout.
pub fn ok_in(home: &Path, ws: &Path, args: &[&str]) -> String {
    Aira::new(home).ws(ws).ok(args)
}

/// `aira init DIR --questionnaire mini.toml [--respondent WHO]`, which must succeed.
pub fn init(home: &Path, dir: &Path, respondent: Option<&str>) {
    let mut args = vec!["init", dir.to_str().unwrap(), "--questionnaire", MINI_PATH];
    if let Some(who) = respondent {
        args.extend(["--respondent", who]);
    }
    Aira::new(home).ok(&args);
}
