//! The shapes of `aira report --format json` as Rust types: serde writes them, schemars
//! derives docs/schemas/aira-report.schema.json from them, so the schema cannot drift from
//! the output. Field order is output order; docs/report-schema.md says what each key means.

use schemars::JsonSchema;
use serde::Serialize;

use aira_core::assessment::LogEntry;
use aira_core::questionnaire::{Function, Phase};
use aira_core::scoring::{Aggregation, Diff, roadmap::Item, roadmap::Term};

pub use super::tally::{Reference, TallyJson};

/// The schema id every report JSON carries (`"schema"`), pinned by the schema itself.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
pub enum SchemaId {
    #[serde(rename = "aira-report/1")]
    V1,
}

/// What `aira report --format json` prints: the full report, or `--kind soa`.
#[derive(Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ReportDocument {
    Full(Box<FullReport>),
    Soa(SoaReport),
}

#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FullKind {
    Full,
}

#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SoaKind {
    Soa,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FullReport {
    pub schema: SchemaId,
    pub kind: FullKind,
    pub generated_at: String,
    pub workspace: WorkspaceInfo,
    pub questionnaire: QuestionnaireInfo,
    pub scale: ScaleInfo,
    pub respondents: Vec<RespondentInfo>,
    pub overall: Group,
    pub cells: Vec<CellGroup>,
    pub phases: Vec<PhaseGroup>,
    pub functions: Vec<FunctionGroup>,
    pub nist: NistRefs,
    pub iso: IsoRefs,
    pub questions: Vec<QuestionJson>,
    /// The largest gaps by priority (gap × weight).
    pub top_gaps: Vec<ItemJson>,
    pub roadmap: Vec<HorizonJson>,
    pub soa: Vec<SoaJson>,
    pub follow_up: Vec<FollowUp>,
    pub disagreements: Vec<DisagreementJson>,
    pub trend: Option<Trend>,
    /// Only when the questionnaire cites a family beyond NIST and ISO: its coverage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub families: Option<Vec<super::scoped::FamilyJson>>,
    /// With `families`: what each answered question cites in every family.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<Vec<super::scoped::CrosswalkRow>>,
    /// Only when the workspace chose profiles or the questionnaire classifies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<super::scoped::ScopeJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SoaReport {
    pub schema: SchemaId,
    pub kind: SoaKind,
    pub generated_at: String,
    pub soa: Vec<SoaJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct WorkspaceInfo {
    pub name: String,
    /// "" when the report is anonymised without `--keep-organisation`.
    pub organisation: String,
    pub scope: String,
    pub aggregation: Aggregation,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct QuestionnaireInfo {
    pub id: String,
    pub title: String,
    pub version: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ScaleInfo {
    pub min: u8,
    pub max: u8,
    pub levels: Vec<LevelInfo>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct LevelInfo {
    pub value: u8,
    pub name: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct RespondentInfo {
    pub id: String,
    pub name: String,
    pub role: String,
}

/// A tally with the group's weighted target and gap.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Group {
    #[serde(flatten)]
    pub tally: TallyJson,
    pub target: Option<f64>,
    pub gap: Option<f64>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct CellGroup {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    #[serde(flatten)]
    pub group: Group,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct PhaseGroup {
    pub phase: Option<Phase>,
    #[serde(flatten)]
    pub group: Group,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FunctionGroup {
    pub function: Option<Function>,
    #[serde(flatten)]
    pub group: Group,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct NistRefs {
    pub functions: Vec<Reference>,
    pub categories: Vec<Reference>,
    pub subcategories: Vec<Reference>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct IsoRefs {
    pub clauses: Vec<Reference>,
    pub controls: Vec<Reference>,
}

/// `"na"`, the one non-level value.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
pub enum Na {
    #[serde(rename = "na")]
    Na,
}

/// A level on the scale or `"na"`.
#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum AnswerValue {
    Level(u8),
    NotApplicable(Na),
}

#[derive(Clone, Copy, Debug, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionStatus {
    Answered,
    NotApplicable,
    Unanswered,
}

impl From<aira_core::scoring::Status> for QuestionStatus {
    fn from(s: aira_core::scoring::Status) -> Self {
        use aira_core::scoring::Status;
        match s {
            Status::Scored(_) => QuestionStatus::Answered,
            Status::NotApplicable => QuestionStatus::NotApplicable,
            Status::Unanswered => QuestionStatus::Unanswered,
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct QuestionJson {
    pub id: String,
    pub text: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub nist: Vec<String>,
    pub iso: Vec<String>,
    pub weight: f64,
    pub status: QuestionStatus,
    pub level: Option<f64>,
    pub target: Option<f64>,
    pub gap: Option<f64>,
    pub flag: bool,
    pub evidence: Vec<String>,
    /// Of the newest answer ("" if none; `answered_by` is "" in anonymised reports).
    pub answered_at: String,
    pub answered_by: String,
    pub spread: u8,
    pub agreed: Option<Agreed>,
    pub answers: Vec<AnswerJson>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct Agreed {
    pub value: AnswerValue,
    pub decided_at: String,
    pub decided_by: String,
    pub note: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct AnswerJson {
    pub respondent: String,
    pub name: String,
    pub role: String,
    pub value: Option<AnswerValue>,
    pub target: Option<u8>,
    pub note: String,
    pub evidence: Vec<String>,
    pub flag: bool,
    pub answered_at: String,
    pub answered_by: String,
    /// The interview log in time order.
    pub log: Vec<LogEntry>,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct HorizonJson {
    /// "0-3", "3-6" or "6-12" (months).
    pub term: Term,
    pub label: String,
    pub items: Vec<ItemJson>,
}

/// A roadmap item with its recommended action: the question's `action` field (the target
/// level's description where the questionnaire wrote none), never the question text.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ItemJson {
    #[serde(flatten)]
    pub item: Item,
    pub action: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct SoaJson {
    pub control: String,
    pub title: String,
    /// true or false once decided; null while undecided.
    pub applicable: Option<bool>,
    /// "applicable", "not applicable" or "undecided".
    pub applicability: String,
    pub justification: String,
    /// A decision recorded without a justification.
    pub unjustified: bool,
    /// "not assessed", "not implemented", "partial", "implemented" or "not applicable".
    pub status: String,
    pub score: Option<f64>,
    pub questions: Vec<String>,
    /// Who is accountable for the control; "" while nobody is named.
    pub owner: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct FollowUp {
    pub question: String,
    pub respondent: String,
    pub note: String,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct DisagreementJson {
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub questions: Vec<String>,
    pub max_spread: u8,
    pub unresolved: usize,
}

/// The change since the baseline named in workspace.toml.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Trend {
    pub baseline: String,
    /// Whose assessment the baseline is, and a note when it is another organisation's ("" when
    /// there is nothing to say, and always in anonymised reports).
    pub baseline_about: String,
    #[serde(flatten)]
    pub diff: Diff,
}
