//! The navigator pane: the question tree with marks and per-branch progress.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::status::truncate;
use super::theme;
use crate::tui::layout::first_row;
use crate::tui::navigator::{Row, row_of_question, rows};
use crate::tui::screens::Screen;
use crate::tui::state::AppState;
use aira_core::assessment::Value;
use aira_core::text::sanitize;

/// The row that has the highlight: the selection when the navigator has the keys, else the
/// question at the cursor.
pub fn selected_row(s: &AppState, rows: &[Row]) -> usize {
    match s.ui.screen() {
        Some(Screen::Navigator(n)) => n.cursor.raw(),
        _ => row_of_question(rows, s.ui.cursor()),
    }
}

fn mark(s: &AppState, i: usize) -> (&'static str, Option<String>) {
    let q = &s.session.questionnaire().questions[i];
    let a = s.current_respondent().answer(&q.id);
    let flag = a.is_some_and(|a| a.flag);
    let value = match a.and_then(|a| a.value) {
        Some(Value::Level(l)) => Some(l.to_string()),
        Some(Value::NotApplicable) => Some("–".to_owned()),
        None => None,
    };
    (if flag { "⚑" } else { " " }, value)
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let focused = matches!(s.ui.screen(), Some(Screen::Navigator(_)));
    let title = format!(" {} ", s.ui.filter().label(&s.current_respondent().role));
    let block =
        super::frame(s.ui.theme(), title).border_style(if focused { theme::title(s.ui.theme()) } else { Style::new() });
    let inner = block.inner(area);
    f.render_widget(Clear, area);
    f.render_widget(block, area);
    let all = rows(s);
    let selected = selected_row(s, &all);
    let width = inner.width as usize;
    let start = first_row(selected, all.len(), inner.height as usize);
    let mut lines = Vec::new();
    let mut focus = None;
    if all.is_empty() {
        let all = s.ui.key_name(crate::tui::keymap::Context::Navigator, crate::tui::action::Action::FilterAll);
        lines.push(Line::styled(format!("No question matches the filter ({all} clears it)"), theme::dim(s.ui.theme())));
    }
    for (n, row) in all.iter().enumerate().skip(start).take(inner.height as usize) {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        let mut line = match row {
            Row::Phase(p, done, total) => {
                let name = p.map_or("Unassigned", |p| p.title());
                Line::styled(format!("{name} {done}/{total}"), bold)
            }
            Row::Function(_, func, done, total) => {
                Line::styled(format!(" {} {done}/{total}", func.map_or("Unassigned", |f| f.title())), bold)
            }
            Row::Question(i) => {
                let (flag, value) = mark(s, *i);
                let done = value.is_some();
                let level = value.unwrap_or_else(|| "·".to_owned());
                let q = &s.session.questionnaire().questions[*i];
                let text = truncate(&sanitize(&q.text, false), width.saturating_sub(7));
                let style = if done { theme::dim(s.ui.theme()) } else { Style::new() };
                Line::from(vec![Span::styled(format!("  {level:>1}{flag} "), bold), Span::styled(text, style)])
            }
        };
        if s.ui.theme().accessible {
            line.spans.insert(0, Span::raw(super::pointer(s, n == selected)));
        }
        if n == selected {
            line = line.style(theme::selected(s.ui.theme()));
            if focused {
                focus = Some(lines.len() as u16);
            }
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), inner);
    super::focus(s, f, inner, focus);
}
