//! How an agreed value is worded wherever it is shown (the wizard's card and every report's
//! answer section): the agreed value, the facilitator's rationale (`aira agree --note`), and
//! the respondents' own values beside it, so an agreed score is never read as a respondent's.

use crate::assessment::{Assessment, Value};

fn value(v: Value) -> String {
    match v {
        Value::Level(l) => l.to_string(),
        Value::NotApplicable => "N/A".to_owned(),
    }
}

/// "agreed: 2 (Board approval still missing) — respondents 2, 4, 1"; `None` when the question
/// has no agreed value. Respondents are listed in the assessment's order; those who gave no
/// value are left out. Plain text: each writer escapes it for its format.
pub fn agreed_line(a: &Assessment, question_id: &str) -> Option<String> {
    let agreed = *a.agreed.get(question_id)?;
    let note = a.agreed_meta.get(question_id).map(|d| d.note.trim()).unwrap_or_default();
    let why = if note.is_empty() { String::new() } else { format!(" ({note})") };
    let given: Vec<String> =
        a.respondents.iter().filter_map(|r| r.answer(question_id).and_then(|x| x.value)).map(value).collect();
    let who = if given.is_empty() {
        "no respondent gave a level".to_owned()
    } else {
        format!("respondents {}", given.join(", "))
    };
    Some(format!("agreed: {}{why} — {who}", value(agreed)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::{Answer, Respondent};

    fn with(levels: &[Option<Value>]) -> Assessment {
        let mut a = Assessment::default();
        for (i, v) in levels.iter().enumerate() {
            let mut r = Respondent::new(&format!("r{i}"), &format!("R{i}"));
            if v.is_some() {
                r.answers.insert("q".into(), Answer { value: *v, ..Default::default() });
            }
            a.respondents.push(r);
        }
        a
    }

    #[test]
    fn the_agreed_value_its_rationale_and_the_respondents_levels() {
        let mut a = with(&[Some(Value::Level(2)), Some(Value::Level(4)), None, Some(Value::Level(1))]);
        assert_eq!(agreed_line(&a, "q"), None);
        a.set_agreed("q", Some(Value::Level(2)), "fac", "2026-11-22T10:00:00Z");
        assert_eq!(agreed_line(&a, "q").unwrap(), "agreed: 2 — respondents 2, 4, 1");
        a.agreed_meta.get_mut("q").unwrap().note = "  Board approval still missing ".into();
        assert_eq!(agreed_line(&a, "q").unwrap(), "agreed: 2 (Board approval still missing) — respondents 2, 4, 1");
        let mut b = with(&[Some(Value::NotApplicable), None]);
        b.set_agreed("q", Some(Value::NotApplicable), "fac", "t");
        assert_eq!(agreed_line(&b, "q").unwrap(), "agreed: N/A — respondents N/A");
        let mut c = with(&[None]);
        c.set_agreed("q", Some(Value::Level(3)), "fac", "t");
        assert_eq!(agreed_line(&c, "q").unwrap(), "agreed: 3 — no respondent gave a level");
    }
}
