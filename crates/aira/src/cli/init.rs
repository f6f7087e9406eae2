//! `aira init`: create a workspace folder from a built-in questionnaire, one in the user's
//! folder, or a file.

use std::path::Path;

use anyhow::{Result, anyhow};

use super::questionnaires;
use aira_core::questionnaire;
use aira_store::workspace;

/// The questionnaire for `init`: a built-in id, an id in the user folder, or a path. A broken
/// one is refused here, its errors located in the user's own file (not in the copy that
/// `init` would have written as questionnaire.toml).
fn questionnaire_text(spec: Option<&str>) -> Result<(String, questionnaire::Questionnaire)> {
    let found = match spec {
        Some(spec) => questionnaires::find(spec)?,
        None => {
            let b = questionnaire::default_builtin();
            let parsed = questionnaire::parse(b.file, b.text);
            questionnaires::Found { text: b.text.to_owned(), source: "built-in".into(), parsed }
        }
    };
    let q = found.parsed?;
    Ok((found.text, q))
}

pub fn run(
    dir: &Path,
    questionnaire: Option<&str>,
    (name, organisation): (Option<&str>, Option<&str>),
    (profiles, facts): (&[String], &super::engagement::FactArgs),
    force: bool,
) -> Result<i32> {
    // Every fact is checked before anything is written: a bad date leaves no workspace.
    let facts = facts.edit()?;
    let (text, q) = questionnaire_text(questionnaire)?;
    // Profiles are checked before anything is written: a typo must not leave a workspace
    // that covers the wrong questions.
    let chosen = aira_core::scope::choose_profiles(&q, profiles).map_err(|e| anyhow!(e))?;
    let name = name
        .map(str::to_owned)
        .unwrap_or_else(|| dir.file_name().map_or("assessment".into(), |n| n.to_string_lossy().into_owned()));
    for kept in workspace::create_forced(dir, &text, &name, organisation.unwrap_or(""), force)? {
        outln!("Kept the replaced file as {}", dir.join(kept).display())?;
    }
    if !chosen.is_empty() || !facts.is_empty() {
        let mut ws = workspace::open(dir, workspace::Access::Write)?;
        let store = ws.store.as_mut().ok_or_else(|| anyhow!("{}: cannot write workspace.toml", dir.display()))?;
        if !chosen.is_empty() {
            store.set_profiles(&chosen)?;
            outln!("Profiles: {}", chosen.join(", "))?;
        }
        if !facts.is_empty() {
            super::engagement::apply(&mut ws, &facts)?;
        }
    }
    outln!("Created workspace {} — open it with: aira -w {}", dir.display(), dir.display())?;
    Ok(0)
}
