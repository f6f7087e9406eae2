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
    respondent: Option<&str>,
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
    // Without --respondent the user answers first, as in the wizard's default workspace
    // (`tui::run` calls the same function): a workspace never starts with a placeholder.
    let first = first_respondent(respondent)?;
    for kept in workspace::create_forced(dir, &text, (&name, organisation.unwrap_or("")), force, &first)? {
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
    outln!("First respondent: {} ({})", first.name, first.id)?;
    outln!("Created workspace {} — open it with: aira -w {}", dir.display(), dir.display())?;
    Ok(0)
}

/// The first respondent of a new workspace: `--respondent NAME`, else the user (config
/// `user.name`, the account's full name, `$USER`), else "Respondent 1". Never the placeholder
/// `default`; a name that makes no id is refused before anything is written.
pub(super) fn first_respondent(given: Option<&str>) -> Result<aira_core::assessment::Respondent> {
    let name = match given {
        Some(n) if n.trim().is_empty() => anyhow::bail!("--respondent must name someone"),
        Some(n) => n.trim().to_owned(),
        None => aira_store::config::first_respondent(&aira_store::config::load()?)
            .unwrap_or_else(|| "Respondent 1".to_owned()),
    };
    if let Some((_, c)) = aira_core::text::find_forbidden_control(&name, false) {
        anyhow::bail!("the respondent's name contains the control character U+{:04X}", c as u32);
    }
    let id = aira_core::assessment::respondent_id(&name);
    if id.is_empty() {
        anyhow::bail!("the name `{name}` makes no respondent id (use some letters or digits)");
    }
    Ok(aira_core::assessment::Respondent::new(&id, &name))
}
