//! `aira soa set`: record whether an ISO/IEC 42001 Annex A control applies, in workspace.toml
//! (`[soa."A.2.2"]`), keeping the file's comments. Not applicable needs a justification.

use std::path::Path;

use anyhow::{Result, anyhow};
use clap::{ArgGroup, Subcommand};

use aira_core::scoring::soa::validate;

#[derive(Subcommand, Debug)]
pub enum SoaCommand {
    /// Mark an Annex A control applicable or not applicable (with a justification)
    #[command(group(ArgGroup::new("decision").required(true).args(["applicable", "not_applicable"])))]
    Set {
        /// An Annex A control id, e.g. A.2.2
        control: String,
        /// The control applies (the default for every control)
        #[arg(long)]
        applicable: bool,
        /// The control does not apply (give --justification)
        #[arg(long)]
        not_applicable: bool,
        /// Why (required with --not-applicable)
        #[arg(long, value_name = "TEXT")]
        justification: Option<String>,
    },
}

pub fn run(dir: &Path, cmd: &SoaCommand) -> Result<i32> {
    let SoaCommand::Set { control, applicable, justification, .. } = cmd;
    let text = validate(control, *applicable, justification.as_deref().unwrap_or(""))?;
    let mut ws = super::open_write(dir)?;
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    store.set_soa(control, *applicable, &text)?;
    let title = aira_core::frameworks::title(control).unwrap_or("");
    super::outln!("{control} {title}: {}", if *applicable { "applicable" } else { "not applicable" })?;
    Ok(0)
}
