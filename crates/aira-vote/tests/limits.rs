//! Limits and lifecycle through raw sockets: streamed bodies, slow clients, the connection
//! cap, a phone that hangs up mid-vote, and stop (the port closes, the token dies).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use aira_vote::{Limits, VoteServer};
use common::*;
use serde_json::json;

fn path_of(url: &str) -> String {
    format!("/v/{}", url.split_once("/v/").unwrap().1)
}

fn connect(server: &VoteServer) -> TcpStream {
    let s = TcpStream::connect(server.local_addr()).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s
}

/// Everything the server sends until it closes or goes quiet for the read timeout.
fn read_all(s: &mut TcpStream) -> String {
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match s.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => out.extend_from_slice(&buf[..n]),
        }
        if out.windows(4).any(|w| w == b"\r\n\r\n") && out.ends_with(b"}") {
            break;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Wait (bounded) until `done` holds.
fn eventually(what: &str, done: impl Fn() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(10), "never happened: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_streamed_body_over_the_limit_is_413_and_so_is_an_announced_one() {
    let (server, sink) = start(Default::default());
    let id = join(&agent(), server.url(), "Ada");
    let path = path_of(server.url());
    let mut s = connect(&server);
    write!(
        s,
        "POST {path}/vote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = format!("{{\"participant\":\"{id}\",\"question\":\"GV-1\",\"level\":1,\"pad\":\"{}", "x".repeat(4000));
    for _ in 0..5 {
        let _ = write!(s, "{:x}\r\n{chunk}\r\n", chunk.len());
    }
    let reply = read_all(&mut s);
    assert!(reply.starts_with("HTTP/1.1 413"), "{reply}");
    let mut s = connect(&server);
    write!(
        s,
        "POST {path}/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 999999\r\n\r\n{{"
    )
    .unwrap();
    let reply = read_all(&mut s);
    assert!(reply.starts_with("HTTP/1.1 413"), "refused before the body arrives: {reply}");
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn a_request_whose_body_never_finishes_times_out_with_408() {
    let (server, sink) = start(Limits { request_timeout: Duration::from_millis(300), ..Default::default() });
    let path = path_of(server.url());
    let mut s = connect(&server);
    write!(s, "POST {path}/join HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"name\"").unwrap();
    let reply = read_all(&mut s);
    assert!(reply.starts_with("HTTP/1.1 408"), "{reply}");
    assert_eq!(server.events().try_iter().count(), 0, "nobody joined");
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn a_connection_that_never_sends_a_whole_request_head_is_closed() {
    let (server, _sink) = start(Limits { header_timeout: Duration::from_millis(300), ..Default::default() });
    let mut s = connect(&server);
    write!(s, "GET {}/state HTTP/1.1\r\nHost:", path_of(server.url())).unwrap();
    let mut buf = [0u8; 64];
    match s.read(&mut buf) {
        Ok(n) => assert!(n == 0 || buf.starts_with(b"HTTP/1.1 408"), "{:?}", String::from_utf8_lossy(&buf[..n])),
        Err(e) => assert_ne!(e.kind(), std::io::ErrorKind::WouldBlock, "still open after 10 s"),
    }
    // An idle keep-alive connection is closed the same way.
    let mut s = connect(&server);
    write!(s, "GET {}/state HTTP/1.1\r\nHost: x\r\n\r\n", path_of(server.url())).unwrap();
    let first = read_all(&mut s);
    assert!(first.starts_with("HTTP/1.1 200"), "{first}");
    assert!(matches!(s.read(&mut buf), Ok(0) | Err(_)), "idle connection left open");
}

#[test]
fn connections_over_the_cap_wait_until_one_closes() {
    let limits = Limits { max_connections: 1, header_timeout: Duration::from_secs(60), ..Default::default() };
    let (server, _sink) = start(limits);
    let hog = connect(&server);
    let url = format!("{}/state", server.url());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(get(&agent(), &url).status);
    });
    assert!(rx.recv_timeout(Duration::from_millis(500)).is_err(), "served beyond the cap");
    hog.shutdown(Shutdown::Both).unwrap();
    drop(hog);
    assert_eq!(rx.recv_timeout(Duration::from_secs(10)), Ok(200));
}

#[test]
fn a_phone_hanging_up_mid_vote_still_gets_its_durable_vote_counted() {
    let (server, sink) = start(Default::default());
    sink.delay_ms.store(300, Ordering::SeqCst);
    let id = join(&agent(), server.url(), "Ada");
    let mut s = connect(&server);
    let body = json!({ "participant": id, "question": "GV-1", "level": 4 }).to_string();
    write!(
        s,
        "POST {}/vote HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        path_of(server.url()),
        body.len()
    )
    .unwrap();
    eventually("the sink was called", || sink.attempts() == 1);
    drop(s);
    eventually("the vote was counted", || server.votes_on("GV-1").len() == 1);
    assert_eq!(sink.calls().len(), 1);
}

#[test]
fn stop_closes_the_port_after_letting_a_vote_in_flight_finish() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let id = join(&a, &url, "Ada");
    sink.delay_ms.store(400, Ordering::SeqCst);
    let voting = {
        let url = url.clone();
        std::thread::spawn(move || vote(&agent(), &url, &id, "GV-1", json!(1)).status)
    };
    eventually("the vote reached the sink", || sink.attempts() == 1);
    server.stop();
    assert_eq!(sink.calls().len(), 1, "stop returned before the record did");
    assert_eq!(voting.join().unwrap(), 200, "the vote in flight was answered");
    let err = agent().get(&format!("{url}/state")).call();
    assert!(err.is_err(), "still served after stop: {:?}", err.map(|r| r.status()));
}

#[test]
fn voting_again_on_the_same_port_has_a_new_token_and_the_old_one_is_404() {
    let (first, sink) = start(Default::default());
    let (old_url, addr) = (first.url().to_owned(), first.local_addr());
    drop(first);
    assert!(agent().get(&old_url).call().is_err(), "dropped, yet still served");
    let again = VoteServer::start(addr, Default::default(), sink).unwrap();
    assert_eq!(again.local_addr(), addr);
    assert_ne!(again.url(), old_url);
    assert_eq!(get(&agent(), &old_url).status, 404);
    assert_eq!(get(&agent(), again.url()).status, 200);
}

#[test]
fn a_taken_port_is_a_clear_error() {
    let (first, sink) = start(Default::default());
    let err = VoteServer::start(first.local_addr(), Default::default(), sink).err().unwrap();
    assert!(err.to_string().starts_with(&format!("cannot listen on {}", first.local_addr())), "{err}");
}
