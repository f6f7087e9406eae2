//! `aira report`: write a deliverable (full report or Statement of Applicability) in one of
//! eight formats, to a file (atomically) or to stdout. pdf and typ use the workspace's own
//! `report.typ` (a branded copy of assets/report.typ) when it has one.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Args;

use aira_report::Report;
pub use aira_report::format::{ReportFormat, ReportKind, from_extension, render_with};
use aira_store::workspace::{self, Access};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Output format (default: from the -o file's extension, else md)
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file instead of stdout (required for xlsx, pdf and docx)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportKind::Full)]
    pub kind: ReportKind,
    /// The "generated at" time printed in the report (RFC 3339); default now. For
    /// reproducible output.
    #[arg(long, hide = true, env = "AIRA_GENERATED_AT", value_name = "TIME")]
    pub generated_at: Option<String>,
}

/// The change since workspace.toml's `baseline`. A baseline that cannot be opened is reported
/// on stderr; the report is still written, without a trend.
fn trend(ws: &workspace::Workspace) -> Option<(String, aira_core::scoring::Diff)> {
    let (path, opened) = workspace::open_baseline(&ws.dir, &ws.meta)?;
    match opened {
        Ok(base) => Some((path, super::diff::between(&base, ws))),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "aira: warning: baseline {path}: {e}; the report has no trend");
            None
        }
    }
}

/// A workspace's own `report.typ` (its branded copy of assets/report.typ), for pdf and typ.
fn branding(dir: &Path, format: ReportFormat) -> Result<Option<String>> {
    if !matches!(format, ReportFormat::Pdf | ReportFormat::Typ) {
        return Ok(None);
    }
    let path = dir.join("report.typ");
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("reading {}", path.display())),
    }
}

pub fn run(dir: &Path, args: &ReportArgs) -> Result<i32> {
    let format = args.format.or_else(|| args.output.as_deref().and_then(from_extension)).unwrap_or(ReportFormat::Md);
    if matches!(format, ReportFormat::Xlsx | ReportFormat::Pdf | ReportFormat::Docx) && args.output.is_none() {
        let ext = format!("{format:?}").to_ascii_lowercase();
        bail!("{ext} is a binary format: give a file with -o FILE (e.g. -o report.{ext})");
    }
    let ws = workspace::open(dir, Access::ReadOnly)?;
    let generated_at =
        args.generated_at.clone().unwrap_or_else(|| jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    let mut r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, &generated_at);
    r.trend = trend(&ws);
    let template = branding(dir, format)?;
    let bytes = render_with(&r, format, args.kind, template.as_deref())?;
    match &args.output {
        Some(path) => {
            workspace::atomic::write_atomic(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
            // Progress goes to stderr so stdout stays clean; a closed stderr is not an error.
            let _ = writeln!(std::io::stderr(), "Wrote {}", path.display());
        }
        None => match std::io::stdout().lock().write_all(&bytes) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.context("writing to stdout")?,
        },
    }
    Ok(0)
}
