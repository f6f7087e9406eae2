//! The server loop: accepts connections under a cap, serves HTTP/1.1 with timeouts, checks
//! the token before any routing (a wrong token is 404 whatever the method), and drains
//! gracefully on stop.

mod body_end;
mod reply;
mod routes;

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Body;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::sync::{Notify, Semaphore, watch};
use tokio::task::JoinSet;
use tower::ServiceExt as _;

use crate::room::Room;
use crate::{Event, Limits, VoteSink};

/// Everything the handlers share with the wizard's handle.
pub(crate) struct Shared {
    pub token: String,
    pub room: Mutex<Room>,
    pub sink: Arc<dyn VoteSink>,
    pub events: Sender<Event>,
    pub limits: Limits,
    /// Votes between "accepted" and "counted", which stop waits for.
    inflight: InFlight,
}

impl Shared {
    pub fn new(token: String, room: Room, sink: Arc<dyn VoteSink>, events: Sender<Event>, limits: Limits) -> Shared {
        Shared { token, room: Mutex::new(room), sink, events, limits, inflight: InFlight::default() }
    }

    pub fn room(&self) -> MutexGuard<'_, Room> {
        self.room.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn base(&self) -> String {
        format!("/v/{}", self.token)
    }
}

#[derive(Default)]
struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

/// Held by a vote from acceptance to counting; a vote outlives its request if the phone
/// disconnects, so the count never disagrees with what the sink wrote.
pub(crate) struct InFlightGuard(Arc<Shared>);

impl InFlightGuard {
    pub fn enter(shared: &Arc<Shared>) -> InFlightGuard {
        shared.inflight.count.fetch_add(1, Ordering::SeqCst);
        InFlightGuard(Arc::clone(shared))
    }
}

impl Drop for InFlightGuard {
    fn drop(&mut self) {
        if self.0.inflight.count.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.0.inflight.idle.notify_waiters();
        }
    }
}

async fn votes_settled(shared: &Shared) {
    loop {
        let idle = shared.inflight.idle.notified();
        if shared.inflight.count.load(Ordering::SeqCst) == 0 {
            return;
        }
        idle.await;
    }
}

pub(crate) async fn serve(listener: std::net::TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
    let app = routes::router(Arc::clone(&shared));
    let slots = Arc::new(Semaphore::new(shared.limits.max_connections.max(1)));
    let (drain, draining) = watch::channel(false);
    let mut conns = JoinSet::new();
    loop {
        // Over the cap, wait for a slot before accepting: extra phones queue in the backlog.
        let slot = tokio::select! {
            slot = Arc::clone(&slots).acquire_owned() => slot,
            _ = stop.changed() => break,
        };
        let Ok(slot) = slot else { break };
        let stream = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stop.changed() => break,
        };
        let stream = match stream {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: transient; do not spin.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let (shared, app, mut draining) = (Arc::clone(&shared), app.clone(), draining.clone());
        let header_timeout = shared.limits.header_timeout;
        conns.spawn(async move {
            let _slot = slot;
            let service = hyper::service::service_fn(move |req| handle(Arc::clone(&shared), app.clone(), req));
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new()).header_read_timeout(header_timeout).max_buf_size(64 * 1024);
            let conn = http.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(conn);
            tokio::select! {
                _ = conn.as_mut() => {}
                _ = draining.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
        while conns.try_join_next().is_some() {}
    }
    // Closing the listener is what kills the token: from here connections are refused.
    drop(listener);
    let _ = drain.send(true);
    let grace = shared.limits.shutdown_grace;
    let _ = tokio::time::timeout(grace, async {
        while conns.join_next().await.is_some() {}
        votes_settled(&shared).await;
    })
    .await;
    conns.abort_all();
}

/// Token first, then the router under the request timeout; common headers on every answer.
async fn handle(shared: Arc<Shared>, app: axum::Router, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    let (parts, body) = req.into_parts();
    let (body, ended) = body_end::watch(body);
    let req = Request::from_parts(parts, Body::new(body));
    let mut res = if !crate::token::path_has_token(req.uri().path(), &shared.token) {
        reply::not_found()
    } else {
        match tokio::time::timeout(shared.limits.request_timeout, app.oneshot(req)).await {
            Ok(Ok(res)) => res,
            Ok(Err(never)) => match never {},
            Err(_) => reply::timed_out(),
        }
    };
    if !ended.yes() {
        res = reply::closing(res);
    }
    reply::harden(res.headers_mut());
    Ok(res)
}
