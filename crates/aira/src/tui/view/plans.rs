//! The roadmap and Statement of Applicability screens.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::status::truncate;
use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::layout::first_row;
use crate::tui::screens::{RoadmapField, RoadmapScreen, SoaScreen};
use crate::tui::state::AppState;
use aira_core::report::model::Applicability;
use aira_core::scoring::roadmap::Term;
use aira_core::text::sanitize;

pub fn roadmap(s: &AppState, f: &mut Frame, area: Rect, screen: &RoadmapScreen) {
    f.render_widget(Clear, area);
    let block = super::frame(s.ui.theme(), " Roadmap — biggest weighted gaps first, foundations (Plan) early ");
    let inner = block.inner(area);
    f.render_widget(block, area);
    let items = &screen.items;
    let selected = screen.cursor.raw();
    let width = inner.width as usize;
    let height = inner.height as usize;
    // A heading before each horizon's first item; only the rows on screen are formatted (at
    // 10,000 questions the roadmap has thousands).
    let mut rows: Vec<Row> = Vec::with_capacity(items.len() + 3);
    for (n, (t, _)) in items.iter().enumerate() {
        if n == 0 || items[n - 1].0 != *t {
            rows.push(Row::Heading(*t));
        }
        rows.push(Row::Item(n));
    }
    let line = |row: &Row| match *row {
        Row::Heading(t) => Line::styled(t.label().to_owned(), theme::title(s.ui.theme())),
        Row::Item(n) => {
            let item = &items[n].1;
            let q = &s.session.questionnaire().questions[item.index];
            let weight = if item.weight == 1.0 { String::new() } else { format!(" ×{}", item.weight) };
            let d = aira_core::number::one_decimal;
            let head = format!("  {:>4} → {:<4} gap {}{weight}  ", d(item.current), d(item.target), d(item.gap));
            // Who owns it and when it is due, before the text (which is cut to fit).
            let who = s.session.meta().roadmap_entry(&q.id).map_or_else(String::new, |e| {
                let owner =
                    if e.owner.is_empty() { "no owner".to_owned() } else { sanitize(&e.owner, false).into_owned() };
                let due = e.due.map_or_else(|| "no date".to_owned(), |d| format!("due {d}"));
                format!("[{owner}, {due}]  ")
            });
            let text = format!("{who}{}  {}", q.id, sanitize(&q.text, false));
            let text = truncate(&text, width.saturating_sub(head.chars().count()));
            let l = Line::from(vec![Span::styled(head, Style::new().add_modifier(Modifier::BOLD)), Span::raw(text)]);
            if n == selected { l.style(theme::selected(s.ui.theme())) } else { l }
        }
    };
    // What is being typed takes the frame's last two rows.
    let typing = screen.typing.as_ref().map(|(field, t)| {
        let (keep, cancel) =
            (s.ui.key_name(Context::Input, Action::Submit), s.ui.key_name(Context::Input, Action::Cancel));
        let what = match field {
            RoadmapField::Owner => "Who owns this action?",
            RoadmapField::Due => "When is it due? (YYYY-MM-DD)",
        };
        vec![
            Line::styled(
                format!("{what} ({keep} keeps it, {cancel} cancels; empty clears)"),
                theme::title(s.ui.theme()),
            ),
            Line::raw(format!("> {}", super::caret(t))),
        ]
    });
    let height = height.saturating_sub(typing.as_ref().map_or(0, Vec::len));
    let sel_line = rows.iter().position(|r| *r == Row::Item(selected)).unwrap_or(0);
    let start = first_row(sel_line, rows.len(), height);
    let mut shown: Vec<Line> = rows.iter().skip(start).take(height).map(line).collect();
    if items.is_empty() {
        shown.push(Line::styled(
            "No gaps: every answered question meets its target (or none has both a level and a target).".to_owned(),
            theme::dim(s.ui.theme()),
        ));
    }
    if let Some(lines) = typing {
        shown.resize(height, Line::raw(""));
        shown.extend(lines);
    }
    f.render_widget(Paragraph::new(shown), inner);
    if !items.is_empty() {
        super::focus(s, f, inner, Some(sel_line.saturating_sub(start) as u16));
    }
}

/// A roadmap row: a horizon's heading, or the item at this index.
#[derive(Clone, Copy, PartialEq)]
enum Row {
    Heading(Term),
    Item(usize),
}

/// Column widths of the SoA list: control id, decision, status; the title takes the rest. The
/// heading is laid out from the same widths so each name sits over its column.
const SOA_COLS: (usize, usize, usize) = (8, 7, 15);

pub fn soa(s: &AppState, f: &mut Frame, area: Rect, screen: &SoaScreen) {
    f.render_widget(Clear, area);
    let rows = &screen.rows;
    let selected = screen.cursor.get(rows.len());
    // The list's rows: the inner height less the heading line and the 4-line detail.
    let height = area.height.saturating_sub(2 + 1 + 4) as usize;
    let start = first_row(selected, rows.len(), height.max(1));
    let shown = rows.len().saturating_sub(start).min(height);
    let position = if shown == 0 {
        " 0 of 0 ".to_owned()
    } else {
        format!(" {}–{} of {} ", start + 1, start + shown, rows.len())
    };
    let block = super::frame(s.ui.theme(), " Statement of Applicability — ISO/IEC 42001 Annex A ")
        .title_top(Line::from(position).right_aligned());
    let inner = block.inner(area);
    f.render_widget(block, area);
    let [heading, list, detail] =
        Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(4)]).areas(inner);
    let (cw, dw, sw) = SOA_COLS;
    let names = format!("{:<cw$} {:<dw$}  {:<sw$}  Title", "Control", "Applies", "Status");
    f.render_widget(Paragraph::new(truncate(&names, inner.width as usize)).style(theme::dim(s.ui.theme())), heading);
    let width = list.width as usize;
    let mut lines = Vec::new();
    for (n, r) in rows.iter().enumerate().skip(start).take(height) {
        let decision = match r.applicability {
            Applicability::Applicable => "yes",
            Applicability::NotApplicable => "NO ",
            Applicability::Undecided => " ? ",
        };
        let head = format!("{:<cw$} {decision:<dw$}  {:<sw$}  ", r.control, r.status_label());
        let title = truncate(&sanitize(&r.title, false), width.saturating_sub(head.chars().count()));
        let mut line =
            Line::from(vec![Span::styled(head, Style::new().add_modifier(Modifier::BOLD)), Span::raw(title)]);
        if n == selected {
            line = line.style(theme::selected(s.ui.theme()));
        }
        lines.push(line);
    }
    f.render_widget(Paragraph::new(lines), list);
    if !rows.is_empty() {
        super::focus(s, f, list, Some(selected.saturating_sub(start) as u16));
    }
    let Some(r) = rows.get(selected) else { return };
    let key = |ctx, a| s.ui.key_name(ctx, a);
    let select = key(Context::Soa, Action::Select);
    let cited = match r.questions.len() {
        0 => format!("No question cites {}.", r.control),
        1 => format!("1 question cites {}; {select} jumps to it.", r.control),
        n => format!("{n} questions cite {}; {select} jumps to the first.", r.control),
    };
    let (yes, no) = (key(Context::Soa, Action::MarkApplicable), key(Context::Soa, Action::NotApplicable));
    let owner_key = key(Context::Soa, Action::SetOwner);
    let mut d = vec![Line::styled(
        format!("{cited} {yes} applicable · {no} not applicable (asks why) · {owner_key} owner"),
        theme::dim(s.ui.theme()),
    )];
    let (keep, cancel) = (key(Context::Input, Action::Submit), key(Context::Input, Action::Cancel));
    let typed = match (&screen.typing, &screen.owner) {
        (Some(t), _) => Some((format!("Why does this control not apply? ({keep} keeps it, {cancel} cancels)"), t)),
        // The owner prompt opens on an undecided control only to catch what is typed.
        (None, Some(t)) if r.applicability == Applicability::Undecided => {
            Some((format!("Undecided: decide whether it applies first ({cancel} leaves)"), t))
        }
        (None, Some(t)) => {
            Some((format!("Who owns this control? (empty: nobody; {keep} keeps it, {cancel} cancels)"), t))
        }
        (None, None) => None,
    };
    match &typed {
        Some((ask, t)) => {
            d.push(Line::styled(ask.clone(), theme::title(s.ui.theme())));
            if s.ui.theme().accessible {
                // No drawn caret: the real cursor where typing goes (set after the draw below).
                d.push(Line::raw(format!("> {}", sanitize(t.text(), false))));
            } else {
                d.push(Line::raw(format!("> {}", super::caret(t))));
            }
        }
        None => {
            match r.applicability {
                Applicability::NotApplicable => {
                    d.push(Line::raw(format!("Not applicable: {}", sanitize(r.justification_shown(), false))))
                }
                Applicability::Undecided => {
                    d.push(Line::raw("Undecided: nobody has decided whether this control applies."))
                }
                Applicability::Applicable if r.unjustified() => {
                    d.push(Line::raw("Applicable, but no justification given."))
                }
                Applicability::Applicable => {
                    d.push(Line::raw(format!("Applicable: {}", sanitize(&r.justification, false))))
                }
            }
            if r.applicability != Applicability::Undecided {
                d.push(Line::raw(format!("Owner: {}", sanitize(r.owner_shown(), false))));
            }
        }
    }
    let caret_row = d.len().saturating_sub(1) as u16;
    f.render_widget(Paragraph::new(d), detail);
    if let Some((_, t)) = typed.filter(|_| s.ui.theme().accessible) {
        let col = 2 + Line::raw(sanitize(t.split().0, false)).width() as u16;
        let (x, y) = (detail.x + col, detail.y + caret_row);
        if y < detail.bottom() {
            f.set_cursor_position((x.min(detail.right().saturating_sub(1)), y));
        }
    }
}
