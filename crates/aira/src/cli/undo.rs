//! `aira undo` / `aira redo`: revert the newest change made as a respondent (`--respondent`,
//! else the workspace's default or first respondent), or re-apply what their last undo
//! reverted. Never another respondent's change; each is recorded in the history like any
//! change, and refused (nothing written) when the workspace no longer holds what it would undo.

use std::path::Path;

use anyhow::{Result, bail};

use aira_store::workspace;

pub fn run(dir: &Path, respondent: Option<&str>, redo: bool) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let who = match respondent {
        None => super::capture::answering(&ws),
        Some(key) => match super::respondent::find(&ws.assessment, key) {
            Some(r) => r.id.clone(),
            None => {
                let known: Vec<&str> = ws.assessment.respondents.iter().map(|r| r.name.as_str()).collect();
                bail!("no respondent `{key}` in this workspace (known: {}); nothing changed", known.join(", "));
            }
        },
    };
    let name = ws.assessment.respondent(&who).map_or_else(|| who.clone(), |r| r.name.clone());
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let done = if redo { workspace::redo_as(&mut ws, &who, &user)? } else { workspace::undo_as(&mut ws, &who, &user)? };
    super::warn_saved(&mut ws);
    match done {
        Some(r) => super::outln!("{}; history entry {} reverted", r.said, r.reverts)?,
        None => super::outln!("Nothing to {} for {name}", if redo { "redo" } else { "undo" })?,
    }
    Ok(0)
}
