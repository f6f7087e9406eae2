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

/// Who answers first in the default workspace: config `user.name`, else the full name the
/// OS account has (the GECOS field of /etc/passwd for this uid), else `$USER`. `None` when
/// none is known: the caller asks, rather than answering as a placeholder.
pub fn first_respondent(cfg: &Config) -> Option<String> {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    first_respondent_from(cfg, &passwd, own_uid(), std::env::var("USER").ok().as_deref())
}

/// [`first_respondent`] from given sources (tests).
pub fn first_respondent_from(cfg: &Config, passwd: &str, uid: Option<u32>, user: Option<&str>) -> Option<String> {
    let clean = |n: &str| {
        let n: String = aira_core::text::strip_controls(n.trim(), false).chars().take(128).collect();
        Some(n.trim().to_owned()).filter(|n| !n.is_empty())
    };
    cfg.user
        .name
        .as_deref()
        .and_then(clean)
        .or_else(|| uid.and_then(|uid| gecos_name(passwd, uid)).as_deref().and_then(clean))
        .or_else(|| user.and_then(clean))
}

/// The full name in /etc/passwd for `uid`: the GECOS field up to its first comma.
fn gecos_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let f: Vec<&str> = line.split(':').collect();
        (f.len() >= 5 && f[2].parse::<u32>().ok() == Some(uid))
            .then(|| f[4].split(',').next().unwrap_or_default().trim().to_owned())
            .filter(|n| !n.is_empty())
    })
}

/// This process's uid without unsafe code: the owner of /proc/self (Linux), else none.
fn own_uid() -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        std::fs::metadata("/proc/self").ok().map(|m| m.uid())
    }
    #[cfg(not(unix))]
    {
        None
    }
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
    fn the_first_respondent_is_the_config_name_then_the_full_name_then_user() {
        let passwd = "root:x:0:0:root:/root:/bin/sh\nann:x:1000:1000:Ann Le,Room 4,,:/home/ann:/bin/sh\n";
        let named = Config { user: User { name: Some(" Dana Ruiz ".into()) }, ui: Ui::default() };
        assert_eq!(first_respondent_from(&named, passwd, Some(1000), Some("ann")).as_deref(), Some("Dana Ruiz"));
        let none = Config::default();
        assert_eq!(first_respondent_from(&none, passwd, Some(1000), Some("ann")).as_deref(), Some("Ann Le"));
        let bare = "ann:x:1000:1000::/home/ann:/bin/sh\n";
        assert_eq!(first_respondent_from(&none, bare, Some(1000), Some("ann")).as_deref(), Some("ann"));
        assert_eq!(first_respondent_from(&none, bare, Some(1000), Some("")), None);
        assert_eq!(first_respondent_from(&none, "", None, None), None);
    }

    #[test]
    fn user_names_never_carry_control_characters() {
        let cfg = Config { user: User { name: Some("Al\u{1b}[31mex\u{202e} ".into()) }, ui: Ui::default() };
        assert_eq!(user_name(&cfg), "Al[31mex");
        let cfg = Config { user: User { name: Some("\u{7}".into()) }, ui: Ui::default() };
        assert!(!user_name(&cfg).chars().any(char::is_control));
    }
}
