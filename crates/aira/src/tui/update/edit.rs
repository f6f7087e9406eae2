//! Changing answers: levels, N/A, targets, flags, and undo/redo (notes: `note`). Every change updates the
//! state at once and returns the save it needs; the worker makes it durable.

use super::{Effect, move_to};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::navigator;
use crate::tui::session::{Revert, Undone};
use crate::tui::state::AppState;
use crate::tui::ui::JustAnswered;
use aira_core::assessment::{Answer, Value};

/// Apply an edit to the current respondent's answer at the cursor and ask for a save.
pub(super) fn edit_answer(s: &mut AppState, edit: impl FnOnce(&mut Answer)) -> Vec<Effect> {
    edit_answer_at(s, s.ui.cursor(), edit)
}

/// As `edit_answer`, on question `i` (a note kept for the question just answered).
pub(super) fn edit_answer_at(s: &mut AppState, i: usize, edit: impl FnOnce(&mut Answer)) -> Vec<Effect> {
    if let Some(why) = s.session.read_only() {
        s.ui.say(format!("Read-only: {why}"));
        return Vec::new();
    }
    match s.session.edit_answer(i, edit) {
        Some(change) => vec![Effect::Save(Box::new(change))],
        None => Vec::new(),
    }
}

/// Set the value at the cursor; `advance` (a level key, N/A) moves on through the walk.
/// `just` is what the previous key answered: at the end of the walk, a key that would change
/// the answer just given asks to be pressed again instead of overwriting it unseen.
pub(super) fn set_value(
    s: &mut AppState,
    value: Option<Value>,
    advance: bool,
    just: Option<JustAnswered>,
) -> Vec<Effect> {
    let here = s.ui.cursor();
    if advance && let Some(j) = just.filter(|j| j.at_end && j.question == here) {
        let old = s.current_answer().and_then(|a| a.value);
        if old.is_some() && old != value && j.confirm != value {
            // The cue first: the status line is cut at its end on a narrow terminal.
            let msg = format!("Already {}: {} again changes it · {}", show(old), show(value), end_of_walk(s));
            s.ui.set_flash(Some(msg));
            s.ui.set_just_answered(Some(JustAnswered { confirm: value, ..j }));
            return Vec::new();
        }
    }
    let fx = edit_answer(s, |a| a.value = value);
    // Confirming the level already given still moves on: the facilitator's rhythm is
    // "answer, next", whether or not the answer changed. A refused edit (read-only) does not.
    if advance && s.session.read_only().is_none() {
        // Within the filter; an "unanswered" filter no longer admits the question just
        // answered, so look from the cursor either way.
        let next = navigator::next(s, here);
        match next {
            Some(i) => move_to(s, i),
            None => s.ui.set_flash(Some(end_of_walk(s))),
        }
        s.ui.set_just_answered(Some(JustAnswered { question: here, at_end: next.is_none(), confirm: None }));
    }
    fx
}

/// "End of the quick profile — 27 of 27 answered", from the walk's real counts.
fn end_of_walk(s: &AppState) -> String {
    let (answered, total) = navigator::walk_progress(s);
    let f = crate::tui::filter::Filter { unanswered: false, ..s.ui.filter() };
    let walk = if f.is_all() { "questionnaire".to_owned() } else { f.label(&s.current_respondent().role) };
    format!("End of the {walk} — {answered} of {total} answered")
}

fn show(v: Option<Value>) -> String {
    match v {
        Some(Value::Level(l)) => l.to_string(),
        Some(Value::NotApplicable) => "N/A".into(),
        None => "unanswered".into(),
    }
}

pub(super) fn set_level(s: &mut AppState, level: u8, just: Option<JustAnswered>) -> Vec<Effect> {
    // A classification is answered 0 (no) or 1 (yes), the values the scope rule reads
    // (aira_core::scope); any other level would be refused by `aira check`.
    if s.current_question().is_some_and(|q| q.is_classification()) {
        if level > 1 {
            s.ui.set_flash(Some(classification_keys(s)));
            return Vec::new();
        }
        return set_value(s, Some(Value::Level(level)), true, just);
    }
    if !s.session.questionnaire().scale.contains(level) {
        let sc = &s.session.questionnaire().scale;
        s.ui.set_flash(Some(format!("Levels run from {} to {}", sc.min, sc.max)));
        return Vec::new();
    }
    set_value(s, Some(Value::Level(level)), true, just)
}

/// What a refused level on a classification card says: the keys that answer it.
fn classification_keys(s: &AppState) -> String {
    let k = |a| s.ui.key_name(Context::Normal, a);
    format!(
        "A classification is answered yes ({}), no ({}) or not sure ({})",
        k(Action::Level1),
        k(Action::Level0),
        k(Action::NotApplicable)
    )
}

pub(super) fn set_target(s: &mut AppState, level: Option<u8>) -> Vec<Effect> {
    if level.is_some() && s.current_question().is_some_and(|q| q.is_classification()) {
        s.ui.set_flash(Some("A classification question has no target: it is not scored".into()));
        return Vec::new();
    }
    if let Some(l) = level.filter(|&l| !s.session.questionnaire().scale.contains(l)) {
        s.ui.set_flash(Some(format!("Target {l} is outside the scale")));
        return Vec::new();
    }
    if let Some(why) = s.session.read_only() {
        s.ui.set_flash(Some(format!("Read-only: {why}")));
        return Vec::new();
    }
    let Some(question) = s.session.set_target(s.ui.cursor(), level) else {
        if let Some(q) = s.current_question() {
            let id = q.id.clone();
            s.ui.set_flash(Some(match level {
                Some(l) => format!("The engagement target of {id} is {l} already"),
                None => format!("{id} has no engagement target to clear"),
            }));
        }
        return Vec::new();
    };
    s.ui.set_flash(Some(match level {
        Some(l) => format!("Engagement target of {question}: {l}"),
        None => format!("Engagement target of {question} cleared"),
    }));
    vec![Effect::SaveTarget { question, level }]
}

/// `u`: revert the newest change made as whoever is answering now (never another
/// respondent's), as a change of its own; `U` (redo) puts back what their undo reverted.
pub(super) fn undo(s: &mut AppState, redo: bool) -> Vec<Effect> {
    if let Some(why) = s.session.read_only() {
        s.ui.say(format!("Read-only: {why}"));
        return Vec::new();
    }
    let done = if redo { s.session.redo() } else { s.session.undo() };
    match done {
        Undone::Nothing => {
            let what = if redo { "redo" } else { "undo" };
            let mut said = format!("Nothing to {what} for {}", s.current_respondent().name);
            // Just added by someone else: their `u` undoes the add, not this respondent's.
            if let Some(by) = s.session.added_by(&s.current_respondent().id).filter(|_| !redo) {
                let (next, undo) = (key(s, Action::NextRespondent), key(s, Action::Undo));
                said.push_str(&format!("; {by} added them ({next}, then {undo})"));
            }
            s.ui.say(said);
            Vec::new()
        }
        Undone::Changed(why) => {
            s.ui.say(why);
            Vec::new()
        }
        Undone::Reverted { save, index, said } => {
            if let Some(i) = index {
                move_to(s, i);
            }
            s.ui.say(said);
            vec![match *save {
                Revert::Answer(change) => Effect::Save(change),
                other => Effect::Revert(Box::new(other)),
            }]
        }
    }
}

fn key(s: &AppState, action: Action) -> String {
    s.ui.key_name(crate::tui::keymap::Context::Normal, action).to_string()
}
