//! The bottom line: whose answers, progress, the hints that matter now, and whether saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::theme;
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::state::{AppState, Mode};
use aira_core::text::sanitize;

/// Hints for the current mode, built from the keys bound right now.
pub fn hints(s: &AppState) -> String {
    let key = |ctx, a| s.keymap.key_for(ctx, a).map(|k| k.to_string());
    let pairs: Vec<(Option<String>, &str)> = match &s.mode {
        Mode::Normal => vec![
            (Some(format!("{}-{}", s.questionnaire.scale.min, s.questionnaire.scale.max.min(5))), "level"),
            (key(Context::Normal, Action::NotApplicable), "N/A"),
            (key(Context::Normal, Action::EditNote), "note"),
            (key(Context::Normal, Action::Search), "search"),
            (key(Context::Normal, Action::Heatmap), "heatmap"),
            (key(Context::Normal, Action::Navigator), "outline"),
            (key(Context::Normal, Action::Help), "help"),
            (key(Context::Normal, Action::Quit), "quit"),
        ],
        Mode::Target => vec![
            (Some(format!("{}-{}", s.questionnaire.scale.min, s.questionnaire.scale.max.min(9))), "target"),
            (Some("x".into()), "clear target"),
            (Some("other".into()), "cancel"),
        ],
        Mode::Note => vec![(Some("Esc/Ctrl-S".into()), "keep note")],
        Mode::Agree => vec![
            (Some(format!("{}-{}", s.questionnaire.scale.min, s.questionnaire.scale.max.min(9))), "agreed level"),
            (Some("n".into()), "N/A"),
            (Some("x".into()), "clear"),
            (Some("other".into()), "cancel"),
        ],
        Mode::Respondent { text, rename } => {
            let what = if *rename { "New name" } else { "New respondent" };
            return format!("{what}: {}▏  (Enter keeps it, Esc cancels)", aira_core::text::sanitize(text, false));
        }
        Mode::Log { text } => {
            return format!("Log: {}▏  (Enter keeps it, Esc drops it)", aira_core::text::sanitize(text, false));
        }
        Mode::Help { .. } => vec![(key(Context::Help, Action::Back), "close")],
        Mode::Heatmap { .. } => vec![
            (Some("arrows".into()), "move"),
            (key(Context::Heatmap, Action::Select), "questions"),
            (key(Context::Heatmap, Action::CycleView), "current/target/gap"),
            (key(Context::Heatmap, Action::Back), "back"),
        ],
        Mode::Navigator { .. } => vec![
            (Some("↑↓".into()), "choose"),
            (key(Context::Navigator, Action::Select), "jump"),
            (key(Context::Navigator, Action::FilterUnanswered), "unanswered"),
            (key(Context::Navigator, Action::FilterFlagged), "flagged"),
            (key(Context::Navigator, Action::FilterRole), "role"),
            (key(Context::Navigator, Action::FilterQuick), "quick"),
            (key(Context::Navigator, Action::FilterAll), "all"),
        ],
        Mode::Soa { justification: Some(_), .. } => {
            vec![(Some("Enter".into()), "keep"), (Some("Esc".into()), "cancel")]
        }
        Mode::Soa { .. } => vec![
            (Some("↑↓".into()), "choose"),
            (key(Context::Soa, Action::MarkApplicable), "applicable"),
            (key(Context::Soa, Action::NotApplicable), "not applicable"),
            (key(Context::Soa, Action::Select), "questions"),
            (key(Context::Soa, Action::Back), "back"),
        ],
        Mode::CellList { .. } | Mode::Search { .. } | Mode::Roadmap { .. } => vec![
            (Some("↑↓".into()), "choose"),
            (key(Context::List, Action::Select), "jump"),
            (key(Context::List, Action::Back), "back"),
        ],
    };
    pairs.into_iter().filter_map(|(k, what)| k.map(|k| format!("{k} {what}"))).collect::<Vec<_>>().join(" · ")
}

pub fn render(s: &AppState, f: &mut Frame, area: Rect) {
    let r = s.current_respondent();
    let (done, total) = s.progress();
    let filter = if s.filter.is_all() { String::new() } else { format!(" · {}", s.filter.label(&r.role)) };
    let left = format!(" {} · {done}/{total}{} ", sanitize(&r.name, false), sanitize(&filter, false));
    let save = s.save_label();
    let save_style = match (&s.save.error, s.read_only.is_some(), s.theme.color) {
        (Some(_), _, _) | (_, true, _) => theme::warning(s.theme),
        (None, false, true) if s.save.pending == 0 => Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
        _ => Style::new().add_modifier(Modifier::BOLD),
    };
    let middle = match &s.flash {
        Some(m) => sanitize(m, false).into_owned(),
        None => hints(s),
    };
    let width = area.width as usize;
    let used = left.width() + save.width() + 2;
    let room = width.saturating_sub(used);
    let middle: String = truncate(&middle, room);
    let pad = room.saturating_sub(middle.width());
    let bar = if s.theme.color {
        Style::new().bg(Color::DarkGray).fg(Color::White)
    } else {
        Style::new().add_modifier(Modifier::REVERSED)
    };
    let line = Line::from(vec![
        Span::styled(left, bar.add_modifier(Modifier::BOLD)),
        Span::styled(format!(" {middle}{} ", " ".repeat(pad)), bar),
        Span::styled(save, save_style),
    ]);
    f.render_widget(Paragraph::new(line), area);
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
