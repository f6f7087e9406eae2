//! The help screen, generated from the keymap: it lists the keys bound right now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use super::theme;
use crate::tui::keymap::Context;
use crate::tui::state::AppState;

pub fn lines(s: &AppState) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for (ctx, title) in [
        (Context::Normal, "On the question card"),
        (Context::Heatmap, "In the heatmap"),
        (Context::List, "In lists and search"),
        (Context::Navigator, "In the navigator"),
        (Context::Soa, "In the Statement of Applicability"),
        (Context::Help, "Here"),
    ] {
        out.push(Line::styled(title.to_owned(), theme::title(s.theme)));
        for (action, keys) in s.keymap.bindings(ctx) {
            if keys.is_empty() {
                continue;
            }
            let k = keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
            out.push(Line::from(vec![
                Span::styled(format!("  {k:<18}"), Style::new().add_modifier(Modifier::BOLD)),
                Span::raw(action.help().to_owned()),
            ]));
        }
        out.push(Line::raw(""));
    }
    out.push(Line::styled(
        "Every change is saved the moment you make it; the status bar says when it is on disk.".to_owned(),
        theme::dim(s.theme),
    ));
    out
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect, scroll: u16) {
    f.render_widget(Clear, area);
    let block = Block::new().borders(Borders::ALL).title(" Help — keys bound now ");
    f.render_widget(Paragraph::new(lines(s)).block(block).wrap(Wrap { trim: false }).scroll((scroll, 0)), area);
}
