//! The screens on the stack: help over any screen, the heatmap and its cells, search, the
//! roadmap and the SoA, and every action on every screen.

use super::*;

fn hits(s: &AppState) -> usize {
    match s.ui.screen() {
        Some(Screen::Search(q)) => q.hits.len(),
        _ => 0,
    }
}

#[test]
fn search_finds_and_jumps() {
    let mut s = mini_state();
    act(&mut s, &[Search]);
    text(&mut s, "inventory");
    assert!(hits(&s) > 0);
    act(&mut s, &[Select]);
    assert_eq!(on(&s), "card");
    assert_eq!(s.current_question().unwrap().id, "do-map-inventory");
    act(&mut s, &[Search, Back]);
    assert_eq!(on(&s), "card");
}

/// Every respondent's notes are searched, not only the one answering; the hit says whose.
#[test]
fn search_finds_every_respondents_notes_and_names_whose() {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| {
        let mut ann = Respondent::new("ann", "Ann Lee");
        ann.answers.entry("do-map-inventory".into()).or_default().note = "spreadsheet kept by Zanzibar ops".into();
        a.respondents.push(ann);
        a.respondents.push(Respondent::new("bo", "Bo"));
    });
    s.session.select_respondent(2);
    act(&mut s, &[Search]);
    text(&mut s, "zanzibar");
    let Some(Screen::Search(q)) = s.ui.screen() else { panic!("not on search") };
    let found: Vec<_> = q.hits.iter().map(|h| (h.question, h.field, h.respondent)).collect();
    let inventory = s.session.questionnaire().index_of("do-map-inventory").unwrap();
    assert_eq!(found, [(inventory, aira_core::search::Field::Note, Some(1))]);
    let screen = crate::tui::testing::screen(&s, 80, 24);
    assert!(screen.contains("Ann Lee: spreadsheet kept by Zanzibar"), "{screen}");
}

#[test]
fn search_edits_anywhere_in_the_query() {
    let mut s = mini_state();
    act(&mut s, &[Search]);
    text(&mut s, " inventory");
    let found = hits(&s);
    assert!(found > 0, "a blank start narrows nothing");
    act(&mut s, &[CursorLeft, CursorLeft, CursorLeft]);
    text(&mut s, "zq");
    assert_eq!(hits(&s), 0, "inventzqory matches nothing");
    act(&mut s, &[DeleteBack, DeleteBack]);
    assert_eq!(hits(&s), found, "an edit inside the query searches again from scratch, not within no hits");
    act(&mut s, &[WordLeft, ClearInput]);
    assert_eq!(hits(&s), 0);
}

#[test]
fn heatmap_drill_down_jumps_to_a_question() {
    let mut s = mini_state();
    act(&mut s, &[Heatmap]);
    assert!(matches!(s.ui.screen(), Some(Screen::Heatmap(HeatmapScreen { row: 0, col: 0, .. }))));
    act(&mut s, &[Down, Right, CycleView]);
    assert!(matches!(s.ui.screen(), Some(Screen::Heatmap(HeatmapScreen { row: 1, col: 1, view: HeatView::Target }))));
    act(&mut s, &[Select]);
    assert_eq!(on(&s), "cell list");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "heatmap", "Esc from the list shows the heatmap again");
    act(&mut s, &[Select, Select]);
    assert_eq!(on(&s), "card");
    assert_eq!(s.current_question().unwrap().id, "do-map-inventory");
}

#[test]
fn heatmap_views_cycle_through_all_five() {
    let mut s = mini_state();
    act(&mut s, &[Heatmap]);
    let view = |s: &AppState| match s.ui.screen() {
        Some(Screen::Heatmap(h)) => h.view,
        _ => panic!("not on the heatmap"),
    };
    let mut seen = vec![view(&s)];
    for _ in 0..4 {
        act(&mut s, &[CycleView]);
        seen.push(view(&s));
    }
    assert_eq!(seen[4], HeatView::Current, "no baseline: the trend view is skipped");
    s.session.set_baseline(Some(s.session.scores().clone()));
    for _ in 0..5 {
        act(&mut s, &[CycleView]);
        seen.push(view(&s));
    }
    assert!(seen.contains(&HeatView::Trend));
    for v in [HeatView::Current, HeatView::Target, HeatView::Gap, HeatView::Disagreement, HeatView::Trend] {
        assert!(Action::CycleView.help().contains(v.title()), "the help names the {} view", v.title());
    }
}

#[test]
fn help_over_the_heatmap_returns_to_the_heatmap() {
    let mut s = mini_state();
    act(&mut s, &[Heatmap, Help]);
    assert_eq!(on(&s), "help");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "heatmap", "Esc from help lands where help was opened");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "card");
}

#[test]
fn help_returns_to_the_navigator_and_the_soa_too() {
    let mut s = mini_state();
    act(&mut s, &[Navigator, Help, Help]);
    assert_eq!(on(&s), "navigator");
    act(&mut s, &[Back, Soa, Down, Help, Back]);
    assert_eq!(on(&s), "soa");
    assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.cursor.raw() == 1), "the SoA keeps its selection");
}

#[test]
fn help_opens_and_closes_and_quit_quits() {
    let mut s = mini_state();
    act(&mut s, &[Help]);
    assert_eq!(on(&s), "help");
    act(&mut s, &[Down]);
    assert!(matches!(s.ui.screen(), Some(Screen::Help(h)) if h.scroll == 1));
    act(&mut s, &[Help]);
    assert_eq!(on(&s), "card");
    assert_eq!(act(&mut s, &[Quit]), vec![Effect::Quit]);
    act(&mut s, &[Heatmap]);
    assert_eq!(act(&mut s, &[Quit]), vec![Effect::Quit], "quit works over any screen");
}

#[test]
fn roadmap_lists_gaps_and_jumps() {
    let mut s = mini_state();
    act(&mut s, &[Level1]); // q0 at 1, default target 3: a gap of 2 (weight 2)
    act(&mut s, &[Level2]); // q1 at 2: a gap of 1
    act(&mut s, &[Roadmap]);
    let items = plans::roadmap_items(&s);
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].1.id, "plan-govern-policy", "largest weighted gap first");
    assert!(
        matches!(s.ui.screen(), Some(Screen::Roadmap(r)) if r.items == items),
        "the screen's list is built when it opens"
    );
    act(&mut s, &[Down, Select]);
    assert_eq!(s.current_question().unwrap().id, "plan-map-context");
}

/// Owner and due date per roadmap item (issue 19): `o` and `d` type them, a bad date is
/// refused with the reason and typing stays open, Enter saves through the store's
/// `set_roadmap` (an effect), empty clears, Esc drops what was typed.
#[test]
fn roadmap_items_take_an_owner_and_a_checked_due_date() {
    use aira_core::engagement::RoadmapEntry;
    let mut s = mini_state();
    act(&mut s, &[Level1, Level2, Roadmap]);
    act(&mut s, &[SetOwner]);
    assert!(matches!(s.ui.screen(), Some(Screen::Roadmap(r)) if r.typing.is_some()));
    text(&mut s, "  Dana Reyes ");
    let fx = act(&mut s, &[Submit]);
    let want = RoadmapEntry { owner: "Dana Reyes".into(), due: None };
    assert_eq!(fx, vec![Effect::SaveRoadmap { question: "plan-govern-policy".into(), entry: want.clone() }]);
    assert_eq!(s.session.meta().roadmap_entry("plan-govern-policy"), Some(&want));
    act(&mut s, &[SetDue]);
    text(&mut s, "2026-02-30");
    assert!(act(&mut s, &[Submit]).is_empty(), "not a date: nothing saved");
    assert!(s.ui.flash().unwrap().contains("2026-02-30"), "{:?}", s.ui.flash());
    assert!(matches!(s.ui.screen(), Some(Screen::Roadmap(r)) if r.typing.is_some()), "still typing");
    for _ in 0..10 {
        act(&mut s, &[DeleteBack]);
    }
    text(&mut s, "2026-03-31");
    let fx = act(&mut s, &[Submit]);
    let due = "2026-03-31".parse().ok();
    let want = RoadmapEntry { owner: "Dana Reyes".into(), due };
    assert_eq!(fx, vec![Effect::SaveRoadmap { question: "plan-govern-policy".into(), entry: want.clone() }]);
    // The same again: nothing to write.
    act(&mut s, &[SetDue]);
    assert!(act(&mut s, &[Submit]).is_empty());
    act(&mut s, &[SetOwner]);
    text(&mut s, "x");
    act(&mut s, &[Cancel]);
    assert_eq!(s.session.meta().roadmap_entry("plan-govern-policy"), Some(&want), "Esc keeps the owner");
    // The second item has its own entry; clearing the first's owner and date removes it.
    act(&mut s, &[Down, SetOwner]);
    text(&mut s, "Sam");
    act(&mut s, &[Submit, Up, SetOwner]);
    for _ in 0..10 {
        act(&mut s, &[DeleteBack]);
    }
    act(&mut s, &[Submit, SetDue]);
    for _ in 0..10 {
        act(&mut s, &[DeleteBack]);
    }
    let fx = act(&mut s, &[Submit]);
    assert_eq!(fx, vec![Effect::SaveRoadmap { question: "plan-govern-policy".into(), entry: RoadmapEntry::default() }]);
    assert_eq!(s.session.meta().roadmap_entry("plan-govern-policy"), None);
    assert_eq!(s.session.meta().roadmap_entry("plan-map-context").map(|e| e.owner.as_str()), Some("Sam"));
}

fn soa_row(s: &AppState, n: usize) -> &aira_core::report::model::SoaRow {
    match s.ui.screen() {
        Some(Screen::Soa(x)) => &x.rows[n],
        _ => panic!("not on the SoA"),
    }
}

#[test]
fn soa_not_applicable_needs_a_justification() {
    let mut s = mini_state();
    act(&mut s, &[Soa, NotApplicable]);
    assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.typing.is_some()));
    let fx = act(&mut s, &[Submit]);
    assert!(fx.is_empty());
    assert!(s.ui.flash().unwrap().contains("needs a justification"));
    text(&mut s, "No AI policy separate from the group policy");
    let fx = act(&mut s, &[Submit]);
    assert_eq!(
        fx,
        vec![Effect::SaveSoa {
            control: "A.2.2".into(),
            applicable: false,
            justification: "No AI policy separate from the group policy".into(),
            owner: String::new(),
        }]
    );
    assert!(!s.session.meta().soa["A.2.2"].applicable);
    assert!(!soa_row(&s, 0).applicable(), "the screen's rows follow the decision");
    assert_eq!(soa_row(&s, 0).justification, "No AI policy separate from the group policy");
    let fx = act(&mut s, &[MarkApplicable]);
    assert!(matches!(&fx[0], Effect::SaveSoa { applicable: true, .. }));
    assert!(soa_row(&s, 0).applicable());
    act(&mut s, &[NotApplicable, Cancel]);
    assert!(matches!(s.ui.screen(), Some(Screen::Soa(x)) if x.typing.is_none()), "Cancel drops the justification");
    act(&mut s, &[Back]);
    assert_eq!(on(&s), "card");
}

#[test]
fn every_action_on_every_screen_is_safe() {
    let screens: Vec<fn(&mut AppState)> = vec![
        |_| {},
        |s| drop(act(s, &[Help])),
        |s| drop(act(s, &[Heatmap])),
        |s| {
            let list =
                CellListScreen { row: 4, col: 4, view: HeatView::Gap, members: Vec::new(), cursor: ListCursor::at(9) };
            s.ui.open(Screen::CellList(list));
        },
        |s| {
            act(s, &[Search]);
            text(s, "zz");
        },
        |s| s.ui.open(Screen::Navigator(NavigatorScreen { cursor: ListCursor::at(999) })),
        |s| drop(act(s, &[Roadmap, Down, Down])),
        |s| drop(act(s, &[Soa, Last])),
        |s| drop(act(s, &[Soa, NotApplicable])),
        |s| drop(act(s, &[EditNote])),
        |s| drop(act(s, &[LogLine])),
        |s| drop(act(s, &[AddRespondent])),
        |s| s.ui.open(Screen::Respondents(RespondentsScreen { cursor: ListCursor::at(999) })),
        |s| drop(act(s, &[AddEvidence])),
        |s| {
            let mut e = crate::tui::screens::EvidenceScreen::new(999);
            e.accepted(aira_store::workspace::evidence::Source {
                reference: "https://example.org/x".into(),
                size: None,
                sha256: None,
                file: None,
            });
            s.ui.open(Screen::Evidence(e));
        },
        |s| drop(act(s, &[EditFacts])),
        |s| drop(act(s, &[EditFacts, PrevField, PrevField])),
    ];
    let all = Action::ALL
        .iter()
        .copied()
        .chain((0..=9).flat_map(|n| [SetTarget(n), SetAgreed(n)]))
        .chain(['x', '\u{0}', '漢'].map(InsertChar));
    for action in all {
        for open in &screens {
            let mut s = mini_state();
            open(&mut s);
            let _ = update(&mut s, action);
            assert!(s.ui.cursor() < s.session.questionnaire().questions.len());
        }
    }
}

#[test]
fn respondents_picker_chooses_whose_answers_the_keys_record() {
    let mut s = mini_state();
    s.session.rebuild_with(|_, a| {
        a.respondents.push(Respondent::new("ann", "Ann"));
        a.respondents.push(Respondent::new("bo", "Bo"));
    });
    act(&mut s, &[Respondents]);
    assert_eq!(on(&s), "respondents");
    // Esc changes nothing; the picker opens on the current respondent.
    act(&mut s, &[Down, Back]);
    assert_eq!((on(&s), s.current_respondent().id.as_str()), ("card", "default"));
    act(&mut s, &[Respondents, Down, Down, Down, Select]);
    assert_eq!((on(&s), s.current_respondent().id.as_str()), ("card", "bo"), "the list stops at its end");
    assert_eq!(s.ui.flash(), Some("Answering for Bo"));
    let fx = act(&mut s, &[Level2]);
    assert_eq!(saves(&fx)[0].respondent.id, "bo", "the answer is recorded for the one chosen");
    act(&mut s, &[Respondents, Up, Select]);
    assert_eq!(s.current_respondent().id, "ann");
    // Over the heatmap: Esc is the heatmap again.
    act(&mut s, &[Heatmap, Respondents]);
    assert_eq!(on(&s), "heatmap", "the heatmap's keys have no picker");
}

#[test]
fn search_erased_with_backspace_and_typed_again_finds_what_fresh_typing_finds() {
    let mut fresh = mini_state();
    act(&mut fresh, &[Search]);
    text(&mut fresh, "policy");
    let found = hits(&fresh);
    assert!(found > 0);
    let mut s = mini_state();
    act(&mut s, &[Search]);
    text(&mut s, "policy");
    act(&mut s, &[DeleteBack; 6]);
    assert_eq!(hits(&s), 0);
    text(&mut s, "policy");
    assert_eq!(hits(&s), found, "typed again after Backspace, the same hits as typed fresh");
}
