//! `aira import csv|ciso-assistant`: read the file, run the pure importer, write the
//! questionnaire atomically (never over an existing file without `--force`).

use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use clap::{Args, Subcommand};

use aira_core::text::sanitize;
use aira_import::{self as import, CsvOptions, Imported, Problem};
use aira_store::workspace::atomic::{read_limited, write_atomic};

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// A spreadsheet saved as CSV with the header id,text,phase,function,nist,iso,guidance,weight
    Csv {
        /// The CSV file to read
        file: PathBuf,
        #[command(flatten)]
        out: Output,
        /// Questionnaire id (default: from the file name)
        #[arg(long)]
        id: Option<String>,
        /// Questionnaire title (default: the file name)
        #[arg(long)]
        title: Option<String>,
        /// Questionnaire version
        #[arg(long, default_value = "1")]
        version: String,
    },
    /// A CISO Assistant framework library (YAML)
    CisoAssistant {
        /// The library file (YAML) to read
        file: PathBuf,
        #[command(flatten)]
        out: Output,
    },
}

#[derive(Args, Debug)]
pub struct Output {
    /// Where to write the questionnaire (TOML)
    #[arg(short, long, value_name = "OUT.toml")]
    output: PathBuf,
    /// Replace OUT if it exists
    #[arg(long)]
    force: bool,
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

pub fn run(cmd: &ImportCmd, color: bool) -> Result<i32> {
    let (file, out) = match cmd {
        ImportCmd::Csv { file, out, .. } | ImportCmd::CisoAssistant { file, out } => (file, out),
    };
    if out.output.exists() && !out.force {
        bail!("{} exists; pass --force to replace it", out.output.display());
    }
    let name = sanitize(&file.display().to_string(), false).into_owned();
    let text = read_limited(file, import::MAX_INPUT_BYTES as u64).with_context(|| name.clone())?;
    let result = match cmd {
        ImportCmd::Csv { id, title, version, .. } => {
            let stem = stem(file);
            let id = id.clone().unwrap_or_else(|| match import::slug(&stem) {
                s if s.is_empty() => "imported".to_owned(),
                s => s,
            });
            let title = title.clone().unwrap_or_else(|| if stem.is_empty() { id.clone() } else { stem.clone() });
            if !aira_core::questionnaire::is_valid_id(&id) {
                bail!("--id `{}` must be 1-128 characters of a-z, 0-9 and -", sanitize(&id, false));
            }
            let opts = CsvOptions { id, title, version: version.clone(), source: stem };
            import::from_csv(&text, &opts)
        }
        ImportCmd::CisoAssistant { .. } => import::from_ciso_assistant(&text),
    };
    match result {
        Ok(Imported { text, questions, warnings }) => {
            print_problems(&name, &warnings, color);
            write_atomic(&out.output, text.as_bytes()).with_context(|| out.output.display().to_string())?;
            super::outln!("Wrote {} question(s) to {}", questions, out.output.display())?;
            Ok(0)
        }
        Err(problems) => {
            print_problems(&name, &problems, color);
            let n = problems.iter().filter(|p| p.is_error()).count();
            super::errln!("{name}: not imported: {n} error(s)");
            Ok(1)
        }
    }
}

/// The importer's warnings and errors, on stderr (stdout says only what was written).
fn print_problems(file: &str, problems: &[Problem], color: bool) {
    for p in problems {
        let line = sanitize(&p.located(file), false).into_owned();
        let word = format!(": {}: ", p.severity.as_str());
        match line.split_once(&word) {
            Some((head, rest)) if color => {
                super::rawerr!("{head}: {}: {rest}", super::check::severity_word(p.severity, true));
            }
            _ => super::errln!("{line}"),
        }
    }
}
