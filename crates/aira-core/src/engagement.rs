//! The engagement (pure): what an assessment is about and what the client decided — scope,
//! assessors, contact, period, the report's status and version (`facts`), targets, Statement of
//! Applicability decisions and roadmap owners and due dates (`decisions`), how answers
//! aggregate. The store parses `workspace.toml` into these types; reports and the TUI read
//! them, never the file.

mod decisions;
mod facts;
mod facts_input;

use std::collections::BTreeMap;

pub use decisions::{Applicability, RoadmapEntry, SoaDecision};
pub use facts::{FactError, FactsEdit, IsoDate, Period, ReportStatus, check_text};
pub use facts_input::{Fact, FactsText};

use serde::Deserialize;

use crate::scoring::Aggregation;

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Engagement {
    pub format: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub scope: String,
    /// Who carried out the assessment, in the order given.
    #[serde(default)]
    pub assessors: Vec<String>,
    /// The client's contact for the engagement (name, role, address: one line).
    #[serde(default)]
    pub contact: String,
    /// The assessment period (`period = { start = "2026-11-01", end = "2026-11-30" }`).
    #[serde(default)]
    pub period: Option<Period>,
    #[serde(default)]
    pub report_status: ReportStatus,
    /// The report's version, as the client's document control knows it (free text).
    #[serde(default = "default_report_version")]
    pub report_version: String,
    #[serde(default)]
    pub created: String,
    #[serde(default = "default_respondent")]
    pub default_respondent: String,
    #[serde(default)]
    pub aggregation: Aggregation,
    /// Path of an earlier workspace to compare against (relative to this one).
    #[serde(default)]
    pub baseline: Option<String>,
    pub questionnaire: Pinned,
    /// The questionnaire profiles that apply (EU AI Act operator roles: `provider`,
    /// `deployer`, …); empty: every question is in profile (docs/eu-ai-act.md, rule 1).
    #[serde(default)]
    pub profiles: Vec<String>,
    #[serde(default)]
    pub targets: Targets,
    /// Statement of Applicability decisions by Annex A control id (`[soa."A.2.2"]`).
    #[serde(default)]
    pub soa: BTreeMap<String, SoaEntry>,
    /// Owner and due date of roadmap actions, by question id (`[roadmap.QUESTION]`).
    #[serde(default)]
    pub roadmap: BTreeMap<String, RoadmapEntry>,
}

/// The report version of a workspace that names none.
pub const DEFAULT_REPORT_VERSION: &str = "0.1";

fn default_report_version() -> String {
    DEFAULT_REPORT_VERSION.to_owned()
}

/// One control's recorded decision; no entry at all is undecided (`Engagement::soa_decision`).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    #[serde(default = "applicable_default")]
    pub applicable: bool,
    #[serde(default)]
    pub justification: String,
    /// Who is accountable for the control (empty: nobody named yet).
    #[serde(default)]
    pub owner: String,
}

fn applicable_default() -> bool {
    true
}

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pinned {
    pub id: String,
    pub version: String,
    pub sha256: String,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Targets {
    pub default: Option<u8>,
    #[serde(default)]
    pub questions: BTreeMap<String, u8>,
}

fn default_respondent() -> String {
    "default".to_owned()
}

impl Engagement {
    /// The engagement default target, for a question the engagement set none for. The
    /// per-question `[targets.questions]` are read only by the migration to targets.toml
    /// (`scoring::migrated_targets`): scoring reads `Assessment::targets`.
    pub fn default_target(&self) -> Option<u8> {
        self.targets.default
    }
}
