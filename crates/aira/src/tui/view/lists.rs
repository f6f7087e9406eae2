//! Overlays that list questions: search results and a heatmap cell's questions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{heatmap, status::truncate, theme};
use crate::tui::screens::{CellListScreen, SearchScreen};
use crate::tui::state::{AppState, HeatView};
use aira_core::assessment::{Status, Value};
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
    let block = super::frame(s.ui.theme(), " Search questions, references, guidance, notes ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [input, list] = Layout::vertical([Constraint::Length(2), Constraint::Min(0)]).areas(inner);
    if s.ui.theme().accessible {
        // The real cursor where typing goes, instead of a drawn caret.
        let (before, _) = screen.query.split();
        let typed = Line::from(vec![Span::raw("Search: "), Span::raw(sanitize(screen.query.text(), false))]);
        f.render_widget(Paragraph::new(typed), input);
        let x = input.x + 8 + Line::raw(sanitize(before, false)).width() as u16;
        f.set_cursor_position((x.min(input.right().saturating_sub(1)), input.y));
    } else {
        f.render_widget(
            Paragraph::new(vec![Line::from(vec![
                Span::styled("> ", theme::title(s.ui.theme())),
                Span::raw(super::caret(&screen.query)),
            ])]),
            input,
        );
    }
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
        let prefix = format!("{}{:>3} {:<4} ", super::pointer(s, i == sel), level_text(s, h.question), h.field.label());
        let mut spans = vec![Span::styled(prefix.clone(), theme::dim(s.ui.theme()))];
        let label = if h.field == aira_core::search::Field::Id { String::new() } else { format!("{} ", q.id) };
        spans.push(Span::styled(label.clone(), Style::new().add_modifier(Modifier::BOLD)));
        // A note is someone's: say whose before its text.
        let whose = h
            .respondent
            .and_then(|p| s.session.assessment().respondents.get(p))
            .map(|r| format!("{}: ", sanitize(&r.name, false)))
            .unwrap_or_default();
        spans.push(Span::styled(whose.clone(), theme::dim(s.ui.theme())));
        let room = width.saturating_sub(prefix.len() + label.len() + Line::raw(whose.as_str()).width());
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
    // The real cursor stays in the query (typing goes there); `> ` marks the chosen hit.
    f.render_widget(Paragraph::new(lines), list);
}

/// One question's value in the heatmap's `view`, as the cell's header computes it: the
/// combined status (the agreed level, else the mean of every respondent's levels), never one
/// respondent's own level under a combined header.
fn view_value(s: &AppState, i: usize, view: HeatView) -> String {
    let status = s.session.scores().questions.get(i).copied().unwrap_or(Status::Unanswered);
    let current = match status {
        Status::Scored(m) => Some(m),
        Status::NotApplicable | Status::Unanswered => None,
    };
    let target = s.session.target(i);
    let value = match view {
        HeatView::Current | HeatView::Trend => current,
        HeatView::Target => target,
        HeatView::Gap => aira_core::scoring::gap(status, target),
        HeatView::Disagreement => s.session.question_spread(i).map(f64::from),
    };
    let id = &s.session.questionnaire().questions[i].id;
    match (view, status) {
        (HeatView::Current | HeatView::Trend, Status::NotApplicable) => "N/A".into(),
        (HeatView::Current | HeatView::Trend, _) if s.session.assessment().agreed.contains_key(id) => {
            format!("{} agreed", heatmap::value_text(view, value))
        }
        _ => heatmap::value_text(if view == HeatView::Trend { HeatView::Current } else { view }, value),
    }
}

pub fn cell(s: &AppState, f: &mut Frame, area: Rect, screen: &CellListScreen) {
    let (row, col, view) = (screen.row, screen.col, screen.view);
    f.render_widget(Clear, area);
    let (rows, cols) = s.session.heat_grid();
    let (phase, function) = (rows.get(row).copied().flatten(), cols.get(col).copied().flatten());
    let value = heatmap::cell_value(s, phase, function, view);
    // The rows show each question in the same view as the header; the trend has no
    // per-question baseline here, so its rows say they show the combined level now.
    let rows_show = if view == HeatView::Trend { "combined now" } else { view.title() };
    let title = format!(
        " {} × {} — {} {} (all respondents; agreed levels count) ",
        phase.map_or("Unassigned", |p| p.title()),
        function.map_or("Unassigned", |f| f.title()),
        view.title(),
        heatmap::value_text(view, value)
    );
    let block = super::frame(s.ui.theme(), title);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let members = &screen.members;
    let sel = screen.cursor.get(members.len());
    let mut lines = vec![Line::styled(format!("{rows_show:>12}  Question"), theme::dim(s.ui.theme()))];
    if members.is_empty() {
        lines.push(Line::styled("No questions in this cell", theme::dim(s.ui.theme())));
    }
    let list_h = usize::from(inner.height.saturating_sub(1));
    let mut focus = None;
    for i in window(sel, members.len(), list_h) {
        let q = &s.session.questionnaire().questions[members[i]];
        let text = format!(
            "{}{:>12}  {}  {}",
            super::pointer(s, i == sel),
            view_value(s, members[i], view),
            q.id,
            sanitize(&q.text, false)
        );
        let mut line = Line::raw(truncate(&text, inner.width as usize));
        if i == sel {
            line = line.style(theme::selected(s.ui.theme()));
            focus = Some(lines.len() as u16);
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
    super::focus(s, f, inner, focus);
}
