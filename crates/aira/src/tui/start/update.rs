//! Keys on the start screen, through the keymap's [start], [form] and [input] contexts.
//! Pure: the state changes and, when the user has decided, an outcome comes back for the
//! caller to carry out (open, create, quit). No files are touched.

use crossterm::event::KeyEvent;

use super::state::{Field, Mode, NewForm, StartOutcome, StartState};
use crate::tui::action::Action;
use crate::tui::input::{Edit, Limit, LineInput};
use crate::tui::keymap::{Context, Resolved, typed_char};

/// Where the keys are looked up now, first match first.
fn contexts(s: &StartState) -> &'static [Context] {
    match &s.mode {
        Mode::List if s.filtering => &[Context::Input, Context::Start],
        Mode::List => &[Context::Start],
        Mode::New(form) if matches!(form.focused(), Field::Questionnaire | Field::Profiles) => &[Context::Form],
        Mode::New(_) => &[Context::Input, Context::Form],
        Mode::Respondent(_) => &[Context::Input],
        Mode::OpenPath { .. } => &[Context::Input, Context::Start],
    }
}

pub fn update(s: &mut StartState, key: KeyEvent) -> Option<StartOutcome> {
    // Removal was asked: `y` or Enter removes, any other key keeps the entry and does nothing else.
    if let Some(i) = s.confirm_forget.take() {
        let yes = matches!(typed_char(&key), Some('y' | 'Y')) || key.code == crossterm::event::KeyCode::Enter;
        if yes {
            forget(s, i);
        } else {
            s.message = Some("Kept in the list".into());
        }
        return None;
    }
    let action = match s.keymap.resolve(contexts(s), None, &key) {
        Resolved::Action(a) => a,
        // On the list, a key that is no command and types a letter starts the filter with it.
        Resolved::Pending(_) | Resolved::Unbound => match (&s.mode, typed_char(&key)) {
            (Mode::List, Some(c)) if !c.is_whitespace() => Action::InsertChar(c),
            _ => return None,
        },
    };
    act(s, action)
}

/// One action on the start screen.
pub fn act(s: &mut StartState, action: Action) -> Option<StartOutcome> {
    match &mut s.mode {
        Mode::List => list(s, action),
        Mode::New(_) => new_form(s, action),
        Mode::Respondent(_) => respondent(s, action),
        Mode::OpenPath { .. } => open_path(s, action),
    }
}

/// Pasted text goes to whichever input has the focus (one line: these are one-liners).
pub fn paste(s: &mut StartState, text: &str) {
    match &mut s.mode {
        Mode::List => {
            s.filtering = true;
            s.query.paste(text);
            s.cursor.set(0);
        }
        Mode::New(form) => {
            if let Some(field) = form.text_mut() {
                field.paste(text);
            }
        }
        Mode::Respondent(form) => {
            form.respondent.paste(text);
        }
        Mode::OpenPath { input, .. } => {
            input.paste(text);
        }
    }
}

fn list(s: &mut StartState, action: Action) -> Option<StartOutcome> {
    let count = s.visible().len();
    s.message = None;
    match action {
        Action::Quit => return Some(StartOutcome::Quit),
        Action::Select | Action::Submit => return open_selected(s),
        Action::EditFacts => {
            return open_selected(s).map(|o| match o {
                StartOutcome::Open(dir) => StartOutcome::EditFacts(dir),
                other => other,
            });
        }
        Action::Cancel => {
            s.filtering = false;
            s.query.clear();
            s.cursor.set(0);
        }
        Action::NewWorkspace => s.mode = Mode::New(NewForm::default()),
        Action::OpenPath => s.mode = Mode::OpenPath { input: LineInput::new(Limit::None), error: None },
        Action::Forget => ask_forget(s),
        Action::Filter => s.filtering = true,
        other if s.cursor.apply(other, count) => {}
        other => {
            s.filtering = true;
            match s.query.apply(other) {
                Edit::Appended | Edit::Changed => s.cursor.set(0),
                Edit::Moved | Edit::Unchanged | Edit::NotMine => {}
            }
            // Deleting the last character leaves the filter (clearing it does not).
            if other == Action::DeleteBack && s.query.is_empty() {
                s.filtering = false;
            }
        }
    }
    None
}

fn open_selected(s: &mut StartState) -> Option<StartOutcome> {
    let Some(i) = s.selected_entry() else {
        let (new, open) =
            (s.key_name(Context::Start, Action::NewWorkspace), s.key_name(Context::Start, Action::OpenPath));
        s.message = Some(if s.entries.is_empty() {
            format!("No recent workspaces: {new} creates one, {open} opens a folder")
        } else {
            "Nothing matches the filter".into()
        });
        return None;
    };
    let item = &s.entries[i];
    if !item.available {
        s.message = Some(format!(
            "{} is no longer an aira workspace; {} forgets it",
            aira_core::text::sanitize(&s.display_path(&item.path), false),
            s.key_name(Context::Start, Action::Forget)
        ));
        return None;
    }
    Some(StartOutcome::Open(item.path.clone()))
}

/// Ask before removing the selected entry: a stray key must not drop a client's workspace.
fn ask_forget(s: &mut StartState) {
    let Some(i) = s.selected_entry() else { return };
    s.message = Some(format!(
        // The question first: a long path is cut at the line's end, the keys must not be.
        "Remove from the list (the folder stays)? y yes, any other key no: {}",
        aira_core::text::sanitize(&s.display_path(&s.entries[i].path), false)
    ));
    s.confirm_forget = Some(i);
}

/// Drop entry `i` from the list (the folder itself is left alone).
fn forget(s: &mut StartState, i: usize) {
    if i >= s.entries.len() {
        return;
    }
    let item = s.entries.remove(i);
    s.forgot = true;
    let left = s.visible().len();
    s.cursor.set(s.cursor.get(left));
    s.message = Some(format!(
        "Forgot {} (the folder is untouched)",
        aira_core::text::sanitize(&s.display_path(&item.path), false)
    ));
}

/// The profile ids of the questionnaire the form has chosen (none: the field is skipped).
fn profile_ids(s: &StartState, form: &NewForm) -> Vec<String> {
    s.questionnaires
        .get(form.questionnaire)
        .map(|c| c.profiles.iter().map(|p| p.0.clone()).collect())
        .unwrap_or_default()
}

/// Move the focus by `step` fields (1 or fields - 1), over the profiles field when there are none.
fn step_field(form: &mut NewForm, step: usize, has_profiles: bool) {
    let fields = Field::ALL.len();
    form.focus = (form.focus + step) % fields;
    if form.focused() == Field::Profiles && !has_profiles {
        form.focus = (form.focus + step) % fields;
    }
}

fn new_form(s: &mut StartState, action: Action) -> Option<StartOutcome> {
    let choices = s.questionnaires.len();
    let ids = match &s.mode {
        Mode::New(form) => profile_ids(s, form),
        _ => return None,
    };
    let Mode::New(form) = &mut s.mode else { return None };
    let fields = Field::ALL.len();
    match action {
        Action::Quit => return Some(StartOutcome::Quit),
        Action::Cancel => s.mode = Mode::List,
        Action::NextField => step_field(form, 1, !ids.is_empty()),
        Action::PrevField => step_field(form, fields - 1, !ids.is_empty()),
        Action::NextChoice | Action::PrevChoice | Action::ToggleChoice if form.focused() == Field::Questionnaire => {
            let step = if action == Action::PrevChoice { choices.saturating_sub(1) } else { 1 };
            form.questionnaire = (form.questionnaire + step) % choices.max(1);
            // Another questionnaire has other profiles: nothing ticked carries over.
            form.profiles.clear();
            form.profile = 0;
        }
        Action::NextChoice | Action::PrevChoice if form.focused() == Field::Profiles => {
            let step = if action == Action::PrevChoice { ids.len().saturating_sub(1) } else { 1 };
            form.profile = (form.profile + step) % ids.len().max(1);
        }
        Action::ToggleChoice if form.focused() == Field::Profiles => {
            if let Some(id) = ids.get(form.profile) {
                if form.profiles.contains(id) {
                    form.profiles.retain(|p| p != id);
                } else {
                    form.profiles.push(id.clone());
                }
                // Kept in the questionnaire's order, as `aira profile show` lists them.
                form.profiles.sort_by_key(|p| ids.iter().position(|i| i == p));
                form.error = None;
            }
        }
        Action::Submit => {
            let form = form.clone();
            match s.validate(&form) {
                // Everything else is right: ask who answers first, the user's name offered.
                Ok(_) => {
                    let mut form = form;
                    form.error = None;
                    if form.respondent.is_empty() {
                        form.respondent = LineInput::with_text(s.user.as_deref().unwrap_or(""), Limit::None);
                    }
                    s.mode = Mode::Respondent(form);
                }
                Err((field, msg)) => {
                    if let Mode::New(f) = &mut s.mode {
                        f.error = Some(msg);
                        f.focus = Field::ALL.iter().position(|&x| x == field).unwrap_or(f.focus);
                    }
                }
            }
        }
        other => {
            if let Some(t) = form.text_mut() {
                t.apply(other);
            }
        }
    }
    None
}

/// The first-respondent prompt: Enter creates with the name typed, Esc cancels creating.
fn respondent(s: &mut StartState, action: Action) -> Option<StartOutcome> {
    let Mode::Respondent(form) = &mut s.mode else { return None };
    match action {
        Action::Quit => return Some(StartOutcome::Quit),
        Action::Cancel => s.mode = Mode::List,
        Action::Submit => {
            let name = form.respondent.text().trim();
            let roles = s.questionnaires.get(form.questionnaire).map(|c| c.roles.as_slice()).unwrap_or_default();
            if name.is_empty() {
                form.error = Some("Name who answers first (e.g. your own name)".into());
            } else if let Err(e) = crate::tui::who::parse(roles, name) {
                // `name, role` as the wizard's `+` takes it: a role typo is fixed right here.
                form.error = Some(e);
            } else {
                let form = form.clone();
                return s.validate(&form).ok();
            }
        }
        other => {
            if matches!(form.respondent.apply(other), Edit::Appended | Edit::Changed) {
                form.error = None;
            }
        }
    }
    None
}

fn open_path(s: &mut StartState, action: Action) -> Option<StartOutcome> {
    let Mode::OpenPath { input, error } = &mut s.mode else { return None };
    match action {
        Action::Quit => return Some(StartOutcome::Quit),
        Action::Cancel => s.mode = Mode::List,
        Action::Submit if input.text().trim().is_empty() => *error = Some("Type the workspace's folder".into()),
        Action::Submit => {
            let typed = input.text().to_owned();
            return Some(StartOutcome::Open(s.expand(&typed)));
        }
        other => {
            input.apply(other);
        }
    }
    None
}

/// The caller could not carry out an outcome (the folder is taken, not a workspace, …): say
/// so where the user is, and let them fix it.
pub fn refused(s: &mut StartState, message: String) {
    match &mut s.mode {
        Mode::New(form) => form.error = Some(message),
        // Mostly the folder (taken, not empty): fixed in the form, the name typed is kept.
        Mode::Respondent(form) => {
            let mut form = form.clone();
            form.error = Some(message);
            s.mode = Mode::New(form);
        }
        Mode::OpenPath { error, .. } => *error = Some(message),
        Mode::List => s.message = Some(message),
    }
}
