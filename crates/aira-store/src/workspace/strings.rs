//! Every string of a parsed workspace file, keys included, checked against the text room's
//! rule (`aira_core::text::forbidden_in_stored`), so a file holding a control character is
//! refused with file:line:col wherever it sits, and nothing read from it can drive a terminal.
//! The same rule is applied to a change before it is written (`check_change`), so nothing
//! reaches the disk that would make the next open refuse the file.

use std::path::Path;

use toml_edit::{Item, Value};

use super::Change;
use super::error::{Result, WorkspaceError};
use aira_core::assessment::Respondent;
use aira_core::text::forbidden_in_stored;

/// Check a whole document parsed with spans (`toml_edit::Document::parse`).
pub fn check_document(path: &Path, text: &str, doc: &toml_edit::Table) -> Result<()> {
    check_table(path, text, doc.iter(), None)
}

/// A document's text: parsed here for its spans. Text that does not parse passes (the file's
/// own parser reports that, with its own position).
pub fn check_text(path: &Path, text: &str) -> Result<()> {
    if plainly_clean(text) {
        return Ok(());
    }
    match toml_edit::Document::parse(text) {
        Ok(doc) => check_document(path, text, doc.as_table()),
        Err(_) => Ok(()),
    }
}

/// Whether no string of `text` can hold a control character, seen without parsing it (a
/// history of thousands of entries is read at every open and twice per merge): no such
/// character anywhere, no tab, no escape (`\`) that could make one, and no multi-line string
/// (where a raw line break would be inside a value). Then every key and value is a piece of
/// one line of the raw text. Anything else gets the full check.
fn plainly_clean(text: &str) -> bool {
    !text.contains(['\\', '\t'])
        && !text.contains("'''")
        && !text.contains("\"\"\"")
        && aira_core::text::find_forbidden_control(text, true).is_none()
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

/// A respondent's name and role must pass the stored-string rule (one line, no control
/// character) before a file holding them is written: the reader refuses them otherwise.
pub(super) fn check_respondent(r: &Respondent) -> Result<()> {
    check_strings("the respondent's", &[("name", &r.name), ("role", &r.role)])
}

/// Nothing goes to disk that the readers would refuse: a control character in a respondent's
/// name, a note or an evidence reference would wedge every later open of the workspace. The
/// stored-string rule, applied to what the change writes (the old answer came from disk).
pub(super) fn check_change(c: &Change) -> Result<()> {
    check_respondent(&c.respondent)?;
    check_strings("the change's", &[("question", &c.question), ("by", &c.by), ("at", &c.at)])?;
    let Some(a) = &c.new else { return Ok(()) };
    let fields = [("note", &a.note), ("answered_at", &a.answered_at), ("answered_by", &a.answered_by)];
    check_strings("the answer's", &fields)?;
    for e in &a.evidence {
        // A plain item is stored under `evidence` (which may hold newlines), a table's `ref` not.
        let reference = if e.is_plain() { "evidence" } else { "ref" };
        let fields =
            [(reference, &e.reference), ("added_at", &e.added_at), ("added_by", &e.added_by), ("note", &e.note)];
        check_strings("an evidence item's", &fields)?;
        let bad_hash = e.sha256.as_deref().is_some_and(|h| !aira_core::assessment::is_sha256_hex(h));
        if bad_hash || (!e.is_plain() && e.reference.trim().is_empty()) {
            return Err(WorkspaceError::Invalid(format!(
                "evidence `{}` needs a reference and a SHA-256 of 64 lowercase hex digits: nothing saved",
                aira_core::text::sanitize(&e.reference, false)
            )));
        }
    }
    for l in &a.log {
        check_strings("a log entry's", &[("at", &l.at), ("by", &l.by), ("text", &l.text)])?;
    }
    Ok(())
}

fn check_strings(whose: &str, fields: &[(&str, &String)]) -> Result<()> {
    for (key, v) in fields {
        if let Some((_, c)) = aira_core::text::forbidden_in_stored(key, v) {
            return Err(WorkspaceError::Invalid(format!(
                "{whose} {key} contains the control character U+{:04X}: nothing saved",
                c as u32
            )));
        }
    }
    Ok(())
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

    /// Found while testing issue 19: a change holding what the readers refuse (a control
    /// character in a new respondent's name or a note, a bad hash) wedged the workspace.
    #[test]
    fn a_change_the_readers_would_refuse_is_refused_before_it_is_written() {
        use aira_core::assessment::{Answer, Evidence};
        let c = |name: &str, a: Answer| Change {
            respondent: Respondent::new("x", name),
            question: "q".into(),
            old: None,
            new: Some(a),
            by: "me".into(),
            at: "2026-01-01T00:00:00Z".into(),
            kind: "answer".into(),
            reverts: None,
        };
        let ok = Answer { note: "two\nlines".into(), evidence: vec!["a\nb".into()], ..Default::default() };
        assert!(check_change(&c("Ann", ok.clone())).is_ok());
        let e = check_change(&c("Evil\u{1b}[2J", ok)).unwrap_err().to_string();
        assert_eq!(e, "the respondent's name contains the control character U+001B: nothing saved");
        let bidi = Answer { note: "x\u{202e}".into(), ..Default::default() };
        assert!(check_change(&c("Ann", bidi)).unwrap_err().to_string().contains("the answer's note"));
        let table = Evidence { sha256: Some("abc".into()), ..Evidence::new("p.pdf") };
        let hash = Answer { evidence: vec![table], ..Default::default() };
        assert!(check_change(&c("Ann", hash)).unwrap_err().to_string().contains("64 lowercase hex digits"));
        let multi = Evidence { added_by: "me".into(), ..Evidence::new("a\nb") };
        let multi = Answer { evidence: vec![multi], ..Default::default() };
        assert!(check_change(&c("Ann", multi)).unwrap_err().to_string().contains("an evidence item's ref"));
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::check_text;
    use std::path::Path;

    #[test]
    fn the_fast_path_lets_no_control_character_through() {
        let p = Path::new("history.toml");
        assert!(check_text(p, "[[change]]\nby = \"ann\"\nnote = \"plain text\"\n").is_ok());
        // Made by an escape, a bidi override, a raw tab, or inside a multi-line string (a raw C0
        // byte is not TOML: the file's own parser refuses it).
        for bad in [
            "[[change]]\nnote = \"a\\u0007b\"\n",
            "[[change]]\nnote = \"a\\eb\"\n",
            "[[change]]\nby = \"a\u{202e}b\"\n",
            "[[change]]\nby = \"a\tb\"\n",
            "[[change]]\nby = \"\"\"a\nb\"\"\"\n",
        ] {
            assert!(check_text(p, bad).is_err(), "{bad:?} passed");
        }
    }
}
