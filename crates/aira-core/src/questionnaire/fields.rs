//! Typed reads from a spanned TOML table that record a diagnostic instead of failing, so one
//! pass over a file can report every problem in it (what `aira check` needs).

use std::ops::Range;

use crate::diag::Diagnostic;
use crate::text::find_forbidden_control;
use crate::tomltree::{Item, Table, Value};

/// Longest text field accepted: beyond this a file is hostile or broken, not a questionnaire.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

pub type Span = Range<usize>;

pub struct Fields<'t, 'i> {
    pub table: &'t Table<'i>,
    pub span: Span,
    pub diags: &'t mut Vec<Diagnostic>,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn get(&self, key: &str) -> Option<&'t Item<'i>> {
        self.table.get(key)
    }

    /// Report every key not in `allowed` (a typo like `guidence` must not pass silently).
    pub fn deny_unknown(&mut self, allowed: &[&str], context: &str) {
        for (k, span, _) in self.table.iter() {
            if !allowed.contains(&k) {
                let hint = allowed.iter().copied().find(|a| similar(a, k));
                let msg = match hint {
                    Some(h) => format!("unknown key `{k}` in {context} (did you mean `{h}`?)"),
                    None => format!("unknown key `{k}` in {context}; expected one of: {}", allowed.join(", ")),
                };
                self.diags.push(Diagnostic::error(span.range(), msg));
            }
        }
    }

    fn wrong_type(&mut self, key: &str, v: &Item<'_>, want: &str) {
        let found = v.value.type_name();
        self.diags.push(Diagnostic::error(v.span.range(), format!("`{key}` must be {want}, found {found}")));
    }

    fn missing(&mut self, key: &str, context: &str) {
        self.diags.push(Diagnostic::error(self.span.clone(), format!("missing required key `{key}` in {context}")));
    }

    /// A string field; `multiline` allows newlines and tabs. Returns the value and its span.
    pub fn string(&mut self, key: &str, required: bool, multiline: bool, context: &str) -> Option<(String, Span)> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(key, context);
            }
            return None;
        };
        let Value::String(s) = &v.value else {
            self.wrong_type(key, v, "a string");
            return None;
        };
        self.check_text(key, s, v.span.range(), multiline);
        Some((s.to_string(), v.span.range()))
    }

    pub fn check_text(&mut self, key: &str, s: &str, span: Span, multiline: bool) {
        if s.len() > MAX_FIELD_BYTES {
            self.diags.push(Diagnostic::error(
                span.clone(),
                format!("`{key}` is {} bytes; the limit is {MAX_FIELD_BYTES}", s.len()),
            ));
        }
        if let Some((_, c)) = find_forbidden_control(s, multiline) {
            self.diags.push(Diagnostic::error(
                span,
                format!("`{key}` contains the control character U+{:04X}, which could drive a terminal", c as u32),
            ));
        }
    }

    /// A list of strings; a lone string is not accepted (it hides a missing pair of brackets).
    pub fn string_list(&mut self, key: &str, context: &str) -> Vec<(String, Span)> {
        let Some(v) = self.get(key) else { return Vec::new() };
        let Value::Array(items) = &v.value else {
            self.wrong_type(key, v, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in &items.items {
            match &item.value {
                Value::String(s) => {
                    self.check_text(key, s, item.span.range(), false);
                    out.push((s.to_string(), item.span.range()));
                }
                other => self.diags.push(Diagnostic::error(
                    item.span.range(),
                    format!("items of `{key}` in {context} must be strings, found {}", other.type_name()),
                )),
            }
        }
        out
    }

    pub fn integer(&mut self, key: &str, required: bool, context: &str) -> Option<(i64, Span)> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(key, context);
            }
            return None;
        };
        match &v.value {
            Value::Integer(Some(n)) => Some((*n, v.span.range())),
            Value::Integer(None) => {
                self.diags.push(Diagnostic::error(v.span.range(), format!("`{key}` is out of range")));
                None
            }
            _ => {
                self.wrong_type(key, v, "an integer");
                None
            }
        }
    }

    /// A number; integers are accepted where a float is expected (`weight = 2`).
    pub fn number(&mut self, key: &str, context: &str) -> Option<(f64, Span)> {
        let v = self.get(key)?;
        let parsed = match &v.value {
            Value::Float(f) => *f,
            Value::Integer(n) => n.map(|n| n as f64),
            _ => {
                self.wrong_type(key, v, &format!("a number in {context}"));
                return None;
            }
        };
        match parsed {
            Some(n) => Some((n, v.span.range())),
            None => {
                self.diags.push(Diagnostic::error(v.span.range(), format!("`{key}` is not a valid number")));
                None
            }
        }
    }

    /// A sub-table (`[scale]`), with its span.
    pub fn table(&mut self, key: &str) -> Option<(&'t Table<'i>, Span)> {
        let v = self.get(key)?;
        match &v.value {
            Value::Table(t) => Some((t, v.span.range())),
            _ => {
                self.wrong_type(key, v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[question]]`): each table with its span.
    pub fn tables(&mut self, key: &str) -> Vec<(&'t Table<'i>, Span)> {
        let Some(v) = self.get(key) else { return Vec::new() };
        let Value::Array(items) = &v.value else {
            self.wrong_type(key, v, "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in &items.items {
            match &item.value {
                Value::Table(t) => out.push((t, item.span.range())),
                other => self.diags.push(Diagnostic::error(
                    item.span.range(),
                    format!("items of `{key}` must be tables, found {}", other.type_name()),
                )),
            }
        }
        out
    }
}

/// A cheap "did you mean": same length ±1 and at most one edit apart, or a shared long prefix.
fn similar(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let prefix = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    prefix + suffix + 2 >= a.len().max(b.len()) || prefix >= 4
}

/// A question, role or profile id: short, lowercase, safe in a file name and a URL.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

pub(super) fn check_id(id: &str, span: Span, diags: &mut Vec<Diagnostic>) {
    if !is_valid_id(id) {
        diags.push(Diagnostic::error(
            span,
            format!("id `{}` must be 1-128 characters of a-z, 0-9 and -", crate::text::sanitize(id, false)),
        ));
    }
}
