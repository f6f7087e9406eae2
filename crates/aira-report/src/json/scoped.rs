//! The report JSON's `families`, `crosswalk` and `scope` (docs/report-schema.md): the coverage
//! of reference families beyond NIST and ISO (EU AI Act articles, …), what each answered
//! question cites, and the scope rule's outcome. Each is absent when there is nothing to say,
//! so a flagship report keeps its shape.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::{Serialize, SerializeMap, Serializer};

use aira_core::report::model::Report;
use aira_core::report::scope::RULE;

use super::tally::{Reference, TallyJson};

/// One cited entry of a family: a reference with its application date.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct FamilyEntry {
    #[serde(flatten)]
    pub reference: Reference,
    /// `YYYY-MM-DD` from the family file, or null.
    pub applies_from: Option<String>,
}

#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct FamilyJson {
    pub key: String,
    pub name: String,
    pub edition: String,
    pub entries: Vec<FamilyEntry>,
}

/// Family key -> the ids the question cites under it, in the families' order (an object).
#[derive(Debug)]
pub struct Cites(pub Vec<(String, Vec<String>)>);

impl Serialize for Cites {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, ids) in &self.0 {
            m.serialize_entry(k, ids)?;
        }
        m.end()
    }
}

impl JsonSchema for Cites {
    fn schema_name() -> Cow<'static, str> {
        "Cites".into()
    }

    fn json_schema(g: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "Family key -> the ids the question cites under it.",
            "type": "object",
            "additionalProperties": g.subschema_for::<Vec<String>>(),
        })
    }
}

/// One answered question (a level given) and what it evidences in every cited family.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct CrosswalkRow {
    pub id: String,
    pub level: Option<f64>,
    pub cites: Cites,
}

#[derive(Clone, Copy, Debug, serde::Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeJson {
    Yes,
    No,
    Unknown,
}

#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct ClassificationJson {
    pub id: String,
    pub outcome: OutcomeJson,
    /// False: outside the chosen profiles, never asked (its outcome is then "no").
    pub asked: bool,
}

#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct ExcludedJson {
    pub id: String,
    /// The classification ids answered no that excluded it.
    pub excluded_by: Vec<String>,
}

#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct HintJson {
    pub classification: String,
    pub profiles: Vec<String>,
}

/// The scope (docs/eu-ai-act.md): scores and sections cover only the questions in scope.
#[derive(Debug, serde::Serialize, JsonSchema)]
pub struct ScopeJson {
    pub profiles: Vec<String>,
    pub rule: String,
    pub classifications: Vec<ClassificationJson>,
    pub out_of_scope: Vec<ExcludedJson>,
    /// Questions outside the chosen profiles (counted apart, never as unanswered).
    pub out_of_profile: usize,
    pub hints: Vec<HintJson>,
}

/// `families` and `crosswalk`: None when the questionnaire cites no family beyond NIST/ISO.
pub fn families(
    r: &Report,
    tally: impl Fn(&aira_core::scoring::Tally) -> TallyJson,
) -> Option<(Vec<FamilyJson>, Vec<CrosswalkRow>)> {
    if r.families.is_empty() {
        return None;
    }
    let ids =
        |list: &[usize]| -> Vec<String> { list.iter().map(|&i| r.questionnaire.questions[i].id.clone()).collect() };
    let fams = r
        .families
        .iter()
        .map(|f| FamilyJson {
            key: f.key.clone(),
            name: f.name.clone(),
            edition: f.edition.clone(),
            entries: f
                .rows
                .iter()
                .map(|x| FamilyEntry {
                    reference: Reference {
                        id: x.id.clone(),
                        title: x.title.clone(),
                        questions: ids(&x.score.questions),
                        tally: tally(&x.score.tally),
                    },
                    applies_from: x.applies_from.clone(),
                })
                .collect(),
        })
        .collect();
    let cw = &r.crosswalk;
    let rows = cw
        .rows
        .iter()
        .filter_map(|&i| r.rows.get(i))
        .map(|row| CrosswalkRow {
            id: row.question.id.clone(),
            level: row.status.score(),
            cites: Cites(cw.families.iter().map(|(k, _)| (k.clone(), row.question.cited(k).to_vec())).collect()),
        })
        .collect();
    Some((fams, rows))
}

pub fn scope(r: &Report) -> Option<ScopeJson> {
    use aira_core::scope::Outcome;
    let s = r.scope.as_ref()?;
    Some(ScopeJson {
        profiles: s.profiles.iter().map(|(id, _)| id.clone()).collect(),
        rule: RULE.to_owned(),
        classifications: s
            .classifications
            .iter()
            .map(|c| ClassificationJson {
                id: c.id.clone(),
                outcome: match c.outcome {
                    Outcome::Yes => OutcomeJson::Yes,
                    Outcome::No => OutcomeJson::No,
                    Outcome::Unknown => OutcomeJson::Unknown,
                },
                asked: c.asked,
            })
            .collect(),
        out_of_scope: s
            .out_of_scope
            .iter()
            .map(|x| ExcludedJson { id: x.id.clone(), excluded_by: x.by.clone() })
            .collect(),
        out_of_profile: s.out_of_profile,
        hints: s
            .hints
            .iter()
            .map(|h| HintJson { classification: h.classification.clone(), profiles: h.profiles.clone() })
            .collect(),
    })
}
