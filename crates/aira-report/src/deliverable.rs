//! The deliverable as data: every section of the PDF and DOCX reports, already formatted as
//! text (numbers from the core's model, never recomputed). Typst reads it as JSON, so user text
//! stays data and is never parsed as markup; the DOCX writer walks the same value.

pub(crate) mod parts;

use serde_json::{Value, json};

use super::fmt;
use aira_core::report::model::{self, Report, Row};
use aira_core::report::register;
use aira_core::scoring::Tally;
use parts::{RoadmapItem, area, colours};

/// What the data says for a fact the workspace does not record.
pub const NOT_RECORDED: &str = "not recorded";

fn tally_row(r: &Report, name: &str, t: &Tally, g: Option<&aira_core::scoring::GroupGap>) -> Value {
    json!({
        "name": name,
        "score": fmt::score(t.score),
        "colour": colours(r, t.score),
        "target": g.map_or_else(String::new, |g| fmt::score(g.target)),
        "gap": g.map_or_else(String::new, |g| fmt::gap(g.gap)),
        "answered": format!("{} of {}", t.answered, t.applicable()),
        "na": t.not_applicable.to_string(),
        "complete": fmt::percent(t.completeness()),
    })
}

fn soa_part(r: &Report) -> Vec<Value> {
    r.soa
        .iter()
        .map(|s| {
            let evidence: Vec<String> = s
                .questions
                .iter()
                .filter_map(|id| r.row_of(id))
                .flat_map(|row| row.evidence.clone())
                .collect();
            json!({
                "control": s.control,
                "title": s.title,
                "applicable": s.applicability.label(),
                "undecided": s.applicability == model::Applicability::Undecided,
                "unjustified": s.unjustified(),
                "justification": if s.applicability == model::Applicability::Undecided && s.justification.trim().is_empty() {
                    "no decision recorded".to_owned()
                } else {
                    s.justification_shown().to_owned()
                },
                "status": s.status_label(),
                "score": fmt::score(s.score),
                "colour": colours(r, s.score),
                "owner": s.owner_shown(),
                "evidence": evidence,
                "questions": s.questions.iter().filter_map(|id| r.row_of(id)).map(|row| row.question.text.clone()).collect::<Vec<_>>(),
            })
        })
        .collect()
}

fn coverage_list(what: &str, list: &[aira_core::scoring::RefScore]) -> Value {
    json!({
        "title": what,
        "rows": list.iter().filter(|x| x.tally.total > 0).map(|x| json!({
            "id": x.id, "title": aira_core::frameworks::title(&x.id).unwrap_or(""),
            "score": fmt::score(x.tally.score), "answered": format!("{} of {}", x.tally.answered, x.tally.applicable()),
        })).collect::<Vec<_>>(),
        "uncovered": model::uncovered(list).join(", "),
    })
}

fn answer_rows(r: &Report, row: &Row) -> Vec<Value> {
    row.answers
        .iter()
        .map(|(who, a)| {
            let value = match a.value {
                Some(aira_core::assessment::Value::Level(l)) => r.level_name(f64::from(l)),
                Some(aira_core::assessment::Value::NotApplicable) => "not applicable".to_owned(),
                None => "no level".to_owned(),
            };
            let capturer = register::capturer(&a.answered_by).filter(|b| *b != who.name);
            let by = capturer.map(|b| format!(", recorded by {b}"));
            json!({
                "who": if who.role.is_empty() { who.name.clone() } else { format!("{} ({})", who.name, who.role) },
                "value": value,
                "note": a.note,
                "evidence": a.evidence.join("; "),
                "flag": a.flag,
                "by": capturer.unwrap_or(""),
                "when": format!("{}{}", fmt::when(&a.answered_at), by.unwrap_or_default()).trim().to_owned(),
            })
        })
        .collect()
}

fn answers_part(r: &Report) -> Vec<Value> {
    r.scores
        .phases
        .iter()
        .map(|(p, _)| {
            let rows: Vec<&Row> = r.rows.iter().filter(|x| x.question.phase == *p).collect();
            let shown: Vec<Value> = rows
                .iter()
                .filter(|x| x.is_answered())
                .map(|row| {
                    let score = match row.status.score() {
                        Some(s) => r.level_name(s),
                        None => model::status_label(row.status).to_owned(),
                    };
                    json!({
                        "text": row.question.text,
                        "area": area(row.question.phase, row.question.function),
                        "score": score,
                        "colour": colours(r, row.status.score()),
                        "target": fmt::score(row.target),
                        "gap": fmt::gap(row.gap),
                        "flag": row.flag,
                        "refs": row.question.references().map(fmt::reference).collect::<Vec<_>>().join("; "),
                        "answers": answer_rows(r, row),
                        // Worded as every answer section words it; "" when nothing is agreed.
                        "agreed": aira_core::report::consensus::agreed_line(r.assessment, &row.question.id)
                            .unwrap_or_default(),
                    })
                })
                .collect();
            let open: Vec<&str> = rows.iter().filter(|x| !x.is_answered()).map(|x| x.question.text.as_str()).collect();
            json!({ "phase": fmt::phase(*p), "questions": shown, "open": open })
        })
        .collect()
}

/// A relative column width from the longest text in the column: short columns take what they
/// need ("auto"), long ones share the rest in proportion (capped so one never squeezes the others).
fn widths(g: &crate::scoped::Grid) -> Vec<Value> {
    (0..g.header.len())
        .map(|c| {
            let longest = g.rows.iter().map(|r| r.get(c).map_or(0, |t| t.chars().count())).max().unwrap_or(0);
            let longest = longest.max(g.header[c].chars().count());
            if longest <= 16 { json!("auto") } else { json!(((longest as f64) / 24.0).clamp(1.0, 4.0)) }
        })
        .collect()
}

/// A shared section (scope, a family's coverage, the crosswalk; see `scoped`) as data: the same
/// sentences and tables as Markdown and HTML, with each score cell's colours.
fn shared(r: &Report, s: &crate::scoped::Section) -> Value {
    let grids: Vec<Value> = s
        .grids
        .iter()
        .map(|(caption, g)| {
            json!({
                "caption": caption,
                "header": g.header,
                "rows": g.rows,
                "widths": widths(g),
                "score_col": g.score_col,
                "colours": g.scores.iter().map(|x| colours(r, *x)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "id": s.id, "title": s.title, "lead": s.lead, "grids": grids })
}

/// The whole deliverable. `kind` is "full" or "soa".
pub fn document(r: &Report, kind: &str) -> Value {
    let p = parts::parts(r);
    let m = r.meta;
    let name = if m.name.is_empty() { r.questionnaire.title.clone() } else { m.name.clone() };
    let sum = &p.summary;
    let summary = json!({
        "paragraphs": sum.paragraphs,
        "kpis": sum.kpis,
        "strongest": sum.strongest,
        "weakest": sum.weakest,
        "top_actions": sum.top_actions.iter().map(|&i| &p.findings[i]).collect::<Vec<_>>(),
        "readiness": sum.readiness,
    });
    let roadmap: Vec<Value> = p
        .roadmap
        .iter()
        .map(|h| json!({ "term": h.term, "items": h.items.iter().map(|&i| RoadmapItem::from(&p.findings[i])).collect::<Vec<_>>() }))
        .collect();
    json!({
        "schema": "aira-deliverable/1",
        "kind": kind,
        "title": if kind == "soa" { "Statement of Applicability" } else { "AI management system readiness" },
        "name": name,
        "client": m.organisation,
        "generated": fmt::when(&r.generated_at),
        "facts": register::facts(r).iter().map(|f| json!({ "label": f.label, "value": f.value.clone().unwrap_or_else(|| NOT_RECORDED.to_owned()), "recorded": f.value.is_some() })).collect::<Vec<_>>(),
        "summary": summary,
        "charts": { "radar": super::charts::radar(r), "phases": super::charts::phases(r), "heatmap": super::heatmap_svg::heatmap(r), "trend": super::charts::trend(r) },
        "legend": r.questionnaire.scale.values().map(|v| json!({ "name": r.level_name(f64::from(v)), "colour": colours(r, Some(f64::from(v))) })).collect::<Vec<_>>(),
        "phases": r.scores.phases.iter().zip(&r.phase_gaps).map(|((p, t), g)| tally_row(r, fmt::phase(*p), t, Some(g))).collect::<Vec<_>>(),
        "functions": r.scores.functions.iter().zip(&r.function_gaps).map(|((f, t), g)| tally_row(r, fmt::function(*f), t, Some(g))).collect::<Vec<_>>(),
        "findings": p.findings,
        "roadmap": roadmap,
        "disagreements": super::interviews::disputed_rows(r),
        "trend": super::interviews::trend_table(r),
        "soa": soa_part(r),
        "coverage": [
            coverage_list("ISO/IEC 42001 clauses", &r.refs.iso_clauses),
            coverage_list("ISO/IEC 42001 Annex A controls", &r.refs.iso_controls),
            coverage_list("NIST AI RMF categories", &r.refs.nist_categories),
            coverage_list("NIST AI RMF subcategories", &r.refs.nist_subcategories),
        ],
        "evidence": p.evidence,
        "requests": p.requests,
        "follow_ups": r.follow_ups().iter().map(|(row, who, a)| json!({ "question": row.question.text, "who": who.name, "note": a.note })).collect::<Vec<_>>(),
        "scope": crate::scoped::scope(r).map(|s| shared(r, &s)),
        "families": crate::scoped::families(r).iter().map(|s| shared(r, s)).collect::<Vec<_>>(),
        "crosswalk": crate::scoped::crosswalk(r).map(|s| shared(r, &s)),
        "method": p.method,
        "answers": answers_part(r),
    })
}
