//! `targets.toml`: the engagement's target level per question, one `[target.<question-id>]`
//! table each, with who set it and when. Parsed into `Assessment::targets`; rewritten in place
//! so that hand-written comments survive. A workspace without the file has the targets its
//! respondents and `[targets.questions]` set before (`scoring::migrated_targets`); the first
//! change writes them into the file, each with a history entry (docs/workspace-format.md).

use std::collections::BTreeMap;
use std::path::Path;

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value as TValue};

use super::error::{Result, WorkspaceError};
use aira_core::questionnaire::Scale;
use aira_core::text::find_forbidden_control;

pub const FILE: &str = "targets.toml";
pub const FORMAT: i64 = 1;
/// The history kind of a change to an engagement target.
pub const KIND: &str = "target";
/// `set_by` of a target taken over from the answers files or workspace.toml.
pub const MIGRATED_BY: &str = "aira (migrated from earlier targets)";

/// One question's engagement target.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub level: u8,
    pub set_by: String,
    /// RFC 3339; empty for a migrated target (it was set before anyone recorded when).
    pub set_at: String,
}

/// Engagement targets by question id.
pub type Targets = BTreeMap<String, Target>;

pub fn parse(path: &Path, text: &str, scale: &Scale) -> Result<(Targets, DocumentMut)> {
    let doc = super::versioned::parse(path, text, FORMAT)?;
    let bad = |item: &Item, msg: String| WorkspaceError::at(path, text, item.span().map(|s| s.start), msg);
    let mut out = Targets::new();
    let Some(all) = doc.get("target") else { return Ok((out, doc.into_mut())) };
    let checked = super::strings::check_document(path, text, doc.as_table());
    let all = all.as_table_like().ok_or_else(|| bad(all, "`target` must be a table".into()))?;
    for (qid, item) in all.iter() {
        let t = item.as_table_like().ok_or_else(|| bad(item, format!("target `{qid}` must be a table")))?;
        let string = |k: &str| -> Result<String> {
            let Some(v) = t.get(k) else { return Ok(String::new()) };
            let s = v.as_str().ok_or_else(|| bad(v, format!("`{k}` of target `{qid}` must be a string")))?;
            match find_forbidden_control(s, false) {
                Some((_, c)) => {
                    Err(bad(v, format!("`{k}` of target `{qid}` contains control character U+{:04X}", c as u32)))
                }
                None => Ok(s.to_owned()),
            }
        };
        let v = t.get("level").ok_or_else(|| bad(item, format!("target `{qid}` needs `level = N`")))?;
        let level =
            v.as_integer().and_then(|n| u8::try_from(n).ok()).filter(|&n| scale.contains(n)).ok_or_else(|| {
                bad(v, format!("`level` of target `{qid}` must be a level from {} to {}", scale.min, scale.max))
            })?;
        out.insert(qid.to_owned(), Target { level, set_by: string("set_by")?, set_at: string("set_at")? });
    }
    checked?;
    Ok((out, doc.into_mut()))
}

pub fn new_document() -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# The engagement's target level per question (`aira target`, or `t` and a digit in the\n\
         # wizard). Plain TOML: aira keeps your comments when it rewrites this file.\n",
    );
    doc["format"] = toml_edit::value(FORMAT);
    doc
}

/// Write (or with `None` remove) one question's target. `position` orders the tables as the
/// questionnaire does.
pub fn set(doc: &mut DocumentMut, question_id: &str, new: Option<&Target>, position: usize) {
    if !doc.get("target").is_some_and(Item::is_table) {
        let mut t = Table::new();
        t.set_implicit(true);
        doc["target"] = Item::Table(t);
    }
    let Some(all) = doc["target"].as_table_mut() else { return };
    let Some(new) = new else {
        all.remove(question_id);
        return;
    };
    if !all.get(question_id).is_some_and(Item::is_table) {
        all.insert(question_id, Item::Table(Table::new()));
    }
    let Some(t) = all[question_id].as_table_mut() else { return };
    t.set_position(Some(isize::try_from(position).unwrap_or(isize::MAX - 10).saturating_add(10)));
    for (k, v) in fields(new) {
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

fn fields(t: &Target) -> [(&'static str, Option<TValue>); 3] {
    let text = |s: &str| (!s.is_empty()).then(|| TValue::from(s));
    [("level", Some(TValue::from(i64::from(t.level)))), ("set_by", text(&t.set_by)), ("set_at", text(&t.set_at))]
}

/// One target as the inline table of a history entry.
pub fn inline(t: &Target) -> InlineTable {
    let mut out = InlineTable::new();
    for (k, v) in fields(t) {
        if let Some(v) = v {
            out.insert(k, v);
        }
    }
    out
}

/// Back from a history entry's inline table (for undo); `None` for `{}` or an unknown shape.
pub fn from_table(t: &toml::Table) -> Option<Target> {
    let s = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
    let level = u8::try_from(t.get("level").and_then(toml::Value::as_integer)?).ok()?;
    Some(Target { level, set_by: s("set_by"), set_at: s("set_at") })
}

/// The levels alone, as scoring reads them.
pub fn levels(t: &Targets) -> BTreeMap<String, u8> {
    t.iter().map(|(k, v)| (k.clone(), v.level)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_writes_and_keeps_comments() {
        let text = "# ours\nformat = 1\n\n[target.q1] # board decision\nlevel = 3\nset_by = \"alex\"\n";
        let (t, mut doc) = parse(Path::new("t.toml"), text, &Scale::default()).unwrap();
        assert_eq!(t["q1"], Target { level: 3, set_by: "alex".into(), set_at: String::new() });
        let new = Target { level: 4, set_by: "bo".into(), set_at: "2026-01-02T10:00:00Z".into() };
        set(&mut doc, "q2", Some(&new), 1);
        set(&mut doc, "q1", Some(&new), 0);
        let out = doc.to_string();
        assert!(out.contains("# ours") && out.contains("# board decision"), "{out}");
        let (back, _) = parse(Path::new("t.toml"), &out, &Scale::default()).unwrap();
        assert_eq!((&back["q1"], &back["q2"]), (&new, &new));
        let tt: toml::Table = format!("x = {}", inline(&new)).parse().unwrap();
        assert_eq!(from_table(tt["x"].as_table().unwrap()), Some(new));
        set(&mut doc, "q1", None, 0);
        assert!(!doc.to_string().contains("target.q1"));
    }

    #[test]
    fn bad_values_are_located() {
        let e = |t: &str| parse(Path::new("t.toml"), t, &Scale::default()).unwrap_err().to_string();
        assert_eq!(e("[target.q1]\nlevel = 9\n"), "t.toml:2:9: `level` of target `q1` must be a level from 0 to 5");
        assert_eq!(e("[target.q1]\nset_by = \"x\"\n"), "t.toml:1:1: target `q1` needs `level = N`");
        assert_eq!(e("[target.q1]\nlevel = 2\nset_by = 3\n"), "t.toml:3:10: `set_by` of target `q1` must be a string");
        assert!(e("format = 2\n").contains("newer"));
        assert!(e("[target\n").starts_with("t.toml:1:"));
    }
}
