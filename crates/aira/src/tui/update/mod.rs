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
    s.ui.set_flash(None);
    let contexts = s.ui.screen().map_or(&[Context::Normal][..], Screen::contexts);
    match s.ui.keymap().resolve(contexts, s.ui.pending(), &key) {
        Resolved::Action(a) => {
            s.ui.set_pending(None);
            update(s, a)
        }
        Resolved::Pending(p) => {
            s.ui.set_pending(Some(p));
            Vec::new()
        }
        Resolved::Unbound => {
            s.ui.set_pending(None);
            Vec::new()
        }
    }
}

/// Bracketed paste: into whatever is being typed; elsewhere it is ignored, so a stray paste
/// can never answer questions.
pub fn handle_paste(s: &mut AppState, text: &str) -> Vec<Effect> {
    let text = aira_core::text::strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"), true);
    let Some(mut top) = s.ui.take_screen() else { return Vec::new() };
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
    s.ui.open(top);
    Vec::new()
}

/// One action for the screen that has the keys, or for the card.
pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if action == Action::Suspend {
        return vec![Effect::Suspend];
    }
    let Some(mut top) = s.ui.take_screen() else {
        card::update(s, action, &mut fx);
        return fx;
    };
    // Quit quits from anywhere; the note editor keeps its text first.
    if action == Action::Quit && !matches!(top, Screen::Note(_)) {
        s.ui.open(top);
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
        Nav::Stay => s.ui.open(top),
        Nav::Close => {}
        Nav::Push(next) => {
            s.ui.open(top);
            s.ui.open(next);
        }
        Nav::Replace(next) => s.ui.open(next),
        Nav::Jump(i) => jump(s, i),
    }
    fx
}

fn move_to(s: &mut AppState, i: usize) {
    s.ui.move_to(i);
}

/// Close every screen and show question `i`.
fn jump(s: &mut AppState, i: usize) {
    move_to(s, i);
    s.ui.close_all();
}

/// The save worker reported: one pending change is durable, or it failed and will retry.
pub fn saved(s: &mut AppState, result: Result<String, String>) {
    s.session.saved(result);
}

#[cfg(test)]
mod tests;
