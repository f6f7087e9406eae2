//! The deliverable as data: every section of the PDF and DOCX reports, already formatted as
//! text (numbers from the core's model, never recomputed). Typst reads it as JSON, so user text
//! stays data and is never parsed as markup; the DOCX writer walks the same value.

use serde_json::{Value, json};

use super::fmt;
use aira_core::report::model::{self, Report, Row};
use aira_core::report::{findings, method, register, summary};
use aira_core::scoring::Tally;

/// What the data says for a fact the workspace does not record.
pub const NOT_RECORDED: &str = "not recorded";

fn area(p: Option<aira_core::questionnaire::Phase>, f: Option<aira_core::questionnaire::Function>) -> String {
    format!("{} × {}", fmt::phase(p), fmt::function(f))
}

fn when(s: Option<&str>) -> String {
    s.map(|x| fmt::when(x).get(..10).unwrap_or("").to_owned()).unwrap_or_default()
}

fn colours(r: &Report, score: Option<f64>) -> Value {
    let s = &r.questionnaire.scale;
    let (bg, ink) = fmt::level_colours(score, s.min, s.max);
    json!({ "bg": bg, "ink": ink })
}

fn finding(r: &Report, f: &findings::Finding) -> Value {
    json!({
        "ref": f.reference,
        "question": f.question,
        "area": area(f.phase, f.function),
        "term": f.term.label(),
        "current": r.level_name(f.current),
        "target": r.level_name(f.target),
        "gap": fmt::gap(Some(f.gap)),
        "weight": if f.weight == 1.0 { String::new() } else { format!("×{}", f.weight) },
        "priority": aira_core::number::one_decimal(f.priority),
        "action": f.action,
        "action_from_scale": f.action_source == findings::ActionSource::ScaleTarget,
        "owner": f.owner.clone().unwrap_or_else(|| "not assigned".to_owned()),
        "due": f.due.clone().unwrap_or_else(|| "not set".to_owned()),
        "evidence": f.evidence,
        "hints": f.evidence_hints,
    })
}

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

fn summary_part(r: &Report, s: &summary::Summary, all: &[findings::Finding]) -> Value {
    let x = &s.readiness;
    let title = |id: &str| aira_core::frameworks::title(id).unwrap_or("").to_owned();
    let o = &r.scores.overall;
    json!({
        "paragraphs": s.paragraphs,
        "kpis": [
            { "label": "Overall readiness", "value": format!("{} / {}", fmt::score(o.score), r.questionnaire.scale.max),
              "note": o.score.map(|v| r.level_name(f64::from(aira_core::number::band(v, r.questionnaire.scale.min, r.questionnaire.scale.max)))).unwrap_or_default() },
            { "label": "Target", "value": fmt::score(r.overall_gap.target), "note": format!("gap {}", fmt::gap(r.overall_gap.gap)) },
            { "label": "Answered", "value": fmt::percent(o.completeness()), "note": format!("{} of {} applicable questions", o.answered, o.applicable()) },
            { "label": "Controls ready", "value": format!("{} of {}", x.ready.len(), x.ready.len() + x.short.len() + x.not_assessed.len()),
              "note": "applicable Annex A controls" },
        ],
        "strongest": s.strongest.as_ref().map(|a| json!({ "area": summary::area_name(a), "score": aira_core::number::one_decimal(a.score), "basis": summary::rests_on(a) })),
        "weakest": s.weakest.as_ref().map(|a| json!({ "area": summary::area_name(a), "score": aira_core::number::one_decimal(a.score), "basis": summary::rests_on(a) })),
        "top_actions": s.top_actions.iter().map(|&i| finding(r, &all[i])).collect::<Vec<_>>(),
        "readiness": {
            "rule": x.rule,
            "met": x.met(),
            "ready": x.ready.iter().map(|c| json!({ "control": c, "title": title(c) })).collect::<Vec<_>>(),
            "short": x.short.iter().map(|(c, why)| json!({ "control": c, "title": title(c), "why": why })).collect::<Vec<_>>(),
            "not_assessed": x.not_assessed.iter().map(|c| json!({ "control": c, "title": title(c) })).collect::<Vec<_>>(),
        },
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

fn view(v: &method::View) -> Value {
    json!({
        "name": v.name,
        "detail": v.detail,
        "score": fmt::score(v.overall.score),
        "answered": format!("{} of {}", v.overall.answered, v.overall.applicable()),
        "phases": v.phases.iter().map(|t| fmt::score(t.score)).collect::<Vec<_>>(),
        "flagged": v.flagged.to_string(),
        "period": match (when(v.first.as_deref()), when(v.last.as_deref())) { (a, b) if a == b => a, (a, b) => format!("{a} – {b}") },
    })
}

fn method_part(r: &Report) -> Value {
    let m = method::methodology(r);
    let s = &r.questionnaire.scale;
    json!({
        "scale_text": s.description,
        "levels": s.values().map(|v| {
            let l = s.level(v);
            json!({ "value": v.to_string(), "name": l.map_or("", |l| l.name.as_str()), "description": l.map_or("", |l| l.description.as_str()), "colour": colours(r, Some(f64::from(v))) })
        }).collect::<Vec<_>>(),
        "aggregation": m.aggregation,
        "weighting": m.weighting,
        "agreed": m.agreed_text,
        "period": match (&m.first, &m.last) { (Some(a), Some(b)) => format!("Answers were recorded from {} to {}.", fmt::when(a), fmt::when(b)), _ => "No answer carries a time.".to_owned() },
        "phases": r.scores.phases.iter().map(|(p, _)| fmt::phase(*p)).collect::<Vec<_>>(),
        "respondents": m.respondents.iter().map(view).collect::<Vec<_>>(),
        "roles": m.roles.iter().map(view).collect::<Vec<_>>(),
    })
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
    let all = findings::findings(r);
    let sum = summary::summary(r, &all);
    let m = r.meta;
    let name = if m.name.is_empty() { r.questionnaire.title.clone() } else { m.name.clone() };
    let evidence: Vec<Value> = register::evidence(r)
        .iter()
        .map(|e| {
            json!({ "question": e.question, "reference": e.reference, "by": e.added_by,
            "at": e.added_at.as_deref().map_or_else(|| NOT_RECORDED.to_owned(), fmt::when),
            "hash": e.hash_shown() })
        })
        .collect();
    json!({
        "schema": "aira-deliverable/1",
        "kind": kind,
        "title": if kind == "soa" { "Statement of Applicability" } else { "AI management system readiness" },
        "name": name,
        "client": m.organisation,
        "generated": fmt::when(&r.generated_at),
        "facts": register::facts(r).iter().map(|f| json!({ "label": f.label, "value": f.value.clone().unwrap_or_else(|| NOT_RECORDED.to_owned()), "recorded": f.value.is_some() })).collect::<Vec<_>>(),
        "summary": summary_part(r, &sum, &all),
        "charts": { "radar": super::charts::radar(r), "phases": super::charts::phases(r), "heatmap": super::heatmap_svg::heatmap(r), "trend": super::charts::trend(r) },
        "legend": r.questionnaire.scale.values().map(|v| json!({ "name": r.level_name(f64::from(v)), "colour": colours(r, Some(f64::from(v))) })).collect::<Vec<_>>(),
        "phases": r.scores.phases.iter().zip(&r.phase_gaps).map(|((p, t), g)| tally_row(r, fmt::phase(*p), t, Some(g))).collect::<Vec<_>>(),
        "functions": r.scores.functions.iter().zip(&r.function_gaps).map(|((f, t), g)| tally_row(r, fmt::function(*f), t, Some(g))).collect::<Vec<_>>(),
        "findings": all.iter().map(|f| finding(r, f)).collect::<Vec<_>>(),
        "roadmap": r.roadmap.iter().map(|h| json!({ "term": h.term.label(),
            "items": all.iter().filter(|f| f.term == h.term).map(|f| json!({ "ref": f.reference, "action": f.action, "question": f.question, "owner": f.owner.clone().unwrap_or_else(|| "not assigned".to_owned()), "due": f.due.clone().unwrap_or_else(|| "not set".to_owned()) })).collect::<Vec<_>>() })).collect::<Vec<_>>(),
        "disagreements": super::interviews::disputed_rows(r),
        "trend": super::interviews::trend_table(r),
        "soa": soa_part(r),
        "coverage": [
            coverage_list("ISO/IEC 42001 clauses", &r.refs.iso_clauses),
            coverage_list("ISO/IEC 42001 Annex A controls", &r.refs.iso_controls),
            coverage_list("NIST AI RMF categories", &r.refs.nist_categories),
            coverage_list("NIST AI RMF subcategories", &r.refs.nist_subcategories),
        ],
        "evidence": evidence,
        "requests": register::requests(r).iter().map(|q| json!({ "question": q.question, "reason": q.reason, "hints": q.hints })).collect::<Vec<_>>(),
        "follow_ups": r.follow_ups().iter().map(|(row, who, a)| json!({ "question": row.question.text, "who": who.name, "note": a.note })).collect::<Vec<_>>(),
        "scope": crate::scoped::scope(r).map(|s| shared(r, &s)),
        "families": crate::scoped::families(r).iter().map(|s| shared(r, s)).collect::<Vec<_>>(),
        "crosswalk": crate::scoped::crosswalk(r).map(|s| shared(r, &s)),
        "method": method_part(r),
        "answers": answers_part(r),
    })
}
