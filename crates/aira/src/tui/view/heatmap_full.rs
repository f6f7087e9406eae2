//! The full-screen heatmap: cells that grow with the terminal, each showing its value,
//! answered/total, target and disagreement, under a legend naming the scale's levels. In
//! accessible mode the same facts are a text table, one line per cell, with the real cursor
//! on the selected cell.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::heatmap;
use super::theme;
use crate::tui::state::{AppState, HeatView};
use aira_core::questionnaire::{Function, Phase};
use aira_core::scoring::STRONG_SPREAD;

/// What one cell says, whatever the layout.
struct Facts {
    value: Option<f64>,
    answered: usize,
    total: usize,
    target: Option<f64>,
    spread: Option<u8>,
    strong: bool,
}

fn facts(s: &AppState, phase: Option<Phase>, function: Option<Function>, view: HeatView) -> Facts {
    let tally = s.session.scores().cell(phase, function).map(|c| &c.tally);
    Facts {
        value: heatmap::cell_value(s, phase, function, view),
        answered: tally.map_or(0, |t| t.answered + t.not_applicable),
        total: tally.map_or(0, |t| t.total),
        target: heatmap::cell_value(s, phase, function, HeatView::Target),
        spread: heatmap::cell_spread(s, phase, function),
        strong: heatmap::strong(s, phase, function),
    }
}

impl Facts {
    /// The cell's lines, most important first; `short` drops words on narrow cells.
    fn parts(&self, view: HeatView, short: bool, min: u8, max: u8, colour: bool) -> Vec<String> {
        let mut value = heatmap::value_text(view, self.value);
        if !colour && matches!(view, HeatView::Current | HeatView::Target) {
            value.push(theme::shade(self.value, min, max));
        }
        if self.strong {
            value.push('!');
        }
        let mut out = vec![value];
        out.push(if short {
            format!("{}/{}", self.answered, self.total)
        } else {
            format!("{}/{} answered", self.answered, self.total)
        });
        if let Some(t) = self.target {
            out.push(format!("{} {}", if short { "tgt" } else { "target" }, theme::score_text(Some(t))));
        }
        // In the disagreement view the value already is the range; say it once.
        if let Some(d) = self.spread.filter(|_| view != HeatView::Disagreement) {
            out.push(if short { format!("r{d}") } else { format!("range {d}") });
        }
        out
    }
}

/// Put `parts` on at most `height` lines of `width`: one per line when there is room, else
/// packed side by side.
fn pack(parts: Vec<String>, width: usize, height: usize) -> Vec<String> {
    if parts.len() <= height {
        return parts;
    }
    let mut lines: Vec<String> = Vec::new();
    for p in parts {
        let fits = lines.last().is_some_and(|l| l.chars().count() + 1 + p.chars().count() <= width);
        if let (true, Some(l)) = (fits, lines.last_mut()) {
            l.push(' ');
            l.push_str(&p);
        } else if lines.len() < height {
            lines.push(p);
        } else {
            break;
        }
    }
    lines
}

fn row_label(p: Option<Phase>) -> &'static str {
    p.map_or("Unassigned", Phase::title)
}

fn col_label(f: Option<Function>) -> &'static str {
    f.map_or("Unassigned", Function::title)
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect, selected: (usize, usize), view: HeatView) {
    if s.ui.theme().accessible {
        return table(s, f, area, selected, view);
    }
    let block = Block::new().borders(Borders::ALL).title(format!(" Heatmap — {} view ", view.title()));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let legend = legend(s, view);
    // The legend's height once wrapped, and a blank line above it.
    let w = usize::from(inner.width.max(1));
    let wrapped: usize = legend.iter().map(|l| l.width().div_ceil(w).max(1)).sum();
    let legend_h = (wrapped as u16 + 1).min(inner.height / 2);
    let grid = Rect { height: inner.height - legend_h, ..inner };
    let below = Rect { y: grid.bottom() + 1, height: legend_h.saturating_sub(1), ..inner };
    f.render_widget(Paragraph::new(legend).wrap(Wrap { trim: false }), below);
    cells(s, f, grid, selected, view);
}

fn cells(s: &AppState, f: &mut Frame, grid: Rect, selected: (usize, usize), view: HeatView) {
    let (rows, cols) = s.session.heat_grid();
    let t = s.ui.theme();
    let (min, max) = (s.session.questionnaire().scale.min, s.session.questionnaire().scale.max);
    let label_w: u16 = if rows.contains(&None) { 11 } else { 7 };
    let cell_w = (grid.width.saturating_sub(label_w) / cols.len().max(1) as u16).max(4);
    let cell_h = (grid.height.saturating_sub(1) / rows.len().max(1) as u16).max(1);
    let bold = Style::new().add_modifier(Modifier::BOLD);
    for (ci, c) in cols.iter().enumerate() {
        let x = grid.x + label_w + ci as u16 * cell_w;
        let r = Rect { x, y: grid.y, width: cell_w.min(grid.right().saturating_sub(x)), height: 1 };
        f.render_widget(Paragraph::new(col_label(*c)).style(bold).alignment(Alignment::Center), r);
    }
    // A blank column and line between cells once they are big enough to spare them.
    let (gap_w, gap_h) = (u16::from(cell_w > 8), u16::from(cell_h > 3));
    for (ri, r) in rows.iter().enumerate() {
        let y = grid.y + 1 + ri as u16 * cell_h;
        if y >= grid.bottom() {
            break;
        }
        let h = (cell_h - gap_h).min(grid.bottom() - y).max(1);
        let label = Rect { x: grid.x, y: y + (h - 1) / 2, width: label_w, height: 1 };
        f.render_widget(Paragraph::new(row_label(*r)).style(bold), label);
        for (ci, c) in cols.iter().enumerate() {
            let x = grid.x + label_w + ci as u16 * cell_w;
            let area = Rect { x, y, width: (cell_w - gap_w).min(grid.right().saturating_sub(x)), height: h };
            let facts = facts(s, *r, *c, view);
            let width = usize::from(area.width);
            let mut lines = pack(facts.parts(view, width < 14, min, max, t.color), width, usize::from(h));
            let mut style = heatmap::value_style(s, view, facts.value);
            if selected == (ri, ci) {
                style = style.add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
                if !t.color {
                    style = style.add_modifier(Modifier::REVERSED);
                }
                if let Some(first) = lines.first_mut() {
                    *first = format!("▶ {first} ◀");
                }
            }
            // Centred vertically: blank lines above the content.
            let pad = (usize::from(h).saturating_sub(lines.len())) / 2;
            let text: Vec<Line> = std::iter::repeat_n(String::new(), pad).chain(lines).map(Line::from).collect();
            f.render_widget(Paragraph::new(text).style(style).alignment(Alignment::Center), area);
        }
    }
}

/// The scale's levels with their colours (or shades), the markers, and the overall score.
fn legend(s: &AppState, view: HeatView) -> Vec<Line<'static>> {
    let t = s.ui.theme();
    let sc = &s.session.questionnaire().scale;
    let mut levels = vec![Span::raw("Levels: ")];
    for v in sc.values() {
        let swatch =
            if t.color { format!(" {v} ") } else { format!("{}{v}", theme::shade(Some(f64::from(v)), sc.min, sc.max)) };
        levels.push(Span::styled(swatch, theme::cell_style(Some(f64::from(v)), sc.min, sc.max, t)));
        levels.push(Span::raw(format!(" {}  ", aira_core::text::sanitize(&sc.name(v), false))));
    }
    let about = match view {
        HeatView::Current | HeatView::Target => {
            "Each cell: score (coloured by the level it has reached), answered/total, target, range of levels."
        }
        HeatView::Gap => {
            "Levels still to climb to reach the target (target − current, below 0 above it); – no target or no answer."
        }
        HeatView::Disagreement => "Widest range between respondents' levels in each cell; 2 or more is strong.",
        HeatView::Trend => "Change in score since the baseline assessment; – where either has nothing.",
    };
    vec![
        Line::from(levels),
        Line::styled(
            format!("{about} ! strong disagreement (range {STRONG_SPREAD}+); – nothing answered; ▶ ◀ selected."),
            theme::dim(t),
        ),
        Line::styled(
            format!("Scale {}–{}. Overall {}.", sc.min, sc.max, theme::score_text(s.session.scores().overall.score)),
            theme::dim(t),
        ),
    ]
}

/// Accessible mode: one line per cell in words, no colour needed, the cursor on the selection.
fn table(s: &AppState, f: &mut Frame, area: Rect, selected: (usize, usize), view: HeatView) {
    let (rows, cols) = s.session.heat_grid();
    let sc = &s.session.questionnaire().scale;
    let names: Vec<String> =
        sc.values().map(|v| format!("{v} {}", aira_core::text::sanitize(&sc.name(v), false))).collect();
    // Narrow terminals get the same columns with fewer words, so no line is cut.
    let narrow = area.width < 100;
    let (pw, fw, lw, aw, tw) = if narrow { (6, 9, 15, 9, 7) } else { (11, 10, 16, 18, 13) };
    let overall = theme::score_text(s.session.scores().overall.score);
    let mut head = vec![Line::from(format!("Heatmap, {} view. Overall {overall}.", view.title()))];
    // The level names, three to a line.
    for (n, chunk) in names.chunks(3).enumerate() {
        let lead = if n == 0 { "Levels: " } else { "        " };
        head.push(Line::from(format!("{lead}{}", chunk.join(", "))));
    }
    head.push(Line::from(format!(
        "  {:<pw$}{:<fw$}{:>6}  {:<lw$}{:<aw$}{:<tw$}Range",
        "Phase", "Function", "Value", "Level", "Answered", "Target"
    )));
    let mut body = Vec::new();
    let mut focus = 0;
    for (ri, r) in rows.iter().enumerate() {
        for (ci, c) in cols.iter().enumerate() {
            let x = facts(s, *r, *c, view);
            let level = match (view, x.value) {
                (HeatView::Current | HeatView::Target, Some(v)) => {
                    let b = aira_core::number::band(v, sc.min, sc.max);
                    format!("{b} {}", aira_core::text::sanitize(&sc.name(b), false))
                }
                (_, None) if x.answered == 0 => "not answered".to_owned(),
                (HeatView::Current, None) => "not applicable".to_owned(),
                _ => String::new(),
            };
            let strong = if x.strong { " strong" } else { "" };
            let (range, target) = match narrow {
                true => (
                    x.spread.map_or_else(|| "–".to_owned(), |d| format!("{d}{strong}")),
                    x.target.map_or_else(|| "none".to_owned(), |t| theme::score_text(Some(t))),
                ),
                false => (
                    x.spread.map_or_else(|| "–".to_owned(), |d| format!("range {d}{strong}")),
                    x.target
                        .map_or_else(|| "no target".to_owned(), |t| format!("target {}", theme::score_text(Some(t)))),
                ),
            };
            let answered = if narrow {
                format!("{}/{}", x.answered, x.total)
            } else {
                format!("{}/{} answered", x.answered, x.total)
            };
            let here = selected == (ri, ci);
            if here {
                focus = body.len();
            }
            body.push(Line::from(format!(
                "{}{:<pw$}{:<fw$}{:>6}  {:<lw$}{answered:<aw$}{target:<tw$}{range}",
                if here { "> " } else { "  " },
                row_label(*r),
                col_label(*c),
                // The Range column says "range"; the value column keeps to the number.
                match (view, x.value) {
                    (HeatView::Disagreement, Some(d)) => format!("{d:.0}"),
                    _ => heatmap::value_text(view, x.value),
                },
                level,
            )));
        }
    }
    // Keep the selected line in view.
    let room = usize::from(area.height).saturating_sub(head.len());
    let start = focus.saturating_sub(room.saturating_sub(1));
    let y = area.y + head.len() as u16 + (focus - start) as u16;
    head.extend(body.into_iter().skip(start).take(room));
    f.render_widget(Paragraph::new(head), area);
    if y < area.bottom() {
        f.set_cursor_position((area.x, y));
    }
}
