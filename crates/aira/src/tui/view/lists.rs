//! Overlays that list questions: search results and a heatmap cell's questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{heatmap, status::truncate, theme};
use crate::tui::screens::{CellListScreen, SearchScreen};
use crate::tui::state::AppState;
use aira_core::assessment::Value;
use aira_core::text::sanitize;

fn level_text(s: &AppState, i: usize) -> String {
    let q = &s.session.questionnaire().questions[i];
    match s.current_respondent().answer(&q.id).and_then(|a| a.value) {
        Some(Value::Level(l)) => format!("{l}"),
        Some(Value::NotApplicable) => "N/A".into(),
        None => "·".into(),
    }
}

/// Keep the selected row visible in a window of `height` rows.
fn window(selected: usize, len: usize, height: usize) -> std::ops::Range<usize> {
    let start = selected.saturating_sub(height.saturating_sub(1));
    start..len.min(start + height)
}

pub fn search(s: &AppState, f: &mut Frame, area: Rect, screen: &SearchScreen) {
    let query = screen.query.text();
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(" Search questions, references, guidance, notes ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [input, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    f.render_widget(
        Paragraph::new(vec![Line::from(vec![
            Span::styled("> ", theme::title(s.ui.theme())),
            Span::raw(super::caret(&screen.query)),
        ])]),
        input,
    );
    let hits = &screen.hits;
    let width = list.width as usize;
    let sel = screen.cursor.get(hits.len());
    let mut lines = Vec::new();
    if hits.is_empty() && !query.trim().is_empty() {
        lines.push(Line::styled("No match", theme::dim(s.ui.theme())));
    }
    for i in window(sel, hits.len(), list.height as usize) {
        let h = &hits[i];
        let q = &s.session.questionnaire().questions[h.question];
        let prefix = format!("{:>3} {:<4} ", level_text(s, h.question), h.field.label());
        let mut spans = vec![Span::styled(prefix.clone(), theme::dim(s.ui.theme()))];
        let label = if h.field == aira_core::search::Field::Id { String::new() } else { format!("{} ", q.id) };
        spans.push(Span::styled(label.clone(), Style::new().add_modifier(Modifier::BOLD)));
        let room = width.saturating_sub(prefix.len() + label.len());
        let shown = truncate(&sanitize(&h.matched, false), room);
        let positions = aira_core::search::highlight(&h.matched, query).unwrap_or_else(|| h.positions.clone());
        for (ci, ch) in shown.chars().enumerate() {
            let style = if positions.contains(&ci) { theme::highlight(s.ui.theme()) } else { Style::new() };
            spans.push(Span::styled(ch.to_string(), style));
        }
        let mut line = Line::from(spans);
        if i == sel {
            line = line.style(theme::selected(s.ui.theme()));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), list);
}

pub fn cell(s: &AppState, f: &mut Frame, area: Rect, screen: &CellListScreen) {
    let (row, col, view) = (screen.row, screen.col, screen.view);
    f.render_widget(Clear, area);
    let (rows, cols) = s.session.heat_grid();
    let (phase, function) = (rows.get(row).copied().flatten(), cols.get(col).copied().flatten());
    let value = heatmap::cell_value(s, rows.get(row).copied().flatten(), cols.get(col).copied().flatten(), view);
    let title = format!(
        " {} × {} — {} {} ",
        phase.map_or("Unassigned", |p| p.title()),
        function.map_or("Unassigned", |f| f.title()),
        view.title(),
        theme::score_text(value)
    );
    let block = Block::new().borders(Borders::ALL).title(title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let members = &screen.members;
    let sel = screen.cursor.get(members.len());
    let mut lines = Vec::new();
    if members.is_empty() {
        lines.push(Line::styled("No questions in this cell", theme::dim(s.ui.theme())));
    }
    for i in window(sel, members.len(), inner.height as usize) {
        let q = &s.session.questionnaire().questions[members[i]];
        let text = format!("{:>3}  {}  {}", level_text(s, members[i]), q.id, sanitize(&q.text, false));
        let mut line = Line::raw(truncate(&text, inner.width as usize));
        if i == sel {
            line = line.style(theme::selected(s.ui.theme()));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
}
