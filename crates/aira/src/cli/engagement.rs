//! `aira engagement set|show` and the same facts on `aira init`: scope, assessors, the client's
//! contact, the assessment period, the report's status and version, in workspace.toml. Each
//! change is one history entry (old → new) that `aira undo` reverts.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::{Args, Subcommand};

use aira_core::engagement::{Engagement, FactsEdit, FactsText};
use aira_store::workspace::{self, Access, Workspace};

/// The facts a command may set; absent flags leave a fact as it is.
#[derive(Args, Debug, Default, Clone)]
pub struct FactArgs {
    /// What the assessment covers (the systems, units, sites)
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,
    /// Who carried out the assessment; repeat for several (replaces the list)
    #[arg(long = "assessor", value_name = "NAME")]
    pub assessors: Vec<String>,
    /// The client's contact for the engagement
    #[arg(long, value_name = "TEXT")]
    pub contact: Option<String>,
    /// The assessment period, first and last day: START..END (YYYY-MM-DD)
    #[arg(long, value_name = "START..END")]
    pub period: Option<String>,
    /// The report's status: draft or final
    #[arg(long, value_name = "draft|final")]
    pub status: Option<String>,
    /// The report's version, e.g. 0.1 or 1.0
    #[arg(long = "version", value_name = "TEXT")]
    pub report_version: Option<String>,
}

impl FactArgs {
    /// The edit these flags ask for, every value checked (dates, status, stored-string rule).
    pub fn edit(&self) -> Result<FactsEdit> {
        let typed = FactsText {
            scope: self.scope.clone(),
            assessors: (!self.assessors.is_empty()).then(|| self.assessors.clone()),
            contact: self.contact.clone(),
            period: self.period.clone(),
            status: self.status.clone(),
            version: self.report_version.clone(),
        };
        Ok(typed.edit()?)
    }
}

#[derive(Subcommand, Debug)]
pub enum EngagementCmd {
    /// Change engagement facts (only those given)
    Set(FactArgs),
    /// Show the engagement facts
    Show,
}

pub fn run(dir: &Path, cmd: &EngagementCmd) -> Result<i32> {
    match cmd {
        EngagementCmd::Show => show(&workspace::open(dir, Access::ReadOnly)?.meta),
        EngagementCmd::Set(args) => {
            let edit = args.edit()?;
            if edit.is_empty() {
                bail!("nothing to set: give --scope, --assessor, --contact, --period, --status or --version");
            }
            let mut ws = super::open_write(dir)?;
            let before = ws.meta.clone();
            let changed = apply(&mut ws, &edit)?;
            if changed.is_empty() {
                super::outln!("Nothing changed.")?;
            }
            // One line per fact: a scope's line breaks read as ` / ` here (`show` keeps them).
            let one_line = |m: &Engagement, key: &str| fact(m, key).replace('\n', " / ");
            for key in changed {
                super::outln!("{}: {} → {}", label(key), one_line(&before, key), one_line(&ws.meta, key))?;
            }
            Ok(0)
        }
    }
}

/// Save `edit` as the configured user; the names of the facts that changed.
pub fn apply(ws: &mut Workspace, edit: &FactsEdit) -> Result<Vec<&'static str>> {
    let user = aira_store::config::user_name(&aira_store::config::load()?);
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    let changed = store.set_facts(edit, &user, &workspace::now_rfc3339())?;
    ws.meta = store.engagement()?;
    super::warn_saved(ws);
    Ok(changed)
}

fn label(key: &str) -> &str {
    match key {
        "report_status" => "status",
        "report_version" => "version",
        other => other,
    }
}

/// One fact as `show` and `set` print it.
fn fact(m: &Engagement, key: &str) -> String {
    let or_unset = |s: &str| if s.trim().is_empty() { "(not set)".to_owned() } else { s.to_owned() };
    match key {
        "scope" => or_unset(&m.scope),
        "assessors" => or_unset(&m.assessors.join(", ")),
        "contact" => or_unset(&m.contact),
        "period" => m.period.map_or_else(|| "(not set)".to_owned(), |p| format!("{} to {}", p.start, p.end)),
        "report_status" => m.report_status.as_str().to_owned(),
        "report_version" => m.report_version.clone(),
        _ => String::new(),
    }
}

fn show(m: &Engagement) -> Result<i32> {
    super::outln!("Name:         {}", m.name)?;
    super::outln!("Organisation: {}", if m.organisation.is_empty() { "(not set)" } else { &m.organisation })?;
    // A scope may run over several lines: the later ones line up under the first.
    let scope = fact(m, "scope").replace('\n', "\n              ");
    super::outln!("Scope:        {scope}")?;
    for (title, key) in [
        ("Assessors:", "assessors"),
        ("Contact:", "contact"),
        ("Period:", "period"),
        ("Status:", "report_status"),
        ("Version:", "report_version"),
    ] {
        super::outln!("{title:<13} {}", fact(m, key))?;
    }
    Ok(0)
}
