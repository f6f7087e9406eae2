//! `update`: state + action → effects. No terminal, no files: tests drive it directly.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

mod edit;
mod interview;
mod mouse;
mod navigate;
pub mod plans;

pub use mouse::handle_mouse;
pub use navigate::cursor_row;
// Queries over the state the view shares with update: they live with the navigator's.
pub use crate::tui::navigator::{cell_members, search_hits};

use edit::{clamp_editor, edit_answer, finish_note, set_level, set_target, set_value, start_note, undo};
use navigate::{navigator_action, toggle_filter};

use super::action::{Action, Effect};
use super::keymap::{Context, Key};
use super::navigator;
use super::state::{AppState, HeatView, Mode};
use aira_core::assessment::Value;

/// Largest note kept (a 1 MB paste is accepted up to here, and the rest is refused, visibly).
pub const MAX_NOTE_BYTES: usize = 1024 * 1024;
const SEARCH_LIMIT: usize = 200;

/// A key press, routed by mode: text goes to the editor or the search box, the rest through
/// the keymap.
pub fn handle_key(s: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    s.flash = None;
    let k = Key::from_event(&key);
    let ctrl_c = k == Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    match &mut s.mode {
        Mode::Note => {
            let keep = matches!(key.code, KeyCode::Esc)
                || (key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('s'));
            if keep || ctrl_c {
                let mut fx = finish_note(s);
                if ctrl_c {
                    fx.push(Effect::Quit);
                }
                return fx;
            }
            // Control characters never enter a note: the answers file would refuse them on load.
            if let KeyCode::Char(c) = key.code
                && aira_core::text::is_control(c)
            {
                return Vec::new();
            }
            if let Some(ed) = s.editor.as_mut() {
                ed.input(key);
                clamp_editor(s);
            }
            Vec::new()
        }
        Mode::Target => {
            s.mode = Mode::Normal;
            match key.code {
                KeyCode::Char(c @ '0'..='9') => set_target(s, Some(c as u8 - b'0')),
                KeyCode::Char('x') | KeyCode::Backspace | KeyCode::Delete => set_target(s, None),
                _ => Vec::new(),
            }
        }
        Mode::Agree => interview::agree_key(s, key),
        Mode::Respondent { text, rename } => {
            let (text, rename) = (std::mem::take(text), *rename);
            interview::respondent_key(s, text, rename, key)
        }
        Mode::Log { text } => {
            let text = std::mem::take(text);
            interview::log_key(s, text, key)
        }
        Mode::Search { query, .. } => {
            if let Some(a) = s.keymap.action(Context::List, k) {
                return update(s, a);
            }
            match key.code {
                KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
                    query.push(c);
                    run_search(s, true);
                }
                KeyCode::Backspace => {
                    query.pop();
                    run_search(s, false);
                }
                _ => {}
            }
            Vec::new()
        }
        Mode::Normal => match s.keymap.action(Context::Normal, k) {
            Some(a) => update(s, a),
            None => Vec::new(),
        },
        Mode::Help { .. } => s.keymap.action(Context::Help, k).map_or_else(Vec::new, |a| update(s, a)),
        Mode::Navigator { .. } => s.keymap.action(Context::Navigator, k).map_or_else(Vec::new, |a| update(s, a)),
        Mode::Roadmap { .. } => s.keymap.action(Context::List, k).map_or_else(Vec::new, |a| update(s, a)),
        Mode::Soa { selected, justification } => {
            let (selected, justification) = (*selected, justification.take());
            plans::soa_key(s, selected, justification, key)
        }
        Mode::Heatmap { .. } => s.keymap.action(Context::Heatmap, k).map_or_else(Vec::new, |a| update(s, a)),
        Mode::CellList { .. } => s.keymap.action(Context::List, k).map_or_else(Vec::new, |a| update(s, a)),
    }
}

/// Bracketed paste: into the note editor or the search box; elsewhere it is ignored, so a
/// stray paste can never answer questions.
pub fn handle_paste(s: &mut AppState, text: &str) -> Vec<Effect> {
    let text = aira_core::text::strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"), true);
    match &mut s.mode {
        Mode::Note => {
            if let Some(ed) = s.editor.as_mut() {
                let used: usize = ed.lines().iter().map(|l| l.len() + 1).sum();
                let room = MAX_NOTE_BYTES.saturating_sub(used);
                let mut cut = text.len().min(room);
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                ed.insert_str(&text[..cut]);
                if cut < text.len() {
                    s.flash = Some(format!("Paste cut at the 1 MB note limit ({} bytes left out)", text.len() - cut));
                }
            }
        }
        Mode::Log { text: line } => interview::log_paste(line, &text),
        Mode::Search { query, .. } => {
            query.extend(text.chars().filter(|c| !c.is_control()).take(200));
            run_search(s, false);
        }
        _ => {}
    }
    Vec::new()
}

pub fn update(s: &mut AppState, action: Action) -> Vec<Effect> {
    match action {
        Action::Quit => return vec![Effect::Quit],
        Action::Suspend => return vec![Effect::Suspend],
        _ => {}
    }
    match s.mode.clone() {
        Mode::Help { scroll } => {
            match action {
                Action::Back | Action::Help => s.mode = Mode::Normal,
                Action::Down => s.mode = Mode::Help { scroll: scroll.saturating_add(1) },
                Action::Up => s.mode = Mode::Help { scroll: scroll.saturating_sub(1) },
                _ => {}
            }
            Vec::new()
        }
        Mode::Heatmap { row, col, view } => {
            heatmap_action(s, row, col, view, action);
            Vec::new()
        }
        Mode::CellList { row, col, view, selected } => {
            cell_action(s, (row, col, view), selected, action);
            Vec::new()
        }
        Mode::Search { selected, .. } => {
            search_action(s, selected, action);
            Vec::new()
        }
        Mode::Navigator { selected } => {
            navigator_action(s, selected, action);
            Vec::new()
        }
        Mode::Roadmap { selected } => {
            plans::roadmap_action(s, selected, action);
            Vec::new()
        }
        Mode::Soa { .. } => Vec::new(),
        Mode::Normal | Mode::Target | Mode::Note | Mode::Agree | Mode::Log { .. } | Mode::Respondent { .. } => {
            normal_action(s, action)
        }
    }
}

fn heatmap_action(s: &mut AppState, row: usize, col: usize, view: HeatView, action: Action) {
    let (rows, cols) = s.heat_grid();
    let (mut row, mut col, mut view) = (row, col, view);
    match action {
        Action::Back | Action::Heatmap => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Help => {
            s.mode = Mode::Help { scroll: 0 };
            return;
        }
        Action::Select => {
            s.mode = Mode::CellList { row, col, view, selected: 0 };
            return;
        }
        Action::Up => row = row.saturating_sub(1),
        Action::Down => row = (row + 1).min(rows.len().saturating_sub(1)),
        Action::Left => col = col.saturating_sub(1),
        Action::Right => col = (col + 1).min(cols.len().saturating_sub(1)),
        Action::CycleView => {
            view = match view {
                HeatView::Current => HeatView::Target,
                HeatView::Target => HeatView::Gap,
                HeatView::Gap => HeatView::Disagreement,
                HeatView::Disagreement if s.baseline.is_some() => HeatView::Trend,
                HeatView::Disagreement | HeatView::Trend => HeatView::Current,
            }
        }
        _ => {}
    }
    s.mode = Mode::Heatmap { row, col, view };
}

fn cell_action(s: &mut AppState, (row, col, view): (usize, usize, HeatView), selected: usize, action: Action) {
    let members = cell_members(s, row, col);
    let selected = match action {
        Action::Back => {
            s.mode = Mode::Heatmap { row, col, view };
            return;
        }
        Action::Select => {
            if let Some(&i) = members.get(selected) {
                jump(s, i);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(members.len().saturating_sub(1)),
        _ => selected,
    };
    s.mode = Mode::CellList { row, col, view, selected };
}

fn search_action(s: &mut AppState, selected: usize, action: Action) {
    let n = search_hits(s).len();
    let selected = match action {
        Action::Back => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Select => {
            if let Some(h) = search_hits(s).get(selected.min(n.saturating_sub(1))) {
                let q = h.question;
                jump(s, q);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(n.saturating_sub(1)),
        _ => selected,
    };
    if let Mode::Search { selected: sel, .. } = &mut s.mode {
        *sel = selected;
    }
}

fn normal_action(s: &mut AppState, action: Action) -> Vec<Effect> {
    let n = s.questionnaire.questions.len();
    if let Some(level) = action.level() {
        return set_level(s, level);
    }
    match action {
        Action::Help => s.mode = Mode::Help { scroll: 0 },
        Action::Next => move_to(s, navigator::next(s, s.cursor).unwrap_or(s.cursor)),
        Action::Prev => move_to(s, navigator::prev(s, s.cursor).unwrap_or(s.cursor)),
        Action::PageDown => move_to(s, (s.cursor + 10).min(n.saturating_sub(1))),
        Action::PageUp => move_to(s, s.cursor.saturating_sub(10)),
        Action::First => move_to(s, 0),
        Action::Last => move_to(s, n.saturating_sub(1)),
        Action::NextUnanswered => match s.first_unanswered_from(s.cursor + 1) {
            Some(i) => move_to(s, i),
            None => s.flash = Some("Every question has an answer".into()),
        },
        Action::ScrollDown => s.card_scroll = s.card_scroll.saturating_add(1),
        Action::ScrollUp => s.card_scroll = s.card_scroll.saturating_sub(1),
        Action::NotApplicable => return set_value(s, Some(Value::NotApplicable), true),
        Action::ClearLevel => return set_value(s, None, false),
        Action::Target => s.mode = Mode::Target,
        Action::Flag => return edit_answer(s, |a| a.flag = !a.flag),
        Action::EditNote => start_note(s),
        Action::Undo => return undo(s),
        Action::Search => {
            s.mode = Mode::Search { query: String::new(), selected: 0 };
            s.search_cache = None;
        }
        Action::Navigator => s.mode = Mode::Navigator { selected: cursor_row(s) },
        Action::Roadmap => {
            s.plans.roadmap = plans::roadmap_items(s);
            s.mode = Mode::Roadmap { selected: 0 };
        }
        Action::Agree => s.mode = Mode::Agree,
        Action::AddRespondent if s.read_only.is_none() => {
            s.mode = Mode::Respondent { text: String::new(), rename: false }
        }
        Action::RenameRespondent if s.read_only.is_none() => {
            s.mode = Mode::Respondent { text: s.current_respondent().name.clone(), rename: true }
        }
        Action::LogLine if s.read_only.is_none() => s.mode = Mode::Log { text: String::new() },
        Action::Workshop => {
            s.workshop = !s.workshop;
            s.flash = Some(
                if s.workshop { "Workshop view: r switches participant, w leaves" } else { "Workshop view off" }.into(),
            );
        }
        Action::Soa => {
            plans::refresh_soa(s, true);
            s.mode = Mode::Soa { selected: 0, justification: None };
        }
        Action::FilterUnanswered
        | Action::FilterFlagged
        | Action::FilterRole
        | Action::FilterQuick
        | Action::FilterAll => toggle_filter(s, action),
        Action::ToggleMouse => {
            s.mouse = !s.mouse;
            s.flash = Some(
                if s.mouse { "Mouse on: click and scroll" } else { "Mouse off: select text with the mouse" }.into(),
            );
            return vec![Effect::Mouse(s.mouse)];
        }
        Action::Heatmap => {
            let q = s.current_question();
            let row = q.and_then(|q| q.phase).map_or(0, |p| p.index());
            let col = q.and_then(|q| q.function).map_or(0, |f| f.index());
            s.mode = Mode::Heatmap { row, col, view: HeatView::Current };
        }
        Action::NextRespondent => {
            s.respondent = (s.respondent + 1) % s.assessment.respondents.len().max(1);
            s.respondent_changed();
            s.flash = Some(format!("Answering for {}", s.current_respondent().name));
        }
        _ => {}
    }
    Vec::new()
}

fn move_to(s: &mut AppState, i: usize) {
    if i != s.cursor {
        s.card_scroll = 0;
    }
    s.cursor = i;
}

fn jump(s: &mut AppState, i: usize) {
    move_to(s, i);
    s.mode = Mode::Normal;
}

/// Question indices in one heatmap cell, in questionnaire order.
/// Recompute hits; when the query only grew, search within the previous hits.
fn run_search(s: &mut AppState, grew: bool) {
    let Mode::Search { query, selected } = &mut s.mode else { return };
    *selected = 0;
    let within = if grew { s.search_cache.as_ref().map(|(_, ids)| ids.clone()) } else { None };
    let r = &s.assessment.respondents[s.respondent.min(s.assessment.respondents.len().saturating_sub(1))];
    let (q, qs) = (&s.questionnaire, &s.questionnaire.questions);
    let note = |i: usize| r.answer(&qs[i].id).map(|a| a.note.as_str());
    s.search_cache = Some(s.search.search_narrowing(q, query, note, within.as_deref(), SEARCH_LIMIT));
}

/// The save worker reported: one pending change is durable, or it failed and will retry.
pub fn saved(s: &mut AppState, result: Result<String, String>) {
    match result {
        Ok(time) => {
            s.save.pending = s.save.pending.saturating_sub(1);
            s.save.error = None;
            s.save.last_saved = Some(time);
        }
        Err(e) => s.save.error = Some(e),
    }
}

#[cfg(test)]
mod tests;
