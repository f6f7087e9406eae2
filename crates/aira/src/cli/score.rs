//! `aira score`: the scores per cell, phase, function and overall, as text, JSON or CSV.

use std::path::Path;

use aira_core::questionnaire::Questionnaire;
use anyhow::Result;

use super::ScoreFormat;
use aira_store::workspace::{Access, Workspace};

pub fn run(dir: &Path, format: ScoreFormat) -> Result<i32> {
    let ws = super::open(dir, Access::ReadOnly)?;
    let (q, scores) = score_of(&ws);
    match format {
        ScoreFormat::Json => outln!("{}", serde_json::to_string_pretty(&aira_report::score::json(&q, &scores))?)?,
        ScoreFormat::Text => outln!("{}", aira_report::score::text(&q, &scores).trim_end())?,
        // CSV records end in CRLF, which `outln!` would escape; the cells are numbers and ids.
        ScoreFormat::Csv => super::rawln!("{}", aira_report::csv::scores(&scores).trim_end())?,
    }
    Ok(0)
}

/// The scores of the questions in scope (profiles and classifications, docs/eu-ai-act.md).
/// Returned with the narrowed questionnaire, which the writers lay the scores out by.
pub fn score_of(ws: &Workspace) -> (std::borrow::Cow<'_, Questionnaire>, aira_core::scoring::Scores) {
    let scope = aira_core::scope::Scope::new(&ws.questionnaire, &ws.assessment, &ws.meta.profiles);
    let q = scope.narrow(&ws.questionnaire);
    let statuses = ws.assessment.statuses(&q);
    let scores = aira_core::scoring::score(&q, &statuses, ws.meta.aggregation);
    (q, scores)
}
