//! `aira heatmap`: the phase × function grid for a terminal (ANSI colours optional) or as
//! JSON for other tools.

use serde_json::{Value as Json, json};

use super::fmt;
use aira_core::questionnaire::Questionnaire;
use aira_core::scoring::{Scores, Tally};

/// The 16-colour background for a score: one per band on a 0–5 scale, red to green, like the
/// reports (`aira_core::number::colour_step`; other scales are mapped onto the same six).
fn ansi_bg(score: f64, min: u8, max: u8) -> &'static str {
    const BANDS: [&str; 6] = ["41", "101", "43", "103", "102", "42"];
    BANDS[aira_core::number::colour_step(score, min, max)]
}

const W: usize = 10;

fn cell(q: &Questionnaire, t: &Tally, color: bool) -> String {
    let s = format!("{:^W$}", fmt::score(t.score));
    match (t.score, color) {
        (Some(v), true) => format!("\x1b[30;{}m{s}\x1b[0m", ansi_bg(v, q.scale.min, q.scale.max)),
        (None, true) => format!("\x1b[90m{s}\x1b[0m"),
        _ => s,
    }
}

/// The grid with row and column totals; `color` adds ANSI backgrounds per level band.
pub fn text(q: &Questionnaire, s: &Scores, color: bool) -> String {
    let cols = s.functions.len();
    let mut out =
        format!("{} {} — scores {} to {}, – = nothing answered\n\n", q.title, q.version, q.scale.min, q.scale.max);
    out.push_str(&format!("{:<12}", ""));
    for (f, _) in &s.functions {
        out.push_str(&format!("{:^W$}", fmt::function(*f)));
    }
    out.push_str(&format!(" │{:^W$}\n", "All"));
    for (ri, (p, t)) in s.phases.iter().enumerate() {
        out.push_str(&format!("{:<12}", fmt::phase(*p)));
        for c in &s.cells[ri * cols..(ri + 1) * cols] {
            out.push_str(&cell(q, &c.tally, color));
        }
        out.push_str(&format!(" │{}\n", cell(q, t, color)));
    }
    out.push_str(&format!("{}─┼{}\n", "─".repeat(12 + W * cols), "─".repeat(W)));
    out.push_str(&format!("{:<12}", "All"));
    for (_, t) in &s.functions {
        out.push_str(&cell(q, t, color));
    }
    out.push_str(&format!(" │{}\n", cell(q, &s.overall, color)));
    let o = &s.overall;
    out.push_str(&format!(
        "\n{} of {} applicable questions answered ({}), {} not applicable\n",
        o.answered,
        o.applicable(),
        fmt::percent(o.completeness()),
        o.not_applicable
    ));
    out
}

pub fn json(q: &Questionnaire, s: &Scores) -> Json {
    let cols = s.functions.len();
    let grid: Vec<Vec<Option<f64>>> =
        s.cells.chunks(cols.max(1)).map(|row| row.iter().map(|c| c.tally.score).collect()).collect();
    json!({
        "questionnaire": {"id": q.id, "version": q.version},
        "scale": {"min": q.scale.min, "max": q.scale.max},
        "rows": s.phases.iter().map(|(p, _)| json!(p)).collect::<Vec<_>>(),
        "columns": s.functions.iter().map(|(f, _)| json!(f)).collect::<Vec<_>>(),
        "grid": grid,
        "row_scores": s.phases.iter().map(|(_, t)| t.score).collect::<Vec<_>>(),
        "column_scores": s.functions.iter().map(|(_, t)| t.score).collect::<Vec<_>>(),
        "overall": s.overall.score,
        "cells": super::score::json(q, s)["cells"].clone(),
    })
}
