use super::*;
use crate::LevelView;

fn question(id: &str, allow_na: bool) -> QuestionView {
    let levels = (0..=3).map(|v| LevelView { value: v, name: format!("L{v}"), description: String::new() }).collect();
    QuestionView { id: id.into(), text: format!("Question {id}?"), levels, allow_na }
}

fn ids() -> impl FnMut() -> Option<String> {
    let mut n = 0;
    move || {
        n += 1;
        Some(format!("p{n}"))
    }
}

#[test]
fn the_same_name_in_any_case_or_spacing_is_the_same_participant() {
    let (mut room, limits, mut id) = (Room::default(), Limits::default(), ids());
    let (a, new_a) = room.join("  Ada   Lovelace ", &limits, &mut id).unwrap();
    let (b, new_b) = room.join("ada lovelace", &limits, &mut id).unwrap();
    let (c, _) = room.join("Grace", &limits, &mut id).unwrap();
    assert!(new_a && !new_b);
    assert_eq!((a.id.as_str(), a.name.as_str()), (b.id.as_str(), "Ada Lovelace"));
    assert_ne!(a.id, c.id);
}

#[test]
fn names_are_bounded_and_cannot_carry_control_characters() {
    let (mut room, limits, mut id) = (Room::default(), Limits::default(), ids());
    for bad in ["", "   ", "a\u{7}b", "evil\u{202E}txt", &"x".repeat(41)] {
        assert!(matches!(room.join(bad, &limits, &mut id), Err(Refusal::Bad(_))), "{bad:?}");
    }
    assert!(room.join(&"é".repeat(40), &limits, &mut id).is_ok(), "40 characters, not 40 bytes");
}

#[test]
fn the_room_refuses_new_names_once_full_but_still_lets_members_back_in() {
    let limits = Limits { max_participants: 2, ..Limits::default() };
    let (mut room, mut id) = (Room::default(), ids());
    room.join("a", &limits, &mut id).unwrap();
    room.join("b", &limits, &mut id).unwrap();
    assert!(matches!(room.join("c", &limits, &mut id), Err(Refusal::Full(_))));
    assert!(room.join("A", &limits, &mut id).is_ok());
}

#[test]
fn votes_are_checked_against_participant_question_and_scale() {
    let (mut room, limits, mut id) = (Room::default(), Limits::default(), ids());
    let p = room.join("a", &limits, &mut id).unwrap().0;
    assert!(matches!(room.check_vote(&p.id, "q1", Level::Value(1)), Err(Refusal::Conflict(_))), "no question yet");
    room.set_question(question("q1", false));
    assert!(room.check_vote(&p.id, "q1", Level::Value(3)).is_ok());
    assert!(matches!(room.check_vote("nobody", "q1", Level::Value(1)), Err(Refusal::Bad(_))));
    assert!(matches!(room.check_vote(&p.id, "q2", Level::Value(1)), Err(Refusal::Conflict(_))));
    assert!(matches!(room.check_vote(&p.id, "q1", Level::Value(4)), Err(Refusal::Bad(_))));
    assert!(matches!(room.check_vote(&p.id, "q1", Level::NotApplicable), Err(Refusal::Bad(_))));
    room.set_question(question("q1", true));
    assert!(room.check_vote(&p.id, "q1", Level::NotApplicable).is_ok());
}

#[test]
fn counts_are_per_question_and_a_new_question_starts_hidden() {
    let (mut room, limits, mut id) = (Room::default(), Limits::default(), ids());
    let a = room.join("a", &limits, &mut id).unwrap().0;
    let b = room.join("b", &limits, &mut id).unwrap().0;
    room.set_question(question("q1", true));
    room.count(&a.id, "q1", Level::Value(2));
    room.count(&a.id, "q1", Level::Value(3));
    room.count(&b.id, "q1", Level::NotApplicable);
    room.revealed = true;
    let state = room.state_json();
    assert_eq!(state["votes"], 2);
    let spread: Vec<(String, u64)> = state["distribution"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["level"].to_string(), d["count"].as_u64().unwrap()))
        .collect();
    let want: Vec<(String, u64)> =
        [("0", 0), ("1", 0), ("2", 0), ("3", 1), ("\"na\"", 1)].iter().map(|(l, n)| (l.to_string(), *n)).collect();
    assert_eq!(spread, want);
    room.set_question(question("q1", true));
    assert!(room.revealed, "the same question again keeps the reveal");
    room.set_question(question("q2", false));
    assert!(!room.revealed);
    let state = room.state_json();
    assert_eq!(state["votes"], 0);
    assert!(state.get("distribution").is_none());
    assert_eq!(room.votes_on("q1").len(), 2);
}
