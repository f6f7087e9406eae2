//! `aira merge SOURCE... [-w TARGET]`: bring respondents, answers and agreed values from other
//! copies of the same assessment. Exit 0 when nothing conflicted, 3 when conflicts were
//! resolved (each listed; the answer not kept is in history.toml), 1 on error.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

use aira_core::assessment::{Answer, Decision, Value};
use aira_core::text::sanitize;
use aira_store::workspace::merge::{Event, Side};
use aira_store::workspace::{self, Access};

/// Exit code when conflicts were found and resolved by keeping the newest.
pub const CONFLICTS: i32 = 3;

fn value(v: Option<Value>) -> String {
    match v {
        Some(v) => super::agree::label(v),
        None => "no level".to_owned(),
    }
}

fn answer(a: &Answer, side: &str) -> String {
    let mut s =
        format!("{} ({} by {}, {side})", value(a.value), stamp(&a.answered_at), sanitize(&a.answered_by, false));
    if !a.note.is_empty() {
        s.push_str(&format!(" note {:?}", sanitize(&a.note, false)));
    }
    s
}

fn decision(v: &(Value, Decision), side: &str) -> String {
    format!("{} ({} by {}, {side})", super::agree::label(v.0), stamp(&v.1.decided_at), sanitize(&v.1.decided_by, false))
}

fn stamp(at: &str) -> String {
    if at.is_empty() { "no time".to_owned() } else { sanitize(at, false).into_owned() }
}

fn describe(e: &Event, source: &str) -> String {
    let sides = |from: Side| match from {
        Side::Source => (source.to_owned(), "here".to_owned()),
        Side::Target => ("here".to_owned(), source.to_owned()),
    };
    let c = |s: &str| sanitize(s, false).into_owned();
    match e {
        Event::RespondentAdded { id, name, answers } => {
            format!("added respondent {} ({}) with {answers} answer(s)", c(id), c(name))
        }
        Event::HeaderTaken { id, header } => {
            format!("took respondent {}'s {} (changed there only)", c(id), c(header))
        }
        Event::HeaderConflict { id, fields, kept, other, kept_from } => {
            let (k, o) = sides(*kept_from);
            format!(
                "CONFLICT respondent {} ({} changed on both sides): kept {} ({k}); other {} ({o}) recorded in history",
                c(id),
                fields.join(", "),
                c(kept),
                c(other)
            )
        }
        Event::AnswerAdded { respondent, question } => format!("added {} / {}", c(respondent), c(question)),
        Event::AnswerTaken { respondent, question } => {
            format!("took {} / {} (changed there only)", c(respondent), c(question))
        }
        Event::LogsJoined { respondent, question } => {
            format!("joined the interview logs, evidence and fields of {} / {}", c(respondent), c(question))
        }
        Event::AnswerConflict { respondent, question, fields, kept, other, kept_from } => {
            let (k, o) = sides(*kept_from);
            format!(
                "CONFLICT {} / {} ({} changed on both sides): kept {}; other {} recorded in history",
                c(respondent),
                c(question),
                fields.join(", "),
                answer(kept, &k),
                answer(other, &o)
            )
        }
        Event::AgreedAdded { question } => format!("added agreed value of {}", c(question)),
        Event::AgreedTaken { question } => format!("took the agreed value of {} (changed there only)", c(question)),
        Event::AgreedConflict { question, kept, other, kept_from } => {
            let (k, o) = sides(*kept_from);
            format!(
                "CONFLICT agreed {}: kept {}; other {} recorded in history",
                c(question),
                decision(kept, &k),
                decision(other, &o)
            )
        }
        Event::TargetTaken { question, level } => {
            format!("took the engagement target of {} ({}; changed there only)", c(question), target(*level))
        }
        Event::TargetConflict { question, kept, other, kept_from } => {
            let (k, o) = sides(*kept_from);
            format!(
                "CONFLICT target {}: kept {} ({k}); other {} ({o}) recorded in history",
                c(question),
                target(*kept),
                target(*other)
            )
        }
    }
}

fn target(level: Option<u8>) -> String {
    level.map_or_else(|| "no target".to_owned(), |l| format!("target {l}"))
}

pub fn run(dir: &Path, sources: &[PathBuf]) -> Result<i32> {
    let mut target = super::open_write(dir)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let here = std::fs::canonicalize(dir).with_context(|| dir.display().to_string())?;
    let mut conflicts = 0;
    let mut identical = 0;
    let mut changes = 0;
    // One run: the target's history is parsed once for every source, not once per source.
    let mut run = workspace::merge::Run::default();
    for path in sources {
        if std::fs::canonicalize(path).is_ok_and(|p| p == here) {
            bail!("{}: cannot merge a workspace into itself", path.display());
        }
        let source = workspace::open(path, Access::ReadOnly).with_context(|| format!("source {}", path.display()))?;
        let at = workspace::now_rfc3339();
        let outcome = run.merge(&mut target, &source, &user, &at)?;
        super::warn_saved(&mut target);
        let label = sanitize(&path.display().to_string(), false).into_owned();
        let added = outcome
            .events
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    Event::RespondentAdded { .. }
                        | Event::AnswerAdded { .. }
                        | Event::AnswerTaken { .. }
                        | Event::AgreedAdded { .. }
                        | Event::AgreedTaken { .. }
                        | Event::LogsJoined { .. }
                )
            })
            .count();
        super::outln!(
            "{label}: {added} addition(s), {} conflict(s), {} identical",
            outcome.conflicts(),
            outcome.identical
        )?;
        for e in &outcome.events {
            super::outln!("  {}", describe(e, &label))?;
        }
        conflicts += outcome.conflicts();
        identical += outcome.identical;
        changes += added;
    }
    super::outln!(
        "Merged {} source(s): {changes} addition(s), {identical} identical, {conflicts} conflict(s) resolved by keeping the newest",
        sources.len()
    )?;
    Ok(if conflicts > 0 { CONFLICTS } else { 0 })
}
