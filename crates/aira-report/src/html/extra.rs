//! The HTML report's parts shared with the PDF and DOCX: executive summary, charts, findings,
//! evidence and methodology, laid out from the same deliverable parts (`deliverable::parts`,
//! which `deliverable::document` serialises for them) so that the three formats carry the same
//! sections and the same words.

use std::fmt::Write;

use super::super::fmt::html;
use crate::deliverable::parts::{Finding, Parts, View};
use aira_core::report::model::Report;

fn table(head: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", html(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{c}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn lines(v: &[String]) -> String {
    v.iter().map(|x| html(x)).collect::<Vec<_>>().join("<br>")
}

pub fn summary(d: &Parts) -> String {
    let sum = &d.summary;
    let mut out = String::from("<section id=\"summary\"><h2>Executive summary</h2>");
    let paras = &sum.paragraphs;
    for p in paras.iter().take(paras.len().saturating_sub(1)) {
        let _ = write!(out, "<p>{}</p>", html(p));
    }
    out.push_str("<div class=\"kpis\">");
    for k in &sum.kpis {
        let _ = write!(
            out,
            "<div class=\"kpi\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            html(k.label),
            html(&k.value),
            html(&k.note)
        );
    }
    out.push_str("</div>");
    if !sum.top_actions.is_empty() {
        out.push_str("<h3>Top actions</h3>");
        out.push_str(&table(
            &["Ref", "Recommended action", "Area", "Priority"],
            sum.top_actions.iter().map(|&i| &d.findings[i]).map(|f| {
                vec![
                    html(&f.reference),
                    format!("{}<br><span class=\"muted\">{}</span>", html(&f.action), html(&f.question)),
                    html(&f.area),
                    html(&f.priority),
                ]
            }),
        ));
    }
    let x = &sum.readiness;
    let _ = write!(
        out,
        "<h3>Certification readiness</h3><p class=\"panel\"><strong>The rule.</strong> {}</p>",
        html(&x.rule)
    );
    if let Some(last) = paras.last() {
        let _ = write!(out, "<p>{}</p>", html(last));
    }
    if !x.short.is_empty() {
        out.push_str(&table(
            &["Control", "Title", "Short of the rule"],
            x.short.iter().map(|c| vec![html(&c.control), html(&c.title), html(&c.why)]),
        ));
    }
    out.push_str("</section>\n");
    out
}

/// The radar and the phase bars (the charts are our own SVG, no user text in them).
pub fn charts(r: &Report) -> String {
    format!(
        "<section id=\"charts\" class=\"follows\"><h2>Scores at a glance</h2><div class=\"charts\"><figure>{}<figcaption>NIST AI RMF functions against target</figcaption></figure>\
         <figure>{}<figcaption>ISO/IEC 42001 phases against target</figcaption></figure></div>{}</section>\n",
        crate::charts::radar(r),
        crate::charts::phases(r),
        crate::charts::trend(r)
            .map(|t| format!(
                "<figure class=\"wide\">{t}<figcaption>Scores now against the baseline</figcaption></figure>"
            ))
            .unwrap_or_default(),
    )
}

pub fn findings(d: &Parts) -> String {
    let mut out = String::from(
        "<section id=\"findings\"><h2>Findings and actions</h2><p class=\"lead\">Every answered question below its target is a \
         finding, numbered by priority (the gap multiplied by the question's weight).</p>",
    );
    if d.findings.is_empty() {
        out.push_str("<p>No answered question is below its target.</p>");
    }
    for f in &d.findings {
        finding(&mut out, f);
    }
    out.push_str("</section>\n");
    out
}

/// One finding's card, written straight into the section (10,000 of them at 10k questions).
fn finding(out: &mut String, f: &Finding) {
    let evidence = if f.evidence.is_empty() {
        format!("Evidence to provide: {}", lines(&f.hints).replace("<br>", "; "))
    } else {
        format!("Evidence recorded: {}", lines(&f.evidence).replace("<br>", "; "))
    };
    let _ = write!(
        out,
        "<div class=\"finding\"><h4><span class=\"ref\">{}</span> {}</h4><div class=\"meta\">{} · now {}, target {} (gap {}) · priority {} · {}</div>\
         <p><strong>Recommended action.</strong> {}</p><div class=\"meta\">Owner: {} · Due: {}</div><div class=\"meta\">{}</div></div>",
        html(&f.reference),
        html(&f.question),
        html(&f.area),
        html(&f.current),
        html(&f.target),
        html(&f.gap),
        html(&f.priority),
        html(f.term),
        html(&f.action),
        html(&f.owner),
        html(&f.due),
        evidence
    );
}

pub fn evidence(d: &Parts) -> String {
    let mut out = String::from("<section id=\"evidence\"><h2>Evidence</h2><h3>Evidence register</h3>");
    if d.evidence.is_empty() {
        out.push_str("<p>No evidence has been recorded yet.</p>");
    } else {
        out.push_str(&table(
            &["Question", "Evidence", "Added by", "When", "SHA-256"],
            d.evidence
                .iter()
                .map(|e| vec![html(&e.question), html(&e.reference), html(&e.by), html(&e.at), html(&e.hash)]),
        ));
    }
    out.push_str("<h3>Evidence requested</h3>");
    out.push_str(&table(
        &["Question", "Why", "Evidence to provide"],
        d.requests.iter().map(|q| vec![html(&q.question), html(q.reason), lines(&q.hints)]),
    ));
    out.push_str("</section>\n");
    out
}

fn views(phases: &[&str], list: &[View], first: &str, second: &str) -> String {
    let mut head = vec![first, second, "Answered", "Score"];
    head.extend(phases);
    head.push("Answers recorded");
    table(
        &head,
        list.iter().map(|v| {
            let mut row = vec![html(&v.name), html(&v.detail), html(&v.answered), html(&v.score)];
            row.extend(v.phases.iter().map(|x| html(x)));
            row.push(html(&v.period));
            row
        }),
    )
}

pub fn methodology(d: &Parts) -> String {
    let m = &d.method;
    let mut out = String::from("<section id=\"method\"><h2>Methodology</h2><h3>The scale</h3>");
    let scale_text = html(&m.scale_text);
    if !scale_text.is_empty() {
        let _ = write!(out, "<p>{scale_text}</p>");
    }
    out.push_str(&table(
        &["Level", "Name", "What it means"],
        m.levels
            .iter()
            .map(|l| vec![html(&l.value), format!("<strong>{}</strong>", html(&l.name)), html(&l.description)]),
    ));
    out.push_str("<h3>From answers to scores</h3>");
    for k in [&m.aggregation, &m.weighting, &m.agreed, &m.period] {
        let _ = write!(out, "<p>{}</p>", html(k));
    }
    out.push_str("<h3>Respondents and roles</h3>");
    out.push_str(&views(&m.phases, &m.respondents, "Respondent", "Role"));
    if !m.roles.is_empty() {
        out.push_str("<p>Each role's scores from its respondents' answers alone:</p>");
        out.push_str(&views(&m.phases, &m.roles, "Role", "Respondents"));
    }
    out.push_str("</section>\n");
    out
}

pub fn roadmap(d: &Parts) -> String {
    let mut out = String::from(
        "<section id=\"roadmap\" class=\"follows\"><h2>Roadmap</h2><p class=\"lead\">The findings placed in three horizons: \
         foundations of the Plan phase first, then the rest by priority.</p>",
    );
    for h in &d.roadmap {
        let _ = write!(out, "<h3>{}</h3>", html(h.term));
        if h.items.is_empty() {
            out.push_str("<p class=\"muted\">Nothing planned in this horizon.</p>");
            continue;
        }
        out.push_str(&table(
            &["Ref", "Action", "Owner", "Due"],
            h.items.iter().map(|&i| &d.findings[i]).map(|f| {
                vec![
                    html(&f.reference),
                    format!("{}<br><span class=\"muted\">{}</span>", html(&f.action), html(&f.question)),
                    html(&f.owner),
                    html(&f.due),
                ]
            }),
        ));
    }
    out.push_str("</section>\n");
    out
}
