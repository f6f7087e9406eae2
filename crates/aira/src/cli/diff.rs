//! `aira diff BASELINE`: what moved between an earlier workspace and this one.

use std::path::Path;

use anyhow::{Context, Result};
use clap::ValueEnum;

use aira_core::scoring::{Delta, Diff};
use aira_report::interviews::signed;
use aira_store::workspace::{self, Access, Workspace};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Json,
}

/// The diff of a workspace against another (read-only on both sides).
pub fn between(base: &Workspace, cur: &Workspace) -> Diff {
    let ((bq, bs), (cq, cs)) = (super::score_of(base), super::score_of(cur));
    aira_core::scoring::diff(&bq, &bs, &cq, &cs)
}

fn line(label: &str, d: &Delta) -> String {
    let f = |s: Option<f64>| s.map_or_else(|| "–".to_owned(), |v| format!("{v:.1}"));
    format!("{label:<24}{:>6} → {:<6}{:>6}", f(d.base), f(d.current), signed(d))
}

pub fn text(d: &Diff) -> String {
    let mut out = String::new();
    out.push_str(&line("Overall", &d.overall));
    out.push_str("\n\nCells (phase × function)\n");
    for c in &d.cells {
        let name = format!(
            "{} × {}",
            c.phase.map_or("Unassigned", |p| p.title()),
            c.function.map_or("Unassigned", |f| f.title())
        );
        out.push_str(&format!("  {}\n", line(&name, &c.delta)));
    }
    out.push_str("\nPhases\n");
    for p in &d.phases {
        out.push_str(&format!("  {}\n", line(p.phase.map_or("Unassigned", |p| p.title()), &p.delta)));
    }
    out.push_str("\nFunctions\n");
    for f in &d.functions {
        out.push_str(&format!("  {}\n", line(f.function.map_or("Unassigned", |f| f.title()), &f.delta)));
    }
    let moved: Vec<_> = d.questions.iter().filter(|q| q.delta.base != q.delta.current).collect();
    out.push_str(&format!("\nQuestions that changed ({} of {})\n", moved.len(), d.questions.len()));
    for q in moved {
        out.push_str(&format!("  {}\n", line(&aira_core::text::sanitize(&q.id, false), &q.delta)));
    }
    for (what, ids) in [("Added questions", &d.added), ("Removed questions", &d.removed)] {
        if !ids.is_empty() {
            out.push_str(&format!("\n{what}: {}\n", aira_core::text::sanitize(&ids.join(", "), false)));
        }
    }
    out
}

pub fn run(dir: &Path, baseline: &Path, format: DiffFormat) -> Result<i32> {
    let cur = super::open(dir, Access::ReadOnly)?;
    let base =
        workspace::open(baseline, Access::ReadOnly).with_context(|| format!("baseline {}", baseline.display()))?;
    let d = between(&base, &cur);
    match format {
        DiffFormat::Json => super::outln!("{}", serde_json::to_string_pretty(&d)?)?,
        DiffFormat::Text => super::outln!("{}", text(&d).trim_end())?,
    }
    Ok(0)
}
