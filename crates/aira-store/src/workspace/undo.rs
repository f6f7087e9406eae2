//! Undo from the history: revert the newest change not already reverted, as a change of its
//! own (so undo is itself recorded, and can be seen in the log), and only while what is on disk
//! is still what that change wrote.

use super::{Change, Result, Workspace, WorkspaceError, history, meta_change, now_rfc3339, read_history};
use aira_core::assessment::{Answer, Decision, Respondent, Value};

/// Revert the newest change that is neither an undo nor already reverted. `None` when there is
/// nothing left to undo. Needs a workspace opened for writing.
pub fn undo(ws: &mut Workspace, by: &str) -> Result<Option<Change>> {
    let changes = read_history(&ws.dir)?;
    let Some(n) = history::undo_target(&changes) else { return Ok(None) };
    let target = &changes[n - 1];
    if target.kind == "agree" {
        return undo_agree(ws, target, n, by);
    }
    if target.kind == super::respondent_change::KIND {
        return super::respondent_change::undo(ws, target, n, by);
    }
    if let Some(place) = meta_change::Place::of(&target.kind, &target.question) {
        return undo_meta(ws, target, &place, n, by);
    }
    let old = target.old.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
    let respondent = ws
        .assessment
        .respondent(&target.respondent)
        .map(Respondent::clone_header)
        .unwrap_or_else(|| Respondent::new(&target.respondent, &target.respondent));
    let current = ws.assessment.respondent(&target.respondent).and_then(|r| r.answer(&target.question)).cloned();
    // After a git merge (or a hand edit) the newest entry may not be what is on disk: reverting
    // it would overwrite the answer that was kept. Only the value the entry wrote is reverted.
    let wrote = target.new.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
    if wrote != current {
        let (w, c) = (describe(wrote.as_ref()), describe(current.as_ref()));
        let (w, c) = if w == c {
            (format!("{w} (as then)"), format!("{c} with another note, evidence or stamp"))
        } else {
            (w, c)
        };
        return Err(changed_since(n, &format!("{} of {}", target.question, target.respondent), &w, &c));
    }
    let change = Change {
        respondent,
        question: target.question.clone(),
        old: current,
        new: old,
        by: by.to_owned(),
        at: now_rfc3339(),
        kind: "undo".into(),
        reverts: Some(n),
    };
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    store.apply(&change)?;
    if let Some(r) = ws.assessment.respondents.iter_mut().find(|r| r.id == change.respondent.id) {
        match &change.new {
            Some(a) => r.answers.insert(change.question.clone(), a.clone()),
            None => r.answers.remove(&change.question),
        };
    }
    Ok(Some(change))
}

/// Undo of an agreed value: consensus.toml goes back to the entry's `old`. The returned change
/// names no respondent; its `question` is the one whose agreed value was restored.
fn undo_agree(ws: &mut Workspace, target: &history::Change, n: usize, by: &str) -> Result<Option<Change>> {
    let old = target.old.as_ref().and_then(super::consensus::from_table);
    let wrote = target.new.as_ref().and_then(super::consensus::from_table);
    let current = ws
        .assessment
        .agreed
        .get(&target.question)
        .map(|v| (*v, ws.assessment.agreed_meta.get(&target.question).cloned().unwrap_or_default()));
    if wrote != current {
        let show = |v: Option<&(Value, Decision)>| describe_value(v.map(|(v, _)| *v));
        let (w, c) = (show(wrote.as_ref()), show(current.as_ref()));
        let (w, c) =
            if w == c { (format!("{w} (as then)"), format!("{c} with another note or stamp")) } else { (w, c) };
        return Err(changed_since(n, &format!("the agreed value of {}", target.question), &w, &c));
    }
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    let at = now_rfc3339();
    store.put_agreed_entry(&target.question, old.clone(), by, &at, "undo", Some(n))?;
    match &old {
        Some((v, d)) => {
            ws.assessment.agreed.insert(target.question.clone(), *v);
            ws.assessment.agreed_meta.insert(target.question.clone(), d.clone());
        }
        None => {
            ws.assessment.agreed.remove(&target.question);
            ws.assessment.agreed_meta.remove(&target.question);
        }
    }
    Ok(Some(Change {
        respondent: Respondent::default(),
        question: target.question.clone(),
        old: None,
        new: None,
        by: by.to_owned(),
        at,
        kind: "undo".into(),
        reverts: Some(n),
    }))
}

/// Undo of a change to workspace.toml (engagement facts, a roadmap entry, an SoA decision):
/// the entry's `old` goes back, while what is there is still the entry's `new`. The returned
/// change names no respondent; its `question` is the entry's subject.
fn undo_meta(
    ws: &mut Workspace,
    target: &history::Change,
    place: &meta_change::Place,
    n: usize,
    by: &str,
) -> Result<Option<Change>> {
    let (old, wrote) = (target.old.clone().unwrap_or_default(), target.new.clone().unwrap_or_default());
    let keys: Vec<&str> = old.keys().chain(wrote.keys()).map(String::as_str).collect();
    let store = ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))?;
    let now = store.meta_current(place, &keys);
    if now != wrote {
        return Err(meta_change::changed_since(n, place, &wrote, &now));
    }
    let at = now_rfc3339();
    store.change_meta(place, &now, &old, (by, &at), Some(n))?;
    ws.meta = store.engagement()?;
    Ok(Some(Change {
        respondent: Respondent::default(),
        question: target.question.clone(),
        old: None,
        new: None,
        by: by.to_owned(),
        at,
        kind: "undo".into(),
        reverts: Some(n),
    }))
}

fn changed_since(n: usize, what: &str, wrote: &str, now: &str) -> WorkspaceError {
    WorkspaceError::Invalid(format!(
        "change {n} ({what}) cannot be undone: it set {wrote}, but the workspace now holds {now} (changed since, \
         e.g. by a git merge or a hand edit); nothing changed. Change it with `aira answer` or in the wizard"
    ))
}

fn describe(a: Option<&Answer>) -> String {
    match a {
        None => "no answer".to_owned(),
        Some(a) if a.value.is_none() => "a note or flag without a level".to_owned(),
        Some(a) => describe_value(a.value),
    }
}

fn describe_value(v: Option<Value>) -> String {
    match v {
        Some(Value::Level(l)) => format!("level {l}"),
        Some(Value::NotApplicable) => "not applicable".to_owned(),
        None => "no value".to_owned(),
    }
}

/// How many entries the whole history holds (history.toml and its parts).
pub fn history_len(dir: &std::path::Path) -> Result<usize> {
    super::history_parts::count(dir)
}
