//! The flags a few commands share: `-w/--workspace` on those that open a workspace, `--color`
//! on those that print in colour. Each command declares the ones it uses (so its help lists
//! only those); the wizard's own copies before any command (`aira -w DIR score`) still count.

use std::path::PathBuf;

use super::{Cli, ColorChoice, Command};

/// `-w/--workspace`, on the commands that read or write a workspace only (not on `check`,
/// `completions`, ...). Global within its command, so `aira engagement show -w DIR` works too.
#[derive(clap::Args, Debug, Default, Clone)]
pub struct WorkspaceArg {
    /// Workspace folder (default: the current folder if it is a workspace, else your default workspace)
    #[arg(short, long, global = true, env = "AIRA_WORKSPACE", value_name = "DIR")]
    pub workspace: Option<PathBuf>,
}

/// `--color`, on the commands that print in colour only.
#[derive(clap::Args, Debug, Clone, Copy)]
pub struct ColorArg {
    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

impl Cli {
    /// The workspace named on the command (`aira score -w DIR`), else before it (`aira -w DIR
    /// score`, the wizard's own flag), else `AIRA_WORKSPACE` (read by either).
    pub fn workspace_flag(&self) -> Option<&std::path::Path> {
        let sub = match &self.command {
            Some(
                Command::Engagement { ws, .. }
                | Command::Evidence { ws, .. }
                | Command::Roadmap { ws, .. }
                | Command::Workshop { ws, .. }
                | Command::Answer { ws, .. }
                | Command::Respondent { ws, .. }
                | Command::Agree { ws, .. }
                | Command::Target { ws, .. }
                | Command::Merge { ws, .. }
                | Command::Diff { ws, .. }
                | Command::Score { ws, .. }
                | Command::Undo { ws, .. }
                | Command::Redo { ws, .. }
                | Command::Log { ws, .. }
                | Command::Flag { ws, .. }
                | Command::Note { ws, .. }
                | Command::Heatmap { ws, .. }
                | Command::Report { ws, .. }
                | Command::Profile { ws, .. }
                | Command::Soa { ws, .. }
                | Command::Upgrade { ws, .. }
                | Command::Doctor { ws }
                | Command::Export { ws, .. },
            ) => ws.workspace.as_deref(),
            _ => None,
        };
        sub.or(self.workspace.as_deref())
    }

    /// `--color` given on the command, else before it.
    pub fn color_choice(&self) -> ColorChoice {
        let sub = match &self.command {
            Some(
                Command::Start { color, .. }
                | Command::Workshop { color, .. }
                | Command::Check { color, .. }
                | Command::Heatmap { color, .. }
                | Command::Import { color, .. },
            ) => color.color,
            _ => ColorChoice::Auto,
        };
        if sub == ColorChoice::Auto { self.color } else { sub }
    }
}
