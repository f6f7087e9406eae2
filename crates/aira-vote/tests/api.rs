//! The HTTP contract of issue 21 through real HTTP on loopback: every status code, the
//! exact JSON shapes, and that no refused request ever reaches the sink.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use aira_vote::{BODY_LIMIT, Event, Level};
use common::*;
use serde_json::json;

#[test]
fn join_gives_an_id_and_the_same_name_gets_it_again() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let first = post_json(&a, &format!("{url}/join"), &json!({ "name": "Ada" }));
    assert_eq!(first.status, 200);
    let body = first.json();
    assert_eq!(body.as_object().unwrap().len(), 1, "exactly {{\"participant\": ID}}: {body}");
    let id = body["participant"].as_str().unwrap().to_owned();
    assert_eq!(join(&a, &url, "  ada "), id);
    assert_ne!(join(&a, &url, "Grace"), id);
    let events: Vec<Event> = server.events().try_iter().collect();
    assert_eq!(events.len(), 2, "a name joining again is not news: {events:?}");
    assert_eq!(events[0], Event::Joined { participant: id, name: "Ada".into() });
    assert_eq!(sink.attempts(), 0, "joining writes nothing");
}

#[test]
fn state_has_the_contract_shape_and_no_individual_votes_before_reveal() {
    let (server, _sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let s = get(&a, &format!("{url}/state"));
    assert_eq!(s.status, 200);
    let s = s.json();
    let keys: Vec<&String> = s.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["question", "revealed", "votes"]);
    let q = &s["question"];
    assert_eq!(q.as_object().unwrap().keys().collect::<Vec<_>>(), ["id", "text", "levels"]);
    assert_eq!(q["id"], "GV-1");
    assert_eq!(
        q["levels"][2],
        json!({ "value": 2, "name": "Defined", "description": "Defined: what that means here" })
    );
    assert_eq!((s["revealed"].clone(), s["votes"].clone()), (json!(false), json!(0)));

    let ada = join(&a, &url, "Ada");
    let grace = join(&a, &url, "Grace");
    assert_eq!(vote(&a, &url, &ada, "GV-1", json!(3)).status, 200);
    assert_eq!(vote(&a, &url, &grace, "GV-1", json!("na")).status, 200);
    let hidden = get(&a, &format!("{url}/state")).body;
    assert!(hidden.contains("\"votes\":2"), "{hidden}");
    for leak in ["Ada", "Grace", &ada, &grace, "distribution"] {
        assert!(!hidden.contains(leak), "{leak} in {hidden}");
    }

    server.reveal(true);
    let s = get(&a, &format!("{url}/state")).json();
    assert_eq!(s["revealed"], true);
    let spread = &s["distribution"];
    assert_eq!(spread.as_array().unwrap().len(), 6, "five levels and N/A: {spread}");
    assert_eq!(spread[3], json!({ "level": 3, "count": 1 }));
    assert_eq!(spread[5], json!({ "level": "na", "count": 1 }));
    assert!(!s.to_string().contains("Ada"), "even revealed, /state has counts, not names");
}

#[test]
fn a_vote_is_answered_only_after_the_sink_made_it_durable() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    let r = vote(&a, &url, &ada, "GV-1", json!(2));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json(), json!({ "participant": ada, "question": "GV-1", "level": 2 }));
    assert_eq!(sink.calls(), [("Ada".into(), "GV-1".into(), Level::Value(2))]);
    // Changing one's mind is a second durable answer, still one vote in the count.
    assert_eq!(vote(&a, &url, &ada, "GV-1", json!(4)).status, 200);
    assert_eq!(sink.calls().len(), 2);
    assert_eq!(get(&a, &format!("{url}/state")).json()["votes"], 1);
    let voted: Vec<Event> = server.events().try_iter().filter(|e| matches!(e, Event::Voted { .. })).collect();
    assert_eq!(voted.len(), 2);
    assert_eq!(
        voted[1],
        Event::Voted { participant: ada.clone(), name: "Ada".into(), question: "GV-1".into(), level: Level::Value(4) }
    );
    let mine: Vec<_> = server.votes_on("GV-1").into_iter().map(|v| (v.name, v.level)).collect();
    assert_eq!(mine, [("Ada".to_owned(), Level::Value(4))]);
}

#[test]
fn a_wrong_token_is_404_on_every_route_and_method() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    let token = url.rsplit('/').next().unwrap().to_owned();
    let origin = url.trim_end_matches(&token).trim_end_matches("/v/").to_owned();
    let mut wrong = token.clone().into_bytes();
    wrong[5] = if wrong[5] == b'A' { b'B' } else { b'A' };
    let wrong = String::from_utf8(wrong).unwrap();
    let bases = [
        format!("{origin}/v/{wrong}"),
        format!("{origin}/v/{}", &token[..23]),
        format!("{origin}/v/{token}x"),
        format!("{origin}/w/{token}"),
    ];
    for base in &bases {
        for path in ["", "/", "/state", "/join", "/vote"] {
            assert_eq!(get(&a, &format!("{base}{path}")).status, 404, "GET {base}{path}");
        }
        let body = json!({ "participant": ada, "question": "GV-1", "level": 1 });
        assert_eq!(post_json(&a, &format!("{base}/vote"), &body).status, 404);
        assert_eq!(post_json(&a, &format!("{base}/join"), &json!({ "name": "Eve" })).status, 404);
    }
    assert_eq!(get(&a, &format!("{origin}/")).status, 404);
    assert_eq!(get(&a, &format!("{origin}/favicon.ico")).status, 404);
    assert_eq!(get(&a, &format!("{url}/nothing-here")).status, 404, "right token, unknown route");
    assert_eq!(sink.attempts(), 0);
    assert_eq!(server.events().try_iter().count(), 1, "only Ada's join");
}

#[test]
fn bodies_over_16_kib_are_413_and_nothing_is_written() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    let pad = "x".repeat(BODY_LIMIT);
    let big_vote = json!({ "participant": ada, "question": "GV-1", "level": 1, "pad": pad });
    assert_eq!(post_json(&a, &format!("{url}/vote"), &big_vote).status, 413);
    assert_eq!(post_json(&a, &format!("{url}/join"), &json!({ "name": "Eve", "pad": pad })).status, 413);
    let form = format!("participant={ada}&question=GV-1&level=1&pad={pad}");
    assert_eq!(post(&a, &format!("{url}/vote"), "application/x-www-form-urlencoded", &form).status, 413);
    // Exactly at the limit is fine (the limit is on size, not on what fits a vote).
    let at_limit = json!({ "participant": ada, "question": "GV-1", "level": 1, "pad": "" }).to_string();
    let fill = "y".repeat(BODY_LIMIT - at_limit.len());
    let exact = at_limit.replace("\"pad\":\"\"", &format!("\"pad\":\"{fill}\""));
    assert_eq!(exact.len(), BODY_LIMIT);
    assert_eq!(post(&a, &format!("{url}/vote"), "application/json", &exact).status, 200);
    assert_eq!(sink.calls().len(), 1, "only the vote at the limit");
}

#[test]
fn bad_json_unknown_participant_and_levels_off_the_scale_are_400() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    server.set_question(question("GV-2", false));
    let v = format!("{url}/vote");
    for bad in ["", "{", "null", "[]", "{\"participant\": 1}", "{\"participant\":\"x\",\"question\":\"GV-2\"}"] {
        let r = post(&a, &v, "application/json", bad);
        assert_eq!(r.status, 400, "{bad:?}: {}", r.body);
        assert!(r.json()["error"].is_string());
    }
    for level in [json!(5), json!(255), json!(256), json!(-1), json!(1.5), json!("na"), json!("2"), json!(null)] {
        assert_eq!(vote(&a, &url, &ada, "GV-2", level.clone()).status, 400, "level {level}");
    }
    assert_eq!(vote(&a, &url, "not-a-participant", "GV-2", json!(1)).status, 400);
    for bad in ["", "{}", "{\"name\": 3}", "{\"name\": \"\"}", "{\"name\": \"a\\u0000b\"}"] {
        assert_eq!(post(&a, &format!("{url}/join"), "application/json", bad).status, 400, "join {bad:?}");
    }
    let long = json!({ "name": "n".repeat(41) });
    assert_eq!(post_json(&a, &format!("{url}/join"), &long).status, 400);
    assert_eq!(sink.attempts(), 0);
    assert_eq!(get(&a, &format!("{url}/state")).json()["votes"], 0);
}

#[test]
fn a_vote_on_another_question_is_409() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    server.set_question(question("GV-2", true));
    let r = vote(&a, &url, &ada, "GV-1", json!(1));
    assert_eq!(r.status, 409, "{}", r.body);
    assert!(r.json()["error"].as_str().unwrap().contains("GV-1"));
    assert_eq!(vote(&a, &url, &ada, "nonexistent", json!(9)).status, 409, "off the scale of which question?");
    assert_eq!(sink.attempts(), 0);
    assert_eq!(vote(&a, &url, &ada, "GV-2", json!(1)).status, 200);
}

#[test]
fn a_sink_failure_is_503_nothing_is_counted_and_the_wizard_hears_why() {
    let (server, sink) = start(Default::default());
    let (a, url) = (agent(), server.url().to_owned());
    let ada = join(&a, &url, "Ada");
    sink.fail.store(true, std::sync::atomic::Ordering::SeqCst);
    let r = vote(&a, &url, &ada, "GV-1", json!(2));
    assert_eq!(r.status, 503);
    let message = r.json()["error"].as_str().unwrap().to_owned();
    assert!(!message.contains("/home"), "the sink's text stays on the facilitator's machine: {message}");
    assert_eq!(get(&a, &format!("{url}/state")).json()["votes"], 0);
    assert!(server.votes_on("GV-1").is_empty());
    let events: Vec<Event> = server.events().try_iter().collect();
    assert!(
        matches!(&events[1], Event::NotSaved { error, level: Level::Value(2), .. } if error.contains("disk full")),
        "{events:?}"
    );
    sink.fail.store(false, std::sync::atomic::Ordering::SeqCst);
    assert_eq!(vote(&a, &url, &ada, "GV-1", json!(2)).status, 200, "and voting again works");
    assert_eq!(get(&a, &format!("{url}/state")).json()["votes"], 1);
}

#[test]
fn a_full_room_refuses_new_names_with_403() {
    let (server, sink) = start(aira_vote::Limits { max_participants: 2, ..Default::default() });
    let (a, url) = (agent(), server.url().to_owned());
    join(&a, &url, "a");
    join(&a, &url, "b");
    let r = post_json(&a, &format!("{url}/join"), &json!({ "name": "c" }));
    assert_eq!(r.status, 403, "{}", r.body);
    assert_eq!(join(&a, &url, "A").len(), 12, "a member coming back is not a new name");
    assert_eq!(sink.attempts(), 0);
}
