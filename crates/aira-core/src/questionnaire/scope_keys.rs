//! The keys that decide a question's scope (docs/eu-ai-act.md): `kind` and `applies_if`,
//! read with located errors; `applies_if` must name classification questions of the file.

use std::collections::HashMap;

use super::fields::{Fields, Span};
use super::model::{Kind, Question};
use crate::diag::Diagnostic;

/// The question's kind, its `applies_if` ids and their spans. A classification records a
/// fact, so it sits on no heatmap cell and depends on no other classification (no chains).
pub fn read(f: &mut Fields<'_, '_>, has_phase: bool, has_function: bool) -> (Kind, Vec<String>, Vec<Span>) {
    let ctx = "[[question]]";
    let kind = match f.string("kind", false, false, ctx) {
        None => Kind::Maturity,
        Some((k, _)) if k == "classification" => Kind::Classification,
        Some((k, s)) => {
            let shown = crate::text::sanitize(&k, false);
            let msg = format!("unknown kind `{shown}`; expected \"classification\" or no `kind` (a maturity question)");
            f.diags.push(Diagnostic::error(s, msg));
            Kind::Maturity
        }
    };
    let (ids, spans): (Vec<String>, Vec<Span>) = f.string_list("applies_if", ctx).into_iter().unzip();
    if kind == Kind::Classification {
        for (key, present) in [("phase", has_phase), ("function", has_function), ("applies_if", !ids.is_empty())] {
            if let (true, Some(item)) = (present, f.get(key)) {
                let msg = format!("a classification question has no `{key}` (it is not scored and depends on nothing)");
                f.diags.push(Diagnostic::error(item.span.range(), msg));
            }
        }
        return (kind, Vec::new(), Vec::new());
    }
    (kind, ids, spans)
}

/// Every `applies_if` id names a classification question of the same file. `spans` holds
/// the span of each `applies_if` item of `questions`, in order.
pub fn check_applies_if(questions: &[Question], spans: &[Span], diags: &mut Vec<Diagnostic>) {
    let kinds: HashMap<&str, Kind> = questions.iter().map(|q| (q.id.as_str(), q.kind)).collect();
    let named = questions.iter().flat_map(|q| q.applies_if.iter());
    for (id, span) in named.zip(spans) {
        let shown = crate::text::sanitize(id, false);
        let msg = match kinds.get(id.as_str()) {
            Some(Kind::Classification) => continue,
            Some(Kind::Maturity) => {
                format!(
                    "`applies_if` names `{shown}`, which is not a classification question (add kind = \"classification\" to it)"
                )
            }
            None => {
                let classes = questions.iter().filter(|q| q.is_classification()).map(|q| q.id.as_str());
                match crate::text::closest(id, classes) {
                    Some(near) => format!(
                        "`applies_if` names `{shown}`, which is no question of this file (did you mean `{near}`?)"
                    ),
                    None => format!("`applies_if` names `{shown}`, which is no classification question of this file"),
                }
            }
        };
        diags.push(Diagnostic::error(span.clone(), msg));
    }
}
