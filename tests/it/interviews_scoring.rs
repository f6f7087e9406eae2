//! Properties of scoring with several respondents and agreed values.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use aira_core::assessment::{Answer, Assessment, Respondent, Value};
use aira_core::scoring::Status;
use proptest::prelude::*;

fn value() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![Just(None), Just(Some(Value::NotApplicable)), (0u8..=5).prop_map(|l| Some(Value::Level(l)))]
}

fn assessment(values: &[Option<Value>], agreed: Option<Value>) -> Assessment {
    let respondents = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut r = Respondent::new(&format!("r{i}"), "R");
            if v.is_some() {
                r.answers.insert("q".into(), Answer { value: *v, ..Default::default() });
            }
            r
        })
        .collect();
    let mut a = Assessment { respondents, agreed: BTreeMap::new(), ..Default::default() };
    if let Some(v) = agreed {
        a.agreed.insert("q".into(), v);
    }
    a
}

fn levels(values: &[Option<Value>]) -> Vec<u8> {
    values.iter().filter_map(|v| if let Some(Value::Level(l)) = v { Some(*l) } else { None }).collect()
}

proptest! {
    #[test]
    fn score_is_agreed_level_else_mean_of_levels(values in prop::collection::vec(value(), 0..8), agreed in value()) {
        let a = assessment(&values, agreed);
        let ls = levels(&values);
        let expected = match agreed {
            Some(Value::Level(l)) => Status::Scored(f64::from(l)),
            Some(Value::NotApplicable) => Status::NotApplicable,
            None if !ls.is_empty() => Status::Scored(ls.iter().map(|&l| f64::from(l)).sum::<f64>() / ls.len() as f64),
            None if values.contains(&Some(Value::NotApplicable)) => Status::NotApplicable,
            None => Status::Unanswered,
        };
        prop_assert_eq!(a.status("q"), expected);
    }

    #[test]
    fn na_respondents_do_not_count(values in prop::collection::vec(value(), 1..8), extra in 1usize..4) {
        let mut more = values.clone();
        more.extend(std::iter::repeat_n(Some(Value::NotApplicable), extra));
        let (a, b) = (assessment(&values, None), assessment(&more, None));
        if levels(&values).is_empty() {
            prop_assert_eq!(b.status("q"), Status::NotApplicable);
        } else {
            prop_assert_eq!(a.status("q"), b.status("q"));
        }
        prop_assert_eq!(a.spread("q"), b.spread("q"));
    }

    #[test]
    fn spread_is_max_minus_min(values in prop::collection::vec(value(), 0..8)) {
        let ls = levels(&values);
        let expected = match (ls.iter().max(), ls.iter().min()) {
            (Some(x), Some(n)) => x - n,
            _ => 0,
        };
        prop_assert_eq!(assessment(&values, None).spread("q"), expected);
    }

    #[test]
    fn more_respondents_with_the_same_level_keep_the_score(level in 0u8..=5, n in 1usize..10, m in 1usize..10) {
        let a = assessment(&vec![Some(Value::Level(level)); n], None);
        let b = assessment(&vec![Some(Value::Level(level)); n + m], None);
        prop_assert_eq!(a.status("q"), Status::Scored(f64::from(level)));
        prop_assert_eq!(a.status("q"), b.status("q"));
        prop_assert_eq!(b.spread("q"), 0);
    }
}
