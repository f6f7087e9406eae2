//! `update`: state + action → effects. No terminal, no files: tests drive it directly. Keys
//! become actions through the keymap (`handle_key`); the top screen takes each action and
//! says what the stack does next.

use crossterm::event::KeyEvent;

mod card;
mod edit;
mod interview;
mod lists;
mod mouse;
mod navigate;
mod note;
pub mod plans;

pub use mouse::handle_mouse;
pub use navigate::cursor_row;
// Queries over the state the view shares with update: they live with the navigator's.
pub use crate::tui::navigator::cell_members;

use edit::edit_answer;

use super::action::{Action, Effect};
use super::keymap::{Context, Resolved};
use super::screens::{Nav, Screen};
use super::state::AppState;

/// Largest note kept (a 1 MB paste is accepted up to here, and the rest is refused, visibly).
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;

/// A key press: the keymap turns it into an action for the screen that has the keys (a chord
/// under way waits for its next key).
pub fn handle_key(s: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    s.flash = None;
    let contexts = s.screen().map_or(&[Context::Normal][..], Screen::contexts);
    match s.keymap.resolve(contexts, s.pending.as_ref(), &key) {
        Resolved::Action(a) => {
            s.pending = None;
            update(s, a)
        }
        Resolved::Pending(p) => {
            s.pending = Some(p);
            Vec::new()
        }
        Resolved::Unbound => {
            s.pending = None;
            Vec::new()
        }
    }
}

/// Bracketed paste: into whatever is being typed; elsewhere it is ignored, so a stray paste
/// can never answer questions.
pub fn handle_paste(s: &mut AppState, text: &str) -> Vec<Effect> {
    let text = aira_core::text::strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"), true);
    let Some(mut top) = s.take_screen() else { return Vec::new() };
    match &mut top {
        Screen::Note(n) => n.paste(s, &text),
        Screen::Prompt(p) => {
            p.input.paste(&text);
        }
        Screen::Log(l) => {
            l.input.paste(&text);
        }
        Screen::Search(q) => {
            if q.query.paste(&text) {
                q.run(s, false);
            }
        }
        Screen::Soa(x) => {
            if let Some(t) = x.typing.as_mut() {
                t.paste(&text);
            }
        }
        Screen::Help(_) | Screen::Heatmap(_) | Screen::CellList(_) | Screen::Navigator(_) | Screen::Roadmap(_) => {}
    }
    s.open(top);
    Vec::new()
}

/// One action for the screen that has the keys, or for the card.
pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if action == Action::Suspend {
        return vec![Effect::Suspend];
    }
    let Some(mut top) = s.take_screen() else {
        card::update(s, action, &mut fx);
        return fx;
    };
    // Quit quits from anywhere; the note editor keeps its text first.
    if action == Action::Quit && !matches!(top, Screen::Note(_)) {
        s.open(top);
        return vec![Effect::Quit];
    }
    let nav = match &mut top {
        Screen::Help(h) => h.update(action),
        Screen::Heatmap(h) => h.update(s, action),
        Screen::CellList(c) => c.update(action),
        Screen::Search(q) => q.update(s, action),
        Screen::Note(n) => n.update(s, action, &mut fx),
        Screen::Navigator(n) => n.update(s, action),
        Screen::Roadmap(r) => r.update(action),
        Screen::Soa(x) => x.update(s, action, &mut fx),
        Screen::Prompt(p) => p.update(s, action, &mut fx),
        Screen::Log(l) => l.update(s, action, &mut fx),
    };
    match nav {
        Nav::Stay => s.open(top),
        Nav::Close => {}
        Nav::Push(next) => {
            s.open(top);
            s.open(next);
        }
        Nav::Replace(next) => s.open(next),
        Nav::Jump(i) => jump(s, i),
    }
    fx
}

fn move_to(s: &mut AppState, i: usize) {
    if i != s.cursor {
        s.card_scroll = 0;
    }
    s.cursor = i;
}

/// Close every screen and show question `i`.
fn jump(s: &mut AppState, i: usize) {
    move_to(s, i);
    s.close_all();
}

/// The save worker reported: one pending change is durable, or it failed and will retry.
pub fn saved(s: &mut AppState, result: Result<String, String>) {
    match result {
        Ok(time) => {
            s.save.pending = s.save.pending.saturating_sub(1);
            s.save.error = None;
            s.save.last_saved = Some(time);
        }
        Err(e) => s.save.error = Some(e),
    }
}

#[cfg(test)]
mod tests;
