//! Command-line interface: parses arguments and wires the rooms together.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};
use clap::{Parser, Subcommand, ValueEnum};

use crate::assessment::{Answer, Respondent, Value, respondent_id};
use crate::questionnaire;
use crate::workspace::{self, Access, Change, Workspace, paths};

#[derive(Parser, Debug)]
#[command(
    name = "aira",
    version,
    about = "AI-governance readiness assessments in the terminal (ISO/IEC 42001 × NIST AI RMF)"
)]
pub struct Cli {
    /// Workspace folder (default: the current folder if it is a workspace, else your default workspace)
    #[arg(short, long, global = true, env = "AIRA_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(subcommand)]
    pub command: Option<Command>,
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
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Create a new workspace
    Init {
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
    },
    /// Record one answer (durably, like the TUI)
    Answer {
        question_id: String,
        /// A level on the scale, or `na` for not applicable
        #[arg(value_name = "LEVEL|na")]
        level: String,
        /// A note to keep with the answer
        #[arg(long)]
        note: Option<String>,
        /// Record under this respondent (created on first use)
        #[arg(long)]
        respondent: Option<String>,
    },
    /// Print scores per cell, phase, function and overall
    Score {
        #[arg(long, value_enum, default_value_t = ScoreFormat::Text)]
        format: ScoreFormat,
    },
    /// Check questionnaire files and print every problem
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

fn workspace_dir(cli: &Cli) -> Result<PathBuf> {
    paths::resolve(cli.workspace.as_deref())
        .ok_or_else(|| anyhow!("no workspace given and no home folder to keep a default one in; use -w DIR"))
}

/// The questionnaire text for `init`: a built-in id, else a file path.
fn questionnaire_text(spec: Option<&str>) -> Result<String> {
    let Some(spec) = spec else { return Ok(questionnaire::default_builtin().text.to_owned()) };
    if let Some(b) = questionnaire::builtin(spec) {
        return Ok(b.text.to_owned());
    }
    let path = Path::new(spec);
    if !path.exists() {
        let ids: Vec<&str> = questionnaire::BUILTINS.iter().map(|b| b.id).collect();
        bail!("no built-in questionnaire `{spec}` and no such file (built-in: {})", ids.join(", "));
    }
    workspace::atomic::read_limited(path, workspace::MAX_FILE_BYTES).with_context(|| path.display().to_string())
}

pub fn run(cli: Cli) -> Result<i32> {
    let color = use_color(cli.color);
    match &cli.command {
        None => tui(&cli, color),
        Some(Command::Init { dir, questionnaire, name, organisation }) => {
            let text = questionnaire_text(questionnaire.as_deref())?;
            let name = name
                .clone()
                .unwrap_or_else(|| dir.file_name().map_or("assessment".into(), |n| n.to_string_lossy().into_owned()));
            workspace::create(dir, &text, &name, organisation.as_deref().unwrap_or(""))?;
            println!("Created workspace {} — open it with: aira -w {}", dir.display(), dir.display());
            Ok(0)
        }
        Some(Command::Answer { question_id, level, note, respondent }) => {
            answer(&workspace_dir(&cli)?, question_id, level, note.as_deref(), respondent.as_deref())
        }
        Some(Command::Score { format }) => {
            let ws = workspace::open(&workspace_dir(&cli)?, Access::ReadOnly)?;
            let scores = score_of(&ws);
            match format {
                ScoreFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&crate::report::score::json(&ws.questionnaire, &scores))?
                ),
                ScoreFormat::Text => print!("{}", crate::report::score::text(&ws.questionnaire, &scores)),
            }
            Ok(0)
        }
        Some(Command::Check { files }) => check(files, color && std::io::stdout().is_terminal()),
    }
}

pub fn score_of(ws: &Workspace) -> crate::scoring::Scores {
    let statuses = ws.assessment.statuses(&ws.questionnaire);
    crate::scoring::score(&ws.questionnaire, &statuses, ws.meta.aggregation)
}

fn answer(dir: &Path, qid: &str, level: &str, note: Option<&str>, respondent: Option<&str>) -> Result<i32> {
    let mut ws = workspace::open(dir, Access::Write)?;
    let Some(question) = ws.questionnaire.question(qid) else {
        bail!(
            "unknown question id `{qid}` (see the questionnaire in {})",
            dir.join(workspace::QUESTIONNAIRE_FILE).display()
        );
    };
    let scale = &ws.questionnaire.scale;
    let value = if level.eq_ignore_ascii_case("na") {
        Value::NotApplicable
    } else {
        match level.parse::<u8>() {
            Ok(l) if scale.contains(l) => Value::Level(l),
            _ => bail!("level must be {}..{} or `na`, not `{level}`", scale.min, scale.max),
        }
    };
    if let Some(n) = note
        && let Some((_, c)) = crate::text::find_forbidden_control(n, true)
    {
        bail!("the note contains the control character U+{:04X}", c as u32);
    }
    let rid = respondent.map_or_else(|| ws.meta.default_respondent.clone(), respondent_id);
    let r =
        ws.assessment.respondent(&rid).cloned().unwrap_or_else(|| Respondent::new(&rid, respondent.unwrap_or(&rid)));
    let old = r.answer(&question.id).cloned();
    let user = crate::config::user_name(&crate::config::load()?);
    let now = workspace::now_rfc3339();
    let mut new = old.clone().unwrap_or_default();
    new.value = Some(value);
    if let Some(n) = note {
        new.note = n.to_owned();
    }
    new.answered_at = now.clone();
    new.answered_by = user.clone();
    let change = Change {
        respondent: r.clone_header(),
        question: question.id.clone(),
        old,
        new: Some(new),
        by: user,
        at: now,
        kind: "answer".into(),
        reverts: None,
    };
    let store = ws.store.as_mut().ok_or_else(|| anyhow!("workspace opened read-only"))?;
    store.apply(&change)?;
    Ok(0)
}

fn check(files: &[PathBuf], _color: bool) -> Result<i32> {
    let (mut errors, mut warnings) = (0, 0);
    for path in files {
        let name = path.display().to_string();
        let text = match workspace::atomic::read_limited(path, questionnaire::MAX_FILE_BYTES as u64) {
            Ok(t) => t,
            Err(e) => {
                println!("{name}: error: {e}");
                errors += 1;
                continue;
            }
        };
        let (_, diags) = questionnaire::check(&text);
        for d in &diags {
            let loc = crate::diag::Located { file: &name, text: &text, diagnostic: d };
            println!("{}\n", loc.with_snippet());
            if d.is_error() { errors += 1 } else { warnings += 1 }
        }
    }
    let files_n = files.len();
    println!("{files_n} file(s) checked: {errors} error(s), {warnings} warning(s)");
    Ok(if errors > 0 { 1 } else { 0 })
}

fn tui(cli: &Cli, color: bool) -> Result<i32> {
    let dir = workspace_dir(cli)?;
    if !workspace::is_workspace(&dir) {
        if cli.workspace.is_some() {
            bail!("{} is not an aira workspace; create it with `aira init {}`", dir.display(), dir.display());
        }
        // First run: the default workspace, with the built-in questionnaire.
        let b = questionnaire::default_builtin();
        workspace::create(&dir, b.text, "Default workspace", "")?;
    }
    if !std::io::stdout().is_terminal() {
        bail!("the interactive wizard needs a terminal; for scripts use `aira answer` and `aira score`");
    }
    let cfg = crate::config::load()?;
    let keymap = crate::tui::keymap::Keymap::load(
        crate::config::user_keymap()?.as_ref().map(|(f, t)| (f.as_str(), t.as_str())),
    )?;
    let ws = workspace::open(&dir, Access::WriteOrReadOnly)?;
    let opts = crate::tui::Options { color, user: crate::config::user_name(&cfg), keymap };
    let unsaved = crate::tui::run(ws, opts)?;
    if !unsaved.is_empty() {
        eprintln!(
            "aira: {} change(s) could not be written to {}. Here they are, so nothing is lost:",
            unsaved.len(),
            dir.display()
        );
        for c in &unsaved {
            let a = c.new.clone().unwrap_or_else(Answer::default);
            eprintln!("  {} / {}: {}", c.respondent.id, c.question, crate::workspace::history::answer_inline(&a));
        }
        return Ok(1);
    }
    Ok(0)
}
