//! Interview and workshop keys: the agreed level a room settles on, and the timestamped
//! interview log kept with each respondent's answer.

use super::{Effect, edit_answer};
use crate::tui::action::Action;
use crate::tui::input::{Limit, LineInput};
use crate::tui::screens::{Nav, Prompt, PromptScreen, Screen};
use crate::tui::state::AppState;
use aira_core::assessment::{LogEntry, Value};

/// Longest log line kept: a log line is a sentence, not a document (notes are for those).
const MAX_LOG_LINE: usize = 4096;
/// Longest respondent name typed in the wizard.
const MAX_NAME_CHARS: usize = 80;

/// Set (or clear) the agreed level of the question at the cursor: the `a` chords.
pub(super) fn set_agreed(s: &mut AppState, value: Option<Value>) -> Vec<Effect> {
    if let Some(why) = &s.read_only {
        s.flash = Some(format!("Read-only: {why}"));
        return Vec::new();
    }
    if let Some(Value::Level(l)) = value
        && !s.questionnaire.scale.contains(l)
    {
        s.flash = Some(format!("Levels run from {} to {}", s.questionnaire.scale.min, s.questionnaire.scale.max));
        return Vec::new();
    }
    let Some(q) = s.current_question() else { return Vec::new() };
    let question = q.id.clone();
    let at = (s.now)();
    s.assessment.set_agreed(&question, value, &s.user, &at);
    s.rescore();
    s.save.pending += 1;
    s.flash = Some(match value {
        Some(Value::Level(l)) => format!("Agreed level {l}: the question now scores {l}"),
        Some(Value::NotApplicable) => "Agreed: not applicable".into(),
        None => "Agreed level cleared: the mean of the respondents counts again".into(),
    });
    vec![Effect::SaveAgreed { question, value }]
}

/// Open a one-line prompt over the card (nothing is typed into a read-only workspace).
pub(super) fn open_prompt(s: &mut AppState, kind: Prompt) {
    if s.read_only.is_some() {
        return;
    }
    let input = match kind {
        Prompt::Respondent { rename: false } => LineInput::new(Limit::Chars(MAX_NAME_CHARS)),
        Prompt::Respondent { rename: true } => {
            LineInput::with_text(&s.current_respondent().name, Limit::Chars(MAX_NAME_CHARS))
        }
        Prompt::Log => LineInput::new(Limit::Bytes(MAX_LOG_LINE)),
    };
    s.open(Screen::Prompt(PromptScreen { kind, input }));
}

impl PromptScreen {
    /// Enter keeps the line (a log line timestamped; a name added or renamed), Esc drops it.
    pub(super) fn update(&mut self, s: &mut AppState, action: Action, fx: &mut Vec<Effect>) -> Nav {
        match action {
            Action::Cancel => Nav::Close,
            Action::Submit => {
                let text = self.input.text().trim().to_owned();
                fx.extend(match self.kind {
                    Prompt::Log => log_line(s, text),
                    Prompt::Respondent { rename } => save_respondent(s, &text, rename),
                });
                Nav::Close
            }
            other => {
                self.input.apply(other);
                Nav::Stay
            }
        }
    }
}

fn log_line(s: &mut AppState, text: String) -> Vec<Effect> {
    if text.is_empty() {
        return Vec::new();
    }
    let entry = LogEntry { at: (s.now)(), by: s.user.clone(), text };
    edit_answer(s, |a| a.log.push(entry))
}

fn save_respondent(s: &mut AppState, name: &str, rename: bool) -> Vec<Effect> {
    if name.is_empty() {
        return Vec::new();
    }
    if rename {
        let i = s.respondent.min(s.assessment.respondents.len().saturating_sub(1));
        let Some(r) = s.assessment.respondents.get_mut(i) else { return Vec::new() };
        r.name = name.to_owned();
        s.flash = Some(format!("Renamed to {name} (the file keeps its id, {})", r.id));
        return vec![Effect::SaveRespondent(r.clone_header())];
    }
    let id = aira_core::assessment::respondent_id(name);
    if let Some(existing) = s.assessment.respondents.iter().position(|r| r.id == id) {
        s.respondent = existing;
        s.respondent_changed();
        s.flash = Some(format!("{} is already a respondent: now answering for them", s.current_respondent().name));
        return Vec::new();
    }
    let r = aira_core::assessment::Respondent::new(&id, name);
    s.assessment.respondents.push(r.clone());
    s.respondent = s.assessment.respondents.len() - 1;
    s.respondent_changed();
    let next = s.key_name(crate::tui::keymap::Context::Normal, Action::NextRespondent);
    s.flash = Some(format!("Added {name}: answering for them now ({next} switches)"));
    vec![Effect::SaveRespondent(r)]
}
