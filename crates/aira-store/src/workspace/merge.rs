//! Merging another copy of the same assessment into this one (`aira merge`). Nothing is
//! dropped silently: where both copies answered a question differently the newest answer (by
//! `answered_at`) is kept, the other is recorded in history.toml (kind `merge`) and reported.
//! Interview logs and evidence lists are united rather than chosen between.

use std::cmp::Ordering;
use std::sync::Arc;

use super::{Change, Result, Workspace, WorkspaceError, answers, consensus, history};
use aira_core::assessment::{Answer, Decision, Evidence, LogEntry, Respondent, Value};
use aira_core::text::cmp_timestamps;

/// Which copy a kept value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Target,
    Source,
}

/// What a merge did, one event per thing worth a line of output.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A respondent the target lacked: their whole answers file was copied.
    RespondentAdded {
        id: String,
        name: String,
        answers: usize,
    },
    /// Same id, different display name: the target's name is kept.
    NameDiffers {
        id: String,
        kept: String,
        other: String,
    },
    AnswerAdded {
        respondent: String,
        question: String,
    },
    /// Same content on both sides, but the logs or the evidence differed: the target now has
    /// both sides' log lines and evidence items.
    LogsJoined {
        respondent: String,
        question: String,
    },
    AnswerConflict {
        respondent: String,
        question: String,
        kept: Answer,
        other: Answer,
        kept_from: Side,
    },
    AgreedAdded {
        question: String,
    },
    AgreedConflict {
        question: String,
        kept: (Value, Decision),
        other: (Value, Decision),
        kept_from: Side,
    },
}

/// Counts of what needed nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub events: Vec<Event>,
    pub identical: usize,
}

impl Outcome {
    pub fn conflicts(&self) -> usize {
        self.events.iter().filter(|e| matches!(e, Event::AnswerConflict { .. } | Event::AgreedConflict { .. })).count()
    }
}

/// Everything but the log, the evidence and the capture stamp: what makes two answers say the
/// same thing. Logs and evidence are united, never chosen between.
fn same_content(a: &Answer, b: &Answer) -> bool {
    a.value == b.value && a.target == b.target && a.note == b.note && a.flag == b.flag
}

/// The kept side's evidence, then the other side's items it lacks (by reference).
fn joined_evidence(kept: &[Evidence], other: &[Evidence]) -> Vec<Evidence> {
    let mut all = kept.to_vec();
    for e in other {
        if !all.iter().any(|k| k.reference == e.reference) {
            all.push(e.clone());
        }
    }
    all
}

/// Both logs, each entry once, in time order.
fn joined_log(a: &[LogEntry], b: &[LogEntry]) -> Vec<LogEntry> {
    let mut log: Vec<LogEntry> = a.to_vec();
    for e in b {
        if !log.contains(e) {
            log.push(e.clone());
        }
    }
    log.sort_by(|x, y| cmp_timestamps(&x.at, &y.at));
    log
}

fn has_file(ws: &Workspace, id: &str) -> bool {
    ws.dir.join("answers").join(format!("{id}.toml")).is_file()
}

/// Merge `source` into `target` (opened for writing). `by` and `at` stamp the history entries.
pub fn merge(target: &mut Workspace, source: &Workspace, by: &str, at: &str) -> Result<Outcome> {
    if source.meta.questionnaire.id != target.meta.questionnaire.id {
        return Err(WorkspaceError::Invalid(format!(
            "{} assesses questionnaire `{}`, but {} assesses `{}`: only copies of the same assessment can be merged",
            source.dir.display(),
            source.meta.questionnaire.id,
            target.dir.display(),
            target.meta.questionnaire.id
        )));
    }
    // All or nothing: a failure rolls every file back now, a crash on the next open.
    let writer = store(target)?.writer();
    let op = super::op::begin(&target.dir, Arc::clone(&writer), "merge")?;
    match merge_all(target, source, by, at) {
        Ok(out) => {
            op.finish()?;
            Ok(out)
        }
        Err(e) => {
            drop(op);
            // If this fails too, `.aira-op.toml` stays and the next open rolls back.
            let _ = super::op::recover(&target.dir, &*writer, &mut Vec::new());
            Err(e)
        }
    }
}

/// The merge itself; its changes are folded into the answers files before it returns.
fn merge_all(target: &mut Workspace, source: &Workspace, by: &str, at: &str) -> Result<Outcome> {
    let mut out = Outcome::default();
    for r in &source.assessment.respondents {
        // Open adds the default respondent in memory when it has no file: nothing to bring.
        if !has_file(source, &r.id) {
            continue;
        }
        if !has_file(target, &r.id) {
            add_respondent(target, source, r, by, at, &mut out)?;
        } else {
            merge_respondent(target, r, by, at, &mut out)?;
        }
    }
    merge_agreed(target, source, by, at, &mut out)?;
    store(target)?.compact()?;
    Ok(out)
}

fn store(ws: &mut Workspace) -> Result<&mut super::Store> {
    ws.store.as_mut().ok_or_else(|| WorkspaceError::Invalid("the target workspace is open read-only".into()))
}

fn change(r: &Respondent, question: &str, old: Option<Answer>, new: Answer, by: &str, at: &str) -> Change {
    Change {
        respondent: r.clone_header(),
        question: question.to_owned(),
        old,
        new: Some(new),
        by: by.to_owned(),
        at: at.to_owned(),
        kind: "merge".into(),
        reverts: None,
    }
}

fn add_respondent(
    target: &mut Workspace,
    source: &Workspace,
    r: &Respondent,
    by: &str,
    at: &str,
    out: &mut Outcome,
) -> Result<()> {
    // An archived respondent is not in the assessment, but their file is: copying the source's
    // over it would lose their answers here. Refused before anything is written.
    if target.archived.iter().any(|a| a.id == r.id) {
        return Err(WorkspaceError::Invalid(format!(
            "respondent `{}` is archived in this workspace; `aira respondent restore {}` first, then merge",
            r.id, r.id
        )));
    }
    let path = source.dir.join("answers").join(format!("{}.toml", r.id));
    let mut text = super::read(&path)?;
    let (mut parsed, mut doc) = answers::parse(&path, &r.id, &text, &target.questionnaire.scale)?;
    // A wizard open (or killed) in the source keeps changes in its journal: read them exactly
    // as opening the source did, into the copied file too.
    let order: std::collections::HashMap<&str, usize> =
        target.questionnaire.questions.iter().enumerate().map(|(i, q)| (q.id.as_str(), i)).collect();
    if super::journal::replay_into(&source.dir, &mut parsed, |qid, new| {
        answers::set_answer(&mut doc, qid, new, order.get(qid).copied().unwrap_or(order.len()));
    })? {
        text = doc.to_string();
    }
    let s = store(target)?;
    s.import_respondent(&parsed, &text, doc)?;
    // One entry per answer, so the history says where every answer came from.
    for (qid, a) in &parsed.answers {
        let c = change(&parsed, qid, None, a.clone(), by, at);
        s.record(&history::render(&c.entry()))?;
    }
    out.events.push(Event::RespondentAdded { id: r.id.clone(), name: r.name.clone(), answers: parsed.answers.len() });
    target.assessment.respondents.retain(|x| x.id != r.id);
    target.assessment.respondents.push(parsed);
    Ok(())
}

fn merge_respondent(target: &mut Workspace, r: &Respondent, by: &str, at: &str, out: &mut Outcome) -> Result<()> {
    let Some(mine) = target.assessment.respondent(&r.id).cloned() else { return Ok(()) };
    if mine.name != r.name {
        out.events.push(Event::NameDiffers { id: r.id.clone(), kept: mine.name.clone(), other: r.name.clone() });
    }
    for (qid, theirs) in &r.answers {
        let ours = mine.answer(qid);
        let (c, event) = match ours {
            None => (
                Some(change(&mine, qid, None, theirs.clone(), by, at)),
                Event::AnswerAdded { respondent: r.id.clone(), question: qid.clone() },
            ),
            Some(ours) if ours == theirs => {
                out.identical += 1;
                continue;
            }
            Some(ours) if same_content(ours, theirs) => {
                let log = joined_log(&ours.log, &theirs.log);
                let evidence = joined_evidence(&ours.evidence, &theirs.evidence);
                if log == ours.log && evidence == ours.evidence {
                    out.identical += 1;
                    continue;
                }
                let new = Answer { log, evidence, ..ours.clone() };
                (
                    Some(change(&mine, qid, Some(ours.clone()), new, by, at)),
                    Event::LogsJoined { respondent: r.id.clone(), question: qid.clone() },
                )
            }
            Some(ours) => {
                let log = joined_log(&ours.log, &theirs.log);
                let source_newer = cmp_timestamps(&theirs.answered_at, &ours.answered_at) == Ordering::Greater;
                let (kept, other, kept_from) = if source_newer {
                    let evidence = joined_evidence(&theirs.evidence, &ours.evidence);
                    (Answer { log, evidence, ..theirs.clone() }, ours.clone(), Side::Source)
                } else {
                    let evidence = joined_evidence(&ours.evidence, &theirs.evidence);
                    (Answer { log, evidence, ..ours.clone() }, theirs.clone(), Side::Target)
                };
                let event = Event::AnswerConflict {
                    respondent: r.id.clone(),
                    question: qid.clone(),
                    kept: kept.clone(),
                    other: other.clone(),
                    kept_from,
                };
                // A merge entry's `old` is always the answer not kept.
                let c = change(&mine, qid, Some(other), kept, by, at);
                if c.new.as_ref() == Some(ours) {
                    // Nothing changes on disk; the entry alone keeps the answer not taken.
                    store(target)?.record(&history::render(&c.entry()))?;
                    (None, event)
                } else {
                    (Some(c), event)
                }
            }
        };
        if let Some(c) = c {
            store(target)?.apply(&c)?;
            if let Some(x) = target.assessment.respondents.iter_mut().find(|x| x.id == r.id)
                && let Some(new) = &c.new
            {
                x.answers.insert(qid.clone(), new.clone());
            }
        }
        out.events.push(event);
    }
    Ok(())
}

fn merge_agreed(target: &mut Workspace, source: &Workspace, by: &str, at: &str, out: &mut Outcome) -> Result<()> {
    for (qid, value) in &source.assessment.agreed {
        let theirs = (*value, source.assessment.agreed_meta.get(qid).cloned().unwrap_or_default());
        let ours = target
            .assessment
            .agreed
            .get(qid)
            .map(|v| (*v, target.assessment.agreed_meta.get(qid).cloned().unwrap_or_default()));
        let Some(ours) = ours else {
            store(target)?.put_agreed(qid, Some(theirs.clone()), by, at, "merge")?;
            target.assessment.agreed.insert(qid.clone(), theirs.0);
            target.assessment.agreed_meta.insert(qid.clone(), theirs.1);
            out.events.push(Event::AgreedAdded { question: qid.clone() });
            continue;
        };
        if ours.0 == theirs.0 && ours.1.note == theirs.1.note {
            out.identical += 1;
            continue;
        }
        let source_newer = cmp_timestamps(&theirs.1.decided_at, &ours.1.decided_at) == Ordering::Greater;
        let s = store(target)?;
        let (kept, other, kept_from) = if source_newer {
            s.put_agreed(qid, Some(theirs.clone()), by, at, "merge")?;
            target.assessment.agreed.insert(qid.clone(), theirs.0);
            target.assessment.agreed_meta.insert(qid.clone(), theirs.1.clone());
            (theirs, ours, Side::Source)
        } else {
            let e = history::Entry {
                at,
                by,
                respondent: "",
                question: qid,
                kind: "merge",
                reverts: None,
                old: None,
                new: None,
            };
            let old = Some(consensus::inline(theirs.0, &theirs.1));
            s.record(&history::render_tables(&e, old, &[], consensus::inline(ours.0, &ours.1)))?;
            (ours, theirs, Side::Target)
        };
        out.events.push(Event::AgreedConflict { question: qid.clone(), kept, other, kept_from });
    }
    Ok(())
}
