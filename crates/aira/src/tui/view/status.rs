//! The bottom line: whose answers, progress, the hints that matter now, and whether saved.

use crossterm::event::KeyCode;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::ScreenView as _;
use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::{Context, Keymap, Pending};
use crate::tui::screens::{Screen, each_screen};
use crate::tui::state::AppState;
use aira_core::text::sanitize;

/// Hints for the screen that has the keys, built from the keys bound right now.
pub fn hints(s: &AppState) -> String {
    if let Some(p) = &s.ui.pending() {
        return chord_hints(s, p);
    }
    if let Some(top) = s.ui.screen() {
        return each_screen!(top, x => x.hints(s));
    }
    let km = s.ui.keymap();
    let key = |ctx, a| km.key_for(ctx, a).map(|k| k.to_string());
    let sc = &s.session.questionnaire().scale;
    if s.ui.workshop() {
        let voting = if s.room.is_open() { "close voting" } else { "open voting" };
        return join(vec![
            (key(Context::Workshop, Action::ToggleVoting), voting),
            (key(Context::Workshop, Action::Reveal), "reveal"),
            (
                key(Context::Normal, Action::Next)
                    .zip(key(Context::Normal, Action::Prev))
                    .map(|(n, p)| format!("{n}/{p}")),
                "next/prev",
            ),
            (
                km.chord_for(Context::Normal, Action::SetAgreed(sc.min))
                    .and_then(|c| c.keys().first().map(ToString::to_string)),
                "agree",
            ),
            (key(Context::Workshop, Action::VoteOnNetwork), "network"),
            (key(Context::Normal, Action::Workshop), "leave"),
            (key(Context::Normal, Action::Help), "help"),
        ]);
    }
    // A classification records a fact: its keys say yes, no and not sure, not a level.
    let answers = if s.current_question().is_some_and(|q| q.is_classification()) {
        vec![
            (key(Context::Normal, Action::Level1), "yes"),
            (key(Context::Normal, Action::Level0), "no"),
            (key(Context::Normal, Action::NotApplicable), "not sure"),
        ]
    } else {
        vec![
            (range(km, Context::Normal, Action::for_level(sc.min), Action::for_level(sc.max.min(5))), "level"),
            (key(Context::Normal, Action::NotApplicable), "N/A"),
        ]
    };
    join(
        answers
            .into_iter()
            .chain([
                (key(Context::Normal, Action::EditNote), "note"),
                (key(Context::Normal, Action::Search), "search"),
                (key(Context::Normal, Action::Heatmap), "heatmap"),
                (key(Context::Normal, Action::Navigator), "outline"),
                (key(Context::Normal, Action::Help), "help"),
                (key(Context::Normal, Action::Quit), "quit"),
            ])
            .collect(),
    )
}

/// The key bound to `action` in `ctx` now, as the hints show it.
pub(crate) fn key(s: &AppState, ctx: Context, action: Action) -> Option<String> {
    s.ui.keymap().key_for(ctx, action).map(|k| k.to_string())
}

/// The up and down keys of a list, as "↑↓ choose" shows them.
pub(crate) fn choose(s: &AppState, ctx: Context) -> Option<String> {
    pair(s.ui.keymap(), ctx, Action::Up, Action::Down)
}

/// A line typed in the status bar, with the keys that keep and drop it.
pub(crate) fn typing(s: &AppState, what: &str, input: &crate::tui::input::LineInput, dropping: &str) -> String {
    let (keep, drop) = (s.ui.key_name(Context::Input, Action::Submit), s.ui.key_name(Context::Input, Action::Cancel));
    format!("{what}: {}  ({keep} keeps it, {drop} {dropping})", super::caret(input))
}

pub(crate) fn join(pairs: Vec<(Option<String>, &str)>) -> String {
    pairs.into_iter().filter_map(|(k, what)| k.map(|k| format!("{k} {what}"))).collect::<Vec<_>>().join(" · ")
}

/// Every single key of an action, as `Esc/Ctrl-S`.
pub(crate) fn keys(km: &Keymap, ctx: Context, action: Action) -> Option<String> {
    let (_, chords) = km.bindings(ctx).iter().find(|(a, _)| *a == action)?;
    let shown: Vec<String> = chords.iter().filter(|c| c.keys().len() == 1).map(ToString::to_string).collect();
    (!shown.is_empty()).then(|| shown.join("/"))
}

/// The first keys of two actions side by side (`↑↓`).
fn pair(km: &Keymap, ctx: Context, a: Action, b: Action) -> Option<String> {
    Some(format!("{}{}", km.key_for(ctx, a)?, km.key_for(ctx, b)?))
}

/// `0-5` for the keys of the lowest and highest level actions.
fn range(km: &Keymap, ctx: Context, lo: Option<Action>, hi: Option<Action>) -> Option<String> {
    Some(format!("{}-{}", km.key_for(ctx, lo?)?, km.key_for(ctx, hi?)?))
}

/// The four moves: "arrows" when they are the arrow keys, else their keys.
pub(crate) fn arrows(km: &Keymap, ctx: Context) -> Option<String> {
    let moves = [Action::Up, Action::Down, Action::Left, Action::Right];
    let ks = moves.map(|a| km.key_for(ctx, a));
    let arrow_keys = [KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right];
    if ks.iter().zip(arrow_keys).all(|(k, code)| k.is_some_and(|k| k.code == code && k.mods.is_empty())) {
        return Some("arrows".into());
    }
    let shown: Vec<String> = ks.iter().flatten().map(ToString::to_string).collect();
    (!shown.is_empty()).then(|| shown.join(""))
}

/// While a chord is under way: the keys that finish it, levels as a range.
fn chord_hints(s: &AppState, p: &Pending) -> String {
    let sc = &s.session.questionnaire().scale;
    let next = s.ui.keymap().continuations(p.context, &p.keys);
    let finish = |want: Action| next.iter().find(|(_, a)| *a == want).map(|(k, _)| k.to_string());
    let (lo, hi) = (sc.min, sc.max.min(9));
    let level_range = |f: fn(u8) -> Action| Some(format!("{}-{}", finish(f(lo))?, finish(f(hi))?));
    let mut pairs: Vec<(Option<String>, &str)> = Vec::new();
    if next.iter().any(|(_, a)| matches!(a, Action::SetTarget(_) | Action::ClearTarget)) {
        pairs.push((level_range(Action::SetTarget), "target"));
        pairs.push((finish(Action::ClearTarget), "clear target"));
    }
    if next.iter().any(|(_, a)| matches!(a, Action::SetAgreed(_) | Action::AgreeNa | Action::ClearAgreed)) {
        pairs.push((level_range(Action::SetAgreed), "agreed level"));
        pairs.push((finish(Action::AgreeNa), "N/A"));
        pairs.push((finish(Action::ClearAgreed), "clear"));
    }
    pairs.push((Some("other".into()), "cancel"));
    join(pairs)
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let r = s.current_respondent();
    let (done, total) = crate::tui::navigator::progress(s);
    let filter = if s.ui.filter().is_all() { String::new() } else { format!(" · {}", s.ui.filter().label(&r.role)) };
    let who = if s.session.has_respondent() { sanitize(&r.name, false) } else { "No one answering".into() };
    let left = format!(" {who} · {done}/{total}{} ", sanitize(&filter, false));
    let save = s.session.save_label();
    let save_style = match (&s.session.save_state().error, s.session.read_only().is_some(), s.ui.theme().color) {
        (Some(_), _, _) | (_, true, _) => theme::warning(s.ui.theme()),
        (None, false, true) if s.session.save_state().pending == 0 => {
            Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
        }
        _ => Style::new().add_modifier(Modifier::BOLD),
    };
    let middle = match &s.ui.flash() {
        Some(m) => sanitize(m, false).into_owned(),
        None => hints(s),
    };
    let width = area.width as usize;
    let used = left.width() + save.width() + 2;
    let room = width.saturating_sub(used);
    // A line typed here: accessible mode draws no caret and puts the real cursor there.
    let (middle, caret) = match middle.split_once(super::CARET) {
        Some((before, after)) if s.ui.theme().accessible && s.ui.flash().is_none() => {
            (format!("{before}{after}"), Some(before.width()))
        }
        _ => (middle, None),
    };
    let middle: String = truncate(&middle, room);
    let pad = room.saturating_sub(middle.width());
    let bar = if s.ui.theme().color {
        Style::new().bg(Color::DarkGray).fg(Color::White)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    };
    let left_w = left.width();
    let line = Line::from(vec![
        Span::styled(left, bar.add_modifier(Modifier::BOLD)),
        Span::styled(format!(" {middle}{} ", " ".repeat(pad)), bar),
        Span::styled(save, save_style),
    ]);
    f.render_widget(Paragraph::new(line), area);
    if let Some(col) = caret {
        let x = area.x as usize + left_w + 1 + col.min(middle.width());
        f.set_cursor_position(((x as u16).min(area.right().saturating_sub(1)), area.y));
    }
}

/// Cut to `width` display columns, with an ellipsis when something was cut.
pub fn truncate(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}
