//! `workspace.toml`: read into the core's `Engagement` (what the assessment is, which
//! questionnaire it pins, targets, SoA decisions), and written for a new workspace.

use std::path::Path;

use toml_edit::DocumentMut;

use super::error::{Result, WorkspaceError};
pub use aira_core::engagement::{Engagement, Pinned, SoaEntry, Targets};

pub const FORMAT: i64 = 1;
pub const FILE: &str = "workspace.toml";

pub fn parse(path: &Path, text: &str) -> Result<(Engagement, DocumentMut)> {
    // Check the format first so a newer file gets "upgrade aira", not "unknown key".
    if let Ok(v) = text.parse::<toml::Table>()
        && let Some(n) = v.get("format").and_then(toml::Value::as_integer)
        && n > FORMAT
    {
        return Err(WorkspaceError::NewerFormat { path: path.to_owned(), found: n, supported: FORMAT });
    }
    let meta: Engagement = toml::from_str(text).map_err(|e| {
        super::markers::unresolved(path, text)
            .unwrap_or_else(|| WorkspaceError::at(path, text, e.span().map(|s| s.start), e.message().trim().to_owned()))
    })?;
    if !aira_core::assessment::is_valid_respondent_id(&meta.default_respondent) {
        return Err(WorkspaceError::at(
            path,
            text,
            text.find("default_respondent"),
            "`default_respondent` must be an id of a-z, 0-9 and -",
        ));
    }
    let doc = toml_edit::Document::parse(text)
        .map_err(|e| WorkspaceError::at(path, text, e.span().map(|s| s.start), e.message().trim().to_owned()))?;
    super::strings::check_document(path, text, doc.as_table())?;
    Ok((meta, doc.into_mut()))
}

/// The text of a new workspace.toml.
pub fn render_new(name: &str, organisation: &str, created: &str, pinned: &Pinned) -> String {
    render_for(name, organisation, created, pinned, "default")
}

/// The text of a new workspace.toml whose first respondent (the one answering when it opens)
/// is `respondent`, an id.
pub fn render_for(name: &str, organisation: &str, created: &str, pinned: &Pinned, respondent: &str) -> String {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix("# An aira workspace: one readiness assessment. See docs/workspace-format.md.\n");
    doc["format"] = toml_edit::value(FORMAT);
    doc["name"] = toml_edit::value(name);
    doc["organisation"] = toml_edit::value(organisation);
    doc["scope"] = toml_edit::value("");
    doc["created"] = toml_edit::value(created);
    doc["default_respondent"] = toml_edit::value(respondent);
    doc["aggregation"] = toml_edit::value("mean");
    doc["report_status"] = toml_edit::value("draft");
    doc["report_version"] = toml_edit::value(aira_core::engagement::DEFAULT_REPORT_VERSION);
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
