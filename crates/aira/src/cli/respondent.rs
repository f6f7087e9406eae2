//! `aira respondent add|list|rename|remove|restore`: the people whose answers the workspace
//! records. A respondent's id (its file name) never changes, so renaming never disturbs a git
//! merge. Every change is a `respondent` history entry (`aira undo` reverts it).

use std::path::Path;

use anyhow::{Result, anyhow, bail};
use clap::Subcommand;

use aira_core::assessment::{Assessment, Respondent, respondent_id};
use aira_store::workspace::{Access, Workspace, respondent_change};

#[derive(Subcommand, Debug)]
pub enum RespondentCmd {
    /// Add a respondent (answers/<id>.toml, the id made from the name)
    Add {
        /// Their display name, e.g. "Dana Ruiz"
        name: String,
        /// Their role: one the questionnaire declares (`[[role]]`, by id or name)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
    },
    /// List respondents: id, name, role and how many questions each answered (archived ones marked)
    List,
    /// Change a respondent's display name (and role); the id and file name stay
    Rename {
        /// The respondent's id (or current display name)
        id: String,
        /// The new display name
        new_name: String,
        /// A new role (unchanged without it)
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
    },
    /// Archive a respondent: answers kept (file and history), left out of every score and report
    Remove {
        /// The respondent's id or display name
        id: String,
    },
    /// Bring an archived respondent back
    Restore {
        /// The respondent's id or display name
        id: String,
    },
}

/// A respondent by id, else by display name (case-insensitive), else by the id its name makes.
pub fn find<'a>(a: &'a Assessment, key: &str) -> Option<&'a Respondent> {
    find_in(&a.respondents, key)
}

fn find_in<'a>(list: &'a [Respondent], key: &str) -> Option<&'a Respondent> {
    list.iter()
        .find(|r| r.id == key)
        .or_else(|| list.iter().find(|r| r.name.trim().eq_ignore_ascii_case(key.trim())))
        .or_else(|| list.iter().find(|r| r.id == respondent_id(key)))
}

/// The respondent `--respondent KEY` names, or without one the one answering when the
/// workspace opens. Never created here: an unknown or empty name is refused, listing the
/// known ones and the nearest, so a typo records nothing (`aira respondent add` creates).
pub fn resolve(ws: &Workspace, key: Option<&str>) -> Result<Respondent> {
    let Some(key) = key else {
        return ws
            .assessment
            .respondent(&ws.meta.default_respondent)
            .or_else(|| ws.assessment.respondents.first())
            .map(Respondent::clone_header)
            .ok_or_else(|| no_one(ws));
    };
    if key.trim().is_empty() {
        bail!("--respondent must name someone (see `aira respondent list`)");
    }
    if let Some(r) = find(&ws.assessment, key) {
        return Ok(r.clone_header());
    }
    if let Some(r) = find_in(&ws.archived, key) {
        bail!("respondent `{}` ({}) is archived; `aira respondent restore {}` brings them back", r.id, r.name, r.id);
    }
    Err(unknown(&ws.assessment, key))
}

/// No active respondent to record as: never a placeholder (issue 16). Names the archived
/// ones and how to bring one back, or how to add one.
fn no_one(ws: &Workspace) -> anyhow::Error {
    let add = "`aira respondent add NAME` adds someone";
    match ws.archived.first() {
        None => anyhow!("no respondent to record as: {add}"),
        Some(first) => {
            let who: Vec<String> = ws.archived.iter().map(|r| format!("{} ({})", r.id, r.name)).collect();
            anyhow!(
                "no one to record as: every respondent is archived ({}); `aira respondent restore {}` brings one back, \
                 or {add}",
                who.join(", "),
                first.id
            )
        }
    }
}

fn unknown(a: &Assessment, key: &str) -> anyhow::Error {
    let known: Vec<String> = a.respondents.iter().map(|r| format!("{} ({})", r.id, r.name)).collect();
    let names = a.respondents.iter().flat_map(|r| [r.id.as_str(), r.name.as_str()]);
    let near = aira_core::text::closest(key.trim(), names)
        .and_then(|n| find(a, n))
        .map(|r| format!("; did you mean `{}` ({})?", r.id, r.name))
        .unwrap_or_default();
    let list = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
    anyhow!("unknown respondent `{key}` (known: {list}){near} — add one with `aira respondent add NAME`")
}

/// A role from the questionnaire's vocabulary (by id or name), as its id; free text only when
/// the questionnaire declares no roles (the wizard's prompt uses the same `check_role`).
pub fn check_role(q: &aira_core::questionnaire::Questionnaire, role: &str) -> Result<String> {
    check_text("role", role)?;
    q.check_role(role).map_err(|e| anyhow!(e))
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
    if let RespondentCmd::List = cmd {
        return list(dir);
    }
    let mut ws = super::open_write(dir)?;
    let (old, new, said) = match cmd {
        RespondentCmd::List => unreachable!("handled above"),
        RespondentCmd::Add { name, role } => {
            check_text("name", name)?;
            let role = role.as_deref().map(|r| check_role(&ws.questionnaire, r)).transpose()?;
            let id = respondent_id(name);
            if id.is_empty() {
                bail!("the name `{name}` makes no id (use some letters or digits)");
            }
            if let Some(r) = ws.assessment.respondent(&id).or_else(|| ws.archived.iter().find(|r| r.id == id)) {
                let how = if r.archived { " (archived: `aira respondent restore` brings them back)" } else { "" };
                bail!("a respondent with id `{id}` already exists ({}){how}; use another name", r.name);
            }
            let mut r = Respondent::new(&id, name.trim());
            r.role = role.unwrap_or_default();
            let said = format!("Added respondent {id} ({}) in answers/{id}.toml", r.name);
            (None, r, said)
        }
        RespondentCmd::Rename { id, new_name, role } => {
            check_text("name", new_name)?;
            let role = role.as_deref().map(|r| check_role(&ws.questionnaire, r)).transpose()?;
            let old = resolve(&ws, Some(id))?;
            let mut r = old.clone();
            r.name = new_name.trim().to_owned();
            if let Some(role) = role {
                r.role = role;
            }
            let said = format!("Renamed {} to {} (id and file unchanged)", r.id, r.name);
            (Some(old), r, said)
        }
        RespondentCmd::Remove { id } => {
            let old = resolve(&ws, Some(id))?;
            let r = Respondent { archived: true, ..old.clone() };
            let said = format!(
                "Archived respondent {} ({}): answers kept, left out of scores and reports; `aira respondent restore {}` \
                 brings them back",
                r.id, r.name, r.id
            );
            (Some(old), r, said)
        }
        RespondentCmd::Restore { id } => {
            let Some(old) = find_in(&ws.archived, id).map(Respondent::clone_header) else {
                if find(&ws.assessment, id).is_some() {
                    bail!("respondent `{id}` is not archived");
                }
                return Err(unknown(&ws.assessment, id));
            };
            let r = Respondent { archived: false, ..old.clone() };
            let said = format!("Restored respondent {} ({})", r.id, r.name);
            (Some(old), r, said)
        }
    };
    let by = aira_store::config::user_name(&aira_store::config::load()?);
    let at = aira_store::workspace::now_rfc3339();
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    store.change_respondent(old.as_ref(), &new, (&by, &at), None)?;
    respondent_change::apply_header(&mut ws, &new);
    super::warn_saved(&mut ws);
    super::outln!("{said}")?;
    Ok(0)
}

fn list(dir: &Path) -> Result<i32> {
    let ws = super::open(dir, Access::ReadOnly)?;
    let clean = |s: &str| aira_core::text::sanitize(s, false).into_owned();
    let rows: Vec<[String; 5]> = ws
        .assessment
        .respondents
        .iter()
        .chain(&ws.archived)
        .map(|r| {
            let answered = r.answers.values().filter(|a| a.value.is_some()).count();
            let state = if r.archived { "archived" } else { "" };
            [clean(&r.id), clean(&r.name), clean(&r.role), answered.to_string(), state.to_owned()]
        })
        .collect();
    let head = ["ID", "NAME", "ROLE", "ANSWERED"];
    let width = |i: usize| rows.iter().map(|r| r[i].chars().count()).chain([head[i].len()]).max().unwrap_or(0);
    let (w0, w1, w2) = (width(0), width(1), width(2));
    super::outln!("{:<w0$}  {:<w1$}  {:<w2$}  {}", head[0], head[1], head[2], head[3])?;
    for r in &rows {
        let line = format!("{:<w0$}  {:<w1$}  {:<w2$}  {:>8}  {}", r[0], r[1], r[2], r[3], r[4]);
        super::outln!("{}", line.trim_end())?;
    }
    Ok(0)
}
