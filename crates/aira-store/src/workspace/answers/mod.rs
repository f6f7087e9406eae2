//! `answers/<respondent>.toml`: one table per answered question, in questionnaire order.
//! The parsed document is kept so that rewriting it after a change keeps the user's comments.

use std::collections::HashMap;
use std::path::Path;

use toml_edit::{Array, DocumentMut, InlineTable, Item, Table, Value as TValue};

use super::error::{Result, WorkspaceError};
use aira_core::assessment::{Answer, LogEntry, Respondent, Value};
use aira_core::questionnaire::Scale;
use aira_core::text::{find_forbidden_control, forbidden_in_stored};
use aira_core::tomltree::{self, Item as TreeItem, Table as TreeTable, Value as TreeValue};

pub mod evidence;

pub const FORMAT: i64 = 1;

/// Parse an answers file into a respondent and the editable document it came from.
pub fn parse(path: &Path, id: &str, text: &str, scale: &Scale) -> Result<(Respondent, DocumentMut)> {
    let r = read(path, id, text, scale)?;
    let doc = text.parse::<DocumentMut>().map_err(|e| {
        WorkspaceError::at(path, text, e.span().map(|s| s.start), format!("invalid TOML: {}", e.message().trim()))
    })?;
    Ok((r, doc))
}

/// Parse an answers file into a respondent only (the document can be parsed when it is first
/// written to): what opening a workspace needs, through the fast reader.
pub fn read(path: &Path, id: &str, text: &str, scale: &Scale) -> Result<Respondent> {
    read_awaiting_scale(path, id, text, &|| Some(scale.clone()))
}

/// [`read`], asking for the scale only at the end, so that parsing and building the answers
/// can run while the questionnaire is still being read. `None` from `scale` fails the read.
pub fn read_awaiting_scale(path: &Path, id: &str, text: &str, scale: &dyn Fn() -> Option<Scale>) -> Result<Respondent> {
    // Every scale lies within 0..=100: build against that, then check the levels found against
    // the real scale; only a file with a level outside it is built again, for the exact error.
    let widest = Scale { min: 0, max: 100, ..Scale::default() };
    tomltree::read(
        text,
        |doc, _| {
            let built = respondent(path, id, text, doc, &widest);
            let scale =
                scale().ok_or_else(|| WorkspaceError::Invalid("no questionnaire to check answers against".into()))?;
            let fits = |l: Option<u8>| l.is_none_or(|l| scale.contains(l));
            match built {
                Ok(r) if r.answers.values().all(|a| fits(a.level()) && fits(a.target)) => Ok(r),
                _ => respondent(path, id, text, doc, &scale),
            }
        },
        |errors| {
            let first = errors.first();
            let message = first.map_or_else(String::new, |e| e.message().trim().to_owned());
            WorkspaceError::at(
                path,
                text,
                first.and_then(|e| e.span()).map(|s| s.start),
                format!("invalid TOML: {message}"),
            )
        },
    )
}

fn respondent(path: &Path, id: &str, text: &str, doc: &TreeTable<'_>, scale: &Scale) -> Result<Respondent> {
    let bad = |item: &TreeItem<'_>, msg: String| WorkspaceError::at(path, text, Some(item.span.range().start), msg);
    if let Some(f) = doc.get("format") {
        let TreeValue::Integer(Some(n)) = f.value else { return Err(bad(f, "`format` must be an integer".into())) };
        if n > FORMAT {
            return Err(WorkspaceError::NewerFormat { path: path.to_owned(), found: n, supported: FORMAT });
        }
    }
    let mut r = Respondent::new(id, id);
    if let Some(t) = doc.get("respondent") {
        let TreeValue::Table(t) = &t.value else { return Err(bad(t, "`respondent` must be a table".into())) };
        for (key, slot) in [("name", &mut r.name), ("role", &mut r.role)] {
            if let Some(n) = t.get(key) {
                let TreeValue::String(s) = &n.value else { return Err(bad(n, format!("`{key}` must be a string"))) };
                if let Some((_, c)) = forbidden_in_stored(key, s) {
                    return Err(bad(n, format!("`{key}` contains control character U+{:04X}", c as u32)));
                }
                *slot = s.to_string();
            }
        }
        if let Some(a) = t.get("archived") {
            let TreeValue::Boolean(b) = &a.value else { return Err(bad(a, "`archived` must be true or false".into())) };
            r.archived = *b;
        }
    }
    let Some(answers) = doc.get("answers") else { return Ok(r) };
    let TreeValue::Table(answers) = &answers.value else {
        return Err(bad(answers, "`answers` must be a table".into()));
    };
    for (qid, _, item) in answers.iter() {
        if let Some((_, c)) = forbidden_in_stored("", qid) {
            return Err(bad(item, format!("a question id contains control character U+{:04X}", c as u32)));
        }
        let TreeValue::Table(t) = &item.value else { return Err(bad(item, format!("answer `{qid}` must be a table"))) };
        let int = |k: &str| -> Result<Option<u8>> {
            let Some(v) = t.get(k) else { return Ok(None) };
            match &v.value {
                TreeValue::Integer(Some(n)) => u8::try_from(*n).ok().filter(|&n| scale.contains(n)),
                _ => None,
            }
            .map(Some)
            .ok_or_else(|| bad(v, format!("`{k}` of `{qid}` must be a level from {} to {}", scale.min, scale.max)))
        };
        let string = |k: &str, multiline: bool| -> Result<String> {
            let Some(v) = t.get(k) else { return Ok(String::new()) };
            let TreeValue::String(s) = &v.value else {
                return Err(bad(v, format!("`{k}` of `{qid}` must be a string")));
            };
            match find_forbidden_control(s, multiline) {
                Some((_, c)) => Err(bad(v, format!("`{k}` of `{qid}` contains control character U+{:04X}", c as u32))),
                None => Ok(s.to_string()),
            }
        };
        let flag = |k: &str| -> Result<bool> {
            match t.get(k).map(|v| (v, &v.value)) {
                None => Ok(false),
                Some((_, TreeValue::Boolean(b))) => Ok(*b),
                Some((v, _)) => Err(bad(v, format!("`{k}` of `{qid}` must be true or false"))),
            }
        };
        let value = match (int("level")?, flag("not_applicable")?) {
            (Some(_), true) => return Err(bad(item, format!("`{qid}` has both a level and not_applicable = true"))),
            (Some(l), false) => Some(Value::Level(l)),
            (None, true) => Some(Value::NotApplicable),
            (None, false) => None,
        };
        let mut a = Answer {
            value,
            target: int("target")?,
            note: string("note", true)?,
            flag: flag("flag")?,
            answered_at: string("answered_at", false)?,
            answered_by: string("answered_by", false)?,
            ..Answer::default()
        };
        if let Some(ev) = t.get("evidence") {
            let TreeValue::Array(arr) = &ev.value else { return Err(bad(ev, evidence::not_a_list(qid))) };
            for v in &arr.items {
                a.evidence.push(evidence::parse_item(v, qid, &bad)?);
            }
        }
        if let Some(log) = t.get("log") {
            a.log = parse_log(log, qid, &bad)?;
        }
        r.answers.insert(qid.to_owned(), a);
    }
    Ok(r)
}

/// `log = [{ at, by, text }, …]`: every entry needs all three strings; only `text` may hold
/// newlines and tabs.
fn parse_log(
    item: &TreeItem<'_>,
    qid: &str,
    bad: &dyn Fn(&TreeItem<'_>, String) -> WorkspaceError,
) -> Result<Vec<LogEntry>> {
    let shape = || format!("`log` of `{qid}` must be a list of {{ at = \"…\", by = \"…\", text = \"…\" }}");
    let TreeValue::Array(arr) = &item.value else { return Err(bad(item, shape())) };
    let mut log = Vec::new();
    for v in &arr.items {
        // Entries have spans of their own: point at the bad entry itself.
        let TreeValue::Table(t) = &v.value else { return Err(bad(v, shape())) };
        let field = |k: &str| -> Result<String> {
            let Some(TreeValue::String(s)) = t.get(k).map(|x| &x.value) else {
                return Err(bad(v, format!("a `log` entry of `{qid}` needs a string `{k}`")));
            };
            match find_forbidden_control(s, k == "text") {
                Some((_, c)) => {
                    Err(bad(v, format!("`log` {k} of `{qid}` contains control character U+{:04X}", c as u32)))
                }
                None => Ok(s.to_string()),
            }
        };
        log.push(LogEntry { at: field("at")?, by: field("by")?, text: field("text")? });
    }
    Ok(log)
}

/// The log as an array of inline tables, one per line so that additions diff (and merge) well.
pub fn log_array(log: &[LogEntry]) -> Array {
    let mut arr = Array::new();
    for e in log {
        let mut t = InlineTable::new();
        t.insert("at", e.at.as_str().into());
        t.insert("by", e.by.as_str().into());
        t.insert("text", e.text.as_str().into());
        let mut v = TValue::InlineTable(t);
        v.decor_mut().set_prefix("\n  ");
        arr.push_formatted(v);
    }
    arr.set_trailing_comma(true);
    arr.set_trailing("\n");
    arr
}

/// A fresh document for a new respondent.
pub fn new_document(r: &Respondent) -> DocumentMut {
    let mut doc = DocumentMut::new();
    doc.decor_mut().set_prefix(
        "# Answers given by one respondent. Plain TOML: edit it by hand if you like;\n\
         # aira keeps your comments when it rewrites this file.\n",
    );
    doc["format"] = toml_edit::value(FORMAT);
    let mut t = Table::new();
    t.insert("name", toml_edit::value(r.name.as_str()));
    if !r.role.is_empty() {
        t.insert("role", toml_edit::value(r.role.as_str()));
    }
    if r.archived {
        t.insert("archived", toml_edit::value(true));
    }
    doc["respondent"] = Item::Table(t);
    let mut answers = Table::new();
    answers.set_implicit(true);
    doc["answers"] = Item::Table(answers);
    doc
}

/// A whole answers file at once, tables in questionnaire order (`order`: question id → index).
/// For bulk writers such as the benchmark generator, which would otherwise re-render the file
/// once per answer.
pub fn render(r: &Respondent, order: &HashMap<String, usize>) -> String {
    let mut doc = new_document(r);
    for (qid, a) in &r.answers {
        set_answer(&mut doc, qid, Some(a), order.get(qid).copied().unwrap_or(order.len()));
    }
    doc.to_string()
}

/// Update the respondent's name and role in place.
pub fn set_respondent(doc: &mut DocumentMut, r: &Respondent) {
    if !doc.get("respondent").is_some_and(Item::is_table) {
        doc["respondent"] = Item::Table(Table::new());
    }
    set_value(&mut doc["respondent"], "name", Some(TValue::from(r.name.as_str())));
    let role = (!r.role.is_empty()).then(|| TValue::from(r.role.as_str()));
    set_value(&mut doc["respondent"], "role", role);
    set_value(&mut doc["respondent"], "archived", r.archived.then(|| TValue::from(true)));
}

/// Replace a value, keeping the decor (comments, spacing) of the one it replaces.
fn set_value(table: &mut Item, key: &str, new: Option<TValue>) {
    let Some(t) = table.as_table_like_mut() else { return };
    match new {
        None => {
            t.remove(key);
        }
        Some(mut v) => {
            if let Some(old) = t.get(key).and_then(Item::as_value) {
                *v.decor_mut() = old.decor().clone();
            }
            t.insert(key, Item::Value(v));
        }
    }
}

/// Write one answer (or remove it with `None`) into the document. `position` orders the
/// table as the questionnaire does, so the file reads in the same order as the wizard.
pub fn set_answer(doc: &mut DocumentMut, question_id: &str, answer: Option<&Answer>, position: usize) {
    if !doc.get("answers").is_some_and(Item::is_table) {
        let mut t = Table::new();
        t.set_implicit(true);
        doc["answers"] = Item::Table(t);
    }
    let Some(answers) = doc["answers"].as_table_mut() else { return };
    let Some(a) = answer.filter(|a| !a.is_empty()) else {
        answers.remove(question_id);
        return;
    };
    if !answers.get(question_id).is_some_and(Item::is_table) {
        let mut t = Table::new();
        // Room for the respondent table and top-level keys before the first answer. A table
        // already in the file keeps its place (a parsed table's position is its place there).
        t.set_position(Some(isize::try_from(position).unwrap_or(isize::MAX - 10).saturating_add(10)));
        answers.insert(question_id, Item::Table(t));
    }
    let item = &mut answers[question_id];
    let level = a.level().map(|l| TValue::from(i64::from(l)));
    let na = (a.value == Some(Value::NotApplicable)).then(|| TValue::from(true));
    set_value(item, "level", level);
    set_value(item, "not_applicable", na);
    set_value(item, "target", a.target.map(|l| TValue::from(i64::from(l))));
    set_value(item, "flag", a.flag.then(|| TValue::from(true)));
    set_value(item, "note", (!a.note.is_empty()).then(|| TValue::from(a.note.as_str())));
    set_value(item, "evidence", (!a.evidence.is_empty()).then(|| TValue::Array(evidence::array(&a.evidence))));
    set_value(item, "answered_at", (!a.answered_at.is_empty()).then(|| TValue::from(a.answered_at.as_str())));
    set_value(item, "answered_by", (!a.answered_by.is_empty()).then(|| TValue::from(a.answered_by.as_str())));
    set_value(item, "log", (!a.log.is_empty()).then(|| TValue::Array(log_array(&a.log))));
}

#[cfg(test)]
mod tests;
