//! Framework reference data kept in the project (pure), from assets/frameworks/*.toml
//! (embedded by build.rs): every reference family read generically (`family`), plus the NIST
//! and ISO shapes that family-aware views (categories, functions, the SoA) roll up by.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::Deserialize;

mod family;

pub use family::{Family, FamilyEntry, Registry, fits_pattern, long_date, read_family};

include!(concat!(env!("OUT_DIR"), "/framework_files.rs"));

fn embedded(name: &str) -> &'static str {
    FILES.iter().find(|(n, _)| *n == name).map_or("", |(_, t)| t)
}

#[derive(Debug, Deserialize)]
pub struct Entry {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub name: String,
    /// NIST: the category of a subcategory, the function of a category.
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub function: String,
    /// ISO: the parent clause, the objective of a control, the PDCA phase of a clause.
    #[serde(default)]
    pub parent: String,
    #[serde(default)]
    pub objective: String,
    #[serde(default)]
    pub phase: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct Nist {
    #[serde(default)]
    pub function: Vec<Entry>,
    #[serde(default)]
    pub category: Vec<Entry>,
    #[serde(default)]
    pub subcategory: Vec<Entry>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Iso {
    #[serde(default)]
    pub clause: Vec<Entry>,
    #[serde(default)]
    pub objective: Vec<Entry>,
    #[serde(default)]
    pub control: Vec<Entry>,
}

pub struct Frameworks {
    pub nist: Nist,
    pub iso: Iso,
    /// Every family of the embedded files (tested to load; empty should one not).
    pub families: Registry,
    titles: HashMap<String, String>,
}

/// The embedded reference data, parsed once. The files are tested to parse; should one not,
/// references simply show without titles rather than stopping the program.
pub fn get() -> &'static Frameworks {
    static F: OnceLock<Frameworks> = OnceLock::new();
    F.get_or_init(|| {
        let nist: Nist = toml::from_str(embedded("nist-ai-rmf.toml")).unwrap_or_default();
        let iso: Iso = toml::from_str(embedded("iso42001.toml")).unwrap_or_default();
        let families = Registry::from_files(FILES.iter().copied()).unwrap_or_default();
        let mut titles = HashMap::new();
        for e in
            nist.category.iter().chain(&nist.subcategory).chain(&iso.clause).chain(&iso.objective).chain(&iso.control)
        {
            titles.insert(e.id.clone(), e.title.clone());
        }
        for e in &nist.function {
            titles.insert(e.id.clone(), e.name.clone());
        }
        for f in families.families() {
            for e in &f.entries {
                titles.entry(e.id.clone()).or_insert_with(|| e.title.clone());
            }
        }
        Frameworks { nist, iso, families, titles }
    })
}

/// The embedded reference families.
pub fn registry() -> &'static Registry {
    &get().families
}

/// The short title of a reference id (`A.6.2.6` → "AI system operation and monitoring").
pub fn title(id: &str) -> Option<&'static str> {
    get().titles.get(id).map(String::as_str)
}

/// True when `id` is an entry of some family (a NIST subcategory, an ISO control, `Art.9`, …).
pub fn exists(id: &str) -> bool {
    get().titles.contains_key(id)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod typed_tests {
    #[test]
    fn embedded_reference_data_is_complete() {
        let nist: super::Nist = toml::from_str(super::embedded("nist-ai-rmf.toml")).unwrap();
        let iso: super::Iso = toml::from_str(super::embedded("iso42001.toml")).unwrap();
        assert_eq!((nist.function.len(), nist.category.len(), nist.subcategory.len()), (4, 19, 72));
        assert_eq!((iso.clause.len(), iso.control.len()), (43, 38));
        assert_eq!(super::title("MS-2.7"), Some("security and resilience"));
        assert_eq!(super::title("A.6.2.6"), Some("AI system operation and monitoring"));
    }
}
