//! `aira upgrade --questionnaire NEW`: move the workspace to a new version of its
//! questionnaire (the work is in workspace::upgrade; this prints the summary).

use std::path::Path;

use anyhow::Result;

use aira_core::text::sanitize;
use aira_store::workspace;

pub fn run(dir: &Path, spec: &str) -> Result<i32> {
    let found = super::questionnaires::find(spec)?;
    let ws = super::open_write(dir)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let s = workspace::upgrade::upgrade(ws, &found.text, &user)?;
    super::outln!(
        "Upgraded {} from version {} to {}: moved {} answer(s), kept {} orphan(s), {} new question(s).",
        s.id,
        s.from,
        s.to,
        s.moved,
        s.orphans,
        s.new_questions
    )?;
    if s.agreed_moved > 0 {
        super::outln!("Moved {} agreed level(s) in consensus.toml to their new question ids.", s.agreed_moved)?;
    }
    for old in &s.agreed_conflicts {
        super::outln!("  the agreed level of `{old}` stayed under its old id: the new question already had one")?;
    }
    for (respondent, old) in &s.conflicts {
        super::outln!(
            "  {respondent}'s answer to `{old}` stayed under its old id: the new question already had an answer"
        )?;
    }
    if s.orphans > 0 {
        super::outln!("Orphaned answers are kept in the answer files; `aira doctor` lists them.")?;
    }
    super::outln!("The previous questionnaire is kept as {}.", sanitize(&s.backup, false))?;
    Ok(0)
}
