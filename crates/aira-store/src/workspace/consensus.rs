//! `consensus.toml`: the values the facilitator agreed with the respondents after discussion,
//! one `[agreed.<question-id>]` table per question. Parsed into `Assessment::agreed` and
//! `agreed_meta`; rewritten in place so that hand-written comments survive.

use std::collections::BTreeMap;
use std::path::Path;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value as TValue};

use super::error::{Result, WorkspaceError};
use aira_core::assessment::{Decision, Value};
use aira_core::questionnaire::Scale;
use aira_core::text::find_forbidden_control;

pub const FILE: &str = "consensus.toml";
pub const FORMAT: i64 = 1;

/// Agreed values by question id, each with its decision.
pub type Agreed = BTreeMap<String, (Value, Decision)>;

pub fn parse(path: &Path, text: &str, scale: &Scale) -> Result<(Agreed, DocumentMut)> {
    let doc = super::versioned::parse(path, text, FORMAT)?;
    let bad = |item: &Item, msg: String| WorkspaceError::at(path, text, item.span().map(|s| s.start), msg);
    let mut agreed = Agreed::new();
    let Some(all) = doc.get("agreed") else { return Ok((agreed, doc.into_mut())) };
    // Keys and any other string: the per-field checks below name the field more precisely.
    let checked = super::strings::check_document(path, text, doc.as_table());
    let all = all.as_table_like().ok_or_else(|| bad(all, "`agreed` must be a table".into()))?;
    for (qid, item) in all.iter() {
        let t = item.as_table_like().ok_or_else(|| bad(item, format!("agreed `{qid}` must be a table")))?;
        let string = |k: &str, multiline: bool| -> Result<String> {
            let Some(v) = t.get(k) else { return Ok(String::new()) };
            let s = v.as_str().ok_or_else(|| bad(v, format!("`{k}` of agreed `{qid}` must be a string")))?;
            match find_forbidden_control(s, multiline) {
                Some((_, c)) => {
                    Err(bad(v, format!("`{k}` of agreed `{qid}` contains control character U+{:04X}", c as u32)))
                }
                None => Ok(s.to_owned()),
            }
        };
        let level = match t.get("level") {
            None => None,
            Some(v) => {
                Some(v.as_integer().and_then(|n| u8::try_from(n).ok()).filter(|&n| scale.contains(n)).ok_or_else(
                    || bad(v, format!("`level` of agreed `{qid}` must be a level from {} to {}", scale.min, scale.max)),
                )?)
            }
        };
        let na = match t.get("not_applicable") {
            None => false,
            Some(v) => v
                .as_bool()
                .ok_or_else(|| bad(v, format!("`not_applicable` of agreed `{qid}` must be true or false")))?,
        };
        let value = match (level, na) {
            (Some(l), false) => Value::Level(l),
            (None, true) => Value::NotApplicable,
            (Some(_), true) => {
                return Err(bad(item, format!("agreed `{qid}` has both a level and not_applicable = true")));
            }
            (None, false) => {
                return Err(bad(item, format!("agreed `{qid}` needs `level = N` or `not_applicable = true`")));
            }
        };
        let d = Decision {
            decided_at: string("decided_at", false)?,
            decided_by: string("decided_by", false)?,
            note: string("note", true)?,
        };
        agreed.insert(qid.to_owned(), (value, d));
    }
    checked?;
    Ok((agreed, doc.into_mut()))
}

pub fn new_document() -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# Levels agreed with the respondents after discussion; they win over the mean of their\n\
         # answers. Plain TOML: aira keeps your comments when it rewrites this file.\n",
    );
    doc["format"] = toml_edit::value(FORMAT);
    doc
}

/// Write (or with `None` remove) one question's agreed value. `position` orders the tables as
/// the questionnaire does.
pub fn set(doc: &mut DocumentMut, question_id: &str, new: Option<&(Value, Decision)>, position: usize) {
    if !doc.get("agreed").is_some_and(Item::is_table) {
        let mut t = Table::new();
        t.set_implicit(true);
        doc["agreed"] = Item::Table(t);
    }
    let Some(all) = doc["agreed"].as_table_mut() else { return };
    let Some((value, d)) = new else {
        all.remove(question_id);
        return;
    };
    if !all.get(question_id).is_some_and(Item::is_table) {
        all.insert(question_id, Item::Table(Table::new()));
    }
    let Some(t) = all[question_id].as_table_mut() else { return };
    t.set_position(Some(isize::try_from(position).unwrap_or(isize::MAX - 10).saturating_add(10)));
    for (k, v) in fields(*value, d) {
        match v {
            Some(mut v) => {
                if let Some(old) = t.get(k).and_then(Item::as_value) {
                    *v.decor_mut() = old.decor().clone();
                }
                t.insert(k, Item::Value(v));
            }
            None => {
                t.remove(k);
            }
        }
    }
}

fn fields(value: Value, d: &Decision) -> [(&'static str, Option<TValue>); 5] {
    let text = |s: &str| (!s.is_empty()).then(|| TValue::from(s));
    [
        ("level", if let Value::Level(l) = value { Some(TValue::from(i64::from(l))) } else { None }),
        ("not_applicable", (value == Value::NotApplicable).then(|| TValue::from(true))),
        ("decided_at", text(&d.decided_at)),
        ("decided_by", text(&d.decided_by)),
        ("note", text(&d.note)),
    ]
}

/// One agreed value as the inline table of a history entry.
pub fn inline(value: Value, d: &Decision) -> InlineTable {
    let mut t = InlineTable::new();
    for (k, v) in fields(value, d) {
        if let Some(v) = v {
            t.insert(k, v);
        }
    }
    t
}

/// Back from a history entry's inline table (for undo); `None` for `{}` or an unknown shape.
pub fn from_table(t: &toml::Table) -> Option<(Value, Decision)> {
    let s = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let value = match (t.get("level").and_then(toml::Value::as_integer), t.get("not_applicable")) {
        (Some(l), _) => Value::Level(u8::try_from(l).ok()?),
        (None, Some(toml::Value::Boolean(true))) => Value::NotApplicable,
        _ => return None,
    };
    Some((value, Decision { decided_at: s("decided_at"), decided_by: s("decided_by"), note: s("note") }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_writes_and_keeps_comments() {
        let text = "# ours\nformat = 1\n\n[agreed.q1] # after the workshop\nlevel = 2\ndecided_at = \"2026-01-01T10:00:00Z\"\ndecided_by = \"alex\"\n";
        let (agreed, mut doc) = parse(Path::new("c.toml"), text, &Scale::default()).unwrap();
        assert_eq!(agreed["q1"].0, Value::Level(2));
        assert_eq!(agreed["q1"].1.decided_by, "alex");
        let d =
            Decision { decided_at: "2026-01-02T10:00:00Z".into(), decided_by: "bo".into(), note: "two\nlines".into() };
        set(&mut doc, "q2", Some(&(Value::NotApplicable, d.clone())), 1);
        set(&mut doc, "q1", Some(&(Value::Level(4), d.clone())), 0);
        let out = doc.to_string();
        assert!(out.contains("# ours") && out.contains("# after the workshop"), "{out}");
        let (back, _) = parse(Path::new("c.toml"), &out, &Scale::default()).unwrap();
        assert_eq!(back["q1"], (Value::Level(4), d.clone()));
        assert_eq!(back["q2"], (Value::NotApplicable, d.clone()));
        let t: toml::Table = format!("x = {}", inline(Value::Level(4), &d)).parse().unwrap();
        assert_eq!(from_table(t["x"].as_table().unwrap()), Some((Value::Level(4), d)));
        set(&mut doc, "q1", None, 0);
        assert!(!doc.to_string().contains("agreed.q1"));
    }

    #[test]
    fn bad_values_are_located() {
        let e = |t: &str| parse(Path::new("c.toml"), t, &Scale::default()).unwrap_err().to_string();
        assert_eq!(e("[agreed.q1]\nlevel = 9\n"), "c.toml:2:9: `level` of agreed `q1` must be a level from 0 to 5");
        assert_eq!(
            e("[agreed.q1]\nnote = \"x\"\n"),
            "c.toml:1:1: agreed `q1` needs `level = N` or `not_applicable = true`"
        );
        assert!(e("format = 2\n").contains("newer"));
        assert!(e("[agreed\n").starts_with("c.toml:1:"));
    }
}
