//! Keys → actions, per context. Defaults ship in assets/keymap.toml; a user file in the
//! config folder replaces bindings action by action. Errors name the file, line and column.

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;
use aira_core::diag::line_col;

pub const DEFAULT: &str = include_str!("../../../../assets/keymap.toml");

/// Where a key is pressed: each has its own bindings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    Normal,
    Heatmap,
    List,
    Navigator,
    Soa,
    Help,
}

impl Context {
    pub const ALL: [Context; 6] =
        [Context::Normal, Context::Heatmap, Context::List, Context::Navigator, Context::Soa, Context::Help];

    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Heatmap => "heatmap",
            Context::List => "list",
            Context::Navigator => "navigator",
            Context::Soa => "soa",
            Context::Help => "help",
        }
    }
}

/// A key with its modifiers, normalised so `shift-g`, `G` and shift+`G` compare equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) if c.is_ascii_uppercase() => {
                mods |= KeyModifiers::SHIFT;
                KeyCode::Char(c.to_ascii_lowercase())
            }
            // Shift is implied by the character itself for punctuation (`?` is shift-/).
            KeyCode::Char(c) if !c.is_ascii_alphabetic() => {
                mods -= KeyModifiers::SHIFT;
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods -= KeyModifiers::SHIFT;
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, mods }
    }

    pub fn from_event(e: &KeyEvent) -> Key {
        Key::new(e.code, e.modifiers)
    }

    pub fn parse(s: &str) -> Option<Key> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            let (m, r) = match rest.split_once('-') {
                Some((m, r)) if !r.is_empty() => (m, r),
                _ => break,
            };
            mods |= match m {
                "ctrl" => KeyModifiers::CONTROL,
                "alt" => KeyModifiers::ALT,
                "shift" => KeyModifiers::SHIFT,
                _ => return None,
            };
            rest = r;
        }
        let code = match rest {
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "delete" => KeyCode::Delete,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            f if f.len() >= 2 && f.starts_with('f') && f[1..].parse::<u8>().is_ok_and(|n| (1..=12).contains(&n)) => {
                KeyCode::F(f[1..].parse().ok()?)
            }
            c if c.chars().count() == 1 => KeyCode::Char(c.chars().next()?),
            _ => return None,
        };
        Some(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        let shift = self.mods.contains(KeyModifiers::SHIFT);
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            // Ctrl-C reads better than Ctrl-c; a shifted letter is shown as the capital it types.
            KeyCode::Char(c) if (shift || self.mods.contains(KeyModifiers::CONTROL)) && c.is_ascii_alphabetic() => {
                write!(f, "{}", c.to_ascii_uppercase())
            }
            KeyCode::Char(c) => write!(f, "{c}"),
            other => {
                if shift {
                    f.write_str("Shift-")?;
                }
                match other {
                    KeyCode::Enter => f.write_str("Enter"),
                    KeyCode::Esc => f.write_str("Esc"),
                    KeyCode::Tab => f.write_str("Tab"),
                    KeyCode::BackTab => f.write_str("Shift-Tab"),
                    KeyCode::Up => f.write_str("↑"),
                    KeyCode::Down => f.write_str("↓"),
                    KeyCode::Left => f.write_str("←"),
                    KeyCode::Right => f.write_str("→"),
                    KeyCode::Home => f.write_str("Home"),
                    KeyCode::End => f.write_str("End"),
                    KeyCode::PageUp => f.write_str("PgUp"),
                    KeyCode::PageDown => f.write_str("PgDn"),
                    KeyCode::Backspace => f.write_str("Backspace"),
                    KeyCode::Delete => f.write_str("Del"),
                    KeyCode::F(n) => write!(f, "F{n}"),
                    _ => f.write_str("?"),
                }
            }
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    /// Per context, the keys of each action in file order (for help and hints).
    bindings: HashMap<Context, Vec<(Action, Vec<Key>)>>,
    lookup: HashMap<(Context, Key), Action>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Keymap {
    /// The shipped defaults, with `user` (a keymap.toml text) merged over them.
    pub fn load(user: Option<(&str, &str)>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::default();
        map.merge("assets/keymap.toml", DEFAULT)?;
        if let Some((file, text)) = user {
            map.merge(file, text)?;
        }
        Ok(map)
    }

    pub fn defaults() -> Keymap {
        // The shipped file is tested to parse; an empty map is a safe fallback, never a panic.
        Keymap::load(None).unwrap_or_default()
    }

    fn merge(&mut self, file: &str, text: &str) -> Result<(), KeymapError> {
        let err = |offset: Option<usize>, message: String| {
            let (line, col) = offset.map_or((1, 1), |o| line_col(text, o));
            KeymapError { file: file.to_owned(), line, col, message }
        };
        let doc = toml::de::DeTable::parse(text)
            .map_err(|e| err(e.span().map(|s| s.start), e.message().trim().to_owned()))?;
        for (section, value) in doc.get_ref().iter() {
            let ctx = Context::ALL.into_iter().find(|c| c.name() == section.get_ref()).ok_or_else(|| {
                err(
                    Some(section.span().start),
                    format!(
                        "unknown section `{}`; expected normal, heatmap, list, navigator, soa or help",
                        section.get_ref()
                    ),
                )
            })?;
            let toml::de::DeValue::Table(t) = value.get_ref() else {
                return Err(err(Some(value.span().start), format!("`{}` must be a table", section.get_ref())));
            };
            for (name, keys) in t.iter() {
                let action = Action::from_name(name.get_ref())
                    .ok_or_else(|| err(Some(name.span().start), format!("unknown action `{}`", name.get_ref())))?;
                let toml::de::DeValue::Array(items) = keys.get_ref() else {
                    return Err(err(
                        Some(keys.span().start),
                        format!("keys for `{}` must be a list like [\"q\"]", name.get_ref()),
                    ));
                };
                let mut parsed = Vec::new();
                for item in items.iter() {
                    let toml::de::DeValue::String(s) = item.get_ref() else {
                        return Err(err(Some(item.span().start), "key names must be strings".into()));
                    };
                    let key =
                        Key::parse(s).ok_or_else(|| err(Some(item.span().start), format!("unknown key name `{s}`")))?;
                    parsed.push(key);
                }
                self.bind(ctx, action, parsed);
            }
        }
        Ok(())
    }

    fn bind(&mut self, ctx: Context, action: Action, keys: Vec<Key>) {
        let list = self.bindings.entry(ctx).or_default();
        if let Some((_, old)) = list.iter().find(|(a, _)| *a == action) {
            for k in old {
                self.lookup.remove(&(ctx, *k));
            }
        }
        list.retain(|(a, _)| *a != action);
        for k in &keys {
            // A key rebound to another action leaves the old action without it.
            if let Some(prev) = self.lookup.insert((ctx, *k), action)
                && let Some((_, ks)) = list.iter_mut().find(|(a, _)| *a == prev)
            {
                ks.retain(|x| x != k);
            }
        }
        list.push((action, keys));
    }

    pub fn action(&self, ctx: Context, key: Key) -> Option<Action> {
        self.lookup.get(&(ctx, key)).copied()
    }

    pub fn bindings(&self, ctx: Context) -> &[(Action, Vec<Key>)] {
        self.bindings.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The first key bound to an action, for hints ("? help").
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<Key> {
        self.bindings(ctx).iter().find(|(a, _)| *a == action).and_then(|(_, k)| k.first().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_bind_arrows_and_vim_keys() {
        let k = Keymap::load(None).unwrap();
        let down = Key::new(KeyCode::Down, KeyModifiers::NONE);
        let j = Key::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.action(Context::Normal, down), Some(Action::Next));
        assert_eq!(k.action(Context::Normal, j), Some(Action::Next));
        assert_eq!(k.action(Context::Normal, Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Last));
        assert_eq!(k.action(Context::Normal, Key::new(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::Help));
    }

    #[test]
    fn user_file_overrides_action_by_action() {
        let k = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"l\"]\n"))).unwrap();
        let l = Key::new(KeyCode::Char('l'), KeyModifiers::NONE);
        let j = Key::new(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(k.action(Context::Normal, l), Some(Action::Next));
        assert_eq!(k.action(Context::Normal, j), None);
        assert_eq!(k.action(Context::Normal, Key::new(KeyCode::Char('k'), KeyModifiers::NONE)), Some(Action::Prev));
    }

    #[test]
    fn errors_name_the_line() {
        let e = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"j\"]\nfly = [\"x\"]\n"))).unwrap_err();
        assert_eq!(e.to_string(), "user.toml:3:1: unknown action `fly`");
        let e = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"hyper-x\"]\n"))).unwrap_err();
        assert_eq!(e.to_string(), "user.toml:2:9: unknown key name `hyper-x`");
        let e = Keymap::load(Some(("user.toml", "[nrmal]\n"))).unwrap_err();
        assert!(e.to_string().starts_with("user.toml:1:2: unknown section `nrmal`"), "{e}");
    }

    #[test]
    fn every_action_has_help_and_round_trips_its_name() {
        for a in Action::ALL {
            assert!(!a.help().is_empty());
            assert_eq!(Action::from_name(a.name()), Some(*a));
        }
    }
}
