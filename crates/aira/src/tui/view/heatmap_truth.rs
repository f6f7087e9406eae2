//! One scoring truth: random answers, targets and agreed levels, made through the wizard's
//! own state one change at a time, give every heatmap cell, in every view, the numbers the
//! report model computes from scratch for the same assessment (docs/scoring.md).

use super::heatmap;
use crate::tui::state::{AppState, HeatView};
use aira_core::assessment::{Respondent, Value};
use aira_core::report::model::Report;
use proptest::prelude::*;

/// The mini bank, doubled so cells hold several questions of different weights, plus one
/// question with no phase (the "Unassigned" lane).
fn state(respondents: usize) -> AppState {
    let mut s = crate::tui::testing::mini_state();
    s.session.rebuild_with(|q, a| {
        let extra: Vec<_> = q
            .questions
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let mut y = x.clone();
                y.id = format!("{}-b", x.id);
                y.weight = 0.5 + i as f64 % 3.0;
                y
            })
            .collect();
        q.questions.extend(extra);
        let mut lone = q.questions[0].clone();
        lone.id = "lone".into();
        lone.phase = None;
        q.questions.push(lone);
        for k in 1..respondents {
            a.respondents.push(Respondent::new(&format!("r{k}"), &format!("R{k}")));
        }
    });
    s
}

#[derive(Clone, Debug)]
enum Op {
    /// A respondent's level, with an old-style per-answer target the scoring must ignore.
    Answer {
        who: usize,
        q: usize,
        value: Option<Value>,
        target: Option<u8>,
    },
    Agree {
        q: usize,
        value: Option<Value>,
    },
    /// The engagement's target (`t` and a digit; None clears it).
    Target {
        q: usize,
        level: Option<u8>,
    },
}

fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![Just(None), Just(Some(Value::NotApplicable)), (0u8..=5).prop_map(|l| Some(Value::Level(l)))]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..3, 0usize..33, value(), proptest::option::of(0u8..=5))
            .prop_map(|(who, q, value, target)| Op::Answer { who, q, value, target }),
        1 => (0usize..33, value()).prop_map(|(q, value)| Op::Agree { q, value }),
        2 => (0usize..33, proptest::option::of(0u8..=5)).prop_map(|(q, level)| Op::Target { q, level }),
    ]
}

fn close(a: Option<f64>, b: Option<f64>) -> bool {
    match (a, b) {
        (Some(x), Some(y)) => (x - y).abs() < 1e-9,
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
    #[test]
    fn every_cell_of_every_view_is_the_reports(ops in proptest::collection::vec(op(), 0..40)) {
        let mut s = state(3);
        for op in ops {
            match op {
                Op::Answer { who, q, value, target } => {
                    s.session.select_respondent(who);
                    s.session.edit_answer(q, |a| { a.value = value; a.target = target; });
                }
                Op::Agree { q, value } => { s.session.set_agreed(q, value); }
                Op::Target { q, level } => { s.session.set_target(q, level); }
            }
        }
        let (meta, a) = (s.session.meta(), s.session.assessment());
        let scored = s.session.scored_questionnaire();
        let report = Report::new(meta, scored, a, "");
        let (rows, cols) = s.session.heat_grid();
        prop_assert_eq!(report.scores.cells.len(), rows.len() * cols.len());
        for (k, cell) in report.scores.cells.iter().enumerate() {
            let (p, f) = (rows[k / cols.len()], cols[k % cols.len()]);
            prop_assert_eq!((cell.phase, cell.function), (p, f));
            let wizard = |v| heatmap::cell_value(&s, p, f, v);
            let gaps = report.cell_gaps[k];
            prop_assert!(close(wizard(HeatView::Current), cell.tally.score), "current {:?}", (p, f));
            prop_assert!(close(wizard(HeatView::Target), gaps.target), "target {:?}: {:?} vs {:?}", (p, f), wizard(HeatView::Target), gaps.target);
            prop_assert!(close(wizard(HeatView::Gap), gaps.gap), "gap {:?}: {:?} vs {:?}", (p, f), wizard(HeatView::Gap), gaps.gap);
            // Strong disagreement: the wizard marks the cells the report lists, with the same widest spread.
            let strong = report.disagreement(p, f);
            let spread = heatmap::cell_spread(&s, p, f);
            prop_assert_eq!(spread.is_some_and(|d| d >= aira_core::scoring::STRONG_SPREAD), strong.is_some());
            if let Some(d) = strong {
                prop_assert_eq!(spread, Some(d.max_spread));
            }
        }
    }
}

/// The card says a level is agreed, why, and what the respondents said, in the reports' words.
#[test]
fn the_card_shows_the_agreed_level_and_its_rationale() {
    let mut s = crate::tui::testing::mini_state();
    s.session.rebuild_with(|q, a| {
        let id = q.questions[0].id.clone();
        a.respondents.clear();
        for (who, level) in [("Ann", 2), ("Bo", 4), ("Cy", 1)] {
            let mut r = Respondent::new(&who.to_lowercase(), who);
            let answer = aira_core::assessment::Answer { value: Some(Value::Level(level)), ..Default::default() };
            r.answers.insert(id.clone(), answer);
            a.respondents.push(r);
        }
        a.set_agreed(&id, Some(Value::Level(2)), "fac", "2026-11-22T10:00:00Z");
        a.agreed_meta.get_mut(&id).unwrap().note = "Board approval still missing".into();
    });
    let screen = crate::tui::testing::screen(&s, 200, 50);
    assert!(screen.contains("agreed: 2 (Board approval still missing) — respondents 2, 4, 1"), "{screen}");
}
