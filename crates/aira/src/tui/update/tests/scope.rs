//! The wizard counts in scope (docs/eu-ai-act.md): the walk, the counters, "n of N" and the
//! live heatmap cover only the questions aira_core::scope puts in scope, and follow a
//! classification answer at once; with the quick profile on they count scope ∩ filter.

use super::*;
use crate::tui::navigator;
use crate::tui::testing::eu_state;
use aira_core::scope::Scope;

/// Every question the walk reaches with Next from the first.
fn walk(s: &mut AppState) -> Vec<usize> {
    act(s, &[First]);
    let mut seen = vec![s.ui.cursor()];
    loop {
        act(s, &[Next]);
        if seen.last() == Some(&s.ui.cursor()) {
            return seen;
        }
        seen.push(s.ui.cursor());
    }
}

/// The questions the scope rule says apply, for the state's answers and profiles.
fn applying(s: &AppState) -> Vec<usize> {
    let (q, a) = (s.session.questionnaire(), s.session.assessment());
    let scope = Scope::new(q, a, &s.session.meta().profiles);
    (0..q.questions.len()).filter(|&i| scope.applies(i)).collect()
}

/// The report's scores: the narrowed questionnaire, scored as `aira score` and `aira report` do.
fn report_scores(s: &AppState) -> aira_core::scoring::Scores {
    let (q, a) = (s.session.questionnaire(), s.session.assessment());
    let n = Scope::new(q, a, &s.session.meta().profiles).narrow(q).into_owned();
    aira_core::scoring::score(&n, &a.statuses(&n), s.session.meta().aggregation)
}

fn index(s: &AppState, id: &str) -> usize {
    s.session.questionnaire().index_of(id).unwrap()
}

#[test]
fn a_deployer_walks_only_deployer_questions_and_counts_them() {
    let mut s = eu_state(&["deployer"]);
    let all = s.session.questionnaire().questions.len();
    let walked = walk(&mut s);
    assert_eq!(walked, applying(&s));
    assert!(walked.len() < all, "{} of {all}", walked.len());
    for &i in &walked {
        let q = &s.session.questionnaire().questions[i];
        assert!(q.profiles.is_empty() || q.profiles.iter().any(|p| p == "deployer"), "{} walked", q.id);
    }
    assert_eq!(navigator::progress(&s), (0, walked.len()));
    assert_eq!(navigator::place(&s, walked[2]), (Some(3), walked.len()));
    // The outline's branches count the same questions.
    let branch_total: usize =
        navigator::rows(&s).iter().map(|r| if let navigator::Row::Phase(_, _, t) = r { *t } else { 0 }).sum();
    assert_eq!(branch_total, walked.len());
    // A provider-only question is reached by no count.
    let provider_only = s
        .session
        .questionnaire()
        .questions
        .iter()
        .position(|q| q.profiles == ["provider"])
        .expect("a provider-only question");
    assert_eq!(navigator::place(&s, provider_only).0, None);
}

#[test]
fn a_classification_answer_changes_the_scope_live() {
    let mut s = eu_state(&["deployer"]);
    let before = applying(&s).len();
    let hr = index(&s, "classify-annex-iii");
    let dependants: Vec<usize> = (0..s.session.questionnaire().questions.len())
        .filter(|&i| applying(&s).contains(&i))
        .filter(|&i| s.session.questionnaire().questions[i].applies_if.iter().any(|c| c == "classify-annex-iii"))
        .collect();
    assert!(!dependants.is_empty());
    // Annex III and Annex I both answered no: the high-risk questions leave at once.
    for id in ["classify-annex-iii", "classify-product-safety"] {
        let i = index(&s, id);
        move_to(&mut s, i);
        act(&mut s, &[Level0]);
    }
    let after = applying(&s);
    assert!(after.len() < before);
    assert!(dependants.iter().any(|i| !after.contains(i)));
    assert_eq!(walk(&mut s), after);
    assert_eq!(navigator::progress(&s), (2, after.len()));
    // Back to yes: they return, and the counters with them.
    move_to(&mut s, hr);
    act(&mut s, &[Level1]);
    assert_eq!(applying(&s).len(), before);
    assert_eq!(navigator::progress(&s).1, before);
}

#[test]
fn the_live_scores_are_the_reports() {
    let mut s = eu_state(&["deployer"]);
    let walked = walk(&mut s);
    // Answer every walked maturity question, a few levels apart.
    for (n, &i) in walked.iter().enumerate() {
        if !s.session.questionnaire().questions[i].is_classification() {
            move_to(&mut s, i);
            act(&mut s, &[[Level1, Level3, Level4, NotApplicable][n % 4]]);
        }
    }
    let hr = index(&s, "classify-annex-iii");
    move_to(&mut s, hr);
    act(&mut s, &[Level0]);
    let report = report_scores(&s);
    let live = s.session.scores();
    assert_eq!(live.overall.score, report.overall.score);
    assert_eq!((live.overall.answered, live.overall.total), (report.overall.answered, report.overall.total));
    for (l, r) in live.cells.iter().zip(&report.cells) {
        assert_eq!((l.phase, l.function, l.tally.score), (r.phase, r.function, r.tally.score));
    }
    assert_eq!(live.cells.len(), report.cells.len());
    // Classification questions sit on no cell: the grid has no "unassigned" lane.
    let (rows, cols) = s.session.heat_grid();
    assert!(!rows.contains(&None) && !cols.contains(&None));
}

#[test]
fn a_classification_is_answered_yes_no_or_not_sure() {
    let mut s = eu_state(&["deployer"]);
    let c = index(&s, "classify-annex-iii");
    move_to(&mut s, c);
    assert!(act(&mut s, &[Level3]).is_empty(), "no level beyond 1 on a classification");
    assert_eq!(s.ui.cursor(), c);
    assert!(s.ui.flash().is_some_and(|m| m.contains("yes (1), no (0) or not sure (n)")), "{:?}", s.ui.flash());
    assert!(act(&mut s, &[SetTarget(3)]).is_empty(), "no target either");
    let fx = act(&mut s, &[Level1]);
    assert_eq!(saves(&fx)[0].new.as_ref().and_then(|a| a.value), Some(Value::Level(1)));
    move_to(&mut s, c);
    let fx = act(&mut s, &[NotApplicable]);
    assert_eq!(saves(&fx)[0].new.as_ref().and_then(|a| a.value), Some(Value::NotApplicable));
    let scope = Scope::new(s.session.questionnaire(), s.session.assessment(), &s.session.meta().profiles);
    assert_eq!(scope.outcomes[c], Some(aira_core::scope::Outcome::Unknown));
}

#[test]
fn the_quick_profile_counts_scope_and_filter() {
    let mut s = mini_state();
    // Three quick questions, one of them the first.
    s.session.rebuild_with(|q, _| {
        for i in [0, 1, 3] {
            if !q.questions[i].profiles.iter().any(|p| p == "quick") {
                q.questions[i].profiles.push("quick".into());
            }
        }
    });
    let quick: Vec<usize> = (0..s.session.questionnaire().questions.len())
        .filter(|&i| s.session.questionnaire().questions[i].profiles.iter().any(|p| p == "quick"))
        .collect();
    assert!(quick.len() >= 3 && quick.len() < s.session.questionnaire().questions.len(), "{quick:?}");
    act(&mut s, &[FilterQuick]);
    assert_eq!(navigator::progress(&s), (0, quick.len()));
    assert_eq!(navigator::place(&s, quick[1]), (Some(2), quick.len()));
    let branch_total: usize =
        navigator::rows(&s).iter().map(|r| if let navigator::Row::Phase(_, _, t) = r { *t } else { 0 }).sum();
    assert_eq!(branch_total, quick.len());
    move_to(&mut s, quick[0]);
    act(&mut s, &[Level2]);
    assert_eq!(navigator::progress(&s), (1, quick.len()));
}
