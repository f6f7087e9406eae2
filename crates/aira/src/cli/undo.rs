//! `aira undo`: revert the last change recorded in the workspace's history.

use std::path::Path;

use anyhow::Result;

use aira_store::workspace;

pub fn run(dir: &Path) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let undone = workspace::undo(&mut ws, &user)?;
    super::warn_saved(&mut ws);
    let reverted_kind = |n: usize| workspace::read_history(dir).ok()?.get(n.wrapping_sub(1)).map(|c| c.kind.clone());
    match undone {
        Some(c) if c.respondent.id.is_empty() && reverted_kind(c.reverts.unwrap_or(0)).as_deref() != Some("agree") => {
            let n = c.reverts.unwrap_or(0);
            let what = match reverted_kind(n).as_deref() {
                Some("engagement") => "the engagement facts".to_owned(),
                Some(kind) => format!("the {kind} entry of {}", c.question),
                None => c.question.clone(),
            };
            super::outln!("Reverted change {n} ({what}) in workspace.toml")?;
        }
        Some(c) if c.respondent.id.is_empty() => {
            let now = ws
                .assessment
                .agreed
                .get(&c.question)
                .map_or_else(|| "not agreed".to_owned(), |v| super::agree::label(*v));
            super::outln!(
                "Reverted change {} to the agreed value of {}: now {now}",
                c.reverts.unwrap_or(0),
                c.question
            )?;
        }
        Some(c) => {
            let what = c
                .new
                .as_ref()
                .map_or_else(|| "no answer".to_owned(), |a| workspace::history::answer_inline(a).to_string());
            super::outln!(
                "Reverted change {} to {} ({}): now {what}",
                c.reverts.unwrap_or(0),
                c.question,
                c.respondent.id
            )?;
        }
        None => super::outln!("Nothing to undo")?,
    }
    Ok(0)
}
