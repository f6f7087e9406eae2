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
use aira_core::assessment::{Answer, Value};
use aira_core::frameworks;
use aira_core::questionnaire::Question;
use aira_core::text::sanitize;

fn clean(s: &str) -> String {
    sanitize(s, true).into_owned()
}

/// The card's lines (wrapping is left to the Paragraph) and the one with the focus: the level answered (N/A's line for not
/// applicable), else the scale's first level; the first line when there is no scale.
fn lines_and_focus(s: &AppState, width: usize) -> (Vec<Line<'static>>, usize) {
    let Some(q) = s.current_question() else { return (vec![Line::raw("This questionnaire has no questions.")], 0) };
    let c = s.ui.theme();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    // A classification sits on no cell of the grid: say what it is instead of "Unassigned".
    let where_ = if q.is_classification() {
        "Classification".to_owned()
    } else {
        format!("{} · {}", q.phase.map_or("Unassigned", |p| p.title()), q.function.map_or("Unassigned", |f| f.title()))
    };
    out.extend(super::wrap::phrases(
        width,
        vec![
            Span::styled(clean(&q.id), theme::title(c)),
            Span::raw("  "),
            Span::styled(where_, bold),
            Span::styled(
                match crate::tui::navigator::place(s, s.ui.cursor()) {
                    (Some(k), n) => format!("   {k} of {n}"),
                    (None, n) => format!("   outside the walk ({n} questions)"),
                },
                theme::dim(c),
            ),
        ],
    ));
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
    // The scoring room's target (engagement targets are whole levels; the default is one too).
    let target = s
        .session
        .questionnaire()
        .index_of(&q.id)
        .and_then(|i| s.session.target(i))
        .and_then(|t| u8::try_from(aira_core::number::whole(t)).ok());
    let mut focus = 0;
    if q.is_classification() {
        classification(s, answer, &mut out);
    } else {
        let sc = &s.session.questionnaire().scale;
        focus = out.len()
            + match answer.and_then(|a| a.value) {
                Some(Value::Level(l)) => sc.values().position(|v| v == l).unwrap_or(0),
                Some(Value::NotApplicable) => sc.values().count(),
                None => 0,
            };
        scale(s, answer, target, width, &mut out);
    }
    rest(s, q, answer, width, &mut out);
    (out, focus)
}

/// The scale, one row per level, then the answer, the target and the flag.
fn scale(s: &AppState, answer: Option<&Answer>, target: Option<u8>, width: usize, out: &mut Vec<Line<'static>>) {
    let (c, bold) = (s.ui.theme(), Style::new().add_modifier(Modifier::BOLD));
    let level = answer.and_then(|a| a.level());
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
    flag(s, answer, &mut status);
    out.push(Line::from(status));
}

/// Below the answer: the interview log, the respondents, evidence, the note and the guidance.
fn rest(s: &AppState, q: &Question, answer: Option<&Answer>, width: usize, out: &mut Vec<Line<'static>>) {
    let (c, bold) = (s.ui.theme(), Style::new().add_modifier(Modifier::BOLD));
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
    consensus(s, &q.id, out);
    super::evidence::lines(s, answer, width, out);
    if !matches!(s.ui.screen(), Some(Screen::Note(_))) {
        match answer.map(|a| a.note.as_str()).filter(|n| !n.is_empty()) {
            Some(note) => {
                out.push(Line::styled("Note:", bold));
                for l in clean(note).lines() {
                    out.extend(super::wrap::hanging("  ", "  ", l, width).into_iter().map(Line::raw));
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
            let bullet = super::wrap::hanging("  • ", "    ", &clean(e), width);
            out.extend(bullet.into_iter().map(|l| Line::styled(l, theme::dim(c))));
        }
    }
}

fn flag(s: &AppState, answer: Option<&Answer>, status: &mut Vec<Span<'static>>) {
    if answer.is_some_and(|a| a.flag) {
        status.push(Span::styled("   ⚑ follow up", theme::warning(s.ui.theme())));
    }
}

/// A classification card: a fact with a yes/no answer (0 no, 1 yes, N/A "not sure"), the
/// keys that give it, and what the answer does to the walk (docs/eu-ai-act.md, rule 3).
fn classification(s: &AppState, answer: Option<&Answer>, out: &mut Vec<Line<'static>>) {
    let value = answer.and_then(|a| a.value);
    let c = s.ui.theme();
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let key = |a| s.ui.key_name(Context::Normal, a);
    let choices = [
        (Action::Level1, "Yes", Some(Value::Level(1))),
        (Action::Level0, "No", Some(Value::Level(0))),
        (Action::NotApplicable, "Not sure", Some(Value::NotApplicable)),
    ];
    for (action, name, v) in choices {
        // A hand-edited level above 1 reads as yes (rule 2.2/2.3), so it marks "Yes".
        let chosen = value == v || (v == Some(Value::Level(1)) && matches!(value, Some(Value::Level(l)) if l > 1));
        let style = if chosen { theme::selected(c) } else { Style::new() };
        out.push(Line::styled(
            format!("{} {} {name}", if chosen { "▶" } else { " " }, key(action)),
            style.add_modifier(Modifier::BOLD),
        ));
    }
    out.push(Line::raw(""));
    let mut status = vec![
        Span::styled("Answer: ", bold),
        Span::raw(match value {
            Some(Value::Level(0)) => "no",
            Some(Value::Level(_)) => "yes",
            Some(Value::NotApplicable) => "not sure",
            None => "not yet answered",
        }),
    ];
    flag(s, answer, &mut status);
    out.push(Line::from(status));
    out.push(Line::styled(
        "Not scored. The questions that depend on it leave the walk once it is answered no.",
        theme::dim(c),
    ));
}

/// With several respondents: each one's level, the spread, and the agreed level with its
/// rationale (worded as the reports word it); an agreed level is shown even with one.
fn consensus(s: &AppState, qid: &str, out: &mut Vec<Line<'static>>) {
    let levels = s.session.assessment().levels(qid);
    let agreed = aira_core::report::consensus::agreed_line(s.session.assessment(), qid);
    if (s.session.assessment().respondents.len() < 2 || levels.is_empty()) && agreed.is_none() {
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
    let agreed = agreed.map_or_else(|| "no agreed level yet".to_owned(), |l| clean(&l));
    let style = if spread >= aira_core::scoring::STRONG_SPREAD { theme::warning(s.ui.theme()) } else { Style::new() };
    out.push(Line::from(vec![
        Span::styled("Respondents: ", Style::new().add_modifier(Modifier::BOLD)),
        Span::raw(each.join(" · ")),
        Span::styled(format!("   range {spread}"), style),
        Span::raw(format!("   {agreed}")),
    ]));
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let title = format!(" {} ", clean(&s.session.questionnaire().title));
    let block = super::frame(s.ui.theme(), title);
    let inner = block.inner(area);
    let width = inner.width as usize;
    let (lines, focus) = lines_and_focus(s, width);
    // The screen row of the focused line: the rows the lines above it wrap to, less the scroll.
    let rows: usize = lines[..focus.min(lines.len())]
        .iter()
        .map(|l| {
            let text: String = l.spans.iter().map(|sp| sp.content.as_ref()).collect();
            if l.width() <= width { 1 } else { super::wrap::hanging("", "", &text, width).len() }
        })
        .sum();
    let row = rows.checked_sub(usize::from(s.ui.card_scroll())).and_then(|r| u16::try_from(r).ok());
    let p = Paragraph::new(lines).block(block).wrap(Wrap { trim: false }).scroll((s.ui.card_scroll(), 0));
    f.render_widget(p, area);
    // The level line is what has the focus (a level key changes it): the real cursor there.
    super::focus(s, f, inner, row);
}
