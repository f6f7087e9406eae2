//! `aira upgrade --questionnaire NEW`: move the workspace to a new version of its
//! questionnaire (the work is in workspace::upgrade; this prints the summary).

use std::path::Path;

use anyhow::Result;

use aira_core::text::sanitize;
use aira_store::workspace::{self, Access};

pub fn run(dir: &Path, spec: &str) -> Result<i32> {
    let found = super::questionnaires::find(spec)?;
    let ws = super::open(dir, Access::Write)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let s = workspace::upgrade::upgrade(ws, &found.text, &user)?;
    println!(
        "Upgraded {} from version {} to {}: moved {} answer(s), kept {} orphan(s), {} new question(s).",
        s.id, s.from, s.to, s.moved, s.orphans, s.new_questions
    );
    for (respondent, old) in &s.conflicts {
        println!("  {respondent}'s answer to `{old}` stayed under its old id: the new question already had an answer");
    }
    if s.orphans > 0 {
        println!("Orphaned answers are kept in the answer files; `aira doctor` lists them.");
    }
    println!("The previous questionnaire is kept as {}.", sanitize(&s.backup, false));
    Ok(0)
}
