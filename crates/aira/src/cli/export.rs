//! `aira export csv`: a questionnaire as a CSV sheet that `aira import csv` reads back,
//! written atomically (never over an existing file without `--force`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::Subcommand;

use aira_store::workspace::{self, Access, atomic::write_atomic};

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
}

pub fn run(cli: &super::Cli, cmd: &ExportCmd) -> Result<i32> {
    let ExportCmd::Csv { questionnaire, output, force } = cmd;
    if output.exists() && !force {
        bail!("{} exists; pass --force to replace it", output.display());
    }
    let q = match questionnaire {
        Some(spec) => {
            let found = super::questionnaires::find(spec)?;
            found.parsed.map_err(|e| anyhow::anyhow!("{}: {e}", found.source))?
        }
        None => workspace::open(&super::workspace_dir(cli)?, Access::ReadOnly)?.questionnaire,
    };
    let text = aira_import::to_csv(&q).context("writing the CSV")?;
    write_atomic(output, text.as_bytes()).with_context(|| output.display().to_string())?;
    super::outln!("Wrote {} question(s) of {} {} to {}", q.questions.len(), q.id, q.version, shown(output))?;
    Ok(0)
}

fn shown(p: &Path) -> String {
    aira_core::text::sanitize(&p.display().to_string(), false).into_owned()
}
