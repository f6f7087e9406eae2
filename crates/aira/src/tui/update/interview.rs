//! Interview and workshop keys: the agreed level a room settles on, and the timestamped
//! interview log kept with each respondent's answer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Effect, edit_answer};
use crate::tui::state::{AppState, Mode};
use aira_core::assessment::{LogEntry, Value};

/// Longest log line kept: a log line is a sentence, not a document (notes are for those).
const MAX_LOG_LINE: usize = 4096;

/// After `a`: a digit sets the agreed level, `n` not applicable, `x` clears; anything else
/// cancels.
pub fn agree_key(s: &mut AppState, key: KeyEvent) -> Vec<Effect> {
    s.mode = Mode::Normal;
    let value = match key.code {
        KeyCode::Char(c @ '0'..='9') => Some(Some(Value::Level(c as u8 - b'0'))),
        KeyCode::Char('n') => Some(Some(Value::NotApplicable)),
        KeyCode::Char('x') | KeyCode::Backspace | KeyCode::Delete => Some(None),
        _ => None,
    };
    match value {
        Some(v) => set_agreed(s, v),
        None => Vec::new(),
    }
}

fn set_agreed(s: &mut AppState, value: Option<Value>) -> Vec<Effect> {
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

/// Typing a log line: Enter keeps it (timestamped), Esc drops it.
pub fn log_key(s: &mut AppState, mut text: String, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => {
            s.mode = Mode::Normal;
            Vec::new()
        }
        KeyCode::Enter => {
            s.mode = Mode::Normal;
            let text = text.trim().to_owned();
            if text.is_empty() {
                return Vec::new();
            }
            let entry = LogEntry { at: (s.now)(), by: s.user.clone(), text };
            edit_answer(s, |a| a.log.push(entry))
        }
        KeyCode::Backspace => {
            text.pop();
            s.mode = Mode::Log { text };
            Vec::new()
        }
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            if text.len() < MAX_LOG_LINE {
                text.push(c);
            }
            s.mode = Mode::Log { text };
            Vec::new()
        }
        _ => {
            s.mode = Mode::Log { text };
            Vec::new()
        }
    }
}

/// A paste into the log line: its lines joined with spaces, control characters dropped.
pub fn log_paste(text: &mut String, pasted: &str) {
    let clean: String =
        pasted.chars().map(|c| if c == '\n' || c == '\t' { ' ' } else { c }).filter(|c| !c.is_control()).collect();
    let room = MAX_LOG_LINE.saturating_sub(text.len());
    text.extend(clean.chars().scan(0, |used, c| {
        *used += c.len_utf8();
        (*used <= room).then_some(c)
    }));
}

/// Typing a respondent's name: Enter adds them (and answers for them from now on) or renames
/// the current one; Esc cancels.
pub fn respondent_key(s: &mut AppState, mut text: String, rename: bool, key: KeyEvent) -> Vec<Effect> {
    match key.code {
        KeyCode::Esc => s.mode = Mode::Normal,
        KeyCode::Enter => {
            s.mode = Mode::Normal;
            return save_respondent(s, text.trim(), rename);
        }
        KeyCode::Backspace => {
            text.pop();
            s.mode = Mode::Respondent { text, rename };
        }
        KeyCode::Char(c) if !key.modifiers.intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) => {
            if text.chars().count() < 80 && !aira_core::text::is_control(c) {
                text.push(c);
            }
            s.mode = Mode::Respondent { text, rename };
        }
        _ => s.mode = Mode::Respondent { text, rename },
    }
    Vec::new()
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
    s.flash = Some(format!("Added {name}: answering for them now (r switches)"));
    vec![Effect::SaveRespondent(r)]
}
