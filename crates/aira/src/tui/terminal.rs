//! Entering and leaving the full-screen terminal. The guard undoes every mode it set when it
//! drops, and a chained panic hook does the same before the panic message prints, so the
//! user's shell is never left in raw mode.

use std::io::{self, Stdout, stdout};
use std::mem::ManuallyDrop;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<Stdout>>;

pub struct Guard {
    /// Never dropped: ratatui's `Terminal` drop prints with `eprintln!`, which panics when the
    /// terminal has hung up (SSH dropped). `restore` shows the cursor itself instead.
    pub terminal: ManuallyDrop<Term>,
}

fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableBracketedPaste, EnableMouseCapture)
}

/// Best effort: each step is tried even if an earlier one failed; errors are ignored because
/// there is nothing better to do with them while leaving.
pub fn restore() {
    let _ =
        execute!(stdout(), DisableMouseCapture, DisableBracketedPaste, LeaveAlternateScreen, crossterm::cursor::Show);
    let _ = disable_raw_mode();
}

impl Guard {
    pub fn new() -> io::Result<Guard> {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
        enter()?;
        let terminal = Terminal::new(CrosstermBackend::new(stdout()))?;
        Ok(Guard { terminal: ManuallyDrop::new(terminal) })
    }

    /// Leave the screen for the shell (Ctrl-Z) and come back.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        #[cfg(unix)]
        {
            // SIGTSTP stops us like any job; `fg` continues here.
            let _ = std::process::Command::new("kill").args(["-TSTP", &std::process::id().to_string()]).status();
        }
        enter()?;
        self.terminal.clear()
    }
}

impl Guard {
    pub fn set_mouse(&mut self, on: bool) -> io::Result<()> {
        if on { execute!(stdout(), EnableMouseCapture) } else { execute!(stdout(), DisableMouseCapture) }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}
