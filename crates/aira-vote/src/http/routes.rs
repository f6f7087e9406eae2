//! The four routes under `/v/TOKEN` (the token is already checked): the page, join, state
//! and vote, each taking JSON or, for the no-JavaScript page, a form.

use std::sync::Arc;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::header::CONTENT_LENGTH;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use http_body_util::{BodyExt as _, LengthLimitError, Limited};
use serde::Deserialize;
use serde_json::json;

use super::reply::{self, Kind};
use super::{InFlightGuard, Shared};
use crate::room::Refusal;
use crate::{BODY_LIMIT, Event, Level, page, token};

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v/{token}", get(show_page))
        .route("/v/{token}/", get(show_page))
        .route("/v/{token}/join", post(join))
        .route("/v/{token}/state", get(state))
        .route("/v/{token}/vote", post(vote))
        .fallback(|| async { reply::not_found() })
        .with_state(shared)
}

#[derive(Deserialize)]
struct PageQuery {
    p: Option<String>,
}

async fn show_page(State(s): State<Arc<Shared>>, uri: Uri) -> Response {
    let who = uri.query().and_then(|q| serde_urlencoded::from_str::<PageQuery>(q).ok()).and_then(|q| q.p);
    let room = s.room();
    let participant = who.as_deref().and_then(|id| room.participant(id));
    reply::html(StatusCode::OK, page::render(&room, &s.base(), participant))
}

async fn state(State(s): State<Arc<Shared>>) -> Response {
    let body = s.room().state_json();
    reply::json(StatusCode::OK, &body)
}

/// The body, at most [`BODY_LIMIT`] bytes (413 beyond, whether announced or streamed).
async fn read_body(headers: &HeaderMap, body: Body, back: &str) -> Result<Bytes, Response> {
    let kind = Kind::of(headers);
    let too_large = || {
        let message = format!("the request body is over {} KiB", BODY_LIMIT / 1024);
        reply::error(kind, StatusCode::PAYLOAD_TOO_LARGE, &message, back)
    };
    // An announced length over the limit is refused before waiting for a byte of it.
    let announced =
        headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    if announced.is_some_and(|n| n > BODY_LIMIT as u64) {
        return Err(too_large());
    }
    match Limited::new(body, BODY_LIMIT).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => Err(too_large()),
        Err(_) => Err(reply::error(kind, StatusCode::BAD_REQUEST, "the request body could not be read", back)),
    }
}

fn parse<T: serde::de::DeserializeOwned>(kind: Kind, bytes: &[u8]) -> Result<T, Refusal> {
    match kind {
        Kind::Json => serde_json::from_slice(bytes).map_err(|e| Refusal::Bad(format!("bad JSON: {e}"))),
        Kind::Form => serde_urlencoded::from_bytes(bytes).map_err(|e| Refusal::Bad(format!("bad form: {e}"))),
    }
}

#[derive(Deserialize)]
struct JoinBody {
    name: String,
}

async fn join(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let (kind, base) = (Kind::of(&headers), s.base());
    let back = format!("{base}/");
    let bytes = match read_body(&headers, body, &back).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let joined = parse::<JoinBody>(kind, &bytes).and_then(|b| {
        let mut room = s.room();
        let (p, new) = room.join(&b.name, &s.limits, || token::new_participant_id().ok())?;
        if new {
            let _ = s.events.send(Event::Joined { participant: p.id.clone(), name: p.name.clone() });
        }
        Ok(p)
    });
    match joined {
        Err(refusal) => reply::refused(kind, &refusal, &back),
        Ok(p) => match kind {
            Kind::Json => reply::json(StatusCode::OK, &json!({ "participant": p.id })),
            Kind::Form => reply::see_other(&page::participant_url(&base, &p.id)),
        },
    }
}

#[derive(Deserialize)]
struct VoteBody {
    participant: String,
    question: String,
    level: Level,
}

#[derive(Deserialize)]
struct VoteForm {
    participant: String,
    question: String,
    level: String,
}

fn parse_vote(kind: Kind, bytes: &[u8]) -> Result<VoteBody, Refusal> {
    match kind {
        Kind::Json => parse::<VoteBody>(kind, bytes),
        Kind::Form => {
            let f = parse::<VoteForm>(kind, bytes)?;
            let level =
                Level::parse(&f.level).ok_or_else(|| Refusal::Bad(format!("level {:?} is not a level", f.level)))?;
            Ok(VoteBody { participant: f.participant, question: f.question, level })
        }
    }
}

async fn vote(State(s): State<Arc<Shared>>, headers: HeaderMap, body: Body) -> Response {
    let (kind, base) = (Kind::of(&headers), s.base());
    let bytes = match read_body(&headers, body, &format!("{base}/")).await {
        Ok(b) => b,
        Err(res) => return res,
    };
    let vote = match parse_vote(kind, &bytes) {
        Ok(v) => v,
        Err(refusal) => return reply::refused(kind, &refusal, &format!("{base}/")),
    };
    let back = page::participant_url(&base, &vote.participant);
    if let Err(refusal) = s.room().check_vote(&vote.participant, &vote.question, vote.level) {
        return reply::refused(kind, &refusal, &back);
    }
    // Recorded on a task of its own: if the phone goes away or the request times out, the
    // vote still finishes and is counted exactly when the sink made it durable.
    let task = tokio::spawn(record(Arc::clone(&s), vote.participant.clone(), vote.question.clone(), vote.level));
    match task.await {
        Ok(Ok(())) => match kind {
            Kind::Json => reply::json(
                StatusCode::OK,
                &json!({ "participant": vote.participant, "question": vote.question, "level": vote.level }),
            ),
            Kind::Form => reply::see_other(&back),
        },
        Ok(Err(refusal)) => reply::refused(kind, &refusal, &back),
        Err(_) => reply::refused(kind, &Refusal::Unsaved, &back),
    }
}

/// One participant at a time: check again under their turn (the facilitator may have moved
/// on meanwhile), let the sink make it durable off the async threads, then count it.
async fn record(s: Arc<Shared>, participant: String, question: String, level: Level) -> Result<(), Refusal> {
    let _inflight = InFlightGuard::enter(&s);
    let turn = s.room().check_vote(&participant, &question, level)?.turn;
    let _turn = turn.lock_owned().await;
    let name = s.room().check_vote(&participant, &question, level)?.name;
    let (sink, who, what) = (Arc::clone(&s.sink), name.clone(), question.clone());
    let outcome = tokio::task::spawn_blocking(move || sink.record(&who, &what, level)).await;
    let error = match outcome {
        Ok(Ok(())) => {
            let mut room = s.room();
            room.count(&participant, &question, level);
            // Sent under the room lock, so events come in the order votes were counted.
            let _ = s.events.send(Event::Voted { participant, name, question, level });
            return Ok(());
        }
        Ok(Err(e)) => e.0,
        Err(e) => format!("the vote sink failed: {e}"),
    };
    let _ = s.events.send(Event::NotSaved { participant, name, question, level, error });
    Err(Refusal::Unsaved)
}
