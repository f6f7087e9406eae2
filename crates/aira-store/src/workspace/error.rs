//! What can go wrong with a workspace, phrased for the person who has to fix it.

use std::path::{Path, PathBuf};

use aira_core::diag::line_col;

#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// The reason is part of the message and deliberately not an error `source`: anyhow's
    /// `{:#}` prints the chain, which would say the reason twice.
    #[error("{}: {error}", path.display())]
    Io { path: PathBuf, error: std::io::Error },
    /// A file that does not parse or holds a bad value: never overwritten.
    #[error("{}:{line}:{col}: {message}", path.display())]
    Parse { path: PathBuf, line: usize, col: usize, message: String },
    #[error("{}: workspace format {found} is newer than this aira understands ({supported}); upgrade aira to write to it", path.display())]
    NewerFormat { path: PathBuf, found: i64, supported: i64 },
    #[error("{}: not an aira workspace (no workspace.toml); create one with `aira init {}`", path.display(), path.display())]
    NotAWorkspace { path: PathBuf },
    #[error("{}: the workspace is open for writing by {holder}; close it there first (read-only commands such as `aira score` still work)", path.display())]
    Locked { path: PathBuf, holder: super::lock::Holder },
    /// Transparent: with `#[from]` the error is also the source, and anyhow's `{:#}` would
    /// print the message twice.
    #[error(transparent)]
    Questionnaire(#[from] aira_core::questionnaire::LoadError),
    #[error("{0}")]
    Invalid(String),
}

impl WorkspaceError {
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> WorkspaceError + '_ {
        move |error| WorkspaceError::Io { path: path.to_owned(), error }
    }

    pub fn at(path: &Path, text: &str, offset: Option<usize>, message: impl Into<String>) -> WorkspaceError {
        let (line, col) = offset.map_or((1, 1), |o| line_col(text, o));
        WorkspaceError::Parse { path: path.to_owned(), line, col, message: message.into() }
    }
}

pub type Result<T, E = WorkspaceError> = std::result::Result<T, E>;
