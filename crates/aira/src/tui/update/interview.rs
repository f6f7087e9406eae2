//! Interview and workshop keys: the agreed level a room settles on, and the timestamped
//! interview log kept with each respondent's answer.

use super::{Effect, ScreenKeys, edit_answer};
use crate::tui::action::Action;
use crate::tui::input::{Limit, LineInput};
use crate::tui::keymap::Context;
use crate::tui::screens::{LogScreen, Nav, PromptScreen, Screen};
use crate::tui::session::Added;
use crate::tui::state::AppState;
use aira_core::assessment::{LogEntry, Value};

/// Longest log line kept: a log line is a sentence, not a document (notes are for those).
pub(crate) const MAX_LOG_LINE: usize = 4096;
/// Longest respondent name typed in the wizard.
const MAX_NAME_CHARS: usize = 80;

/// Set (or clear) the agreed level of the question at the cursor: the `a` chords.
pub(super) fn set_agreed(s: &mut AppState, value: Option<Value>) -> Vec<Effect> {
    if let Some(why) = s.session.read_only() {
        s.ui.set_flash(Some(format!("Read-only: {why}")));
        return Vec::new();
    }
    if let Some(Value::Level(l)) = value
        && !s.session.questionnaire().scale.contains(l)
    {
        s.ui.set_flash(Some(format!(
            "Levels run from {} to {}",
            s.session.questionnaire().scale.min,
            s.session.questionnaire().scale.max
        )));
        return Vec::new();
    }
    let Some(question) = s.session.set_agreed(s.ui.cursor(), value) else { return Vec::new() };
    s.ui.set_flash(Some(match value {
        Some(Value::Level(l)) => format!("Agreed level {l}: the question now scores {l}"),
        Some(Value::NotApplicable) => "Agreed: not applicable".into(),
        None => "Agreed level cleared: the mean of the respondents counts again".into(),
    }));
    vec![Effect::SaveAgreed { question, value }]
}

/// With no one answering (every respondent archived, or none yet), ask who answers: the
/// add-respondent prompt on top, and a notice naming the archived ones and how to restore
/// them. Nothing else takes a key that records until someone is named (`update`).
pub fn ask_who_answers(s: &mut AppState) {
    if s.session.has_respondent() {
        return;
    }
    let notice = match s.session.archived() {
        [] => "No one is answering: this workspace has no respondents. Name who answers.".to_owned(),
        archived => {
            let who: Vec<String> = archived.iter().map(|r| format!("{} ({})", r.id, r.name)).collect();
            // The command first: the banner is one line, and at 80 columns the rest is cut.
            format!(
                "All respondents archived: `aira respondent restore {}` (after quitting), or name who answers. \
                 Archived: {}",
                archived[0].id,
                who.join(", ")
            )
        }
    };
    if !s.ui.notices().contains(&notice) {
        s.ui.notify(notice);
    }
    if !matches!(s.ui.screen(), Some(Screen::Prompt(p)) if !p.rename) {
        s.ui.close_all();
        open_prompt(s, false);
    }
}

/// Open the respondent prompt over the card (nothing is typed into a read-only workspace).
pub(super) fn open_prompt(s: &mut AppState, rename: bool) {
    if s.session.read_only().is_some() {
        return;
    }
    let input = match rename {
        false => LineInput::new(Limit::Chars(MAX_NAME_CHARS)),
        true => {
            let r = s.current_respondent();
            LineInput::with_text(&crate::tui::who::shown(&r.name, &r.role), Limit::Chars(MAX_NAME_CHARS))
        }
    };
    s.ui.open(Screen::Prompt(PromptScreen { rename, input, error: None }));
}

/// Open the log line over the card (not in a read-only workspace).
pub(super) fn open_log(s: &mut AppState) {
    if s.session.read_only().is_none() {
        s.ui.open(Screen::Log(LogScreen { input: LineInput::new(Limit::Bytes(MAX_LOG_LINE)), why: None }));
    }
}

/// Enter keeps the typed line, Esc drops it; every other action edits it.
fn typed_line(input: &mut LineInput, action: Action, keep: impl FnOnce(String)) -> Nav {
    match action {
        Action::Cancel => Nav::Close,
        Action::Submit => {
            keep(input.text().trim().to_owned());
            Nav::Close
        }
        other => {
            input.apply(other);
            Nav::Stay
        }
    }
}

impl ScreenKeys for PromptScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Input]
    }

    /// Enter adds the respondent (or renames the current one); a refused line stays to fix.
    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        if action != Action::Submit {
            return typed_line(&mut self.input, action, |_| {});
        }
        match crate::tui::who::parse(&s.session.questionnaire().roles, self.input.text()) {
            // An archived respondent is brought back with their answers by `aira respondent
            // restore`; added here they would start empty over the answers their file keeps.
            Ok(typed) if !self.rename && s.session.archived_named(&typed.name).is_some() => {
                let r = s.session.archived_named(&typed.name).map(|r| (r.id.clone(), r.name.clone()));
                let (id, name) = r.unwrap_or_default();
                self.error = Some(format!(
                    "{id} is archived: `aira respondent restore {id}` (after quitting) brings back {name}'s answers; \
                     or name someone else"
                ));
                Nav::Stay
            }
            Ok(typed) => {
                fx.extend(save_respondent(s, typed, self.rename));
                Nav::Close
            }
            Err(why) => {
                self.error = Some(why);
                Nav::Stay
            }
        }
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        self.input.paste(text);
    }
}

impl ScreenKeys for LogScreen {
    fn contexts(&self) -> &'static [Context] {
        &[Context::Input]
    }

    /// Enter adds the line to the answer's log, timestamped; or records why the room agreed.
    fn on_action(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        match &self.why {
            Some(question) => typed_line(&mut self.input, action, |text| fx.extend(rationale(s, question, text))),
            None => typed_line(&mut self.input, action, |text| fx.extend(log_line(s, text))),
        }
    }

    fn on_paste(&mut self, _: &mut AppState, text: &str) {
        self.input.paste(text);
    }
}

/// Ask why the room agreed the level just set on `question` (typed in the status bar, over
/// whatever view is up: the workshop layout stays). Enter with nothing typed, or Esc, skips.
pub(super) fn ask_rationale(s: &mut AppState, question: String) {
    if s.session.read_only().is_none() {
        // The prompt takes the status bar; the agreed level shows in the view itself.
        s.ui.set_flash(None);
        s.ui.open(Screen::Log(LogScreen { input: LineInput::new(Limit::Bytes(MAX_LOG_LINE)), why: Some(question) }));
    }
}

fn rationale(s: &mut AppState, question: &str, text: String) -> Vec<Effect> {
    if text.is_empty() || !s.session.set_agreed_note(question, &text) {
        return Vec::new();
    }
    s.ui.set_flash(Some(format!("Reason recorded with the agreed level: {text}")));
    vec![Effect::SaveAgreedNote { question: question.to_owned(), note: text }]
}

fn log_line(s: &mut AppState, text: String) -> Vec<Effect> {
    if text.is_empty() {
        return Vec::new();
    }
    let entry = LogEntry { at: s.session.now(), by: s.session.user().to_owned(), text };
    edit_answer(s, |a| a.log.push(entry))
}

fn save_respondent(s: &mut AppState, typed: crate::tui::who::Typed, rename: bool) -> Vec<Effect> {
    let name = typed.name.as_str();
    let as_role = if typed.role.is_empty() { String::new() } else { format!(" as {}", typed.role) };
    if rename {
        let Some((old, new)) = s.session.rename_respondent(name, &typed.role) else { return Vec::new() };
        s.ui.set_flash(Some(format!("Renamed to {name}{as_role} (the file keeps its id, {})", new.id)));
        let as_ = new.id.clone();
        return vec![Effect::SaveRespondent { old: Some(old), new, as_ }];
    }
    let Added::New { respondent, as_ } = s.session.add_respondent(name, &typed.role) else {
        s.ui.say(format!("{} is already a respondent: now answering for them", s.current_respondent().name));
        return Vec::new();
    };
    let next = s.ui.key_name(crate::tui::keymap::Context::Normal, Action::NextRespondent);
    s.ui.set_flash(Some(format!("Added {name}{as_role}: answering for them now ({next} switches)")));
    vec![Effect::SaveRespondent { old: None, new: respondent, as_ }]
}
