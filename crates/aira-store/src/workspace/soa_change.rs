//! A Statement of Applicability entry as workspace.toml holds it (`[soa."A.x.y"]`: applicable,
//! justification, owner), written with its `soa` history entry, and worded for undo. The owner
//! lives with the decision: a control nobody has decided on has no entry, so no owner either.

use super::error::{Result, WorkspaceError};
use super::meta_change::{Place, SOA};
use super::{Store, undo_describe};
use aira_core::engagement::SoaEntry;

/// The entry's table: `applicable`, then `justification` and `owner` when not empty.
pub fn table(entry: &SoaEntry) -> toml::Table {
    let mut t = toml::Table::new();
    t.insert("applicable".into(), toml::Value::Boolean(entry.applicable));
    for (k, v) in [("justification", &entry.justification), ("owner", &entry.owner)] {
        if !v.is_empty() {
            t.insert(k.into(), toml::Value::String(v.clone()));
        }
    }
    t
}

/// The entry a table holds (`None`: empty, undecided). An entry without `applicable`, as older
/// files may hold, is applicable (as `Engagement::soa_decision` reads it).
pub fn entry(t: &toml::Table) -> Option<SoaEntry> {
    let text = |k: &str| t.get(k).and_then(toml::Value::as_str).unwrap_or("").to_owned();
    (!t.is_empty()).then(|| SoaEntry {
        applicable: t.get("applicable").and_then(toml::Value::as_bool) != Some(false),
        justification: text("justification"),
        owner: text("owner"),
    })
}

/// What an undo of the change `before` → `after` names: the decision, or, when only the owner
/// changed, the owner (`owner Rita Quinn of A.2.2 (was nobody)`).
pub fn describe(control: &str, before: Option<&SoaEntry>, after: Option<&SoaEntry>) -> String {
    match (before, after) {
        (Some(b), Some(a)) if b.applicable == a.applicable && b.owner != a.owner => {
            let who = |o: &str| if o.is_empty() { "nobody".to_owned() } else { o.to_owned() };
            format!("owner {} of {control} (was {})", who(&a.owner), who(&b.owner))
        }
        _ => undo_describe::soa(control, before.map(|e| e.applicable), after.map(|e| e.applicable)),
    }
}

impl Store {
    /// Record an SoA decision (`None`: undecided, the entry and its owner go) with a `soa`
    /// history entry. `owner`: `None` keeps the owner named before, `Some("")` clears it.
    /// Validate the decision first with `scoring::soa::validate` and the owner with
    /// `SoaEntry::check_owner`. False when it was already so (nothing written).
    pub fn decide_soa_owned(
        &mut self,
        control: &str,
        decision: Option<(bool, &str)>,
        owner: Option<&str>,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let place = Place::Entry { section: SOA, key: control.to_owned() };
        let old = self.meta_current(&place, &[]);
        let new = match decision {
            None if owner.is_some_and(|o| !o.is_empty()) => {
                return Err(WorkspaceError::Invalid(format!(
                    "{control} is undecided: decide whether it applies before naming its owner"
                )));
            }
            None => toml::Table::new(),
            Some((applicable, justification)) => {
                let kept = entry(&old).map(|e| e.owner).unwrap_or_default();
                let owner = owner.map_or(kept, str::to_owned);
                table(&SoaEntry { applicable, justification: justification.to_owned(), owner })
            }
        };
        if old == new {
            return Ok(false);
        }
        self.change_meta(&place, &old, &new, (by, at), None)?;
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip_and_undo_names_an_owner_change() {
        let e = SoaEntry { applicable: false, justification: "n".into(), owner: "Rita".into() };
        assert_eq!(entry(&table(&e)), Some(e.clone()));
        let bare = SoaEntry::new(true, "");
        assert_eq!(table(&bare).len(), 1, "empty strings are left out");
        assert_eq!(entry(&toml::Table::new()), None);
        let mut named = bare.clone();
        named.owner = "Omar".into();
        assert_eq!(describe("A.2.2", Some(&bare), Some(&named)), "owner Omar of A.2.2 (was nobody)");
        assert_eq!(describe("A.2.2", None, Some(&named)), "SoA decision applicable on A.2.2 (was undecided)");
    }
}
