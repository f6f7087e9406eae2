//! `aira agree QUESTION_ID LEVEL|na|clear`: the facilitator records the value agreed with the
//! respondents after discussion; it wins over the mean of their levels.

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use aira_core::assessment::{Decision, Value};
use aira_store::workspace;

/// How an agreed value reads in messages.
pub fn label(v: Value) -> String {
    match v {
        Value::Level(l) => format!("level {l}"),
        Value::NotApplicable => "not applicable".to_owned(),
    }
}

pub fn run(dir: &Path, qid: &str, level: &str, note: Option<&str>) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let Some(question) = ws.questionnaire.question(qid) else {
        bail!(
            "unknown question id `{qid}` (see the questionnaire in {})",
            dir.join(workspace::QUESTIONNAIRE_FILE).display()
        );
    };
    let qid = question.id.clone();
    let value = if level.eq_ignore_ascii_case("clear") {
        None
    } else if level.eq_ignore_ascii_case("na") {
        Some(Value::NotApplicable)
    } else {
        Some(Value::Level(super::answer::parse_level(question, &ws.questionnaire.scale, level, ", `na` or `clear`")?))
    };
    if let Some(n) = note
        && let Some((_, c)) = aira_core::text::find_forbidden_control(n, true)
    {
        bail!("the note contains the control character U+{:04X}", c as u32);
    }
    if value.is_none() && note.is_some() {
        bail!("`clear` removes the agreed value with its note; leave out --note");
    }
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let now = workspace::now_rfc3339();
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    let keep_note = store.agreed().get(&qid).map(|(_, d)| d.note.clone()).unwrap_or_default();
    let new = value.map(|v| {
        let note = note.map_or(keep_note, str::to_owned);
        (v, Decision { decided_at: now.clone(), decided_by: user.clone(), note })
    });
    store.put_agreed(&qid, new, &user, &now, "agree")?;
    super::warn_saved(&mut ws);
    let levels = ws.assessment.levels(&qid);
    let given: Vec<String> = levels
        .iter()
        .map(|(r, v)| {
            format!(
                "{} {}",
                r.name,
                match v {
                    Value::Level(l) => l.to_string(),
                    Value::NotApplicable => "N/A".to_owned(),
                }
            )
        })
        .collect();
    let given = if given.is_empty() { "no respondent answered".to_owned() } else { given.join(", ") };
    match value {
        Some(v) => {
            super::outln!("{qid}: agreed {} (respondents: {given}; range {})", label(v), ws.assessment.spread(&qid))?
        }
        None => super::outln!("{qid}: agreed value cleared; the score is the respondents' mean again ({given})")?,
    }
    Ok(0)
}
