//! Drawing. `render` borrows the state and never changes it. Layout adapts to the size:
//! card beside the heatmap when there is room, stacked when narrow, a clear message when the
//! terminal is too small to be useful.

mod card;
mod evidence;
mod heatmap;
mod heatmap_full;
mod help;
mod lists;
pub mod navigator;
mod plans;
mod screens;
pub(crate) mod status;
mod workshop;
mod wrap;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::action::Action;
use super::keymap::Context;
pub use super::layout::{MIN_HEIGHT, MIN_WIDTH, Panes, centered, panes, too_small};
use super::screens::{NoteScreen, Screen, each_screen};
use super::state::AppState;
use super::theme;
use aira_core::text::sanitize;

/// How a screen is drawn. Each screen implements it (the existing ones in `view/screens.rs`);
/// `render` and the status bar reach it through `each_screen!`.
pub trait ScreenView {
    /// Whether it takes the whole body (else the card and its panes are drawn first and the
    /// screen over them).
    fn full_body(&self) -> bool {
        false
    }
    /// Draw it; a screen shown in the status bar or in the navigator pane draws nothing here.
    fn draw(&self, _s: &AppState, _f: &mut Frame, _p: &Panes) {}
    /// The status bar's hints while it has the keys, from the keys bound now.
    fn hints(&self, s: &AppState) -> String;
}

pub fn render(s: &AppState, f: &mut Frame) {
    let area = f.area();
    if too_small(area) {
        let msg = format!("Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})", area.width, area.height);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let p = panes(s, area);
    if let Some(text) = s.session.read_only().or(s.ui.notices().first().map(String::as_str)) {
        let more =
            if s.ui.notices().len() > 1 { format!(" (+{} more)", s.ui.notices().len() - 1) } else { String::new() };
        f.render_widget(
            Paragraph::new(format!(" {}{more}", sanitize(text, false))).style(theme::warning(s.ui.theme())),
            p.banner,
        );
    }
    draw_body(s, f, &p);
    // Last: a prompt's real cursor (accessible mode) wins over the focus the body placed.
    status::render(s, f, p.bar);
}

fn draw_body(s: &AppState, f: &mut Frame, p: &Panes) {
    match s.ui.screen() {
        Some(top) if each_screen!(top, x => x.full_body()) => return each_screen!(top, x => x.draw(s, f, p)),
        // Prompts (the log line, a chord's hints) stay in the workshop layout.
        top if s.ui.workshop() => {
            workshop::render(s, f, p.body);
            if let Some(top) = top {
                each_screen!(top, x => x.draw(s, f, p));
            }
            return;
        }
        _ => {}
    }
    heatmap::panel(s, f, p.heat);
    card::render(s, f, p.card);
    if let Some(nav) = p.navigator {
        navigator::render(s, f, nav);
    }
    if let Some(top) = s.ui.screen() {
        each_screen!(top, x => x.draw(s, f, p));
    }
}

/// A titled frame: a box normally; in accessible mode the title alone on the top line, with
/// no box drawing for a screen reader to read out or a magnifier to fill with lines.
pub(crate) fn frame<'a>(t: theme::Theme, title: impl Into<Line<'a>>) -> Block<'a> {
    let block = Block::new().title(title);
    if t.accessible { block } else { block.borders(Borders::ALL) }
}

/// In accessible mode, the terminal's real cursor on line `line` of `area` (the focused
/// item): screen readers and magnifiers follow the cursor, not a highlight colour.
pub(crate) fn focus(s: &AppState, f: &mut Frame, area: Rect, line: Option<u16>) {
    if let Some(y) = line.filter(|_| s.ui.theme().accessible).map(|l| area.y + l)
        && y < area.bottom()
    {
        f.set_cursor_position((area.x, y));
    }
}

/// The selected row's marker in accessible mode (`> `, else two spaces), so the selection is
/// not told by colour alone; nothing in the normal layout, where the highlight shows it.
pub(crate) fn pointer(s: &AppState, selected: bool) -> &'static str {
    match (s.ui.theme().accessible, selected) {
        (false, _) => "",
        (true, true) => "> ",
        (true, false) => "  ",
    }
}

fn note(s: &AppState, n: &NoteScreen, f: &mut Frame, card: Rect) {
    let h = (card.height / 2).max(6).min(card.height);
    let area = Rect { y: card.y + card.height - h, height: h, ..card };
    f.render_widget(Clear, area);
    let keep: Vec<String> =
        s.ui.keymap()
            .bindings(Context::Note)
            .iter()
            .filter(|(a, _)| *a == Action::KeepNote)
            .flat_map(|(_, chords)| chords.iter().map(ToString::to_string))
            .collect();
    let id = s.session.questionnaire().questions.get(n.question).map_or("", |q| q.id.as_str());
    let title = format!(" Note for {} — {} keeps it ", sanitize(id, false), keep.join(" or "));
    let block = frame(s.ui.theme(), title).title_alignment(Alignment::Left);
    let inner = block.inner(area);
    f.render_widget(block, area);
    f.render_widget(&n.editor, inner);
    if s.ui.theme().accessible {
        // The text area draws its own caret; the real cursor goes there too.
        let at = n.editor.screen_cursor();
        let x = (inner.x + at.col as u16).min(inner.right().saturating_sub(1));
        let y = (inner.y + at.row as u16).min(inner.bottom().saturating_sub(1));
        f.set_cursor_position((x, y));
    }
}

/// The drawn caret of a line being typed.
const CARET: char = '▏';

/// A line being typed, with the caret where the cursor is (the only `CARET` in it: one typed
/// shows as `|`, so the status bar can find the caret and, in accessible mode, put the real
/// cursor there instead).
pub(crate) fn caret(input: &crate::tui::input::LineInput) -> String {
    let (before, after) = input.split();
    let clean = |t: &str| sanitize(t, false).replace(CARET, "|");
    format!("{}{CARET}{}", clean(before), clean(after))
}

#[cfg(test)]
mod forms_tests;
#[cfg(test)]
mod heatmap_tests;
#[cfg(test)]
mod heatmap_truth;
#[cfg(test)]
mod tests;
