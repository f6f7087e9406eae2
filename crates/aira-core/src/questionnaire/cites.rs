//! A question's citations of every reference family (`nist = [...]`, `eu = [...]`, …), read
//! generically from the families' data: ids are kept as written, and an id its family lacks
//! gets a located warning built from the families' `noun`, `edition` and `example`.

use super::fields::Fields;
use crate::diag::Diagnostic;
use crate::frameworks::{Family, Registry};

/// Every family key the question uses, in the families' order, with the ids it cites.
pub fn read(f: &mut Fields<'_, '_>, families: &Registry) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for fam in families.families() {
        if f.get(&fam.key).is_none() {
            continue;
        }
        let mut ids = Vec::new();
        for (id, span) in f.string_list(&fam.key, "[[question]]") {
            if let Some(msg) = warning(&id, fam, families) {
                f.diags.push(Diagnostic::warning(span, msg));
            }
            ids.push(id);
        }
        out.push((fam.key.clone(), ids));
    }
    out
}

/// Why `id` cited under `fam` is suspicious (usually a typo), or None when it is an entry.
fn warning(id: &str, fam: &Family, all: &Registry) -> Option<String> {
    let shown = crate::text::sanitize(id, false);
    if fam.citable(id) {
        return None;
    }
    if fam.fits(id) {
        return Some(format!("`{shown}` looks like {} but is not one in {}", fam.noun, fam.edition));
    }
    if let Some(other) = all.families().iter().find(|o| o.key != fam.key && o.fits(id)) {
        return Some(format!("`{shown}` looks like {} but is listed under `{}`", other.noun, fam.key));
    }
    let each: Vec<String> = all.families().iter().map(|o| format!("{} ({})", o.noun, o.example)).collect();
    Some(format!("`{shown}` looks like none of: {}", each.join(", ")))
}
