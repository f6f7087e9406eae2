//! Keys on the start screen. Pure: the state changes and, when the user has decided, an
//! outcome comes back for the caller to carry out (open, create, quit). No files are touched.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::state::{Field, Mode, NewForm, StartOutcome, StartState};

pub fn update(s: &mut StartState, key: KeyEvent) -> Option<StartOutcome> {
    if key.modifiers.contains(KeyModifiers::CONTROL) && key.code == KeyCode::Char('c') {
        return Some(StartOutcome::Quit);
    }
    match &mut s.mode {
        Mode::List => list(s, key),
        Mode::New(_) => new_form(s, key),
        Mode::OpenPath { .. } => open_path(s, key),
    }
}

/// Pasted text goes to whichever input has the focus (newlines dropped: these are one-liners).
pub fn paste(s: &mut StartState, text: &str) {
    let text: String = text.chars().filter(|c| !c.is_control()).collect();
    match &mut s.mode {
        Mode::List => {
            s.filtering = true;
            s.query.push_str(&text);
            s.selected = 0;
        }
        Mode::New(form) => {
            if let Some(field) = form.text_mut() {
                field.push_str(&text);
            }
        }
        Mode::OpenPath { input, .. } => input.push_str(&text),
    }
}

fn plain_char(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}

fn list(s: &mut StartState, key: KeyEvent) -> Option<StartOutcome> {
    let count = s.visible().len();
    s.message = None;
    match key.code {
        KeyCode::Up => s.selected = s.selected.min(count.saturating_sub(1)).saturating_sub(1),
        KeyCode::Down => s.selected = (s.selected + 1).min(count.saturating_sub(1)),
        KeyCode::PageUp => s.selected = s.selected.saturating_sub(10),
        KeyCode::PageDown => s.selected = (s.selected + 10).min(count.saturating_sub(1)),
        KeyCode::Home => s.selected = 0,
        KeyCode::End => s.selected = count.saturating_sub(1),
        KeyCode::Enter => return open_selected(s),
        KeyCode::Esc if s.filtering => {
            s.filtering = false;
            s.query.clear();
            s.selected = 0;
        }
        KeyCode::Esc => return Some(StartOutcome::Quit),
        KeyCode::Backspace if s.filtering => {
            s.query.pop();
            s.filtering = !s.query.is_empty();
            s.selected = 0;
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            s.query.clear();
            s.selected = 0;
        }
        KeyCode::Delete => forget(s),
        _ => {
            let c = plain_char(&key)?;
            if s.filtering {
                s.query.push(c);
                s.selected = 0;
                return None;
            }
            match c {
                'q' => return Some(StartOutcome::Quit),
                'n' => s.mode = Mode::New(NewForm::default()),
                'o' => s.mode = Mode::OpenPath { input: String::new(), error: None },
                'd' => forget(s),
                '/' => s.filtering = true,
                c if !c.is_whitespace() => {
                    s.filtering = true;
                    s.query.push(c);
                    s.selected = 0;
                }
                _ => {}
            }
        }
    }
    None
}

fn open_selected(s: &mut StartState) -> Option<StartOutcome> {
    let Some(i) = s.selected_entry() else {
        s.message = Some(if s.entries.is_empty() {
            "No recent workspaces: n creates one, o opens a folder".into()
        } else {
            "Nothing matches the filter".into()
        });
        return None;
    };
    let item = &s.entries[i];
    if !item.available {
        s.message = Some(format!(
            "{} is no longer an aira workspace; d forgets it",
            aira_core::text::sanitize(&s.display_path(&item.path), false)
        ));
        return None;
    }
    Some(StartOutcome::Open(item.path.clone()))
}

/// Drop the selected entry from the list (the folder itself is left alone).
fn forget(s: &mut StartState) {
    let Some(i) = s.selected_entry() else { return };
    let item = s.entries.remove(i);
    s.forgot = true;
    s.selected = s.selected.min(s.visible().len().saturating_sub(1));
    s.message = Some(format!(
        "Forgot {} (the folder is untouched)",
        aira_core::text::sanitize(&s.display_path(&item.path), false)
    ));
}

fn new_form(s: &mut StartState, key: KeyEvent) -> Option<StartOutcome> {
    let choices = s.questionnaires.len();
    let Mode::New(form) = &mut s.mode else { return None };
    let fields = Field::ALL.len();
    match key.code {
        KeyCode::Esc => s.mode = Mode::List,
        KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1) % fields,
        KeyCode::BackTab | KeyCode::Up => form.focus = (form.focus + fields - 1) % fields,
        KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if form.focused() == Field::Questionnaire => {
            let step = if key.code == KeyCode::Left { choices.saturating_sub(1) } else { 1 };
            form.questionnaire = (form.questionnaire + step) % choices.max(1);
        }
        KeyCode::Enter => {
            let form = form.clone();
            match s.validate(&form) {
                Ok(outcome) => return Some(outcome),
                Err((field, msg)) => {
                    if let Mode::New(f) = &mut s.mode {
                        f.error = Some(msg);
                        f.focus = Field::ALL.iter().position(|&x| x == field).unwrap_or(f.focus);
                    }
                }
            }
        }
        KeyCode::Backspace => {
            if let Some(t) = form.text_mut() {
                t.pop();
            }
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
            if let Some(t) = form.text_mut() {
                t.clear();
            }
        }
        _ => {
            if let (Some(c), Some(t)) = (plain_char(&key), form.text_mut()) {
                t.push(c);
            }
        }
    }
    None
}

fn open_path(s: &mut StartState, key: KeyEvent) -> Option<StartOutcome> {
    let Mode::OpenPath { input, error } = &mut s.mode else { return None };
    match key.code {
        KeyCode::Esc => s.mode = Mode::List,
        KeyCode::Enter if input.trim().is_empty() => *error = Some("Type the workspace's folder".into()),
        KeyCode::Enter => {
            let typed = input.clone();
            return Some(StartOutcome::Open(s.expand(&typed)));
        }
        KeyCode::Backspace => {
            input.pop();
        }
        KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => input.clear(),
        _ => {
            if let Some(c) = plain_char(&key) {
                input.push(c);
            }
        }
    }
    None
}

/// The caller could not carry out an outcome (the folder is taken, not a workspace, …): say
/// so where the user is, and let them fix it.
pub fn refused(s: &mut StartState, message: String) {
    match &mut s.mode {
        Mode::New(form) => form.error = Some(message),
        Mode::OpenPath { error, .. } => *error = Some(message),
        Mode::List => s.message = Some(message),
    }
}
