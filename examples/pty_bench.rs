//! End-to-end timing of the real binary in a pseudo-terminal (120×40): time to the first
//! complete frame, keypress-to-frame latency, keypress-to-durable latency and peak RSS.
//! `cargo run --release --features bench-tools --example pty_bench -- [--bin target/release/aira] [--keys 500]
//! [--starts 15] WORKSPACE`. The workspace is copied into a temp folder first (keys change
//! answers) and XDG_DATA_HOME / XDG_CONFIG_HOME point at temp folders, so nothing real is
//! touched. Method (also in BENCHMARKS.md):
//! - a frame is complete when the bytes that end every ratatui draw arrive (the cursor
//!   hide/show sequence written and flushed after the cells); the first frame additionally
//!   needs the status bar (bottom row) on the vt100 screen;
//! - keypress-to-frame runs from writing the key to the pty until that end-of-frame sequence
//!   is read back; keys whose frame shows no visible change are counted and reported;
//! - durable: after an answering key, (a) history.toml growing (the store appends history
//!   last, after the answers file was fsynced, renamed and its folder fsynced), polled with
//!   stat; (b) the status bar turning from "Saving…" to "Saved HH:MM:SS";
//! - peak RSS: VmHWM from /proc/PID/status just before quitting.
//! - the first start is also reported on its own: it may find the binary and the workspace
//!   files cold in the page cache.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

#[path = "pty_bench_room.rs"]
mod room;
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const ROWS: u16 = 40;
const COLS: u16 = 120;
/// The answer/move mix: the cursor returns to where it started after each round, and the
/// two levels alternate so every answering key really changes the answer.
const PATTERN: [char; 6] = ['2', 'k', '3', 'k', 'j', 'k'];

struct Session {
    child: Box<dyn Child + Send + Sync>,
    _master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    rx: Receiver<(Instant, Vec<u8>)>,
    parser: vt100::Parser,
    tail: Vec<u8>,
    started: Instant,
}

impl Session {
    fn start(bin: &Path, ws: &Path, home: &Path) -> Result<Session> {
        Session::start_as(bin, ws, home, &[])
    }

    /// `args` before `--workspace` (`workshop` for the voting run).
    fn start_as(bin: &Path, ws: &Path, home: &Path, args: &[&str]) -> Result<Session> {
        let pty = native_pty_system();
        let pair = pty.openpty(PtySize { rows: ROWS, cols: COLS, pixel_width: 0, pixel_height: 0 })?;
        let mut cmd = CommandBuilder::new(bin);
        cmd.args(args);
        cmd.arg("--workspace");
        cmd.arg(ws);
        cmd.cwd(home);
        cmd.env("TERM", "xterm-256color");
        cmd.env("XDG_DATA_HOME", home.join("data"));
        cmd.env("XDG_CONFIG_HOME", home.join("config"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        cmd.env("USER", "bench");
        let mut reader = pair.master.try_clone_reader()?;
        let writer = pair.master.take_writer()?;
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 1 << 16];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        let started = Instant::now();
        let child = pair.slave.spawn_command(cmd)?;
        drop(pair.slave);
        Ok(Session {
            child,
            _master: pair.master,
            writer,
            rx,
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            tail: Vec::new(),
            started,
        })
    }

    /// Read what arrives within `wait`; returns the arrival time of a chunk that ended a frame.
    fn pump(&mut self, wait: Duration) -> Result<Option<Instant>> {
        match self.rx.recv_timeout(wait) {
            Ok((at, bytes)) => {
                self.parser.process(&bytes);
                let mut window = std::mem::take(&mut self.tail);
                window.extend_from_slice(&bytes);
                let ended = contains(&window, b"\x1b[?25l") || contains(&window, b"\x1b[?25h");
                self.tail = window[window.len().saturating_sub(5)..].to_vec();
                Ok(ended.then_some(at))
            }
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => bail!("aira exited:\n{}", self.parser.screen().contents()),
        }
    }

    fn status_bar(&self) -> String {
        self.parser.screen().rows(0, COLS).nth(usize::from(ROWS) - 1).unwrap_or_default()
    }

    /// Wait until a frame ends, giving up after `limit`.
    fn next_frame(&mut self, limit: Duration) -> Result<Instant> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(at) = self.pump(Duration::from_millis(20))? {
                return Ok(at);
            }
        }
        bail!("no frame within {limit:?}; screen:\n{}", self.parser.screen().contents())
    }

    /// Drain output until nothing arrives for `quiet`.
    fn settle(&mut self, quiet: Duration) -> Result<()> {
        let mut last = Instant::now();
        while last.elapsed() < quiet {
            if self.rx.recv_timeout(Duration::from_millis(5)).is_ok_and(|(_, b)| {
                self.parser.process(&b);
                true
            }) {
                last = Instant::now();
            }
        }
        Ok(())
    }

    fn key(&mut self, k: char) -> Result<Instant> {
        let at = Instant::now();
        self.writer.write_all(k.to_string().as_bytes())?;
        self.writer.flush()?;
        Ok(at)
    }

    fn peak_rss_kb(&self) -> Option<u64> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
        line.split_whitespace().nth(1)?.parse().ok()
    }

    fn quit(mut self) -> Result<()> {
        self.key('q')?;
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            let _ = self.rx.recv_timeout(Duration::from_millis(10));
            if self.child.try_wait()?.is_some() {
                return Ok(());
            }
        }
        self.child.kill()?;
        bail!("aira did not quit within 10 s")
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).unwrap_or(std::num::NonZeroU16::MIN)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn first_frame(s: &mut Session) -> Result<Duration> {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Some(at) = s.pump(Duration::from_millis(20))? {
            let bar = s.status_bar();
            if ["No changes yet", "Saved", "Read-only"].iter().any(|m| bar.contains(m)) {
                return Ok(at - s.started);
            }
        }
    }
    bail!("no complete first frame within 30 s:\n{}", s.parser.screen().contents())
}

fn file_len(p: &Path) -> u64 {
    std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)
}

#[derive(Default)]
struct Keys {
    frame_all: Vec<Duration>,
    frame_answer: Vec<Duration>,
    frame_move: Vec<Duration>,
    durable_file: Vec<Duration>,
    durable_marker: Vec<Duration>,
    unchanged: usize,
}

fn run_keys(s: &mut Session, n: usize, history: &Path) -> Result<Keys> {
    let mut out = Keys::default();
    for i in 0..n {
        let k = PATTERN[i % PATTERN.len()];
        let before = s.parser.screen().contents();
        let history_before = file_len(history);
        let sent = s.key(k)?;
        let frame = s.next_frame(Duration::from_secs(5))? - sent;
        if s.parser.screen().contents() == before {
            out.unchanged += 1;
        }
        out.frame_all.push(frame);
        if !k.is_ascii_digit() {
            out.frame_move.push(frame);
            continue;
        }
        out.frame_answer.push(frame);
        if !s.status_bar().contains("Saving") && !s.status_bar().contains("Saved") {
            continue; // the level was already set: nothing to save
        }
        let (mut file, mut marker) = (None, None);
        let deadline = Instant::now() + Duration::from_secs(10);
        while (file.is_none() || marker.is_none()) && Instant::now() < deadline {
            let frame_at = s.pump(Duration::from_micros(200))?;
            if file.is_none() && file_len(history) > history_before {
                file = Some(sent.elapsed());
            }
            let bar = s.status_bar();
            if marker.is_none() && bar.contains("Saved") && !bar.contains("Saving") {
                marker = Some(frame_at.unwrap_or_else(Instant::now) - sent);
            }
        }
        match (file, marker) {
            (Some(f), Some(m)) => {
                out.durable_file.push(f);
                out.durable_marker.push(m);
            }
            _ => bail!("answer {i} was not saved within 10 s; status bar: {}", s.status_bar()),
        }
    }
    Ok(out)
}

/// j/k in `aira workshop` while `phones` vote: each key's time to the first frame showing the
/// question it moved to. Returns the latencies and (votes accepted, refused).
fn run_room(
    bin: &Path,
    ws: &Path,
    home: &Path,
    n: usize,
    phones: usize,
) -> Result<(Vec<Duration>, Vec<Duration>, usize, usize)> {
    let mut s = Session::start_as(bin, ws, home, &["workshop"])?;
    let deadline = Instant::now() + Duration::from_secs(10);
    while !s.parser.screen().contents().contains("/v/") && Instant::now() < deadline {
        s.pump(Duration::from_millis(20))?;
    }
    let url = room::url_on(&s.parser.screen().contents())?;
    let room_phones = room::Phones::start(&url, phones)?;
    // Let every phone join and the votes flow before the first key.
    std::thread::sleep(Duration::from_millis(500));
    s.settle(Duration::from_millis(50))?;
    let mut out = Vec::new();
    for i in 0..n {
        let k = if i % 2 == 0 { 'j' } else { 'k' };
        let from = room::position(&s.parser.screen().contents()).context("no question position")?;
        let want = if k == 'j' { from + 1 } else { from - 1 };
        let sent = s.key(k)?;
        loop {
            let at = s.next_frame(Duration::from_secs(5))?;
            if room::position(&s.parser.screen().contents()) == Some(want) {
                out.push(at - sent);
                break;
            }
            if room::elapsed_since(sent) > Duration::from_secs(5) {
                bail!("key {i} ({k}) never showed question {want}");
            }
        }
    }
    let (accepted, refused) =
        (room_phones.accepted.load(Ordering::Relaxed), room_phones.refused.load(Ordering::Relaxed));
    let durable = std::sync::Arc::clone(&room_phones.durable);
    room_phones.stop();
    s.quit()?;
    let durable = durable.lock().map(|d| d.clone()).unwrap_or_default();
    Ok((out, durable, accepted, refused))
}

fn pct(v: &[Duration], p: f64) -> Duration {
    let mut v = v.to_vec();
    v.sort();
    if v.is_empty() {
        return Duration::ZERO;
    }
    let i = ((p * v.len() as f64).ceil() as usize).clamp(1, v.len()) - 1;
    v[i]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn row(what: &str, v: &[Duration]) {
    println!("| {what} | {} | {} | {} | {} |", v.len(), ms(pct(v, 0.5)), ms(pct(v, 0.99)), ms(pct(v, 1.0)));
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            copy_dir(&e.path(), &target)?;
        } else if e.file_name() != "lock" && e.file_name() != ".lock" {
            std::fs::copy(e.path(), &target)?;
        }
    }
    Ok(())
}

fn main() -> Result<()> {
    let mut bin = PathBuf::from("target/release/aira");
    let (mut keys, mut starts, mut ws, mut phones) = (500usize, 15usize, None, 0usize);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--bin" => bin = args.next().context("--bin needs a path")?.into(),
            "--keys" => keys = args.next().context("--keys needs a number")?.parse()?,
            "--starts" => starts = args.next().context("--starts needs a number")?.parse()?,
            "--workshop" => phones = args.next().context("--workshop needs a number of phones")?.parse()?,
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => ws = Some(PathBuf::from(a)),
        }
    }
    let ws = ws.context("usage: pty_bench [--bin PATH] [--keys N] [--starts N] WORKSPACE")?;
    let bin = std::fs::canonicalize(&bin)
        .with_context(|| format!("{} (build it with cargo build --release)", bin.display()))?;
    let home = tempfile::tempdir()?;
    let copy = home.path().join("ws");
    copy_dir(&ws, &copy)?;
    let history = copy.join("history.toml");
    if phones > 0 {
        let (frames, durable, accepted, refused) = run_room(&bin, &copy, home.path(), keys, phones)?;
        println!("aira workshop · workspace {} · {COLS}×{ROWS} · {phones} phones voting", ws.display());
        println!("\n| measure | n | median | p99 | max |\n|---|---|---|---|---|");
        row("keypress → frame (j/k) while votes arrive", &frames);
        row("vote → 200 (durable: through the wizard's loop and saver)", &durable);
        println!("\nvotes during the run: {accepted} accepted (durable), {refused} refused (409 when the room moved)");
        return Ok(());
    }

    let mut frames = Vec::new();
    let mut rss_start = Vec::new();
    for _ in 0..starts {
        let mut s = Session::start(&bin, &copy, home.path())?;
        frames.push(first_frame(&mut s)?);
        s.settle(Duration::from_millis(100))?;
        rss_start.push(s.peak_rss_kb().unwrap_or(0));
        s.quit()?;
    }
    let mut s = Session::start(&bin, &copy, home.path())?;
    first_frame(&mut s)?;
    s.settle(Duration::from_millis(300))?;
    let k = run_keys(&mut s, keys, &history)?;
    s.settle(Duration::from_millis(100))?;
    let rss_session = s.peak_rss_kb().unwrap_or(0);
    s.quit()?;

    println!("workspace {} · binary {} · {COLS}×{ROWS}", ws.display(), bin.display());
    println!("\n| measure | n | median | p99 | max |\n|---|---|---|---|---|");
    row("first complete frame, first start", &frames[..1.min(frames.len())]);
    row("first complete frame after start", &frames);
    row("keypress → frame, all keys", &k.frame_all);
    row("keypress → frame, answering (digits)", &k.frame_answer);
    row("keypress → frame, moving (j/k)", &k.frame_move);
    row("keypress → durable (history.toml grew)", &k.durable_file);
    row("keypress → \"Saved\" on screen", &k.durable_marker);
    rss_start.sort_unstable();
    println!(
        "\npeak RSS (VmHWM): after start {} KB (median of {}), after {} keys {} KB",
        rss_start.get(rss_start.len() / 2).copied().unwrap_or(0),
        rss_start.len(),
        keys,
        rss_session
    );
    println!("keys whose frame showed no visible change: {}", k.unchanged);
    Ok(())
}
