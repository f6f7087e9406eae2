//! Reference families as data (docs/frameworks.md): one generic reader for every framework
//! file with a `[family]` header. A family's key is the question field that cites it; its
//! patterns tell the families apart; its entries carry titles, groups and application dates.

use std::collections::{BTreeSet, HashMap};

use toml::{Table, Value};

/// One citable or grouping entry of a family (`[[article]]`, `[[subcategory]]`, …).
#[derive(Clone, Debug, PartialEq)]
pub struct FamilyEntry {
    pub id: String,
    pub title: String,
    /// The `[[…]]` array it came from.
    pub table: String,
    /// Questions may cite it.
    pub cite: bool,
    /// The id of the entry it rolls up into (`Art.9` → chapter `III`), if the table groups.
    pub group: Option<String>,
    /// `YYYY-MM-DD`: the day from which the entry applies (EU AI Act Art. 113), if known.
    pub applies_from: Option<String>,
}

/// A framework that questions cite under `key`.
#[derive(Clone, Debug, PartialEq)]
pub struct Family {
    pub key: String,
    pub name: String,
    pub edition: String,
    pub noun: String,
    pub example: String,
    pub patterns: Vec<String>,
    pub order: i64,
    /// Every entry of every listed table, table by table in header order, file order within.
    pub entries: Vec<FamilyEntry>,
    index: HashMap<String, usize>,
}

impl Family {
    pub fn entry(&self, id: &str) -> Option<&FamilyEntry> {
        self.index.get(id).map(|&i| &self.entries[i])
    }

    /// True when questions may cite `id` under this family.
    pub fn citable(&self, id: &str) -> bool {
        self.entry(id).is_some_and(|e| e.cite)
    }

    /// True when `id` has the shape of one of this family's citable ids.
    pub fn fits(&self, id: &str) -> bool {
        self.patterns.iter().any(|p| fits_pattern(p, id))
    }

    /// The citable entries, in the family's order.
    pub fn citable_entries(&self) -> impl Iterator<Item = &FamilyEntry> {
        self.entries.iter().filter(|e| e.cite)
    }

    /// True when some entry has an application date (reports then show a date column).
    pub fn has_dates(&self) -> bool {
        self.entries.iter().any(|e| e.applies_from.is_some())
    }
}

/// `#` stands for 1 to 3 ASCII digits, anything else for itself; the whole id must match.
pub fn fits_pattern(pattern: &str, id: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'#', rest)) => {
                (1..=3).any(|n| s.len() >= n && s[..n].iter().all(u8::is_ascii_digit) && go(rest, &s[n..]))
            }
            Some((c, rest)) => s.first() == Some(c) && go(rest, &s[1..]),
        }
    }
    go(pattern.as_bytes(), id.as_bytes())
}

/// Every family of a set of framework files, by `order`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Registry {
    families: Vec<Family>,
}

impl Registry {
    /// Read framework files (name, text). Files with `[crosswalk]` are links, not families;
    /// anything malformed is an error naming the file, since a family half read would make
    /// `aira check` quietly wrong.
    pub fn from_files<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Registry, String> {
        let mut families = Vec::new();
        for (name, text) in files {
            let doc: Table = toml::from_str(text).map_err(|e| format!("{name}: {}", e.message()))?;
            match (doc.get("family"), doc.get("crosswalk")) {
                (Some(_), None) => families.push(read_family(&doc).map_err(|e| format!("{name}: {e}"))?),
                (None, Some(_)) => {}
                _ => return Err(format!("{name}: needs exactly one of [family] or [crosswalk]")),
            }
        }
        let mut r = Registry { families: Vec::new() };
        for f in families {
            r = r.with(f)?;
        }
        Ok(r)
    }

    /// This registry and one more family (a fourth framework); keys and orders stay unique.
    pub fn with(mut self, f: Family) -> Result<Registry, String> {
        if let Some(other) = self.families.iter().find(|o| o.key == f.key || o.order == f.order) {
            return Err(format!("family `{}` clashes with `{}` (same key or order)", f.key, other.key));
        }
        self.families.push(f);
        self.families.sort_by_key(|f| f.order);
        Ok(self)
    }

    pub fn families(&self) -> &[Family] {
        &self.families
    }

    pub fn family(&self, key: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.key == key)
    }

    /// The title of an id in any family (the first family, by order, that has it).
    pub fn title(&self, id: &str) -> Option<&str> {
        self.families.iter().find_map(|f| f.entry(id)).map(|e| e.title.as_str())
    }
}

/// One family from a parsed file whose `[family]` header docs/frameworks.md describes.
pub fn read_family(doc: &Table) -> Result<Family, String> {
    let h = doc.get("family").and_then(Value::as_table).ok_or("[family] must be a table")?;
    const KEYS: &[&str] = &["key", "name", "edition", "noun", "example", "id_patterns", "order", "table"];
    if let Some(k) = h.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!("unknown key `{k}` in [family]"));
    }
    let s = |k: &str| -> Result<String, String> {
        match h.get(k).and_then(Value::as_str) {
            Some(v) if !v.trim().is_empty() && !v.contains('\n') => Ok(v.to_owned()),
            _ => Err(format!("[family] needs `{k}`, a one-line string")),
        }
    };
    let key = s("key")?;
    if !key.bytes().all(|b| b.is_ascii_lowercase()) {
        return Err(format!("[family] key `{key}` must be lower-case letters only"));
    }
    let patterns: Vec<String> = h
        .get("id_patterns")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default();
    if patterns.is_empty() {
        return Err("[family] needs `id_patterns`, a non-empty array of strings".into());
    }
    let order = h.get("order").and_then(Value::as_integer).ok_or("[family] needs `order`, an integer")?;
    let tables = h.get("table").and_then(Value::as_array).filter(|a| !a.is_empty());
    let tables = tables.ok_or("[family] needs at least one [[family.table]]")?;
    let mut entries: Vec<FamilyEntry> = Vec::new();
    let mut seen = BTreeSet::new();
    for t in tables {
        let t = t.as_table().ok_or("[[family.table]] must be tables")?;
        let name = t.get("name").and_then(Value::as_str).ok_or("[[family.table]] needs `name`")?;
        let cite = t.get("cite").and_then(Value::as_bool).unwrap_or(false);
        let group_field = t.get("group").and_then(Value::as_table).and_then(|g| g.get("field")).and_then(Value::as_str);
        let items = doc.get(name).and_then(Value::as_array).filter(|a| !a.is_empty());
        let items = items.ok_or_else(|| format!("table `{name}` listed in [family] has no [[{name}]] entries"))?;
        for item in items {
            let e = item.as_table().ok_or_else(|| format!("[[{name}]] items must be tables"))?;
            let id = e.get("id").and_then(Value::as_str).filter(|v| !v.is_empty());
            let id = id.ok_or_else(|| format!("an entry of [[{name}]] has no `id`"))?;
            let title = e.get("title").and_then(Value::as_str).filter(|v| !v.trim().is_empty() && !v.contains('\n'));
            let title = title.ok_or_else(|| format!("`{id}` in [[{name}]] needs a one-line `title`"))?;
            if !seen.insert(id.to_owned()) {
                return Err(format!("`{id}` is defined twice in the family"));
            }
            if cite && !patterns.iter().any(|p| fits_pattern(p, id)) {
                return Err(format!("citable id `{id}` fits none of the family's id_patterns"));
            }
            let applies_from = match e.get("applies_from") {
                None => None,
                Some(Value::Datetime(d)) if d.date.is_some() && d.time.is_none() => d.date.map(|d| d.to_string()),
                Some(_) => return Err(format!("`applies_from` of `{id}` must be a local date (2026-08-02)")),
            };
            let group = group_field.and_then(|f| e.get(f)).and_then(Value::as_str).filter(|g| !g.is_empty());
            entries.push(FamilyEntry {
                id: id.to_owned(),
                title: title.to_owned(),
                table: name.to_owned(),
                cite,
                group: group.map(str::to_owned),
                applies_from,
            });
        }
    }
    let index = entries.iter().enumerate().map(|(i, e)| (e.id.clone(), i)).collect();
    let f = Family {
        key,
        name: s("name")?,
        edition: s("edition")?,
        noun: s("noun")?,
        example: s("example")?,
        patterns,
        order,
        entries,
        index,
    };
    if !f.citable(&f.example) {
        return Err(format!("[family] example `{}` is not a citable entry", f.example));
    }
    Ok(f)
}

/// "2 August 2026" from `2026-08-02` (reports print dates in words; the data keeps ISO dates).
pub fn long_date(iso: &str) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut parts = iso.splitn(3, '-');
    let (y, m, d) = (parts.next(), parts.next().and_then(|m| m.parse::<usize>().ok()), parts.next());
    match (y, m.and_then(|m| MONTHS.get(m.wrapping_sub(1))), d.and_then(|d| d.parse::<u8>().ok())) {
        (Some(y), Some(month), Some(d)) => format!("{d} {month} {y}"),
        _ => iso.to_owned(),
    }
}
