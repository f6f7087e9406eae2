//! `workspace.toml`: what the assessment is, which questionnaire it pins, and targets.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use toml_edit::DocumentMut;

use super::error::{Result, WorkspaceError};
use crate::scoring::Aggregation;

pub const FORMAT: i64 = 1;
pub const FILE: &str = "workspace.toml";

#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub format: i64,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub organisation: String,
    #[serde(default)]
    pub scope: String,
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
    #[serde(default)]
    pub targets: Targets,
    /// Statement of Applicability decisions by Annex A control id (`[soa."A.2.2"]`).
    #[serde(default)]
    pub soa: BTreeMap<String, SoaEntry>,
}

/// One control's applicability; "not applicable" carries its justification.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SoaEntry {
    #[serde(default = "applicable_default")]
    pub applicable: bool,
    #[serde(default)]
    pub justification: String,
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

pub fn parse(path: &Path, text: &str) -> Result<(Meta, DocumentMut)> {
    // Check the format first so a newer file gets "upgrade aira", not "unknown key".
    if let Ok(v) = text.parse::<toml::Table>()
        && let Some(n) = v.get("format").and_then(toml::Value::as_integer)
        && n > FORMAT
    {
        return Err(WorkspaceError::NewerFormat { path: path.to_owned(), found: n, supported: FORMAT });
    }
    let meta: Meta = toml::from_str(text)
        .map_err(|e| WorkspaceError::at(path, text, e.span().map(|s| s.start), e.message().trim().to_owned()))?;
    if !crate::assessment::is_valid_respondent_id(&meta.default_respondent) {
        return Err(WorkspaceError::at(
            path,
            text,
            text.find("default_respondent"),
            "`default_respondent` must be an id of a-z, 0-9 and -",
        ));
    }
    let doc = text
        .parse::<DocumentMut>()
        .map_err(|e| WorkspaceError::at(path, text, e.span().map(|s| s.start), e.message().trim().to_owned()))?;
    Ok((meta, doc))
}

/// The text of a new workspace.toml.
pub fn render_new(name: &str, organisation: &str, created: &str, pinned: &Pinned) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix("# An aira workspace: one readiness assessment. See docs/workspace-format.md.\n");
    doc["format"] = toml_edit::value(FORMAT);
    doc["name"] = toml_edit::value(name);
    doc["organisation"] = toml_edit::value(organisation);
    doc["scope"] = toml_edit::value("");
    doc["created"] = toml_edit::value(created);
    doc["default_respondent"] = toml_edit::value("default");
    doc["aggregation"] = toml_edit::value("mean");
    let mut q = toml_edit::Table::new();
    q.insert("id", toml_edit::value(pinned.id.as_str()));
    q.insert("version", toml_edit::value(pinned.version.as_str()));
    q.insert("sha256", toml_edit::value(pinned.sha256.as_str()));
    doc["questionnaire"] = toml_edit::Item::Table(q);
    let mut t = toml_edit::Table::new();
    t.insert("default", toml_edit::value(3));
    t.insert("questions", toml_edit::Item::Table(toml_edit::Table::new()));
    doc["targets"] = toml_edit::Item::Table(t);
    doc.to_string()
}

impl Meta {
    /// The target for a question: its own, else the workspace default.
    pub fn target(&self, question_id: &str) -> Option<u8> {
        self.targets.questions.get(question_id).copied().or(self.targets.default)
    }
}
