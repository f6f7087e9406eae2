//! The questionnaire as the rest of aira sees it: plain data, already validated.

use serde::{Deserialize, Serialize};

/// A Plan-Do-Check-Act phase: the heatmap's rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Phase {
    Plan,
    Do,
    Check,
    Act,
}

/// A NIST AI RMF function: the heatmap's columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Function {
    Govern,
    Map,
    Measure,
    Manage,
}

impl Phase {
    pub const ALL: [Phase; 4] = [Phase::Plan, Phase::Do, Phase::Check, Phase::Act];

    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Plan => "plan",
            Phase::Do => "do",
            Phase::Check => "check",
            Phase::Act => "act",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Phase::Plan => "Plan",
            Phase::Do => "Do",
            Phase::Check => "Check",
            Phase::Act => "Act",
        }
    }

    pub fn parse(s: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

impl Function {
    pub const ALL: [Function; 4] = [Function::Govern, Function::Map, Function::Measure, Function::Manage];

    pub fn as_str(self) -> &'static str {
        match self {
            Function::Govern => "govern",
            Function::Map => "map",
            Function::Measure => "measure",
            Function::Manage => "manage",
        }
    }

    pub fn title(self) -> &'static str {
        match self {
            Function::Govern => "Govern",
            Function::Map => "Map",
            Function::Measure => "Measure",
            Function::Manage => "Manage",
        }
    }

    /// Three-letter column header for narrow heatmaps.
    pub fn short(self) -> &'static str {
        match self {
            Function::Govern => "Gov",
            Function::Map => "Map",
            Function::Measure => "Mea",
            Function::Manage => "Man",
        }
    }

    /// NIST's own two-letter prefix of subcategory ids (GV-1.1 …).
    pub fn nist_prefix(self) -> &'static str {
        match self {
            Function::Govern => "GV",
            Function::Map => "MP",
            Function::Measure => "MS",
            Function::Manage => "MG",
        }
    }

    pub fn parse(s: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.as_str() == s)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// One named level of the maturity scale.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScaleLevel {
    pub value: u8,
    pub name: String,
    pub description: String,
}

/// The maturity scale answers are given on; `min..=max`, with optional names per level.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
    pub levels: Vec<ScaleLevel>,
    /// What the scale means as a whole (e.g. which level counts as certification-ready).
    pub description: String,
}

impl Default for Scale {
    fn default() -> Self {
        Scale { min: 0, max: 5, levels: Vec::new(), description: String::new() }
    }
}

impl Scale {
    pub fn contains(&self, value: u8) -> bool {
        (self.min..=self.max).contains(&value)
    }

    pub fn level(&self, value: u8) -> Option<&ScaleLevel> {
        self.levels.iter().find(|l| l.value == value)
    }

    /// The level's name, or its number when the scale does not name it.
    pub fn name(&self, value: u8) -> String {
        self.level(value).map_or_else(|| value.to_string(), |l| l.name.clone())
    }

    pub fn values(&self) -> impl Iterator<Item = u8> + '_ {
        self.min..=self.max
    }
}

/// What a question records: a maturity level (scored) or a yes/no fact that decides which
/// later questions apply (`kind = "classification"`, docs/eu-ai-act.md; never scored).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    #[default]
    Maturity,
    Classification,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub phase: Option<Phase>,
    pub function: Option<Function>,
    pub text: String,
    pub guidance: String,
    pub evidence: Vec<String>,
    pub roles: Vec<String>,
    pub profiles: Vec<String>,
    pub nist: Vec<String>,
    pub iso: Vec<String>,
    pub weight: f64,
    /// Ids this question had in earlier versions of the questionnaire (for upgrades).
    pub replaces: Vec<String>,
    /// Where the question came from in an imported framework (e.g. its ancestors' names).
    pub section: String,
    /// The recommended next step that moves a typical organisation up a level ("" if none).
    pub action: String,
    pub kind: Kind,
    /// Classification question ids; the question is out of scope when every one is answered no.
    pub applies_if: Vec<String>,
    /// Citations of the families other than `nist` and `iso` (`eu`, `gai`, …), by family key
    /// in the families' order; only keys the question uses.
    pub cites: Vec<(String, Vec<String>)>,
}

impl Question {
    /// A question with only the required fields set; the rest take their defaults.
    pub fn new(id: &str, phase: Option<Phase>, function: Option<Function>, text: &str) -> Self {
        Question {
            id: id.to_owned(),
            phase,
            function,
            text: text.to_owned(),
            guidance: String::new(),
            evidence: Vec::new(),
            roles: Vec::new(),
            profiles: Vec::new(),
            nist: Vec::new(),
            iso: Vec::new(),
            weight: 1.0,
            replaces: Vec::new(),
            section: String::new(),
            action: String::new(),
            kind: Kind::Maturity,
            applies_if: Vec::new(),
            cites: Vec::new(),
        }
    }

    /// The ids this question cites under a family key (`nist`, `iso`, `eu`, …).
    pub fn cited(&self, family: &str) -> &[String] {
        match family {
            "nist" => &self.nist,
            "iso" => &self.iso,
            key => self.cites.iter().find(|(k, _)| k == key).map_or(&[], |(_, ids)| ids.as_slice()),
        }
    }

    /// Every framework reference, NIST first, then ISO, then the other families in order.
    pub fn references(&self) -> impl Iterator<Item = &str> {
        self.nist.iter().chain(self.iso.iter()).chain(self.cites.iter().flat_map(|(_, ids)| ids)).map(String::as_str)
    }

    pub fn is_classification(&self) -> bool {
        self.kind == Kind::Classification
    }
}

/// One entry of a questionnaire's role vocabulary (`[[role]]`): who may be asked a question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Role {
    pub id: String,
    pub name: String,
    pub description: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Questionnaire {
    pub id: String,
    pub title: String,
    pub version: String,
    pub description: String,
    pub scale: Scale,
    /// The declared role vocabulary; empty means question roles are free-form (older files).
    pub roles: Vec<Role>,
    /// The declared profiles (`[[profile]]`, e.g. operator roles); empty: free-form profiles.
    pub profiles: Vec<Role>,
    pub questions: Vec<Question>,
    /// Where each question id is, built on the first lookup (`ids.rs` says why it is safe
    /// to edit `questions` afterwards).
    #[serde(skip)]
    pub ids: super::ids::IdIndex,
}

impl Questionnaire {
    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The declared role id closest to `typed`, for a "did you mean"; None when none is close.
    pub fn suggest_role(&self, typed: &str) -> Option<&str> {
        crate::text::closest(typed, self.roles.iter().map(|r| r.id.as_str()))
    }

    /// A respondent's role as typed (a declared id or name, any case) as its id: the one check
    /// behind `aira respondent --role` and the wizard's prompt. Free text only when the
    /// questionnaire declares no roles; otherwise an unknown one is refused, the closest
    /// declared role suggested.
    pub fn check_role(&self, typed: &str) -> Result<String, String> {
        check_role(&self.roles, typed)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.index_of(id).map(|i| &self.questions[i])
    }

    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.ids.position(&self.questions, |q| q.id.as_str(), id)
    }

    /// True when some question lacks a phase or a function, so views need an "unassigned" lane.
    pub fn has_unassigned(&self) -> (bool, bool) {
        let phase = self.questions.iter().any(|q| q.phase.is_none());
        let function = self.questions.iter().any(|q| q.function.is_none());
        (phase, function)
    }
}

/// `Questionnaire::check_role` over a list of roles: what the start screen keeps of each
/// questionnaire it offers.
pub fn check_role(roles: &[Role], typed: &str) -> Result<String, String> {
    let role = typed.trim();
    if roles.is_empty() {
        return Ok(role.to_owned());
    }
    if let Some(r) = roles.iter().find(|r| r.id.eq_ignore_ascii_case(role) || r.name.eq_ignore_ascii_case(role)) {
        return Ok(r.id.clone());
    }
    let near = crate::text::closest(role, roles.iter().flat_map(|r| [r.id.as_str(), r.name.as_str()]))
        .and_then(|n| roles.iter().find(|r| r.id == n || r.name == n))
        .map(|r| format!("; did you mean `{}` ({})?", r.id, r.name))
        .unwrap_or_default();
    let ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    Err(format!("unknown role `{role}` (the questionnaire's roles: {}){near}", ids.join(", ")))
}
