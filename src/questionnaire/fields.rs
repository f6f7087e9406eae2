//! Typed reads from a spanned TOML table that record a diagnostic instead of failing, so one
//! pass over a file can report every problem in it (what `aira check` needs).

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diag::Diagnostic;
use crate::text::find_forbidden_control;

/// Longest text field accepted: beyond this a file is hostile or broken, not a questionnaire.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

pub type Span = Range<usize>;

pub struct Fields<'t, 'i> {
    pub table: &'t DeTable<'i>,
    pub span: Span,
    pub diags: &'t mut Vec<Diagnostic>,
}

pub fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.table.iter().find(|(k, _)| k.get_ref() == key).map(|(_, v)| v)
    }

    /// Report every key not in `allowed` (a typo like `guidence` must not pass silently).
    pub fn deny_unknown(&mut self, allowed: &[&str], context: &str) {
        for (k, _) in self.table.iter() {
            if !allowed.contains(&k.get_ref().as_ref()) {
                let hint = allowed.iter().copied().find(|a| similar(a, k.get_ref()));
                let msg = match hint {
                    Some(h) => format!("unknown key `{}` in {context} (did you mean `{h}`?)", k.get_ref()),
                    None => {
                        format!("unknown key `{}` in {context}; expected one of: {}", k.get_ref(), allowed.join(", "))
                    }
                };
                self.diags.push(Diagnostic::error(k.span(), msg));
            }
        }
    }

    fn wrong_type(&mut self, key: &str, v: &Spanned<DeValue<'_>>, want: &str) {
        self.diags
            .push(Diagnostic::error(v.span(), format!("`{key}` must be {want}, found {}", type_name(v.get_ref()))));
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
        let DeValue::String(s) = v.get_ref() else {
            self.wrong_type(key, v, "a string");
            return None;
        };
        self.check_text(key, s, v.span(), multiline);
        Some((s.to_string(), v.span()))
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
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "an array of strings");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(s) => {
                    self.check_text(key, s, item.span(), false);
                    out.push((s.to_string(), item.span()));
                }
                other => self.diags.push(Diagnostic::error(
                    item.span(),
                    format!("items of `{key}` in {context} must be strings, found {}", type_name(other)),
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
        match v.get_ref() {
            DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                Ok(n) => Some((n, v.span())),
                Err(_) => {
                    self.diags.push(Diagnostic::error(v.span(), format!("`{key}` is out of range")));
                    None
                }
            },
            _ => {
                self.wrong_type(key, v, "an integer");
                None
            }
        }
    }

    /// A number; integers are accepted where a float is expected (`weight = 2`).
    pub fn number(&mut self, key: &str, context: &str) -> Option<(f64, Span)> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().map(|n| n as f64),
            _ => {
                self.wrong_type(key, v, &format!("a number in {context}"));
                return None;
            }
        };
        match parsed {
            Some(n) => Some((n, v.span())),
            None => {
                self.diags.push(Diagnostic::error(v.span(), format!("`{key}` is not a valid number")));
                None
            }
        }
    }

    /// A sub-table (`[scale]`), with its span.
    pub fn table(&mut self, key: &str) -> Option<(&'t DeTable<'i>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong_type(key, v, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[question]]`): each table with its span.
    pub fn tables(&mut self, key: &str) -> Vec<(&'t DeTable<'i>, Span)> {
        let Some(v) = self.get(key) else { return Vec::new() };
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong_type(key, v, "an array of tables");
            return Vec::new();
        };
        let mut out = Vec::new();
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((t, item.span())),
                other => self.diags.push(Diagnostic::error(
                    item.span(),
                    format!("items of `{key}` must be tables, found {}", type_name(other)),
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
