//! The user's own settings (`config.toml` in the config folder): who is typing, and the list
//! of recently opened workspaces. Missing files mean defaults; broken ones are reported.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use aira_core::diag::line_col;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    #[serde(default)]
    pub user: User,
    #[serde(default)]
    pub ui: Ui,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ui {
    /// `dark`, `light` or `high-contrast`.
    pub theme: Option<Palette>,
    /// Accessible mode for screen readers and magnifiers (also `--accessible`).
    #[serde(default)]
    pub accessible: bool,
}

/// The palette: dark terminals (default), light ones, and high contrast for projectors and
/// low vision. Only the 16 basic colours are used, so 16- and 256-colour terminals agree.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Palette {
    #[default]
    Dark,
    Light,
    HighContrast,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct User {
    pub name: Option<String>,
}

pub fn parse(file: &Path, text: &str) -> anyhow::Result<Config> {
    toml::from_str(text).map_err(|e| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        anyhow::anyhow!("{}:{line}:{col}: {}", file.display(), e.message().trim())
    })
}

pub fn config_file() -> Option<PathBuf> {
    crate::workspace::paths::config_dir().map(|d| d.join("config.toml"))
}

pub fn load() -> anyhow::Result<Config> {
    let Some(path) = config_file() else { return Ok(Config::default()) };
    match std::fs::read_to_string(&path) {
        Ok(text) => parse(&path, &text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
    }
}

/// Who is capturing answers: `user.name` from the config, else `$USER`, else "unknown".
pub fn user_name(cfg: &Config) -> String {
    cfg.user
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .or_else(|| std::env::var("USER").ok().filter(|u| !u.is_empty()))
        .map(|n| aira_core::text::strip_controls(n.trim(), false).chars().take(128).collect::<String>())
        .filter(|n| !n.is_empty())
        // A name with control characters would make the answers file unreadable: keep it clean.
        .unwrap_or_else(|| "unknown".to_owned())
}

/// The user's keymap.toml text, if they have one.
pub fn user_keymap() -> anyhow::Result<Option<(String, String)>> {
    let Some(path) = crate::workspace::paths::config_dir().map(|d| d.join("keymap.toml")) else { return Ok(None) };
    match std::fs::read_to_string(&path) {
        Ok(text) => Ok(Some((path.display().to_string(), text))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(anyhow::anyhow!("{}: {e}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessible_mode_is_read_from_the_ui_section() {
        let on = parse(Path::new("config.toml"), "[ui]\naccessible = true\ntheme = \"light\"\n").unwrap();
        assert!(on.ui.accessible);
        assert!(!parse(Path::new("config.toml"), "[ui]\n").unwrap().ui.accessible);
        let err = parse(Path::new("config.toml"), "[ui]\naccessible = \"yes\"\n").unwrap_err().to_string();
        assert!(err.starts_with("config.toml:2:"), "{err}");
    }

    #[test]
    fn user_names_never_carry_control_characters() {
        let cfg = Config { user: User { name: Some("Al\u{1b}[31mex\u{202e} ".into()) }, ui: Ui::default() };
        assert_eq!(user_name(&cfg), "Al[31mex");
        let cfg = Config { user: User { name: Some("\u{7}".into()) }, ui: Ui::default() };
        assert!(!user_name(&cfg).chars().any(char::is_control));
    }
}
