//! Command-line interface: parses arguments and wires the rooms together.

use std::io::IsTerminal;
use std::path::PathBuf;

/// Print a line to stdout, returning the error instead of panicking like `println!` does
/// when the reader has gone (`aira score | head`) or the terminal hung up. Every CLI message
/// passes through `text::sanitize` (newlines and tabs kept): names, ids, notes, hosts and
/// paths come from files and arguments, and no control sequence of theirs reaches the terminal.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        writeln!(std::io::stdout().lock(), "{}", aira_core::text::sanitize(&line, true))
    }};
}
pub(crate) use outln;

/// `outln!` for stderr; a closed stderr is ignored (there is no one left to tell).
macro_rules! errln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let line = format!($($arg)*);
        let _ = writeln!(std::io::stderr().lock(), "{}", aira_core::text::sanitize(&line, true));
    }};
}
pub(crate) use errln;

/// A line whose bytes are a format's own, built from text already checked or escaped by its
/// builder: aira's colours around `check`'s diagnostics and the heatmap, CSV's CRLF records.
/// The one way output leaves the CLI without `sanitize`.
macro_rules! rawln {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        writeln!(std::io::stdout().lock(), $($arg)*)
    }};
}
pub(crate) use rawln;

/// `rawln!` for stderr (diagnostics already escaped by their builder, with aira's colours); a
/// closed stderr is ignored like `errln!`.
macro_rules! rawerr {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}
pub(crate) use rawerr;

/// Open a workspace for a command, saying on stderr (once) what opening it recovered: torn
/// entries skipped or repaired, an interrupted operation rolled back.
pub(crate) fn open(
    dir: &std::path::Path,
    access: aira_store::workspace::Access,
) -> aira_store::workspace::Result<aira_store::workspace::Workspace> {
    let ws = aira_store::workspace::open(dir, access)?;
    // Writers say every notice (a stale lock taken over, orphans); readers only what opening
    // recovered, so `score | jq` stays quiet about the rest.
    let all = access == aira_store::workspace::Access::Write;
    for n in ws.notices.iter().filter(|n| all || aira_store::workspace::is_recovery_notice(n)) {
        eprintln_safe(n);
    }
    Ok(ws)
}

/// What the store saved but could not finish (a history entry owed), on stderr.
pub(crate) fn warn_saved(ws: &mut aira_store::workspace::Workspace) {
    if let Some(store) = ws.store.as_mut() {
        for w in store.take_warnings() {
            eprintln_safe(&w);
        }
    }
}

fn eprintln_safe(text: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr(), "aira: {}", aira_core::text::sanitize(text, false));
}

mod agree;
mod answer;
mod capture;
mod check;
mod diff;
mod docs;
mod doctor;
mod engagement;
mod evidence;
mod export;
mod flags;
mod heatmap;
mod import;
mod init;
mod merge;
mod profile;
mod questionnaires;
pub mod report;
mod respondent;
mod roadmap;
mod score;
mod soa;
mod start;
mod target;
mod tui;
mod undo;
mod upgrade;

use anyhow::{Result, anyhow};
use clap::{Parser, Subcommand, ValueEnum};

use aira_store::workspace::paths;
pub use flags::{ColorArg, WorkspaceArg};

#[derive(Parser, Debug)]
#[command(
    name = "aira",
    version,
    about = "AI-governance readiness assessments in the terminal (ISO/IEC 42001 × NIST AI RMF)"
)]
pub struct Cli {
    /// Workspace folder (default: the current folder if it is a workspace, else your default workspace)
    #[arg(short, long, env = "AIRA_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// When to use colour
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Colours for the wizard (default: config `ui.theme`, else dark)
    #[arg(long, value_enum)]
    pub theme: Option<aira_store::config::Palette>,
    /// Wizard for screen readers: no box drawing, the real cursor on the focused item, the heatmap as a text table (default: config `ui.accessible`)
    #[arg(long)]
    pub accessible: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// `--theme`, given before or after `start` (the wizard is the only thing it colours).
    pub fn palette(&self) -> Option<aira_store::config::Palette> {
        match &self.command {
            Some(Command::Start { theme, .. }) => theme.or(self.theme),
            _ => self.theme,
        }
    }

    /// `--accessible`, given before or after `start`.
    pub fn accessible(&self) -> bool {
        self.accessible || matches!(self.command, Some(Command::Start { accessible: true, .. }))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
    Csv,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// The start screen: recent workspaces, create a new one, or open one by path
    Start {
        /// Colours for the wizard (default: config `ui.theme`, else dark)
        #[arg(long, value_enum)]
        theme: Option<aira_store::config::Palette>,
        /// Wizard for screen readers: no box drawing, the real cursor on the focused item, the heatmap as a text table (default: config `ui.accessible`)
        #[arg(long)]
        accessible: bool,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Create a new workspace
    Init {
        /// The folder to create the workspace in (created if missing)
        dir: PathBuf,
        /// A built-in questionnaire id or a path to a questionnaire file
        #[arg(long, value_name = "ID|PATH")]
        questionnaire: Option<String>,
        /// The assessment's name
        #[arg(long, value_name = "TEXT")]
        name: Option<String>,
        /// The organisation assessed
        #[arg(long, value_name = "TEXT")]
        organisation: Option<String>,
        /// A profile that applies (EU AI Act: provider, deployer, importer, distributor,
        /// gpai-provider); repeat it or give a comma list. None: every question applies
        #[arg(long = "profile", value_name = "PROFILE")]
        profiles: Vec<String>,
        /// Replace an existing workspace.toml and questionnaire.toml in DIR (each kept beside as
        /// FILE.replaced-<time>); keeps answers/, consensus.toml, history.toml and the git files.
        /// Without it, init refuses a folder that is a workspace or holds another questionnaire.toml
        #[arg(long)]
        force: bool,
        /// Who answers first (default: config `user.name`, else your account's full name, else $USER)
        #[arg(long, value_name = "NAME")]
        respondent: Option<String>,
        #[command(flatten)]
        facts: engagement::FactArgs,
    },
    /// The engagement facts: scope, assessors, client contact, period, report status and version
    Engagement {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: engagement::EngagementCmd,
    },
    /// The evidence register: files (hashed) and URLs supporting an answer (add, list, remove)
    Evidence {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: evidence::EvidenceCmd,
    },
    /// Owners and due dates of roadmap actions (set, show)
    Roadmap {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: roadmap::RoadmapCmd,
    },
    /// The wizard in the workshop view with voting open: participants vote from their phones
    /// (see docs/workshop.md)
    Workshop {
        /// Where the vote page listens. The default, 127.0.0.1:0, is this computer only; a
        /// network address such as 0.0.0.0:8642 exposes the page to everyone on that network
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:0")]
        listen: std::net::SocketAddr,
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Record one answer (durably, like the TUI)
    Answer {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// A level on the scale, or `na` for not applicable
        #[arg(value_name = "LEVEL|na")]
        level: String,
        /// A note to keep with the answer
        #[arg(long)]
        note: Option<String>,
        /// Record under this respondent, by id or name (one `aira respondent list` shows; an
        /// unknown one is refused)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Respondents: the people whose answers are recorded (add, list, rename, remove, restore)
    Respondent {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: respondent::RespondentCmd,
    },
    /// Record the level agreed after discussion (wins over the respondents' mean)
    Agree {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// A level on the scale, `na` for not applicable, or `clear` to remove the agreed value
        #[arg(value_name = "LEVEL|na|clear")]
        level: String,
        /// Why: what the discussion concluded
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Set the engagement's target for a question (one per question, as `t` and a digit in the
    /// wizard), or remove it with --clear
    Target {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// A level on the scale
        #[arg(value_name = "LEVEL", required_unless_present = "clear", conflicts_with = "clear")]
        level: Option<String>,
        /// Remove the question's target (the workspace default applies)
        #[arg(long)]
        clear: bool,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Bring respondents, answers and agreed values from other copies of this assessment
    /// (exit 0: no conflicts, 3: conflicts resolved, newest kept and listed; 1: error)
    Merge {
        /// Workspace folders to bring in (copies of this assessment)
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<PathBuf>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Show what changed since a baseline workspace, per cell, phase, function and question
    Diff {
        /// The earlier workspace folder to compare with
        #[arg(value_name = "BASELINE_DIR")]
        baseline: PathBuf,
        /// Output format (JSON lists every row)
        #[arg(long, value_enum, default_value_t = diff::DiffFormat::Text)]
        format: diff::DiffFormat,
        /// Show unchanged rows too (by default only what moved)
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Print scores per cell, phase, function and overall
    Score {
        /// Output format
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Revert the newest change made as a respondent, of any kind (recorded in the history
    /// like any change); never another respondent's
    Undo {
        /// Whose change (default: the workspace's default respondent, else its first)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Re-apply what that respondent's last undo reverted (a new change of theirs clears it)
    Redo {
        /// Whose undo (default: the workspace's default respondent, else its first)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Add a timestamped line to an answer's interview log (as `l` in the wizard)
    Log {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// The line, e.g. "Ann: the board saw it in March"
        text: String,
        /// Whose answer (a respondent already added; default: the workspace's default respondent)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Flag an answer for follow-up (as `f` in the wizard); `--off` removes the flag
    Flag {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// Remove the flag
        #[arg(long)]
        off: bool,
        /// Whose answer (a respondent already added; default: the workspace's default respondent)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Set the note kept with an answer (as `e` in the wizard); an empty TEXT clears it
    Note {
        /// The question's id, e.g. plan-govern-policy
        question_id: String,
        /// The whole note
        text: String,
        /// Whose answer (a respondent already added; default: the workspace's default respondent)
        #[arg(long)]
        respondent: Option<String>,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Check questionnaire files and print every problem
    Check {
        /// Questionnaire files (TOML) to check
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Print the phase × function heatmap
    Heatmap {
        /// Output format
        #[arg(long, value_enum, default_value_t = heatmap::HeatmapFormat::Text)]
        format: heatmap::HeatmapFormat,
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Write a report (md, html, csv, json, xlsx, pdf, docx, typ, oscal, oscal-ap) or the Statement of Applicability
    Report {
        #[command(flatten)]
        args: report::ReportArgs,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// Which profiles (operator roles) the workspace covers: set, clear, show
    Profile {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: profile::ProfileCmd,
    },
    /// Statement of Applicability: every Annex A control's decision (show), or decide one (set)
    Soa {
        #[command(flatten)]
        ws: WorkspaceArg,
        #[command(subcommand)]
        command: Option<soa::SoaCommand>,
    },
    /// Move the workspace to a new version of its questionnaire, carrying answers across renames
    Upgrade {
        /// The new version: an id (built in or in your data folder) or a path
        #[arg(long, value_name = "ID|PATH")]
        questionnaire: String,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// List orphaned answers and other things to know about the workspace (changes nothing)
    Doctor {
        #[command(flatten)]
        ws: WorkspaceArg,
    },
    /// List the questionnaires aira can find: built in, in your data folder, or the given files
    Questionnaires {
        /// Questionnaire files to list besides the ones found
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Turn a CSV sheet or a CISO Assistant library into a questionnaire file
    Import {
        #[command(subcommand)]
        what: import::ImportCmd,
        #[command(flatten)]
        color: ColorArg,
    },
    /// Print a shell completion script (bash: `aira completions bash > ~/.local/share/bash-completion/completions/aira`)
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): `aira man > ~/.local/share/man/man1/aira.1`
    Man,
    /// Write a questionnaire as a CSV sheet that `aira import csv` reads back
    Export {
        #[command(subcommand)]
        what: export::ExportCmd,
        #[command(flatten)]
        ws: WorkspaceArg,
    },
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// Colour for diagnostics (`check`, `import`), which go to stderr: `--color always`, or auto
/// when stderr is a terminal and NO_COLOR is unset.
fn stderr_color(choice: ColorChoice) -> bool {
    choice == ColorChoice::Always || (use_color(choice) && std::io::stderr().is_terminal())
}

/// Open a workspace for writing (CLI writers), telling the user on stderr what opening did:
/// a stale lock taken over (naming its old holder), a history repaired.
/// Changes that name no respondent of their own (agreed levels, SoA, engagement facts) are
/// recorded as made by the workspace's default respondent (`capture::answering`).
pub(crate) fn open_write(dir: &std::path::Path) -> Result<aira_store::workspace::Workspace> {
    let mut ws = open(dir, aira_store::workspace::Access::Write)?;
    let who = capture::answering(&ws);
    if let Some(store) = ws.store.as_mut() {
        store.answer_as(&who);
    }
    Ok(ws)
}

pub(crate) fn workspace_dir(cli: &Cli) -> Result<PathBuf> {
    paths::resolve(cli.workspace_flag())
        .ok_or_else(|| anyhow!("no workspace given and no home folder to keep a default one in; use -w DIR"))
}

pub fn run(cli: Cli) -> Result<i32> {
    let choice = cli.color_choice();
    let color = use_color(choice);
    if cli.theme.is_some() && !matches!(cli.command, None | Some(Command::Start { .. })) {
        return Err(anyhow!("--theme colours the wizard only: use it with `aira` or `aira start`"));
    }
    if cli.accessible && !matches!(cli.command, None | Some(Command::Start { .. })) {
        return Err(anyhow!("--accessible is for the wizard only: use it with `aira` or `aira start`"));
    }
    match &cli.command {
        None => tui::run(&cli, color),
        Some(Command::Start { .. }) => start::run(&cli, color),
        Some(Command::Init { dir, questionnaire, name, organisation, profiles, force, respondent, facts, .. }) => {
            init::run(
                dir,
                questionnaire.as_deref(),
                (name.as_deref(), organisation.as_deref()),
                (profiles, facts),
                *force,
                respondent.as_deref(),
            )
        }
        Some(Command::Engagement { command, .. }) => engagement::run(&workspace_dir(&cli)?, command),
        Some(Command::Evidence { command, .. }) => evidence::run(&workspace_dir(&cli)?, command),
        Some(Command::Roadmap { command, .. }) => roadmap::run(&workspace_dir(&cli)?, command),
        Some(Command::Workshop { listen, .. }) => tui::workshop(&cli, color, *listen),
        Some(Command::Answer { question_id, level, note, respondent, .. }) => {
            answer::run(&workspace_dir(&cli)?, question_id, level, note.as_deref(), respondent.as_deref())
        }
        Some(Command::Respondent { command, .. }) => respondent::run(&workspace_dir(&cli)?, command),
        Some(Command::Agree { question_id, level, note, .. }) => {
            agree::run(&workspace_dir(&cli)?, question_id, level, note.as_deref())
        }
        Some(Command::Target { question_id, level, clear, .. }) => {
            target::run(&workspace_dir(&cli)?, question_id, level.as_deref(), *clear)
        }
        Some(Command::Merge { sources, .. }) => merge::run(&workspace_dir(&cli)?, sources),
        Some(Command::Diff { baseline, format, all, .. }) => diff::run(&workspace_dir(&cli)?, baseline, *format, *all),
        Some(Command::Score { format, .. }) => score::run(&workspace_dir(&cli)?, *format),
        Some(Command::Undo { respondent, .. }) => undo::run(&workspace_dir(&cli)?, respondent.as_deref(), false),
        Some(Command::Redo { respondent, .. }) => undo::run(&workspace_dir(&cli)?, respondent.as_deref(), true),
        Some(Command::Log { question_id, text, respondent, .. }) => {
            capture::run(&workspace_dir(&cli)?, question_id, &capture::Capture::Log(text), respondent.as_deref())
        }
        Some(Command::Flag { question_id, off, respondent, .. }) => {
            capture::run(&workspace_dir(&cli)?, question_id, &capture::Capture::Flag(!off), respondent.as_deref())
        }
        Some(Command::Note { question_id, text, respondent, .. }) => {
            capture::run(&workspace_dir(&cli)?, question_id, &capture::Capture::Note(text), respondent.as_deref())
        }
        Some(Command::Heatmap { format, .. }) => heatmap::run(
            &workspace_dir(&cli)?,
            *format,
            color && (choice == ColorChoice::Always || std::io::stdout().is_terminal()),
        ),
        Some(Command::Report { args, .. }) => report::run(&workspace_dir(&cli)?, args),
        Some(Command::Soa { command, .. }) => soa::run(&workspace_dir(&cli)?, command.as_ref()),
        Some(Command::Profile { command, .. }) => profile::run(&workspace_dir(&cli)?, command),
        Some(Command::Check { files, .. }) => check::run(files, stderr_color(choice)),
        Some(Command::Upgrade { questionnaire, .. }) => upgrade::run(&workspace_dir(&cli)?, questionnaire),
        Some(Command::Doctor { .. }) => doctor::run(&workspace_dir(&cli)?),
        Some(Command::Questionnaires { files }) => questionnaires::run(files),
        Some(Command::Import { what, .. }) => import::run(what, stderr_color(choice)),
        Some(Command::Completions { shell }) => docs::completions(*shell),
        Some(Command::Man) => docs::man(),
        Some(Command::Export { what, .. }) => export::run(&cli, what),
    }
}

pub use score::score_of;
