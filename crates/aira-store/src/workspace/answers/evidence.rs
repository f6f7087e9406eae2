//! How an answer's evidence items are stored: a plain string (what older files hold, and an item
//! with only a reference), or an inline table `{ ref, size, sha256, added_at, added_by, note }`.
//! The same shape is written to answers files, journals and history entries.

use toml_edit::{Array, InlineTable, Value as TValue};

use super::super::error::{Result, WorkspaceError};
use aira_core::assessment::{Evidence, is_sha256_hex};
use aira_core::text::{find_forbidden_control, forbidden_in_stored};
use aira_core::tomltree::{Item as TreeItem, Value as TreeValue};

const KEYS: &[&str] = &["ref", "size", "sha256", "added_at", "added_by", "note"];

/// One item as a TOML value.
pub fn to_value(e: &Evidence) -> TValue {
    if e.is_plain() {
        return TValue::from(e.reference.as_str());
    }
    let mut t = InlineTable::new();
    t.insert("ref", e.reference.as_str().into());
    if let Some(n) = e.size {
        t.insert("size", TValue::from(i64::try_from(n).unwrap_or(i64::MAX)));
    }
    if let Some(h) = &e.sha256 {
        t.insert("sha256", h.as_str().into());
    }
    for (k, v) in [("added_at", &e.added_at), ("added_by", &e.added_by), ("note", &e.note)] {
        if !v.is_empty() {
            t.insert(k, v.as_str().into());
        }
    }
    TValue::InlineTable(t)
}

/// The list as a TOML array (one item per line once any item is a table, so additions diff well).
pub fn array(list: &[Evidence]) -> Array {
    let mut arr: Array = list.iter().map(to_value).collect();
    if list.iter().any(|e| !e.is_plain()) {
        for v in arr.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
        }
        arr.set_trailing_comma(true);
        arr.set_trailing("\n");
    }
    arr
}

/// An item read back from a history entry (for undo); `None` for a shape it cannot be.
pub fn from_toml(v: &toml::Value) -> Option<Evidence> {
    match v {
        toml::Value::String(s) => Some(Evidence::new(s)),
        toml::Value::Table(t) => {
            let s = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or_default().to_owned();
            Some(Evidence {
                reference: t.get("ref")?.as_str()?.to_owned(),
                size: t.get("size").and_then(toml::Value::as_integer).and_then(|n| u64::try_from(n).ok()),
                sha256: t.get("sha256").and_then(toml::Value::as_str).map(str::to_owned),
                added_at: s("added_at"),
                added_by: s("added_by"),
                note: s("note"),
            })
        }
        _ => None,
    }
}

/// An item of an answers file's `evidence` list, checked: a string, or a table with a string
/// `ref`, a size ≥ 0, a 64-hex-digit `sha256`, one-line stamps and a note.
pub(super) fn parse_item(
    v: &TreeItem<'_>,
    qid: &str,
    bad: &dyn Fn(&TreeItem<'_>, String) -> WorkspaceError,
) -> Result<Evidence> {
    let control = |c: char| bad(v, format!("`evidence` of `{qid}` contains control character U+{:04X}", c as u32));
    let t = match &v.value {
        TreeValue::String(s) => {
            return match forbidden_in_stored("evidence", s) {
                Some((_, c)) => Err(control(c)),
                None => Ok(Evidence::new(s)),
            };
        }
        TreeValue::Table(t) => t,
        _ => return Err(bad(v, shape(qid))),
    };
    if let Some((k, _, _)) = t.iter().find(|(k, _, _)| !KEYS.contains(k)) {
        let k = aira_core::text::sanitize(k, false);
        return Err(bad(
            v,
            format!("an `evidence` item of `{qid}` has an unknown key `{k}` (known: {})", KEYS.join(", ")),
        ));
    }
    let string = |k: &str, multiline: bool| -> Result<String> {
        match t.get(k).map(|x| &x.value) {
            None => Ok(String::new()),
            Some(TreeValue::String(s)) => match find_forbidden_control(s, multiline) {
                Some((_, c)) => Err(control(c)),
                None => Ok(s.to_string()),
            },
            Some(_) => Err(bad(v, format!("`{k}` of an `evidence` item of `{qid}` must be a string"))),
        }
    };
    let reference = string("ref", false)?;
    if reference.trim().is_empty() {
        return Err(bad(v, format!("an `evidence` item of `{qid}` needs a non-empty string `ref`")));
    }
    let size = match t.get("size").map(|x| &x.value) {
        None => None,
        Some(TreeValue::Integer(Some(n))) if *n >= 0 => u64::try_from(*n).ok(),
        Some(_) => return Err(bad(v, format!("`size` of an `evidence` item of `{qid}` must be a whole number ≥ 0"))),
    };
    let sha256 = match t.get("sha256") {
        None => None,
        Some(_) => {
            let h = string("sha256", false)?;
            if !is_sha256_hex(&h) {
                return Err(bad(
                    v,
                    format!("`sha256` of an `evidence` item of `{qid}` must be 64 lowercase hex digits"),
                ));
            }
            Some(h)
        }
    };
    Ok(Evidence {
        reference,
        size,
        sha256,
        added_at: string("added_at", false)?,
        added_by: string("added_by", false)?,
        note: string("note", true)?,
    })
}

fn shape(qid: &str) -> String {
    format!("`evidence` of `{qid}` must be a list of strings or of {{ ref = \"…\", … }} tables")
}

/// The error for an `evidence` value that is not a list at all.
pub(super) fn not_a_list(qid: &str) -> String {
    shape(qid)
}
