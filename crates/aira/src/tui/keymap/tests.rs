//! The keymap: the shipped bindings, user overrides, chords, text input, and errors.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::*;

fn k(c: char) -> Key {
    Key::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn ev(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn defaults_parse_and_bind_arrows_and_vim_keys() {
    let k = Keymap::load(None).unwrap();
    let down = Key::new(KeyCode::Down, KeyModifiers::NONE);
    assert_eq!(k.action(Context::Normal, down), Some(Action::Next));
    assert_eq!(k.action(Context::Normal, self::k('j')), Some(Action::Next));
    assert_eq!(k.action(Context::Normal, Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT)), Some(Action::Last));
    assert_eq!(k.action(Context::Normal, Key::new(KeyCode::Char('?'), KeyModifiers::SHIFT)), Some(Action::Help));
}

#[test]
fn user_file_overrides_action_by_action() {
    let k = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"l\"]\n"))).unwrap();
    assert_eq!(k.action(Context::Normal, self::k('l')), Some(Action::Next));
    assert_eq!(k.action(Context::Normal, self::k('j')), None);
    assert_eq!(k.action(Context::Normal, self::k('k')), Some(Action::Prev));
}

#[test]
fn errors_name_the_line() {
    let e = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"j\"]\nfly = [\"x\"]\n"))).unwrap_err();
    assert_eq!(e.to_string(), "user.toml:3:1: unknown action `fly`");
    let e = Keymap::load(Some(("user.toml", "[normal]\nnext = [\"hyper-x\"]\n"))).unwrap_err();
    assert_eq!(e.to_string(), "user.toml:2:9: unknown key name `hyper-x`");
    let e = Keymap::load(Some(("user.toml", "[nrmal]\n"))).unwrap_err();
    assert!(e.to_string().starts_with("user.toml:1:2: unknown section `nrmal`"), "{e}");
    let e = Keymap::load(Some(("user.toml", "[normal]\ntarget_1 = [[\"t\", \"1\", \"2\", \"3\"]]\n"))).unwrap_err();
    assert_eq!(e.to_string(), "user.toml:2:13: a chord has 1 to 3 keys, like [\"t\", \"3\"]");
    let e = Keymap::load(Some(("user.toml", "[normal]\ntarget_1 = [[\"t\", \"hyper\"]]\n"))).unwrap_err();
    assert_eq!(e.to_string(), "user.toml:2:19: unknown key name `hyper`");
    assert!(Keymap::load(Some(("user.toml", "[normal]\ntarget_10 = [[\"t\", \"1\"]]\n"))).is_err());
}

#[test]
fn every_action_has_help_and_round_trips_its_name() {
    for a in Action::ALL.iter().copied().chain((0..=9).flat_map(|n| [Action::SetTarget(n), Action::SetAgreed(n)])) {
        assert!(!a.help().is_empty());
        assert_eq!(Action::from_name(&a.name()), Some(a));
    }
    assert_eq!(Action::from_name("insert_char"), None, "typing is not a binding");
}

#[test]
fn the_shipped_file_loses_no_binding_to_a_conflict() {
    // Each action's keys as written in the file, against what the loaded map kept.
    let doc: toml::Table = toml::from_str(DEFAULT).unwrap();
    let map = Keymap::defaults();
    for (section, table) in &doc {
        let ctx = Context::ALL.into_iter().find(|c| c.name() == section).unwrap();
        for (name, keys) in table.as_table().unwrap() {
            let action = Action::from_name(name).unwrap();
            let kept = map.bindings(ctx).iter().find(|(a, _)| *a == action).map_or(0, |(_, c)| c.len());
            assert_eq!(kept, keys.as_array().unwrap().len(), "[{section}] {name}");
        }
    }
}

#[test]
fn chords_wait_for_their_second_key() {
    let map = Keymap::defaults();
    let r = map.resolve(&[Context::Normal], None, &ev('t'));
    let Resolved::Pending(p) = r else { panic!("{r:?}") };
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('3')), Resolved::Action(Action::SetTarget(3)));
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('x')), Resolved::Action(Action::ClearTarget));
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('q')), Resolved::Unbound, "q cancels, never quits");
    let Resolved::Pending(p) = map.resolve(&[Context::Normal], None, &ev('a')) else { panic!() };
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('n')), Resolved::Action(Action::AgreeNa));
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('5')), Resolved::Action(Action::SetAgreed(5)));
    let cont = map.continuations(Context::Normal, &[k('t')]);
    assert!(cont.contains(&(k('0'), Action::SetTarget(0))) && cont.contains(&(k('x'), Action::ClearTarget)));
}

#[test]
fn a_user_chord_replaces_the_default_one() {
    let map = Keymap::load(Some(("user.toml", "[normal]\ntarget_3 = [[\"g\", \"3\"]]\n"))).unwrap();
    assert_eq!(map.action(Context::Normal, k('g')), None, "g now starts a chord");
    let Resolved::Pending(p) = map.resolve(&[Context::Normal], None, &ev('g')) else { panic!() };
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('3')), Resolved::Action(Action::SetTarget(3)));
    let Resolved::Pending(p) = map.resolve(&[Context::Normal], None, &ev('t')) else { panic!() };
    assert_eq!(map.resolve(&[Context::Normal], Some(&p), &ev('3')), Resolved::Unbound);
}

#[test]
fn where_text_is_typed_characters_are_text() {
    let map = Keymap::defaults();
    let input = [Context::List, Context::Input];
    assert_eq!(map.resolve(&input, None, &ev('q')), Resolved::Action(Action::InsertChar('q')));
    let shift_a = KeyEvent::new(KeyCode::Char('A'), KeyModifiers::SHIFT);
    assert_eq!(map.resolve(&input, None, &shift_a), Resolved::Action(Action::InsertChar('A')));
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(map.resolve(&input, None, &esc), Resolved::Action(Action::Back), "the first context wins");
    assert_eq!(map.resolve(&[Context::Input], None, &esc), Resolved::Action(Action::Cancel));
    let bs = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
    assert_eq!(map.resolve(&input, None, &bs), Resolved::Action(Action::DeleteBack));
    let ctrl_u = KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(map.resolve(&input, None, &ctrl_u), Resolved::Action(Action::ClearInput));
    assert_eq!(map.resolve(&input, None, &ev('\u{9b}')), Resolved::Unbound, "control characters are never text");
    let enter = KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(map.resolve(&[Context::Note, Context::Input], None, &enter), Resolved::Action(Action::Newline));
}
