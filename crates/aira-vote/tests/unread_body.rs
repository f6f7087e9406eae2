//! Answers given before a request's body was read to its end (413, 408, a wrong token's 404)
//! say `Connection: close`: the server will not read the rest, so the connection cannot carry
//! another request, and a client that pooled it would fail its next request with "peer
//! disconnected" (CI saw exactly that). And the refusal itself arrives whole, not as a reset.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use aira_vote::{BODY_LIMIT, VoteServer};
use common::*;

fn path_of(url: &str) -> String {
    format!("/v/{}", url.split_once("/v/").unwrap().1)
}

fn connect(server: &VoteServer) -> TcpStream {
    let s = TcpStream::connect(server.local_addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Everything the server sends until it closes (the error, if the connection was reset).
fn read_to_close(s: &mut TcpStream) -> (String, Option<std::io::Error>) {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&out).into_owned(), None),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) => return (String::from_utf8_lossy(&out).into_owned(), Some(e)),
        }
    }
}

fn head(path: &str, route: &str, length: usize) -> String {
    format!(
        "POST {path}/{route} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    )
}

#[test]
fn a_413_while_the_body_is_still_arriving_says_the_connection_closes() {
    let (server, sink) = start(Default::default());
    let path = path_of(server.url());
    let mut s = connect(&server);
    // The head and the first bytes only: the rest of the body is "still on the air".
    s.write_all(head(&path, "vote", BODY_LIMIT + 1000).as_bytes()).unwrap();
    s.write_all(&[b'x'; 1000]).unwrap();
    let (reply, _) = read_to_close(&mut s);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    let head = reply.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(head.contains("\r\nconnection: close"), "a client must not reuse this connection: {head}");
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn a_wrong_token_while_the_body_is_still_arriving_is_404_and_closes() {
    let (server, sink) = start(Default::default());
    let mut s = connect(&server);
    s.write_all(head("/v/not-the-token", "vote", 500).as_bytes()).unwrap();
    s.write_all(&[b'x'; 100]).unwrap();
    let (reply, _) = read_to_close(&mut s);
    assert!(reply.starts_with("HTTP/1.1 404"), "{reply}");
    let head = reply.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
    assert!(head.contains("\r\nconnection: close"), "{head}");
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn a_request_read_to_its_end_keeps_the_connection() {
    let (server, _sink) = start(Default::default());
    let path = path_of(server.url());
    let mut s = connect(&server);
    let body = "{\"name\":\"Ada\"}";
    s.write_all(format!("{}{body}", head(&path, "join", body.len())).as_bytes()).unwrap();
    s.write_all(format!("GET {path}/state HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
    let (replies, error) = read_to_close(&mut s);
    assert!(error.is_none(), "{error:?}");
    assert!(replies.starts_with("HTTP/1.1 200"), "{replies}");
    assert_eq!(replies.matches("HTTP/1.1 200").count(), 2, "both answered on one connection: {replies}");
}

#[test]
fn a_413_for_a_body_sent_whole_arrives_whole_and_not_as_a_reset() {
    let (server, sink) = start(Default::default());
    let path = path_of(server.url());
    for (route, length) in [("vote", BODY_LIMIT + 1), ("join", 300 * 1024), ("vote", 2 * 1024 * 1024)] {
        let mut s = connect(&server);
        let mut request = head(&path, route, length).into_bytes();
        request.resize(request.len() + length, b'x');
        // Written from another thread: the server may answer before it has all of it.
        let mut writer = s.try_clone().unwrap();
        let sending = std::thread::spawn(move || writer.write_all(&request).is_ok());
        let (reply, error) = read_to_close(&mut s);
        assert!(reply.starts_with("HTTP/1.1 413"), "{route} with {length} bytes: {reply:?} {error:?}");
        assert!(reply.ends_with("KiB\"}"), "the whole refusal: {reply:?}");
        assert!(error.is_none(), "{route} with {length} bytes: closed with {error:?} rather than cleanly");
        let _ = sending.join();
    }
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn after_a_413_the_same_client_goes_on_voting() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    let pad = "x".repeat(BODY_LIMIT);
    for round in 0..20 {
        let big = serde_json::json!({ "participant": ada, "question": "GV-1", "level": 1, "pad": pad });
        assert_eq!(post_json(&a, &format!("{url}/vote"), &big).status, 413, "round {round}");
        let vote = serde_json::json!({ "participant": ada, "question": "GV-1", "level": 2 });
        assert_eq!(post_json(&a, &format!("{url}/vote"), &vote).status, 200, "round {round}");
    }
    assert_eq!(sink.calls().len(), 20);
}
