//! The types the wizard and the server exchange: what the room sees (questions, levels),
//! what the server reports back (events) and the sink that makes a vote durable.

use std::fmt;
use std::time::Duration;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A vote: a level value on the question's scale, or "not applicable".
/// On the wire it is a JSON number (`2`) or the string `"na"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Value(u8),
    NotApplicable,
}

impl Level {
    /// Parse the form-encoded spelling: decimal digits or `na`.
    pub fn parse(s: &str) -> Option<Level> {
        match s.trim() {
            "na" => Some(Level::NotApplicable),
            digits if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                digits.parse().ok().map(Level::Value)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Level::Value(v) => write!(f, "{v}"),
            Level::NotApplicable => f.write_str("na"),
        }
    }
}

impl Serialize for Level {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Level::Value(v) => s.serialize_u8(*v),
            Level::NotApplicable => s.serialize_str("na"),
        }
    }
}

impl<'de> Deserialize<'de> for Level {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Level, D::Error> {
        struct LevelVisitor;
        impl Visitor<'_> for LevelVisitor {
            type Value = Level;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a level number or \"na\"")
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Level, E> {
                u8::try_from(v).map(Level::Value).map_err(|_| E::custom(format!("level {v} is off the scale")))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Level, E> {
                Err(E::custom(format!("level {v} is off the scale")))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Level, E> {
                if v == "na" { Ok(Level::NotApplicable) } else { Err(E::custom("a level is a number or \"na\"")) }
            }
        }
        d.deserialize_any(LevelVisitor)
    }
}

/// One step of a question's scale as the room sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LevelView {
    pub value: u8,
    pub name: String,
    /// One line: what this level means for this question.
    pub description: String,
}

/// The question the facilitator has on the projector.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionView {
    pub id: String,
    pub text: String,
    pub levels: Vec<LevelView>,
    /// Whether "not applicable" may be voted (it is not part of `/state`'s question object).
    #[serde(skip)]
    pub allow_na: bool,
}

/// What the room sees when voting opens.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomView {
    /// Heading of the vote page (e.g. the assessment's name); may be empty.
    pub title: String,
    /// The question shown at once, if the facilitator already has one.
    pub question: Option<QuestionView>,
}

/// What the server tells the wizard, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A name joined for the first time (joining again with the same name sends nothing).
    Joined { participant: String, name: String },
    /// A vote the sink made durable; it is counted from now on.
    Voted { participant: String, name: String, question: String, level: Level },
    /// The sink refused a vote: the phone was answered 503 and nothing was counted.
    NotSaved { participant: String, name: String, question: String, level: Level, error: String },
}

/// Why the sink could not make a vote durable. The text goes to the wizard, never to phones.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct SinkError(pub String);

impl SinkError {
    pub fn new(why: impl fmt::Display) -> SinkError {
        SinkError(why.to_string())
    }
}

/// Where votes become durable: the wizard implements it by writing the vote as that
/// participant's answer (a respondent named after them, with history).
///
/// `record` runs on a blocking thread. It may run concurrently for different participants,
/// never for the same one: one participant's votes arrive in the order they were accepted.
pub trait VoteSink: Send + Sync + 'static {
    /// Return only once the vote is durable; an `Err` refuses the vote (the phone gets 503).
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError>;
}

/// The wizard may keep a handle on its sink.
impl<S: VoteSink + ?Sized> VoteSink for std::sync::Arc<S> {
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError> {
        (**self).record(name, question, level)
    }
}

/// Bounds on what the room may cost the machine. The body limit is fixed by the contract
/// (16 KiB, see [`crate::BODY_LIMIT`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Distinct names that may join; the next one is refused with 403.
    pub max_participants: usize,
    /// Characters in a name, after trimming.
    pub max_name_chars: usize,
    /// Open connections at once; more wait in the listen backlog.
    pub max_connections: usize,
    /// Whole-request bound, body included (408 when it passes).
    pub request_timeout: Duration,
    /// A connection that sends no complete request head for this long is closed (idle ones too).
    pub header_timeout: Duration,
    /// How long `stop` lets in-flight requests finish before cutting them.
    pub shutdown_grace: Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_participants: 250,
            max_name_chars: 40,
            max_connections: 512,
            request_timeout: Duration::from_secs(10),
            header_timeout: Duration::from_secs(10),
            shutdown_grace: Duration::from_secs(3),
        }
    }
}

/// Why voting could not open.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot listen on {addr}: {source}")]
    Bind { addr: std::net::SocketAddr, source: std::io::Error },
    #[error("cannot start the voting server: {0}")]
    Start(std::io::Error),
    #[error("the operating system's random number generator failed: {0}")]
    Random(String),
}
