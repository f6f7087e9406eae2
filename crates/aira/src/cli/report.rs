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
fn trend(ws: &workspace::Workspace) -> Option<(String, aira_core::scoring::Diff, String)> {
    let (path, opened) = workspace::open_baseline(&ws.dir, &ws.meta)?;
    match opened {
        Ok(base) => {
            // A name that is only the baseline's folder name is an internal path, not a title.
            let folder = Path::new(&path).file_name().map(|f| f.to_string_lossy().into_owned());
            let mut meta = base.meta.clone();
            if folder.as_deref() == Some(meta.name.trim()) {
                meta.name.clear();
            }
            let about = workspace::baseline_about(&ws.meta, &meta);
            Some((path, super::diff::between(&base, ws), about))
        }
        Err(e) => {
            super::errln!("aira: warning: baseline {path}: {e}; the report has no trend");
            None
        }
    }
}

/// `-o FILE`: written through the store's writer seam (atomic replace), so the fault harness
/// can fail every step of it.
pub fn write_output(writer: &dyn workspace::atomic::Writer, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    writer.replace(path, bytes)
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
    let ws = super::open(dir, Access::ReadOnly)?;
    let generated_at = args
        .generated_at
        .clone()
        .unwrap_or_else(|| aira_store::clock::format(aira_store::clock::now(), "%Y-%m-%dT%H:%M:%S%:z"));
    // Scores and every section cover only the questions in scope (docs/eu-ai-act.md).
    let scope = aira_core::scope::Scope::new(&ws.questionnaire, &ws.assessment, &ws.meta.profiles);
    let narrowed = scope.narrow(&ws.questionnaire);
    let mut r = Report::new(&ws.meta, &narrowed, &ws.assessment, &generated_at);
    r.scope = aira_core::report::scope::ScopeSummary::new(&scope, &ws.questionnaire);
    if let Some((path, diff, about)) = trend(&ws) {
        r.trend = Some((path, diff));
        r.baseline_about = about;
    }
    let template = branding(dir, format)?;
    let bytes = render_with(&r, format, args.kind, template.as_deref())?;
    match &args.output {
        Some(path) => {
            write_output(&workspace::atomic::Disk, path, &bytes)
                .with_context(|| format!("writing {}", path.display()))?;
            // Progress goes to stderr so stdout stays clean; a closed stderr is not an error.
            super::errln!("Wrote {}", path.display());
        }
        None => match std::io::stdout().lock().write_all(&bytes) {
            // A reader that stops early (`| head`) is not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            other => other.context("writing to stdout")?,
        },
    }
    Ok(0)
}
