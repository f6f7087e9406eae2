//! Shared by the HTTP tests: a sink that remembers (or fails, or is slow), a room of
//! questions, and a small blocking client that never treats a status as an error.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use aira_vote::{Level, LevelView, Limits, QuestionView, RoomView, SinkError, VoteServer, VoteSink};
use serde_json::Value;

pub const LOOPBACK: &str = "127.0.0.1:0";

#[derive(Default)]
pub struct MemSink {
    pub calls: Mutex<Vec<(String, String, Level)>>,
    pub attempts: AtomicUsize,
    pub fail: AtomicBool,
    pub delay_ms: AtomicUsize,
}

impl VoteSink for MemSink {
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError> {
        self.attempts.fetch_add(1, Ordering::SeqCst);
        let delay = self.delay_ms.load(Ordering::SeqCst);
        if delay > 0 {
            std::thread::sleep(Duration::from_millis(delay as u64));
        }
        if self.fail.load(Ordering::SeqCst) {
            return Err(SinkError::new("disk full at /home/consultant/acme/answers.toml"));
        }
        self.calls.lock().unwrap().push((name.into(), question.into(), level));
        Ok(())
    }
}

impl MemSink {
    pub fn calls(&self) -> Vec<(String, String, Level)> {
        self.calls.lock().unwrap().clone()
    }
    pub fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

pub fn question(id: &str, allow_na: bool) -> QuestionView {
    let names = ["Absent", "Ad hoc", "Defined", "Managed", "Optimised"];
    let levels = names
        .iter()
        .enumerate()
        .map(|(v, n)| LevelView {
            value: v as u8,
            name: n.to_string(),
            description: format!("{n}: what that means here"),
        })
        .collect();
    QuestionView { id: id.into(), text: format!("How mature is {id}?"), levels, allow_na }
}

pub fn start(limits: Limits) -> (VoteServer, Arc<MemSink>) {
    let sink = Arc::new(MemSink::default());
    let room = RoomView { title: "Acme <AI> readiness".into(), question: Some(question("GV-1", true)) };
    let addr: SocketAddr = LOOPBACK.parse().unwrap();
    let server = VoteServer::start_with(addr, room, Arc::clone(&sink), limits).unwrap();
    (server, sink)
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_global(Some(Duration::from_secs(20)))
        .build()
        .into()
}

pub struct Reply {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

fn reply(res: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut res = res.unwrap();
    let headers = res.headers().iter().map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string())).collect();
    let status = res.status().as_u16();
    let body = res.body_mut().read_to_string().unwrap_or_default();
    Reply { status, body, headers }
}

pub fn get(agent: &ureq::Agent, url: &str) -> Reply {
    reply(agent.get(url).call())
}

pub fn post(agent: &ureq::Agent, url: &str, content_type: &str, body: &str) -> Reply {
    reply(agent.post(url).header("Content-Type", content_type).send(body))
}

pub fn post_json(agent: &ureq::Agent, url: &str, body: &Value) -> Reply {
    post(agent, url, "application/json", &body.to_string())
}

/// Join and return the participant id.
pub fn join(agent: &ureq::Agent, url: &str, name: &str) -> String {
    let r = post_json(agent, &format!("{url}/join"), &serde_json::json!({ "name": name }));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()["participant"].as_str().unwrap().to_owned()
}

pub fn vote(agent: &ureq::Agent, url: &str, participant: &str, question: &str, level: Value) -> Reply {
    post_json(
        agent,
        &format!("{url}/vote"),
        &serde_json::json!({ "participant": participant, "question": question, "level": level }),
    )
}

/// A sink as durable as the wizard's: one line per vote appended to a file and fsynced
/// before `record` returns.
pub struct FileSink {
    file: Mutex<std::fs::File>,
    pub path: std::path::PathBuf,
}

impl FileSink {
    pub fn create(path: std::path::PathBuf) -> FileSink {
        let file = std::fs::OpenOptions::new().create(true).append(true).open(&path).unwrap();
        FileSink { file: Mutex::new(file), path }
    }

    /// Every line written, as (name, question, level).
    pub fn lines(&self) -> Vec<(String, String, String)> {
        std::fs::read_to_string(&self.path)
            .unwrap()
            .lines()
            .map(|l| {
                let mut f = l.split('\t').map(str::to_owned);
                (f.next().unwrap(), f.next().unwrap(), f.next().unwrap())
            })
            .collect()
    }
}

impl VoteSink for FileSink {
    fn record(&self, name: &str, question: &str, level: Level) -> Result<(), SinkError> {
        use std::io::Write as _;
        let mut file = self.file.lock().map_err(|_| SinkError::new("poisoned"))?;
        file.write_all(format!("{name}\t{question}\t{level}\n").as_bytes()).map_err(SinkError::new)?;
        file.sync_data().map_err(SinkError::new)
    }
}

pub fn start_file_sink(dir: &std::path::Path, limits: Limits) -> (VoteServer, Arc<FileSink>) {
    let sink = Arc::new(FileSink::create(dir.join("votes.tsv")));
    let addr: SocketAddr = LOOPBACK.parse().unwrap();
    let server = VoteServer::start_with(addr, RoomView::default(), Arc::clone(&sink), limits).unwrap();
    (server, sink)
}

/// Poll /state until the room shows `question` (bounded: ten seconds).
pub fn wait_for_question(agent: &ureq::Agent, url: &str, question: &str) -> bool {
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        let s = get(agent, &format!("{url}/state"));
        if s.status == 200 && s.json()["question"]["id"] == question {
            return true;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    false
}
