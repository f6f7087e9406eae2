//! `aira answer`: record one answer through the same durable save as the TUI.

use std::path::Path;

use anyhow::{Result, bail};

use aira_core::assessment::Value;
use aira_store::workspace;

pub fn run(dir: &Path, qid: &str, level: &str, note: Option<&str>, respondent: Option<&str>) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let Some(question) = ws.questionnaire.question(qid) else {
        bail!(
            "unknown question id `{qid}` (see the questionnaire in {})",
            dir.join(workspace::QUESTIONNAIRE_FILE).display()
        );
    };
    let value = if level.eq_ignore_ascii_case("na") {
        Value::NotApplicable
    } else {
        Value::Level(parse_level(question, &ws.questionnaire.scale, level, " or `na`")?)
    };
    if let Some(n) = note
        && let Some((_, c)) = aira_core::text::find_forbidden_control(n, true)
    {
        bail!("the note contains the control character U+{:04X}", c as u32);
    }
    // By id or by display name; an unknown one is refused (a typo must create nobody).
    let r = super::respondent::resolve(&ws, respondent)?;
    let old = ws.assessment.respondent(&r.id).and_then(|r| r.answer(&question.id)).cloned();
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let now = workspace::now_rfc3339();
    let mut new = old.clone().unwrap_or_default();
    new.value = Some(value);
    if let Some(n) = note {
        new.note = n.to_owned();
    }
    let question = question.id.clone();
    super::capture::save_answer(&mut ws, r.clone_header(), question, (old, new), (user, now))?;
    Ok(0)
}

/// A level for `question`: on the scale, or for a classification question `yes`/`no` (1/0)
/// and nothing else, since a classification records a fact (docs/eu-ai-act.md).
pub(super) fn parse_level(
    question: &aira_core::questionnaire::Question,
    scale: &aira_core::questionnaire::Scale,
    text: &str,
    others: &str,
) -> Result<u8> {
    if question.is_classification() {
        return match text.to_ascii_lowercase().as_str() {
            "yes" | "1" => Ok(1),
            "no" | "0" => Ok(0),
            _ => bail!(
                "`{}` is a classification question: answer `yes` or `no` (1 or 0){others}, not `{text}`",
                question.id
            ),
        };
    }
    match text.parse::<u8>() {
        Ok(l) if scale.contains(l) => Ok(l),
        _ => bail!("level must be {}..{}{others}, not `{text}`", scale.min, scale.max),
    }
}
