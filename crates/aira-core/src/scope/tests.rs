//! The applicability rule of docs/eu-ai-act.md, case by case.

use super::*;
use crate::assessment::{Answer, Respondent};
use crate::questionnaire::{Kind, Question};

fn q() -> Questionnaire {
    let mut c = Question::new("classify-hr", None, None, "High risk?");
    c.kind = Kind::Classification;
    c.profiles = vec!["provider".into(), "deployer".into()];
    let mut g = Question::new("classify-gpai", None, None, "GPAI?");
    g.kind = Kind::Classification;
    g.profiles = vec!["gpai-provider".into()];
    let mut p = Question::new("prov-hr", None, None, "provider, high risk");
    p.profiles = vec!["provider".into()];
    p.applies_if = vec!["classify-hr".into()];
    let mut d = Question::new("dep-all", None, None, "deployer, always");
    d.profiles = vec!["deployer".into()];
    let mut m = Question::new("gpai-doc", None, None, "gpai duty");
    m.profiles = vec!["gpai-provider".into()];
    m.applies_if = vec!["classify-gpai".into()];
    let free = Question::new("anyone", None, None, "no profiles");
    Questionnaire { questions: vec![c, g, p, d, m, free], ..Default::default() }
}

fn with(levels: &[(&str, &str, Value)]) -> Assessment {
    let mut a = Assessment::default();
    for (who, id, v) in levels {
        if a.respondent(who).is_none() {
            a.respondents.push(Respondent::new(who, who));
        }
        let r = a.respondents.iter_mut().find(|r| r.id == *who).unwrap();
        r.answers.insert((*id).into(), Answer { value: Some(*v), ..Default::default() });
    }
    a
}

fn applying(s: &Scope, q: &Questionnaire) -> Vec<String> {
    q.questions.iter().enumerate().filter(|(i, _)| s.applies(*i)).map(|(_, x)| x.id.clone()).collect()
}

const P: fn(&[&str]) -> Vec<String> = |v| v.iter().map(|s| (*s).to_owned()).collect();

#[test]
fn no_profiles_chosen_keeps_everything_until_someone_says_no() {
    let q = q();
    let s = Scope::new(&q, &Assessment::default(), &[]);
    assert_eq!(applying(&s, &q).len(), 6);
    assert_eq!(s.outcomes[0], Some(Outcome::Unknown));
}

#[test]
fn a_deployer_walks_only_deployer_questions_and_free_ones() {
    let q = q();
    let s = Scope::new(&q, &Assessment::default(), &P(&["deployer"]));
    assert_eq!(applying(&s, &q), ["classify-hr", "dep-all", "anyone"]);
    assert_eq!(s.questions[2], Applicability::OutOfProfile);
    // A classification outside the profiles is `no` (rule 2.1), so its dependants would be
    // excluded even were they in profile.
    assert_eq!(s.outcomes[1], Some(Outcome::No));
}

#[test]
fn a_no_excludes_and_a_yes_from_anyone_wins() {
    let q = q();
    let prof = P(&["provider"]);
    let a = with(&[("ann", "classify-hr", Value::Level(0))]);
    let s = Scope::new(&q, &a, &prof);
    assert_eq!(s.questions[2], Applicability::Excluded(vec!["classify-hr".into()]));
    let a = with(&[("ann", "classify-hr", Value::Level(0)), ("bob", "classify-hr", Value::Level(1))]);
    assert_eq!(Scope::new(&q, &a, &prof).questions[2], Applicability::Applies);
    // Only "not applicable" answers: unknown, so the question stays in.
    let a = with(&[("ann", "classify-hr", Value::NotApplicable)]);
    assert_eq!(Scope::new(&q, &a, &prof).outcomes[0], Some(Outcome::Unknown));
}

#[test]
fn an_agreed_value_decides_over_respondents() {
    let q = q();
    let prof = P(&["provider"]);
    let mut a = with(&[("ann", "classify-hr", Value::Level(1))]);
    a.agreed.insert("classify-hr".into(), Value::Level(0));
    assert_eq!(Scope::new(&q, &a, &prof).outcomes[0], Some(Outcome::No));
    a.agreed.insert("classify-hr".into(), Value::NotApplicable);
    assert_eq!(Scope::new(&q, &a, &prof).outcomes[0], Some(Outcome::Unknown));
    // A hand-edited level above 1 reads as yes.
    a.agreed.insert("classify-hr".into(), Value::Level(4));
    assert_eq!(Scope::new(&q, &a, &prof).outcomes[0], Some(Outcome::Yes));
}

#[test]
fn narrowing_drops_classifications_and_out_of_scope_questions() {
    let q = q();
    let s = Scope::new(&q, &with(&[("ann", "classify-hr", Value::Level(0))]), &P(&["provider"]));
    let n = s.narrow(&q);
    assert_eq!(n.questions.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["anyone"]);
    let plain = Questionnaire { questions: vec![Question::new("a", None, None, "t")], ..Default::default() };
    assert!(matches!(Scope::new(&plain, &Assessment::default(), &[]).narrow(&plain), Cow::Borrowed(_)));
}

#[test]
fn a_yes_whose_questions_lie_outside_the_profiles_is_a_hint() {
    let q = q();
    // gpai-provider chosen together with deployer: classify-gpai is in profile and says yes.
    let a = with(&[("ann", "classify-gpai", Value::Level(1))]);
    let s = Scope::new(&q, &a, &P(&["deployer", "gpai-provider"]));
    assert!(s.hints.is_empty());
    // The classification is reachable only through its profile; with the profile dropped the
    // outcome is `no` and there is nothing to hint. A yes through a shared profile is the case.
    let mut q2 = q.clone();
    q2.questions[1].profiles.push("deployer".into());
    let s = Scope::new(&q2, &a, &P(&["deployer"]));
    assert_eq!(s.hints, [Hint { classification: "classify-gpai".into(), profiles: vec!["gpai-provider".into()] }]);
}

#[test]
fn chosen_profiles_are_checked_against_the_questionnaire() {
    let q = q();
    assert_eq!(choose_profiles(&q, &P(&["deployer, provider", "deployer"])).unwrap(), ["deployer", "provider"]);
    let e = choose_profiles(&q, &P(&["deployr"])).unwrap_err();
    assert!(e.contains("no profile `deployr` (did you mean `deployer`?)"), "{e}");
    assert!(choose_profiles(&q, &P(&["  ", ""])).unwrap().is_empty());
}
