//! The detailed parts of the HTML report: every answer, the follow-up list, and the Statement
//! of Applicability table.

use std::fmt::Write;

use super::super::fmt::{self, html};
use super::chip;
use aira_core::assessment::Value;
use aira_core::report::model::{Report, Row};

fn value(r: &Report, v: Option<Value>) -> String {
    match v {
        Some(Value::Level(l)) => format!("{} {}", chip(r, Some(f64::from(l))), html(&r.questionnaire.scale.name(l))),
        Some(Value::NotApplicable) => "not applicable".to_owned(),
        None => "<span class=\"muted\">no level</span>".to_owned(),
    }
}

fn answer(r: &Report, row: &Row) -> String {
    let q = row.question;
    let refs: Vec<String> = q.references().map(fmt::reference).collect();
    let status = match row.status.score() {
        Some(_) => chip(r, row.status.score()),
        None => format!("<span class=\"muted\">{}</span>", aira_core::report::model::status_label(row.status)),
    };
    let mut out = format!(
        "<div class=\"q{}\"><div class=\"id\">{}</div><h4>{}</h4><div class=\"meta\">Score {status} · target {} · gap {}{} · {}</div>",
        if row.flag { " flagged" } else { "" },
        html(&q.id),
        html(&q.text),
        fmt::score(row.target),
        fmt::gap(row.gap),
        if row.flag { " · <span class=\"flag\">flagged for follow-up</span>" } else { "" },
        html(&if refs.is_empty() { "no framework references".to_owned() } else { refs.join("; ") }),
    );
    // The score above is the agreed one when there is one: say so, with the rationale.
    if let Some(line) = aira_core::report::consensus::agreed_line(r.assessment, &q.id) {
        let _ = write!(out, "<div class=\"meta agreed\">Consensus — {}</div>", html(&line));
    }
    if !row.answers.is_empty() {
        out.push_str(
            "<table><thead><tr><th>Respondent</th><th>Answer</th><th>Note</th><th>Evidence</th><th>Answered</th></tr></thead><tbody>",
        );
        for (who, a) in &row.answers {
            let evidence: Vec<String> = a.evidence.iter().map(|e| html(e)).collect();
            let _ = write!(
                out,
                "<tr><td>{}{}</td><td>{}</td><td class=\"note\">{}</td><td>{}</td><td class=\"muted\">{}<br>{}</td></tr>",
                html(&who.name),
                if a.flag { " <span class=\"flag\">⚑</span>" } else { "" },
                value(r, a.value),
                html(&a.note),
                evidence.join("<br>"),
                html(&fmt::when(&a.answered_at)),
                html(aira_core::report::register::capturer(&a.answered_by).unwrap_or(""))
            );
        }
        out.push_str("</tbody></table>");
    }
    out.push_str(&super::super::interviews::html_log(r, row));
    out.push_str("</div>");
    out
}

pub fn answers(r: &Report) -> String {
    let mut out = String::from("<section id=\"answers\"><h2>Answers</h2>");
    for (p, t) in &r.scores.phases {
        let _ = write!(out, "<h3>{} {}</h3>", html(fmt::phase(*p)), chip(r, t.score));
        let (shown, open): (Vec<&Row>, Vec<&Row>) =
            r.rows.iter().filter(|x| x.question.phase == *p).partition(|x| x.is_answered());
        for row in shown {
            out.push_str(&answer(r, row));
        }
        if !open.is_empty() {
            let _ = write!(
                out,
                "<h4 class=\"muted\">Not yet answered ({})</h4><table><tbody>{}</tbody></table>",
                open.len(),
                open.iter()
                    .map(|x| format!(
                        "<tr><td class=\"id\">{}</td><td>{}</td></tr>",
                        html(&x.question.id),
                        html(&x.question.text)
                    ))
                    .collect::<String>()
            );
        }
    }
    out.push_str("</section>\n");
    out
}

pub fn follow_up(r: &Report) -> String {
    let items = r.follow_ups();
    let mut out = String::from("<section id=\"follow-up\"><h2>Follow-up</h2>");
    if items.is_empty() {
        out.push_str("<p>Nothing is flagged.</p></section>\n");
        return out;
    }
    out.push_str("<table><thead><tr><th>Question</th><th>Respondent</th><th>Note</th></tr></thead><tbody>");
    for (row, who, a) in items {
        let _ = write!(
            out,
            "<tr><td><span class=\"id\">{}</span><br>{}</td><td>{}</td><td class=\"note\">{}</td></tr>",
            html(&row.question.id),
            html(&row.question.text),
            html(&who.name),
            html(&a.note)
        );
    }
    out.push_str("</tbody></table></section>\n");
    out
}

/// The SoA table: in the full report a section of its own (as in the PDF), in the SoA report
/// the page's only section under the page's own title.
pub fn soa(r: &Report, in_full: bool) -> String {
    let counts: Vec<String> = r.soa_counts().iter().map(|(l, n)| format!("<strong>{n}</strong> {l}")).collect();
    let head = if in_full {
        "<section id=\"soa\"><h2>Statement of Applicability</h2>"
    } else {
        "<section id=\"soa\" class=\"follows\"><h2>Annex A controls</h2>"
    };
    let mut out = format!(
        "{head}<p class=\"lead\">Whether each ISO/IEC 42001 \
         Annex A control applies and how far it is implemented, judged from the questions that cite it: no answered \
         question → not assessed; score below 1 → not implemented; 1 to below 3 → partial; 3 or more → implemented.</p>\
         <p>{}.</p><table><thead><tr><th>Control</th><th>Applicable</th><th>Justification</th><th>Owner</th><th>Status</th>\
         <th>Score</th><th>Evidence</th></tr></thead><tbody>",
        counts.join(", ")
    );
    for s in &r.soa {
        // The evidence recorded for the questions citing the control, as in the PDF: the
        // questions' ids are internal and were all this column showed.
        let evidence: Vec<String> = s
            .questions
            .iter()
            .filter_map(|id| r.row_of(id))
            .flat_map(|row| row.evidence.iter().map(|e| html(e)))
            .collect();
        let _ = write!(
            out,
            "<tr><td><strong>{}</strong> {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"muted\">{}</td></tr>",
            html(&s.control),
            html(&s.title),
            s.applicability.label(),
            html(s.justification_shown()),
            html(s.owner_shown()),
            html(s.status_label()),
            if s.applicable() { chip(r, s.score) } else { String::new() },
            if evidence.is_empty() { "none".to_owned() } else { evidence.join("<br>") }
        );
    }
    out.push_str("</tbody></table></section>\n");
    out
}
