//! `aira log`, `aira flag`, `aira note`: the wizard's captures from the command line, so a
//! facilitator can script them and tests can drive them. Each is one change to one answer
//! through the store's durable save (on disk, with its history entry, before exit 0), stamped
//! by the store's rule (a log line or flag keeps when the answer was given).

use std::path::Path;

use anyhow::{Result, anyhow, bail};

use aira_core::assessment::LogEntry;
use aira_store::workspace::{self, Change, Workspace};

/// What to change on the answer.
pub enum Capture<'a> {
    Log(&'a str),
    Flag(bool),
    Note(&'a str),
}

pub fn run(dir: &Path, qid: &str, capture: &Capture<'_>, respondent: Option<&str>) -> Result<i32> {
    let mut ws = super::open_write(dir)?;
    let question = question_id(&ws, qid)?;
    let text = match capture {
        Capture::Log(t) | Capture::Note(t) => Some(*t),
        Capture::Flag(_) => None,
    };
    if let Some((_, c)) = text.and_then(|t| aira_core::text::find_forbidden_control(t, true)) {
        bail!("the text contains the control character U+{:04X}", c as u32);
    }
    // The one lookup every command uses: an unknown name is refused, never created.
    let r = super::respondent::resolve(&ws, respondent)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let now = workspace::now_rfc3339();
    let old = ws.assessment.respondent(&r.id).and_then(|r| r.answer(&question)).cloned();
    let mut new = old.clone().unwrap_or_default();
    let done = match capture {
        Capture::Log(t) => {
            let t = t.trim();
            if t.is_empty() {
                bail!("the log line is empty: nothing to record");
            }
            if t.len() > crate::tui::update::MAX_LOG_LINE {
                bail!(
                    "the log line is {} bytes; the limit is {} (a log line is a sentence: keep longer text in the note)",
                    t.len(),
                    crate::tui::update::MAX_LOG_LINE
                );
            }
            new.log.push(LogEntry { at: now.clone(), by: user.clone(), text: t.to_owned() });
            "Logged a line"
        }
        Capture::Flag(on) => {
            new.flag = *on;
            if *on { "Flagged" } else { "Unflagged" }
        }
        Capture::Note(t) => {
            (*t).clone_into(&mut new.note);
            if t.is_empty() { "Cleared the note" } else { "Noted" }
        }
    };
    let name = r.name.clone();
    if Some(&new) == old.as_ref() || (old.is_none() && new.is_empty()) {
        super::outln!("Nothing to change: {question} of {name} is already so")?;
        return Ok(0);
    }
    save_answer(&mut ws, r.clone_header(), question.clone(), (old, new), (user, now))?;
    super::outln!("{done} on {question} for {name}")?;
    Ok(0)
}

/// One answer change, saved the one way every command saves it: stamped by the store's rule
/// (`answered_at` moves only with the level or note), durable with its history entry, then
/// the saved-but-warned cases reported. `old → new` is the answer before and after; an answer
/// left with nothing in it is removed rather than kept empty.
pub(crate) fn save_answer(
    ws: &mut Workspace,
    respondent: aira_core::assessment::Respondent,
    question: String,
    (old, mut new): (Option<aira_core::assessment::Answer>, aira_core::assessment::Answer),
    (by, at): (String, String),
) -> Result<()> {
    workspace::stamp::stamp(old.as_ref(), &mut new, &by, &at);
    let change = Change {
        respondent,
        question,
        old,
        new: (!new.is_empty()).then_some(new),
        by,
        at,
        kind: "answer".into(),
        reverts: None,
    };
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    store.apply(&change)?;
    super::warn_saved(ws);
    Ok(())
}

/// The question `qid` names, or a refusal with the closest id.
pub(crate) fn question_id(ws: &Workspace, qid: &str) -> Result<String> {
    if let Some(q) = ws.questionnaire.question(qid) {
        return Ok(q.id.clone());
    }
    let ids = ws.questionnaire.questions.iter().map(|q| q.id.as_str());
    let hint =
        aira_core::questionnaire::closest_id(qid, ids).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default();
    bail!(
        "unknown question id `{qid}`{hint}; the questions are in {}",
        ws.dir.join(workspace::QUESTIONNAIRE_FILE).display()
    )
}

/// Who the CLI's changes are made as when no `--respondent` says (agreed levels, SoA,
/// engagement facts, and `aira undo`/`aira redo`): the workspace's default respondent when
/// it has answers, else its first respondent, else no one.
pub(crate) fn answering(ws: &Workspace) -> String {
    let a = &ws.assessment;
    a.respondent(&ws.meta.default_respondent)
        .or_else(|| a.respondents.first())
        .map(|r| r.id.clone())
        .unwrap_or_default()
}
