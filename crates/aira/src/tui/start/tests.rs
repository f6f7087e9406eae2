//! The start screen without a terminal: every key path through `update`, form validation, and
//! whole-screen snapshots at 80×24, 120×40 and 20×5.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::state::{Choice, Field, Item, Mode, StartOutcome, StartState, builtin_choices};
use super::update::{paste, refused, update};

fn item(path: &str, name: &str, available: bool) -> Item {
    Item { path: path.into(), name: name.into(), opened_at: "2026-11-22T10:00:00.000+01:00".into(), available }
}

fn state() -> StartState {
    let mut choices = builtin_choices();
    choices.push(Choice {
        spec: "/home/me/.local/share/aira/questionnaires/bank.toml".into(),
        title: "Bank model risk".into(),
        id: "bank-mrm".into(),
        version: "2.0.0".into(),
        source: "/home/me/.local/share/aira/questionnaires/bank.toml".into(),
        profiles: Vec::new(),
        roles: Vec::new(),
    });
    let mut s = StartState::new(
        vec![
            item("/home/me/clients/acme", "Acme AI readiness", true),
            item("/home/me/clients/globex", "Globex pilot", true),
            item("/srv/old/initech", "Initech 2024", false),
        ],
        choices,
        Some(PathBuf::from("/home/me")),
    );
    s.user = Some("Ann Le".into());
    s
}

fn key(s: &mut StartState, code: KeyCode) -> Option<StartOutcome> {
    update(s, KeyEvent::new(code, KeyModifiers::NONE))
}

/// A command: Ctrl and a letter (plain letters filter).
fn cmd(s: &mut StartState, c: char) -> Option<StartOutcome> {
    update(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
}

fn typed(s: &mut StartState, text: &str) -> Option<StartOutcome> {
    text.chars().map(|c| key(s, KeyCode::Char(c))).last().flatten()
}

#[test]
fn arrows_choose_and_enter_opens() {
    let mut s = state();
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/home/me/clients/acme".into())));
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    key(&mut s, KeyCode::Down);
    assert_eq!(s.cursor.raw(), 2, "Down stops at the last entry");
    key(&mut s, KeyCode::Up);
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/home/me/clients/globex".into())));
    key(&mut s, KeyCode::End);
    assert_eq!(s.cursor.raw(), 2);
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Up);
    assert_eq!(s.cursor.raw(), 0, "Up stops at the first entry");
    key(&mut s, KeyCode::PageDown);
    assert_eq!(s.cursor.raw(), 2);
    key(&mut s, KeyCode::PageUp);
    assert_eq!(s.cursor.raw(), 0);
}

#[test]
fn a_missing_workspace_is_not_opened_but_can_be_forgotten() {
    let mut s = state();
    key(&mut s, KeyCode::End);
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert!(s.message.as_deref().unwrap().contains("no longer an aira workspace"), "{:?}", s.message);
    update(&mut s, KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL));
    key(&mut s, KeyCode::Char('y'));
    assert_eq!(s.entries.len(), 2);
    assert!(s.forgot);
    assert_eq!(s.cursor.raw(), 1, "the selection stays on the list");
    assert!(s.message.as_deref().unwrap().starts_with("Forgot /srv/old/initech"));
    key(&mut s, KeyCode::Delete);
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.entries.len(), 1);
    key(&mut s, KeyCode::Delete);
    key(&mut s, KeyCode::Char('y'));
    assert!(s.entries.is_empty());
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert!(s.message.as_deref().unwrap().contains("Ctrl-N creates one"), "{:?}", s.message);
}

#[test]
fn typing_filters_and_enter_opens_the_best_match() {
    let mut s = state();
    assert_eq!(typed(&mut s, "glo"), None);
    assert!(s.filtering);
    assert_eq!(s.query.text(), "glo");
    let v = s.visible();
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].name_hits, [0, 1, 2]);
    // While filtering, command letters are text.
    typed(&mut s, "q");
    assert_eq!(s.query.text(), "gloq");
    assert!(s.visible().is_empty());
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert_eq!(s.message.as_deref(), Some("Nothing matches the filter"));
    key(&mut s, KeyCode::Backspace);
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/home/me/clients/globex".into())));
}

#[test]
fn the_filter_matches_paths_and_highlights_them() {
    let mut s = state();
    key(&mut s, KeyCode::Char('/'));
    assert!(s.filtering && s.query.is_empty());
    typed(&mut s, "srv");
    let v = s.visible();
    assert_eq!(v.len(), 1);
    assert_eq!(s.entries[v[0].entry].name, "Initech 2024");
    assert!(v[0].name_hits.is_empty());
    assert_eq!(v[0].path_hits, [1, 2, 3]);
}

#[test]
fn esc_clears_the_filter_then_quits_and_backspace_leaves_filtering() {
    let mut s = state();
    typed(&mut s, "ac");
    assert_eq!(key(&mut s, KeyCode::Esc), None);
    assert!(!s.filtering && s.query.is_empty());
    typed(&mut s, "a");
    key(&mut s, KeyCode::Backspace);
    assert!(!s.filtering);
    typed(&mut s, "ac");
    update(&mut s, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    assert!(s.query.is_empty());
    key(&mut s, KeyCode::Esc);
    assert_eq!(key(&mut s, KeyCode::Esc), Some(StartOutcome::Quit));
    let mut s = state();
    assert_eq!(update(&mut s, KeyEvent::new(KeyCode::Char('q'), KeyModifiers::CONTROL)), Some(StartOutcome::Quit));
    let mut s = state();
    typed(&mut s, "glo");
    assert_eq!(update(&mut s, KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL)), Some(StartOutcome::Quit));
    // A space does not start a filter.
    let mut s = state();
    typed(&mut s, " ");
    assert!(!s.filtering);
}

#[test]
fn paste_goes_to_the_focused_input() {
    let mut s = state();
    paste(&mut s, "glo\n");
    assert_eq!(s.query.text(), "glo");
    let mut s = state();
    cmd(&mut s, 'o');
    paste(&mut s, "~/x");
    assert!(matches!(&s.mode, Mode::OpenPath { input, error: None } if input.text() == "~/x"));
}

#[test]
fn open_by_path_expands_the_home_folder() {
    let mut s = state();
    cmd(&mut s, 'o');
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert!(matches!(&s.mode, Mode::OpenPath { error: Some(_), .. }));
    typed(&mut s, "~/clients/acmeX");
    key(&mut s, KeyCode::Backspace);
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/home/me/clients/acme".into())));
    refused(&mut s, "not a workspace".into());
    assert!(
        matches!(&s.mode, Mode::OpenPath { input, error: Some(e) } if input.text() == "~/clients/acme" && e == "not a workspace")
    );
    update(&mut s, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut s, "/abs/ws");
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/abs/ws".into())));
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.mode, Mode::List);
}

fn form(s: &StartState) -> &super::state::NewForm {
    match &s.mode {
        Mode::New(f) => f,
        other => panic!("not in the form: {other:?}"),
    }
}

#[test]
fn the_new_workspace_form_fills_and_creates() {
    let mut s = state();
    cmd(&mut s, 'n');
    assert_eq!(form(&s).focused(), Field::Folder);
    typed(&mut s, "~/clients/newco");
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "Newco readiness");
    key(&mut s, KeyCode::Down);
    typed(&mut s, "Newco Ltd");
    key(&mut s, KeyCode::Tab);
    assert_eq!(form(&s).focused(), Field::Questionnaire);
    // Letters do nothing on the choice; arrows and space cycle it.
    typed(&mut s, "x");
    // Two built-ins (the flagship, the EU AI Act questionnaire), then the user's bank.toml.
    key(&mut s, KeyCode::Right);
    assert_eq!(form(&s).questionnaire, 1);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Right);
    assert_eq!(form(&s).questionnaire, 0, "wraps around");
    key(&mut s, KeyCode::Left);
    assert_eq!(form(&s).questionnaire, 2);
    key(&mut s, KeyCode::Tab);
    assert_eq!(form(&s).focused(), Field::Folder, "Tab wraps to the first field");
    key(&mut s, KeyCode::BackTab);
    key(&mut s, KeyCode::Up);
    key(&mut s, KeyCode::Backspace);
    typed(&mut s, "D");
    assert_eq!(form(&s).organisation.text(), "Newco LtD");
    update(&mut s, KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    typed(&mut s, "Newco Ltd");
    paste(&mut s, " (UK)");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "who answers first is asked next");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        Some(StartOutcome::Create {
            dir: "/home/me/clients/newco".into(),
            name: "Newco readiness".into(),
            organisation: "Newco Ltd (UK)".into(),
            questionnaire_id_or_path: "/home/me/.local/share/aira/questionnaires/bank.toml".into(),
            profiles: Vec::new(),
            respondent: "Ann Le".into(),
        })
    );
    refused(&mut s, "taken".into());
    assert_eq!(form(&s).error.as_deref(), Some("taken"));
    key(&mut s, KeyCode::Esc);
    assert_eq!(s.mode, Mode::List);
    refused(&mut s, "could not open".into());
    assert_eq!(s.message.as_deref(), Some("could not open"));
}

/// A questionnaire with profiles (the EU AI Act one) asks which apply, as `aira init
/// --profile` does: ticked with Space, at least one, in the questionnaire's order.
#[test]
fn the_form_asks_which_profiles_apply() {
    let mut s = state();
    cmd(&mut s, 'n');
    typed(&mut s, "~/clients/eu");
    key(&mut s, KeyCode::Tab);
    typed(&mut s, "EU readiness");
    key(&mut s, KeyCode::Tab);
    key(&mut s, KeyCode::Tab);
    assert_eq!(form(&s).focused(), Field::Questionnaire);
    let eu = s.questionnaires.iter().position(|c| c.spec == "eu-ai-act-readiness").unwrap();
    assert!(s.questionnaires[0].profiles.is_empty(), "the flagship declares no profiles");
    key(&mut s, KeyCode::Tab);
    assert_eq!(form(&s).focused(), Field::Folder, "no profiles field for the flagship");
    key(&mut s, KeyCode::BackTab);
    for _ in 0..eu {
        key(&mut s, KeyCode::Right);
    }
    let ids: Vec<&str> = s.questionnaires[eu].profiles.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(ids, ["provider", "deployer", "importer", "distributor", "gpai-provider"]);
    key(&mut s, KeyCode::Tab);
    assert_eq!(form(&s).focused(), Field::Profiles);
    assert_eq!(key(&mut s, KeyCode::Enter), None, "none ticked is refused");
    assert_eq!(form(&s).error.as_deref(), Some("Tick the roles the organisation holds (Space), at least one"));
    assert_eq!(form(&s).focused(), Field::Profiles);
    key(&mut s, KeyCode::Left);
    key(&mut s, KeyCode::Char(' '));
    all_sizes("start_profiles", &s);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Char(' '));
    key(&mut s, KeyCode::Char(' '));
    assert_eq!(form(&s).profiles, ["gpai-provider"], "space ticks and unticks the one under the cursor");
    key(&mut s, KeyCode::Char(' '));
    assert_eq!(form(&s).profiles, ["deployer", "gpai-provider"], "in the questionnaire's order");
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Right);
    key(&mut s, KeyCode::Char(' '));
    assert_eq!(form(&s).profiles, ["deployer"]);
    assert_eq!(key(&mut s, KeyCode::Enter), None, "who answers first is asked next");
    assert_eq!(
        key(&mut s, KeyCode::Enter),
        Some(StartOutcome::Create {
            dir: "/home/me/clients/eu".into(),
            name: "EU readiness".into(),
            organisation: String::new(),
            questionnaire_id_or_path: "eu-ai-act-readiness".into(),
            profiles: vec!["deployer".into()],
            respondent: "Ann Le".into(),
        })
    );
    // Another questionnaire has other profiles: the ticks do not carry over.
    refused(&mut s, "back to the form".into());
    key(&mut s, KeyCode::BackTab);
    key(&mut s, KeyCode::Right);
    assert!(form(&s).profiles.is_empty());
}

#[test]
fn the_form_refuses_an_empty_name_or_folder_with_a_message() {
    let mut s = state();
    cmd(&mut s, 'n');
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert!(form(&s).error.as_deref().unwrap().starts_with("Choose a folder"));
    typed(&mut s, "~/w");
    assert_eq!(key(&mut s, KeyCode::Enter), None);
    assert_eq!(form(&s).error.as_deref(), Some("Give the assessment a name"));
    assert_eq!(form(&s).focused(), Field::Name, "the focus goes to the field to fix");
    typed(&mut s, "   ");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "blank is empty");
    typed(&mut s, "W");
    assert_eq!(key(&mut s, KeyCode::Enter), None, "the respondent prompt");
    all_sizes("start_respondent", &s);
    assert!(matches!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Create { .. })));
}

#[test]
fn tilde_expands_only_as_the_home_folder() {
    let s = state();
    assert_eq!(s.expand("~"), PathBuf::from("/home/me"));
    assert_eq!(s.expand(" ~/a/b "), PathBuf::from("/home/me/a/b"));
    assert_eq!(s.expand("~bob/x"), PathBuf::from("~bob/x"));
    assert_eq!(s.expand("rel/x"), PathBuf::from("rel/x"));
    let no_home = StartState::new(Vec::new(), Vec::new(), None);
    assert_eq!(no_home.expand("~/x"), PathBuf::from("~/x"));
    assert_eq!(s.display_path(std::path::Path::new("/home/me")), "~");
    assert_eq!(s.display_path(std::path::Path::new("/home/meet")), "/home/meet");
}

fn screen(s: &StartState, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| super::view::render(s, f)).unwrap();
    format!("{}", t.backend())
}

fn all_sizes(name: &str, s: &StartState) {
    for (w, h) in [(80, 24), (120, 40), (20, 5)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(s, w, h));
    }
}

#[test]
fn snapshots_of_the_list_filter_and_forms() {
    let mut s = state();
    all_sizes("start_list", &s);
    typed(&mut s, "clients");
    all_sizes("start_filtered", &s);
    let mut s = state();
    cmd(&mut s, 'n');
    typed(&mut s, "~/clients/newco");
    key(&mut s, KeyCode::Enter);
    all_sizes("start_new_form", &s);
    let mut s = state();
    cmd(&mut s, 'o');
    typed(&mut s, "~/clients/gone");
    refused(&mut s, "/home/me/clients/gone is not an aira workspace".into());
    all_sizes("start_open_path", &s);
    all_sizes("start_empty", &StartState::new(Vec::new(), builtin_choices(), None));
}

#[test]
fn hostile_names_are_escaped_and_no_size_panics() {
    let mut s = state();
    s.entries.push(item("/tmp/\x1b[2Jevil", "Evil\x1b]0;title\x07 名前 👩‍💻", true));
    s.message = Some("bad\x1bthing".into());
    let text = screen(&s, 120, 40);
    assert!(!text.contains('\x1b'), "{text}");
    assert!(text.contains("\\x1b"), "{text}");
    cmd(&mut s, 'n');
    for w in 1..=90 {
        for h in [1, 2, 5, 11, 12, 13, 30] {
            screen(&s, w, h);
        }
    }
}

#[test]
fn matched_characters_are_highlighted() {
    let mut s = state();
    typed(&mut s, "glx");
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| super::view::render(&s, f)).unwrap();
    let buf = t.backend().buffer();
    let hit = |x: u16| buf[(x, 3)].modifier.contains(ratatui::style::Modifier::UNDERLINED);
    let row: String = (0..80).map(|x| buf[(x, 3)].symbol().to_owned()).collect();
    assert!(row.starts_with("│ Globex pilot"), "{row}");
    // "Globex": G l o b e x at columns 2..8; g, l and x matched.
    assert_eq!((2..8).map(hit).collect::<Vec<_>>(), [true, true, false, false, false, true]);
}

#[test]
fn missing_entries_are_dimmed_with_colour() {
    let mut s = state();
    s.theme.color = true;
    let mut t = Terminal::new(TestBackend::new(80, 24)).unwrap();
    t.draw(|f| super::view::render(&s, f)).unwrap();
    let buf = t.backend().buffer();
    // Rows: title, filter, the list's top border, then one per entry; the third is missing.
    let missing = (0..80).map(|x| &buf[(x, 5)]).find(|c| c.symbol() == "I").unwrap();
    assert!(missing.modifier.contains(ratatui::style::Modifier::DIM));
    let available = (0..80).map(|x| &buf[(x, 4)]).find(|c| c.symbol() == "G").unwrap();
    assert!(!available.modifier.contains(ratatui::style::Modifier::DIM));
}

#[test]
fn hints_and_messages_follow_the_keymap() {
    let mut s = state();
    assert_eq!(
        super::view::hints(&s),
        "↑↓ choose · Enter open · typing filters · Ctrl-N new · Ctrl-O open path · Ctrl-E facts · Ctrl-D remove · Esc quit"
    );
    s.keymap =
        crate::tui::keymap::Keymap::load(Some(("user.toml", "[start]\nnew_workspace = [\"c\"]\nquit = [\"x\"]\n")))
            .unwrap();
    assert!(super::view::hints(&s).contains("c new · "), "{}", super::view::hints(&s));
    assert!(super::view::hints(&s).ends_with("x quit"));
    s.entries.clear();
    key(&mut s, KeyCode::Enter);
    assert_eq!(s.message.as_deref(), Some("No recent workspaces: c creates one, Ctrl-O opens a folder"));
    typed(&mut s, "c");
    assert!(matches!(s.mode, Mode::New(_)), "the rebound key opens the form");
}

#[test]
fn typed_lines_edit_where_the_cursor_is() {
    let mut s = state();
    cmd(&mut s, 'o');
    typed(&mut s, "~/clients/acm");
    key(&mut s, KeyCode::Home);
    key(&mut s, KeyCode::Delete);
    typed(&mut s, "/home/me");
    key(&mut s, KeyCode::End);
    typed(&mut s, "e");
    assert_eq!(key(&mut s, KeyCode::Enter), Some(StartOutcome::Open("/home/me/clients/acme".into())));
}

#[test]
fn typing_only_filters_and_removal_asks_first() {
    let mut s = state();
    for word in ["def", "n", "o", "q"] {
        let mut s = state();
        assert_eq!(typed(&mut s, word), None, "{word} quits nothing");
        assert_eq!(s.entries.len(), 3, "typing {word} removes nothing");
        assert!(matches!(s.mode, Mode::List), "typing {word} opens no form");
        assert_eq!(s.query.text(), word);
    }
    let ctrl = |s: &mut StartState, c| update(s, KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    ctrl(&mut s, 'd');
    assert_eq!(s.entries.len(), 3, "asked, not removed");
    let asked = s.message.as_deref().unwrap();
    assert!(asked.starts_with("Remove from the list") && asked.ends_with(": ~/clients/acme"), "{asked}");
    typed(&mut s, "x");
    assert_eq!(s.entries.len(), 3, "any other key keeps it");
    assert!(s.query.is_empty(), "and does nothing else");
    ctrl(&mut s, 'd');
    typed(&mut s, "y");
    assert_eq!(s.entries.len(), 2);
    assert!(s.forgot);
    assert!(ctrl(&mut s, 'n').is_none() && matches!(s.mode, Mode::New(_)));
}

/// Issue 17, accessible mode on the start screen: no box drawing, and the real cursor on the
/// focused item (the selected workspace, the filter's caret, the form's focused field).
#[test]
fn accessible_start_screen_draws_no_boxes_and_puts_the_cursor_on_the_focus() {
    let mut s = state();
    s.theme.accessible = true;
    let at = |s: &StartState, w: u16, h: u16| {
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| super::view::render(s, f)).unwrap();
        let text = format!("{}", t.backend());
        let shown = t.backend_mut().cursor_visible();
        let pos = shown.then(|| t.get_cursor_position().unwrap());
        let bad: Vec<char> = text.chars().filter(|c| ('\u{2500}'..='\u{259F}').contains(c)).collect();
        assert!(bad.is_empty(), "{w}x{h}: box drawing or a drawn caret {bad:?}\n{text}");
        let row = |y: u16| text.lines().nth(usize::from(y)).unwrap_or_default().to_owned();
        (pos.map(|p| (p.x, row(p.y))), text)
    };
    key(&mut s, KeyCode::Down);
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let (pos, text) = at(&s, w, h);
        let (x, row) = pos.unwrap_or_else(|| panic!("{w}x{h}: no cursor\n{text}"));
        assert!(row.starts_with("\">Globex pilot") && x == 0, "{w}x{h}: cursor at {x} on {row}\n{text}");
    }
    typed(&mut s, "acm");
    let (pos, text) = at(&s, 80, 24);
    let (x, row) = pos.unwrap();
    assert!(row.starts_with("\" Filter: acm") && x == 12, "cursor after the typed filter: {x} {row}\n{text}");
    key(&mut s, KeyCode::Esc);
    key(&mut s, KeyCode::Esc);
    update(&mut s, KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    assert!(matches!(s.mode, Mode::New(_)));
    typed(&mut s, "~/x");
    let (pos, text) = at(&s, 80, 24);
    let (x, row) = pos.unwrap();
    let col = usize::from(x) + 1; // the row's text starts with a quote
    assert!(row.contains("Folder") && row[..col].ends_with("~/x"), "cursor after ~/x: {x} {row}\n{text}");
}
