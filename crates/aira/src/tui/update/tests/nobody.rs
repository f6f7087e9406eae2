//! A workspace whose respondents are all archived opens with no one answering (issue 16:
//! never a placeholder). The wizard asks who answers before any key can capture, refuses a
//! name that is archived (it says how to restore them instead of adding an empty copy), and
//! records nothing under anyone until someone is named.

use super::*;

/// The mini state with every respondent archived: `ann-lee` is kept apart, as open keeps them.
fn nobody() -> AppState {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| a.respondents.clear());
    let mut ann = Respondent::new("ann-lee", "Ann Lee");
    ann.archived = true;
    s.session.set_archived(vec![ann]);
    s.ui.close_all();
    ask_who_answers(&mut s);
    s
}

fn hint(s: &AppState) -> String {
    crate::tui::view::status::hints(s)
}

#[test]
fn with_everyone_archived_the_wizard_asks_who_answers_and_captures_nothing() {
    let mut s = nobody();
    assert_eq!(on(&s), "prompt", "the wizard opens on the question of who answers");
    assert!(hint(&s).contains("Who answers?"), "{}", hint(&s));
    // The screen draws (at both sizes the wizard supports) and says no one is answering.
    act(&mut s, &[Cancel]);
    for (w, h) in [(80, 24), (120, 40)] {
        let screen = crate::tui::testing::screen(&s, w, h);
        assert!(screen.contains("No one answering") && !screen.contains("Default"), "{screen}");
    }
    act(&mut s, &[Level2]);
    let notices = s.ui.notices().join("\n");
    assert!(notices.contains("ann-lee") && notices.contains("aira respondent restore"), "{notices}");
    // Esc leaves the card visible, but no capture key records anything: each asks again.
    act(&mut s, &[Cancel]);
    assert_eq!(on(&s), "card");
    for a in [Level3, NotApplicable, Flag, EditNote, LogLine, SetTarget(2), Undo, RenameRespondent] {
        let fx = act(&mut s, &[a]);
        assert!(fx.is_empty(), "{a:?} with no one answering: {fx:?}");
        assert_eq!(on(&s), "prompt", "{a:?} asks who answers");
        act(&mut s, &[Cancel]);
    }
    assert!(s.session.assessment().respondents.is_empty(), "no one was invented");
    assert!(matches!(act(&mut s, &[Quit])[..], [Effect::Quit]), "q still quits");
}

#[test]
fn an_archived_name_is_refused_with_how_to_restore_and_a_new_one_answers() {
    let mut s = nobody();
    text(&mut s, "Ann Lee");
    assert!(act(&mut s, &[Submit]).is_empty(), "an archived respondent is not added again");
    let Some(Screen::Prompt(p)) = s.ui.screen() else { panic!("the prompt stays open") };
    let why = p.error.clone().unwrap_or_default();
    assert!(why.contains("archived") && why.contains("aira respondent restore ann-lee"), "{why}");
    act(&mut s, &[ClearInput]);
    text(&mut s, "Bo Chen");
    let fx = act(&mut s, &[Submit]);
    assert!(matches!(&fx[..], [Effect::SaveRespondent { new: r, .. }] if r.id == "bo-chen"), "{fx:?}");
    assert_eq!(s.current_respondent().id, "bo-chen");
    let fx = act(&mut s, &[Level3]);
    assert_eq!(saves(&fx)[0].respondent.id, "bo-chen", "answers go to the one named");
    // The same refusal from `+` when others are active: no empty copy over the kept answers.
    act(&mut s, &[AddRespondent]);
    text(&mut s, "ann-lee");
    assert!(act(&mut s, &[Submit]).is_empty());
    assert_eq!(s.current_respondent().id, "bo-chen");
}
