//! The vote page, built in memory: a join form, then one button per level of the current
//! question. Works as plain HTML forms; the inline script (allowed by hash in a strict
//! Content-Security-Policy) only adds polling and votes without a reload.

use std::fmt::Write as _;
use std::sync::LazyLock;

use axum::http::HeaderValue;
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::Level;
use crate::room::{Participant, Room};

const CSS: &str = include_str!("vote.css");
const JS: &str = include_str!("vote.js");

static CSP: LazyLock<String> = LazyLock::new(|| {
    let hash = |s: &str| base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()));
    format!(
        "default-src 'none'; script-src 'sha256-{}'; style-src 'sha256-{}'; connect-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        hash(JS),
        hash(CSS)
    )
});

/// Only the inline script and style of this page run; nothing is fetched from elsewhere.
pub(crate) fn csp() -> HeaderValue {
    HeaderValue::from_str(&CSP).unwrap_or_else(|_| HeaderValue::from_static("default-src 'none'"))
}

/// Escape for HTML text and double- or single-quoted attributes alike.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Where a participant's page lives (participant ids are URL-safe base64).
pub(crate) fn participant_url(base: &str, participant: &str) -> String {
    let id: String = participant.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    format!("{base}/?p={id}")
}

fn document(title: &str, data: &str, body: &str) -> String {
    let heading = if title.trim().is_empty() { "Workshop vote".to_owned() } else { escape(title) };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>Vote \u{b7} {heading}</title><style>{CSS}</style></head>\n\
         <body><main id=\"room\"{data}><h1>{heading}</h1>\n{body}</main><script>{JS}</script></body></html>\n"
    )
}

fn level_label(room: &Room, level: Level) -> String {
    let named = room.question.as_ref().and_then(|q| match level {
        Level::Value(v) => q.levels.iter().find(|l| l.value == v).map(|l| format!("{v} \u{b7} {}", l.name)),
        Level::NotApplicable => None,
    });
    named.unwrap_or_else(|| if level == Level::NotApplicable { "not applicable".into() } else { level.to_string() })
}

pub(crate) fn render(room: &Room, base: &str, who: Option<&Participant>) -> String {
    let Some(p) = who else {
        let form = format!(
            "<form method=\"post\" action=\"{base}/join\"><label for=\"name\">Your name</label>\
             <input type=\"text\" id=\"name\" name=\"name\" required autocomplete=\"name\" autocapitalize=\"words\">\
             <button class=\"join\" type=\"submit\">Join</button></form>\n"
        );
        return document(&room.title, "", &form);
    };
    let mut body = format!("<p class=\"who\">Voting as <strong>{}</strong></p>\n", escape(&p.name));
    let mut data = format!(" data-base=\"{base}\" data-participant=\"{}\"", escape(&p.id));
    let Some(q) = &room.question else {
        body.push_str("<p class=\"note\" id=\"note\">Waiting for the facilitator to show a question\u{2026}</p>\n");
        let _ = write!(data, " data-question=\"\" data-revealed=\"{}\"", room.revealed);
        return document(&room.title, &data, &body);
    };
    let _ = write!(data, " data-question=\"{}\" data-revealed=\"{}\"", escape(&q.id), room.revealed);
    let mine = room.vote_of(&p.id, &q.id);
    let _ = write!(
        body,
        "<h2 id=\"question\">{}</h2>\n<p class=\"status\">Your vote: <strong id=\"mine\">{}</strong> \u{b7} \
         <span id=\"count\">{}</span> voted</p>\n<p class=\"note\" id=\"note\" role=\"status\" aria-live=\"polite\"></p>\n\
         <form method=\"post\" action=\"{base}/vote\" id=\"vote\">\
         <input type=\"hidden\" name=\"participant\" value=\"{}\"><input type=\"hidden\" name=\"question\" value=\"{}\">\n",
        escape(&q.text),
        mine.map_or_else(|| "none yet".to_owned(), |l| escape(&level_label(room, l))),
        room.vote_count(),
        escape(&p.id),
        escape(&q.id),
    );
    for l in &q.levels {
        let label = escape(&level_label(room, Level::Value(l.value)));
        let _ = writeln!(
            body,
            "<button class=\"level\" name=\"level\" value=\"{v}\" data-label=\"{label}\" aria-pressed=\"{on}\">\
             <span class=\"value\">{v}</span><span class=\"name\">{}</span><span class=\"desc\">{}</span></button>",
            escape(&l.name),
            escape(&l.description),
            v = l.value,
            on = mine == Some(Level::Value(l.value)),
        );
    }
    if q.allow_na {
        let _ = writeln!(
            body,
            "<button class=\"level\" name=\"level\" value=\"na\" data-label=\"not applicable\" aria-pressed=\"{}\">\
             <span class=\"name\">Not applicable</span></button>",
            mine == Some(Level::NotApplicable)
        );
    }
    body.push_str("</form>\n");
    if room.revealed {
        body.push_str("<h2>The room's votes</h2><ul class=\"spread\">\n");
        for (level, n) in room.distribution() {
            let _ = writeln!(body, "<li>{}: <strong>{n}</strong></li>", escape(&level_label(room, level)));
        }
        body.push_str("</ul>\n");
    }
    document(&room.title, &data, &body)
}

pub(crate) fn error_page(status: u16, message: &str, back: &str) -> String {
    let body = format!(
        "<p class=\"error\">{status}: {}</p>\n<p><a href=\"{}\">Back to the vote</a></p>\n",
        escape(message),
        escape(back)
    );
    document("", "", &body)
}
