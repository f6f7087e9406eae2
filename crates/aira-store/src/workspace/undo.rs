//! Undo from the history: revert the newest change not already reverted, as a change of its
//! own (so undo is itself recorded, and can be seen in the log).

use super::{Change, Result, Workspace, WorkspaceError, history, now_rfc3339, read_history};
use aira_core::assessment::Respondent;

/// Revert the newest change that is neither an undo nor already reverted. `None` when there is
/// nothing left to undo. Needs a workspace opened for writing.
pub fn undo(ws: &mut Workspace, by: &str) -> Result<Option<Change>> {
    let changes = read_history(&ws.dir)?;
    let Some(n) = history::undo_target(&changes) else { return Ok(None) };
    let target = &changes[n - 1];
    if target.kind == "agree" {
        return undo_agree(ws, target, n, by);
    }
    let old = target.old.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
    let respondent = ws
        .assessment
        .respondent(&target.respondent)
        .map(Respondent::clone_header)
        .unwrap_or_else(|| Respondent::new(&target.respondent, &target.respondent));
    let current = ws.assessment.respondent(&target.respondent).and_then(|r| r.answer(&target.question)).cloned();
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

/// How many entries the whole history holds (history.toml and its parts).
pub fn history_len(dir: &std::path::Path) -> Result<usize> {
    super::history_parts::count(dir)
}
