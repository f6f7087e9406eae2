//! The UI part of the TUI's state: which question is on the card, the screens stacked over
//! it, the chord under way, what the status bar says, the keymap, theme and filters. Nothing
//! here is saved; the engagement data is in `session`.

use super::action::Action;
use super::filter::Filter;
use super::keymap::{Context, Keymap, Pending};
use super::screens::Screen;
use super::theme::Theme;

pub struct Ui {
    /// Index into the questionnaire's questions: the question on the card.
    cursor: usize,
    card_scroll: u16,
    /// The screens over the question card, top last (empty: the card has the keys).
    screens: Vec<Screen>,
    /// A chord under way on the card (`t` pressed, its level not yet).
    pending: Option<Pending>,
    notices: Vec<String>,
    /// A one-off message for the status bar (cleared by the next key).
    flash: Option<String>,
    keymap: Keymap,
    theme: Theme,
    /// Workshop mode: the projector view of the current question and everyone's levels.
    workshop: bool,
    /// Which questions the walk and the navigator show.
    filter: Filter,
    /// Mouse capture on (click, wheel) or off (the terminal's own text selection works).
    mouse: bool,
    /// The question the last key answered, until the next key on the card.
    just_answered: Option<JustAnswered>,
}

/// A level key answered `question` (and moved on, unless `at_end`): `e` right after it notes
/// that question, and at the end of the walk the next level key asks before overwriting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct JustAnswered {
    pub question: usize,
    pub at_end: bool,
    /// At the end: the value the user was told to press again to overwrite with.
    pub confirm: Option<aira_core::assessment::Value>,
}

impl Default for Ui {
    fn default() -> Ui {
        Ui {
            cursor: 0,
            card_scroll: 0,
            screens: Vec::new(),
            pending: None,
            notices: Vec::new(),
            flash: None,
            keymap: Keymap::defaults(),
            theme: Theme::default(),
            workshop: false,
            filter: Filter::default(),
            mouse: true,
            just_answered: None,
        }
    }
}

impl Ui {
    pub fn set_keymap(&mut self, keymap: Keymap) {
        self.keymap = keymap;
    }

    pub fn set_theme(&mut self, theme: Theme) {
        self.theme = theme;
    }

    // --- the card ---

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// What the previous key answered; taken, so it lasts one key.
    pub fn take_just_answered(&mut self) -> Option<JustAnswered> {
        self.just_answered.take()
    }

    pub fn set_just_answered(&mut self, just: Option<JustAnswered>) {
        self.just_answered = just;
    }

    /// Show question `i` on the card (from its top, when it is another question).
    pub fn move_to(&mut self, i: usize) {
        if i != self.cursor {
            self.card_scroll = 0;
        }
        self.cursor = i;
    }

    pub fn card_scroll(&self) -> u16 {
        self.card_scroll
    }

    /// Scroll the card by `lines`, down or up (stopping at the top).
    pub fn scroll_card(&mut self, down: bool, lines: u16) {
        self.card_scroll =
            if down { self.card_scroll.saturating_add(lines) } else { self.card_scroll.saturating_sub(lines) };
    }

    // --- the screen stack ---

    /// The screen that has the keys (`None`: the question card).
    pub fn screen(&self) -> Option<&Screen> {
        self.screens.last()
    }

    /// Open a screen over whatever is shown.
    pub fn open(&mut self, screen: Screen) {
        self.pending = None;
        self.screens.push(screen);
    }

    /// Take the top screen off to hand it an action (`update` puts it back or not).
    pub(crate) fn take_screen(&mut self) -> Option<Screen> {
        self.screens.pop()
    }

    /// Back to the question card.
    pub fn close_all(&mut self) {
        self.screens.clear();
    }

    // --- keys ---

    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    pub fn set_pending(&mut self, pending: Option<Pending>) {
        self.pending = pending;
    }

    pub fn keymap(&self) -> &Keymap {
        &self.keymap
    }

    /// How the keymap writes the key for `action` in `ctx` right now, for hints and prompts
    /// (a chord as its keys in turn; "unbound" when the user's keymap took it away).
    pub fn key_name(&self, ctx: Context, action: Action) -> String {
        self.keymap.chord_for(ctx, action).map_or_else(|| "unbound".to_owned(), ToString::to_string)
    }

    // --- messages ---

    pub fn flash(&self) -> Option<&str> {
        self.flash.as_deref()
    }

    /// Say something in the status bar until the next key (`None`: say nothing).
    pub fn set_flash(&mut self, message: Option<String>) {
        self.flash = message;
    }

    /// Say something in the status bar until the next key.
    pub fn say(&mut self, message: impl Into<String>) {
        self.flash = Some(message.into());
    }

    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// A notice for the banner (kept until the session ends).
    pub fn notify(&mut self, notice: String) {
        self.notices.push(notice);
    }

    pub fn set_notices(&mut self, notices: Vec<String>) {
        self.notices = notices;
    }

    // --- how things are shown ---

    pub fn theme(&self) -> Theme {
        self.theme
    }

    pub fn workshop(&self) -> bool {
        self.workshop
    }

    /// Workshop view on or off; returns whether it is now on.
    pub fn toggle_workshop(&mut self) -> bool {
        self.workshop = !self.workshop;
        self.workshop
    }

    pub fn filter(&self) -> Filter {
        self.filter
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
    }

    pub fn mouse(&self) -> bool {
        self.mouse
    }

    /// Mouse capture on or off; returns whether it is now on.
    pub fn toggle_mouse(&mut self) -> bool {
        self.mouse = !self.mouse;
        self.mouse
    }
}
