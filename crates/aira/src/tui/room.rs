//! What the wizard knows of the workshop room while voting is open: the link, who joined,
//! each durable vote, whether the votes are revealed. Filled from the vote server's events
//! (`update::room_event`); nothing here is saved (votes are saved as answers).

use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};

use aira_store::workspace::Change;
use aira_vote::Level;

/// The LAN address the confirm prompt offers (a fixed port lets a firewall be opened once).
pub const LAN_LISTEN: SocketAddr = SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::UNSPECIFIED), 8642);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoomVote {
    pub participant: String,
    pub name: String,
    pub question: String,
    pub level: Level,
}

/// One question's votes: in voting order, and where each participant's is.
#[derive(Debug, Default)]
struct Votes {
    order: Vec<RoomVote>,
    at: HashMap<String, usize>,
}

#[derive(Debug)]
pub struct Room {
    /// Where `V` opens voting: `--listen`, else loopback with a port the system picks.
    pub listen: SocketAddr,
    /// `Some` while voting is open: `http://HOST:PORT/v/TOKEN`.
    url: Option<String>,
    /// The link's QR code as text rows, made once when voting opens (encoding it for every
    /// frame was most of a frame's time).
    qr: Vec<String>,
    /// Participants in joining order: (id, name).
    joined: Vec<(String, String)>,
    /// The latest durable vote of each participant, per question: a vote touches only its
    /// own question's votes, however many the room has cast.
    votes: HashMap<String, Votes>,
    revealed: bool,
    /// The question the vote page shows (its id), as last sent to the server.
    shown: Option<String>,
    /// The network prompt is up: the next `L` opens voting on the LAN.
    pub asking_lan: bool,
    /// Votes handed to the saver and not yet reported (by respondent id): undone in memory if
    /// the save fails, so the screen never shows a vote the disk does not have.
    pub in_flight: Vec<(String, Change)>,
}

impl Default for Room {
    fn default() -> Room {
        Room {
            listen: SocketAddr::new(std::net::IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            url: None,
            qr: Vec::new(),
            joined: Vec::new(),
            votes: HashMap::new(),
            revealed: false,
            shown: None,
            asking_lan: false,
            in_flight: Vec::new(),
        }
    }
}

impl Room {
    pub fn is_open(&self) -> bool {
        self.url.is_some()
    }

    pub fn url(&self) -> Option<&str> {
        self.url.as_deref()
    }

    /// Voting opened with a new link: who joined under the old one starts over (their
    /// votes are answers already; the room's tally is per opening).
    pub fn opened(&mut self, url: String) {
        let qr = aira_vote::qr_lines(&url).unwrap_or_default();
        *self = Room { listen: self.listen, url: Some(url), qr, ..Room::default() };
    }

    /// The link's QR code (empty when closed, or when the link is too long for one).
    pub fn qr(&self) -> &[String] {
        if self.url.is_some() { &self.qr } else { &[] }
    }

    pub fn closed(&mut self) {
        self.url = None;
        self.revealed = false;
        self.shown = None;
        self.asking_lan = false;
    }

    pub fn joined(&self) -> &[(String, String)] {
        &self.joined
    }

    pub fn join(&mut self, participant: String, name: String) {
        if !self.joined.iter().any(|(id, _)| *id == participant) {
            self.joined.push((participant, name));
        }
    }

    /// A durable vote: it replaces the participant's earlier one on that question.
    pub fn vote(&mut self, v: RoomVote) {
        self.join(v.participant.clone(), v.name.clone());
        let on = self.votes.entry(v.question.clone()).or_default();
        match on.at.get(&v.participant) {
            Some(&i) => on.order[i] = v,
            None => {
                on.at.insert(v.participant.clone(), on.order.len());
                on.order.push(v);
            }
        }
    }

    /// This participant's vote on `question`, if they cast one.
    pub fn vote_of(&self, participant: &str, question: &str) -> Option<Level> {
        let on = self.votes.get(question)?;
        on.at.get(participant).map(|&i| on.order[i].level)
    }

    /// The votes on `question`, in voting order.
    pub fn votes_on<'a>(&'a self, question: &'a str) -> impl Iterator<Item = &'a RoomVote> + 'a {
        self.votes.get(question).into_iter().flat_map(|on| on.order.iter())
    }

    pub fn revealed(&self) -> bool {
        self.revealed
    }

    pub fn set_revealed(&mut self, on: bool) {
        self.revealed = on;
    }

    pub fn shown(&self) -> Option<&str> {
        self.shown.as_deref()
    }

    /// The page now shows `question`; a different question starts unrevealed (as the server's).
    pub fn show(&mut self, question: String) {
        if self.shown.as_deref() != Some(question.as_str()) {
            self.revealed = false;
        }
        self.shown = Some(question);
    }
}
