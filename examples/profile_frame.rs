//! A fixed amount of UI work for `valgrind --tool=callgrind` (instruction counts are stable on
//! a noisy machine, unlike timings): open WORKSPACE, build the state, then press `j`, `k` and
//! an answer `--keys` times, drawing a 120×40 frame into a TestBackend after each key.
//! `valgrind --tool=callgrind target/release/examples/profile_frame --keys 20 WORKSPACE`

use std::path::PathBuf;

use aira::tui::{Options, keymap::Keymap, state_for, update::handle_key, view::render};
use aira_store::workspace::{self, Access};
use anyhow::{Context, Result, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::{Terminal, backend::TestBackend};

fn main() -> Result<()> {
    let (mut keys, mut dir) = (20usize, None);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--keys" => keys = args.next().context("--keys needs a number")?.parse()?,
            _ if a.starts_with('-') => bail!("unknown option {a}"),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.context("usage: profile_frame [--keys N] WORKSPACE")?;
    let ws = workspace::open(&dir, Access::ReadOnly)?;
    let opts =
        Options { theme: Default::default(), user: "bench".into(), keymap: Keymap::defaults(), first: Vec::new() };
    let mut state = state_for(&ws, &opts);
    let mut term = Terminal::new(TestBackend::new(120, 40))?;
    term.draw(|f| render(&state, f))?;
    for i in 0..keys {
        let c = ['j', 'k', if i % 2 == 0 { '2' } else { '3' }, 'k'][i % 4];
        let _ = handle_key(&mut state, KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        term.draw(|f| render(&state, f))?;
    }
    Ok(())
}
