//! Where things sit on the screen: the panes, the too-small rule, scrolled list windows. One
//! place decides it, so drawing (`view`) and mouse clicks (`update::mouse`) agree without the
//! update side importing the view.

use ratatui::layout::{Constraint, Layout, Rect};

use super::screens::Screen;
use super::state::AppState;

pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;

/// Where each pane sits. One function decides it, so drawing and mouse clicks agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    pub banner: Rect,
    pub body: Rect,
    pub bar: Rect,
    /// Beside the card at 120 columns and wider; an overlay (in `body`) below that.
    pub navigator: Option<Rect>,
    pub card: Rect,
    pub heat: Rect,
}

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_WIDTH || area.height < MIN_HEIGHT
}

pub fn panes(s: &AppState, area: Rect) -> Panes {
    let [banner, body, bar] = Layout::vertical([
        Constraint::Length(u16::from(s.session.read_only().is_some() || !s.ui.notices().is_empty())),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let mut p = Panes { banner, body, bar, ..Panes::default() };
    if body.width >= 120 {
        let nav_w = (body.width / 4).clamp(30, 44);
        let panel_w = panel_width(s, body.width >= 150);
        let [nav, card, heat] =
            Layout::horizontal([Constraint::Length(nav_w), Constraint::Min(30), Constraint::Length(panel_w)])
                .areas(body);
        p.navigator = Some(nav);
        (p.card, p.heat) = (card, heat);
    } else if body.width >= 80 {
        let panel_w = panel_width(s, false);
        [p.card, p.heat] = Layout::horizontal([Constraint::Min(30), Constraint::Length(panel_w)]).areas(body);
    } else {
        let rows = s.session.heat_grid().0.len() as u16;
        [p.card, p.heat] = Layout::vertical([Constraint::Min(4), Constraint::Length(rows + 4)]).areas(body);
    }
    if matches!(s.ui.screen(), Some(Screen::Navigator(_))) && p.navigator.is_none() {
        p.navigator = Some(centered(body, 80, 90));
    }
    p
}

/// Width the panel needs for the given style.
pub fn panel_width(s: &AppState, wide: bool) -> u16 {
    let (rows, cols) = s.session.heat_grid();
    let label = if rows.contains(&None) { 10 } else { 6 };
    let cell = if wide { 9 } else { 6 };
    (label + cols.len() * cell + 2) as u16
}

/// The first row shown, keeping `selected` in view in a window of `height` rows (shared with
/// the mouse handler so a click lands on the row drawn there).
pub fn first_row(selected: usize, len: usize, height: usize) -> usize {
    let half = height / 2;
    selected.saturating_sub(half).min(len.saturating_sub(height))
}

/// A rectangle of `pct_w`% × `pct_h`% in the middle of `area`.
pub fn centered(area: Rect, pct_w: u16, pct_h: u16) -> Rect {
    // In u32: a u16 width times a percentage overflows past 655 columns.
    let pct = |n: u16, p: u16| u16::try_from(u32::from(n) * u32::from(p) / 100).unwrap_or(n);
    let w = pct(area.width, pct_w).max(area.width.min(20));
    let h = pct(area.height, pct_h).max(area.height.min(6));
    Rect { x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h }
}
