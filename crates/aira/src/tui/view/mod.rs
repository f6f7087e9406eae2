//! Drawing. `render` borrows the state and never changes it. Layout adapts to the size:
//! card beside the heatmap when there is room, stacked when narrow, a clear message when the
//! terminal is too small to be useful.

mod card;
mod heatmap;
mod help;
mod lists;
pub mod navigator;
mod plans;
mod status;
mod workshop;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

pub use super::layout::{MIN_HEIGHT, MIN_WIDTH, Panes, centered, panes, too_small};
use super::state::{AppState, HeatView, Mode};
use super::theme;
use aira_core::text::sanitize;

pub fn render(s: &AppState, f: &mut Frame) {
    let area = f.area();
    if too_small(area) {
        let msg = format!("Terminal too small (need {MIN_WIDTH}×{MIN_HEIGHT}, have {}×{})", area.width, area.height);
        f.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
        return;
    }
    let p = panes(s, area);
    if let Some(text) = s.read_only.as_ref().or(s.notices.first()) {
        let more = if s.notices.len() > 1 { format!(" (+{} more)", s.notices.len() - 1) } else { String::new() };
        f.render_widget(
            Paragraph::new(format!(" {}{more}", sanitize(text, false))).style(theme::warning(s.theme)),
            p.banner,
        );
    }
    status::render(s, f, p.bar);
    match &s.mode {
        Mode::Heatmap { row, col, view } => return full_heatmap(s, f, p.body, Some((*row, *col)), *view),
        Mode::CellList { row, col, view, selected } => {
            return lists::cell(s, f, p.body, *row, *col, *view, *selected);
        }
        Mode::Help { scroll } => return help::render(s, f, p.body, *scroll),
        Mode::Roadmap { selected } => return plans::roadmap(s, f, p.body, *selected),
        Mode::Soa { selected, justification } => return plans::soa(s, f, p.body, *selected, justification.as_deref()),
        _ => {}
    }
    if s.workshop && matches!(s.mode, Mode::Normal | Mode::Target) {
        return workshop::render(s, f, p.body);
    }
    heatmap::panel(s, f, p.heat);
    card::render(s, f, p.card);
    if let Some(nav) = p.navigator {
        navigator::render(s, f, nav);
    }
    match &s.mode {
        Mode::Note => note(s, f, p.card),
        Mode::Search { query, selected } => lists::search(s, f, centered(p.body, 90, 80), query, *selected),
        _ => {}
    }
}

fn full_heatmap(
    s: &AppState,
    f: &mut Frame,
    area: Rect,
    selected: Option<(usize, usize)>,
    view: super::state::HeatView,
) {
    let wide = area.width >= 70;
    let cols = s.heat_grid().1.len();
    let cell_w = ((area.width as usize).saturating_sub(14) / cols.max(1)).clamp(6, 16);
    let mut lines = heatmap::grid(s, view, selected, wide, cell_w);
    lines.insert(0, Line::raw(""));
    lines.push(Line::raw(""));
    let legend = match (view, s.theme.color) {
        (HeatView::Current | HeatView::Target, true) => {
            "Colours run red (low) to green (high); ! marks strong disagreement; – nothing answered yet."
        }
        (HeatView::Current | HeatView::Target, false) => {
            "Shading: ░ low  ▒  ▓  █ high; ! marks strong disagreement; – nothing answered yet."
        }
        (HeatView::Gap, _) => "Levels still to climb to reach the target (target − current); – no target or no answer.",
        (HeatView::Disagreement, _) => "Widest spread between respondents' levels in each cell; ±2 or more is strong.",
        (HeatView::Trend, _) => "Change in score since the baseline assessment; – where either has nothing.",
    };
    lines.push(Line::styled(legend.to_owned(), theme::dim(s.theme)));
    let (sc_min, sc_max) = (s.questionnaire.scale.min, s.questionnaire.scale.max);
    lines.push(Line::styled(
        format!("Scale {sc_min}–{sc_max}. Overall {}.", theme::score_text(s.scores.overall.score)),
        theme::dim(s.theme),
    ));
    let title = format!(" Heatmap — {} view ", view.title());
    let block = Block::new().borders(Borders::ALL).title(title);
    f.render_widget(Paragraph::new(lines).block(block), area);
}

fn note(s: &AppState, f: &mut Frame, card: Rect) {
    let h = (card.height / 2).max(6).min(card.height);
    let area = Rect { y: card.y + card.height - h, height: h, ..card };
    f.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).title(" Note — Esc or Ctrl-S keeps it ").title_alignment(Alignment::Left);
    let inner = block.inner(area);
    f.render_widget(block, area);
    if let Some(ed) = &s.editor {
        f.render_widget(ed, inner);
    }
}

#[cfg(test)]
mod tests;
