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

/// The diff of a workspace against another (read-only on both sides), answers compared too.
pub fn between(base: &Workspace, cur: &Workspace) -> Diff {
    let ((bq, bs), (cq, cs)) = (super::score_of(base), super::score_of(cur));
    let mut d = aira_core::scoring::diff(&bq, &bs, &cq, &cs);
    d.mark_answers(&base.assessment, &cur.assessment);
    d
}

fn line(label: &str, d: &Delta) -> String {
    let f = aira_core::number::score;
    format!("{label:<24}{:>6} → {:<6}{:>6}", f(d.base), f(d.current), signed(d))
}

/// One section's lines: the rows that changed, or all of them with `all`.
fn section<'a>(out: &mut String, title: &str, rows: impl Iterator<Item = (String, &'a Delta, bool)>, all: bool) {
    out.push_str(&format!("\n{title}\n"));
    let mut shown = 0;
    for (name, d, changed) in rows {
        if all || changed {
            out.push_str(&format!("  {}\n", line(&name, d)));
            shown += 1;
        }
    }
    if shown == 0 {
        out.push_str("  (no change)\n");
    }
}

/// The diff as text. Rows whose score did not move are left out unless `all`; the overall
/// line always shows.
pub fn text(d: &Diff, all: bool) -> String {
    let mut out = line("Overall", &d.overall);
    out.push('\n');
    let cells = d.cells.iter().map(|c| {
        let name = format!(
            "{} × {}",
            c.phase.map_or("Unassigned", |p| p.title()),
            c.function.map_or("Unassigned", |f| f.title())
        );
        (name, &c.delta, !c.delta.is_unchanged())
    });
    section(&mut out, "Cells (phase × function)", cells, all);
    let phases = d.phases.iter().map(|p| (p.phase.map_or("Unassigned", |p| p.title()).to_owned(), &p.delta));
    section(&mut out, "Phases", phases.map(|(n, d)| (n, d, !d.is_unchanged())), all);
    let functions = d.functions.iter().map(|f| (f.function.map_or("Unassigned", |f| f.title()).to_owned(), &f.delta));
    section(&mut out, "Functions", functions.map(|(n, d)| (n, d, !d.is_unchanged())), all);
    let moved = d.questions.iter().filter(|q| !q.is_unchanged()).count();
    out.push_str(&format!("\nQuestions that changed ({moved} of {})\n", d.questions.len()));
    for q in d.questions.iter().filter(|q| all || !q.is_unchanged()) {
        let mut l = line(&aira_core::text::sanitize(&q.id, false), &q.delta);
        if q.answers_changed && q.delta.is_unchanged() {
            l.push_str("  (answers changed)");
        }
        out.push_str(&format!("  {}\n", l.trim_end()));
    }
    for (what, ids) in [("Added questions", &d.added), ("Removed questions", &d.removed)] {
        if !ids.is_empty() {
            out.push_str(&format!("\n{what}: {}\n", aira_core::text::sanitize(&ids.join(", "), false)));
        }
    }
    out
}

pub fn run(dir: &Path, baseline: &Path, format: DiffFormat, all: bool) -> Result<i32> {
    let cur = super::open(dir, Access::ReadOnly)?;
    let base =
        workspace::open(baseline, Access::ReadOnly).with_context(|| format!("baseline {}", baseline.display()))?;
    let d = between(&base, &cur);
    match format {
        DiffFormat::Json => super::outln!("{}", serde_json::to_string_pretty(&d)?)?,
        DiffFormat::Text => super::outln!("{}", text(&d, all).trim_end())?,
    }
    Ok(0)
}
