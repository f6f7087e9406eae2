//! The terminal UI: state, update and view, and the loop that feeds them. Nothing in the rest
//! of aira depends on this module.

pub mod action;
pub mod keymap;
mod saver;
pub mod state;
mod terminal;
#[cfg(test)]
pub(crate) mod testing;
pub mod update;
pub mod view;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use crossterm::event::{self, Event, KeyEventKind};

use action::Effect;
use state::AppState;

use crate::workspace::Workspace;

pub struct Options {
    pub color: bool,
    pub user: String,
    pub keymap: keymap::Keymap,
}

/// Build the state for a workspace (also used by tests and benchmarks, without a terminal).
pub fn state_for(ws: &Workspace, opts: &Options) -> AppState {
    let mut s = AppState::new(ws.questionnaire.clone(), ws.meta.clone(), ws.assessment.clone(), opts.user.clone());
    s.read_only = ws.held_by.as_ref().map(|h| format!("open in another aira ({h})"));
    s.notices = ws.notices.iter().filter(|n| !n.starts_with("Read-only")).cloned().collect();
    s.color = opts.color;
    s.history_len = ws.history_len;
    s.keymap = opts.keymap.clone();
    s
}

/// Run the UI until the user quits. Returns changes that could not be saved (to be printed).
pub fn run(mut ws: Workspace, opts: Options) -> anyhow::Result<Vec<crate::workspace::Change>> {
    let mut state = state_for(&ws, &opts);
    let saver = ws.store.take().map(saver::Saver::start);
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(sig, Arc::clone(&stop))?;
    }
    let mut guard = terminal::Guard::new()?;
    let mut dirty = true;
    'main: loop {
        if let Some(sv) = &saver {
            while let Ok(report) = sv.reports.try_recv() {
                update::saved(&mut state, report);
                dirty = true;
            }
        }
        if stop.load(Ordering::Relaxed) {
            break;
        }
        if dirty {
            guard.terminal.draw(|f| view::render(&state, f))?;
            dirty = false;
        }
        if !event::poll(Duration::from_millis(50))? {
            continue;
        }
        // Handle every event already waiting before drawing again: piled-up frames are dropped.
        loop {
            let effects = match event::read()? {
                Event::Key(k) if k.kind == KeyEventKind::Press => update::handle_key(&mut state, k),
                Event::Paste(text) => update::handle_paste(&mut state, &text),
                Event::Resize(..) => Vec::new(),
                _ => {
                    if !event::poll(Duration::ZERO)? {
                        break;
                    }
                    continue;
                }
            };
            dirty = true;
            for fx in effects {
                match fx {
                    Effect::Save(change) => match &saver {
                        Some(sv) => sv.send(*change),
                        None => state.flash = Some("Read-only: this change was not saved".into()),
                    },
                    Effect::Quit => break 'main,
                    Effect::Suspend => guard.suspend()?,
                }
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
    }
    drop(guard);
    Ok(saver.map(saver::Saver::finish).unwrap_or_default())
}
