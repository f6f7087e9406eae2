//! Where the time to the first frame goes, natively: each step of opening a workspace and
//! building the UI state, timed separately (median of `--runs`). Complements callgrind, whose
//! soft SHA-256 and instruction counts do not show what the CPU's SHA extensions save.
//! `target/release/examples/profile_open --runs 5 WORKSPACE`

use std::path::PathBuf;
use std::time::{Duration, Instant};

use aira::tui::{Options, keymap::Keymap, state_from};
use aira_store::workspace::{self, Access};
use anyhow::{Context, Result, bail};

fn main() -> Result<()> {
    let (mut runs, mut dir) = (5usize, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--runs" => runs = args.next().context("--runs needs a number")?.parse()?,
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("usage: profile_open [--runs N] WORKSPACE")?;
    let opts =
        Options { theme: Default::default(), user: "bench".into(), keymap: Keymap::defaults(), first: Vec::new() };
    let mut steps: Vec<(&str, Vec<Duration>)> =
        ["read questionnaire", "sha256", "parse questionnaire", "open read-only (all)", "open locked", "state"]
            .into_iter()
            .map(|n| (n, Vec::new()))
            .collect();
    for _ in 0..runs {
        let t = Instant::now();
        let text = std::fs::read_to_string(dir.join(workspace::QUESTIONNAIRE_FILE))?;
        steps[0].1.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(workspace::sha256_hex(&text));
        steps[1].1.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(aira_core::questionnaire::parse("q", &text)?);
        steps[2].1.push(t.elapsed());
        let t = Instant::now();
        std::hint::black_box(workspace::open(&dir, Access::ReadOnly)?);
        steps[3].1.push(t.elapsed());
        let t = Instant::now();
        let ws = workspace::open(&dir, Access::WriteOrReadOnly)?;
        steps[4].1.push(t.elapsed());
        let t = Instant::now();
        let state = state_from(ws, &opts);
        steps[5].1.push(t.elapsed());
        drop(state);
    }
    for (name, mut v) in steps {
        v.sort();
        println!("{name:<22} median {:>8.2} ms", v[v.len() / 2].as_secs_f64() * 1000.0);
    }
    Ok(())
}
