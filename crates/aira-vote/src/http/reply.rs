//! Building answers: JSON for JSON clients, a small HTML page or a redirect for forms, and
//! the headers every answer carries.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::page;
use crate::room::Refusal;

/// How the request came, hence how to answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Json,
    Form,
}

impl Kind {
    pub fn of(headers: &HeaderMap) -> Kind {
        let form = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded"));
        if form { Kind::Form } else { Kind::Json }
    }
}

pub(crate) fn json(status: StatusCode, body: &Value) -> Response {
    let mut res = (status, body.to_string()).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    res
}

pub(crate) fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    res.headers_mut().insert(header::CONTENT_SECURITY_POLICY, page::csp());
    res
}

/// After a form POST: back to the page (303, so a reload does not post again).
pub(crate) fn see_other(location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(to) => {
            let mut res = StatusCode::SEE_OTHER.into_response();
            res.headers_mut().insert(header::LOCATION, to);
            res
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub(crate) fn error(kind: Kind, status: StatusCode, message: &str, back: &str) -> Response {
    match kind {
        Kind::Json => json(status, &json!({ "error": message })),
        Kind::Form => html(status, page::error_page(status.as_u16(), message, back)),
    }
}

pub(crate) fn refused(kind: Kind, refusal: &Refusal, back: &str) -> Response {
    let (status, message) = match refusal {
        Refusal::Bad(m) => (StatusCode::BAD_REQUEST, m.as_str()),
        Refusal::Conflict(m) => (StatusCode::CONFLICT, m.as_str()),
        Refusal::Full(m) => (StatusCode::FORBIDDEN, m.as_str()),
        Refusal::Unsaved => {
            (StatusCode::SERVICE_UNAVAILABLE, "the vote could not be saved; nothing was counted, please vote again")
        }
    };
    error(kind, status, message, back)
}

/// Wrong token or unknown path: the same plain 404 whatever was asked, so nothing is learnt.
pub(crate) fn not_found() -> Response {
    json(StatusCode::NOT_FOUND, &json!({ "error": "not found" }))
}

pub(crate) fn timed_out() -> Response {
    json(StatusCode::REQUEST_TIMEOUT, &json!({ "error": "the request took too long" }))
}

/// For an answer given before the request's body was read to its end (see `body_end`).
pub(crate) fn closing(mut res: Response) -> Response {
    res.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    res
}

/// Nothing is cached (the URL carries the token), sniffed, framed or referred.
pub(crate) fn harden(headers: &mut HeaderMap) {
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
}
