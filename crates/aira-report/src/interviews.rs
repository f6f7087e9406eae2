//! The parts of a deliverable that come from interviews and workshops: where respondents
//! disagree, each question's interview log, and the trend since the baseline. Markdown and
//! HTML renderings live together here because both read the same few fields of `Report`.

use std::fmt::Write;

use super::fmt::{self, html, md_cell, md_text};
use aira_core::report::model::{Report, Row};
use aira_core::scoring::Delta;

fn cell_name(d: &aira_core::scoring::CellDisagreement) -> String {
    format!("{} × {}", fmt::phase(d.phase), fmt::function(d.function))
}

/// Worth a section only once at least two people answered.
fn has_panel(r: &Report) -> bool {
    r.respondents().len() >= 2
}

/// The disputed questions of every strongly disagreeing cell: (cell, question text, spread,
/// levels, agreed). Client-facing, so the question is named by its text, not its id.
pub fn disputed_rows(r: &Report) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    for d in &r.disagreements {
        for &i in &d.questions {
            let q = &r.questionnaire.questions[i];
            let given = r.assessment.levels(&q.id);
            let mut levels: Vec<String> = given.iter().map(|(who, v)| format!("{} {}", who.name, value(*v))).collect();
            // A large panel: who gave the extremes, not thirty names in one cell.
            if given.len() > PANEL_NAMES {
                levels = summarise(&given);
            }
            let agreed = r.assessment.agreed.get(&q.id).map_or_else(|| "not yet".to_owned(), |v| value(*v));
            out.push([cell_name(d), q.text.clone(), r.spreads[i].to_string(), levels.join(", "), agreed]);
        }
    }
    out
}

/// Up to this many respondents, the disagreements table names each one's level.
const PANEL_NAMES: usize = 6;

/// "lowest 1 (Ann, Bo), highest 4 (Cy) of 12 respondents".
fn summarise(given: &[(&aira_core::assessment::Respondent, aira_core::assessment::Value)]) -> Vec<String> {
    let levels: Vec<(&str, u8)> = given
        .iter()
        .filter_map(|(who, v)| match v {
            aira_core::assessment::Value::Level(l) => Some((who.name.as_str(), *l)),
            aira_core::assessment::Value::NotApplicable => None,
        })
        .collect();
    let (Some(lo), Some(hi)) = (levels.iter().map(|x| x.1).min(), levels.iter().map(|x| x.1).max()) else {
        return vec![format!("{} respondents", given.len())];
    };
    let names = |l: u8| {
        let all: Vec<&str> = levels.iter().filter(|x| x.1 == l).map(|x| x.0).collect();
        match all.as_slice() {
            [a, b, c, _, ..] => format!("{a}, {b}, {c} and {} more", all.len() - 3),
            few => few.join(", "),
        }
    };
    vec![format!("lowest {lo} ({}), highest {hi} ({}) of {} respondents", names(lo), names(hi), given.len())]
}

/// The trend as (group, baseline, now, change) rows; `None` without a baseline.
pub fn trend_table(r: &Report) -> Option<Vec<[String; 4]>> {
    r.trend.as_ref().map(|_| trend_rows(r))
}

fn value(v: aira_core::assessment::Value) -> String {
    match v {
        aira_core::assessment::Value::Level(l) => l.to_string(),
        aira_core::assessment::Value::NotApplicable => "N/A".to_owned(),
    }
}

const DISAGREE_LEAD: &str = "Questions whose respondents' levels differ by 2 or more; their cells are marked ⚠ in the \
                             heatmap. An agreed level, once set, is what the question scores.";

pub fn md_disagreements(r: &Report) -> String {
    if !has_panel(r) {
        return String::new();
    }
    let rows = disputed_rows(r);
    if rows.is_empty() {
        return "## Disagreements\n\nNo question's respondents differ by 2 levels or more.\n\n".to_owned();
    }
    let mut out = format!(
        "## Disagreements\n\n{DISAGREE_LEAD}\n\n| Cell | Question | Range | Levels | Agreed |\n|---|---|---|---|---|\n"
    );
    for row in rows {
        let _ = writeln!(out, "| {} |", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
    }
    out.push('\n');
    out
}

pub fn html_disagreements(r: &Report) -> String {
    if !has_panel(r) {
        return String::new();
    }
    let rows = disputed_rows(r);
    let mut out = String::from("<section id=\"disagreements\"><h2>Disagreements</h2>");
    if rows.is_empty() {
        out.push_str("<p>No question's respondents differ by 2 levels or more.</p></section>\n");
        return out;
    }
    let _ = write!(
        out,
        "<p class=\"lead\">{}</p><table><thead><tr><th>Cell</th><th>Question</th><th>Range</th><th>Levels</th><th>Agreed</th></tr></thead><tbody>",
        html(DISAGREE_LEAD)
    );
    for row in rows {
        out.push_str(&format!("<tr>{}</tr>", row.iter().map(|c| format!("<td>{}</td>", html(c))).collect::<String>()));
    }
    out.push_str("</tbody></table></section>\n");
    out
}

/// One line per log entry, respondent by respondent, in time order.
pub fn md_log(r: &Report, row: &Row) -> String {
    let logs = r.logs(row);
    if logs.is_empty() {
        return String::new();
    }
    let mut out = String::from("**Interview log**\n\n");
    for (who, entries) in logs {
        for e in entries {
            let _ = writeln!(
                out,
                "- {} · {} (noted by {}): {}",
                md_text(&fmt::when(&e.at)),
                md_text(&who.name),
                md_text(&e.by),
                md_text(&e.text)
            );
        }
    }
    out.push('\n');
    out
}

pub fn html_log(r: &Report, row: &Row) -> String {
    let logs = r.logs(row);
    if logs.is_empty() {
        return String::new();
    }
    let mut out = String::from("<div class=\"log\"><strong>Interview log</strong><ul>");
    for (who, entries) in logs {
        for e in entries {
            let _ = write!(
                out,
                "<li><span class=\"muted\">{} · {} (noted by {})</span> <span class=\"note\">{}</span></li>",
                html(&fmt::when(&e.at)),
                html(&who.name),
                html(&e.by),
                html(&e.text)
            );
        }
    }
    out.push_str("</ul></div>");
    out
}

fn trend_rows(r: &Report) -> Vec<[String; 4]> {
    let Some((_, d)) = &r.trend else { return Vec::new() };
    let row = |name: String, x: &Delta| [name, fmt::score(x.base), fmt::score(x.current), signed(x)];
    let mut rows = vec![row("Overall".into(), &d.overall)];
    rows.extend(d.phases.iter().map(|p| row(fmt::phase(p.phase).to_owned(), &p.delta)));
    rows.extend(d.functions.iter().map(|f| row(fmt::function(f.function).to_owned(), &f.delta)));
    rows.extend(
        d.cells.iter().map(|c| row(format!("{} × {}", fmt::phase(c.phase), fmt::function(c.function)), &c.delta)),
    );
    rows
}

/// `+0.5` / `-1.0` / `0.0`: the difference of the printed scores (`number::change`), or `–`
/// when either side has no score.
pub fn signed(d: &Delta) -> String {
    aira_core::number::signed(d.base.zip(d.current).map(|(b, c)| aira_core::number::change(b, c)))
}

/// The baseline's description after "the baseline assessment": a space, then it (if any).
fn about(text: &str) -> String {
    let t = text.trim_start();
    if t.is_empty() || t.starts_with(';') { t.to_owned() } else { format!(" {t}") }
}

pub fn md_trend(r: &Report) -> String {
    let Some((_, d)) = &r.trend else { return String::new() };
    // The baseline's path is internal; who it assesses (and a note when another organisation) is not.
    let mut out = format!(
        "## Trend against the baseline\n\nCompared with the baseline assessment{} (current − baseline; – where either has no score).\n\n| Group | Baseline | Now | Change |\n|---|---|---|---|\n",
        about(&md_text(&r.baseline_about))
    );
    for row in trend_rows(r) {
        let _ = writeln!(out, "| {} |", row.iter().map(|c| md_cell(c)).collect::<Vec<_>>().join(" | "));
    }
    for (what, ids) in [("Questions added since", &d.added), ("Questions removed since", &d.removed)] {
        if !ids.is_empty() {
            let _ = write!(out, "\n{what}: {}\n", md_text(&ids.join(", ")));
        }
    }
    out.push('\n');
    out
}

pub fn html_trend(r: &Report) -> String {
    if r.trend.is_none() {
        return String::new();
    }
    let mut out = format!(
        "<section id=\"trend\"><h2>Trend against the baseline</h2><p class=\"lead\">Compared with the baseline assessment{} (current − baseline).</p>\
         <table><thead><tr><th>Group</th><th>Baseline</th><th>Now</th><th>Change</th></tr></thead><tbody>",
        about(&html(&r.baseline_about))
    );
    for row in trend_rows(r) {
        out.push_str(&format!("<tr>{}</tr>", row.iter().map(|c| format!("<td>{}</td>", html(c))).collect::<String>()));
    }
    out.push_str("</tbody></table></section>\n");
    out
}
