//! Every string of a parsed workspace file, keys included, checked against the text room's
//! rule (`aira_core::text::forbidden_in_stored`), so a file holding a control character is
//! refused with file:line:col wherever it sits, and nothing read from it can drive a terminal.

use std::path::Path;

use toml_edit::{Item, Value};

use super::error::{Result, WorkspaceError};
use aira_core::text::forbidden_in_stored;

/// Check a whole document parsed with spans (`toml_edit::Document::parse`).
pub fn check_document(path: &Path, text: &str, doc: &toml_edit::Table) -> Result<()> {
    check_table(path, text, doc.iter(), None)
}

/// A document's text: parsed here for its spans. Text that does not parse passes (the file's
/// own parser reports that, with its own position).
pub fn check_text(path: &Path, text: &str) -> Result<()> {
    match toml_edit::Document::parse(text) {
        Ok(doc) => check_document(path, text, doc.as_table()),
        Err(_) => Ok(()),
    }
}

fn refuse(path: &Path, text: &str, at: Option<usize>, what: &str, c: char) -> WorkspaceError {
    WorkspaceError::at(path, text, at, format!("{what} contains control character U+{:04X}", c as u32))
}

fn check_table<'a>(
    path: &Path,
    text: &str,
    entries: impl Iterator<Item = (&'a str, &'a Item)>,
    at: Option<usize>,
) -> Result<()> {
    for (key, item) in entries {
        let here = item.span().map(|s| s.start).or(at);
        if let Some((_, c)) = forbidden_in_stored("", key) {
            return Err(refuse(path, text, here, "a key", c));
        }
        match item {
            Item::Value(v) => check_value(path, text, key, v, here)?,
            Item::Table(t) => check_table(path, text, t.iter(), t.span().map(|s| s.start).or(here))?,
            Item::ArrayOfTables(a) => {
                for t in a.iter() {
                    check_table(path, text, t.iter(), t.span().map(|s| s.start).or(here))?;
                }
            }
            Item::None => {}
        }
    }
    Ok(())
}

fn check_value(path: &Path, text: &str, key: &str, v: &Value, at: Option<usize>) -> Result<()> {
    let here = v.span().map(|s| s.start).or(at);
    match v {
        Value::String(s) => match forbidden_in_stored(key, s.value()) {
            Some((_, c)) => Err(refuse(path, text, here, &format!("`{}`", aira_core::text::sanitize(key, false)), c)),
            None => Ok(()),
        },
        Value::Array(a) => a.iter().try_for_each(|v| check_value(path, text, key, v, here)),
        Value::InlineTable(t) => {
            for (k, v) in t.iter() {
                if let Some((_, c)) = forbidden_in_stored("", k) {
                    return Err(refuse(path, text, here, "a key", c));
                }
                check_value(path, text, k, v, here)?;
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_controls_in_keys_nested_values_and_single_line_fields() {
        let e = |t: &str| check_text(Path::new("f.toml"), t).map_err(|e| e.to_string());
        assert_eq!(e("a = \"ok\"\n[t]\nnote = \"two\\nlines\"\nlog = [{ text = \"x\\ty\" }]\n"), Ok(()));
        assert_eq!(
            e("a = 1\nname = \"x\\u001b]0;t\\u0007\"\n"),
            Err("f.toml:2:8: `name` contains control character U+001B".into())
        );
        assert_eq!(e("name = \"two\\nlines\"\n"), Err("f.toml:1:8: `name` contains control character U+000A".into()));
        assert!(e("[t]\n\"k\\u009b\" = 1\n").unwrap_err().contains("a key contains control character U+009B"));
        assert!(e("e = { new = { evidence = [\"a\", \"\\u202e\"] } }\n").unwrap_err().contains("`evidence`"));
        assert!(e("[[change]]\nentry = { question = \"\\u0007\" }\n").unwrap_err().starts_with("f.toml:2:"));
        assert_eq!(e("not toml ["), Ok(()), "the file's own parser reports this");
    }
}
