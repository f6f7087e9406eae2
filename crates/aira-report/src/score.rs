//! `aira score`: the JSON shape other tools read, and a plain-text table for people.

use schemars::JsonSchema;
use serde::Serialize;

use crate::json::types::QuestionStatus;
use aira_core::questionnaire::{Function, Phase, Questionnaire};
use aira_core::scoring::{Scores, Tally};

/// The schema id `aira score --format json` carries, pinned by its schema.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
pub enum ScoreSchemaId {
    #[serde(rename = "aira-score/1")]
    V1,
}

/// The documented JSON of `aira score --format json` (docs/schemas/aira-score.schema.json).
#[derive(Debug, Serialize, JsonSchema)]
pub struct ScoreJson {
    pub schema: ScoreSchemaId,
    pub questionnaire: Pinned,
    pub scale: Range,
    pub overall: Counts,
    pub cells: Vec<CellCounts>,
    pub phases: Vec<PhaseCounts>,
    pub functions: Vec<FunctionCounts>,
    pub questions: Vec<QuestionScore>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Pinned {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Range {
    pub min: u8,
    pub max: u8,
}

/// A group's score (null when nothing in it is answered) and its counts.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Counts {
    pub score: Option<f64>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub total: usize,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CellCounts {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PhaseCounts {
    pub phase: Option<Phase>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FunctionCounts {
    pub function: Option<Function>,
    #[serde(flatten)]
    pub counts: Counts,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct QuestionScore {
    pub id: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub weight: f64,
    pub status: QuestionStatus,
    pub level: Option<f64>,
}

/// The JSON Schema of `aira score --format json`.
pub fn schema() -> schemars::Schema {
    crate::schema_keys::require_all(schemars::schema_for!(ScoreJson), &[])
}

fn counts(t: &Tally) -> Counts {
    Counts {
        score: t.score,
        answered: t.answered,
        not_applicable: t.not_applicable,
        unanswered: t.unanswered,
        total: t.total,
    }
}

/// The documented JSON of `aira score --format json`. Numbers are not rounded.
pub fn json(q: &Questionnaire, s: &Scores) -> ScoreJson {
    ScoreJson {
        schema: ScoreSchemaId::V1,
        questionnaire: Pinned { id: q.id.clone(), version: q.version.clone() },
        scale: Range { min: q.scale.min, max: q.scale.max },
        overall: counts(&s.overall),
        cells: s
            .cells
            .iter()
            .map(|c| CellCounts { phase: c.phase, function: c.function, counts: counts(&c.tally) })
            .collect(),
        phases: s.phases.iter().map(|(p, t)| PhaseCounts { phase: *p, counts: counts(t) }).collect(),
        functions: s.functions.iter().map(|(f, t)| FunctionCounts { function: *f, counts: counts(t) }).collect(),
        questions: q
            .questions
            .iter()
            .zip(&s.questions)
            .map(|(question, st)| QuestionScore {
                id: question.id.clone(),
                phase: question.phase,
                function: question.function,
                weight: question.weight,
                status: (*st).into(),
                level: st.score(),
            })
            .collect(),
    }
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
