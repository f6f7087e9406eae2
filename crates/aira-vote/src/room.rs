//! The room's state behind one lock: who joined, the current question, who voted what.
//! Pure bookkeeping, no I/O: the HTTP layer asks it, then tells it once a vote is durable.

use std::collections::HashMap;
use std::sync::Arc;

use serde_json::{Value, json};

use crate::{Level, Limits, QuestionView, RoomView};

/// Why a request is refused; the HTTP layer maps each to its status code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// 400: bad input, unknown participant, level off the scale.
    Bad(String),
    /// 409: a vote on a question that is not the current one.
    Conflict(String),
    /// 403: the room is full.
    Full(String),
    /// 503: the sink refused the vote; nothing was counted.
    Unsaved,
}

#[derive(Debug, Clone)]
pub(crate) struct Participant {
    pub id: String,
    pub name: String,
    /// Held while this participant's vote is being recorded, so their votes reach the sink
    /// one at a time and in the order they were accepted.
    pub turn: Arc<tokio::sync::Mutex<()>>,
}

#[derive(Debug, Default)]
pub(crate) struct Room {
    pub title: String,
    pub question: Option<QuestionView>,
    pub revealed: bool,
    participants: Vec<Participant>,
    by_key: HashMap<String, usize>,
    by_id: HashMap<String, usize>,
    /// question id -> participant id -> last durable vote.
    votes: HashMap<String, HashMap<String, Level>>,
}

/// Trim, collapse runs of whitespace, refuse what would garble the facilitator's screen.
pub(crate) fn clean_name(raw: &str, max_chars: usize) -> Result<String, Refusal> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(Refusal::Bad("the name is empty".into()));
    }
    let chars = name.chars().count();
    if chars > max_chars {
        return Err(Refusal::Bad(format!("the name is {chars} characters long; at most {max_chars}")));
    }
    // Control and bidirectional-override characters could rewrite or reorder what the
    // facilitator's terminal shows next to the name.
    if name.chars().any(|c| {
        c.is_control() || matches!(c, '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    }) {
        return Err(Refusal::Bad("the name contains control characters".into()));
    }
    Ok(name)
}

impl Room {
    pub fn new(view: RoomView) -> Room {
        Room { title: view.title, question: view.question, ..Room::default() }
    }

    pub fn set_question(&mut self, q: QuestionView) {
        // Moving on hides the spread again: the next question is never shown revealed by accident.
        if self.question.as_ref().is_none_or(|cur| cur.id != q.id) {
            self.revealed = false;
        }
        self.question = Some(q);
    }

    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.by_id.get(id).and_then(|&i| self.participants.get(i))
    }

    /// Join by name; the same name (ignoring case and spacing) gets the same participant.
    /// Returns the participant and whether they are new.
    pub fn join(
        &mut self,
        raw: &str,
        limits: &Limits,
        new_id: impl FnOnce() -> Option<String>,
    ) -> Result<(Participant, bool), Refusal> {
        let name = clean_name(raw, limits.max_name_chars)?;
        let key = name.to_lowercase();
        if let Some(p) = self.by_key.get(&key).and_then(|&i| self.participants.get(i)) {
            return Ok((p.clone(), false));
        }
        if self.participants.len() >= limits.max_participants {
            return Err(Refusal::Full(format!("the room is full ({} participants)", limits.max_participants)));
        }
        let id = new_id().ok_or_else(|| Refusal::Full("no participant id could be made".into()))?;
        let p = Participant { id: id.clone(), name, turn: Arc::default() };
        let at = self.participants.len();
        self.participants.push(p.clone());
        self.by_key.insert(key, at);
        self.by_id.insert(id, at);
        Ok((p, true))
    }

    /// Everything that must hold before a vote goes to the sink.
    pub fn check_vote(&self, participant: &str, question: &str, level: Level) -> Result<Participant, Refusal> {
        let p = self.participant(participant).ok_or_else(|| Refusal::Bad("unknown participant; join first".into()))?;
        let Some(current) = self.question.as_ref().filter(|q| q.id == question) else {
            return Err(Refusal::Conflict(format!("question {question} is not the current question")));
        };
        let on_scale = match level {
            Level::Value(v) => current.levels.iter().any(|l| l.value == v),
            Level::NotApplicable => current.allow_na,
        };
        if !on_scale {
            return Err(Refusal::Bad(format!("level {level} is not on this question's scale")));
        }
        Ok(p.clone())
    }

    /// Count a vote the sink has made durable.
    pub fn count(&mut self, participant: &str, question: &str, level: Level) {
        self.votes.entry(question.to_owned()).or_default().insert(participant.to_owned(), level);
    }

    pub fn vote_of(&self, participant: &str, question: &str) -> Option<Level> {
        self.votes.get(question).and_then(|v| v.get(participant)).copied()
    }

    /// Durable votes on a question, in joining order.
    pub fn votes_on(&self, question: &str) -> Vec<(String, String, Level)> {
        let Some(votes) = self.votes.get(question) else { return Vec::new() };
        self.participants.iter().filter_map(|p| votes.get(&p.id).map(|l| (p.id.clone(), p.name.clone(), *l))).collect()
    }

    /// How many voted each step of the current scale (then N/A, if allowed), in scale order.
    pub fn distribution(&self) -> Vec<(Level, usize)> {
        let Some(q) = &self.question else { return Vec::new() };
        let votes = self.votes.get(&q.id);
        let count = |l: Level| votes.map_or(0, |v| v.values().filter(|x| **x == l).count());
        let mut out: Vec<_> = q.levels.iter().map(|l| (Level::Value(l.value), count(Level::Value(l.value)))).collect();
        if q.allow_na {
            out.push((Level::NotApplicable, count(Level::NotApplicable)));
        }
        out
    }

    pub fn vote_count(&self) -> usize {
        self.question.as_ref().and_then(|q| self.votes.get(&q.id)).map_or(0, HashMap::len)
    }

    /// `GET /state`: the contract's shape; `distribution` only once revealed.
    pub fn state_json(&self) -> Value {
        let mut state = json!({ "question": self.question, "revealed": self.revealed, "votes": self.vote_count() });
        if self.revealed {
            let spread: Vec<Value> =
                self.distribution().into_iter().map(|(l, n)| json!({ "level": l, "count": n })).collect();
            state["distribution"] = Value::Array(spread);
        }
        state
    }
}

#[cfg(test)]
#[path = "room_tests.rs"]
mod tests;
