//! `update`: state + action → effects. No terminal, no files: tests drive it directly. Keys
//! become actions through the keymap (`handle_key`); the top screen takes each action and
//! says what the stack does next.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod card;
mod edit;
mod interview;
pub(crate) use interview::MAX_LOG_LINE;
pub use interview::ask_who_answers;
mod lists;
mod mouse;
mod navigate;
mod note;
pub mod plans;
mod workshop;

pub use mouse::handle_mouse;
pub use navigate::cursor_row;
pub use workshop::{room_event, vote, votes, voting_closed, voting_opened};
// Queries over the state the view shares with update: they live with the navigator's.
pub use crate::tui::navigator::cell_members;

use edit::edit_answer;

use super::action::{Action, Effect};
use super::keymap::{Context, Resolved};
use super::screens::{Nav, Screen, each_screen};
use super::state::AppState;

/// What a screen does with the keys. Each screen implements it next to its update code; `update`
/// and `handle_paste` reach it through `each_screen!`.
pub trait ScreenKeys {
    /// Where its keys are looked up, first match first. Where `Input` is listed, a key that
    /// types a character types it.
    fn contexts(&self) -> &'static [Context];
    /// One action; the screen says what the stack does next.
    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav;
    /// Bracketed paste (controls already stripped); a screen that types nothing ignores it.
    fn on_paste(&mut self, _s: &mut AppState, _text: &str) {}
}

/// Largest note kept (a 1 MB paste is accepted up to here, and the rest is refused, visibly).
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;

/// A key press: the keymap turns it into an action for the screen that has the keys (a chord
/// under way waits for its next key).
pub fn handle_key(s: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    s.ui.set_flash(None);
    let contexts = match s.ui.screen() {
        Some(screen) => each_screen!(screen, x => x.contexts()),
        None if s.ui.workshop() => &[Context::Workshop, Context::Normal],
        None => &[Context::Normal],
    };
    let resolved = s.ui.keymap().resolve(contexts, s.ui.pending(), &key);
    // The network prompt's "any other key cancels", unbound keys included.
    if resolved != Resolved::Action(Action::VoteOnNetwork) {
        s.room.asking_lan = false;
    }
    // Over SSH, Esc and the next key arrive in one read and crossterm reports Alt+key. An
    // Alt key bound to nothing here is taken as what was typed: Esc, then the key.
    if resolved == Resolved::Unbound && key.modifiers.contains(KeyModifiers::ALT) && s.ui.pending().is_none() {
        let mut fx = handle_key(s, KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        let flash = s.ui.flash().map(str::to_owned);
        fx.extend(handle_key(s, KeyEvent::new(key.code, key.modifiers - KeyModifiers::ALT)));
        if s.ui.flash().is_none() {
            s.ui.set_flash(flash);
        }
        return fx;
    }
    match resolved {
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
    each_screen!(&mut top, x => x.on_paste(s, &text));
    s.ui.open(top);
    Vec::new()
}

/// One action for the screen that has the keys, or for the card (the workshop view's own
/// keys first); with voting open, the room then follows the card's question.
pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = act(s, action);
    workshop::follow(s, &mut fx);
    fx
}

fn act(s: &mut AppState, action: Action) -> Vec<Effect> {
    let mut fx = Vec::new();
    if action == Action::Suspend {
        return vec![Effect::Suspend];
    }
    // No one answering: only naming someone (the prompt) or quitting; any other key asks who
    // answers again, so nothing is ever recorded as no one. A read-only workspace records
    // nothing anyway, and can be looked through.
    if !s.session.has_respondent() && s.session.read_only().is_none() {
        let naming = matches!(s.ui.screen(), Some(Screen::Prompt(p)) if !p.rename);
        if action == Action::Quit {
            return vec![Effect::Quit];
        }
        if !naming {
            interview::ask_who_answers(s);
            return fx;
        }
    }
    let Some(mut top) = s.ui.take_screen() else {
        if !(s.ui.workshop() && workshop::update(s, action, &mut fx)) {
            card::update(s, action, &mut fx);
        }
        return fx;
    };
    // Quit quits from anywhere; the note editor keeps its text first.
    if action == Action::Quit && !matches!(top, Screen::Note(_)) {
        s.ui.open(top);
        return vec![Effect::Quit];
    }
    let nav = each_screen!(&mut top, x => x.on_action(s, action, &mut fx));
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
