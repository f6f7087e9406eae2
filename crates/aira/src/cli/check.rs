//! `aira check`: every problem in questionnaire files, each with the line and a caret, then a
//! summary, all on stderr (they are diagnostics; stdout stays empty). Exit 1 when any file
//! has an error; warnings alone still pass.

use std::path::PathBuf;

use anyhow::Result;

use aira_core::diag::{Diagnostic, Located, Severity};
use aira_core::questionnaire;
use aira_core::text::sanitize;
use aira_store::workspace;

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const RESET: &str = "\x1b[0m";

/// `error` or `warning`, coloured when asked (only ever the word, so piped output stays plain).
pub fn severity_word(s: Severity, color: bool) -> String {
    match (color, s) {
        (false, _) => s.as_str().to_owned(),
        (true, Severity::Error) => format!("{RED}{}{RESET}", s.as_str()),
        (true, Severity::Warning) => format!("{YELLOW}{}{RESET}", s.as_str()),
    }
}

/// One diagnostic as printed: the header, then the offending line and a caret. Anything taken
/// from the file (names, keys, text) is escaped so a hostile file cannot drive the terminal.
pub fn render(file: &str, text: &str, d: &Diagnostic, color: bool) -> String {
    let loc = Located { file, text, diagnostic: d };
    let plain = sanitize(&loc.with_snippet(), true).into_owned();
    let (line, col) = loc.position();
    let prefix = format!("{file}:{line}:{col}: ");
    let word = d.severity.as_str();
    match plain.strip_prefix(&prefix).and_then(|rest| rest.strip_prefix(word)) {
        Some(rest) if color => format!("{prefix}{}{rest}", severity_word(d.severity, true)),
        _ => plain,
    }
}

pub fn run(files: &[PathBuf], color: bool) -> Result<i32> {
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let name = sanitize(&path.display().to_string(), false).into_owned();
        let text = match workspace::atomic::read_limited(path, questionnaire::MAX_FILE_BYTES as u64) {
            Ok(t) => t,
            Err(e) => {
                let msg = sanitize(&e.to_string(), false).into_owned();
                super::rawerr!("{name}: {}: {msg}\n", severity_word(Severity::Error, color));
                errors += 1;
                continue;
            }
        };
        let (_, mut diags) = questionnaire::check(&text);
        // The loader reports per table; an author fixes a file top to bottom.
        diags.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
        for d in &diags {
            super::rawerr!("{}\n", render(&name, &text, d, color));
            if d.is_error() { errors += 1 } else { warnings += 1 }
        }
    }
    let files_n = files.len();
    super::errln!("{files_n} file(s) checked: {errors} error(s), {warnings} warning(s)");
    Ok(if errors > 0 { 1 } else { 0 })
}
