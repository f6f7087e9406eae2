//! `update`: state + action → effects. No terminal, no files: tests drive it directly.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{TextArea, WrapMode};

mod interview;
mod mouse;
pub mod plans;

pub use mouse::handle_mouse;

use super::action::{Action, Effect};
use super::keymap::{Context, Key};
use super::navigator;
use super::state::{AppState, HeatView, Mode};
use crate::assessment::{Answer, Value};
use crate::workspace::Change;

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
                && crate::text::is_control(c)
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
    let text = crate::text::strip_controls(&text.replace("\r\n", "\n").replace('\r', "\n"), true);
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

fn clamp_editor(s: &mut AppState) {
    let too_big =
        s.editor.as_ref().is_some_and(|ed| ed.lines().iter().map(|l| l.len() + 1).sum::<usize>() > MAX_NOTE_BYTES);
    if too_big && let Some(ed) = s.editor.as_mut() {
        ed.undo();
        s.flash = Some("Notes are limited to 1 MB".into());
    }
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
        Mode::Normal | Mode::Target | Mode::Note | Mode::Agree | Mode::Log { .. } => normal_action(s, action),
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

fn navigator_action(s: &mut AppState, selected: usize, action: Action) {
    let rows = navigator::rows(s);
    let selected = match action {
        Action::Back | Action::Navigator => {
            s.mode = Mode::Normal;
            return;
        }
        Action::Help => {
            s.mode = Mode::Help { scroll: 0 };
            return;
        }
        Action::Select => {
            // A header jumps to its first question.
            let target = rows[selected.min(rows.len().saturating_sub(1))..].iter().find_map(|r| match r {
                navigator::Row::Question(i) => Some(*i),
                _ => None,
            });
            if let Some(i) = target {
                jump(s, i);
            }
            return;
        }
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(rows.len().saturating_sub(1)),
        Action::FilterUnanswered
        | Action::FilterFlagged
        | Action::FilterRole
        | Action::FilterQuick
        | Action::FilterAll => {
            toggle_filter(s, action);
            cursor_row(s)
        }
        _ => selected,
    };
    s.mode = Mode::Navigator { selected };
}

/// The navigator row of the question at the cursor (or the nearest row before it).
pub fn cursor_row(s: &AppState) -> usize {
    let rows = navigator::rows(s);
    rows.iter()
        .position(|r| *r == navigator::Row::Question(s.cursor))
        .or_else(|| rows.iter().rposition(|r| matches!(r, navigator::Row::Question(i) if *i < s.cursor)))
        .unwrap_or(0)
}

fn toggle_filter(s: &mut AppState, action: Action) {
    let f = &mut s.filter;
    match action {
        Action::FilterUnanswered => f.unanswered = !f.unanswered,
        Action::FilterFlagged => f.flagged = !f.flagged,
        Action::FilterQuick => f.quick = !f.quick,
        Action::FilterAll => *f = navigator::Filter::default(),
        Action::FilterRole => {
            if s.assessment.respondents.get(s.respondent).is_some_and(|r| r.role.is_empty()) && !s.filter.role {
                s.flash = Some(format!("{} has no role; set one with `aira respondent`", s.current_respondent().name));
                return;
            }
            s.filter.role = !s.filter.role;
        }
        _ => return,
    }
    let role = s.current_respondent().role.clone();
    s.flash = Some(format!("Showing {}", s.filter.label(&role)));
    // Keep the cursor on a question the filter admits, if there is one.
    if !navigator::admits(s, s.cursor)
        && let Some(i) = navigator::next(s, s.cursor).or_else(|| navigator::prev(s, s.cursor))
    {
        move_to(s, i);
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
        Action::Roadmap => s.mode = Mode::Roadmap { selected: 0 },
        Action::Agree => s.mode = Mode::Agree,
        Action::LogLine if s.read_only.is_none() => s.mode = Mode::Log { text: String::new() },
        Action::Workshop => {
            s.workshop = !s.workshop;
            s.flash = Some(
                if s.workshop { "Workshop view: r switches participant, w leaves" } else { "Workshop view off" }.into(),
            );
        }
        Action::Soa => s.mode = Mode::Soa { selected: 0, justification: None },
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
pub fn cell_members(s: &AppState, row: usize, col: usize) -> Vec<usize> {
    let (rows, cols) = s.heat_grid();
    let (Some(&phase), Some(&function)) = (rows.get(row), cols.get(col)) else { return Vec::new() };
    s.questionnaire
        .questions
        .iter()
        .enumerate()
        .filter(|(_, q)| q.phase == phase && q.function == function)
        .map(|(i, _)| i)
        .collect()
}

/// Apply an edit to the current respondent's answer at the cursor and ask for a save.
fn edit_answer(s: &mut AppState, edit: impl FnOnce(&mut Answer)) -> Vec<Effect> {
    if let Some(why) = &s.read_only {
        s.flash = Some(format!("Read-only: {why}"));
        return Vec::new();
    }
    let Some(q) = s.current_question() else { return Vec::new() };
    let qid = q.id.clone();
    let ri = s.respondent.min(s.assessment.respondents.len().saturating_sub(1));
    let Some(r) = s.assessment.respondents.get_mut(ri) else { return Vec::new() };
    let old = r.answers.get(&qid).cloned();
    let mut new = old.clone().unwrap_or_default();
    edit(&mut new);
    if Some(&new) == old.as_ref() {
        return Vec::new();
    }
    new.answered_at = (s.now)();
    new.answered_by = s.user.clone();
    let new = (!new.is_empty()).then_some(new);
    match &new {
        Some(a) => {
            r.answers.insert(qid.clone(), a.clone());
        }
        None => {
            r.answers.remove(&qid);
        }
    }
    let change = Change {
        respondent: r.clone_header(),
        question: qid,
        old,
        new,
        by: s.user.clone(),
        at: (s.now)(),
        kind: "answer".into(),
        reverts: None,
    };
    s.rescore_question(s.cursor);
    s.history_len += 1;
    s.undo.push((change.clone(), s.history_len));
    s.save.pending += 1;
    vec![Effect::Save(Box::new(change))]
}

fn set_value(s: &mut AppState, value: Option<Value>, advance: bool) -> Vec<Effect> {
    let fx = edit_answer(s, |a| a.value = value);
    // Confirming the level already given still moves on: the facilitator's rhythm is
    // "answer, next", whether or not the answer changed. A refused edit (read-only) does not.
    if advance && s.read_only.is_none() {
        // Within the filter; an "unanswered" filter no longer admits the question just
        // answered, so look from the cursor either way.
        if let Some(i) = navigator::next(s, s.cursor) {
            move_to(s, i);
        }
    }
    fx
}

fn set_level(s: &mut AppState, level: u8) -> Vec<Effect> {
    if !s.questionnaire.scale.contains(level) {
        let sc = &s.questionnaire.scale;
        s.flash = Some(format!("Levels run from {} to {}", sc.min, sc.max));
        return Vec::new();
    }
    set_value(s, Some(Value::Level(level)), true)
}

fn set_target(s: &mut AppState, level: Option<u8>) -> Vec<Effect> {
    if let Some(l) = level.filter(|&l| !s.questionnaire.scale.contains(l)) {
        s.flash = Some(format!("Target {l} is outside the scale"));
        return Vec::new();
    }
    edit_answer(s, |a| a.target = level)
}

fn start_note(s: &mut AppState) {
    if s.read_only.is_some() || s.current_question().is_none() {
        s.flash = s.read_only.as_ref().map(|w| format!("Read-only: {w}"));
        return;
    }
    let note = s.current_answer().map(|a| a.note.clone()).unwrap_or_default();
    let mut ed = TextArea::new(note.split('\n').map(str::to_owned).collect());
    ed.set_wrap_mode(WrapMode::WordOrGlyph);
    ed.move_cursor(ratatui_textarea::CursorMove::Bottom);
    ed.move_cursor(ratatui_textarea::CursorMove::End);
    s.editor = Some(ed);
    s.mode = Mode::Note;
}

fn finish_note(s: &mut AppState) -> Vec<Effect> {
    s.mode = Mode::Normal;
    let Some(ed) = s.editor.take() else { return Vec::new() };
    let text = ed.into_lines().join("\n");
    let text = crate::text::strip_controls(text.trim_end(), true);
    edit_answer(s, |a| a.note = text)
}

/// Revert the newest local change by writing its old answer back, as a change of its own.
fn undo(s: &mut AppState) -> Vec<Effect> {
    let Some((last, number)) = s.undo.pop() else {
        s.flash = Some("Nothing to undo".into());
        return Vec::new();
    };
    let Some(ri) = s.assessment.respondents.iter().position(|r| r.id == last.respondent.id) else { return Vec::new() };
    let r = &mut s.assessment.respondents[ri];
    let current = r.answers.get(&last.question).cloned();
    match &last.old {
        Some(a) => r.answers.insert(last.question.clone(), a.clone()),
        None => r.answers.remove(&last.question),
    };
    let change = Change {
        respondent: r.clone_header(),
        question: last.question.clone(),
        old: current,
        new: last.old.clone(),
        by: s.user.clone(),
        at: (s.now)(),
        kind: "undo".into(),
        reverts: Some(number),
    };
    s.history_len += 1;
    if let Some(i) = s.questionnaire.index_of(&last.question) {
        move_to(s, i);
        s.rescore_question(i);
    }
    s.save.pending += 1;
    s.flash = Some(format!("Undid the change to {}", last.question));
    vec![Effect::Save(Box::new(change))]
}

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

pub fn search_hits(s: &AppState) -> &[crate::search::Hit] {
    s.search_cache.as_ref().map_or(&[], |(h, _)| h.as_slice())
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
