//! The HTML report's parts shared with the PDF and DOCX: executive summary, charts, findings,
//! evidence and methodology, laid out from the same deliverable data (`deliverable::document`)
//! so that the three formats carry the same sections and the same words.

use std::fmt::Write;

use super::super::fmt::html;
use serde_json::Value;

fn s(v: &Value) -> String {
    html(v.as_str().unwrap_or(""))
}

fn arr(v: &Value) -> &[Value] {
    v.as_array().map_or(&[], Vec::as_slice)
}

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

fn lines(v: &Value) -> String {
    arr(v).iter().map(s).collect::<Vec<_>>().join("<br>")
}

pub fn summary(d: &Value) -> String {
    let sum = &d["summary"];
    let mut out = String::from("<section id=\"summary\"><h2>Executive summary</h2>");
    let paras = arr(&sum["paragraphs"]);
    for p in paras.iter().take(paras.len().saturating_sub(1)) {
        let _ = write!(out, "<p>{}</p>", s(p));
    }
    out.push_str("<div class=\"kpis\">");
    for k in arr(&sum["kpis"]) {
        let _ = write!(
            out,
            "<div class=\"kpi\"><div class=\"label\">{}</div><div class=\"value\">{}</div><div class=\"note\">{}</div></div>",
            s(&k["label"]),
            s(&k["value"]),
            s(&k["note"])
        );
    }
    out.push_str("</div>");
    if !arr(&sum["top_actions"]).is_empty() {
        out.push_str("<h3>Top actions</h3>");
        out.push_str(&table(
            &["Ref", "Recommended action", "Area", "Priority"],
            arr(&sum["top_actions"]).iter().map(|f| {
                vec![
                    s(&f["ref"]),
                    format!("{}<br><span class=\"muted\">{}</span>", s(&f["action"]), s(&f["question"])),
                    s(&f["area"]),
                    s(&f["priority"]),
                ]
            }),
        ));
    }
    let x = &sum["readiness"];
    let _ = write!(
        out,
        "<h3>Certification readiness</h3><p class=\"panel\"><strong>The rule.</strong> {}</p>",
        s(&x["rule"])
    );
    if let Some(last) = paras.last() {
        let _ = write!(out, "<p>{}</p>", s(last));
    }
    if !arr(&x["short"]).is_empty() {
        out.push_str(&table(
            &["Control", "Title", "Short of the rule"],
            arr(&x["short"]).iter().map(|c| vec![s(&c["control"]), s(&c["title"]), s(&c["why"])]),
        ));
    }
    out.push_str("</section>\n");
    out
}

/// The radar and the phase bars (the charts are our own SVG, no user text in them).
pub fn charts(d: &Value) -> String {
    format!(
        "<section id=\"charts\" class=\"follows\"><h2>Scores at a glance</h2><div class=\"charts\"><figure>{}<figcaption>NIST AI RMF functions against target</figcaption></figure>\
         <figure>{}<figcaption>ISO/IEC 42001 phases against target</figcaption></figure></div>{}</section>\n",
        d["charts"]["radar"].as_str().unwrap_or(""),
        d["charts"]["phases"].as_str().unwrap_or(""),
        d["charts"]["trend"]
            .as_str()
            .map(|t| format!(
                "<figure class=\"wide\">{t}<figcaption>Scores now against the baseline</figcaption></figure>"
            ))
            .unwrap_or_default(),
    )
}

pub fn findings(d: &Value) -> String {
    let mut out = String::from(
        "<section id=\"findings\"><h2>Findings and actions</h2><p class=\"lead\">Every answered question below its target is a \
         finding, numbered by priority (the gap multiplied by the question's weight).</p>",
    );
    if arr(&d["findings"]).is_empty() {
        out.push_str("<p>No answered question is below its target.</p>");
    }
    for f in arr(&d["findings"]) {
        let evidence = if arr(&f["evidence"]).is_empty() {
            format!("Evidence to provide: {}", lines(&f["hints"]).replace("<br>", "; "))
        } else {
            format!("Evidence recorded: {}", lines(&f["evidence"]).replace("<br>", "; "))
        };
        let _ = write!(
            out,
            "<div class=\"finding\"><h4><span class=\"ref\">{}</span> {}</h4><div class=\"meta\">{} · now {}, target {} (gap {}) · priority {} · {}</div>\
             <p><strong>Recommended action.</strong> {}</p><div class=\"meta\">Owner: {} · Due: {}</div><div class=\"meta\">{}</div></div>",
            s(&f["ref"]),
            s(&f["question"]),
            s(&f["area"]),
            s(&f["current"]),
            s(&f["target"]),
            s(&f["gap"]),
            s(&f["priority"]),
            s(&f["term"]),
            s(&f["action"]),
            s(&f["owner"]),
            s(&f["due"]),
            evidence
        );
    }
    out.push_str("</section>\n");
    out
}

pub fn evidence(d: &Value) -> String {
    let mut out = String::from("<section id=\"evidence\"><h2>Evidence</h2><h3>Evidence register</h3>");
    if arr(&d["evidence"]).is_empty() {
        out.push_str("<p>No evidence has been recorded yet.</p>");
    } else {
        out.push_str(&table(
            &["Question", "Evidence", "Added by", "When", "SHA-256"],
            arr(&d["evidence"])
                .iter()
                .map(|e| vec![s(&e["question"]), s(&e["reference"]), s(&e["by"]), s(&e["at"]), s(&e["hash"])]),
        ));
    }
    out.push_str("<h3>Evidence requested</h3>");
    out.push_str(&table(
        &["Question", "Why", "Evidence to provide"],
        arr(&d["requests"]).iter().map(|q| vec![s(&q["question"]), s(&q["reason"]), lines(&q["hints"])]),
    ));
    out.push_str("</section>\n");
    out
}

fn views(m: &Value, list: &str, first: &str, second: &str) -> String {
    let mut head = vec![first.to_owned(), second.to_owned(), "Answered".into(), "Score".into()];
    head.extend(arr(&m["phases"]).iter().map(|p| p.as_str().unwrap_or("").to_owned()));
    head.push("Answers recorded".into());
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    table(
        &head,
        arr(&m[list]).iter().map(|v| {
            let mut row = vec![s(&v["name"]), s(&v["detail"]), s(&v["answered"]), s(&v["score"])];
            row.extend(arr(&v["phases"]).iter().map(s));
            row.push(s(&v["period"]));
            row
        }),
    )
}

pub fn methodology(d: &Value) -> String {
    let m = &d["method"];
    let mut out = String::from("<section id=\"method\"><h2>Methodology</h2><h3>The scale</h3>");
    if !s(&m["scale_text"]).is_empty() {
        let _ = write!(out, "<p>{}</p>", s(&m["scale_text"]));
    }
    out.push_str(&table(
        &["Level", "Name", "What it means"],
        arr(&m["levels"])
            .iter()
            .map(|l| vec![s(&l["value"]), format!("<strong>{}</strong>", s(&l["name"])), s(&l["description"])]),
    ));
    out.push_str("<h3>From answers to scores</h3>");
    for k in ["aggregation", "weighting", "agreed", "period"] {
        let _ = write!(out, "<p>{}</p>", s(&m[k]));
    }
    out.push_str("<h3>Respondents and roles</h3>");
    out.push_str(&views(m, "respondents", "Respondent", "Role"));
    if !arr(&m["roles"]).is_empty() {
        out.push_str("<p>Each role's scores from its respondents' answers alone:</p>");
        out.push_str(&views(m, "roles", "Role", "Respondents"));
    }
    out.push_str("</section>\n");
    out
}

pub fn roadmap(d: &Value) -> String {
    let mut out = String::from(
        "<section id=\"roadmap\" class=\"follows\"><h2>Roadmap</h2><p class=\"lead\">The findings placed in three horizons: \
         foundations of the Plan phase first, then the rest by priority.</p>",
    );
    for h in arr(&d["roadmap"]) {
        let _ = write!(out, "<h3>{}</h3>", s(&h["term"]));
        if arr(&h["items"]).is_empty() {
            out.push_str("<p class=\"muted\">Nothing planned in this horizon.</p>");
            continue;
        }
        out.push_str(&table(
            &["Ref", "Action", "Owner", "Due"],
            arr(&h["items"]).iter().map(|i| {
                vec![
                    s(&i["ref"]),
                    format!("{}<br><span class=\"muted\">{}</span>", s(&i["action"]), s(&i["question"])),
                    s(&i["owner"]),
                    s(&i["due"]),
                ]
            }),
        ));
    }
    out.push_str("</section>\n");
    out
}
