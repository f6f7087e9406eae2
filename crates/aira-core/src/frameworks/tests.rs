//! The generic family reader on the embedded files and on made-up ones.

use super::*;

#[test]
fn every_embedded_family_loads_in_order() {
    let r = Registry::from_files(FILES.iter().copied()).unwrap();
    let keys: Vec<&str> = r.families().iter().map(|f| f.key.as_str()).collect();
    assert_eq!(keys, ["nist", "iso", "eu", "gai"]);
    let eu = r.family("eu").unwrap();
    assert_eq!(eu.entry("Art.9").unwrap().applies_from.as_deref(), Some("2026-08-02"));
    assert_eq!(eu.entry("Art.9").unwrap().group.as_deref(), Some("III"));
    assert!(eu.citable("Art.113") && !eu.citable("III"));
    assert_eq!(r.family("nist").unwrap().citable_entries().count(), 72);
    assert_eq!(r.family("gai").unwrap().citable_entries().count(), 12);
    assert_eq!(title("GAI-2"), Some("Confabulation"));
    assert!(exists("Art.50"));
}

#[test]
fn patterns_match_whole_ids_with_one_to_three_digits() {
    assert!(fits_pattern("Art.#", "Art.4") && fits_pattern("Art.#", "Art.113"));
    for no in ["Art.1134", "art.4", "Art.4a", "Art.", ""] {
        assert!(!fits_pattern("Art.#", no), "{no}");
    }
    assert!(fits_pattern("A.#.#.#", "A.6.2.6"));
    assert!(!fits_pattern("#.#", "6"));
}

const TINY: &str = r#"
[family]
key = "zed"
name = "Zed"
edition = "Zed 1"
noun = "a Zed clause"
example = "Z-1"
id_patterns = ["Z-#"]
order = 9

[[family.table]]
name = "clause"
cite = true

[[clause]]
id = "Z-1"
title = "One"
applies_from = 2030-01-02
"#;

#[test]
fn a_made_up_family_is_read_and_added() {
    let r = Registry::from_files(FILES.iter().copied().chain([("zed.toml", TINY)])).unwrap();
    let z = r.family("zed").unwrap();
    assert_eq!((z.name.as_str(), z.entries.len()), ("Zed", 1));
    assert_eq!(r.families().last().unwrap().key, "zed");
    assert_eq!(long_date(z.entries[0].applies_from.as_deref().unwrap()), "2 January 2030");
}

#[test]
fn malformed_families_are_refused_with_the_file_name() {
    let cases = [
        (TINY.replace("key = \"zed\"", "key = \"Zed\""), "lower-case"),
        (TINY.replace("id = \"Z-1\"", "id = \"Q-1\""), "fits none"),
        (TINY.replace("example = \"Z-1\"", "example = \"Z-2\""), "not a citable entry"),
        (TINY.replace("title = \"One\"", "title = \"\""), "one-line `title`"),
        (TINY.replace("applies_from = 2030-01-02", "applies_from = \"soon\""), "local date"),
        (TINY.replace("order = 9", "order = 1"), "clashes"),
        (TINY.replace("[family]", "[family]\ncolour = 1"), "unknown key `colour`"),
    ];
    for (text, want) in cases {
        let err = Registry::from_files(FILES.iter().copied().chain([("zed.toml", text.as_str())])).unwrap_err();
        assert!(err.contains(want), "{err}");
        assert!(err.contains("zed.toml") || err.contains("clashes"), "{err}");
    }
    let both = format!("{TINY}\n[crosswalk]\nfrom = \"a\"\n");
    assert!(Registry::from_files([("b.toml", both.as_str())]).unwrap_err().contains("exactly one"));
}

#[test]
fn long_dates_read_as_words() {
    assert_eq!(long_date("2026-08-02"), "2 August 2026");
    assert_eq!(long_date("2025-02-02"), "2 February 2025");
    assert_eq!(long_date("garbage"), "garbage");
}
