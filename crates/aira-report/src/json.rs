//! The JSON report: everything the other formats show, in the versioned schema documented in
//! docs/report-schema.md (`"schema": "aira-report/1"`). Numbers are not rounded.

use serde_json::{Map, Value as Json, json};

use aira_core::assessment::Value;
use aira_core::report::model::{Applicability, Report, SoaRow};
use aira_core::scoring::{GroupGap, RefScore, Tally, roadmap::Item};

pub const SCHEMA: &str = "aira-report/1";

/// A tally's counts, completeness, and (when given) the group's target and gap.
fn tally(t: &Tally, g: Option<&GroupGap>) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("score".into(), json!(t.score));
    m.insert("answered".into(), json!(t.answered));
    m.insert("not_applicable".into(), json!(t.not_applicable));
    m.insert("unanswered".into(), json!(t.unanswered));
    m.insert("total".into(), json!(t.total));
    m.insert("completeness".into(), json!(t.completeness()));
    if let Some(g) = g {
        m.insert("target".into(), json!(g.target));
        m.insert("gap".into(), json!(g.gap));
    }
    m
}

fn labelled(pairs: &[(&str, Json)], mut rest: Map<String, Json>) -> Json {
    let mut m: Map<String, Json> = pairs.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
    m.append(&mut rest);
    Json::Object(m)
}

fn reference(r: &Report, x: &RefScore) -> Json {
    let questions: Vec<&str> = x.questions.iter().map(|&i| r.questionnaire.questions[i].id.as_str()).collect();
    let title = aira_core::frameworks::title(&x.id).unwrap_or("");
    labelled(&[("id", json!(x.id)), ("title", json!(title)), ("questions", json!(questions))], tally(&x.tally, None))
}

/// A roadmap item with its recommended action: the question's `action` field (the target
/// level's description where the questionnaire wrote none), never the question text.
fn item(r: &Report, x: &Item) -> Json {
    let own = r.questionnaire.questions.get(x.index).map_or("", |q| q.action.as_str());
    let (action, _) = aira_core::report::findings::action_for(&r.questionnaire.scale, own, x.target);
    json!({"id": x.id, "phase": x.phase, "function": x.function, "current": x.current, "target": x.target,
           "gap": x.gap, "weight": x.weight, "priority": x.priority, "action": action})
}

fn value(v: Option<Value>) -> Json {
    match v {
        Some(Value::Level(l)) => json!(l),
        Some(Value::NotApplicable) => json!("na"),
        None => Json::Null,
    }
}

pub fn soa_row(s: &SoaRow) -> Json {
    let applicable = match s.applicability {
        Applicability::Undecided => Json::Null,
        a => json!(a == Applicability::Applicable),
    };
    json!({"control": s.control, "title": s.title, "applicable": applicable, "applicability": s.applicability.as_str(),
           "justification": s.justification, "unjustified": s.unjustified(),
           "status": s.status_label(), "score": s.score, "questions": s.questions})
}

pub fn full(r: &Report) -> Json {
    let s = &r.scores;
    let q = r.questionnaire;
    let cells: Vec<Json> = s
        .cells
        .iter()
        .zip(&r.cell_gaps)
        .map(|(c, g)| labelled(&[("phase", json!(c.phase)), ("function", json!(c.function))], tally(&c.tally, Some(g))))
        .collect();
    let phases: Vec<Json> = s
        .phases
        .iter()
        .zip(&r.phase_gaps)
        .map(|((p, t), g)| labelled(&[("phase", json!(p))], tally(t, Some(g))))
        .collect();
    let functions: Vec<Json> = s
        .functions
        .iter()
        .zip(&r.function_gaps)
        .map(|((f, t), g)| labelled(&[("function", json!(f))], tally(t, Some(g))))
        .collect();
    let refs = |list: &[RefScore]| -> Vec<Json> { list.iter().map(|x| reference(r, x)).collect() };
    let questions: Vec<Json> = r
        .rows
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let qn = row.question;
            let answers: Vec<Json> = row
                .answers
                .iter()
                .map(|(who, a)| {
                    json!({"respondent": who.id, "name": who.name, "role": who.role, "value": value(a.value),
                           "target": a.target, "note": a.note, "evidence": a.evidence, "flag": a.flag,
                           "answered_at": a.answered_at, "answered_by": a.answered_by, "log": a.log_in_order()})
                })
                .collect();
            let agreed = r.assessment.agreed.get(&qn.id).map(|v| {
                let d = r.assessment.agreed_meta.get(&qn.id).cloned().unwrap_or_default();
                json!({"value": value(Some(*v)), "decided_at": d.decided_at, "decided_by": d.decided_by, "note": d.note})
            });
            let spread = r.spreads.get(i).copied().unwrap_or(0);
            json!({"id": qn.id, "text": qn.text, "phase": qn.phase, "function": qn.function, "nist": qn.nist,
                   "iso": qn.iso, "weight": qn.weight, "status": row.status.as_str(), "level": row.status.score(),
                   "target": row.target, "gap": row.gap, "flag": row.flag, "evidence": row.evidence,
                   "answered_at": row.answered_at, "answered_by": row.answered_by, "spread": spread,
                   "agreed": agreed, "answers": answers})
        })
        .collect();
    let roadmap: Vec<Json> = r
        .roadmap
        .iter()
        .map(|h| json!({"term": h.term.as_str(), "label": h.term.label(), "items": h.items.iter().map(|x| item(r, x)).collect::<Vec<_>>()}))
        .collect();
    let follow_up: Vec<Json> = r
        .follow_ups()
        .iter()
        .map(|(row, who, a)| json!({"question": row.question.id, "respondent": who.id, "note": a.note}))
        .collect();
    let disagreements: Vec<Json> = r
        .disagreements
        .iter()
        .map(|d| {
            let ids: Vec<&str> = d.questions.iter().map(|&i| q.questions[i].id.as_str()).collect();
            json!({"phase": d.phase, "function": d.function, "questions": ids, "max_spread": d.max_spread,
                   "unresolved": d.unresolved})
        })
        .collect();
    let m = r.meta;
    let mut out = json!({
        "schema": SCHEMA,
        "kind": "full",
        "generated_at": r.generated_at,
        "workspace": {"name": m.name, "organisation": m.organisation, "scope": m.scope, "aggregation": m.aggregation},
        "questionnaire": {"id": q.id, "title": q.title, "version": q.version},
        "scale": {"min": q.scale.min, "max": q.scale.max,
                  "levels": q.scale.levels.iter().map(|l| json!({"value": l.value, "name": l.name})).collect::<Vec<_>>()},
        "respondents": r.respondents().iter().map(|x| json!({"id": x.id, "name": x.name, "role": x.role})).collect::<Vec<_>>(),
        "overall": Json::Object(tally(&s.overall, Some(&r.overall_gap))),
        "cells": cells,
        "phases": phases,
        "functions": functions,
        "nist": {"functions": refs(&r.refs.nist_functions), "categories": refs(&r.refs.nist_categories),
                 "subcategories": refs(&r.refs.nist_subcategories)},
        "iso": {"clauses": refs(&r.refs.iso_clauses), "controls": refs(&r.refs.iso_controls)},
        "questions": questions,
        "top_gaps": r.top_gaps().into_iter().map(|x| item(r, x)).collect::<Vec<_>>(),
        "roadmap": roadmap,
        "soa": r.soa.iter().map(soa_row).collect::<Vec<_>>(),
        "follow_up": follow_up,
        "disagreements": disagreements,
        "trend": r.trend.as_ref().map(|(path, d)| labelled(&[("baseline", json!(path)), ("baseline_about", json!(r.baseline_about))], match serde_json::to_value(d) {
            Ok(Json::Object(m)) => m,
            _ => Map::new(),
        })),
    });
    // Present only when there is something to say, so a flagship report keeps its shape.
    if let Json::Object(o) = &mut out {
        for (k, v) in scoped(r) {
            o.insert(k.to_owned(), v);
        }
    }
    out
}

/// `families`, `crosswalk` and `scope` (docs/report-schema.md), each only when present.
fn scoped(r: &Report) -> Vec<(&'static str, Json)> {
    let mut out = Vec::new();
    if !r.families.is_empty() {
        let fams: Vec<Json> = r
            .families
            .iter()
            .map(|f| {
                let rows: Vec<Json> = f
                    .rows
                    .iter()
                    .map(|x| {
                        let mut j = reference(r, &x.score);
                        if let Json::Object(o) = &mut j {
                            o.insert("title".into(), json!(x.title));
                            o.insert("applies_from".into(), json!(x.applies_from));
                        }
                        j
                    })
                    .collect();
                json!({"key": f.key, "name": f.name, "edition": f.edition, "entries": rows})
            })
            .collect();
        out.push(("families", Json::Array(fams)));
        let cw = &r.crosswalk;
        let rows: Vec<Json> = cw
            .rows
            .iter()
            .filter_map(|&i| r.rows.get(i))
            .map(|row| {
                let cites: Map<String, Json> =
                    cw.families.iter().map(|(k, _)| (k.clone(), json!(row.question.cited(k)))).collect();
                json!({"id": row.question.id, "level": row.status.score(), "cites": cites})
            })
            .collect();
        out.push(("crosswalk", Json::Array(rows)));
    }
    if let Some(s) = &r.scope {
        let classes: Vec<Json> = s
            .classifications
            .iter()
            .map(|c| json!({"id": c.id, "outcome": c.outcome.as_str(), "asked": c.asked}))
            .collect();
        let excluded: Vec<Json> = s.out_of_scope.iter().map(|x| json!({"id": x.id, "excluded_by": x.by})).collect();
        let hints: Vec<Json> =
            s.hints.iter().map(|h| json!({"classification": h.classification, "profiles": h.profiles})).collect();
        let profiles: Vec<&str> = s.profiles.iter().map(|(id, _)| id.as_str()).collect();
        out.push((
            "scope",
            json!({"profiles": profiles, "rule": aira_core::report::scope::RULE, "classifications": classes,
                   "out_of_scope": excluded, "out_of_profile": s.out_of_profile, "hints": hints}),
        ));
    }
    out
}

/// `--kind soa --format json`: the Statement of Applicability alone, same schema id.
pub fn soa(r: &Report) -> Json {
    json!({"schema": SCHEMA, "kind": "soa", "generated_at": r.generated_at,
           "soa": r.soa.iter().map(soa_row).collect::<Vec<_>>()})
}
