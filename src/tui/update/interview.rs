//! Interview and workshop keys: the agreed level a room settles on, and the timestamped
//! interview log kept with each respondent's answer.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{Effect, edit_answer};
use crate::assessment::{LogEntry, Value};
use crate::tui::state::{AppState, Mode};

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
