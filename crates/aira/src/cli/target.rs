//! `aira target QUESTION LEVEL|--clear`: the engagement's target for a question (one per
//! question, whoever answers), as `t` and a digit in the wizard; saved in targets.toml with a
//! `target` history entry. An unknown question or a level off the scale writes nothing.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use aira_store::workspace;

pub fn run(dir: &Path, qid: &str, level: Option<&str>, clear: bool) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let Some(question) = ws.questionnaire.question(qid) else {
        bail!(
            "unknown question id `{qid}` (see the questionnaire in {})",
            dir.join(workspace::QUESTIONNAIRE_FILE).display()
        );
    };
    if question.is_classification() {
        bail!("`{qid}` is a classification question: it is not scored, so it has no target");
    }
    let qid = question.id.clone();
    let level = match (level, clear) {
        (Some(text), false) => {
            let scale = &ws.questionnaire.scale;
            match text.parse::<u8>() {
                Ok(l) if scale.contains(l) => Some(l),
                _ => bail!("level must be {}..{} (or --clear), not `{text}`", scale.min, scale.max),
            }
        }
        (None, true) => None,
        // clap refuses both and neither; kept so a change there cannot write a wrong target.
        _ => bail!("give a LEVEL or --clear"),
    };
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let now = workspace::now_rfc3339();
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    let was = store.targets().get(&qid).map(|t| t.level);
    store.set_target(&qid, level, &user, &now)?;
    super::warn_saved(&mut ws);
    let was = was.map_or_else(|| "none".to_owned(), |l| l.to_string());
    match level {
        Some(l) => super::outln!("{qid}: engagement target {l} (was {was})")?,
        None => super::outln!("{qid}: engagement target cleared (was {was}); the workspace default applies")?,
    }
    Ok(0)
}
