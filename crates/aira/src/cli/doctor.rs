//! `aira doctor`: what a workspace's owner should know, without changing anything: notices
//! from opening it (edited questionnaire, lock holder, …), answers and roadmap entries with no
//! question, evidence files missing or changed since they were hashed, SoA decisions without a
//! justification.

use std::path::Path;

use anyhow::Result;

use aira_core::assessment::Value;
use aira_core::text::sanitize;
use aira_store::workspace::{self, Access};

pub fn run(dir: &Path) -> Result<i32> {
    let ws = workspace::open(dir, Access::ReadOnly)?;
    let q = &ws.questionnaire;
    super::outln!("Workspace {} — questionnaire {} {}", dir.display(), q.id, q.version)?;
    let mut problems = 0;
    for n in &ws.notices {
        super::outln!("notice: {}", sanitize(n, false))?;
        problems += 1;
    }
    if let Some(lines) = workspace::torn_history(dir)? {
        super::outln!(
            "{}: an entry cut short by a crash or a full disk (skipped by readers; the next aira to write cuts it, keeping a backup)",
            sanitize(&lines, false)
        )?;
        problems += 1;
    }
    let orphans = ws.assessment.orphans(q);
    if !orphans.is_empty() {
        super::outln!("{} answer(s) to questions this questionnaire lacks (kept in the files):", orphans.len())?;
        for (respondent, qid) in orphans {
            let value = ws.assessment.respondent(respondent).and_then(|r| r.answer(qid)).and_then(|a| a.value);
            let shown = match value {
                Some(Value::Level(l)) => format!("level {l}"),
                Some(Value::NotApplicable) => "not applicable".to_owned(),
                None => "note or flag only".to_owned(),
            };
            super::outln!("  answers/{respondent}.toml: `{}` ({shown})", sanitize(qid, false))?;
            problems += 1;
        }
    }
    for r in &ws.assessment.respondents {
        for (qid, a) in &r.answers {
            for e in &a.evidence {
                if let Some(problem) = workspace::evidence::verify(dir, e) {
                    super::outln!("evidence {} ({qid}, {}): {problem}", e.reference, r.id)?;
                    problems += 1;
                }
            }
        }
    }
    for qid in ws.meta.roadmap.keys().filter(|k| q.question(k).is_none()) {
        super::outln!("roadmap entry for `{qid}`, a question the questionnaire lacks (kept in workspace.toml)")?;
        problems += 1;
    }
    let unjustified = super::soa::unjustified(&ws.meta);
    if !unjustified.is_empty() {
        super::outln!(
            "{} SoA decision(s) without a justification: {} (`aira soa set CONTROL --applicable --justification TEXT`)",
            unjustified.len(),
            unjustified.join(", ")
        )?;
        problems += 1;
    }
    if problems == 0 {
        super::outln!("No problems found.")?;
    }
    Ok(0)
}
