//! `aira check`: every problem in questionnaire files, each with the line and a caret.

use std::path::PathBuf;

use anyhow::Result;

use crate::{questionnaire, workspace};

pub fn check(files: &[PathBuf], _color: bool) -> Result<i32> {
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let name = path.display().to_string();
        let text = match workspace::atomic::read_limited(path, questionnaire::MAX_FILE_BYTES as u64) {
            Ok(t) => t,
            Err(e) => {
                super::outln!("{name}: error: {e}")?;
                errors += 1;
                continue;
            }
        };
        let (_, diags) = questionnaire::check(&text);
        for d in &diags {
            let loc = crate::diag::Located { file: &name, text: &text, diagnostic: d };
            super::outln!("{}\n", loc.with_snippet())?;
            if d.is_error() { errors += 1 } else { warnings += 1 }
        }
    }
    let files_n = files.len();
    super::outln!("{files_n} file(s) checked: {errors} error(s), {warnings} warning(s)")?;
    Ok(if errors > 0 { 1 } else { 0 })
}
