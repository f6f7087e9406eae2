//! Keys → actions, per context. Defaults ship in assets/keymap.toml; a user file in the
//! config folder replaces bindings action by action. A binding is a key (`"q"`) or a chord of
//! keys pressed in turn (`["t", "3"]`). Errors name the file, line and column.

use std::collections::{HashMap, HashSet};

use crossterm::event::KeyEvent;

pub use super::key::{Chord, Key, typed_char};

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
    /// The roadmap (`R`): a list whose items take an owner and a due date.
    Roadmap,
    Help,
    /// Any line being typed: a prompt, the search box, a form field.
    Input,
    /// The multi-line note editor, over `Input`.
    Note,
    /// The start screen's list of recent workspaces.
    Start,
    /// The start screen's new-workspace form, over `Input`.
    Form,
    /// The workshop view, over `Normal`.
    Workshop,
}

impl Context {
    pub const ALL: [Context; 12] = [
        Context::Normal,
        Context::Heatmap,
        Context::List,
        Context::Navigator,
        Context::Soa,
        Context::Roadmap,
        Context::Help,
        Context::Input,
        Context::Note,
        Context::Start,
        Context::Form,
        Context::Workshop,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Context::Normal => "normal",
            Context::Heatmap => "heatmap",
            Context::List => "list",
            Context::Navigator => "navigator",
            Context::Soa => "soa",
            Context::Roadmap => "roadmap",
            Context::Help => "help",
            Context::Input => "input",
            Context::Note => "note",
            Context::Start => "start",
            Context::Form => "form",
            Context::Workshop => "workshop",
        }
    }
}

/// A chord under way: its first keys, and the context they were pressed in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub context: Context,
    pub keys: Vec<Key>,
}

/// What a key press comes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    Action(Action),
    /// The key starts (or continues) a chord: wait for the next one.
    Pending(Pending),
    /// Nothing is bound to it here (a chord that does not go on is dropped too).
    Unbound,
}

#[derive(Clone, Debug, Default)]
pub struct Keymap {
    /// Per context, the chords of each action in file order (for help and hints).
    bindings: HashMap<Context, Vec<(Action, Vec<Chord>)>>,
    lookup: HashMap<(Context, Chord), Action>,
    /// Every proper prefix of a chord, so its first key waits instead of doing nothing.
    prefixes: HashSet<(Context, Vec<Key>)>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}:{col}: {message}")]
pub struct KeymapError {
    pub file: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Longest chord accepted: two keys are what anyone types; three leaves room.
const MAX_CHORD: usize = 3;

impl Keymap {
    /// The shipped defaults, with `user` (a keymap.toml text) merged over them.
    pub fn load(user: Option<(&str, &str)>) -> Result<Keymap, KeymapError> {
        let mut map = Keymap::shipped()?.clone();
        if let Some((file, text)) = user {
            map.merge(file, text)?;
            map.index();
        }
        Ok(map)
    }

    pub fn defaults() -> Keymap {
        // The shipped file is tested to parse; an empty map is a safe fallback, never a panic.
        Keymap::shipped().cloned().unwrap_or_default()
    }

    /// The shipped file, parsed once per process (the wizard and the CLI both ask for it
    /// before the first frame).
    fn shipped() -> Result<&'static Keymap, KeymapError> {
        static SHIPPED: std::sync::OnceLock<Result<Keymap, KeymapError>> = std::sync::OnceLock::new();
        SHIPPED
            .get_or_init(|| {
                let mut map = Keymap::default();
                map.merge("assets/keymap.toml", DEFAULT)?;
                map.index();
                Ok(map)
            })
            .as_ref()
            .map_err(Clone::clone)
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
                let names: Vec<&str> = Context::ALL.iter().map(|c| c.name()).collect();
                err(
                    Some(section.span().start),
                    format!("unknown section `{}`; expected one of {}", section.get_ref(), names.join(", ")),
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
                        format!("keys for `{}` must be a list like [\"q\"] or [[\"t\", \"3\"]]", name.get_ref()),
                    ));
                };
                let mut parsed = Vec::new();
                for item in items.iter() {
                    let key = |v: &toml::de::DeValue<'_>, at: usize| match v {
                        toml::de::DeValue::String(s) => {
                            Key::parse(s).ok_or_else(|| err(Some(at), format!("unknown key name `{s}`")))
                        }
                        _ => Err(err(Some(at), "key names must be strings".into())),
                    };
                    let chord = match item.get_ref() {
                        toml::de::DeValue::Array(seq) => {
                            let keys =
                                seq.iter().map(|k| key(k.get_ref(), k.span().start)).collect::<Result<Vec<_>, _>>()?;
                            if keys.is_empty() || keys.len() > MAX_CHORD {
                                return Err(err(
                                    Some(item.span().start),
                                    format!("a chord has 1 to {MAX_CHORD} keys, like [\"t\", \"3\"]"),
                                ));
                            }
                            Chord(keys)
                        }
                        other => Chord::single(key(other, item.span().start)?),
                    };
                    parsed.push(chord);
                }
                self.bind(ctx, action, parsed);
            }
        }
        Ok(())
    }

    /// Give `action` these chords in `ctx`. A chord taken from another action (the same keys,
    /// or one that starts the other or starts with it) leaves that action without it.
    fn bind(&mut self, ctx: Context, action: Action, chords: Vec<Chord>) {
        let list = self.bindings.entry(ctx).or_default();
        list.retain(|(a, _)| *a != action);
        for (_, theirs) in list.iter_mut() {
            theirs.retain(|c| {
                !chords.iter().any(|n| n == c || n.keys().starts_with(c.keys()) || c.keys().starts_with(n.keys()))
            });
        }
        list.push((action, chords));
    }

    fn index(&mut self) {
        self.lookup.clear();
        self.prefixes.clear();
        for (ctx, list) in &self.bindings {
            for (action, chords) in list {
                for c in chords {
                    self.lookup.insert((*ctx, c.clone()), *action);
                    for n in 1..c.keys().len() {
                        self.prefixes.insert((*ctx, c.keys()[..n].to_vec()));
                    }
                }
            }
        }
    }

    /// The action a single key stands for in `ctx`.
    pub fn action(&self, ctx: Context, key: Key) -> Option<Action> {
        self.lookup.get(&(ctx, Chord::single(key))).copied()
    }

    /// What `event` does where `contexts` apply (the first that binds it wins), given a chord
    /// that may be under way. Where `Input` applies, a key that types a character types it:
    /// text wins over single-letter commands.
    pub fn resolve(&self, contexts: &[Context], pending: Option<&Pending>, event: &KeyEvent) -> Resolved {
        let key = Key::from_event(event);
        if let Some(p) = pending {
            let mut keys = p.keys.clone();
            keys.push(key);
            return self.step(p.context, keys).unwrap_or(Resolved::Unbound);
        }
        if contexts.contains(&Context::Input)
            && let Some(c) = typed_char(event)
        {
            return Resolved::Action(Action::InsertChar(c));
        }
        contexts.iter().find_map(|ctx| self.step(*ctx, vec![key])).unwrap_or(Resolved::Unbound)
    }

    fn step(&self, context: Context, keys: Vec<Key>) -> Option<Resolved> {
        if self.prefixes.contains(&(context, keys.clone())) {
            return Some(Resolved::Pending(Pending { context, keys }));
        }
        self.lookup.get(&(context, Chord(keys))).map(|a| Resolved::Action(*a))
    }

    pub fn bindings(&self, ctx: Context) -> &[(Action, Vec<Chord>)] {
        self.bindings.get(&ctx).map_or(&[], Vec::as_slice)
    }

    /// The first chord bound to an action, for hints ("? help").
    pub fn chord_for(&self, ctx: Context, action: Action) -> Option<&Chord> {
        self.bindings(ctx).iter().find(|(a, _)| *a == action).and_then(|(_, k)| k.first())
    }

    /// The first key bound to an action, for hints ("? help"); `None` when it needs a chord.
    pub fn key_for(&self, ctx: Context, action: Action) -> Option<Key> {
        self.bindings(ctx)
            .iter()
            .find(|(a, _)| *a == action)
            .and_then(|(_, k)| k.iter().find(|c| c.keys().len() == 1))
            .map(|c| c.keys()[0])
    }

    /// The chords that go on from `prefix` in `ctx`: (the key that finishes each, its action).
    pub fn continuations(&self, ctx: Context, prefix: &[Key]) -> Vec<(Key, Action)> {
        let mut out = Vec::new();
        for (action, chords) in self.bindings(ctx) {
            for c in chords.iter().filter(|c| c.starts_with(prefix) && c.keys().len() == prefix.len() + 1) {
                out.push((c.keys()[prefix.len()], *action));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
