//! One key press as the keymap sees it: a code and its modifiers, normalised, parsed from the
//! names keymap.toml uses and shown the way the help screen and the status bar print it.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

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

/// The character a key types, if it types one: no Ctrl or Alt, not a control character.
pub fn typed_char(e: &KeyEvent) -> Option<char> {
    match e.code {
        KeyCode::Char(c)
            if !e.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
                && !aira_core::text::is_control(c) =>
        {
            Some(c)
        }
        _ => None,
    }
}

/// Keys pressed one after the other (`t` then `3`); most bindings are a single key.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Chord(pub Vec<Key>);

impl Chord {
    pub fn single(key: Key) -> Chord {
        Chord(vec![key])
    }

    pub fn keys(&self) -> &[Key] {
        &self.0
    }

    pub fn starts_with(&self, prefix: &[Key]) -> bool {
        self.0.len() > prefix.len() && self.0.starts_with(prefix)
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, k) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{k}")?;
        }
        Ok(())
    }
}
