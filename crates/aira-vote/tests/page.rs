//! The vote page and its form-encoded variants of /join and /vote: no JavaScript needed,
//! every text escaped, a strict CSP, nothing loaded from anywhere else.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_vote::{Level, LevelView, QuestionView};
use common::*;

const FORM: &str = "application/x-www-form-urlencoded";

#[test]
fn the_page_is_served_at_the_url_with_or_without_a_slash_under_a_strict_csp() {
    let (server, _sink) = start(Default::default());
    let a = agent();
    for url in [server.url().to_owned(), format!("{}/", server.url())] {
        let r = get(&a, &url);
        assert_eq!(r.status, 200);
        assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
        let csp = r.header("content-security-policy").unwrap();
        for part in [
            "default-src 'none'",
            "script-src 'sha256-",
            "style-src 'sha256-",
            "connect-src 'self'",
            "form-action 'self'",
        ] {
            assert!(csp.contains(part), "{part} not in {csp}");
        }
        assert!(!csp.contains("unsafe"), "{csp}");
        assert_eq!(r.header("cache-control"), Some("no-store"));
        assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
        assert!(r.body.contains("action=\"/v/"), "a join form that posts without JavaScript");
        // Nothing from elsewhere: no src= at all, no absolute links.
        assert!(!r.body.contains("src="), "{}", r.body);
        assert!(!r.body.contains("http"), "{}", r.body);
    }
}

#[test]
fn joining_and_voting_by_form_redirect_back_to_the_page_that_shows_ones_vote() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let r = post(&a, &format!("{url}/join"), FORM, "name=Ada+Lovelace");
    assert_eq!(r.status, 303, "{}", r.body);
    let to = r.header("location").unwrap().to_owned();
    let path = url.split_once("/v/").map(|(_, t)| format!("/v/{t}/?p=")).unwrap();
    assert!(to.starts_with(&path), "{to}");
    let id = to.trim_start_matches(&path).to_owned();
    assert_eq!(join(&a, &url, "ada lovelace"), id, "the form and JSON joins are the same participant");

    let origin = url.split_once("/v/").unwrap().0;
    let page = get(&a, &format!("{origin}{to}")).body;
    assert!(page.contains("Voting as <strong>Ada Lovelace</strong>"));
    assert!(page.contains("How mature is GV-1?"));
    assert_eq!(page.matches("name=\"level\"").count(), 6, "five levels and N/A");
    assert!(page.contains("Your vote: <strong id=\"mine\">none yet</strong>"));

    let r = post(&a, &format!("{url}/vote"), FORM, &format!("participant={id}&question=GV-1&level=3"));
    assert_eq!(r.status, 303, "{}", r.body);
    assert_eq!(r.header("location"), Some(to.as_str()));
    assert_eq!(sink.calls(), [("Ada Lovelace".into(), "GV-1".into(), Level::Value(3))]);
    let page = get(&a, &format!("{origin}{to}")).body;
    assert!(page.contains("Your vote: <strong id=\"mine\">3 \u{b7} Managed</strong>"), "{page}");
    assert!(page.contains("value=\"3\" data-label=\"3 \u{b7} Managed\" aria-pressed=\"true\""));
    let r = post(&a, &format!("{url}/vote"), FORM, &format!("participant={id}&question=GV-1&level=na"));
    assert_eq!(r.status, 303);
    assert_eq!(sink.calls()[1].2, Level::NotApplicable);
}

#[test]
fn form_refusals_keep_their_status_and_explain_in_html() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let id = join(&a, &url, "Ada");
    let cases = [
        (format!("participant={id}&question=GV-1&level=7"), 400),
        (format!("participant={id}&question=GV-1&level=x"), 400),
        (format!("participant={id}&question=GV-1"), 400),
        ("participant=nobody&question=GV-1&level=1".to_owned(), 400),
        (format!("participant={id}&question=GV-9&level=1"), 409),
    ];
    for (body, status) in cases {
        let r = post(&a, &format!("{url}/vote"), FORM, &body);
        assert_eq!(r.status, status, "{body}: {}", r.body);
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        assert!(r.body.contains(&format!("{status}: ")), "{}", r.body);
        assert!(r.body.contains("Back to the vote"));
    }
    assert_eq!(post(&a, &format!("{url}/join"), FORM, "name=").status, 400);
    assert_eq!(sink.attempts(), 0);
}

#[test]
fn every_name_and_text_on_the_page_is_escaped() {
    let (server, _sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let evil = "<script>alert('x')</script>\"&";
    let level = |v: u8| LevelView { value: v, name: format!("{evil}{v}"), description: format!("d{evil}") };
    server.set_question(QuestionView {
        id: "Q\"><b>1".into(),
        text: format!("Is {evil} ok?"),
        levels: vec![level(0), level(1)],
        allow_na: false,
    });
    let r = post_json(&a, &format!("{url}/join"), &serde_json::json!({ "name": evil }));
    let id = r.json()["participant"].as_str().unwrap().to_owned();
    let page = get(&a, &format!("{url}/?p={id}")).body;
    let script_tags = page.matches("<script").count();
    assert_eq!(script_tags, 1, "only our own script tag: {page}");
    assert!(!page.contains("<b>"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"));
    assert!(page.contains("value=\"Q&quot;&gt;&lt;b&gt;1\""), "the question id in the hidden field");
    assert!(page.contains("<h1>Acme &lt;AI&gt; readiness</h1>"), "the title too");
    // The escaped question id still votes: the browser unescapes it into the form.
    let r = vote(&a, &url, &id, "Q\"><b>1", serde_json::json!(1));
    assert_eq!(r.status, 200);
}

#[test]
fn a_page_for_an_unknown_participant_offers_to_join_and_one_without_a_question_waits() {
    let (server, _sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let page = get(&a, &format!("{url}/?p=forged")).body;
    assert!(page.contains("Your name"), "{page}");
    assert!(!page.contains("forged"));
    let sink = std::sync::Arc::new(MemSink::default());
    let empty = aira_vote::VoteServer::start(LOOPBACK.parse().unwrap(), Default::default(), sink).unwrap();
    let id = join(&a, empty.url(), "Ada");
    let page = get(&a, &format!("{}/?p={id}", empty.url())).body;
    assert!(page.contains("Waiting for the facilitator"), "{page}");
    assert!(page.contains("<h1>Workshop vote</h1>"));
    let state = get(&a, &format!("{}/state", empty.url())).json();
    assert_eq!(state, serde_json::json!({ "question": null, "revealed": false, "votes": 0 }));
}

#[test]
fn after_reveal_the_page_shows_the_spread() {
    let (server, _sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    let bob = join(&a, &url, "Bob");
    vote(&a, &url, &ada, "GV-1", serde_json::json!(2));
    vote(&a, &url, &bob, "GV-1", serde_json::json!(2));
    let before = get(&a, &format!("{url}/?p={ada}")).body;
    assert!(!before.contains("The room's votes"));
    server.reveal(true);
    let after = get(&a, &format!("{url}/?p={ada}")).body;
    assert!(after.contains("<li>2 \u{b7} Defined: <strong>2</strong></li>"), "{after}");
    assert!(!after.contains("Bob"), "the spread has counts, not names");
}
