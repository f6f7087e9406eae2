//! `aira report`: write a deliverable (full report or Statement of Applicability) in one of
//! five formats, to a file (atomically) or to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use aira_report::{self as report, Report};
use aira_store::workspace::{self, Access};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Csv,
    Json,
    Xlsx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ReportKind {
    /// Everything: summary, heatmap, coverage, gaps, roadmap, answers, follow-ups
    Full,
    /// The ISO/IEC 42001 Statement of Applicability
    Soa,
}

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Output format (default: from the -o file's extension, else md)
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file instead of stdout (required for xlsx)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ReportKind::Full)]
    pub kind: ReportKind,
    /// The "generated at" time printed in the report (RFC 3339); default now. For
    /// reproducible output.
    #[arg(long, hide = true, env = "AIRA_GENERATED_AT", value_name = "TIME")]
    pub generated_at: Option<String>,
}

fn from_extension(path: &Path) -> Option<ReportFormat> {
    match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
        "md" | "markdown" => Some(ReportFormat::Md),
        "html" | "htm" => Some(ReportFormat::Html),
        "csv" => Some(ReportFormat::Csv),
        "json" => Some(ReportFormat::Json),
        "xlsx" => Some(ReportFormat::Xlsx),
        _ => None,
    }
}

/// The bytes of one deliverable.
pub fn render(r: &Report, format: ReportFormat, kind: ReportKind) -> Result<Vec<u8>> {
    Ok(match (kind, format) {
        (ReportKind::Full, ReportFormat::Md) => report::markdown::full(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Md) => report::markdown::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Html) => report::html::full(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Html) => report::html::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Csv) => report::csv::answers(r).into_bytes(),
        (ReportKind::Soa, ReportFormat::Csv) => report::csv::soa(r).into_bytes(),
        (ReportKind::Full, ReportFormat::Json) => json_bytes(&report::json::full(r))?,
        (ReportKind::Soa, ReportFormat::Json) => json_bytes(&report::json::soa(r))?,
        (ReportKind::Full, ReportFormat::Xlsx) => report::xlsx::full(r).context("building the workbook")?,
        (ReportKind::Soa, ReportFormat::Xlsx) => report::xlsx::soa(r).context("building the workbook")?,
    })
}

fn json_bytes(v: &serde_json::Value) -> Result<Vec<u8>> {
    let mut b = serde_json::to_vec_pretty(v)?;
    b.push(b'\n');
    Ok(b)
}

/// The change since workspace.toml's `baseline` (a path relative to the workspace). A baseline
/// that cannot be opened is reported on stderr; the report is still written, without a trend.
fn trend(ws: &workspace::Workspace) -> Option<(String, aira_core::scoring::Diff)> {
    let path = ws.meta.baseline.as_ref()?;
    match workspace::open(&ws.dir.join(path), Access::ReadOnly) {
        Ok(base) => Some((path.clone(), super::diff::between(&base, ws))),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "aira: warning: baseline {path}: {e}; the report has no trend");
            None
        }
    }
}

pub fn run(dir: &Path, args: &ReportArgs) -> Result<i32> {
    let format = args.format.or_else(|| args.output.as_deref().and_then(from_extension)).unwrap_or(ReportFormat::Md);
    if format == ReportFormat::Xlsx && args.output.is_none() {
        bail!("xlsx is a binary format: give a file with -o FILE (e.g. -o report.xlsx)");
    }
    let ws = workspace::open(dir, Access::ReadOnly)?;
    let generated_at =
        args.generated_at.clone().unwrap_or_else(|| jiff::Zoned::now().strftime("%Y-%m-%dT%H:%M:%S%:z").to_string());
    let mut r = Report::new(&ws.meta, &ws.questionnaire, &ws.assessment, &generated_at);
    r.trend = trend(&ws);
    let bytes = render(&r, format, args.kind)?;
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
