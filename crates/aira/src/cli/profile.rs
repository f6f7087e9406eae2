//! `aira profile`: which questionnaire profiles (EU AI Act operator roles) the workspace
//! covers, in workspace.toml. The walk, the scores and the reports cover only those.

use std::path::Path;

use anyhow::{Result, anyhow};
use clap::Subcommand;

use aira_core::scope;
use aira_store::workspace::{self, Access};

#[derive(Subcommand, Debug)]
pub enum ProfileCmd {
    /// Choose the profiles that apply (replaces the choice): `aira profile set provider deployer`
    /// or `provider,deployer`
    Set {
        /// The profiles that apply (a questionnaire's profile ids, e.g. provider deployer)
        #[arg(required = true, value_name = "PROFILE")]
        profiles: Vec<String>,
    },
    /// Cover every question again, whatever its profiles
    Clear,
    /// List the questionnaire's profiles and which are chosen
    Show,
}

pub fn run(dir: &Path, cmd: &ProfileCmd) -> Result<i32> {
    let access = if matches!(cmd, ProfileCmd::Show) { Access::ReadOnly } else { Access::Write };
    let mut ws = workspace::open(dir, access)?;
    let chosen = match cmd {
        ProfileCmd::Show => ws.meta.profiles.clone(),
        ProfileCmd::Clear => Vec::new(),
        ProfileCmd::Set { profiles } => scope::choose_profiles(&ws.questionnaire, profiles).map_err(|e| anyhow!(e))?,
    };
    if !matches!(cmd, ProfileCmd::Show) {
        let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
        store.set_profiles(&chosen)?;
    }
    let q = &ws.questionnaire;
    let mut all: Vec<(String, String)> = q.profiles.iter().map(|p| (p.id.clone(), p.name.clone())).collect();
    for p in q.questions.iter().flat_map(|x| &x.profiles) {
        if !all.iter().any(|(id, _)| id == p) {
            all.push((p.clone(), p.clone()));
        }
    }
    for (id, name) in &all {
        let mark = if chosen.contains(id) { "[x]" } else { "[ ]" };
        super::outln!("{mark} {id:<16} {name}")?;
    }
    if chosen.is_empty() {
        super::outln!("No profile chosen: every question is covered.")?;
    }
    Ok(0)
}
