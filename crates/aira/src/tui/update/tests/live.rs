//! Every key a mode lists is live there (issue 17): for each screen, each key the keymap binds
//! in the contexts that screen reads — exactly the keys its help and status hints are built
//! from — is pressed on a fresh copy of that screen, and something must follow (the screen
//! drawn differs, or an effect such as a save or quit is asked for). A key listed but dead
//! fails here. A key live but unlisted cannot exist: keys reach screens only through these
//! bindings, and `unbound_keys_do_nothing` checks that every other key is inert.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;
use crate::tui::keymap::{Chord, Key};

/// The modes, each reached from the card by keys (names as in keymap.toml, space-separated),
/// each with a second way in at the other end of its lists, so a key that moves one way has
/// somewhere to go in one of them. The cell list uses the EU questionnaire (several
/// questions per cell); the rest the small fixture.
const MODES: &[(&str, [&str; 2])] = &[
    ("card", ["3 2 j k", "3 2 j k shift-down"]),
    ("workshop", ["3 2 j k w", "3 2 j k w shift-down"]),
    ("heatmap", ["3 2 j k h j", "3 2 j k h j l"]),
    ("cell list", ["h enter", "h enter down"]),
    ("search", ["3 2 j k / a", "3 2 j k / a down left"]),
    ("navigator", ["3 2 j k o j", "3 2 j k o j j"]),
    ("help", ["3 2 j k ? j", "3 2 j k ? j"]),
    ("note", ["3 2 j k e a b enter c", "3 2 j k e a b enter c up left"]),
    ("soa", ["3 2 j k shift-a", "3 2 j k shift-a down down"]),
];

fn press_key(s: &mut AppState, k: &Key) -> Vec<Effect> {
    handle_key(s, KeyEvent::new(k.code, k.mods))
}

fn enter(mode: &str, keys: &str) -> AppState {
    let mut s = if mode == "cell list" { crate::tui::testing::eu_state(&[]) } else { mini_state() };
    for name in keys.split(' ') {
        let k = Key::parse(name).unwrap_or_else(|| panic!("key name {name}"));
        press_key(&mut s, &k);
    }
    assert!(s.ui.pending().is_none(), "{mode}: set up with no chord under way");
    // A message from the way in goes at the next key, whatever it is: not what is tested here.
    s.ui.set_flash(None);
    s
}

/// What a person sees: every cell with its style, and where the cursor is.
fn seen(s: &AppState) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    t.draw(|f| crate::tui::view::render(s, f)).unwrap();
    let at = t.get_cursor_position().ok();
    format!("{:?}{at:?}", t.backend().buffer())
}

fn contexts(s: &AppState) -> &'static [Context] {
    match s.ui.screen() {
        Some(screen) => each_screen!(screen, x => x.contexts()),
        None if s.ui.workshop() => &[Context::Workshop, Context::Normal],
        None => &[Context::Normal],
    }
}

/// The chords a mode lists: each binding of its contexts, first context first, minus any
/// chord an earlier context already takes (the help lists each key where it acts).
fn listed(s: &AppState) -> Vec<(Context, Action, Chord)> {
    let km = s.ui.keymap();
    let mut out: Vec<(Context, Action, Chord)> = Vec::new();
    for ctx in contexts(s) {
        for (action, chords) in km.bindings(*ctx) {
            for c in chords {
                let shadowed = out.iter().any(|(_, _, o)| o.starts_with(c.keys()) || c.starts_with(o.keys()));
                if !shadowed {
                    out.push((*ctx, *action, c.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_key_a_mode_lists_does_something_there() {
    let mut dead = Vec::new();
    for (mode, setups) in MODES {
        let chords = listed(&enter(mode, setups[0]));
        for (ctx, action, chord) in chords {
            let live = setups.iter().any(|setup| {
                let base = enter(mode, setup);
                let before = seen(&base);
                let mut s = enter(mode, setup);
                let fx: Vec<Effect> = chord.keys().iter().flat_map(|k| press_key(&mut s, k)).collect();
                !fx.is_empty() || seen(&s) != before
            });
            if !live {
                dead.push(format!("{mode}: {chord} ({}, [{}])", action.help(), ctx.name()));
            }
        }
    }
    assert!(dead.is_empty(), "keys listed but dead:\n{}", dead.join("\n"));
}

#[test]
fn unbound_keys_do_nothing() {
    let mut live = Vec::new();
    let specials = [
        KeyCode::Esc,
        KeyCode::Enter,
        KeyCode::Tab,
        KeyCode::BackTab,
        KeyCode::Backspace,
        KeyCode::Delete,
        KeyCode::Up,
        KeyCode::Down,
        KeyCode::Left,
        KeyCode::Right,
        KeyCode::Home,
        KeyCode::End,
        KeyCode::PageUp,
        KeyCode::PageDown,
        KeyCode::F(1),
        KeyCode::F(2),
    ];
    let mut keys: Vec<Key> = specials.iter().map(|c| Key::new(*c, KeyModifiers::NONE)).collect();
    for c in (b' '..=b'~').map(char::from) {
        keys.push(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
        if c.is_ascii_lowercase() {
            keys.push(Key::new(KeyCode::Char(c), KeyModifiers::CONTROL));
        }
    }
    for (mode, setups) in MODES {
        let setup = setups[0];
        let base = enter(mode, setup);
        // Where text is typed, a character types itself: that is listed ("any other key types").
        let types = contexts(&base).contains(&Context::Input);
        let bound: Vec<Key> = listed(&base).into_iter().filter_map(|(_, _, c)| c.keys().first().copied()).collect();
        let before = seen(&base);
        for k in &keys {
            if bound.contains(k)
                || (types && (k.mods - KeyModifiers::SHIFT).is_empty() && matches!(k.code, KeyCode::Char(_)))
            {
                continue;
            }
            let mut s = enter(mode, setup);
            let fx = press_key(&mut s, k);
            if !fx.is_empty() || seen(&s) != before {
                live.push(format!("{mode}: {k}"));
            }
        }
    }
    assert!(live.is_empty(), "keys live but listed nowhere:\n{}", live.join("\n"));
}
