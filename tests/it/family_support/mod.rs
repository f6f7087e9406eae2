//! Reads assets/frameworks/*.toml as plain TOML, the way the generic family loader is to read
//! them (docs/frameworks.md), so that tests of new families do not depend on today's loader.

#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use toml::{Table, Value};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A project file parsed as TOML; a missing or broken file fails the test with its name.
pub fn read_toml(rel: &str) -> Table {
    let path = root().join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every assets/frameworks/*.toml, by file name.
pub fn framework_files() -> BTreeMap<String, Table> {
    let dir = root().join("assets/frameworks");
    let mut out = BTreeMap::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let name = e.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".toml") {
            out.insert(name.clone(), read_toml(&format!("assets/frameworks/{name}")));
        }
    }
    out
}

pub struct Family {
    pub file: String,
    pub key: String,
    pub header: Table,
    pub doc: Table,
    /// Ids questions may cite under `key`.
    pub cite: BTreeSet<String>,
    pub patterns: Vec<String>,
}

pub fn str_of<'a>(t: &'a Table, key: &str) -> Option<&'a str> {
    t.get(key).and_then(Value::as_str)
}

/// The entries of one `[[table]]` array of a family file (empty when absent).
pub fn entries<'a>(doc: &'a Table, table: &str) -> Vec<&'a Table> {
    doc.get(table).and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_table).collect()).unwrap_or_default()
}

/// The `[[family.table]]` descriptions of a family header.
pub fn tables(header: &Table) -> Vec<&Table> {
    header
        .get("table")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_table).collect())
        .unwrap_or_default()
}

/// Files with a `[family]` header, by family key.
pub fn families() -> BTreeMap<String, Family> {
    let mut out = BTreeMap::new();
    for (file, doc) in framework_files() {
        let Some(header) = doc.get("family").and_then(Value::as_table).cloned() else { continue };
        let key = str_of(&header, "key").unwrap_or_else(|| panic!("{file}: [family] has no key")).to_owned();
        let mut cite = BTreeSet::new();
        for t in tables(&header) {
            if t.get("cite").and_then(Value::as_bool) == Some(true) {
                let name = str_of(t, "name").unwrap();
                cite.extend(entries(&doc, name).iter().filter_map(|e| str_of(e, "id")).map(str::to_owned));
            }
        }
        let patterns = header
            .get("id_patterns")
            .and_then(Value::as_array)
            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect())
            .unwrap_or_default();
        let prev = out.insert(key.clone(), Family { file: file.clone(), key, header, doc, cite, patterns });
        assert!(prev.is_none(), "{file}: a second file declares the same family key");
    }
    out
}

/// `#` stands for 1 to 3 ASCII digits, every other character for itself (docs/frameworks.md).
pub fn matches(pattern: &str, id: &str) -> bool {
    fn go(p: &[u8], s: &[u8]) -> bool {
        match p.split_first() {
            None => s.is_empty(),
            Some((b'#', rest)) => {
                let digits = s.iter().take(3).take_while(|b| b.is_ascii_digit()).count();
                (1..=digits).any(|n| go(rest, &s[n..]))
            }
            Some((c, rest)) => s.first() == Some(c) && go(rest, &s[1..]),
        }
    }
    go(pattern.as_bytes(), id.as_bytes())
}

/// Lower-case words, as the originality checks count them (curly apostrophes made straight).
pub fn words(s: &str) -> Vec<String> {
    s.replace('\u{2019}', "'")
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
