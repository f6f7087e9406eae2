//! `aira heatmap`: the phase × function grid, coloured on a terminal, or as JSON.

use anyhow::Result;
use clap::ValueEnum;

use aira_store::workspace::Access;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HeatmapFormat {
    Text,
    Json,
}

pub fn run(dir: &std::path::Path, format: HeatmapFormat, color: bool) -> Result<i32> {
    let ws = super::open(dir, Access::ReadOnly)?;
    let (q, scores) = super::score_of(&ws);
    match format {
        HeatmapFormat::Text => super::rawln!("{}", aira_report::heatmap::text(&q, &scores, color).trim_end())?,
        HeatmapFormat::Json => {
            super::outln!("{}", serde_json::to_string_pretty(&aira_report::heatmap::json(&q, &scores))?)?
        }
    }
    Ok(0)
}
