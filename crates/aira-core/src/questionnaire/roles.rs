//! Declared vocabularies (`[[role]]`, `[[profile]]`): reading them, holding the roles or
//! profiles questions name to them when a file declares one, and the "did you mean" that
//! points a typo at the closest declared id.

use std::collections::HashMap;

use super::fields::{Fields, Span};
use super::model::Role;
use crate::diag::Diagnostic;

/// Every `[[what]]` table of the top level (`what`: "role" or "profile"), checked;
/// duplicates and bad ids are reported.
pub fn build(root: &mut Fields<'_, '_>, text: &str, what: &str) -> Vec<Role> {
    let ctx = format!("[[{what}]]");
    let ctx = ctx.as_str();
    let mut roles: Vec<Role> = Vec::new();
    let mut first: HashMap<String, Span> = HashMap::new();
    for (t, span) in root.tables(what) {
        let mut f = Fields { table: t, span, diags: root.diags };
        f.deny_unknown(&["id", "name", "description"], ctx);
        let id = f.string("id", true, false, ctx);
        let name = f.string("name", true, false, ctx);
        let description = f.string("description", false, true, ctx).map(|x| x.0).unwrap_or_default();
        let Some((id, id_span)) = id else { continue };
        if !super::is_valid_id(&id) {
            super::load::check_id(&id, id_span, f.diags);
            continue;
        }
        if let Some((name, s)) = &name
            && name.trim().is_empty()
        {
            f.diags.push(Diagnostic::error(s.clone(), format!("{what} `{id}` has an empty name")));
        }
        if let Some(at) = first.get(&id) {
            let (line, _) = crate::diag::line_col(text, at.start);
            f.diags
                .push(Diagnostic::error(id_span, format!("duplicate {what} id `{id}` (first defined on line {line})")));
            continue;
        }
        first.insert(id.clone(), id_span);
        roles.push(Role { id, name: name.map(|x| x.0).unwrap_or_default(), description });
    }
    roles
}

/// With a declared vocabulary, every role (or profile) the questions name must be in it.
/// `spans` holds the span of each item of `named`, in order.
pub fn check<'a>(
    roles: &[Role],
    named: impl Iterator<Item = &'a String>,
    spans: &[Span],
    what: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if roles.is_empty() {
        return;
    }
    for (role, span) in named.zip(spans) {
        if roles.iter().any(|r| &r.id == role) {
            continue;
        }
        let shown = crate::text::sanitize(role, false);
        let msg = match closest(role, roles.iter().map(|r| r.id.as_str())) {
            Some(near) => format!("{what} `{shown}` is not declared in a [[{what}]] table (did you mean `{near}`?)"),
            None => {
                let all: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
                format!("{what} `{shown}` is not declared in a [[{what}]] table; declared: {}", all.join(", "))
            }
        };
        diags.push(Diagnostic::error(span.clone(), msg));
    }
}

/// The candidate nearest to `typed` by edit distance (a swap of two letters counts once), or
/// one that `typed` starts; None when nothing is near enough to be a plausible typo.
pub fn closest<'a>(typed: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let typed = typed.to_lowercase();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = distance(&typed, c);
        let near = d <= (typed.chars().count().max(c.chars().count()) / 3).max(1)
            || (typed.len() >= 3 && c.starts_with(typed.as_str()));
        if near && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
fn distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[i - 1][j] + 1).min(rows[i][j - 1] + 1).min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = d;
        }
    }
    rows[a.len()][b.len()]
}
