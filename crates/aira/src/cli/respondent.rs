//! `aira respondent add|list|rename`: the people whose answers the workspace records. A
//! respondent's id (its file name) never changes, so renaming never disturbs a git merge.

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use aira_core::assessment::{Assessment, Respondent, respondent_id};
use aira_store::workspace::Access;

#[derive(Subcommand, Debug)]
pub enum RespondentCmd {
    /// Add a respondent (answers/<id>.toml, the id made from the name)
    Add {
        /// Their display name, e.g. "Dana Ruiz"
        name: String,
        /// Their role, e.g. "CISO" (shown beside their answers in reports)
        #[arg(long, value_name = "TEXT")]
        role: Option<String>,
    },
    /// List respondents: id, name, role and how many questions each answered
    List,
    /// Change a respondent's display name (and role); the id and file name stay
    Rename {
        /// The respondent's id (or current display name)
        id: String,
        /// The new display name
        new_name: String,
        /// A new role (unchanged without it)
        #[arg(long, value_name = "TEXT")]
        role: Option<String>,
    },
}

/// A respondent by id, else by display name (case-insensitive), else by the id its name makes.
pub fn find<'a>(a: &'a Assessment, key: &str) -> Option<&'a Respondent> {
    a.respondent(key)
        .or_else(|| a.respondents.iter().find(|r| r.name.trim().eq_ignore_ascii_case(key.trim())))
        .or_else(|| a.respondent(&respondent_id(key)))
}

fn check_text(what: &str, s: &str) -> Result<()> {
    if s.trim().is_empty() {
        bail!("the {what} must not be empty");
    }
    if let Some((_, c)) = aira_core::text::find_forbidden_control(s, false) {
        bail!("the {what} contains the control character U+{:04X}", c as u32);
    }
    Ok(())
}

pub fn run(dir: &Path, cmd: &RespondentCmd) -> Result<i32> {
    match cmd {
        RespondentCmd::List => list(dir),
        RespondentCmd::Add { name, role } => {
            check_text("name", name)?;
            if let Some(r) = role {
                check_text("role", r)?;
            }
            let mut ws = super::open_write(dir)?;
            let id = respondent_id(name);
            if let Some(r) = ws.assessment.respondent(&id) {
                bail!("a respondent with id `{id}` already exists ({}); use another name", r.name);
            }
            let mut r = Respondent::new(&id, name.trim());
            r.role = role.as_deref().map(str::trim).unwrap_or_default().to_owned();
            ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?.save_respondent(&r)?;
            super::outln!("Added respondent {id} ({}) in answers/{id}.toml", r.name)?;
            Ok(0)
        }
        RespondentCmd::Rename { id, new_name, role } => {
            check_text("name", new_name)?;
            if let Some(r) = role {
                check_text("role", r)?;
            }
            let mut ws = super::open_write(dir)?;
            let Some(old) = find(&ws.assessment, id) else {
                bail!("no respondent `{id}` (see `aira respondent list`)");
            };
            let mut r = old.clone_header();
            r.name = new_name.trim().to_owned();
            if let Some(role) = role {
                r.role = role.trim().to_owned();
            }
            ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?.save_respondent(&r)?;
            super::outln!("Renamed {} to {} (id and file unchanged)", r.id, r.name)?;
            Ok(0)
        }
    }
}

fn list(dir: &Path) -> Result<i32> {
    let ws = super::open(dir, Access::ReadOnly)?;
    let clean = |s: &str| aira_core::text::sanitize(s, false).into_owned();
    let rows: Vec<[String; 4]> = ws
        .assessment
        .respondents
        .iter()
        .map(|r| {
            let answered = r.answers.values().filter(|a| a.value.is_some()).count();
            [clean(&r.id), clean(&r.name), clean(&r.role), answered.to_string()]
        })
        .collect();
    let head = ["ID", "NAME", "ROLE", "ANSWERED"];
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).chain([head[i].len()]).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    super::outln!("{:<w0$}  {:<w1$}  {:<w2$}  {}", head[0], head[1], head[2], head[3])?;
    for r in &rows {
        super::outln!("{:<w0$}  {:<w1$}  {:<w2$}  {:>8}", r[0], r[1], r[2], r[3])?;
    }
    Ok(0)
}
