//! The roadmap and Statement of Applicability screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::status::truncate;
use super::theme;
use crate::text::sanitize;
use crate::tui::state::AppState;
use crate::tui::update::plans::{roadmap_items, soa_rows};
use crate::tui::view::navigator::first_row;

pub fn roadmap(s: &AppState, f: &mut Frame, area: Rect, selected: usize) {
    f.render_widget(Clear, area);
    let block =
        Block::new().borders(Borders::ALL).title(" Roadmap — biggest weighted gaps first, foundations (Plan) early ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let items = roadmap_items(s);
    let width = inner.width as usize;
    let mut lines: Vec<(Option<usize>, Line<'static>)> = Vec::new();
    let mut term = None;
    for (n, (t, item)) in items.iter().enumerate() {
        if term != Some(*t) {
            lines.push((None, Line::styled(t.label().to_owned(), theme::title(s.theme))));
            term = Some(*t);
        }
        let q = &s.questionnaire.questions[item.index];
        let head = format!(
            "  {:>4.1} → {:<4.1} gap {:.1}{}  ",
            item.current,
            item.target,
            item.gap,
            if item.weight == 1.0 { String::new() } else { format!(" ×{}", item.weight) }
        );
        let text =
            truncate(&format!("{}  {}", q.id, sanitize(&q.text, false)), width.saturating_sub(head.chars().count()));
        lines.push((
            Some(n),
            Line::from(vec![Span::styled(head, Style::new().add_modifier(Modifier::BOLD)), Span::raw(text)]),
        ));
    }
    if items.is_empty() {
        lines.push((
            None,
            Line::styled(
                "No gaps: every answered question meets its target (or none has both a level and a target).".to_owned(),
                theme::dim(s.theme),
            ),
        ));
    }
    let sel_line = lines.iter().position(|(n, _)| *n == Some(selected)).unwrap_or(0);
    let start = first_row(sel_line, lines.len(), inner.height as usize);
    let shown: Vec<Line> = lines
        .into_iter()
        .skip(start)
        .take(inner.height as usize)
        .map(|(n, l)| if n == Some(selected) { l.style(theme::selected(s.theme)) } else { l })
        .collect();
    f.render_widget(Paragraph::new(shown), inner);
}

pub fn soa(s: &AppState, f: &mut Frame, area: Rect, selected: usize, typing: Option<&str>) {
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(" Statement of Applicability — ISO/IEC 42001 Annex A ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [list, detail] = Layout::vertical([Constraint::Min(3), Constraint::Length(4)]).areas(inner);
    let rows = soa_rows(s);
    let width = list.width as usize;
    let start = first_row(selected, rows.len(), list.height as usize);
    let mut lines = Vec::new();
    for (n, r) in rows.iter().enumerate().skip(start).take(list.height as usize) {
        let decision = if r.applicable { "yes" } else { "NO " };
        let head = format!("{:<8} {decision}  {:<15}  ", r.control, r.status_label());
        let title = truncate(&sanitize(&r.title, false), width.saturating_sub(head.chars().count()));
        let mut line =
            Line::from(vec![Span::styled(head, Style::new().add_modifier(Modifier::BOLD)), Span::raw(title)]);
        if n == selected {
            line = line.style(theme::selected(s.theme));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), list);
    let Some(r) = rows.get(selected) else { return };
    let mut d = vec![Line::styled(
        format!(
            "{} questions cite {}; Enter jumps to the first. y applicable · n not applicable (asks why)",
            r.questions.len(),
            r.control
        ),
        theme::dim(s.theme),
    )];
    match typing {
        Some(t) => {
            d.push(Line::styled(
                "Why does this control not apply? (Enter keeps it, Esc cancels)".to_owned(),
                theme::title(s.theme),
            ));
            d.push(Line::raw(format!("> {}▏", sanitize(t, false))));
        }
        None if !r.applicable => {
            d.push(Line::raw(format!("Not applicable: {}", sanitize(&r.justification, false))));
        }
        None => {}
    }
    f.render_widget(Paragraph::new(d), detail);
}
