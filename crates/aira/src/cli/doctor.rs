//! `aira doctor`: what a workspace's owner should know, without changing anything: every file
//! checked on its own (each problem with file:line:col, history size, torn entries, the lock's
//! holder), then notices from opening it (edited questionnaire, …), answers and roadmap entries
//! with no question, evidence files missing or changed since they were hashed, SoA decisions
//! without a justification. Exits 1 when a file does not read or parse.

use std::path::Path;

use anyhow::Result;

use aira_core::assessment::Value;
use aira_core::text::sanitize;
use aira_store::workspace::doctor::{self, Severity};
use aira_store::workspace::{self, Access};

pub fn run(dir: &Path) -> Result<i32> {
    if !workspace::is_workspace(dir) {
        return Err(workspace::WorkspaceError::NotAWorkspace { path: dir.to_owned() }.into());
    }
    let findings = doctor::check(dir);
    let errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    let mut problems = findings.iter().filter(|f| f.severity != Severity::Note).count();
    if errors > 0 {
        super::outln!("Workspace {}", sanitize(&dir.display().to_string(), false))?;
    }
    let ws = (errors == 0).then(|| workspace::open(dir, Access::ReadOnly)).transpose()?;
    if let Some(ws) = &ws {
        let q = &ws.questionnaire;
        super::outln!("Workspace {} — questionnaire {} {}", dir.display(), q.id, q.version)?;
    }
    for f in &findings {
        super::outln!("{}", sanitize(&f.to_string(), false))?;
    }
    let Some(ws) = ws else {
        super::outln!(
            "{errors} file problem(s): aira refuses this workspace (or writing to it) until they are mended."
        )?;
        return Ok(1);
    };
    let q = &ws.questionnaire;
    for n in &ws.notices {
        super::outln!("notice: {}", sanitize(n, false))?;
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
