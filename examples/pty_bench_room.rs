//! `pty_bench --workshop PHONES`: the keypress → frame run with `aira workshop` and phones
//! voting meanwhile. Each phone is a thread with a small std TcpStream HTTP client that joins,
//! then votes on the current question as fast as the server answers (reading `/state` first,
//! so j/k moving the room gives few 409s). Keys are j and k only: a key's frame is the first
//! frame that shows the question it moved to, so a frame drawn for a vote is never taken for
//! the key's.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

/// One HTTP/1.1 request with `Connection: close`; (status, body).
fn http(addr: &str, method: &str, path: &str, body: &str) -> std::io::Result<(u16, String)> {
    let mut c = TcpStream::connect(addr)?;
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    c.write_all(req.as_bytes())?;
    let mut out = String::new();
    c.read_to_string(&mut out)?;
    let status = out.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    Ok((status, out.split("\r\n\r\n").nth(1).unwrap_or_default().to_owned()))
}

fn json_str(body: &str, pointer: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    v.pointer(pointer)?.as_str().map(str::to_owned)
}

pub struct Phones {
    stop: Arc<AtomicBool>,
    pub accepted: Arc<AtomicUsize>,
    pub refused: Arc<AtomicUsize>,
    /// Each accepted vote's time from sending POST /vote to reading its 200 (durable by then).
    pub durable: Arc<std::sync::Mutex<Vec<Duration>>>,
    threads: Vec<std::thread::JoinHandle<()>>,
}

impl Phones {
    /// Start `n` phones on the vote URL `url` (`http://HOST:PORT/v/TOKEN`).
    pub fn start(url: &str, n: usize) -> Result<Phones> {
        let rest = url.strip_prefix("http://").context("the vote URL")?;
        let slash = rest.find('/').context("the vote URL's path")?;
        let (addr, path) = (rest[..slash].to_owned(), rest[slash..].to_owned());
        let (stop, accepted, refused) =
            (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
        let durable = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut threads = Vec::new();
        for i in 0..n {
            let durable = Arc::clone(&durable);
            let (addr, path) = (addr.clone(), path.clone());
            let (stop, accepted, refused) = (Arc::clone(&stop), Arc::clone(&accepted), Arc::clone(&refused));
            threads.push(std::thread::spawn(move || {
                let name = format!(r#"{{"name": "Phone {i}"}}"#);
                let Ok((200, joined)) = http(&addr, "POST", &format!("{path}/join"), &name) else { return };
                let Some(who) = json_str(&joined, "/participant") else { return };
                let mut level = i % 6;
                while !stop.load(Ordering::Relaxed) {
                    let Ok((_, state)) = http(&addr, "GET", &format!("{path}/state"), "") else { break };
                    let Some(q) = json_str(&state, "/question/id") else { continue };
                    level = (level + 1) % 6;
                    let vote = format!(r#"{{"participant": "{who}", "question": "{q}", "level": {level}}}"#);
                    let sent = Instant::now();
                    match http(&addr, "POST", &format!("{path}/vote"), &vote) {
                        Ok((200, _)) => {
                            if let Ok(mut d) = durable.lock() {
                                d.push(sent.elapsed());
                            }
                            accepted.fetch_add(1, Ordering::Relaxed)
                        }
                        _ => refused.fetch_add(1, Ordering::Relaxed),
                    };
                }
            }));
        }
        Ok(Phones { stop, accepted, refused, durable, threads })
    }

    pub fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        for t in self.threads {
            let _ = t.join();
        }
    }
}

/// The URL the workshop view shows.
pub fn url_on(screen: &str) -> Result<String> {
    match screen.split_whitespace().find(|w| w.starts_with("http://") && w.contains("/v/")) {
        Some(u) => Ok(u.to_owned()),
        None => bail!("no vote URL on the screen:\n{screen}"),
    }
}

/// "question N of": the card's position, as the workshop view's heading shows it.
pub fn position(screen: &str) -> Option<usize> {
    let at = screen.find("question ")? + "question ".len();
    screen[at..].split_whitespace().next()?.parse().ok()
}

pub fn elapsed_since(t: Instant) -> Duration {
    t.elapsed()
}
