//! `aira evidence add|list|remove`: the evidence register. A file is recorded by its path
//! relative to the workspace with its size and SHA-256 (copied into `evidence/` only with
//! `--copy`), a URL as it is; each item belongs to one respondent's answer to one question.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::{Subcommand, ValueEnum};
use serde_json::json;

use aira_core::assessment::{Evidence, EvidenceKind, Respondent};
use aira_store::workspace::{self, Access, Workspace, evidence};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Subcommand, Debug)]
pub enum EvidenceCmd {
    /// Record a file (hashed; copied into evidence/ with --copy) or an http(s) URL as evidence
    Add {
        /// The question the evidence supports (its id)
        question: String,
        /// A file (recorded by relative path, size and SHA-256) or an http(s) URL
        #[arg(value_name = "PATH_OR_URL")]
        target: String,
        /// Whose answer it supports, by id or name (default: the one answering; an unknown one is refused)
        #[arg(long, value_name = "NAME")]
        respondent: Option<String>,
        /// What it shows
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// Copy the file into the workspace's evidence/ folder (never over another file)
        #[arg(long)]
        copy: bool,
    },
    /// List every evidence item: question, number, respondent, reference, size, hash, who, when
    List {
        /// text for reading, json for tools
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Remove an item by its number in `aira evidence list` or by its reference
    Remove {
        /// The question the item is recorded on (its id)
        question: String,
        /// The item's number in `aira evidence list`, or its reference
        #[arg(value_name = "INDEX|REF")]
        item: String,
        /// Only this respondent's items
        #[arg(long, value_name = "NAME")]
        respondent: Option<String>,
    },
}

pub fn run(dir: &Path, cmd: &EvidenceCmd) -> Result<i32> {
    match cmd {
        EvidenceCmd::List { format } => list(&workspace::open(dir, Access::ReadOnly)?, *format),
        EvidenceCmd::Add { question, target, respondent, note, copy } => {
            // Looked at before the lock is taken: a missing file or a FIFO is refused first.
            let source = evidence::inspect(dir, target)?;
            let mut ws = super::open_write(dir)?;
            let qid = known_question(&ws, dir, question)?;
            let r = respondent_for(&ws, respondent.as_deref())?;
            let user = aira_store::config::user_name(&aira_store::config::load()?);
            let at = workspace::now_rfc3339();
            let item = evidence::add(&mut ws, &r, &qid, &source, (note.as_deref().unwrap_or(""), *copy), (&user, &at))?;
            super::warn_saved(&mut ws);
            let n = items(&ws, &qid).iter().position(|(who, e)| who.id == r.id && e.reference == item.reference);
            super::outln!("Recorded evidence {} of {qid} ({}): {}", n.map_or(0, |n| n + 1), r.id, describe(&item))?;
            Ok(0)
        }
        EvidenceCmd::Remove { question, item, respondent } => {
            let mut ws = super::open_write(dir)?;
            let qid = known_question(&ws, dir, question)?;
            let only = respondent.as_deref().map(|k| respondent_for(&ws, Some(k)).map(|r| r.id)).transpose()?;
            let all = items(&ws, &qid);
            let mine: Vec<&(Respondent, Evidence)> =
                all.iter().filter(|(r, _)| only.as_ref().is_none_or(|id| &r.id == id)).collect();
            let (r, e) = match item.parse::<usize>() {
                Ok(n) => mine
                    .get(n.wrapping_sub(1))
                    .copied()
                    .ok_or_else(|| anyhow!("{qid} has no evidence item {n} (see `aira evidence list`)"))?,
                Err(_) => {
                    let hits: Vec<_> = mine.iter().filter(|(_, e)| e.reference == *item).collect();
                    match hits.as_slice() {
                        [one] => **one,
                        [] => bail!("{qid} has no evidence `{item}` (see `aira evidence list`)"),
                        _ => bail!("`{item}` is evidence of {qid} for several respondents: add --respondent"),
                    }
                }
            };
            let held = ws.assessment.respondent(&r.id).and_then(|x| x.answer(&qid));
            let index = held.and_then(|a| a.evidence.iter().position(|x| x == e)).unwrap_or(usize::MAX);
            let (r, shown) = (r.clone_header(), e.reference.clone());
            let user = aira_store::config::user_name(&aira_store::config::load()?);
            evidence::remove(&mut ws, &r, &qid, index, (&user, &workspace::now_rfc3339()))?;
            super::warn_saved(&mut ws);
            super::outln!("Removed evidence of {qid} ({}): {shown}", r.id)?;
            Ok(0)
        }
    }
}

fn known_question(ws: &Workspace, dir: &Path, qid: &str) -> Result<String> {
    match ws.questionnaire.question(qid) {
        Some(q) => Ok(q.id.clone()),
        None => bail!(
            "unknown question id `{qid}` (see the questionnaire in {})",
            dir.join(workspace::QUESTIONNAIRE_FILE).display()
        ),
    }
}

/// By id or name as `aira answer` finds them; an unknown one is refused.
fn respondent_for(ws: &Workspace, key: Option<&str>) -> Result<Respondent> {
    super::respondent::resolve(ws, key)
}

/// A question's items across respondents (by id: the numbers stay put whatever order the
/// respondents were loaded or added in), in the order `list` numbers them.
fn items(ws: &Workspace, qid: &str) -> Vec<(Respondent, Evidence)> {
    let mut out = Vec::new();
    let mut respondents: Vec<&Respondent> = ws.assessment.respondents.iter().collect();
    respondents.sort_by(|a, b| a.id.cmp(&b.id));
    for r in respondents {
        for e in r.answer(qid).map(|a| a.evidence.as_slice()).unwrap_or_default() {
            out.push((r.clone_header(), e.clone()));
        }
    }
    out
}

fn describe(e: &Evidence) -> String {
    match (e.kind(), e.size, e.short_hash()) {
        (EvidenceKind::Url, ..) => format!("{} (URL)", e.reference),
        (_, Some(size), Some(h)) => format!("{} ({size} bytes, sha256 {h})", e.reference),
        _ => e.reference.clone(),
    }
}

fn list(ws: &Workspace, format: ListFormat) -> Result<i32> {
    let mut rows = Vec::new();
    for q in &ws.questionnaire.questions {
        for (n, (r, e)) in items(ws, &q.id).into_iter().enumerate() {
            rows.push((q, n + 1, r, e));
        }
    }
    if format == ListFormat::Json {
        let json: Vec<_> = rows
            .iter()
            .map(|(q, n, r, e)| {
                json!({"question": q.id, "question_text": q.text, "index": n, "respondent": r.id,
                       "respondent_name": r.name, "reference": e.reference, "kind": e.kind(), "size": e.size,
                       "sha256": e.sha256, "added_at": e.added_at, "added_by": e.added_by, "note": e.note})
            })
            .collect();
        super::outln!("{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(0);
    }
    if rows.is_empty() {
        super::outln!("No evidence recorded (add some with `aira evidence add QUESTION PATH_OR_URL`).")?;
    }
    for (q, n, r, e) in &rows {
        let when = match (e.added_at.as_str(), e.added_by.as_str()) {
            ("", "") => String::new(),
            (at, by) => format!(" — added {at} by {by}"),
        };
        let note = if e.note.is_empty() { String::new() } else { format!(": {}", e.note.replace('\n', " ")) };
        super::outln!("{} #{n} {}: {}{when}{note}", q.id, r.id, describe(e))?;
    }
    Ok(0)
}
