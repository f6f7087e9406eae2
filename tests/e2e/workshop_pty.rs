//! `aira workshop` in a real pseudo-terminal: phones join and vote over HTTP (a small
//! std TcpStream client), the votes are answers in the workspace, and quitting closes the port.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};

use crate::common::{Pty, run};

/// One HTTP/1.1 request; (status, body).
pub(crate) fn http(addr: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut c = TcpStream::connect(addr).unwrap();
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    c.write_all(req.as_bytes()).unwrap();
    let mut out = String::new();
    c.read_to_string(&mut out).unwrap();
    let status = out.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    (status, out.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned())
}

pub(crate) fn field(json: &str, name: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    v[name].as_str().map(str::to_owned).unwrap_or_else(|| v[name].to_string())
}

/// A new workspace named `name` in `home`, opened with `aira workshop` at 120×40: the pty, the
/// workspace, and the vote URL's address and path as the screen shows them.
pub(crate) fn open_workshop(home: &Path, name: &str) -> (Pty, PathBuf, String, String) {
    let ws = home.join("ws");
    let ws_s = ws.to_str().unwrap();
    let (code, _, err) = run(home, &["init", ws_s, "--name", name]);
    assert_eq!(code, 0, "{err}");
    let p = Pty::spawn(home, &["workshop", "-w", ws_s], 120, 40);
    let screen = p.wait_for("/v/");
    let url = screen.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).unwrap().to_owned();
    let rest = url.trim_start_matches("http://");
    let (addr, path) = rest.split_at(rest.find('/').unwrap());
    (p, ws, addr.to_owned(), path.to_owned())
}

#[test]
fn phones_vote_into_the_workspace_and_quit_closes_the_port() {
    let home = tempfile::tempdir().unwrap();
    let (mut p, ws, addr, path) = open_workshop(home.path(), "Room test");
    let url = format!("http://{addr}{path}");
    let (addr, path, ws_s) = (addr.as_str(), path.as_str(), ws.to_str().unwrap());
    assert!(path.len() >= "/v/".len() + 22, "a token of at least 128 bits: {path}");

    let (status, state) = http(addr, "GET", &format!("{path}/state"), "");
    assert_eq!(status, 200, "{state}");
    let question = field(
        &serde_json::to_string(&serde_json::from_str::<serde_json::Value>(&state).unwrap()["question"]).unwrap(),
        "id",
    );
    let (status, joined) = http(addr, "POST", &format!("{path}/join"), r#"{"name": "Ann Lee"}"#);
    assert_eq!(status, 200, "{joined}");
    let who = field(&joined, "participant");
    let vote = format!(r#"{{"participant": "{who}", "question": "{question}", "level": 3}}"#);
    let (status, body) = http(addr, "POST", &format!("{path}/vote"), &vote);
    assert_eq!(status, 200, "{body}");
    p.wait_until(|s| s.contains("Ann Lee") && s.contains("voted ✓"), "the vote on the projector");
    // A dropped phone rejoins: the same participant.
    let (_, again) = http(addr, "POST", &format!("{path}/join"), r#"{"name": "ann lee"}"#);
    assert_eq!(field(&again, "participant"), who);

    // Durable at the 200 already: read while the wizard still runs.
    let answers = std::fs::read_to_string(ws.join("answers/ann-lee.journal")).unwrap();
    assert!(
        answers.contains(&question) && answers.contains("level = 3") && answers.contains("answered_by = \"Ann Lee\""),
        "{answers}"
    );

    // V closes voting while aira runs on: the port refuses; V again opens it with a new token.
    p.send("V");
    p.wait_for("Voting closed");
    assert!(TcpStream::connect(addr).is_err(), "the port refuses once voting is closed");
    p.send("V");
    let screen = p.wait_for("Voting open");
    let url2 = screen.split_whitespace().find(|w| w.starts_with("http://127.0.0.1:")).unwrap().to_owned();
    assert_ne!(url2, url, "a new link each time voting opens");
    let rest2 = url2.trim_start_matches("http://");
    let (addr, path2) = rest2.split_at(rest2.find('/').unwrap());
    assert_eq!(http(addr, "GET", &format!("{path}/state"), "").0, 404, "the old token is dead");
    assert_eq!(http(addr, "GET", &format!("{path2}/state"), "").0, 200);

    p.send("q");
    assert!(p.wait_exit().success());
    assert!(TcpStream::connect(addr).is_err(), "the port refuses once aira has quit");
    let (code, out, err) = run(home.path(), &["respondent", "list", "-w", ws_s]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Ann Lee"), "{out}");
    let file = std::fs::read_to_string(ws.join("answers/ann-lee.toml")).unwrap();
    assert!(file.contains("answered_by = \"Ann Lee\""), "{file}");
    let history = std::fs::read_to_string(ws.join("history.toml")).unwrap();
    assert!(history.contains("by = \"Ann Lee\""), "{history}");
}
