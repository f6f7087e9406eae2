//! Names from other tools made to fit aira: ids as slugs, NIST ids in NIST's short form.

use aira_core::questionnaire::Function;
use aira_core::questionnaire::refs::{RefKind, classify};

/// An id of a-z, 0-9 and `-` (at most 128 characters); empty when nothing usable is left.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 128 {
            break;
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The function a word names: `GOVERN` or its prefix `GV`, in any case.
pub fn function_word(word: &str) -> Option<Function> {
    let w = word.to_ascii_uppercase();
    Function::ALL.into_iter().find(|f| w == f.as_str().to_ascii_uppercase() || w == f.nist_prefix())
}

/// NIST AI RMF subcategory ids as people write them (`GOVERN 1.1`, `gv 1.1`, `Map-1.2`) in
/// NIST's short form (`GV-1.1`); `None` when the text is no NIST subcategory.
pub fn nist_id(s: &str) -> Option<String> {
    let s = s.trim();
    let (word, rest) = s.split_once([' ', '-'])?;
    let f = function_word(word)?;
    let id = format!("{}-{}", f.nist_prefix(), rest.trim());
    (classify(&id) == Some(RefKind::Nist)).then_some(id)
}

/// An ISO/IEC 42001 clause or Annex A id, with an optional leading "Clause ".
pub fn iso_id(s: &str) -> Option<String> {
    let s = s.trim();
    let s = s.strip_prefix("Clause ").or_else(|| s.strip_prefix("clause ")).unwrap_or(s).trim();
    (classify(s) == Some(RefKind::Iso)).then(|| s.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_nist_forms() {
        assert_eq!(slug("GOVERN 1.1"), "govern-1-1");
        assert_eq!(slug("  A.6.2.6 "), "a-6-2-6");
        assert_eq!(slug("Über—Ωmega"), "ber-mega");
        assert_eq!(slug("日本"), "");
        assert_eq!(slug(&"x".repeat(500)).len(), 128);
        assert_eq!(nist_id("GOVERN 1.1").as_deref(), Some("GV-1.1"));
        assert_eq!(nist_id("measure 2.10").as_deref(), Some("MS-2.10"));
        assert_eq!(nist_id("MG-4.3").as_deref(), Some("MG-4.3"));
        assert_eq!(nist_id("GOVERN 1"), None);
        assert_eq!(nist_id("GOVERNANCE 1.1"), None);
        assert_eq!(iso_id("Clause 6.1.2").as_deref(), Some("6.1.2"));
        assert_eq!(iso_id("A.6.2.6").as_deref(), Some("A.6.2.6"));
        assert_eq!(iso_id("GV-1.1"), None);
    }
}
