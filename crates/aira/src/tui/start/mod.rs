//! The start screen (`aira start`): recent workspaces with fuzzy filtering, a form to create a
//! new one, and opening one by path. The caller loads the list and carries out the choice; this
//! module only runs the screen.

pub mod state;
pub mod update;
pub mod view;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

pub use state::{StartOutcome, StartState};

use super::terminal::Guard;

/// Show the screen until the user quits (None) or an outcome is carried out by `perform`
/// (Some: the workspace to open). When `perform` refuses, its message is shown where the user
/// is and the screen stays up.
pub fn run(
    s: &mut StartState,
    mut perform: impl FnMut(&StartOutcome) -> Result<PathBuf, String>,
) -> anyhow::Result<Option<PathBuf>> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut guard = Guard::new()?;
    let result = event_loop(s, &mut guard, &stop, &mut perform);
    drop(guard);
    match result {
        Ok(dir) => Ok(dir),
        Err(e) if super::is_hangup(&e) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

fn event_loop(
    s: &mut StartState,
    guard: &mut Guard,
    stop: &AtomicBool,
    perform: &mut impl FnMut(&StartOutcome) -> Result<PathBuf, String>,
) -> std::io::Result<Option<PathBuf>> {
    let mut dirty = true;
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        if dirty {
            guard.terminal.draw(|f| view::render(s, f))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(100))? {
            continue;
        }
        let outcome = match event::read()? {
            Event::Key(k) if k.kind == KeyEventKind::Press => update::update(s, k),
            Event::Paste(text) => {
                update::paste(s, &text);
                None
            }
            _ => None,
        };
        dirty = true;
        match outcome {
            None => {}
            Some(StartOutcome::Quit) => return Ok(None),
            Some(o) => match perform(&o) {
                Ok(dir) => return Ok(Some(dir)),
                Err(msg) => update::refused(s, msg),
            },
        }
    }
}

#[cfg(test)]
mod facts_tests;
#[cfg(test)]
mod respondent_tests;
#[cfg(test)]
mod tests;
