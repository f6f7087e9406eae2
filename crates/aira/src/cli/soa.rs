//! `aira soa [show]` and `aira soa set`: the Statement of Applicability decisions in
//! workspace.toml (`[soa."A.2.2"]`). A control starts undecided; a decision is applicable or
//! not applicable (which needs a justification); one without a justification is flagged.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::{ArgGroup, Subcommand};

use aira_core::engagement::{Applicability, Engagement, SoaEntry};
use aira_core::frameworks;
use aira_core::scoring::soa::validate;
use aira_store::workspace::{self, Access};

#[derive(Subcommand, Debug)]
pub enum SoaCommand {
    /// Every Annex A control with its decision (the default)
    Show,
    /// Decide whether an Annex A control applies, or make it undecided again
    #[command(group(ArgGroup::new("decision").args(["applicable", "not_applicable", "undecided"])))]
    #[command(group(ArgGroup::new("change").required(true).multiple(true)
        .args(["applicable", "not_applicable", "undecided", "owner"])))]
    Set {
        /// An Annex A control id, e.g. A.2.2
        control: String,
        /// The control applies (the default for every control)
        #[arg(long)]
        applicable: bool,
        /// The control does not apply (give --justification)
        #[arg(long)]
        not_applicable: bool,
        /// Nobody has decided yet (removes the decision and its justification)
        #[arg(long, conflicts_with = "justification")]
        undecided: bool,
        /// Why it is included or excluded (required with --not-applicable)
        #[arg(long, value_name = "TEXT")]
        justification: Option<String>,
        /// Who is accountable for the control ("" clears it); alone, the decision is kept
        #[arg(long, value_name = "NAME", conflicts_with = "undecided")]
        owner: Option<String>,
    },
}

pub fn run(dir: &Path, cmd: Option<&SoaCommand>) -> Result<i32> {
    let Some(SoaCommand::Set { control, applicable, not_applicable, undecided, justification, owner }) = cmd else {
        return show(&workspace::open(dir, Access::ReadOnly)?.meta);
    };
    let owner = owner.as_deref().map(SoaEntry::check_owner).transpose()?;
    let mut ws = super::open_write(dir)?;
    // --owner alone: the decision recorded now, justification and all, stays as it is.
    let decided = *applicable || *not_applicable || *undecided;
    let now = ws.meta.soa_decision(control);
    let (applies, given) = if decided {
        (*applicable || *undecided, justification.clone().unwrap_or_default())
    } else if now.applicability == Applicability::Undecided && frameworks::title(control).is_some() {
        bail!(
            "{control} is undecided: decide whether it applies (--applicable or --not-applicable) before naming \
             its owner"
        );
    } else {
        let kept = now.justification.to_owned();
        (now.applicability == Applicability::Applicable, justification.clone().unwrap_or(kept))
    };
    let owner_after = owner.clone().unwrap_or_else(|| now.owner.to_owned());
    let text = validate(control, applies, &given)?;
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    let decision = (!undecided).then_some((applies, text.as_str()));
    store.decide_soa_owned(control, decision, owner.as_deref(), &user, &workspace::now_rfc3339())?;
    super::warn_saved(&mut ws);
    let title = frameworks::title(control).unwrap_or("");
    let state = match decision {
        None => "undecided",
        Some((true, _)) => "applicable",
        Some((false, _)) => "not applicable",
    };
    let who =
        if decision.is_none() || owner_after.is_empty() { String::new() } else { format!(", owner {owner_after}") };
    super::outln!("{control} {title}: {state}{who}")?;
    if decision.is_some() && text.is_empty() {
        super::errln!("aira: note: no justification given for {control}; the SoA flags it (add --justification TEXT)");
    }
    Ok(0)
}

fn show(meta: &Engagement) -> Result<i32> {
    let controls = &aira_core::frameworks::get().iso.control;
    let mut counts = [0usize; 3];
    for c in controls {
        let d = meta.soa_decision(&c.id);
        counts[d.applicability as usize] += 1;
        super::outln!("{:<8} {:<10} {}", c.id, d.applicability.label(), c.title)?;
        match d.applicability {
            Applicability::Undecided => {}
            _ if d.unjustified() => super::outln!("{:<19} (no justification given)", "")?,
            _ => super::outln!("{:<19} {}", "", d.justification.replace('\n', " "))?,
        }
        if !d.owner.is_empty() {
            super::outln!("{:<19} owner: {}", "", d.owner)?;
        }
    }
    let unjustified = unjustified(meta);
    let flagged = if unjustified.is_empty() {
        String::new()
    } else {
        format!("; {} decided without a justification: {}", unjustified.len(), unjustified.join(", "))
    };
    super::outln!(
        "{} controls: {} applicable, {} not applicable, {} undecided{flagged}",
        controls.len(),
        counts[Applicability::Applicable as usize],
        counts[Applicability::NotApplicable as usize],
        counts[Applicability::Undecided as usize]
    )?;
    Ok(0)
}

/// Annex A controls decided without a justification (ids the catalogue lacks are left to doctor).
pub fn unjustified(meta: &Engagement) -> Vec<&str> {
    meta.unjustified_soa().into_iter().filter(|c| aira_core::frameworks::title(c).is_some()).collect()
}
