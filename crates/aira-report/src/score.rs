//! `aira score`: the JSON shape other tools read, and a plain-text table for people.

use serde_json::{Value as Json, json};

use aira_core::questionnaire::Questionnaire;
use aira_core::scoring::{Scores, Tally};

fn tally(t: &Tally) -> serde_json::Map<String, Json> {
    match serde_json::to_value(t) {
        Ok(Json::Object(m)) => m,
        _ => serde_json::Map::new(),
    }
}

fn with(mut m: serde_json::Map<String, Json>, key: &str, v: Json) -> Json {
    // The label goes first so the output reads naturally.
    let mut out = serde_json::Map::new();
    out.insert(key.to_owned(), v);
    out.append(&mut m);
    Json::Object(out)
}

/// The documented JSON of `aira score --format json`. Numbers are not rounded.
pub fn json(q: &Questionnaire, s: &Scores) -> Json {
    let cells: Vec<Json> = s
        .cells
        .iter()
        .map(|c| {
            let mut m = tally(&c.tally);
            let mut out = serde_json::Map::new();
            out.insert("phase".into(), json!(c.phase));
            out.insert("function".into(), json!(c.function));
            out.append(&mut m);
            Json::Object(out)
        })
        .collect();
    let phases: Vec<Json> = s.phases.iter().map(|(p, t)| with(tally(t), "phase", json!(p))).collect();
    let functions: Vec<Json> = s.functions.iter().map(|(f, t)| with(tally(t), "function", json!(f))).collect();
    let questions: Vec<Json> = q
        .questions
        .iter()
        .zip(&s.questions)
        .map(|(question, status)| {
            json!({
                "id": question.id,
                "phase": question.phase,
                "function": question.function,
                "weight": question.weight,
                "status": status.as_str(),
                "level": status.score(),
            })
        })
        .collect();
    json!({
        "questionnaire": {"id": q.id, "version": q.version},
        "scale": {"min": q.scale.min, "max": q.scale.max},
        "overall": Json::Object(tally(&s.overall)),
        "cells": cells,
        "phases": phases,
        "functions": functions,
        "questions": questions,
    })
}

fn fmt(score: Option<f64>) -> String {
    aira_core::number::score(score)
}

/// A plain table: the heatmap grid with row and column scores, then the overall line.
pub fn text(q: &Questionnaire, s: &Scores) -> String {
    let rows = aira_core::scoring::rows(q);
    let cols = aira_core::scoring::columns(q);
    let mut out = format!("{} {}\n\n", q.title, q.version);
    out.push_str(&format!("{:<12}", ""));
    for c in &cols {
        out.push_str(&format!("{:>9}", c.map_or("Unassigned", |f| f.title())));
    }
    out.push_str(&format!("{:>9}\n", "Phase"));
    for (ri, r) in rows.iter().enumerate() {
        out.push_str(&format!("{:<12}", r.map_or("Unassigned", |p| p.title())));
        for ci in 0..cols.len() {
            out.push_str(&format!("{:>9}", fmt(s.cells[ri * cols.len() + ci].tally.score)));
        }
        out.push_str(&format!("{:>9}\n", fmt(s.phases[ri].1.score)));
    }
    out.push_str(&format!("{:<12}", "Function"));
    for (_, t) in &s.functions {
        out.push_str(&format!("{:>9}", fmt(t.score)));
    }
    let o = &s.overall;
    out.push_str(&format!(
        "\n\nOverall {} ({} answered, {} not applicable, {} unanswered, {} total)\n",
        fmt(o.score),
        o.answered,
        o.not_applicable,
        o.unanswered,
        o.total
    ));
    out
}
