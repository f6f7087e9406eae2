//! Changing answers: levels, N/A, targets, flags, and undo (notes: `note`). Every change updates the
//! state at once and returns the save it needs; the worker makes it durable.

pub(super) use super::note::start_note;
use super::{Effect, move_to};
use crate::tui::action::Action;
use crate::tui::keymap::Context;
use crate::tui::navigator;
use crate::tui::session::Undone;
use crate::tui::state::AppState;
use aira_core::assessment::{Answer, Value};

/// Apply an edit to the current respondent's answer at the cursor and ask for a save.
pub(super) fn edit_answer(s: &mut AppState, edit: impl FnOnce(&mut Answer)) -> Vec<Effect> {
    if let Some(why) = s.session.read_only() {
        s.ui.say(format!("Read-only: {why}"));
        return Vec::new();
    }
    match s.session.edit_answer(s.ui.cursor(), edit) {
        Some(change) => vec![Effect::Save(Box::new(change))],
        None => Vec::new(),
    }
}

pub(super) fn set_value(s: &mut AppState, value: Option<Value>, advance: bool) -> Vec<Effect> {
    let fx = edit_answer(s, |a| a.value = value);
    // Confirming the level already given still moves on: the facilitator's rhythm is
    // "answer, next", whether or not the answer changed. A refused edit (read-only) does not.
    if advance && s.session.read_only().is_none() {
        // Within the filter; an "unanswered" filter no longer admits the question just
        // answered, so look from the cursor either way.
        if let Some(i) = navigator::next(s, s.ui.cursor()) {
            move_to(s, i);
        }
    }
    fx
}

pub(super) fn set_level(s: &mut AppState, level: u8) -> Vec<Effect> {
    // A classification is answered 0 (no) or 1 (yes), the values the scope rule reads
    // (aira_core::scope); any other level would be refused by `aira check`.
    if s.current_question().is_some_and(|q| q.is_classification()) {
        if level > 1 {
            s.ui.set_flash(Some(classification_keys(s)));
            return Vec::new();
        }
        return set_value(s, Some(Value::Level(level)), true);
    }
    if !s.session.questionnaire().scale.contains(level) {
        let sc = &s.session.questionnaire().scale;
        s.ui.set_flash(Some(format!("Levels run from {} to {}", sc.min, sc.max)));
        return Vec::new();
    }
    set_value(s, Some(Value::Level(level)), true)
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
    edit_answer(s, |a| a.target = level)
}

/// Revert the newest local change by writing its old answer back, as a change of its own.
pub(super) fn undo(s: &mut AppState) -> Vec<Effect> {
    match s.session.undo() {
        Undone::Nothing => {
            s.ui.say("Nothing to undo");
            Vec::new()
        }
        Undone::Gone => Vec::new(),
        Undone::Reverted { change, index } => {
            if let Some(i) = index {
                move_to(s, i);
            }
            s.ui.say(format!("Undid the change to {}", change.question));
            vec![Effect::Save(change)]
        }
    }
}
