//! Mouse input: the wheel scrolls, a click selects what is under it. Positions are resolved
//! with the same `panes` function the views draw with, so a click hits what is drawn there.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::{Effect, cursor_row, jump, update};
use crate::tui::action::Action;
use crate::tui::layout::{self, first_row};
use crate::tui::navigator::{Row, rows};
use crate::tui::screens::{HeatmapScreen, Screen};
use crate::tui::state::{AppState, HeatView};

pub fn handle_mouse(s: &mut AppState, m: MouseEvent, area: Rect) -> Vec<Effect> {
    if !s.ui.mouse() || layout::too_small(area) {
        return Vec::new();
    }
    let at = Position { x: m.column, y: m.row };
    let p = layout::panes(s, area);
    match m.kind {
        MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
            let down = m.kind == MouseEventKind::ScrollDown;
            let card = s.ui.screen().is_none();
            if card && p.card.contains(at) {
                let step = 3;
                s.ui.scroll_card(down, step);
                Vec::new()
            } else if card && p.navigator.is_some_and(|n| n.contains(at)) {
                update(s, if down { Action::Next } else { Action::Prev })
            } else {
                update(s, if down { Action::Down } else { Action::Up })
            }
        }
        MouseEventKind::Down(MouseButton::Left) => click(s, at, p),
        _ => Vec::new(),
    }
}

fn click(s: &mut AppState, at: Position, p: layout::Panes) -> Vec<Effect> {
    if let Some(nav) = p.navigator.filter(|n| n.contains(at))
        && matches!(s.ui.screen(), None | Some(Screen::Navigator(_)))
    {
        let all = rows(s);
        let inner_top = nav.y + 1;
        let height = nav.height.saturating_sub(2) as usize;
        let selected = match s.ui.screen() {
            Some(Screen::Navigator(n)) => n.cursor.raw(),
            _ => cursor_row(s),
        };
        let n = first_row(selected, all.len(), height) + usize::from(at.y.saturating_sub(inner_top));
        if at.y >= inner_top
            && let Some(Row::Question(i)) = all.get(n)
        {
            jump(s, *i);
        }
        return Vec::new();
    }
    if s.ui.screen().is_none() && p.heat.contains(at) {
        // Header row, then one row per phase; cells after the row label.
        let (rows, cols) = s.session.heat_grid();
        let label_w = if rows.contains(&None) { 10 } else { 6 };
        let cell_w = if p.heat.width >= 48 { 9 } else { 6 };
        let r = usize::from(at.y.saturating_sub(p.heat.y + 2));
        let x = usize::from(at.x.saturating_sub(p.heat.x + 1));
        if at.y >= p.heat.y + 2 && r < rows.len() && x >= label_w {
            let c = ((x - label_w) / cell_w).min(cols.len() - 1);
            // Over the full heatmap, so Esc from the list shows the heatmap, as Enter there would.
            let heat = HeatmapScreen { row: r, col: c, view: HeatView::Current };
            let list = heat.cell(s);
            s.ui.open(Screen::Heatmap(heat));
            s.ui.open(Screen::CellList(list));
        }
        return Vec::new();
    }
    Vec::new()
}
