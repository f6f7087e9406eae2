//! `aira score`: the scores per cell, phase, function and overall, as text, JSON or CSV.

use std::path::Path;

use anyhow::Result;

use super::ScoreFormat;
use aira_store::workspace::{Access, Workspace};

pub fn run(dir: &Path, format: ScoreFormat) -> Result<i32> {
    let ws = super::open(dir, Access::ReadOnly)?;
    let scores = score_of(&ws);
    match format {
        ScoreFormat::Json => {
            outln!("{}", serde_json::to_string_pretty(&aira_report::score::json(&ws.questionnaire, &scores))?)?
        }
        ScoreFormat::Text => outln!("{}", aira_report::score::text(&ws.questionnaire, &scores).trim_end())?,
        ScoreFormat::Csv => outln!("{}", aira_report::csv::scores(&scores).trim_end())?,
    }
    Ok(0)
}

pub fn score_of(ws: &Workspace) -> aira_core::scoring::Scores {
    let statuses = ws.assessment.statuses(&ws.questionnaire);
    aira_core::scoring::score(&ws.questionnaire, &statuses, ws.meta.aggregation)
}
