//! Changing answers: levels, N/A, targets, flags, and undo (notes: `note`). Every change updates the
//! state at once and returns the save it needs; the worker makes it durable.

pub(super) use super::note::start_note;
use super::{Effect, move_to};
use crate::tui::navigator;
use crate::tui::state::AppState;
use aira_core::assessment::{Answer, Value};
use aira_store::workspace::Change;

/// Apply an edit to the current respondent's answer at the cursor and ask for a save.
pub(super) fn edit_answer(s: &mut AppState, edit: impl FnOnce(&mut Answer)) -> Vec<Effect> {
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

pub(super) fn set_value(s: &mut AppState, value: Option<Value>, advance: bool) -> Vec<Effect> {
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

pub(super) fn set_level(s: &mut AppState, level: u8) -> Vec<Effect> {
    if !s.questionnaire.scale.contains(level) {
        let sc = &s.questionnaire.scale;
        s.flash = Some(format!("Levels run from {} to {}", sc.min, sc.max));
        return Vec::new();
    }
    set_value(s, Some(Value::Level(level)), true)
}

pub(super) fn set_target(s: &mut AppState, level: Option<u8>) -> Vec<Effect> {
    if let Some(l) = level.filter(|&l| !s.questionnaire.scale.contains(l)) {
        s.flash = Some(format!("Target {l} is outside the scale"));
        return Vec::new();
    }
    edit_answer(s, |a| a.target = level)
}

/// Revert the newest local change by writing its old answer back, as a change of its own.
pub(super) fn undo(s: &mut AppState) -> Vec<Effect> {
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
