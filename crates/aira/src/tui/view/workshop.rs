//! Workshop mode: what a room looks at on a projector. The question in large type, what each
//! level means, each participant's level (hidden as "voted" until the facilitator reveals
//! when the room votes from phones), the spread as a range, the agreed level; with voting
//! open, the link and its QR code beside it when the window has room.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::AppState;
use aira_core::assessment::Value;
use aira_core::questionnaire::Question;
use aira_core::text::sanitize;
use aira_vote::Level;

/// Columns the question, levels and people need beside the QR code.
const MAIN_MIN_WIDTH: u16 = 60;

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let Some(q) = s.current_question() else { return };
    let qr = s.room.qr();
    let (qr_w, qr_h) = (qr.first().map_or(0, |l| l.chars().count()) as u16, qr.len() as u16);
    let fits = !qr.is_empty() && area.width >= qr_w + 2 + MAIN_MIN_WIDTH && area.height >= qr_h + 4;
    let main = if fits {
        let [main, side] = Layout::horizontal([Constraint::Fill(1), Constraint::Length(qr_w + 2)]).areas(area);
        draw_qr(s, f, side, qr);
        main
    } else {
        area
    };
    let mut top = Vec::new();
    if let Some(url) = s.room.url() {
        top.push(Line::from(vec![
            Span::styled("Vote at ", theme::dim(s.ui.theme())),
            Span::styled(url.to_owned(), Style::new().add_modifier(Modifier::BOLD)),
        ]));
        if !fits && !qr.is_empty() {
            top.push(Line::styled(
                format!(
                    "(the QR code needs a bigger window: at least {}×{})",
                    qr_w + 2 + MAIN_MIN_WIDTH,
                    qr_h + 4 + (f.area().height - area.height)
                ),
                theme::dim(s.ui.theme()),
            ));
        }
    }
    let width = usize::from(main.width);
    let q_h = question_height(q, main.width);
    // The agreed level's reason wraps when the screen has the rows for it; else one line, cut.
    let people_rows = people_lines(s, q, main.width, u16::MAX).len() as u16;
    let wrapped = result_lines(s, q, width, true);
    let tight = top.len() as u16 + q_h + 2 + wrapped.len() as u16 + level_lines(s, width, false).len() as u16;
    let result = if tight + people_rows <= main.height { wrapped } else { result_lines(s, q, width, false) };
    // The level definitions wrap under their text when the screen has the rows for them and
    // every participant; otherwise each is one line, cut with an ellipsis.
    let others = top.len() as u16 + q_h + 1 + 1 + result.len() as u16;
    let wrapped = level_lines(s, width, true);
    let levels =
        if others + wrapped.len() as u16 + people_rows <= main.height { wrapped } else { level_lines(s, width, false) };
    let fixed = others + levels.len() as u16;
    let people = people_lines(s, q, main.width, main.height.saturating_sub(fixed));
    let [link, question, defs, room, outcome, _] = Layout::vertical([
        Constraint::Length(top.len() as u16),
        Constraint::Length(q_h),
        Constraint::Length(levels.len() as u16 + 1),
        Constraint::Length(people.len() as u16 + 1),
        Constraint::Length(result.len() as u16),
        // What is left stays below everything: nothing gapes in the middle of the screen.
        Constraint::Fill(1),
    ])
    .areas(main);
    f.render_widget(Paragraph::new(top), link);
    draw_question(s, f, question, q);
    f.render_widget(section(s, "Levels", levels), defs);
    f.render_widget(section(s, "Participants", people), room);
    f.render_widget(Paragraph::new(result), outcome);
}

/// A titled part of the view: a rule with the title, or in accessible mode the title alone
/// on its line (no box drawing for a screen reader to read out).
fn section(s: &AppState, title: &str, lines: Vec<Line<'static>>) -> Paragraph<'static> {
    if s.ui.theme().accessible {
        let mut all = vec![Line::styled(format!("{title}:"), Style::new().add_modifier(Modifier::BOLD))];
        all.extend(lines);
        Paragraph::new(all)
    } else {
        Paragraph::new(lines).block(Block::new().borders(Borders::TOP).title(format!(" {title} ")))
    }
}

fn draw_qr(s: &AppState, f: &mut Frame, area: Rect, qr: &[String]) {
    // Light modules on a dark ground, as `qr_lines` draws them, whatever the theme.
    let ink = Style::new().fg(ratatui::style::Color::White).bg(ratatui::style::Color::Black);
    let mut lines = vec![Line::styled("Scan to vote".to_owned(), theme::title(s.ui.theme()))];
    lines.extend(qr.iter().map(|l| Line::styled(l.clone(), ink)));
    f.render_widget(Paragraph::new(lines).alignment(Alignment::Center), area);
}

/// The question, centred with wide margins and blank lines: a projector's "large type".
fn draw_question(s: &AppState, f: &mut Frame, area: Rect, q: &Question) {
    let (i, n) = (s.ui.cursor() + 1, s.session.questionnaire().questions.len());
    let text = vec![
        Line::styled(
            format!(
                "{} · {}   question {i} of {n}",
                q.phase.map_or("Unassigned", |p| p.title()),
                q.function.map_or("Unassigned", |f| f.title())
            ),
            theme::dim(s.ui.theme()),
        ),
        Line::raw(""),
        Line::styled(sanitize(&q.text, false).into_owned(), Style::new().add_modifier(Modifier::BOLD)),
    ];
    let margin = area.width / 10;
    let inner = Rect { x: area.x + margin, y: area.y + 1, width: area.width.saturating_sub(2 * margin), ..area };
    // The card's scroll keys work here too (the help says so): a long question in large type
    // scrolls like the card.
    let para =
        Paragraph::new(text).alignment(Alignment::Center).wrap(Wrap { trim: true }).scroll((s.ui.card_scroll(), 0));
    f.render_widget(para, Rect { height: area.height.saturating_sub(1), ..inner });
}

/// Rows the question needs at this width: a blank, its heading, a blank, the wrapped text
/// (counted generously: words wrap before the edge), a blank.
fn question_height(q: &Question, width: u16) -> u16 {
    let w = usize::from((width - width / 5).max(10));
    let text = unicode_width::UnicodeWidthStr::width(sanitize(&q.text, false).as_ref());
    (text * 6 / 5).div_ceil(w).max(1) as u16 + 4
}

/// Each level's number, name and what it means: wrapped under the meaning (`wrap`), or one
/// line each, cut at the edge with an ellipsis.
fn level_lines(s: &AppState, width: usize, wrap: bool) -> Vec<Line<'static>> {
    let sc = &s.session.questionnaire().scale;
    let bold = Style::new().add_modifier(Modifier::BOLD);
    let mut out = Vec::new();
    for v in sc.values() {
        let desc = sc.level(v).map(|l| sanitize(&l.description, false).into_owned()).unwrap_or_default();
        let head = format!(" {v}  {:<14}", sanitize(&sc.name(v), false));
        let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(head.as_str()));
        let rows = if wrap {
            super::wrap::hanging(&indent, &indent, &desc, width)
        } else {
            vec![format!("{indent}{}", cut(&desc, width.saturating_sub(indent.len())))]
        };
        for (i, row) in rows.into_iter().enumerate() {
            let text = row.get(indent.len()..).unwrap_or_default().to_owned();
            let lead = if i == 0 { Span::styled(head.clone(), bold) } else { Span::raw(indent.clone()) };
            out.push(Line::from(vec![lead, Span::raw(text)]));
        }
    }
    out
}

/// `text` in at most `width` columns, ending in `…` when it had to be cut.
fn cut(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

fn level_text(s: &AppState, v: Value) -> String {
    match v {
        Value::Level(l) => format!("{l}  {}", sanitize(&s.session.questionnaire().scale.name(l), false)),
        Value::NotApplicable => "not applicable".to_owned(),
    }
}

fn value_of(level: Level) -> Value {
    match level {
        Level::Value(v) => Value::Level(v),
        Level::NotApplicable => Value::NotApplicable,
    }
}

/// With voting open: the room's participants, "voted" or "voting…" until revealed. Otherwise
/// the respondents and their levels as they are typed. (a heading, then (who, what) rows)
fn people(s: &AppState, q: &Question) -> (Option<String>, Vec<(String, String)>) {
    if s.room.is_open() {
        let voted = s.room.votes_on(&q.id).count();
        let head = format!("  {} joined · {voted} voted on this question", s.room.joined().len());
        let mut rows = Vec::new();
        for (id, name) in s.room.joined() {
            let what = match (s.room.vote_of(id, &q.id), s.room.revealed()) {
                (Some(l), true) => level_text(s, value_of(l)),
                (Some(_), false) => "voted ✓".to_owned(),
                (None, _) => "voting…".to_owned(),
            };
            rows.push((name.clone(), what));
        }
        if rows.is_empty() {
            rows.push(("nobody yet: open the link on a phone".to_owned(), String::new()));
        }
        return (Some(head), rows);
    }
    let rows = s.session.assessment().respondents.iter().map(|r| {
        let what = r.answer(&q.id).and_then(|a| a.value).map_or("voting…".to_owned(), |v| level_text(s, v));
        (r.name.clone(), what)
    });
    (None, rows.collect())
}

/// The rows in as many columns as it takes to fit `height` rows (a room of 12 at 80×24), each
/// name cut to its column; what still does not fit is counted on the last line.
fn people_lines(s: &AppState, q: &Question, width: u16, height: u16) -> Vec<Line<'static>> {
    let (head, rows) = people(s, q);
    let mut out: Vec<Line<'static>> = head.map(|h| Line::styled(h, theme::dim(s.ui.theme()))).into_iter().collect();
    let height = usize::from(height).saturating_sub(out.len()).max(1);
    let max_cols = usize::from(width / 34).max(1);
    let cols = rows.len().div_ceil(height).clamp(1, max_cols);
    let per_col = rows.len().div_ceil(cols);
    let col_w = usize::from(width) / cols;
    let name_w = col_w.saturating_sub(18).clamp(8, 26);
    let big = Style::new().add_modifier(Modifier::BOLD);
    let shown = (per_col.min(height) * cols).min(rows.len());
    for r in 0..per_col.min(height) {
        let mut spans = Vec::new();
        for c in 0..cols {
            let Some((who, what)) = rows.get(c * per_col + r) else { continue };
            let who: String = sanitize(who, false).chars().take(name_w).collect();
            let pad = name_w.saturating_sub(unicode_width::UnicodeWidthStr::width(who.as_str()));
            spans.push(Span::styled(format!("  {who}{} ", " ".repeat(pad)), big));
            let what: String = what.chars().take(col_w.saturating_sub(name_w + 3)).collect();
            let rest = col_w.saturating_sub(name_w + 3 + unicode_width::UnicodeWidthStr::width(what.as_str()));
            spans.push(Span::raw(format!("{what}{}", " ".repeat(rest))));
        }
        out.push(Line::from(spans));
    }
    if shown < rows.len()
        && let Some(last) = out.last_mut()
    {
        *last = Line::raw(format!("  … and {} more (a bigger window shows them)", rows.len() - shown));
    }
    out
}

/// The levels given so far: the room's votes (once revealed) or the respondents' answers.
fn given(s: &AppState, q: &Question) -> Option<Vec<Value>> {
    if s.room.is_open() {
        return s.room.revealed().then(|| s.room.votes_on(&q.id).map(|v| value_of(v.level)).collect());
    }
    Some(s.session.assessment().respondents.iter().filter_map(|r| r.answer(&q.id).and_then(|a| a.value)).collect())
}

/// The distribution and its range (once revealed), then the agreed level with the room's
/// reason (wrapped in `width`, or cut with an ellipsis) or how to set it.
fn result_lines(s: &AppState, q: &Question, width: usize, wrap: bool) -> Vec<Line<'static>> {
    let sc = &s.session.questionnaire().scale;
    let agreed = s.session.assessment().agreed.get(&q.id).copied();
    let mut out = Vec::new();
    match given(s, q) {
        None => {
            let key = s.ui.key_name(Context::Workshop, Action::Reveal);
            out.push(Line::raw(format!("  Votes hidden: {key} reveals them")));
        }
        Some(values) => {
            let count = |v: Value| values.iter().filter(|x| **x == v).count();
            let mut parts: Vec<String> = sc.values().map(|l| format!("{l}: {}", count(Value::Level(l)))).collect();
            parts.push(format!("N/A: {}", count(Value::NotApplicable)));
            let levels: Vec<u8> =
                values.iter().filter_map(|v| if let Value::Level(l) = v { Some(*l) } else { None }).collect();
            let range = match (levels.iter().min(), levels.iter().max()) {
                (Some(lo), Some(hi)) if levels.len() > 1 => {
                    let strong = if hi - lo >= 2 && agreed.is_none() { " — wide, discuss" } else { "" };
                    format!("   range {}{strong}", hi - lo)
                }
                _ => String::new(),
            };
            out.push(Line::raw(format!("  {}{range}", parts.join("  "))));
        }
    }
    let note = s.session.assessment().agreed_meta.get(&q.id).map(|d| sanitize(&d.note, false).into_owned());
    let agreed_line = match agreed {
        Some(v) => {
            let head = format!("  Agreed: {}", level_text(s, v));
            let Some(note) = note.filter(|n| !n.trim().is_empty()) else {
                out.push(Line::styled(head, theme::title(s.ui.theme())));
                return out;
            };
            let indent = " ".repeat(unicode_width::UnicodeWidthStr::width(head.as_str()) + 3);
            let rows = if wrap {
                super::wrap::hanging(&format!("{head} — "), &indent, &note, width)
            } else {
                vec![cut(&format!("{head} — {note}"), width)]
            };
            out.extend(rows.into_iter().map(|r| Line::styled(r, theme::title(s.ui.theme()))));
            return out;
        }
        None => {
            let a = s.ui.keymap().chord_for(Context::Normal, Action::SetAgreed(sc.min));
            let key = a.and_then(|c| c.keys().first().map(ToString::to_string)).unwrap_or_else(|| "unbound".into());
            format!("  Not agreed yet: {key} then a level records the room's level")
        }
    };
    out.push(Line::styled(agreed_line, theme::title(s.ui.theme())));
    out
}
