//! `aira export csv`: a questionnaire as a CSV sheet that `aira import csv` reads back;
//! `aira export ciso-assistant`: the workspace's results as CISO Assistant's audit import
//! sheet. Both written atomically, never over an existing file without `--force`.

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use aira_store::workspace::{Access, atomic::write_atomic};

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// A questionnaire as CSV (id,text,phase,function,nist,iso,guidance,weight, then the optional columns) for a spreadsheet
    Csv {
        /// A built-in questionnaire id, one in your data folder, or a file (default: the workspace's)
        #[arg(short, long, value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// Where to write the sheet
        #[arg(short, long, value_name = "OUT.csv")]
        output: PathBuf,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
    },
    /// The workspace's results per requirement as a CSV that CISO Assistant's Data Wizard
    /// imports into an audit of that framework (docs/interop.md)
    CisoAssistant {
        /// The CISO Assistant framework the audit uses
        #[arg(long, value_enum)]
        framework: aira_report::ciso::Framework,
        /// Where to write the sheet
        #[arg(short, long, value_name = "OUT.csv")]
        output: PathBuf,
        /// Replace OUT if it exists
        #[arg(long)]
        force: bool,
    },
}

pub fn run(cli: &super::Cli, cmd: &ExportCmd) -> Result<i32> {
    let (output, force) = match cmd {
        ExportCmd::Csv { output, force, .. } | ExportCmd::CisoAssistant { output, force, .. } => (output, *force),
    };
    if output.exists() && !force {
        bail!("{} exists; pass --force to replace it", output.display());
    }
    let questionnaire = match cmd {
        ExportCmd::Csv { questionnaire, .. } => questionnaire,
        ExportCmd::CisoAssistant { framework, .. } => return ciso(cli, *framework, output),
    };
    let q = match questionnaire {
        Some(spec) => {
            let found = super::questionnaires::find(spec)?;
            found.parsed.map_err(|e| anyhow::anyhow!("{}: {e}", found.source))?
        }
        None => super::open(&super::workspace_dir(cli)?, Access::ReadOnly)?.questionnaire,
    };
    let text = aira_import::to_csv(&q).context("writing the CSV")?;
    write_atomic(output, text.as_bytes()).with_context(|| output.display().to_string())?;
    super::outln!("Wrote {} question(s) of {} {} to {}", q.questions.len(), q.id, q.version, shown(output))?;
    Ok(0)
}

/// The audit sheet of the questions in scope (docs/eu-ai-act.md), like every report.
fn ciso(cli: &super::Cli, framework: aira_report::ciso::Framework, output: &Path) -> Result<i32> {
    let ws = super::open(&super::workspace_dir(cli)?, Access::ReadOnly)?;
    let scope = aira_core::scope::Scope::new(&ws.questionnaire, &ws.assessment, &ws.meta.profiles);
    let narrowed = scope.narrow(&ws.questionnaire);
    let r = aira_report::Report::new(&ws.meta, &narrowed, &ws.assessment, "");
    let (text, missing) = aira_report::ciso::audit(&r, framework);
    if !missing.is_empty() {
        super::errln!(
            "aira: note: {} has no requirement for {}; their scores are not in the sheet",
            framework.library(),
            missing.join(", ")
        );
    }
    write_atomic(output, text.as_bytes()).with_context(|| output.display().to_string())?;
    let rows = text.lines().count().saturating_sub(1);
    super::outln!("Wrote {rows} requirement(s) of {} to {}", framework.library(), shown(output))?;
    Ok(0)
}

fn shown(p: &Path) -> String {
    aira_core::text::sanitize(&p.display().to_string(), false).into_owned()
}
