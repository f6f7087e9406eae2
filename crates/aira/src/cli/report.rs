//! `aira report`: write a deliverable (full report or Statement of Applicability) in one of
//! five formats, to a file (atomically) or to stdout.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, ValueEnum};

use aira_report::Report;
pub use aira_report::format::{ReportFormat, ReportKind, from_extension, render};
use aira_store::workspace::{self, Access};

#[derive(Args, Debug)]
pub struct ReportArgs {
    /// Output format (default: from the -o file's extension; md on stdout). Given with -o, it
    /// wins over an extension that names no format and must agree with one that does
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write to this file instead of stdout (required for xlsx)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Which deliverable: the full report or the Statement of Applicability
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
            let about = workspace::baseline_about(&ws.meta, &base.meta);
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

fn name(f: ReportFormat) -> String {
    f.to_possible_value().map_or_else(String::new, |v| v.get_name().to_owned())
}

/// The format to write. Without -o: `--format`, else md. With -o: the extension names it
/// (`.md`, `.html`, …); `--format` wins over an extension that names no format (`notes.txt`),
/// and a pair that contradicts itself (`--format html -o r.md`) is refused rather than
/// guessed, as is an extension aira cannot write (`x.pdf`): a wrong deliverable is worse than none.
pub fn choose_format(format: Option<ReportFormat>, output: Option<&Path>) -> Result<ReportFormat> {
    let Some(path) = output else { return Ok(format.unwrap_or(ReportFormat::Md)) };
    let shown = aira_core::text::sanitize(&path.display().to_string(), false).into_owned();
    match (format, from_extension(path)) {
        (Some(f), Some(n)) if f != n => {
            bail!("{shown} is named as {} but --format asks for {}: change the file name or --format", name(n), name(f))
        }
        (Some(f), _) | (None, Some(f)) => Ok(f),
        (None, None) => {
            let names: Vec<String> = ReportFormat::value_variants().iter().map(|f| name(*f)).collect();
            let ext = path.extension().map(|e| format!("`.{}` files", e.to_string_lossy()));
            bail!(
                "{shown}: aira cannot write {} (formats: {}); end the name in one of them, or give --format FORMAT",
                aira_core::text::sanitize(&ext.unwrap_or_else(|| "a file without an extension".into()), false),
                names.join(", ")
            )
        }
    }
}

pub fn run(dir: &Path, args: &ReportArgs) -> Result<i32> {
    let format = choose_format(args.format, args.output.as_deref())?;
    if format == ReportFormat::Xlsx && args.output.is_none() {
        bail!("xlsx is a binary format: give a file with -o FILE (e.g. -o report.xlsx)");
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
    let bytes = render(&r, format, args.kind)?;
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
