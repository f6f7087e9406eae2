//! Every reference-family file in assets/frameworks/ has the common shape of
//! docs/frameworks.md, so that a generic loader can read a new framework from data alone.

use std::collections::BTreeSet;

use crate::family_support::{entries, families, framework_files, matches, str_of, tables};
use toml::Value;

const HEADER_STRINGS: &[&str] = &["key", "name", "edition", "noun", "example"];
const HEADER_KEYS: &[&str] = &["key", "name", "edition", "noun", "example", "id_patterns", "order", "table"];

#[test]
fn every_file_is_a_family_or_a_crosswalk() {
    let files = framework_files();
    assert!(files.len() >= 5, "{:?}", files.keys());
    let keys: BTreeSet<String> = families().into_keys().collect();
    for (name, doc) in &files {
        match (doc.get("family"), doc.get("crosswalk").and_then(Value::as_table)) {
            (Some(_), None) => {}
            (None, Some(cw)) => {
                for end in ["from", "to"] {
                    let k = str_of(cw, end).unwrap_or_else(|| panic!("{name}: [crosswalk] has no `{end}`"));
                    assert!(keys.contains(k), "{name}: [crosswalk] {end} = {k:?} is no family");
                }
            }
            _ => panic!("{name}: needs exactly one of [family] or [crosswalk]"),
        }
    }
    assert_eq!(keys.into_iter().collect::<Vec<_>>(), ["eu", "gai", "iso", "nist"]);
}

#[test]
fn family_headers_share_one_shape() {
    let mut orders = BTreeSet::new();
    let all = families();
    assert!(all.len() >= 4, "{} family files", all.len());
    for f in all.values() {
        let file = &f.file;
        for k in f.header.keys() {
            assert!(HEADER_KEYS.contains(&k.as_str()), "{file}: unknown [family] key `{k}`");
        }
        for k in HEADER_STRINGS {
            let v = str_of(&f.header, k).unwrap_or_else(|| panic!("{file}: [family] needs `{k}`"));
            assert!(!v.trim().is_empty() && !v.contains('\n'), "{file}: `{k}` must be one non-blank line");
        }
        assert!(f.key.bytes().all(|b| b.is_ascii_lowercase()), "{file}: key {:?}", f.key);
        assert!(!f.patterns.is_empty(), "{file}: [family] needs `id_patterns`");
        let order = f.header.get("order").and_then(Value::as_integer).unwrap_or_else(|| panic!("{file}: order"));
        assert!(orders.insert(order), "{file}: order {order} is taken");
        let example = str_of(&f.header, "example").unwrap();
        assert!(f.cite.contains(example), "{file}: the example {example} is not a citable entry");
        assert!(!f.cite.is_empty(), "{file}: no [[family.table]] with cite = true holds entries");
    }
}

#[test]
fn entries_have_ids_titles_and_known_groups() {
    for f in families().values() {
        let file = &f.file;
        let described = tables(&f.header);
        assert!(!described.is_empty(), "{file}: no [[family.table]]");
        let mut ids = BTreeSet::new();
        for t in &described {
            for k in t.keys() {
                assert!(["name", "cite", "group"].contains(&k.as_str()), "{file}: unknown [[family.table]] key `{k}`");
            }
            let name = str_of(t, "name").unwrap_or_else(|| panic!("{file}: a [[family.table]] has no name"));
            let list = entries(&f.doc, name);
            assert!(!list.is_empty(), "{file}: table `{name}` has no entries");
            let group = t.get("group").and_then(Value::as_table);
            let parents: BTreeSet<&str> = group
                .map(|g| entries(&f.doc, str_of(g, "table").unwrap()).iter().filter_map(|e| str_of(e, "id")).collect())
                .unwrap_or_default();
            for e in list {
                let id = str_of(e, "id").unwrap_or_else(|| panic!("{file}: a `{name}` entry has no id"));
                assert!(ids.insert(id.to_owned()), "{file}: id {id} twice");
                let title = str_of(e, "title").unwrap_or_else(|| panic!("{file}: {id} has no title"));
                assert!(!title.trim().is_empty() && !title.contains('\n'), "{file}: {id} title");
                if let Some(v) = e.get("applies_from") {
                    assert!(matches!(v, Value::Datetime(d) if d.date.is_some() && d.time.is_none()), "{file}: {id}");
                }
                if let Some(g) = group {
                    let parent = str_of(e, str_of(g, "field").unwrap()).unwrap_or("");
                    assert!(parent.is_empty() || parents.contains(parent), "{file}: {id} names unknown group {parent}");
                }
                let cite = t.get("cite").and_then(Value::as_bool) == Some(true);
                assert!(!cite || f.patterns.iter().any(|p| matches(p, id)), "{file}: {id} fits no id pattern");
            }
        }
    }
}

#[test]
fn id_patterns_tell_the_families_apart() {
    let all = families();
    for f in all.values() {
        for id in &f.cite {
            for other in all.values().filter(|o| o.key != f.key) {
                assert!(
                    !other.patterns.iter().any(|p| matches(p, id)),
                    "{id} of {} fits {}'s patterns",
                    f.key,
                    other.key
                );
            }
        }
    }
}

#[test]
fn pattern_language_is_what_the_doc_says() {
    assert!(matches("Art.#", "Art.9") && matches("Art.#", "Art.113") && !matches("Art.#", "Art.1134"));
    assert!(!matches("Art.#", "Art.") && !matches("Art.#", "Art.9a") && !matches("Art.#", "art.9"));
    assert!(matches("A.#.#.#", "A.6.2.6") && !matches("A.#.#", "A.6.2.6") && matches("#.#", "10.2"));
}

#[test]
fn eu_dates_and_operators_are_consistent() {
    let all = families();
    let eu = &all["eu"].doc;
    let mut dates: BTreeSet<String> =
        entries(eu, "application").iter().map(|a| a.get("from").unwrap().to_string()).collect();
    assert_eq!(dates.len(), 4, "Art. 113 has four dates of application");
    dates.insert(eu["regulation"]["entry_into_force"].to_string());
    let operators = ["provider", "deployer", "importer", "distributor", "gpai-provider"];
    let articles = entries(eu, "article");
    assert_eq!(articles.len(), 113);
    for a in articles {
        let id = str_of(a, "id").unwrap();
        let from = a.get("applies_from").unwrap_or_else(|| panic!("{id} has no applies_from")).to_string();
        assert!(dates.contains(&from), "{id} applies from {from}, which is no Art. 113 date");
        for o in a.get("operators").and_then(Value::as_array).into_iter().flatten() {
            assert!(operators.contains(&o.as_str().unwrap()), "{id}: unknown operator {o}");
        }
    }
    assert_eq!(entries(eu, "annex_iii_area").len(), 8);
}

#[test]
fn gai_risks_are_filed_under_real_subcategories() {
    let all = families();
    let risks = entries(&all["gai"].doc, "risk");
    let ids: Vec<&str> = risks.iter().map(|r| str_of(r, "id").unwrap()).collect();
    let want: Vec<String> = (1..=12).map(|n| format!("GAI-{n}")).collect();
    assert_eq!(ids, want);
    for r in risks {
        let subs = r.get("nist").and_then(Value::as_array).unwrap();
        assert!(!subs.is_empty(), "{:?}", r.get("id"));
        for s in subs {
            assert!(all["nist"].cite.contains(s.as_str().unwrap()), "{:?} files under unknown {s}", r.get("id"));
        }
    }
}
