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
        if !super::fields::is_valid_id(&id) {
            super::fields::check_id(&id, id_span, f.diags);
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
        let msg = match crate::text::closest(role, roles.iter().map(|r| r.id.as_str())) {
            Some(near) => format!("{what} `{shown}` is not declared in a [[{what}]] table (did you mean `{near}`?)"),
            None => {
                let all: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
                format!("{what} `{shown}` is not declared in a [[{what}]] table; declared: {}", all.join(", "))
            }
        };
        diags.push(Diagnostic::error(span.clone(), msg));
    }
}
