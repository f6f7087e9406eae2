//! The importers (pure): other people's question banks (CSV spreadsheets, CISO Assistant
//! framework libraries) → questionnaire format 1 TOML text. Reading and writing files is the
//! CLI's job; every entry point takes `&str` and never panics, so they can be fuzzed.
#![forbid(unsafe_code)]

mod ciso;
mod csv;
mod csv_dialect;
mod csv_out;
mod refs;
mod render;
mod scalar;

use std::fmt;

pub use ciso::from_ciso_assistant;
pub use csv::{CsvOptions, HEADER, from_csv};
pub use csv_out::to_csv;
pub use refs::{nist_id, slug};
pub use render::render;

use aira_core::diag::Severity;

/// Input size accepted by the importers (the CLI checks the file size before reading).
pub const MAX_INPUT_BYTES: usize = aira_core::questionnaire::MAX_FILE_BYTES;

/// One problem in the input, located by line (1-based) and, where known, column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub severity: Severity,
    pub line: Option<u64>,
    /// A character column (YAML) or a CSV column number with its header name.
    pub column: Option<Column>,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Char(u64),
    /// A CSV column: its number in the file and its header as written there.
    Field(usize, String),
}

impl Problem {
    pub fn error(line: Option<u64>, column: Option<Column>, message: impl Into<String>) -> Self {
        Problem { severity: Severity::Error, line, column, message: message.into() }
    }

    pub fn warning(line: Option<u64>, column: Option<Column>, message: impl Into<String>) -> Self {
        Problem { severity: Severity::Warning, line, column, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: severity: message`, the form every aira diagnostic takes.
    pub fn located(&self, file: &str) -> String {
        let mut out = file.to_owned();
        if let Some(l) = self.line {
            out.push_str(&format!(":{l}"));
            if let Some(Column::Char(c)) = self.column {
                out.push_str(&format!(":{c}"));
            }
        }
        out.push_str(&format!(": {}: ", self.severity.as_str()));
        if let Some(Column::Field(n, name)) = &self.column {
            out.push_str(&format!("column {n} ({name}): "));
        }
        out.push_str(&self.message);
        out
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.located("input"))
    }
}

/// A successful import: the questionnaire text, how many questions, and warnings to show.
#[derive(Clone, Debug)]
pub struct Imported {
    pub text: String,
    pub questions: usize,
    pub warnings: Vec<Problem>,
}

/// Run the real loader over what an importer produced: the output must pass `aira check`.
/// Its errors become problems (they would be importer bugs or over-size input); its warnings
/// are passed on.
fn verify(text: String) -> Result<Imported, Vec<Problem>> {
    let (q, diags) = aira_core::questionnaire::check(&text);
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    for d in diags {
        let line = d.span.as_ref().map(|s| aira_core::diag::line_col(&text, s.start).0 as u64);
        let p = Problem { severity: d.severity, line: None, column: None, message: d.message };
        let p = Problem { message: format!("{} (line {} of the output)", p.message, line.unwrap_or(0)), ..p };
        if p.is_error() { errors.push(p) } else { warnings.push(p) }
    }
    match q {
        Some(q) if errors.is_empty() => Ok(Imported { text, questions: q.questions.len(), warnings }),
        _ if errors.is_empty() => Err(vec![Problem::error(None, None, "the output could not be read back")]),
        _ => Err(errors),
    }
}
