//! `aira roadmap set|show`: who owns each roadmap action and when it is due
//! (`[roadmap.QUESTION]` in workspace.toml), each change in history and undone by `aira undo`.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;
use serde_json::json;

use aira_core::engagement::{IsoDate, RoadmapEntry};
use aira_store::workspace::{self, Access};

#[derive(Subcommand, Debug)]
pub enum RoadmapCmd {
    /// Set the owner and/or due date of a question's action (or --clear both)
    Set {
        /// The question whose action it is (its id)
        question: String,
        /// Who owns the action
        #[arg(long, value_name = "NAME")]
        owner: Option<String>,
        /// When it is due (YYYY-MM-DD)
        #[arg(long, value_name = "YYYY-MM-DD")]
        due: Option<String>,
        /// Remove the owner and the due date
        #[arg(long, conflicts_with_all = ["owner", "due"])]
        clear: bool,
    },
    /// List the actions that have an owner or a due date
    Show {
        /// text for reading, json for tools
        #[arg(long, value_enum, default_value_t = super::evidence::ListFormat::Text)]
        format: super::evidence::ListFormat,
    },
}

pub fn run(dir: &Path, cmd: &RoadmapCmd) -> Result<i32> {
    match cmd {
        RoadmapCmd::Show { format } => show(dir, *format),
        RoadmapCmd::Set { question, owner, due, clear } => {
            if owner.is_none() && due.is_none() && !clear {
                bail!("give --owner, --due or --clear");
            }
            let owner = owner.as_deref().map(RoadmapEntry::check_owner).transpose()?;
            let due = due.as_deref().map(str::parse::<IsoDate>).transpose()?;
            let mut ws = super::open_write(dir)?;
            let Some(q) = ws.questionnaire.question(question) else {
                bail!(
                    "unknown question id `{question}` (see the questionnaire in {})",
                    dir.join(workspace::QUESTIONNAIRE_FILE).display()
                );
            };
            let qid = q.id.clone();
            let mut entry =
                if *clear { RoadmapEntry::default() } else { ws.meta.roadmap_entry(&qid).cloned().unwrap_or_default() };
            if let Some(o) = owner {
                entry.owner = o;
            }
            if due.is_some() {
                entry.due = due;
            }
            let user = aira_store::config::user_name(&aira_store::config::load()?);
            let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
            store.set_roadmap(&qid, &entry, &user, &workspace::now_rfc3339())?;
            super::warn_saved(&mut ws);
            let owner = if entry.owner.is_empty() { "no owner".to_owned() } else { format!("owner {}", entry.owner) };
            let due = entry.due.map_or_else(|| "no due date".to_owned(), |d| format!("due {d}"));
            super::outln!("{qid}: {owner}, {due}")?;
            Ok(0)
        }
    }
}

fn show(dir: &Path, format: super::evidence::ListFormat) -> Result<i32> {
    let ws = workspace::open(dir, Access::ReadOnly)?;
    let rows: Vec<(&str, &str, &RoadmapEntry)> = ws
        .questionnaire
        .questions
        .iter()
        .filter_map(|q| ws.meta.roadmap_entry(&q.id).map(|e| (q.id.as_str(), q.text.as_str(), e)))
        .collect();
    if format == super::evidence::ListFormat::Json {
        let json: Vec<_> = rows
            .iter()
            .map(|(id, text, e)| json!({"question": id, "text": text, "owner": e.owner, "due": e.due}))
            .collect();
        super::outln!("{}", serde_json::to_string_pretty(&json)?)?;
        return Ok(0);
    }
    if rows.is_empty() {
        super::outln!(
            "No action has an owner or a due date yet (`aira roadmap set QUESTION --owner NAME --due DATE`)."
        )?;
        return Ok(0);
    }
    let w = rows.iter().map(|(id, ..)| id.chars().count()).max().unwrap_or(0);
    let wo = rows.iter().map(|(_, _, e)| e.owner.chars().count().max(1)).max().unwrap_or(1);
    for (id, text, e) in &rows {
        let owner = if e.owner.is_empty() { "-" } else { &e.owner };
        let due = e.due.map_or_else(|| "-".to_owned(), |d| d.to_string());
        super::outln!("{id:<w$}  {owner:<wo$}  {due:<10}  {text}")?;
    }
    Ok(0)
}
