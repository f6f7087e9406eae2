//! The opening that every workspace TOML file with a `format` number shares (consensus.toml,
//! targets.toml): parse with spans, so errors point at file:line:col and git's conflict
//! markers are named as an unresolved merge, then refuse a format newer than this build reads
//! rather than misread it.

use std::path::Path;

use super::error::{Result, WorkspaceError};

pub fn parse(path: &Path, text: &str, supported: i64) -> Result<toml_edit::Document<String>> {
    let doc = toml_edit::Document::parse(text.to_owned()).map_err(|e| {
        super::markers::unresolved(path, text).unwrap_or_else(|| {
            WorkspaceError::at(path, text, e.span().map(|s| s.start), format!("invalid TOML: {}", e.message().trim()))
        })
    })?;
    if let Some(f) = doc.get("format") {
        let n = f
            .as_integer()
            .ok_or_else(|| WorkspaceError::at(path, text, f.span().map(|s| s.start), "`format` must be an integer"))?;
        if n > supported {
            return Err(WorkspaceError::NewerFormat { path: path.to_owned(), found: n, supported });
        }
    }
    Ok(doc)
}
