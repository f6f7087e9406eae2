//! The wizard's side of live voting: the vote server while voting is open, and the sink that
//! turns a phone's vote into a request for the wizard's loop. The loop applies it to the state
//! like a key (`update::votes`) and hands it to the one saver, which answers the waiting phone
//! once the vote is durable: no second writer, no lock taken behind the saver's back.

use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, SyncSender, channel, sync_channel};

use aira_vote::{Level, LevelView, QuestionView, RoomView, SinkError, VoteServer, VoteSink};

use super::state::AppState;

/// A phone's vote waiting for the wizard: `done` is answered once it is durable (or not).
pub struct Request {
    pub name: String,
    pub question: String,
    pub level: Level,
    pub done: SyncSender<Result<(), String>>,
}

/// Runs on the server's blocking threads: one request to the wizard, then wait for the saver.
struct Sink(Mutex<Sender<Request>>);

impl VoteSink for Sink {
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError> {
        let (done, answer) = sync_channel(1);
        let req = Request { name: name.to_owned(), question: question.to_owned(), level, done };
        let sent = self.0.lock().map_err(|_| SinkError::new("the wizard stopped"))?.send(req);
        sent.map_err(|_| SinkError::new("voting is closing"))?;
        // A dropped `done` (voting closed, the wizard quit before saving it) is a refusal.
        answer.recv().map_err(|_| SinkError::new("voting closed before the vote was saved"))?.map_err(SinkError)
    }
}

/// Open voting: the server, and where its votes arrive for the loop.
pub struct Voting {
    server: VoteServer,
    pub requests: Receiver<Request>,
}

impl Voting {
    pub fn open(listen: SocketAddr, room: RoomView) -> Result<Voting, aira_vote::Error> {
        let (tx, requests) = channel();
        let server = VoteServer::start(listen, room, Sink(Mutex::new(tx)))?;
        Ok(Voting { server, requests })
    }

    pub fn server(&self) -> &VoteServer {
        &self.server
    }

    /// Close the port. Requests not yet taken are dropped first, so a phone waiting on one is
    /// refused instead of the stop waiting for it forever; saves already with the saver finish.
    pub fn close(self) {
        let Voting { server, requests } = self;
        drop(requests);
        server.stop();
    }
}

/// The vote page's view of question `i`: its text and the scale's levels with their lines.
pub fn question_view(s: &AppState, i: usize) -> Option<QuestionView> {
    let q = s.session.question(i)?;
    let sc = &s.session.questionnaire().scale;
    let levels = (sc.min..=sc.max)
        .map(|v| {
            let (name, description) =
                sc.level(v).map_or_else(|| (sc.name(v), String::new()), |l| (l.name.clone(), l.description.clone()));
            LevelView { value: v, name, description }
        })
        .collect();
    Some(QuestionView { id: q.id.clone(), text: q.text.clone(), levels, allow_na: true })
}

/// What the room sees when voting opens: the workspace's name and the card's question.
pub fn room_view(s: &AppState) -> RoomView {
    RoomView { title: s.session.meta().name.clone(), question: question_view(s, s.ui.cursor()) }
}
