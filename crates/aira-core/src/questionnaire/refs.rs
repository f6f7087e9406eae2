//! Recognising framework reference ids by shape (not by table look-up: that lives in
//! `frameworks`, which knows the real lists).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Nist,
    Iso,
}

impl RefKind {
    pub fn describe(self) -> &'static str {
        match self {
            RefKind::Nist => "a NIST AI RMF subcategory",
            RefKind::Iso => "an ISO/IEC 42001 clause or control",
        }
    }

    /// The edition aira's reference lists come from (crate::frameworks).
    pub fn edition(self) -> &'static str {
        match self {
            RefKind::Nist => "NIST AI RMF 1.0",
            RefKind::Iso => "ISO/IEC 42001:2023",
        }
    }
}

fn dotted_numbers(s: &str, min_parts: usize) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= min_parts
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// `GV-1.1` style → Nist; `6.1.2` (clauses 4–10) or `A.6.2.6` → Iso; anything else → None.
pub fn classify(id: &str) -> Option<RefKind> {
    if let Some((prefix, rest)) = id.split_once('-') {
        if matches!(prefix, "GV" | "MP" | "MS" | "MG") && dotted_numbers(rest, 2) {
            return Some(RefKind::Nist);
        }
        return None;
    }
    if let Some(rest) = id.strip_prefix("A.") {
        return dotted_numbers(rest, 2).then_some(RefKind::Iso);
    }
    if dotted_numbers(id, 1) {
        let top: u32 = id.split('.').next()?.parse().ok()?;
        return (4..=10).contains(&top).then_some(RefKind::Iso);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_reference_shapes() {
        assert_eq!(classify("GV-1.1"), Some(RefKind::Nist));
        assert_eq!(classify("MS-2.10"), Some(RefKind::Nist));
        assert_eq!(classify("XX-1.1"), None);
        assert_eq!(classify("GV-1"), None);
        assert_eq!(classify("6.1.2"), Some(RefKind::Iso));
        assert_eq!(classify("10.2"), Some(RefKind::Iso));
        assert_eq!(classify("A.6.2.6"), Some(RefKind::Iso));
        assert_eq!(classify("A.6"), None);
        assert_eq!(classify("3.1"), None);
        assert_eq!(classify("11"), None);
        assert_eq!(classify(""), None);
    }
}
