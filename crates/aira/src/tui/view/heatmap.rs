//! The phase × function heatmap: a compact panel beside the card, and the full-screen view.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::theme;
use crate::tui::state::{AppState, HeatView};
use aira_core::questionnaire::{Function, Phase};

fn row_label(p: Option<Phase>) -> &'static str {
    p.map_or("Unassigned", Phase::title)
}

fn col_label(f: Option<Function>, wide: bool) -> &'static str {
    match (f, wide) {
        (Some(f), true) => f.title(),
        (Some(f), false) => f.short(),
        (None, true) => "Unassigned",
        (None, false) => "n/a",
    }
}

/// The value a cell shows in a given view.
pub fn cell_value(s: &AppState, phase: Option<Phase>, function: Option<Function>, view: HeatView) -> Option<f64> {
    // Every figure is the scoring room's (`scoring::cell_figures`), as the reports print it.
    let cell = s.session.cell((phase, function));
    let current = cell.and_then(|c| c.tally.score);
    match view {
        HeatView::Current => current,
        HeatView::Target => cell.and_then(|c| c.target),
        // Signed, as reports print it: negative where the cell is above its target.
        HeatView::Gap => cell.and_then(|c| c.gap),
        HeatView::Disagreement => cell_spread(s, phase, function).map(f64::from),
        HeatView::Trend => {
            let base = s.session.baseline().and_then(|b| b.cell(phase, function)).and_then(|c| c.tally.score);
            // As printed (`number::change`), so the colour's direction agrees with the digits.
            current.zip(base).map(|(c, b)| aira_core::number::change(b, c))
        }
    }
}

/// The widest spread between respondents on any question of the cell; `None` when no
/// question has two respondents' levels to compare. Kept current by `update` (a scan per
/// frame cost milliseconds at 10,000 questions).
pub fn cell_spread(s: &AppState, phase: Option<Phase>, function: Option<Function>) -> Option<u8> {
    s.session.cell_spread((phase, function))
}

/// Respondents disagree strongly in the cell (`scoring::STRONG_SPREAD`, docs/scoring.md
/// section 9) on a question the room has not agreed yet: the `!` that clears once it agrees.
pub fn strong(s: &AppState, phase: Option<Phase>, function: Option<Function>) -> bool {
    s.session.cell((phase, function)).is_some_and(|c| c.unresolved > 0)
}

/// Render the grid. `selected` highlights a cell; `cell_w` is the width of one cell in columns.
pub fn grid(
    s: &AppState,
    view: HeatView,
    selected: Option<(usize, usize)>,
    wide: bool,
    cell_w: usize,
) -> Vec<Line<'static>> {
    let (rows, cols) = s.session.heat_grid();
    let (min, max) = (s.session.questionnaire().scale.min, s.session.questionnaire().scale.max);
    let label_w = if rows.contains(&None) { 10 } else { 6 };
    let mut lines = Vec::new();
    let mut header = vec![Span::raw(" ".repeat(label_w))];
    for c in &cols {
        header.push(Span::styled(
            format!("{:^w$}", col_label(*c, wide), w = cell_w),
            Style::new().add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::from(header));
    let current_cell = s.current_question().map(|q| (q.phase, q.function));
    for (ri, r) in rows.iter().enumerate() {
        let mut spans =
            vec![Span::styled(format!("{:<label_w$}", row_label(*r)), Style::new().add_modifier(Modifier::BOLD))];
        for (ci, c) in cols.iter().enumerate() {
            let v = cell_value(s, *r, *c, view);
            let shade = if s.ui.theme().color { ' ' } else { theme::shade(v, min, max) };
            let text = value_text(view, v);
            // The current view flags strong disagreement with a `!` beside the score.
            let text = if view == HeatView::Current && strong(s, *r, *c) { format!("{text}!") } else { text };
            let body = if s.ui.theme().color { text } else { format!("{text}{shade}") };
            let mut style = value_style(s, view, v);
            let is_sel = selected == Some((ri, ci));
            let is_here = selected.is_none() && current_cell == Some((*r, *c));
            if is_sel || is_here {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
            }
            let cell =
                if is_sel { format!("[{body:^w$}]", w = cell_w.saturating_sub(2)) } else { format!("{body:^cell_w$}") };
            spans.push(Span::styled(cell, style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// How a cell's value is printed in `view`: the one formatter of the panel, the full heatmap
/// and its table (`aira_core::number` rounds).
pub fn value_text(view: HeatView, v: Option<f64>) -> String {
    match (view, v) {
        // target − current, as the legend says: +1.1 to climb, 0.0 at or above target.
        (HeatView::Gap | HeatView::Trend, Some(g)) => aira_core::number::signed(Some(g)),
        // A range in words: "±3" read as "plus or minus 3", half the real spread.
        (HeatView::Disagreement, Some(d)) => format!("range {d:.0}"),
        _ => theme::score_text(v),
    }
}

/// The colour of a cell's value in `view`: levels by the band of the printed value
/// (`theme::cell_style`), gaps, ranges and changes by how far they are from none.
pub fn value_style(s: &AppState, view: HeatView, v: Option<f64>) -> Style {
    let (min, max) = (s.session.questionnaire().scale.min, s.session.questionnaire().scale.max);
    match view {
        HeatView::Gap | HeatView::Disagreement => gap_style(v, s.ui.theme()),
        HeatView::Trend => gap_style(
            v.map(|d| {
                if d < 0.0 {
                    2.0
                } else if d == 0.0 {
                    1.0
                } else {
                    0.0
                }
            }),
            s.ui.theme(),
        ),
        HeatView::Current | HeatView::Target => theme::cell_style(v, min, max, s.ui.theme()),
    }
}

fn gap_style(gap: Option<f64>, t: theme::Theme) -> Style {
    let color = t.color;
    use ratatui::style::Color;
    match (gap, color) {
        (Some(g), true) if g >= 2.0 => Style::new().bg(Color::Red).fg(Color::Black),
        (Some(g), true) if g >= 1.0 => Style::new().bg(Color::Yellow).fg(Color::Black),
        (Some(_), true) => Style::new().bg(Color::Green).fg(Color::Black),
        (None, true) => Style::new().fg(Color::DarkGray),
        (_, false) => Style::new(),
    }
}

/// The panel beside the question card.
pub fn panel(s: &AppState, f: &mut Frame, area: Rect) {
    let wide = area.width >= 48;
    let cell_w = if wide { 9 } else { 6 };
    let mut lines = grid(s, HeatView::Current, None, wide, cell_w);
    // The scores' own count (applicable scored questions in scope, as the report's summary counts them), so the
    // figure beside the score is the one behind it.
    let overall = &s.session.scores().overall;
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled("Overall ", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(theme::score_text(overall.score)),
        Span::raw(format!("   {}/{} answered", overall.answered, overall.applicable())),
    ]));
    let block = super::frame(s.ui.theme(), " Heatmap ");
    f.render_widget(Paragraph::new(lines).block(block), area);
}
