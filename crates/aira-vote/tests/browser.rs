//! A real browser on the vote page: headless Chromium loads it (`--dump-dom`), joins and
//! votes by clicking with and without JavaScript, and the vote arrives at the sink.
//! Skips (and says so) when /usr/bin/chromium is not installed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cdp;
mod common;

use std::process::Command;
use std::time::Duration;

use aira_vote::Level;
use common::*;
use serde_json::json;

/// `--dump-dom` prints nothing once scripts are off in blink settings (it reads the DOM with
/// script), so the no-JavaScript page is driven through DevTools below instead.
#[test]
fn the_page_loads_in_chromium_dump_dom() {
    if !std::path::Path::new(cdp::CHROMIUM).exists() {
        eprintln!("SKIPPED: {} is not installed", cdp::CHROMIUM);
        return;
    }
    let (server, _sink) = start(Default::default());
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(cdp::CHROMIUM)
        .args(cdp::FLAGS)
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(["--timeout=20000", "--dump-dom", server.url()])
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&out.stdout);
    assert!(dom.contains("<label for=\"name\">Your name</label>"), "{dom}");
    assert!(dom.contains("<h1>Acme &lt;AI&gt; readiness</h1>"), "{dom}");
}

fn join_and_vote(scripts: bool) {
    let Some(mut browser) = cdp::launch() else { return };
    let (server, sink) = start(Default::default());
    let page = &mut browser.page;
    page.call("Page.enable", json!({}));
    page.call("Emulation.setScriptExecutionDisabled", json!({ "value": !scripts }));
    // Any Content-Security-Policy violation (our own inline script or style refused) is noted.
    let spy = "window.__csp = []; document.addEventListener('securitypolicyviolation', \
               function (e) { window.__csp.push(e.violatedDirective); });";
    page.call("Page.addScriptToEvaluateOnNewDocument", json!({ "source": spy }));
    page.goto(server.url());
    page.wait_until("the join form", "document.getElementById('name')");
    page.click("#name");
    page.type_text("Browser Ada");
    page.click("button.join");
    page.wait_until("the levels", "document.querySelector('button.level[value=\"3\"]')");
    assert_eq!(page.text(".who strong"), "Browser Ada");
    // The style ran under the CSP: the join button's colour is the stylesheet's.
    let border = page.eval("getComputedStyle(document.querySelector('button.level')).borderTopColor");
    assert_eq!(border, json!("rgb(43, 93, 138)"));
    page.eval("window.__same_page = true");
    page.click("button.level[value=\"3\"]");
    cdp::wait_for("the vote at the sink", Duration::from_secs(30), || (!sink.calls().is_empty()).then_some(()));
    assert_eq!(sink.calls(), [("Browser Ada".into(), "GV-1".into(), Level::Value(3))]);
    page.wait_until("one's own vote shown", "document.getElementById('mine').textContent === '3 \u{b7} Managed'");
    let pressed = page.eval("document.querySelector('button.level[value=\"3\"]').getAttribute('aria-pressed')");
    assert_eq!(pressed, json!("true"));
    let same_page = page.eval("window.__same_page === true");
    assert_eq!(same_page, json!(scripts), "with JavaScript the vote is sent without a page load, without by the form");
    if scripts {
        assert_eq!(page.text("#note"), "Saved.");
        // With JavaScript the page follows the facilitator by itself.
        server.set_question(question("GV-2", false));
        page.wait_until("the page following to GV-2", "document.getElementById('room').dataset.question === 'GV-2'");
        assert_eq!(page.text("#mine"), "none yet");
        assert_eq!(page.eval("document.querySelectorAll('button.level').length"), json!(5), "no N/A on GV-2");
        page.click("button.level[value=\"0\"]");
        cdp::wait_for("the second vote", Duration::from_secs(30), || (sink.calls().len() == 2).then_some(()));
        server.reveal(true);
        page.wait_until("the spread after reveal", "document.querySelector('ul.spread')");
        assert!(page.text("ul.spread").contains("0 \u{b7} Absent: 1"), "{}", page.text("ul.spread"));
        assert_eq!(page.eval("window.__csp"), json!([]), "CSP violations");
    }
}

#[test]
fn clicking_a_level_with_javascript_votes_and_the_page_follows_the_facilitator() {
    join_and_vote(true);
}

#[test]
fn clicking_a_level_without_javascript_votes_through_the_form() {
    join_and_vote(false);
}
