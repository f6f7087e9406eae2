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

/// The disputed questions of every strongly disagreeing cell: (cell, question id, spread, levels, agreed).
fn disputed(r: &Report) -> Vec<[String; 5]> {
    let mut out = Vec::new();
    for d in &r.disagreements {
        for &i in &d.questions {
            let q = &r.questionnaire.questions[i];
            let levels: Vec<String> =
                r.assessment.levels(&q.id).iter().map(|(who, v)| format!("{} {}", who.name, value(*v))).collect();
            let agreed = r.assessment.agreed.get(&q.id).map_or_else(|| "not yet".to_owned(), |v| value(*v));
            out.push([cell_name(d), q.id.clone(), r.spreads[i].to_string(), levels.join(", "), agreed]);
        }
    }
    out
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
    let rows = disputed(r);
    if rows.is_empty() {
        return "## Disagreements\n\nNo question's respondents differ by 2 levels or more.\n\n".to_owned();
    }
    let mut out = format!(
        "## Disagreements\n\n{DISAGREE_LEAD}\n\n| Cell | Question | Spread | Levels | Agreed |\n|---|---|---|---|---|\n"
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
    let rows = disputed(r);
    let mut out = String::from("<section id=\"disagreements\"><h2>Disagreements</h2>");
    if rows.is_empty() {
        out.push_str("<p>No question's respondents differ by 2 levels or more.</p></section>\n");
        return out;
    }
    let _ = write!(
        out,
        "<p class=\"lead\">{}</p><table><thead><tr><th>Cell</th><th>Question</th><th>Spread</th><th>Levels</th><th>Agreed</th></tr></thead><tbody>",
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

pub fn md_trend(r: &Report) -> String {
    let Some((path, d)) = &r.trend else { return String::new() };
    let mut out = format!(
        "## Trend since the baseline\n\nCompared with {}{} (current − baseline; – where either has no score).\n\n| Group | Baseline | Now | Change |\n|---|---|---|---|\n",
        md_text(path),
        md_text(&r.baseline_about)
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
    let Some((path, _)) = &r.trend else { return String::new() };
    let mut out = format!(
        "<section id=\"trend\"><h2>Trend since the baseline</h2><p class=\"lead\">Compared with {}{} (current − baseline).</p>\
         <table><thead><tr><th>Group</th><th>Baseline</th><th>Now</th><th>Change</th></tr></thead><tbody>",
        html(path),
        html(&r.baseline_about)
    );
    for row in trend_rows(r) {
        out.push_str(&format!("<tr>{}</tr>", row.iter().map(|c| format!("<td>{}</td>", html(c))).collect::<String>()));
    }
    out.push_str("</tbody></table></section>\n");
    out
}
