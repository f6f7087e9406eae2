//! Undo and redo from the history. An undo reverts a change as a change of its own (so it is
//! recorded, and can be seen in the log, and redone); a redo re-applies what an undo
//! reverted. Which change either acts on is `undo_rule`'s (per person: the respondent who was
//! answering). Either writes only while what is on disk is still what the entry it acts on
//! wrote: after a git merge or a hand edit, reverting it would overwrite what was kept.

use super::undo_rule::{REDO, UNDO, redo_target, undo_target};
use super::{Change, Result, Store, Workspace, WorkspaceError, history, meta_change, now_rfc3339, read_history};
use super::{undo_describe as describe, undo_describe::sentence};

#[path = "undo_meta.rs"]
mod meta;
#[path = "undo_targets.rs"]
pub mod targets;
use aira_core::assessment::{Answer, Decision, Respondent, Value};

/// What an undo or redo did.
#[derive(Clone, Debug, PartialEq)]
pub struct Reverted {
    /// The number of the history entry it acted on.
    pub reverts: usize,
    /// The change written (an answer's; for an agreed level or a workspace.toml change, it
    /// names no respondent and its `question` is the entry's subject).
    pub change: Change,
    /// `Undid Ann Lee's level 3 on plan-govern-policy (was 2)`.
    pub said: String,
}

/// Revert the newest change anyone made that is neither an undo nor already reverted. `None`
/// when there is nothing left to undo. Needs a workspace opened for writing.
pub fn undo(ws: &mut Workspace, by: &str) -> Result<Option<Change>> {
    Ok(act(ws, None, by, UNDO)?.map(|r| r.change))
}

/// Revert the newest change made as respondent `who` (an id) not already reverted; other
/// respondents' changes are never touched.
pub fn undo_as(ws: &mut Workspace, who: &str, by: &str) -> Result<Option<Reverted>> {
    act(ws, Some(who), by, UNDO)
}

/// Re-apply the newest undo made as `who` not yet redone, unless `who` changed something since.
pub fn redo_as(ws: &mut Workspace, who: &str, by: &str) -> Result<Option<Reverted>> {
    act(ws, Some(who), by, REDO)
}

fn act(ws: &mut Workspace, who: Option<&str>, by: &str, kind: &str) -> Result<Option<Reverted>> {
    let changes = read_history(&ws.dir)?;
    let marks = changes.iter().map(history::Change::mark).enumerate().map(|(i, m)| (i + 1, m));
    let found = if kind == UNDO { undo_target(marks, who) } else { redo_target(marks, who) };
    let Some(n) = found else { return Ok(None) };
    let subject = subject_kind(&changes, n);
    revert(ws, &changes[n - 1], &subject, (n, kind), by).map(Some)
}

/// The kind of change entry `n` is about: its own, or for an undo or redo, that of the entry it
/// reverts, followed back (an undo of an agreed level is written like an agreed level).
fn subject_kind(changes: &[history::Change], n: usize) -> String {
    subject_kind_by(n, |i| Ok(changes.get(i - 1).cloned())).ok().flatten().unwrap_or_default()
}

/// `subject_kind` with entry `i` given by `at` (`None`: no such entry, and then no kind).
fn subject_kind_by(
    mut n: usize,
    mut at: impl FnMut(usize) -> Result<Option<history::Change>>,
) -> Result<Option<String>> {
    loop {
        let Some(c) = at(n)? else { return Ok(None) };
        match c.reverts.filter(|&r| (c.kind == UNDO || c.kind == REDO) && (1..n).contains(&r)) {
            Some(r) => n = r,
            None => return Ok(Some(c.kind)),
        }
    }
}

/// The one dispatch over kinds of change: each is reverted by writing its entry's `old` back
/// (for a redo, the undo's `old`) where the entry's `new` still is. A new kind (respondent
/// add/rename/remove, engagement targets) plugs in with one arm here.
fn revert(
    ws: &mut Workspace,
    target: &history::Change,
    subject: &str,
    nk: (usize, &str),
    by: &str,
) -> Result<Reverted> {
    match subject {
        "agree" => revert_agreed(ws, target, nk, by),
        super::targets::KIND => targets::revert(ws, target, nk, by),
        super::respondent_change::KIND => revert_respondent(ws, target, nk, by),
        _ => match meta_change::Place::of(subject, &target.question) {
            Some(place) => meta::revert(ws, target, &place, nk, by),
            // Answers, and what writes answers (merge, upgrade, votes).
            None => revert_answer(ws, target, nk, by),
        },
    }
}

/// The verb of the sentence and of a refusal.
fn verbs(kind: &str) -> (&'static str, &'static str) {
    if kind == REDO { ("Redid", "redone") } else { ("Undid", "undone") }
}

/// The display name of whoever was answering (their id when they are gone).
fn name_of(ws: &Workspace, who: &str) -> String {
    ws.assessment.respondent(who).map_or_else(|| who.to_owned(), |r| r.name.clone())
}

/// (before, after) of the change being undone or redone: an undo undoes old → new; a redo
/// re-does what its undo entry undid, new → old.
fn sides<T>(kind: &str, old: T, new: T) -> (T, T) {
    if kind == REDO { (new, old) } else { (old, new) }
}

fn store(ws: &mut Workspace) -> Result<&mut Store> {
    ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the workspace is open read-only".into()))
}

fn revert_answer(ws: &mut Workspace, target: &history::Change, (n, kind): (usize, &str), by: &str) -> Result<Reverted> {
    let old = target.old.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
    let respondent = ws
        .assessment
        .respondent(&target.respondent)
        .map(Respondent::clone_header)
        .unwrap_or_else(|| Respondent::new(&target.respondent, &target.respondent));
    let current = ws.assessment.respondent(&target.respondent).and_then(|r| r.answer(&target.question)).cloned();
    let wrote = target.new.as_ref().map(history::answer_from_table).filter(|a| !a.is_empty());
    if wrote != current {
        let (w, c) = (describe_answer(wrote.as_ref()), describe_answer(current.as_ref()));
        let (w, c) = if w == c {
            (format!("{w} (as then)"), format!("{c} with another note, evidence or stamp"))
        } else {
            (w, c)
        };
        let what = format!("{} of {}", target.question, target.respondent);
        return Err(changed_since(n, &what, (&w, &c), verbs(kind).1));
    }
    let (before, after) = sides(kind, old.as_ref(), wrote.as_ref());
    let said =
        sentence(verbs(kind).0, &name_of(ws, target.answering()), &describe::answer(&target.question, before, after));
    let change = Change {
        respondent,
        question: target.question.clone(),
        old: current,
        new: old,
        by: by.to_owned(),
        at: now_rfc3339(),
        kind: kind.into(),
        reverts: Some(n),
    };
    store(ws)?.apply(&change)?;
    if let Some(r) = ws.assessment.respondents.iter_mut().find(|r| r.id == change.respondent.id) {
        match &change.new {
            Some(a) => r.answers.insert(change.question.clone(), a.clone()),
            None => r.answers.remove(&change.question),
        };
    }
    Ok(Reverted { reverts: n, change, said })
}

/// An agreed value: consensus.toml goes back to the entry's `old`.
fn revert_agreed(ws: &mut Workspace, target: &history::Change, (n, kind): (usize, &str), by: &str) -> Result<Reverted> {
    let old = target.old.as_ref().and_then(super::consensus::from_table);
    let wrote = target.new.as_ref().and_then(super::consensus::from_table);
    let q = &target.question;
    let current =
        ws.assessment.agreed.get(q).map(|v| (*v, ws.assessment.agreed_meta.get(q).cloned().unwrap_or_default()));
    if wrote != current {
        let show = |v: Option<&(Value, Decision)>| describe_value(v.map(|(v, _)| *v));
        let (w, c) = (show(wrote.as_ref()), show(current.as_ref()));
        let (w, c) =
            if w == c { (format!("{w} (as then)"), format!("{c} with another note or stamp")) } else { (w, c) };
        return Err(changed_since(n, &format!("the agreed value of {q}"), (&w, &c), verbs(kind).1));
    }
    let value = |v: &Option<(Value, Decision)>| v.as_ref().map(|(v, _)| *v);
    let (before, after) = sides(kind, value(&old), value(&wrote));
    let said = sentence(verbs(kind).0, &name_of(ws, target.answering()), &describe::agreed(q, before, after));
    let at = now_rfc3339();
    store(ws)?.as_who(target.answering(), |s| s.put_agreed_entry(q, old.clone(), by, &at, kind, Some(n)))?;
    match &old {
        Some((v, d)) => {
            ws.assessment.agreed.insert(q.clone(), *v);
            ws.assessment.agreed_meta.insert(q.clone(), d.clone());
        }
        None => {
            ws.assessment.agreed.remove(q);
            ws.assessment.agreed_meta.remove(q);
        }
    }
    Ok(Reverted { reverts: n, change: subject_change(q, by, at, kind, n), said })
}

/// The change returned for an undo or redo that is not of an answer: no respondent, the
/// entry's subject as `question`.
fn subject_change(subject: &str, by: &str, at: String, kind: &str, n: usize) -> Change {
    Change {
        respondent: Respondent::default(),
        question: subject.to_owned(),
        old: None,
        new: None,
        by: by.to_owned(),
        at,
        kind: kind.into(),
        reverts: Some(n),
    }
}

fn changed_since(n: usize, what: &str, (wrote, now): (&str, &str), verb: &str) -> WorkspaceError {
    WorkspaceError::Invalid(format!(
        "change {n} ({what}) cannot be {verb}: it set {wrote}, but the workspace now holds {now} (changed since, \
         e.g. by a git merge or a hand edit); nothing changed. Change it with `aira answer` or in the wizard"
    ))
}

fn describe_answer(a: Option<&Answer>) -> String {
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

/// A respondent's add, rename, remove or restore, reverted by `respondent_change` (which puts
/// the entry's other header back, refusing when the answers file changed since).
fn revert_respondent(
    ws: &mut Workspace,
    target: &history::Change,
    (n, kind): (usize, &str),
    by: &str,
) -> Result<Reverted> {
    let change = super::respondent_change::undo(ws, target, (n, kind), by)?.ok_or_else(|| {
        WorkspaceError::Invalid(format!("change {n} (respondent {}) cannot be {}", target.respondent, verbs(kind).1))
    })?;
    let said = format!("{} the change to respondent {} (entry {n})", verbs(kind).0, name_of(ws, &target.respondent));
    Ok(Reverted { reverts: n, change, said })
}
