//! Logged changes to `workspace.toml`: engagement facts, roadmap owners and due dates, SoA
//! decisions. Each is one rewrite of the file (comments kept) and one history entry, made all
//! or nothing by an operation, and undone by writing the entry's `old` back (see `undo`).
//!
//! Where a change lands is its `Place`: top-level keys (the engagement facts) or one table
//! `[roadmap.QUESTION]` / `[soa."A.x.y"]`, whose keys are replaced as a whole.

use toml_edit::{DocumentMut, InlineTable, Item, Table, Value as TValue};

use super::error::{Result, WorkspaceError};
use super::{Store, history, meta};
use aira_core::engagement::{Engagement, FactsEdit, RoadmapEntry};

/// History kinds of the changes this module writes.
pub const ENGAGEMENT: &str = "engagement";
pub const ROADMAP: &str = "roadmap";
pub const SOA: &str = "soa";

/// Where in workspace.toml a change lands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// Top-level keys (scope, assessors, contact, period, report_status, report_version).
    Top,
    /// The table `[<section>.<key>]` (section `roadmap` or `soa`).
    Entry { section: &'static str, key: String },
}

impl Place {
    /// The place a history entry of `kind` about `subject` names; `None` for other kinds.
    pub fn of(kind: &str, subject: &str) -> Option<Place> {
        match kind {
            ENGAGEMENT => Some(Place::Top),
            ROADMAP => Some(Place::Entry { section: ROADMAP, key: subject.to_owned() }),
            SOA => Some(Place::Entry { section: SOA, key: subject.to_owned() }),
            _ => None,
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Place::Top => ENGAGEMENT,
            Place::Entry { section, .. } => section,
        }
    }

    /// What the history entry's `question` holds: the question or control, or `engagement`.
    pub fn subject(&self) -> &str {
        match self {
            Place::Top => ENGAGEMENT,
            Place::Entry { key, .. } => key,
        }
    }
}

/// The values at `place` now, for `keys` (Top) or the whole table (Entry; empty when absent).
pub fn current(doc: &DocumentMut, place: &Place, keys: &[&str]) -> toml::Table {
    let Ok(all) = doc.to_string().parse::<toml::Table>() else { return toml::Table::new() };
    match place {
        Place::Top => keys.iter().filter_map(|k| all.get(*k).map(|v| ((*k).to_owned(), v.clone()))).collect(),
        Place::Entry { section, key } => all
            .get(*section)
            .and_then(toml::Value::as_table)
            .and_then(|t| t.get(key))
            .and_then(toml::Value::as_table)
            .cloned()
            .unwrap_or_default(),
    }
}

/// A TOML value for toml_edit (datetimes go as their text: workspace.toml stores none).
pub fn to_edit(v: &toml::Value) -> TValue {
    match v {
        toml::Value::String(s) => TValue::from(s.as_str()),
        toml::Value::Integer(n) => TValue::from(*n),
        toml::Value::Float(f) => TValue::from(*f),
        toml::Value::Boolean(b) => TValue::from(*b),
        toml::Value::Datetime(d) => TValue::from(d.to_string()),
        toml::Value::Array(a) => TValue::Array(a.iter().map(to_edit).collect()),
        toml::Value::Table(t) => TValue::InlineTable(inline(t)),
    }
}

pub fn inline(t: &toml::Table) -> InlineTable {
    t.iter().map(|(k, v)| (k.as_str(), to_edit(v))).collect()
}

/// Put `new` at `place`: every key of `old` or `new` is set to its value in `new`, or removed.
/// An entry table left empty goes, and so does its section when it held only that.
fn write_into(doc: &mut DocumentMut, place: &Place, old: &toml::Table, new: &toml::Table) {
    let keys: Vec<&String> = old.keys().chain(new.keys().filter(|k| !old.contains_key(*k))).collect();
    match place {
        Place::Top => {
            for k in keys {
                match new.get(k) {
                    Some(v) => set_keeping_decor(doc.as_table_mut(), k, to_edit(v)),
                    None => {
                        doc.remove(k);
                    }
                }
            }
        }
        Place::Entry { section, key } => {
            if doc.get(section).and_then(Item::as_table_like).is_none() {
                let mut t = Table::new();
                t.set_implicit(true);
                doc[*section] = Item::Table(t);
            }
            let Some(sec) = doc.get_mut(section).and_then(Item::as_table_like_mut) else { return };
            if sec.get(key).and_then(Item::as_table_like).is_none() {
                sec.insert(key, toml_edit::table());
            }
            if let Some(entry) = sec.get_mut(key).and_then(Item::as_table_mut) {
                for k in keys {
                    match new.get(k) {
                        Some(v) => set_keeping_decor(entry, k, to_edit(v)),
                        None => {
                            entry.remove(k);
                        }
                    }
                }
            }
            if new.is_empty() {
                sec.remove(key);
                if sec.is_empty() {
                    doc.remove(section);
                }
            }
        }
    }
}

/// Replace a value in place: the key's comments above it and the value's own stay.
fn set_keeping_decor(t: &mut Table, key: &str, mut v: TValue) {
    match t.get_mut(key) {
        Some(item) => {
            if let Some(old) = item.as_value() {
                *v.decor_mut() = old.decor().clone();
            }
            *item = Item::Value(v);
        }
        None => {
            t.insert(key, Item::Value(v));
        }
    }
}

impl Store {
    /// The engagement as workspace.toml holds it now (after this store's changes).
    pub fn engagement(&self) -> Result<Engagement> {
        let path = self.dir.join(meta::FILE);
        Ok(meta::parse(&path, &self.meta_doc().to_string())?.0)
    }

    /// The values at `place` now (see [`current`]).
    pub fn meta_current(&self, place: &Place, keys: &[&str]) -> toml::Table {
        current(self.meta_doc(), place, keys)
    }

    /// Change workspace.toml at `place` from `old` (what is there now, as [`Self::meta_current`]
    /// gives it) to `new`, with a history entry of the place's kind (or `undo`, reverting entry
    /// `reverts`). Both or neither: an operation rolls back a failure now, a crash on next open.
    /// The caller has checked every value (dates, strings); the file is re-read to be sure.
    pub fn change_meta(
        &mut self,
        place: &Place,
        old: &toml::Table,
        new: &toml::Table,
        (by, at): (&str, &str),
        reverts: Option<usize>,
    ) -> Result<()> {
        let kind = if reverts.is_some() { super::undo_rule::UNDO } else { place.kind() };
        self.change_meta_kind(place, (old, new), (by, at), kind, reverts)
    }

    /// `change_meta` recorded as `kind` (a redo names the undo it reverts).
    pub fn change_meta_kind(
        &mut self,
        place: &Place,
        (old, new): (&toml::Table, &toml::Table),
        (by, at): (&str, &str),
        kind: &str,
        reverts: Option<usize>,
    ) -> Result<()> {
        let mut doc = self.meta_doc().clone();
        write_into(&mut doc, place, old, new);
        let path = self.dir.join(meta::FILE);
        let text = doc.to_string();
        // What is written must open again: a value the reader refuses never reaches the disk.
        meta::parse(&path, &text)?;
        let e =
            history::Entry { at, by, respondent: "", question: place.subject(), kind, reverts, old: None, new: None };
        let entry =
            history::render_tables_as(&e, self.answering(), (!old.is_empty()).then(|| inline(old)), &[], inline(new));
        self.write_meta_with_entry(doc, &entry, kind)
    }

    /// Record a Statement of Applicability decision in workspace.toml (`[soa."A.x.y"]`),
    /// keeping the file's comments, with no history entry: the wizard's path, whose undo
    /// numbers history entries itself (it counts only its answer changes). The CLI records
    /// decisions, undecided included, with a history entry through `decide_soa`. Validate it
    /// first with `scoring::soa::validate`.
    pub fn set_soa(&mut self, control: &str, applicable: bool, justification: &str) -> Result<()> {
        use toml_edit::{Item, value};
        self.edit_meta(|doc| {
            if doc.get("soa").and_then(Item::as_table_like).is_none() {
                let mut t = toml_edit::Table::new();
                t.set_implicit(true);
                doc["soa"] = Item::Table(t);
            }
            if let Some(soa) = doc.get_mut("soa").and_then(Item::as_table_like_mut) {
                if soa.get(control).and_then(Item::as_table_like).is_none() {
                    soa.insert(control, toml_edit::table());
                }
                if let Some(entry) = soa.get_mut(control).and_then(Item::as_table_like_mut) {
                    entry.insert("applicable", value(applicable));
                    if justification.is_empty() {
                        entry.remove("justification");
                    } else {
                        entry.insert("justification", value(justification));
                    }
                }
            }
        })
    }

    /// Record the profiles that apply (`profiles = [...]` in workspace.toml; none: the key
    /// goes). Check them first with `aira_core::scope::choose_profiles`.
    pub fn set_profiles(&mut self, profiles: &[String]) -> Result<()> {
        self.edit_meta(|doc| {
            if profiles.is_empty() {
                doc.remove("profiles");
            } else {
                doc["profiles"] = toml_edit::value(profiles.iter().collect::<toml_edit::Array>());
            }
        })
    }

    /// Record an SoA decision (`None`: undecided, the entry goes) with a history entry, the
    /// control's owner kept (see `decide_soa_owned`). Validate it first with
    /// `scoring::soa::validate`.
    pub fn decide_soa(&mut self, control: &str, decision: Option<(bool, &str)>, by: &str, at: &str) -> Result<()> {
        self.decide_soa_owned(control, decision, None, by, at).map(|_| ())
    }
}

/// The facts of `edit` as workspace.toml stores them, in the file's order.
fn facts_table(edit: &FactsEdit) -> Vec<(&'static str, toml::Value)> {
    let s = |v: &String| toml::Value::String(v.clone());
    let mut out = Vec::new();
    if let Some(v) = &edit.scope {
        out.push(("scope", s(v)));
    }
    if let Some(list) = &edit.assessors {
        out.push(("assessors", toml::Value::Array(list.iter().map(s).collect())));
    }
    if let Some(v) = &edit.contact {
        out.push(("contact", s(v)));
    }
    if let Some(p) = &edit.period {
        let mut t = toml::Table::new();
        t.insert("start".into(), toml::Value::String(p.start.to_string()));
        t.insert("end".into(), toml::Value::String(p.end.to_string()));
        out.push(("period", toml::Value::Table(t)));
    }
    if let Some(v) = edit.report_status {
        out.push(("report_status", toml::Value::String(v.as_str().to_owned())));
    }
    if let Some(v) = &edit.report_version {
        out.push(("report_version", s(v)));
    }
    out
}

/// A roadmap entry as its table (`owner`, `due`; empty when cleared).
fn roadmap_table(e: &RoadmapEntry) -> toml::Table {
    let mut t = toml::Table::new();
    if !e.owner.is_empty() {
        t.insert("owner".into(), toml::Value::String(e.owner.clone()));
    }
    if let Some(d) = e.due {
        t.insert("due".into(), toml::Value::String(d.to_string()));
    }
    t
}

/// The roadmap entry a history table describes (the inverse of `roadmap_table`; a due date
/// that does not read, as from a hand-edited history, is left out).
pub fn roadmap_entry(t: &toml::Table) -> RoadmapEntry {
    let text = |k: &str| t.get(k).and_then(toml::Value::as_str);
    RoadmapEntry { owner: text("owner").unwrap_or_default().to_owned(), due: text("due").and_then(|d| d.parse().ok()) }
}

impl Store {
    /// Change the engagement facts `edit` names (checked first: `FactsEdit::checked`), with
    /// one `engagement` history entry holding only what changed. The names of the facts that
    /// changed (none: nothing was written).
    pub fn set_facts(&mut self, edit: &FactsEdit, by: &str, at: &str) -> Result<Vec<&'static str>> {
        let wanted = facts_table(edit);
        let keys: Vec<&str> = wanted.iter().map(|(k, _)| *k).collect();
        let now = self.meta_current(&Place::Top, &keys);
        let changed: Vec<(&'static str, toml::Value)> =
            wanted.into_iter().filter(|(k, v)| now.get(*k) != Some(v)).collect();
        if changed.is_empty() {
            return Ok(Vec::new());
        }
        let old: toml::Table =
            changed.iter().filter_map(|(k, _)| Some(((*k).to_owned(), now.get(*k)?.clone()))).collect();
        let new: toml::Table = changed.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect();
        self.change_meta(&Place::Top, &old, &new, (by, at), None)?;
        Ok(changed.into_iter().map(|(k, _)| k).collect())
    }

    /// Set (an empty entry: clear) the owner and due date of a question's roadmap action, with
    /// a `roadmap` history entry; false when it was already so (nothing written).
    pub fn set_roadmap(&mut self, question: &str, entry: &RoadmapEntry, by: &str, at: &str) -> Result<bool> {
        let place = Place::Entry { section: ROADMAP, key: question.to_owned() };
        let old = self.meta_current(&place, &[]);
        let new = roadmap_table(entry);
        if old == new {
            return Ok(false);
        }
        self.change_meta(&place, &old, &new, (by, at), None)?;
        Ok(true)
    }

    /// Put a question's roadmap entry back (`None`: none) as an undo or redo (`kind`) of
    /// history entry `reverts`: the wizard's `u`/`U`, which checked it still holds what that
    /// entry left.
    pub fn revert_roadmap(
        &mut self,
        question: &str,
        entry: Option<&RoadmapEntry>,
        (by, at): (&str, &str),
        (kind, reverts): (&str, usize),
    ) -> Result<()> {
        let place = Place::Entry { section: ROADMAP, key: question.to_owned() };
        let old = self.meta_current(&place, &[]);
        let new = entry.map(roadmap_table).unwrap_or_default();
        self.change_meta_kind(&place, (&old, &new), (by, at), kind, Some(reverts))
    }
}

/// A refusal for a history entry of a meta kind whose subject is not what it wrote.
pub fn changed_since(
    n: usize,
    place: &Place,
    (wrote, now): (&toml::Table, &toml::Table),
    verb: &str,
) -> WorkspaceError {
    let show = |t: &toml::Table| if t.is_empty() { "nothing".to_owned() } else { inline(t).to_string() };
    let what = match place {
        Place::Top => "the engagement facts".to_owned(),
        Place::Entry { section, key } => format!("the {section} entry of {key}"),
    };
    WorkspaceError::Invalid(format!(
        "change {n} ({what}) cannot be {verb}: it set {}, but workspace.toml now holds {} (changed since, e.g. by a \
         git merge or a hand edit); nothing changed",
        show(wrote),
        show(now)
    ))
}
