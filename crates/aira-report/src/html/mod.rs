//! The HTML report: one self-contained file (inline CSS, inline SVG, no script, no network;
//! a Content-Security-Policy says so to the browser too), printable to PDF with page breaks
//! per section. Everything typed by people passes through `fmt::html`.

mod extra;
mod print;
mod sections;

use std::fmt::Write;

use super::fmt::{self, html};
use aira_core::report::model::Report;
use aira_core::scoring::{GroupGap, RefScore, Tally};

const CSS: &str = include_str!("style.css");

/// A score as a coloured chip.
pub(super) fn chip(r: &Report, score: Option<f64>) -> String {
    let scale = &r.questionnaire.scale;
    let (bg, ink) = fmt::level_colours(score, scale.min, scale.max);
    format!("<span class=\"chip\" style=\"background:{bg};color:{ink}\">{}</span>", fmt::score(score))
}

/// A small horizontal bar for a 0..=1 fraction.
fn bar(fraction: Option<f64>, colour: &str) -> String {
    let pct = (fraction.unwrap_or(0.0).clamp(0.0, 1.0) * 100.0).round();
    format!("<span class=\"bar\"><span style=\"width:{pct}%;background:{colour}\"></span></span>")
}

fn page(r: &Report, title: &str, kicker: &str, toc: &[(&str, &str)], body: &str) -> String {
    let m = r.meta;
    let q = r.questionnaire;
    let name = if m.name.is_empty() { &q.title } else { &m.name };
    // The cover's facts are the PDF's and the DOCX's (assessors, contact, period, status,
    // version included); those not recorded are left out here rather than printed as such.
    let mut facts = String::new();
    let recorded = aira_core::report::register::facts(r).into_iter().filter_map(|f| Some((f.label, f.value?)));
    for (k, v) in recorded.chain([("Generated", fmt::when(&r.generated_at))]) {
        let _ = write!(facts, "<dt>{}</dt><dd>{}</dd>", html(k), html(&v));
    }
    let links: String = toc.iter().map(|(id, t)| format!("<li><a href=\"#{id}\">{}</a></li>", html(t))).collect();
    let nav = if links.is_empty() { String::new() } else { format!("<nav class=\"toc\"><ol>{links}</ol></nav>\n") };
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"aira\">\n\
         <title>{} — {}</title>\n<style>\n{CSS}{}</style>\n</head>\n<body>\n<main>\n\
         <header class=\"cover\"><div class=\"kicker\">{}</div><h1>{}</h1><dl>{facts}</dl></header>\n\
         {nav}{body}\
         <footer>Prepared with aira. Scores run from {} to {}; the methodology section explains how answers become scores.</footer>\n\
         </main>\n</body>\n</html>\n",
        html(title),
        html(name),
        print::footer_css(if m.organisation.trim().is_empty() { name } else { &m.organisation }),
        html(kicker),
        html(name),
        q.scale.min,
        q.scale.max,
    )
}

fn heatmap(r: &Report) -> String {
    format!(
        "<section id=\"heatmap\" class=\"follows\"><h2>Heatmap</h2><p class=\"lead\">ISO/IEC 42001 Plan-Do-Check-Act phases \
         against the NIST AI RMF functions. Framed cells are the totals of their row or column.</p>{}{}</section>\n",
        crate::heatmap_svg::heatmap(r),
        crate::heatmap_svg::legend(r)
    )
}

fn group_table(r: &Report, first: &str, rows: &[(&str, &Tally, &GroupGap)]) -> String {
    let mut out = format!(
        "<table><thead><tr><th>{}</th><th>Score</th><th class=\"num\">Target</th><th class=\"num\">Gap</th>\
         <th class=\"num\">Answered</th><th class=\"num\">N/A</th><th class=\"num\">Unanswered</th><th>Completeness</th></tr></thead><tbody>",
        html(first)
    );
    for (name, t, g) in rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
             <td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}{}</td></tr>",
            html(name),
            chip(r, t.score),
            fmt::score(g.target),
            fmt::gap(g.gap),
            t.answered,
            t.not_applicable,
            t.unanswered,
            fmt::percent(t.completeness()),
            bar(t.completeness(), "#1d4e89")
        );
    }
    out.push_str("</tbody></table>");
    out
}

fn groups(r: &Report) -> String {
    let s = &r.scores;
    let phases: Vec<_> = s.phases.iter().zip(&r.phase_gaps).map(|((p, t), g)| (fmt::phase(*p), t, g)).collect();
    let functions: Vec<_> =
        s.functions.iter().zip(&r.function_gaps).map(|((f, t), g)| (fmt::function(*f), t, g)).collect();
    format!(
        "<section id=\"scores\"><h2>Scores by phase and function</h2><h3>ISO/IEC 42001 phases</h3>{}\
         <h3>NIST AI RMF functions</h3>{}</section>\n",
        group_table(r, "Phase", &phases),
        group_table(r, "Function", &functions)
    )
}

fn ref_table(r: &Report, what: &str, list: &[RefScore]) -> String {
    let mut out = format!("<h3>{}</h3>", html(what));
    let cited: Vec<&RefScore> = list.iter().filter(|x| x.tally.total > 0).collect();
    if cited.is_empty() {
        out.push_str("<p class=\"muted\">No question cites any of these.</p>");
    } else {
        out.push_str(
            "<table><thead><tr><th>Id</th><th>Title</th><th>Score</th><th class=\"num\">Questions</th>\
             <th>Answered</th></tr></thead><tbody>",
        );
        for x in cited {
            let t = &x.tally;
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{} of {}{}</td></tr>",
                html(&x.id),
                html(aira_core::frameworks::title(&x.id).unwrap_or("")),
                chip(r, t.score),
                t.total,
                t.answered,
                t.applicable(),
                bar(t.completeness(), "#1d4e89")
            );
        }
        out.push_str("</tbody></table>");
    }
    let missing = aira_core::report::model::uncovered(list);
    if !missing.is_empty() {
        let _ = write!(out, "<p class=\"missing\">Not covered by any question: {}.</p>", html(&missing.join(", ")));
    }
    out
}

fn coverage(r: &Report) -> String {
    let x = &r.refs;
    format!(
        "<section id=\"iso\"><h2>ISO/IEC 42001 coverage</h2><p class=\"lead\">Each clause and Annex A control scored from \
         the questions that cite it.</p>{}{}</section>\n<section id=\"nist\"><h2>NIST AI RMF coverage</h2>{}{}{}</section>\n",
        ref_table(r, "Clauses", &x.iso_clauses),
        ref_table(r, "Annex A controls", &x.iso_controls),
        ref_table(r, "Functions", &x.nist_functions),
        ref_table(r, "Categories", &x.nist_categories),
        ref_table(r, "Subcategories", &x.nist_subcategories),
    )
}

/// A shared section (scope, a family's coverage, the crosswalk) as HTML.
fn section(r: &Report, s: &super::scoped::Section) -> String {
    let mut out = format!("<section id=\"{}\"><h2>{}</h2>", html(&s.id), html(&s.title));
    for l in &s.lead {
        let _ = write!(out, "<p class=\"lead\">{}</p>", html(l));
    }
    for (caption, g) in &s.grids {
        if !caption.is_empty() {
            let _ = write!(out, "<h3>{}</h3>", html(caption));
        }
        if g.rows.is_empty() {
            continue;
        }
        out.push_str("<table><thead><tr>");
        for h in &g.header {
            let _ = write!(out, "<th>{}</th>", html(h));
        }
        out.push_str("</tr></thead><tbody>");
        for (n, row) in g.rows.iter().enumerate() {
            out.push_str("<tr>");
            for (c, cell) in row.iter().enumerate() {
                match g.score_col {
                    Some(k) if k == c => {
                        let _ = write!(out, "<td>{}</td>", chip(r, g.scores.get(n).copied().flatten()));
                    }
                    _ => {
                        let _ = write!(out, "<td>{}</td>", html(cell));
                    }
                }
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    out.push_str("</section>\n");
    out
}

pub fn full(r: &Report) -> String {
    use super::scoped;
    let scope = scoped::scope(r);
    let families = scoped::families(r);
    let crosswalk = scoped::crosswalk(r);
    let extra_toc = |s: &scoped::Section| (s.id.clone(), s.title.clone());
    let shared: Vec<(String, String)> = families.iter().map(extra_toc).chain(crosswalk.iter().map(extra_toc)).collect();
    let mut toc: Vec<(&str, &str)> = vec![("summary", "Executive summary")];
    if let Some(s) = &scope {
        toc.push((s.id.as_str(), s.title.as_str()));
    }
    toc.extend([
        ("charts", "Scores at a glance"),
        ("heatmap", "Heatmap"),
        ("disagreements", "Disagreements"),
        ("trend", "Trend against the baseline"),
        ("scores", "Scores by phase and function"),
        ("findings", "Findings and actions"),
        ("roadmap", "Roadmap"),
        ("soa", "Statement of Applicability"),
        ("evidence", "Evidence"),
        ("iso", "ISO/IEC 42001 coverage"),
        ("nist", "NIST AI RMF coverage"),
    ]);
    toc.extend(shared.iter().map(|(id, t)| (id.as_str(), t.as_str())));
    toc.extend([("method", "Methodology"), ("answers", "Answers"), ("follow-up", "Follow-up")]);
    let d = crate::deliverable::parts::parts(r);
    let body = [
        extra::summary(&d),
        scope.as_ref().map(|s| section(r, s)).unwrap_or_default(),
        extra::charts(r),
        heatmap(r),
        super::interviews::html_disagreements(r),
        super::interviews::html_trend(r),
        groups(r),
        extra::findings(&d),
        extra::roadmap(&d),
        sections::soa(r, true),
        extra::evidence(&d),
        coverage(r),
        families.iter().map(|s| section(r, s)).collect(),
        crosswalk.as_ref().map(|s| section(r, s)).unwrap_or_default(),
        extra::methodology(&d),
        sections::answers(r),
        sections::follow_up(r),
    ]
    .concat();
    // Sections shown only when they have something to say leave the contents too. The ids
    // present are read off the body in one pass (user text is escaped, so every `<section`
    // is ours): searching the multi-megabyte body once per entry cost a pass each.
    const OPEN: &str = "<section id=\"";
    let present: std::collections::HashSet<&str> =
        body.match_indices(OPEN).filter_map(|(at, _)| body[at + OPEN.len()..].split('"').next()).collect();
    let toc: Vec<(&str, &str)> = toc.into_iter().filter(|(id, _)| present.contains(id)).collect();
    page(r, "AI management system readiness", "AI management system readiness assessment", &toc, &body)
}

pub fn soa(r: &Report) -> String {
    page(r, "Statement of Applicability", "ISO/IEC 42001 Statement of Applicability", &[], &sections::soa(r, false))
}
