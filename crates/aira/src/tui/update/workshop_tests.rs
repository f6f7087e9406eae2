//! The workshop's keys and the room's events, with no terminal and no server: keys through
//! the keymap, votes as the events the loop feeds in.

use super::*;
use crate::tui::testing::mini_state;
use crate::tui::update::{handle_key, update as act};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn key(s: &mut AppState, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    handle_key(s, KeyEvent::new(code, mods))
}

fn ch(s: &mut AppState, c: char) -> Vec<Effect> {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    key(s, KeyCode::Char(c), mods)
}

/// The workshop view with voting open on the first question, as the loop leaves it.
fn open_room() -> AppState {
    let mut s = mini_state();
    ch(&mut s, 'w');
    let fx = ch(&mut s, 'V');
    assert_eq!(fx, vec![Effect::OpenVoting(s.room.listen)], "V opens voting on the default address");
    assert_eq!(s.room.listen.to_string(), "127.0.0.1:0");
    let q = s.current_question().map(|q| q.id.clone()).unwrap_or_default();
    voting_opened(&mut s, Ok(("http://127.0.0.1:9/v/TOKEN".into(), q)));
    s
}

fn qid(s: &AppState) -> String {
    s.current_question().map(|q| q.id.clone()).unwrap_or_default()
}

/// A phone's vote the whole way: applied, "saved", reported by the server.
fn phone_votes(s: &mut AppState, id: &str, name: &str, level: Level) -> VoteChange {
    let q = qid(s);
    let v = vote(s, name, &q, level).expect("recorded");
    // A new participant's add is a save of its own, reported before the answer's.
    for _ in 0..1 + usize::from(v.new_respondent.is_some()) {
        s.session.saved(Ok("10:00:02".into()));
    }
    room_event(s, Event::Voted { participant: id.into(), name: name.into(), question: q, level });
    v
}

#[test]
fn v_opens_and_closes_voting_and_only_in_the_workshop_view() {
    let mut s = mini_state();
    assert!(ch(&mut s, 'V').is_empty(), "V does nothing on the card");
    let mut s = open_room();
    assert!(s.room.is_open());
    assert_eq!(ch(&mut s, 'V'), vec![Effect::CloseVoting]);
    voting_closed(&mut s);
    assert!(!s.room.is_open());
    assert_eq!(ch(&mut s, 'V'), vec![Effect::OpenVoting(s.room.listen)], "opens again (a new token, by the server)");
}

#[test]
fn the_network_needs_a_confirmation() {
    let mut s = open_room();
    assert!(ch(&mut s, 'L').is_empty(), "the first L only asks");
    assert!(s.ui.flash().is_some_and(|m| m.contains("Anyone on this network")), "{:?}", s.ui.flash());
    assert!(key(&mut s, KeyCode::Esc, KeyModifiers::NONE).is_empty());
    assert!(ch(&mut s, 'L').is_empty(), "another key cancelled the question");
    assert_eq!(ch(&mut s, 'L'), vec![Effect::CloseVoting, Effect::OpenVoting(crate::tui::room::LAN_LISTEN)]);
}

#[test]
fn votes_are_answers_of_their_own_respondents_hidden_until_space() {
    let mut s = open_room();
    let q = qid(&s);
    room_event(&mut s, Event::Joined { participant: "p1".into(), name: "Ann".into() });
    let v = phone_votes(&mut s, "p1", "Ann", Level::Value(2));
    let r = v.new_respondent.as_ref().expect("a new respondent for Ann");
    assert_eq!((r.id.as_str(), r.name.as_str()), ("ann", "Ann"));
    assert_eq!(v.change.by, "Ann");
    let ann = s.session.assessment().respondents.iter().find(|r| r.id == "ann").expect("in memory");
    let a = ann.answer(&q).expect("answered");
    assert_eq!((a.value, a.answered_by.as_str()), (Some(Value::Level(2)), "Ann"));
    assert_eq!(s.session.respondent_index(), 0, "the facilitator's keys still record their respondent");
    // Rejoining (a dropped phone) is the same participant and the same respondent.
    let again = phone_votes(&mut s, "p1", "ann ", Level::Value(3));
    assert!(again.new_respondent.is_none());
    assert_eq!(s.room.votes_on(&q).count(), 1, "one vote per person");
    // Hidden until space; space reveals (and tells the server).
    let row = |text: &str| text.lines().find(|l| l.contains("Ann ")).unwrap_or_default().to_owned();
    let hidden = crate::tui::testing::screen(&s, 120, 40);
    assert!(row(&hidden).contains("voted ✓") && !row(&hidden).contains("Defined"), "{hidden}");
    assert_eq!(key(&mut s, KeyCode::Char(' '), KeyModifiers::NONE), vec![Effect::Reveal(true)]);
    let shown = crate::tui::testing::screen(&s, 120, 40);
    assert!(row(&shown).contains("3  Defined"), "{shown}");
    assert!(shown.contains("3: 1"), "the distribution: {shown}");
}

#[test]
fn two_names_with_the_same_id_are_two_people() {
    let mut s = open_room();
    let a = phone_votes(&mut s, "p1", "李", Level::Value(1));
    let b = phone_votes(&mut s, "p2", "王", Level::Value(4));
    assert_ne!(a.change.respondent.id, b.change.respondent.id, "never one answering for the other");
}

#[test]
fn a_vote_the_disk_refused_is_undone() {
    let mut s = open_room();
    let q = qid(&s);
    let before = s.session.history_len();
    let v = vote(&mut s, "Bo", &q, Level::Value(5)).expect("recorded");
    assert!(v.new_respondent.is_some(), "Bo is new");
    assert_eq!(s.session.save_state().pending, 2, "Bo's add and Bo's answer");
    let err = "disk full".to_owned();
    room_event(
        &mut s,
        Event::NotSaved {
            participant: "p".into(),
            name: "Bo".into(),
            question: q.clone(),
            level: Level::Value(5),
            error: err,
        },
    );
    let bo = s.session.assessment().respondents.iter().find(|r| r.id == "bo").expect("respondent kept");
    assert!(bo.answer(&q).is_none(), "the screen never shows a vote the disk lacks");
    // The add stays: the saver keeps it until it is in history, and counts it as saved then.
    assert_eq!(s.session.history_len(), before + 1, "Bo's `respondent` entry, not the answer's");
    assert_eq!(s.session.save_state().pending, 1, "Saving… until the add is on disk");
    s.session.saved(Ok("10:00:03".into()));
    assert_eq!(s.session.save_state().pending, 0);
    assert!(s.room.votes_on(&q).next().is_none());
}

#[test]
fn j_and_k_move_the_room_and_a_agrees_in_the_workshop_view() {
    let mut s = open_room();
    let first = qid(&s);
    let fx = ch(&mut s, 'j');
    let second = qid(&s);
    assert_ne!(first, second);
    assert!(matches!(fx.as_slice(), [Effect::RoomQuestion(q)] if q.id == second), "{fx:?}");
    assert_eq!(s.room.shown(), Some(second.as_str()));
    let fx = ch(&mut s, 'k');
    assert!(matches!(fx.as_slice(), [Effect::RoomQuestion(q)] if q.id == first), "{fx:?}");
    // A question moved to starts hidden, as the server's does.
    key(&mut s, KeyCode::Char(' '), KeyModifiers::NONE);
    ch(&mut s, 'j');
    assert!(!s.room.revealed());
    ch(&mut s, 'a');
    let fx = ch(&mut s, '3');
    assert!(matches!(fx.as_slice(), [Effect::SaveAgreed { value: Some(Value::Level(3)), .. }]), "{fx:?}");
    assert!(s.ui.workshop(), "agreeing stays in the workshop view");
    // It asks why (see below); Esc skips. The log prompt too is drawn over the workshop layout.
    key(&mut s, KeyCode::Esc, KeyModifiers::NONE);
    ch(&mut s, 'l');
    let text = crate::tui::testing::screen(&s, 120, 40);
    assert!(text.contains("Participants") && text.contains("Log:"), "{text}");
    let _ = act(&mut s, crate::tui::action::Action::Cancel);
}

/// The projector view with the room voting, before and after reveal, at the three sizes.
#[test]
fn workshop_room_snapshots() {
    let mut s = open_room();
    for (i, (name, level)) in [("Ann (CISO)", 1), ("Bo", 3), ("Cy", 4), ("Dee", 3), ("Eve", 2)].into_iter().enumerate()
    {
        phone_votes(&mut s, &format!("p{i}"), name, Level::Value(level));
    }
    room_event(&mut s, Event::Joined { participant: "p9".into(), name: "Fay".into() });
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        insta::assert_snapshot!(format!("room_hidden_{w}x{h}"), crate::tui::testing::screen(&s, w, h));
    }
    key(&mut s, KeyCode::Char(' '), KeyModifiers::NONE);
    ch(&mut s, 'a');
    ch(&mut s, '3');
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        insta::assert_snapshot!(format!("room_agreed_{w}x{h}"), crate::tui::testing::screen(&s, w, h));
    }
}

/// A strong disagreement is marked `!` on the heatmap until the room agrees a level on it;
/// the range itself stays (it is what the respondents answered).
#[test]
fn agreeing_in_the_workshop_clears_the_heatmaps_mark() {
    let mut s = open_room();
    phone_votes(&mut s, "p1", "Ann", Level::Value(0));
    phone_votes(&mut s, "p2", "Bo", Level::Value(4));
    let cell = s.current_question().map(|q| (q.phase, q.function)).expect("a question");
    assert_eq!(s.session.cell_spread(cell), Some(4));
    assert_eq!(s.session.cell_open_spread(cell), Some(4), "not agreed yet: to discuss");
    // The full heatmap, opened from the card and closed again: does any cell carry the mark?
    let marked = |s: &mut AppState| {
        ch(s, 'h');
        assert!(s.ui.screen().is_some(), "h opens the heatmap over the workshop view");
        let text = crate::tui::testing::screen(s, 120, 40);
        key(s, KeyCode::Esc, KeyModifiers::NONE);
        assert!(s.ui.workshop() && s.ui.screen().is_none(), "back in the workshop view");
        // A cell's mark follows its score ("2.0!"); the legend's "! strong" is not one.
        text.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1] == b'!')
    };
    assert!(marked(&mut s));
    ch(&mut s, 'a');
    ch(&mut s, '2');
    assert!(s.ui.workshop(), "agreeing stays in the workshop view");
    assert_eq!(s.session.cell_spread(cell), Some(4), "the range is still what they answered");
    assert_eq!(s.session.cell_open_spread(cell), None, "agreed: nothing left to discuss in the cell");
    assert!(!marked(&mut s));
    ch(&mut s, 'a');
    ch(&mut s, 'x');
    assert_eq!(s.session.cell_open_spread(cell), Some(4), "cleared: to discuss again");
    assert!(marked(&mut s));
}

/// `a` and a level in the workshop view asks why, in the status bar over the workshop
/// layout (not the card); Enter records the reason as the decision's note, Esc skips it.
#[test]
fn agreeing_asks_why_and_the_workshop_layout_stays() {
    let mut s = open_room();
    phone_votes(&mut s, "p1", "Ann", Level::Value(1));
    phone_votes(&mut s, "p2", "Bo", Level::Value(4));
    let q = qid(&s);
    ch(&mut s, 'a');
    let fx = ch(&mut s, '3');
    assert!(matches!(fx.as_slice(), [Effect::SaveAgreed { value: Some(Value::Level(3)), .. }]), "{fx:?}");
    for (w, h) in [(80, 24), (120, 40), (200, 50)] {
        let text = crate::tui::testing::screen(&s, w, h);
        assert!(text.contains("Participants") && text.contains("Agreed: 3"), "{w}x{h}: the workshop layout\n{text}");
        assert!(text.contains("Why did the room agree"), "{w}x{h}: the prompt\n{text}");
    }
    for c in "policy, no metrics".chars() {
        ch(&mut s, c);
    }
    let fx = key(&mut s, KeyCode::Enter, KeyModifiers::NONE);
    assert_eq!(fx, vec![Effect::SaveAgreedNote { question: q.clone(), note: "policy, no metrics".into() }]);
    assert!(s.ui.screen().is_none() && s.ui.workshop(), "back in the workshop view");
    assert_eq!(s.session.assessment().agreed_meta.get(&q).map(|d| d.note.as_str()), Some("policy, no metrics"));
    // Esc skips: the level stays agreed, the reason as it was.
    ch(&mut s, 'a');
    ch(&mut s, '2');
    assert!(key(&mut s, KeyCode::Esc, KeyModifiers::NONE).is_empty());
    assert!(s.ui.screen().is_none() && s.ui.workshop());
    assert_eq!(s.session.assessment().agreed.get(&q), Some(&Value::Level(2)));
}

/// Votes that arrive together are recorded as the same votes one by one would be, in order:
/// the same answers, changes and new respondents, and every figure scored from all of them
/// (scoring once for the group must not leave a question's figures behind).
#[test]
fn a_group_of_votes_is_recorded_as_the_same_votes_one_by_one() {
    let (mut one, mut group) = (open_room(), open_room());
    let ids: Vec<String> = (0..4).filter_map(|i| one.session.question(i).map(|q| q.id.clone())).collect();
    let cast: Vec<(&str, &str, Level)> = vec![
        ("Ann", &ids[0], Level::Value(2)),
        ("Bo", &ids[0], Level::Value(5)),
        ("Ann", &ids[1], Level::NotApplicable),
        ("Cy", "no-such-question", Level::Value(1)),
        ("ann ", &ids[0], Level::Value(4)),
        ("Bo", &ids[1], Level::Value(0)),
        ("Bo", &ids[3], Level::Value(1)),
        ("Ann", &ids[3], Level::Value(5)),
        // The facilitator's own respondent's name: their progress moves too.
        ("Default", &ids[2], Level::Value(3)),
    ];
    let singly: Vec<Option<VoteChange>> = cast.iter().map(|(n, q, l)| vote(&mut one, n, q, *l)).collect();
    let together = votes(&mut group, cast.iter().copied());
    let show = |v: &[Option<VoteChange>]| -> Vec<String> {
        v.iter().map(|c| format!("{:?}", c.as_ref().map(|c| (&c.new_respondent, &c.change)))).collect()
    };
    assert_eq!(show(&together), show(&singly));
    assert!(together[3].is_none(), "a question this questionnaire lacks is not recorded");
    let (a, b) = (&one.session, &group.session);
    assert_eq!(b.assessment().respondents, a.assessment().respondents);
    assert_eq!(b.scores(), a.scores());
    for i in 0..ids.len() {
        assert_eq!((b.question_spread(i), b.target(i)), (a.question_spread(i), a.target(i)), "question {i}");
    }
    let (rows, cols) = a.heat_grid();
    for cell in rows.iter().flat_map(|r| cols.iter().map(move |c| (*r, *c))) {
        assert_eq!(b.cell(cell), a.cell(cell), "cell {cell:?}");
    }
    assert_eq!((b.progress(), b.history_len(), b.save_state()), (a.progress(), a.history_len(), a.save_state()));
    assert_eq!(group.room.in_flight, one.room.in_flight, "each vote waits for its save, in order");
    assert_eq!(screen(&group), screen(&one));
}

fn screen(s: &AppState) -> String {
    crate::tui::testing::screen(s, 120, 40)
}

/// A phone named as an archived respondent gets an id of its own: the archived file (answers
/// kept) is not written over, which would restore them unasked under a stranger's vote.
#[test]
fn a_vote_never_writes_into_an_archived_respondents_file() {
    let mut s = open_room();
    let mut ann = aira_core::assessment::Respondent::new("ann-lee", "Ann Lee");
    ann.archived = true;
    s.session.set_archived(vec![ann]);
    let v = phone_votes(&mut s, "p1", "Ann Lee", Level::Value(2));
    let id = v.new_respondent.map(|r| r.id);
    assert_eq!(id.as_deref(), Some("ann-lee-2"));
    assert_eq!(v.change.respondent.id, "ann-lee-2");
}
