//! The assessment room (pure): who answered what. Answers belong to respondents; a question's
//! status for scoring comes from the facilitator's agreed level, else from the respondents.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::questionnaire::Questionnaire;
mod batch;
mod evidence;
mod status;
use batch::Tally;
pub use evidence::{Evidence, EvidenceKind, is_sha256_hex, is_url};
pub use status::Status;

/// A question's value: a level on the scale, or not applicable to this organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    Level(u8),
    NotApplicable,
}

/// One respondent's answer to one question. A note or a flag may exist before any level.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answer {
    pub value: Option<Value>,
    pub target: Option<u8>,
    pub note: String,
    /// Evidence items; older files' plain strings read as items with a reference only.
    pub evidence: Vec<Evidence>,
    pub flag: bool,
    /// RFC 3339, as written in the file; kept as text so hand edits round-trip untouched.
    pub answered_at: String,
    pub answered_by: String,
    /// The interview log: timestamped notes taken while this respondent discussed the question.
    pub log: Vec<LogEntry>,
}

/// One line of an interview log.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LogEntry {
    /// RFC 3339, as written in the file.
    pub at: String,
    /// Who wrote the line (the facilitator, not the respondent).
    pub by: String,
    pub text: String,
}

impl Answer {
    /// True when nothing in it carries information (such answers are not stored).
    pub fn is_empty(&self) -> bool {
        self.value.is_none()
            && self.target.is_none()
            && self.note.is_empty()
            && self.evidence.is_empty()
            && !self.flag
            && self.log.is_empty()
    }

    /// The log in time order (timestamps compared as instants; unparsable ones sort by text).
    pub fn log_in_order(&self) -> Vec<&LogEntry> {
        let mut log: Vec<&LogEntry> = self.log.iter().collect();
        log.sort_by(|x, y| crate::text::cmp_timestamps(&x.at, &y.at));
        log
    }

    pub fn level(&self) -> Option<u8> {
        match self.value {
            Some(Value::Level(l)) => Some(l),
            _ => None,
        }
    }
}

/// Someone whose view is recorded: an interviewee or a workshop participant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Respondent {
    /// File-safe id: answers live in `answers/<id>.toml`.
    pub id: String,
    pub name: String,
    pub role: String,
    /// Removed with `aira respondent remove`: the answers stay in the file and the history,
    /// but the workspace leaves the respondent out of everything it shows and scores.
    pub archived: bool,
    /// Keyed by question id; ids the questionnaire lacks are kept (orphans), never dropped.
    pub answers: BTreeMap<String, Answer>,
}

impl Respondent {
    pub fn new(id: &str, name: &str) -> Self {
        Respondent { id: id.to_owned(), name: name.to_owned(), ..Default::default() }
    }

    pub fn answer(&self, question_id: &str) -> Option<&Answer> {
        self.answers.get(question_id)
    }

    /// Name and role without the answers: what a saved change needs to create the file.
    pub fn clone_header(&self) -> Respondent {
        Respondent {
            id: self.id.clone(),
            name: self.name.clone(),
            role: self.role.clone(),
            archived: self.archived,
            answers: Default::default(),
        }
    }
}

/// A respondent id from a display name: lowercase ASCII letters, digits and `-`.
pub fn respondent_id(name: &str) -> String {
    let mut id = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').chars().take(64).collect::<String>();
    if id.is_empty() { "respondent".to_owned() } else { id }
}

pub fn is_valid_respondent_id(id: &str) -> bool {
    crate::questionnaire::is_valid_id(id) && id.len() <= 64
}

/// Who settled a question's agreed value, when, and why (kept beside `Assessment::agreed`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decision {
    /// RFC 3339.
    pub decided_at: String,
    pub decided_by: String,
    pub note: String,
}

/// Everything scoring needs besides the questionnaire.
#[derive(Clone, Debug, Default)]
pub struct Assessment {
    pub respondents: Vec<Respondent>,
    /// Levels the facilitator agreed after discussion, by question id; they win over the mean.
    pub agreed: BTreeMap<String, Value>,
    /// When and by whom each agreed value was set; same keys as `agreed`.
    pub agreed_meta: BTreeMap<String, Decision>,
    /// The engagement's target level by question id (targets.toml): one per question, the
    /// engagement's decision, not any respondent's (docs/scoring.md, section 5).
    pub targets: BTreeMap<String, u8>,
}

impl Assessment {
    /// Set or clear (`None`) an agreed value in memory, keeping an earlier decision's note.
    /// The durable write is `workspace::Store::set_agreed`.
    pub fn set_agreed(&mut self, question_id: &str, value: Option<Value>, by: &str, at: &str) {
        match value {
            Some(v) => {
                self.agreed.insert(question_id.to_owned(), v);
                let d = self.agreed_meta.entry(question_id.to_owned()).or_default();
                d.decided_at = at.to_owned();
                d.decided_by = by.to_owned();
            }
            None => {
                self.agreed.remove(question_id);
                self.agreed_meta.remove(question_id);
            }
        }
    }

    pub fn respondent(&self, id: &str) -> Option<&Respondent> {
        self.respondents.iter().find(|r| r.id == id)
    }

    /// The status scoring uses for one question: the agreed value, else the mean of the
    /// respondents' levels, else not applicable when someone said so, else unanswered.
    pub fn status(&self, question_id: &str) -> Status {
        match self.agreed.get(question_id) {
            Some(Value::Level(l)) => return Status::Scored(f64::from(*l)),
            Some(Value::NotApplicable) => return Status::NotApplicable,
            None => {}
        }
        let mut tally = Tally::default();
        for r in &self.respondents {
            if let Some(v) = r.answer(question_id).and_then(|a| a.value) {
                tally.add(v);
            }
        }
        tally.status()
    }

    /// Levels given by each respondent to one question, for the consensus view.
    pub fn levels(&self, question_id: &str) -> Vec<(&Respondent, Value)> {
        self.respondents.iter().filter_map(|r| r.answer(question_id).and_then(|a| a.value).map(|v| (r, v))).collect()
    }

    /// Highest minus lowest level among respondents (0 with fewer than two levels).
    pub fn spread(&self, question_id: &str) -> u8 {
        let levels: Vec<u8> = self
            .levels(question_id)
            .iter()
            .filter_map(|(_, v)| match v {
                Value::Level(l) => Some(*l),
                Value::NotApplicable => None,
            })
            .collect();
        match (levels.iter().max(), levels.iter().min()) {
            (Some(max), Some(min)) => max - min,
            _ => 0,
        }
    }

    /// Answers to question ids that the questionnaire does not have: kept, listed, never lost.
    pub fn orphans<'a>(&'a self, q: &'a Questionnaire) -> Vec<(&'a str, &'a str)> {
        let known: std::collections::HashSet<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
        self.orphans_by(|id| known.contains(id))
    }

    /// [`Self::orphans`], with the question ids known by a lookup the caller already has.
    pub fn orphans_by(&self, known: impl Fn(&str) -> bool) -> Vec<(&str, &str)> {
        self.respondents
            .iter()
            .flat_map(|r| r.answers.keys().map(move |k| (r.id.as_str(), k.as_str())))
            .filter(|(_, k)| !known(k))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_levels(levels: &[Option<Value>]) -> Assessment {
        let respondents = levels
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let mut r = Respondent::new(&format!("r{i}"), "R");
                r.answers.insert("q".into(), Answer { value: *v, ..Default::default() });
                r
            })
            .collect();
        Assessment { respondents, ..Default::default() }
    }

    #[test]
    fn status_is_mean_of_levels_ignoring_na_and_blank() {
        let a = with_levels(&[Some(Value::Level(1)), Some(Value::NotApplicable), None, Some(Value::Level(4))]);
        assert_eq!(a.status("q"), Status::Scored(2.5));
        assert_eq!(a.spread("q"), 3);
        assert_eq!(a.status("other"), Status::Unanswered);
    }

    #[test]
    fn agreed_level_wins() {
        let mut a = with_levels(&[Some(Value::Level(1)), Some(Value::Level(5))]);
        a.agreed.insert("q".into(), Value::Level(3));
        assert_eq!(a.status("q"), Status::Scored(3.0));
    }

    #[test]
    fn only_na_means_not_applicable() {
        let a = with_levels(&[Some(Value::NotApplicable), None]);
        assert_eq!(a.status("q"), Status::NotApplicable);
    }

    #[test]
    fn respondent_ids_are_file_safe() {
        assert_eq!(respondent_id("Alice Smith"), "alice-smith");
        assert_eq!(respondent_id("  ../../etc/passwd "), "etc-passwd");
        assert_eq!(respondent_id("李"), "respondent");
        assert!(is_valid_respondent_id(&respondent_id("Zoë O'Neil (CISO)")));
    }
}
