//! `aira` with no command: the wizard on the resolved workspace (created on first run).
//! `run_on` is the wizard on one folder, shared with `aira start`; it records the workspace
//! in the recent list first.

use std::io::IsTerminal;
use std::path::Path;

use anyhow::{Result, bail};

use super::{Cli, workspace_dir};
use crate::tui::theme::Theme;
use aira_core::assessment::Answer;
use aira_core::questionnaire;
use aira_store::workspace;
use aira_store::workspace::Access;

pub fn run(cli: &Cli, color: bool) -> Result<i32> {
    let dir = workspace_dir(cli)?;
    if !workspace::is_workspace(&dir) {
        if cli.workspace.is_some() {
            bail!("{} is not an aira workspace; create it with `aira init {}`", dir.display(), dir.display());
        }
        // First run: the default workspace, with the built-in questionnaire, answered first by
        // the user (never the placeholder `default`).
        let b = questionnaire::default_builtin();
        let first = super::init::first_respondent(None)?;
        workspace::create(&dir, b.text, ("Default workspace", ""), &first)?;
    }
    run_on(cli, &dir, color)
}

/// `aira workshop`: the wizard on an existing workspace, in the workshop view, voting open on
/// `listen`. A workspace another aira holds is refused: votes could not be saved.
pub fn workshop(cli: &Cli, color: bool, listen: std::net::SocketAddr) -> Result<i32> {
    let dir = workspace_dir(cli)?;
    if !workspace::is_workspace(&dir) {
        bail!("{} is not an aira workspace; create it with `aira init {}`", dir.display(), dir.display());
    }
    run_mode(cli, &dir, color, Some(listen), &[])
}

/// The wizard on the workspace in `dir`, until the user quits. Exit code 1 when changes could
/// not be written (they are printed so nothing is lost).
pub fn run_on(cli: &Cli, dir: &Path, color: bool) -> Result<i32> {
    run_mode(cli, dir, color, None, &[])
}

/// As `run_on`, with these actions taken before the first frame (the start screen's
/// `edit_facts` opens the wizard with the facts form on top).
pub fn run_first(cli: &Cli, dir: &Path, color: bool, first: &[crate::tui::action::Action]) -> Result<i32> {
    run_mode(cli, dir, color, None, first)
}

fn run_mode(
    cli: &Cli,
    dir: &Path,
    color: bool,
    workshop: Option<std::net::SocketAddr>,
    first: &[crate::tui::action::Action],
) -> Result<i32> {
    if !std::io::stdout().is_terminal() {
        bail!("the interactive wizard needs a terminal; for scripts use `aira answer` and `aira score`");
    }
    let cfg = aira_store::config::load()?;
    let keymap = crate::tui::keymap::Keymap::load(
        aira_store::config::user_keymap()?.as_ref().map(|(f, t)| (f.as_str(), t.as_str())),
    )?;
    let ws = workspace::open(dir, Access::WriteOrReadOnly)?;
    if let (Some(_), Some(holder)) = (workshop, &ws.held_by) {
        bail!("{} is open in another aira ({holder}): votes could not be saved; close it first", dir.display());
    }
    let opts = crate::tui::Options {
        theme: theme(cli, &cfg, color),
        user: aira_store::config::user_name(&cfg),
        keymap,
        first: first.to_vec(),
    };
    // The recent list is written beside the wizard (its fsyncs and the time zone lookup for
    // the timestamp are not worth delaying the first frame for).
    let (recent_dir, name) = (dir.to_owned(), ws.meta.name.clone());
    let unsaved = crate::tui::run_with(ws, opts, workshop, move || record_recent(&recent_dir, &name))?;
    if !unsaved.is_empty() {
        super::errln!(
            "aira: {} change(s) could not be written to {}. Here they are, so nothing is lost:",
            unsaved.len(),
            dir.display()
        );
        for work in &unsaved {
            let line = match work {
                crate::tui::saver::Work::Change(c) => {
                    let a = c.new.clone().unwrap_or_else(Answer::default);
                    format!(
                        "{} / {}: {}",
                        c.respondent.id,
                        c.question,
                        aira_store::workspace::history::answer_inline(&a)
                    )
                }
                crate::tui::saver::Work::Agree { question, value, .. } => format!("agreed {question}: {value:?}"),
                crate::tui::saver::Work::Target { question, level, .. } => match level {
                    Some(l) => format!("target {question}: {l}"),
                    None => format!("target {question}: cleared"),
                },
                crate::tui::saver::Work::AgreeNote { question, note, .. } => {
                    format!("reason for the agreed level of {question}: {note:?}")
                }
                crate::tui::saver::Work::Respondent { new, .. } => format!("respondent {} ({})", new.id, new.name),
                // A vote is never handed back: its phone was told it did not count.
                crate::tui::saver::Work::Vote { change, .. } => {
                    format!("vote {} / {}", change.respondent.id, change.question)
                }
                crate::tui::saver::Work::Roadmap { question, entry, .. } => {
                    let due = entry.due.map(|d| d.to_string()).unwrap_or_default();
                    format!("roadmap {question}: owner = {:?}, due = {due:?}", entry.owner)
                }
                crate::tui::saver::Work::Soa { control, applicable, justification, owner, .. } => {
                    format!(
                        "SoA {control}: applicable = {applicable}, justification = {justification:?}, owner = {owner:?}"
                    )
                }
                crate::tui::saver::Work::Revert { revert, .. } => format!("undo or redo: {revert:?}"),
                crate::tui::saver::Work::Facts { edit, .. } => format!("engagement facts: {edit:?}"),
            };
            super::errln!("  {line}");
        }
        return Ok(1);
    }
    Ok(0)
}

/// `--theme`, else the config's `ui.theme`, else the default palette; accessible mode with
/// `--accessible` or the config's `ui.accessible`.
pub(super) fn theme(cli: &Cli, cfg: &aira_store::config::Config, color: bool) -> Theme {
    let accessible = cli.accessible() || cfg.ui.accessible;
    Theme { palette: cli.palette().or(cfg.ui.theme).unwrap_or_default(), color, accessible }
}

/// Put the workspace at the top of the start screen's list. A failure is a notice for the
/// banner, never a reason not to open the workspace.
fn record_recent(dir: &Path, name: &str) -> Option<String> {
    let file = aira_store::recent::file()?;
    let e = aira_store::recent::record(&file, dir, name, &workspace::now_rfc3339()).err()?;
    Some(format!("not added to the recent workspaces: {e}"))
}
