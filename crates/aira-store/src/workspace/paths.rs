//! Where things live: the default workspace, the config folder, the user data folder.

use std::path::{Path, PathBuf};

fn dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "aira")
}

/// `$XDG_DATA_HOME/aira` on Linux (and the platform equivalent elsewhere).
pub fn data_dir() -> Option<PathBuf> {
    dirs().map(|d| d.data_dir().to_owned())
}

pub fn config_dir() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().to_owned())
}

pub fn default_workspace() -> Option<PathBuf> {
    data_dir().map(|d| d.join("workspaces").join("default"))
}

/// Which workspace a command means: the flag or `AIRA_WORKSPACE` (clap passes both as
/// `explicit`), else the current folder if it is a workspace, else the default one.
pub fn resolve(explicit: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = explicit {
        return Some(p.to_owned());
    }
    if let Ok(cwd) = std::env::current_dir()
        && super::is_workspace(&cwd)
    {
        return Some(cwd);
    }
    default_workspace()
}
