//! Merging another copy of the same assessment into this one (`aira merge`), three ways: the
//! base is what both copies' histories share (`merge_base`). A change made on one side only is
//! taken; the same respondent's same field changed differently on both sides is a conflict,
//! resolved by the rule of `three_way` (docs/merge.md), recorded in history.toml (kind `merge`,
//! the answer not kept as `old`) and reported. Logs and evidence are united. The source's
//! history entries the target lacks are copied into its history, so each copy's changes end up
//! in the result once, as after a `git merge` of two clones.

use std::cmp::Ordering;
use std::sync::Arc;

use super::{Change, Result, Workspace, WorkspaceError, answers, consensus, history, merge_base, three_way};
use aira_core::assessment::{Answer, Decision, Respondent, Value};
use aira_core::text::cmp_timestamps;

/// Which copy a kept value came from (three_way decides it; the merge reports it).
pub use super::three_way::Side;

/// What a merge did, one event per thing worth a line of output.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// A respondent the target lacked: their whole answers file was copied.
    RespondentAdded {
        id: String,
        name: String,
        answers: usize,
    },
    /// A respondent's header (name, role, archived) changed in the source only: taken, as
    /// `header` (its history table, e.g. `{ name = "Bo Chen", archived = true }`).
    HeaderTaken {
        id: String,
        header: String,
    },
    /// Fields of a respondent's header both copies changed differently: `kept` (the merged
    /// header's table) has the newer side's values for them; `other` is recorded in history.
    HeaderConflict {
        id: String,
        fields: Vec<&'static str>,
        kept: String,
        other: String,
        kept_from: Side,
    },
    AnswerAdded {
        respondent: String,
        question: String,
    },
    /// Changed in the source only since the copies parted: the source's answer is taken.
    AnswerTaken {
        respondent: String,
        question: String,
    },
    /// Both sides changed the answer without a conflict (different fields, log lines,
    /// evidence): the target now has both sides' changes.
    LogsJoined {
        respondent: String,
        question: String,
    },
    AnswerConflict {
        respondent: String,
        question: String,
        /// The fields both sides changed differently (`level`, `note`, `target`, `flag`).
        fields: Vec<&'static str>,
        kept: Answer,
        other: Answer,
        kept_from: Side,
    },
    AgreedAdded {
        question: String,
    },
    /// Changed (or cleared) in the source only since the copies parted.
    AgreedTaken {
        question: String,
    },
    AgreedConflict {
        question: String,
        kept: (Value, Decision),
        other: (Value, Decision),
        kept_from: Side,
    },
    /// An engagement target changed in the source only since the copies parted: taken.
    TargetTaken {
        question: String,
        level: Option<u8>,
    },
    /// An engagement target both copies changed differently (`merge_targets`' rule).
    TargetConflict {
        question: String,
        kept: Option<u8>,
        other: Option<u8>,
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
        self.events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::AnswerConflict { .. }
                        | Event::AgreedConflict { .. }
                        | Event::TargetConflict { .. }
                        | Event::HeaderConflict { .. }
                )
            })
            .count()
    }
}

fn has_file(ws: &Workspace, id: &str) -> bool {
    ws.dir.join("answers").join(format!("{id}.toml")).is_file()
}

/// Merge `source` into `target` (opened for writing). `by` and `at` stamp the history entries.
pub fn merge(target: &mut Workspace, source: &Workspace, by: &str, at: &str) -> Result<Outcome> {
    Run::default().merge(target, source, by, at)
}

/// Several copies merged into one target, one after the other (`aira merge C1 C2 …`): the
/// target's history entries are read and parsed once, then kept, each merge adding only what
/// it appended (`merge_base::entries_since`), instead of reading the whole, growing history
/// again per copy. Each merge is still its own operation, all or nothing.
#[derive(Default)]
pub struct Run {
    /// The target's entries, and where its history stood when they were all of them.
    ours: Option<(merge_base::Mark, Vec<merge_base::Entry>)>,
}

impl Run {
    /// `merge` of one more copy into the same target.
    pub fn merge(&mut self, target: &mut Workspace, source: &Workspace, by: &str, at: &str) -> Result<Outcome> {
        if source.meta.questionnaire.id != target.meta.questionnaire.id {
            return Err(WorkspaceError::Invalid(format!(
                "{} assesses questionnaire `{}`, but {} assesses `{}`: only copies of the same assessment can be \
                 merged",
                source.dir.display(),
                source.meta.questionnaire.id,
                target.dir.display(),
                target.meta.questionnaire.id
            )));
        }
        let (was, ours) = match self.ours.take() {
            Some((was, known)) => merge_base::entries_since(&target.dir, &was, known)?,
            None => (merge_base::mark(&target.dir)?, merge_base::entries(&target.dir)?),
        };
        // All or nothing: a failure rolls every file back now, a crash on the next open.
        let writer = store(target)?.writer();
        let op = super::op::begin(&target.dir, Arc::clone(&writer), "merge")?;
        let mark = store(target)?.staged_mark();
        match merge_all(target, source, &ours, by, at) {
            Ok(out) => {
                op.finish()?;
                // What this merge appended is read on the next one (a failed merge rolled it
                // back, and leaves `ours` unknown: read again then).
                self.ours = Some((was, ours));
                Ok(out)
            }
            Err(e) => {
                drop(op);
                // If this fails too, `.aira-op.toml` stays and the next open rolls back.
                let _ = super::op::recover(&target.dir, &*writer, &mut Vec::new());
                if let Ok(s) = store(target) {
                    s.discard_staged(mark);
                }
                Err(e)
            }
        }
    }
}

/// The merge itself; its staged changes are made durable (history, then the answers files
/// that changed) by the `compact` before it returns.
fn merge_all(
    target: &mut Workspace,
    source: &Workspace,
    ours: &[merge_base::Entry],
    by: &str,
    at: &str,
) -> Result<Outcome> {
    let mut out = Outcome::default();
    // Their shared prefix is text for text ours: taken from our parse, not parsed again.
    let theirs = merge_base::entries_reusing(&source.dir, ours)?;
    let order: std::collections::HashMap<String, usize> =
        target.questionnaire.questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
    let base = merge_base::base(ours, &theirs, &order);
    // The source's own changes first, as they were written: the merge's entries then record
    // how the two were put together.
    // Staged: the operation writes them all with the merge's own entries, in this order, in
    // as few appends as history allows (`compact` below), instead of one fsync each.
    let missing = merge_base::missing(ours, &theirs);
    for e in &missing {
        store(target)?.stage_record(&e.text)?;
    }
    let headers = super::merge_headers::trails(ours, missing.iter().copied());
    // Archived respondents too, on either side: archiving only leaves a respondent out of
    // scores, their answers are kept and merged like anyone's (`restore` brings them back).
    for r in source.assessment.respondents.iter().chain(&source.archived) {
        // Open adds the default respondent in memory when it has no file: nothing to bring.
        if !has_file(source, &r.id) {
            continue;
        }
        if !has_file(target, &r.id) {
            add_respondent(target, source, r, by, at, &mut out)?;
        } else {
            merge_respondent(target, r, &base, (by, at), &mut out)?;
            merge_header(target, r, &headers, (by, at), &mut out)?;
        }
    }
    merge_agreed(target, source, &base, (by, at), &mut out)?;
    let steps = super::merge_targets::plan(&target.targets, &source.targets, |q| base.targets.get(q).copied());
    apply_targets(target, steps, (by, at), &mut out)?;
    store(target)?.compact()?;
    Ok(out)
}

/// Write the merged targets (a conflict whose kept side is ours only records the other side:
/// its entry's `old`), each as a `target` entry, and say what was done.
pub(super) fn apply_targets(
    ws: &mut Workspace,
    steps: Vec<super::merge_targets::Step>,
    (by, at): (&str, &str),
    out: &mut Outcome,
) -> Result<()> {
    use super::targets::{self, KIND};
    for step in steps {
        let q = step.question.as_str();
        let s = store(ws)?;
        if step.writes {
            s.put_target_entry(q, step.kept.clone(), (by, at), KIND, None)?;
        } else if let Some((other, _)) = &step.conflict {
            let e =
                history::Entry { at, by, respondent: "", question: q, kind: KIND, reverts: None, old: None, new: None };
            let new = step.kept.as_ref().map(targets::inline).unwrap_or_default();
            let entry = history::render_tables_as(&e, s.answering(), other.as_ref().map(targets::inline), &[], new);
            s.record(&entry)?;
        }
        match &step.kept {
            Some(t) => {
                ws.assessment.targets.insert(q.to_owned(), t.level);
                ws.targets.insert(q.to_owned(), t.clone());
            }
            None => {
                ws.assessment.targets.remove(q);
                ws.targets.remove(q);
            }
        }
        let kept = step.kept.as_ref().map(|t| t.level);
        out.events.push(match step.conflict {
            Some((other, kept_from)) => {
                Event::TargetConflict { question: step.question, kept, other: other.map(|t| t.level), kept_from }
            }
            None => Event::TargetTaken { question: step.question, level: kept },
        });
    }
    Ok(())
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
        s.stage_record(&history::render(&c.entry()))?;
    }
    out.events.push(Event::RespondentAdded { id: r.id.clone(), name: r.name.clone(), answers: parsed.answers.len() });
    target.assessment.respondents.retain(|x| x.id != r.id);
    // Archived in the source: copied archived, out of the target's scores as it was there.
    if parsed.archived {
        target.archived.push(parsed)
    } else {
        target.assessment.respondents.push(parsed)
    }
    Ok(())
}

fn merge_respondent(
    target: &mut Workspace,
    r: &Respondent,
    base: &merge_base::Base,
    (by, at): (&str, &str),
    out: &mut Outcome,
) -> Result<()> {
    // Archived or not, the answers merge; the header is `merge_headers`'s.
    let Some(mine) = respondent_mut(target, &r.id).map(|x| x.clone()) else { return Ok(()) };
    let order: std::collections::HashMap<String, usize> =
        target.questionnaire.questions.iter().enumerate().map(|(i, q)| (q.id.clone(), i)).collect();
    for step in plan(&mine, r, &order, |q| base.answer(&r.id, q), (by, at)) {
        let Some((c, event, writes)) = step else {
            out.identical += 1;
            continue;
        };
        if writes {
            store(target)?.stage(&c)?;
            if let Some(x) = respondent_mut(target, &r.id) {
                match &c.new {
                    Some(new) => x.answers.insert(c.question.clone(), new.clone()),
                    None => x.answers.remove(&c.question),
                };
            }
        } else {
            // Nothing changes on disk; the entry alone keeps the answer not taken.
            store(target)?.stage_record(&history::render(&c.entry()))?;
        }
        out.events.push(event);
    }
    Ok(())
}

/// A respondent's header merged three ways (`merge_headers`): what is taken is staged and put
/// in the target's lists; a conflict is also recorded, as a `respondent` entry whose `old` is
/// the side not kept (an undo of it puts that side's header back), as a target's conflict is.
fn merge_header(
    target: &mut Workspace,
    theirs: &Respondent,
    trails: &std::collections::HashMap<String, Vec<super::merge_headers::Step>>,
    (by, at): (&str, &str),
    out: &mut Outcome,
) -> Result<()> {
    use super::respondent_change::{apply_header, header_table};
    let Some(mine) = respondent_mut(target, &theirs.id).map(|x| x.clone_header()) else { return Ok(()) };
    let steps = trails.get(&mine.id).map(Vec::as_slice).unwrap_or_default();
    let m = super::merge_headers::three_way(steps, &mine, theirs);
    let table = |r: &Respondent| super::meta_change::inline(&header_table(r));
    if header_table(&m.header) != header_table(&mine) {
        store(target)?.stage_header(&m.header)?;
        apply_header(target, &m.header);
        if m.conflicts.is_empty() {
            out.events.push(Event::HeaderTaken { id: mine.id.clone(), header: table(&m.header).to_string() });
        }
    }
    if m.conflicts.is_empty() {
        return Ok(());
    }
    let other = if m.kept_from == Side::Source { &mine } else { theirs };
    let s = store(target)?;
    let entry = super::merge_headers::conflict_entry(&m.header, other, (by, at), s.answering());
    s.stage_record(&entry)?;
    out.events.push(Event::HeaderConflict {
        id: mine.id.clone(),
        fields: m.conflicts,
        kept: table(&m.header).to_string(),
        other: table(other).to_string(),
        kept_from: m.kept_from,
    });
    Ok(())
}

/// Respondent `id` of the target, active or archived.
fn respondent_mut<'a>(target: &'a mut Workspace, id: &str) -> Option<&'a mut Respondent> {
    target.assessment.respondents.iter_mut().chain(target.archived.iter_mut()).find(|x| x.id == id)
}

type Agreed = (Value, Decision);

fn agreed_of(ws: &Workspace, qid: &str) -> Option<Agreed> {
    ws.assessment.agreed.get(qid).map(|v| (*v, ws.assessment.agreed_meta.get(qid).cloned().unwrap_or_default()))
}

/// Two agreed values say the same when their level and rationale do (not who typed them when).
fn same_decision(a: &Option<Agreed>, b: &Option<Agreed>) -> bool {
    a.as_ref().map(|(v, d)| (v, &d.note)) == b.as_ref().map(|(v, d)| (v, &d.note))
}

/// One step of merging a respondent: the change to make (or only record, when `false`) and
/// what to say of it; `None` for an answer both sides already agree on.
pub(super) type Step = Option<(Change, Event, bool)>;

/// How `theirs` merges into `mine`, answer by answer in the questionnaire's order, against
/// `base` (what the two last shared of each answer). Used by `aira merge` and by the open
/// that resolves a `git merge` (`git_merged`), so both give the same result.
pub(super) fn plan(
    mine: &Respondent,
    theirs_r: &Respondent,
    order: &std::collections::HashMap<String, usize>,
    base: impl Fn(&str) -> Answer,
    (by, at): (&str, &str),
) -> Vec<Step> {
    let mut questions: Vec<&String> = mine.answers.keys().chain(theirs_r.answers.keys()).collect();
    // Each key once (a lookup), not a lookup and a String clone per comparison: this sort was
    // most of a merge at engagement scale.
    questions.sort_by_cached_key(|q| (order.get(*q).copied().unwrap_or(usize::MAX), *q));
    questions.dedup();
    let mut steps = Vec::new();
    for qid in questions {
        let ours = mine.answer(qid).cloned().unwrap_or_default();
        let theirs = theirs_r.answer(qid).cloned().unwrap_or_default();
        if ours == theirs {
            steps.push(None);
            continue;
        }
        let b = base(qid);
        if theirs == b {
            // Changed here only (or not at all there since the copies parted): nothing to bring.
            continue;
        }
        let m = three_way::merge(&b, &ours, &theirs);
        if m.conflicts.is_empty() && m.answer == ours {
            // Everything the source has is here already (its log lines, say).
            steps.push(None);
            continue;
        }
        let (respondent, question) = (mine.id.clone(), qid.clone());
        let event = if !m.conflicts.is_empty() {
            let other = if m.kept_from == Side::Source { ours.clone() } else { theirs.clone() };
            Event::AnswerConflict {
                respondent,
                question,
                fields: m.conflicts.clone(),
                kept: m.answer.clone(),
                other,
                kept_from: m.kept_from,
            }
        } else if ours.is_empty() {
            Event::AnswerAdded { respondent, question }
        } else if ours == b && m.answer == theirs {
            Event::AnswerTaken { respondent, question }
        } else {
            Event::LogsJoined { respondent, question }
        };
        let old = match &event {
            // A conflict's entry keeps the answer not kept as `old`.
            Event::AnswerConflict { other, .. } => Some(other.clone()),
            _ => Some(ours.clone()).filter(|a| !a.is_empty()),
        };
        let mut c = change(mine, qid, old, m.answer.clone(), by, at);
        if m.answer.is_empty() {
            c.new = None;
        }
        steps.push(Some((c, event, m.answer != ours)));
    }
    steps
}

fn merge_agreed(
    target: &mut Workspace,
    source: &Workspace,
    base: &merge_base::Base,
    (by, at): (&str, &str),
    out: &mut Outcome,
) -> Result<()> {
    let mut questions: Vec<String> =
        target.assessment.agreed.keys().chain(source.assessment.agreed.keys()).cloned().collect();
    questions.sort();
    questions.dedup();
    for qid in &questions {
        let (ours, theirs, b) = (agreed_of(target, qid), agreed_of(source, qid), base.agreed(qid));
        if same_decision(&ours, &theirs) {
            out.identical += 1;
            continue;
        }
        if same_decision(&theirs, &b) {
            continue;
        }
        if ours.is_none() || same_decision(&ours, &b) {
            put(target, qid, theirs.clone(), (by, at))?;
            let question = qid.clone();
            out.events.push(if ours.is_none() {
                Event::AgreedAdded { question }
            } else {
                Event::AgreedTaken { question }
            });
            continue;
        }
        // Both decided differently since the copies parted: the later decision stands.
        let stamp = |a: &Option<Agreed>| a.as_ref().map(|(_, d)| d.decided_at.clone()).unwrap_or_default();
        let source_newer = cmp_timestamps(&stamp(&theirs), &stamp(&ours)) == Ordering::Greater;
        let (Some(o), Some(t)) = (ours.clone(), theirs.clone()) else {
            // One side cleared it, the other changed it: the change is kept (nothing is lost).
            let kept_from = if ours.is_some() { Side::Target } else { Side::Source };
            let (kept, other) = if kept_from == Side::Target { (ours, theirs) } else { (theirs, ours) };
            let Some(kept) = kept else { continue };
            let other = other.or(b).unwrap_or_else(|| kept.clone());
            record_agreed(target, qid, &kept, &other, kept_from, (by, at))?;
            out.events.push(Event::AgreedConflict { question: qid.clone(), kept, other, kept_from });
            continue;
        };
        let (kept, other, kept_from) = if source_newer { (t, o, Side::Source) } else { (o, t, Side::Target) };
        record_agreed(target, qid, &kept, &other, kept_from, (by, at))?;
        out.events.push(Event::AgreedConflict { question: qid.clone(), kept, other, kept_from });
    }
    Ok(())
}

fn put(target: &mut Workspace, qid: &str, value: Option<Agreed>, (by, at): (&str, &str)) -> Result<()> {
    store(target)?.put_agreed(qid, value.clone(), by, at, "merge")?;
    match value {
        Some((v, d)) => {
            target.assessment.agreed.insert(qid.to_owned(), v);
            target.assessment.agreed_meta.insert(qid.to_owned(), d);
        }
        None => {
            target.assessment.agreed.remove(qid);
            target.assessment.agreed_meta.remove(qid);
        }
    }
    Ok(())
}

/// A conflict's outcome: the source's decision taken (its entry's `old` is ours, not kept), or
/// ours kept with an entry alone holding the source's, not kept.
fn record_agreed(
    target: &mut Workspace,
    qid: &str,
    kept: &Agreed,
    other: &Agreed,
    kept_from: Side,
    (by, at): (&str, &str),
) -> Result<()> {
    if kept_from == Side::Source {
        return put(target, qid, Some(kept.clone()), (by, at));
    }
    let e =
        history::Entry { at, by, respondent: "", question: qid, kind: "merge", reverts: None, old: None, new: None };
    let old = Some(consensus::inline(other.0, &other.1));
    store(target)?.stage_record(&history::render_tables(&e, old, &[], consensus::inline(kept.0, &kept.1)))
}
