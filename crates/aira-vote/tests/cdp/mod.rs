//! Just enough of the Chrome DevTools Protocol to drive a headless Chromium like a person:
//! load a page, type, click at an element's position, read the DOM. Everything is bounded.
#![allow(dead_code)]

use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub const CHROMIUM: &str = "/usr/bin/chromium";

/// A headless Chromium of our own (its own profile directory), closed on drop.
pub struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    pub page: Page,
}

pub struct Page {
    ws: WebSocket<MaybeTlsStream<TcpStream>>,
    next: u64,
}

/// None (after saying so) when Chromium is not installed: the test then skips.
pub fn launch() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        eprintln!("SKIPPED: {CHROMIUM} is not installed");
        return None;
    }
    let profile = tempfile::tempdir().unwrap();
    let child = Command::new(CHROMIUM)
        .args(FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--remote-debugging-port=0", "--window-size=390,844", "about:blank"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let port = wait_for("DevToolsActivePort", Duration::from_secs(60), || {
        let text = std::fs::read_to_string(profile.path().join("DevToolsActivePort")).ok()?;
        text.lines().next()?.trim().parse::<u16>().ok()
    });
    let list: Value = wait_for("the page target", Duration::from_secs(30), || {
        let mut res = ureq::get(&format!("http://127.0.0.1:{port}/json/list")).call().ok()?;
        let list: Value = serde_json::from_str(&res.body_mut().read_to_string().ok()?).ok()?;
        list.as_array()?.iter().any(|t| t["type"] == "page").then_some(list)
    });
    let target = list.as_array().unwrap().iter().find(|t| t["type"] == "page").unwrap();
    let (ws, _) = tungstenite::connect(target["webSocketDebuggerUrl"].as_str().unwrap()).unwrap();
    if let MaybeTlsStream::Plain(s) = ws.get_ref() {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    }
    Some(Browser { child, _profile: profile, page: Page { ws, next: 0 } })
}

/// The flags the lead gave for running as root in a container, plus headless.
pub const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.page.ws.send(Message::text(json!({ "id": 999_999, "method": "Browser.close" }).to_string()));
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn wait_for<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(v) = probe() {
            return v;
        }
        assert!(start.elapsed() < limit, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Page {
    /// Send a command and wait for its answer (events in between are skipped).
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next += 1;
        let id = self.next;
        self.ws.send(Message::text(json!({ "id": id, "method": method, "params": params }).to_string())).unwrap();
        loop {
            let msg = self.ws.read().unwrap_or_else(|e| panic!("{method}: {e}"));
            let Message::Text(text) = msg else { continue };
            let v: Value = serde_json::from_str(text.as_str()).unwrap();
            if v["id"] == id {
                assert!(v.get("error").is_none(), "{method}: {v}");
                return v["result"].clone();
            }
        }
    }

    /// Evaluate in the page (works with the page's own scripts disabled too).
    pub fn eval(&mut self, expr: &str) -> Value {
        let r = self.call("Runtime.evaluate", json!({ "expression": expr, "returnByValue": true }));
        r["result"]["value"].clone()
    }

    pub fn goto(&mut self, url: &str) {
        self.call("Page.navigate", json!({ "url": url }));
    }

    /// Wait until `expr` is truthy in the page (pages reload under us, so errors are retried).
    pub fn wait_until(&mut self, what: &str, expr: &str) {
        let check = format!(
            "(function(){{ try {{ return document.readyState === 'complete' && !!({expr}); }} catch (e) {{ return false; }} }})()"
        );
        wait_for(what, Duration::from_secs(30), || (self.eval(&check) == json!(true)).then_some(()));
    }

    pub fn text(&mut self, selector: &str) -> String {
        let v = self.eval(&format!("(document.querySelector({selector:?}) || {{}}).textContent || ''"));
        v.as_str().unwrap_or_default().to_owned()
    }

    /// A real mouse click (press and release) at the centre of the element.
    pub fn click(&mut self, selector: &str) {
        let rect = self.eval(&format!(
            "(function(){{ var e = document.querySelector({selector:?}); e.scrollIntoView({{block:'center'}}); \
             var r = e.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }})()"
        ));
        let (x, y) = (rect[0].as_f64().unwrap(), rect[1].as_f64().unwrap());
        for kind in ["mousePressed", "mouseReleased"] {
            let ev = json!({ "type": kind, "x": x, "y": y, "button": "left", "clickCount": 1 });
            self.call("Input.dispatchMouseEvent", ev);
        }
    }

    /// Type into the focused field as a keyboard would.
    pub fn type_text(&mut self, text: &str) {
        self.call("Input.insertText", json!({ "text": text }));
    }
}
