//! Diagnostics that point into a source file: `file:line:col: severity: message`.
//!
//! Every room that reads user text reports problems as byte spans; this module turns them into
//! the line and column a person sees in an editor, and renders the offending line with a caret.

use std::fmt;
use std::ops::Range;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem found in a source text, located by byte span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl Diagnostic {
    pub fn error(span: impl Into<Option<Range<usize>>>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, span: span.into(), message: message.into() }
    }

    pub fn warning(span: impl Into<Option<Range<usize>>>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, span: span.into(), message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (in characters) of a byte offset. Offsets past the end or inside a
/// multi-byte character are clamped, so a bad span never panics.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

/// A diagnostic bound to its file, ready to print.
pub struct Located<'a> {
    pub file: &'a str,
    pub text: &'a str,
    pub diagnostic: &'a Diagnostic,
}

impl Located<'_> {
    pub fn position(&self) -> (usize, usize) {
        self.diagnostic.span.as_ref().map_or((1, 1), |s| line_col(self.text, s.start))
    }

    /// The short form: `file:line:col: message`.
    pub fn short(&self) -> String {
        let (line, col) = self.position();
        format!("{}:{}:{}: {}", self.file, line, col, self.diagnostic.message)
    }

    /// The long form used by `aira check`: header, offending line and a caret under the span.
    pub fn with_snippet(&self) -> String {
        let (line, col) = self.position();
        let mut out = format!(
            "{}:{}:{}: {}: {}",
            self.file,
            line,
            col,
            self.diagnostic.severity.as_str(),
            self.diagnostic.message
        );
        if self.diagnostic.span.is_some()
            && let Some(src_line) = self.text.lines().nth(line - 1)
        {
            {
                let shown = crate::text::escape_controls(src_line);
                let gutter = line.to_string();
                let pad = " ".repeat(gutter.len());
                let caret_pad: String =
                    shown.chars().take(col - 1).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
                out.push_str(&format!("\n{pad} |\n{gutter} | {shown}\n{pad} | {caret_pad}^"));
            }
        }
        out
    }
}

impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.short())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "a = 1\nbé = x\n";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 6), (2, 1));
        // 'x' sits after "bé = " which is 5 chars but 6 bytes.
        let x = text.find('x').unwrap();
        assert_eq!(line_col(text, x), (2, 6));
        assert_eq!(line_col(text, 10_000), (3, 1));
        // Inside a multi-byte char: clamped back, no panic.
        assert_eq!(line_col(text, 8), (2, 2));
    }

    #[test]
    fn snippet_has_caret_under_column() {
        let d = Diagnostic::error(4..5, "bad value");
        let loc = Located { file: "q.toml", text: "a = x\n", diagnostic: &d };
        let s = loc.with_snippet();
        assert!(s.starts_with("q.toml:1:5: error: bad value"), "{s}");
        assert!(s.ends_with("|     ^"), "{s}");
    }
}
