//! `aira completions SHELL` and `aira man`: shell completions and the man page, generated from
//! the clap definitions at run time, so they can never drift from the commands they describe.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

fn print(bytes: &[u8]) -> Result<i32> {
    match std::io::stdout().lock().write_all(bytes) {
        // A reader that stops early (`| head`) is not an error.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        other => other.context("writing to stdout").map(|()| 0),
    }
}

/// The completion script for `shell`, printed for the user to source or install.
pub fn completions(shell: clap_complete::Shell) -> Result<i32> {
    let mut cmd = super::Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "aira", &mut out);
    print(&out)
}

/// The man page (roff), e.g. `aira man > ~/.local/share/man/man1/aira.1`.
pub fn man() -> Result<i32> {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::Cli::command()).render(&mut out).context("rendering the man page")?;
    print(&out)
}
