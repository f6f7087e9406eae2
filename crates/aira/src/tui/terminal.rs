//! Entering and leaving the full-screen terminal. The guard undoes every mode it set when it
//! drops, and a chained panic hook does the same before the panic message prints, so the
//! user's shell is never left in raw mode.

use std::io::{self, Stdout, Write, stdout};
use std::mem::ManuallyDrop;

use crossterm::event::{DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

pub type Term = Terminal<CrosstermBackend<FrameWriter<Stdout>>>;

/// What a frame is written through on its way to the terminal: a buffer as large as a frame,
/// emptied when ratatui flushes at the end of each draw. Stdout's own buffer is 1 KiB: a
/// full-screen frame went out in a dozen writes, each a system call that woke the terminal's
/// reader, and on a busy machine (a room of phones voting) a key's frame waited behind them.
pub type FrameWriter<W> = io::BufWriter<W>;

/// Room for the largest frame we draw in one write (a 250×70 screen of styled cells).
const FRAME_BUFFER: usize = 256 * 1024;

/// The writer the terminal's frames go through.
pub fn frame_writer<W: Write>(out: W) -> FrameWriter<W> {
    io::BufWriter::with_capacity(FRAME_BUFFER, out)
}

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
        let terminal = Terminal::new(CrosstermBackend::new(frame_writer(stdout())))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::testing::eu_state;
    use std::sync::{Arc, Mutex};

    /// Counts the writes that reach the terminal (each one a write(2) on a real one).
    #[derive(Clone, Default)]
    struct Writes(Arc<Mutex<Vec<usize>>>);

    impl Write for Writes {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().unwrap().push(buf.len());
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A frame that changes the whole 120×40 screen reaches the terminal in one write: written
    /// a kilobyte at a time, each piece was a system call and woke the terminal's reader, and
    /// a key's frame waited behind them on a busy machine (issue 21, 40 phones voting).
    #[test]
    fn a_full_screen_frame_is_one_write() {
        let s = eu_state(&[]);
        let writes = Writes::default();
        let backend = CrosstermBackend::new(frame_writer(writes.clone()));
        let opts =
            ratatui::TerminalOptions { viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)) };
        let mut t = Terminal::with_options(backend, opts).unwrap();
        t.draw(|f| crate::tui::view::render(&s, f)).unwrap();
        let sizes = writes.0.lock().unwrap().clone();
        let total: usize = sizes.iter().sum();
        assert!(total > 4096, "the frame is the whole screen: {total} bytes");
        // The cursor is hidden before the frame and shown after it, each written on its own.
        let frame = sizes.iter().filter(|n| **n > 64).count();
        assert_eq!(frame, 1, "the frame's writes: {sizes:?}");
    }
}
