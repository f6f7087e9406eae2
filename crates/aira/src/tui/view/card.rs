//! The question card: what is asked, how to judge it, and what has been answered.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::status::truncate;
use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::screens::Screen;
use crate::tui::state::AppState;
use aira_core::assessment::Value;
use aira_core::frameworks;
use aira_core::text::sanitize;

fn clean(s: &str) -> String {
    sanitize(s, true).into_owned()
}

/// The card's lines; wrapping is left to the Paragraph.
pub fn lines(s: &AppState, width: usize) -> Vec<Line<'static>> {
    let Some(q) = s.current_question() else { return vec![Line::raw("This questionnaire has no questions.")] };
    let c = s.ui.theme();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    let where_ =
        format!("{} · {}", q.phase.map_or("Unassigned", |p| p.title()), q.function.map_or("Unassigned", |f| f.title()));
    out.push(Line::from(vec![
        Span::styled(clean(&q.id), theme::title(c)),
        Span::raw("  "),
        Span::styled(where_, bold),
        Span::styled(
            format!("   {} of {}", s.ui.cursor() + 1, s.session.questionnaire().questions.len()),
            theme::dim(c),
        ),
    ]));
    for r in q.nist.iter().chain(&q.iso) {
        let title = frameworks::title(r).map(|t| format!(" {t}")).unwrap_or_default();
        out.push(Line::from(vec![
            Span::styled(format!("  {}", clean(r)), bold),
            Span::styled(clean(&title), theme::dim(c)),
        ]));
    }
    out.push(Line::raw(""));
    for l in clean(&q.text).lines() {
        out.push(Line::styled(l.to_owned(), bold));
    }
    out.push(Line::raw(""));
    let answer = s.current_answer();
    let level = answer.and_then(|a| a.level());
    let target = answer.and_then(|a| a.target).or_else(|| s.session.meta().target(&q.id));
    let sc = &s.session.questionnaire().scale;
    for v in sc.values() {
        let chosen = level == Some(v);
        let marker = if chosen { "▶" } else { " " };
        let tmark = if target == Some(v) { " ◎ target" } else { "" };
        let name = clean(&sc.name(v));
        // One row per level so the whole scale stays in view; the description gives way.
        let room = width.saturating_sub(name.chars().count() + tmark.chars().count() + 7);
        let desc = sc.level(v).map(|l| truncate(&clean(&l.description), room)).unwrap_or_default();
        let style = if chosen { theme::selected(c) } else { Style::new() };
        out.push(Line::from(vec![
            Span::styled(format!("{marker} {v} {name}"), style.add_modifier(Modifier::BOLD)),
            Span::styled(
                if desc.is_empty() { String::new() } else { format!(" — {desc}") },
                if chosen { style } else { theme::dim(c) },
            ),
            Span::styled(tmark.to_owned(), theme::highlight(c)),
        ]));
    }
    let na = answer.and_then(|a| a.value) == Some(Value::NotApplicable);
    out.push(Line::styled(
        format!("{} n Not applicable", if na { "▶" } else { " " }),
        if na { theme::selected(c) } else { Style::new() },
    ));
    out.push(Line::raw(""));
    let mut status = vec![Span::styled("Answer: ", bold)];
    status.push(Span::raw(match answer.and_then(|a| a.value) {
        Some(Value::Level(l)) => format!("{l} {}", clean(&sc.name(l))),
        Some(Value::NotApplicable) => "not applicable".into(),
        None => "not yet answered".into(),
    }));
    if let Some(t) = target {
        status.push(Span::raw(format!("   Target: {t}")));
    }
    if answer.is_some_and(|a| a.flag) {
        status.push(Span::styled("   ⚑ follow up", theme::warning(c)));
    }
    out.push(Line::from(status));
    if let Some(a) = answer.filter(|a| !a.log.is_empty()) {
        out.push(Line::styled("Interview log:", Style::new().add_modifier(Modifier::BOLD)));
        for e in a.log_in_order() {
            // "2026-11-22T10:05:13…" → "2026-11-22 10:05"
            let when: String = e.at.chars().take(16).map(|c| if c == 'T' { ' ' } else { c }).collect();
            out.push(Line::from(vec![
                Span::styled(format!("  {} ", clean(&when)), theme::dim(c)),
                Span::raw(clean(&e.text)),
            ]));
        }
    }
    consensus(s, &q.id, &mut out);
    if let Some(a) = answer.filter(|a| !a.evidence.is_empty()) {
        out.push(Line::raw(format!(
            "Evidence: {}",
            a.evidence.iter().map(|e| clean(e)).collect::<Vec<_>>().join("; ")
        )));
    }
    if !matches!(s.ui.screen(), Some(Screen::Note(_))) {
        match answer.map(|a| a.note.as_str()).filter(|n| !n.is_empty()) {
            Some(note) => {
                out.push(Line::styled("Note:", bold));
                for l in clean(note).lines() {
                    out.push(Line::raw(format!("  {l}")));
                }
            }
            None => out.push(Line::styled(
                format!("No note yet ({} to write one)", s.ui.key_name(Context::Normal, Action::EditNote)),
                theme::dim(c),
            )),
        }
    }
    if !q.guidance.is_empty() {
        out.push(Line::raw(""));
        for l in clean(&q.guidance).lines() {
            out.push(Line::styled(l.to_owned(), theme::dim(c)));
        }
    }
    if !q.evidence.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled("Evidence to ask for:", bold));
        for e in &q.evidence {
            out.push(Line::styled(format!("  • {}", clean(e)), theme::dim(c)));
        }
    }
    out
}

/// With several respondents: each one's level, the spread, and the agreed level.
fn consensus(s: &AppState, qid: &str, out: &mut Vec<Line<'static>>) {
    let levels = s.session.assessment().levels(qid);
    if s.session.assessment().respondents.len() < 2 || levels.is_empty() {
        return;
    }
    let each: Vec<String> = levels
        .iter()
        .map(|(r, v)| {
            let v = match v {
                Value::Level(l) => l.to_string(),
                Value::NotApplicable => "N/A".to_owned(),
            };
            format!("{} {v}", clean(&r.name))
        })
        .collect();
    let spread = s.session.assessment().spread(qid);
    let agreed = match s.session.assessment().agreed.get(qid) {
        Some(Value::Level(l)) => format!("agreed {l}"),
        Some(Value::NotApplicable) => "agreed N/A".to_owned(),
        None => "no agreed level yet".to_owned(),
    };
    let style = if spread >= super::heatmap::STRONG_SPREAD { theme::warning(s.ui.theme()) } else { Style::new() };
    out.push(Line::from(vec![
        Span::styled("Respondents: ", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(each.join(" · ")),
        Span::styled(format!("   spread {spread}"), style),
        Span::raw(format!("   {agreed}")),
    ]));
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let title = format!(" {} ", clean(&s.session.questionnaire().title));
    let block = super::frame(s.ui.theme(), title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let p = Paragraph::new(lines(s, width)).block(block).wrap(Wrap { trim: false }).scroll((s.ui.card_scroll(), 0));
    f.render_widget(p, area);
    // The question (its id line, first on the card) is what has the focus.
    super::focus(s, f, inner, Some(0));
}
