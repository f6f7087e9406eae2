//! Live workshop voting from phones: a small HTTP server on its own thread that the aira
//! wizard drives (current question, reveal) and that hands every vote to a [`VoteSink`]
//! before it answers the phone. The HTTP contract is in docs/workshop.md.
#![forbid(unsafe_code)]

mod http;
mod model;
mod page;
mod qr;
mod room;
mod token;

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, TcpListener, UdpSocket};
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, MutexGuard, PoisonError};
use std::thread::JoinHandle;

pub use model::{Error, Event, Level, LevelView, Limits, QuestionView, RoomView, SinkError, VoteSink};
pub use qr::{QrError, qr_lines};

/// Request bodies larger than this are refused with 413 (the contract's 16 KiB).
pub const BODY_LIMIT: usize = 16 * 1024;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A durable vote on one question, as [`VoteServer::votes_on`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Vote {
    pub participant: String,
    pub name: String,
    pub level: Level,
}

/// An open vote: serving until [`VoteServer::stop`] or drop, which closes the port, so the
/// token is dead from then on.
pub struct VoteServer {
    url: String,
    addr: SocketAddr,
    shared: Arc<http::Shared>,
    events: Receiver<Event>,
    stop: Option<tokio::sync::watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

impl VoteServer {
    /// Listen on `listen` (the wizard's default is `127.0.0.1:0`) with the default [`Limits`].
    pub fn start(listen: SocketAddr, room: RoomView, sink: impl VoteSink) -> Result<VoteServer> {
        VoteServer::start_with(listen, room, sink, Limits::default())
    }

    /// As [`VoteServer::start`], with explicit limits.
    pub fn start_with(listen: SocketAddr, room: RoomView, sink: impl VoteSink, limits: Limits) -> Result<VoteServer> {
        // Bound here, not on the server thread, so a taken port is the caller's error at once.
        let listener = TcpListener::bind(listen).map_err(|source| Error::Bind { addr: listen, source })?;
        listener.set_nonblocking(true).map_err(Error::Start)?;
        let addr = listener.local_addr().map_err(Error::Start)?;
        let token = token::new_token()?;
        let url = format!("http://{}/v/{token}", SocketAddr::new(reachable_ip(addr.ip()), addr.port()));
        let (tell, events) = channel();
        let shared = Arc::new(http::Shared::new(token, room::Room::new(room), Arc::new(sink), tell, limits));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .max_blocking_threads(16)
            .thread_name("aira-vote")
            .on_thread_start(yield_to_the_facilitator)
            .enable_all()
            .build()
            .map_err(Error::Start)?;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name("aira-vote".into())
            .spawn(move || {
                yield_to_the_facilitator();
                runtime.block_on(http::serve(listener, serving, stopped));
                // Dropping the runtime waits for records still running on blocking threads, so
                // once `stop` returns the sink is never called again.
                drop(runtime);
            })
            .map_err(Error::Start)?;
        Ok(VoteServer { url, addr, shared, events, stop: Some(stop), thread: Some(thread) })
    }

    /// `http://HOST:PORT/v/TOKEN`: what the room opens (and the QR code shows).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The address actually bound (the port chosen when `:0` was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Everything that happened in the room, in order; poll it with `try_recv`.
    pub fn events(&self) -> &Receiver<Event> {
        &self.events
    }

    /// Move the room to this question. A different question starts unrevealed.
    pub fn set_question(&self, question: QuestionView) {
        self.room().set_question(question);
    }

    /// Show (or hide again) the spread of the current question's votes.
    pub fn reveal(&self, revealed: bool) {
        self.room().revealed = revealed;
    }

    /// Durable votes on a question, in joining order (for a wizard catching up, e.g. after
    /// moving back to a question).
    pub fn votes_on(&self, question: &str) -> Vec<Vote> {
        let room = self.room();
        room.votes_on(question)
            .into_iter()
            .map(|(participant, name, level)| Vote { participant, name, level })
            .collect()
    }

    /// Stop serving: the port closes (later requests are refused), requests in flight get
    /// `Limits::shutdown_grace` to finish, and records already running complete first.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread has been reported by the hook; nothing is left to do.
            let _ = thread.join();
        }
    }

    fn room(&self) -> MutexGuard<'_, room::Room> {
        self.shared.room.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl Drop for VoteServer {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// The address phones should use: the bound one, or for a wildcard (`0.0.0.0`, `::`) the
/// address of the interface that routes outward. A UDP `connect` only picks the route; no
/// packet is sent. Without any route, loopback (the wizard should then say so).
fn reachable_ip(bound: IpAddr) -> IpAddr {
    if !bound.is_unspecified() {
        return bound;
    }
    let (any, probe): (SocketAddr, SocketAddr) = match bound {
        IpAddr::V4(_) => ((Ipv4Addr::UNSPECIFIED, 0).into(), (Ipv4Addr::new(192, 0, 2, 1), 9).into()),
        IpAddr::V6(_) => {
            ((Ipv6Addr::UNSPECIFIED, 0).into(), (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 9).into())
        }
    };
    UdpSocket::bind(any)
        .and_then(|s| s.connect(probe).and_then(|()| s.local_addr()))
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(match bound {
            IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
        })
}

/// How much nicer than the process that started it the room's threads run.
#[cfg(target_os = "linux")]
const ROOM_NICE: i32 = 5;

/// Lower the calling thread's priority (on Linux the nice value is per thread): 40 phones
/// voting back to back keep the server's threads busy, and on a 2-core laptop the wizard's
/// keys and frames must get the CPU first (issue 21: keypress → frame p99 ≤ 4 ms while votes
/// arrive). Votes still answer well inside their 100 ms goal. Raising one's own nice value
/// needs no privilege; if it fails the room runs at normal priority, which is only slower.
fn yield_to_the_facilitator() {
    #[cfg(target_os = "linux")]
    if let Ok(now) = rustix::process::getpriority_process(None) {
        let _ = rustix::process::setpriority_process(None, (now + ROOM_NICE).min(19));
    }
}
