//! Workshop mode: what a room full of people looks at on a projector. The question in large
//! type, each participant's level as it is entered, the consensus, and the heatmap; nothing
//! else.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::{heatmap, theme};
use crate::tui::state::{AppState, HeatView};
use aira_core::assessment::Value;
use aira_core::scoring::Status;
use aira_core::text::sanitize;

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let Some(q) = s.current_question() else { return };
    let people = s.session.assessment().respondents.len() as u16;
    let heat_h = s.session.heat_grid().0.len() as u16 + 3;
    let [question, levels, heat] =
        Layout::vertical([Constraint::Min(5), Constraint::Length(people + 4), Constraint::Length(heat_h)]).areas(area);
    let big = Style::new().add_modifier(Modifier::BOLD);
    // Blank lines around the text and wide margins stand in for a larger font.
    let text = vec![
        Line::styled(
            format!(
                "{} · {}",
                q.phase.map_or("Unassigned", |p| p.title()),
                q.function.map_or("Unassigned", |f| f.title())
            ),
            theme::dim(s.ui.theme()),
        ),
        Line::raw(""),
        Line::styled(sanitize(&q.text, false).into_owned(), big),
    ];
    let margin = question.width / 10;
    let inner = Rect { x: question.x + margin, width: question.width.saturating_sub(2 * margin), ..question };
    f.render_widget(Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }), inner);

    let sc = &s.session.questionnaire().scale;
    let mut lines = Vec::new();
    for (i, r) in s.session.assessment().respondents.iter().enumerate() {
        let level = match r.answer(&q.id).and_then(|a| a.value) {
            Some(Value::Level(l)) => format!("{l}  {}", sanitize(&sc.name(l), false)),
            Some(Value::NotApplicable) => "not applicable".to_owned(),
            None => "…".to_owned(),
        };
        let who =
            format!("{}{:<24}", if i == s.session.respondent_index() { "▶ " } else { "  " }, sanitize(&r.name, false));
        lines.push(Line::from(vec![Span::styled(who, big), Span::raw(level)]));
    }
    let consensus = match (s.session.assessment().agreed.get(&q.id), s.session.assessment().status(&q.id)) {
        (Some(Value::Level(l)), _) => format!("Agreed: {l} {}", sanitize(&sc.name(*l), false)),
        (Some(Value::NotApplicable), _) => "Agreed: not applicable".to_owned(),
        (None, Status::Scored(m)) => {
            format!("Mean {}   spread {}", theme::score_text(Some(m)), s.session.assessment().spread(&q.id))
        }
        (None, Status::NotApplicable) => "Not applicable".to_owned(),
        (None, Status::Unanswered) => "No levels yet".to_owned(),
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled(consensus, theme::title(s.ui.theme())));
    let block = Block::new().borders(Borders::TOP).title(" Participants ");
    f.render_widget(Paragraph::new(lines).block(block), levels);
    let cell_w = ((heat.width as usize).saturating_sub(14) / s.session.heat_grid().1.len().max(1)).clamp(6, 14);
    f.render_widget(Paragraph::new(heatmap::grid(s, HeatView::Current, None, heat.width >= 70, cell_w)), heat);
}
