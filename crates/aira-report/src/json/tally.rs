//! The two shapes every part of the report JSON shares, the main report (`types`) and the
//! scoped sections (`scoped`) alike; kept apart so neither of those imports the other both ways.

use schemars::JsonSchema;
use serde::Serialize;

/// A tally's counts and completeness (answered / applicable; null when nothing applies).
#[derive(Debug, Serialize, JsonSchema)]
pub struct TallyJson {
    pub score: Option<f64>,
    pub answered: usize,
    pub not_applicable: usize,
    pub unanswered: usize,
    pub total: usize,
    pub completeness: Option<f64>,
}

/// A framework id with the questions citing it and their tally.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Reference {
    pub id: String,
    pub title: String,
    pub questions: Vec<String>,
    #[serde(flatten)]
    pub tally: TallyJson,
}
