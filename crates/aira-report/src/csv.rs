//! CSV: one row per question for the team's spreadsheet, and the Statement of Applicability.
//! Fields are quoted when needed (RFC 4180) and neutralised against formula injection.

use super::fmt::neutralise;
use aira_core::report::model::Report;
use aira_core::scoring::Status;

/// The columns of `aira report --format csv`, in order (shared with the workbook).
pub use crate::columns::ANSWERS as COLUMNS;

/// One text field, neutralised and quoted when it holds a separator, a quote or a line break.
pub fn field(s: &str) -> String {
    quote(&neutralise(s))
}

fn quote(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_owned() }
}

/// A record of text fields.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    mixed(fields, &[])
}

/// A record where the fields at `numbers` are numbers we formatted ourselves: they are not
/// neutralised, so a gap of -2 stays a number for the spreadsheet.
fn mixed<S: AsRef<str>>(fields: &[S], numbers: &[usize]) -> String {
    let mut out = fields
        .iter()
        .enumerate()
        .map(|(i, f)| if numbers.contains(&i) { quote(f.as_ref()) } else { field(f.as_ref()) })
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

/// A number as CSV wants it: unrounded, empty when absent.
pub fn num(v: Option<f64>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

pub fn answers(r: &Report) -> String {
    let mut out = line(&COLUMNS);
    for row in &r.rows {
        let q = row.question;
        out.push_str(&mixed(
            &[
                q.id.clone(),
                q.phase.map(|p| p.as_str().to_owned()).unwrap_or_default(),
                q.function.map(|f| f.as_str().to_owned()).unwrap_or_default(),
                q.nist.join(";"),
                q.iso.join(";"),
                num(row.status.score()),
                (row.status == Status::NotApplicable).to_string(),
                num(row.target),
                num(row.gap),
                row.note(),
                row.evidence.join(";"),
                row.flag.to_string(),
                row.answered_at.clone(),
                row.answered_by.clone(),
                aira_core::report::consensus::agreed_line(r.assessment, &q.id).unwrap_or_default(),
            ],
            &[5, 7, 8],
        ));
    }
    out
}

pub fn soa(r: &Report) -> String {
    let mut out = line(&crate::columns::SOA);
    for s in &r.soa {
        out.push_str(&mixed(
            &[
                s.control.clone(),
                s.title.clone(),
                s.applicability.label().to_owned(),
                s.justification_shown().to_owned(),
                s.status_label().to_owned(),
                num(s.score),
                s.questions.join(";"),
                // Empty when nobody is named: a tool reads a blank cell, not words.
                s.owner.clone(),
            ],
            &[5],
        ));
    }
    out
}

/// `aira score --format csv`: every group's tally, one row each.
pub fn scores(s: &aira_core::scoring::Scores) -> String {
    let mut out = line(&["group", "phase", "function", "score", "answered", "not_applicable", "unanswered", "total"]);
    let row = |group: &str, p: String, f: String, t: &aira_core::scoring::Tally| {
        mixed(
            &[
                group.to_owned(),
                p,
                f,
                num(t.score),
                t.answered.to_string(),
                t.not_applicable.to_string(),
                t.unanswered.to_string(),
                t.total.to_string(),
            ],
            &[3, 4, 5, 6, 7],
        )
    };
    let ps = |p: Option<aira_core::questionnaire::Phase>| p.map_or("unassigned", |p| p.as_str()).to_owned();
    let fs = |f: Option<aira_core::questionnaire::Function>| f.map_or("unassigned", |f| f.as_str()).to_owned();
    for c in &s.cells {
        out.push_str(&row("cell", ps(c.phase), fs(c.function), &c.tally));
    }
    for (p, t) in &s.phases {
        out.push_str(&row("phase", ps(*p), String::new(), t));
    }
    for (f, t) in &s.functions {
        out.push_str(&row("function", String::new(), fs(*f), t));
    }
    out.push_str(&row("overall", String::new(), String::new(), &s.overall));
    out
}
