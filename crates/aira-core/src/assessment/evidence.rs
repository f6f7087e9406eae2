//! One item of evidence kept with an answer (pure): a reference (a path relative to the
//! workspace, a path outside it, a URL, or the plain words of older files) and, for a file
//! recorded by `aira evidence add`, its size and SHA-256 so a reader can check it is the same file.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Serialize, Serializer};

/// An evidence item. Older workspaces hold plain strings (`evidence = ["AI policy v0.3"]`):
/// those read as an item with only `reference`, and are written back as plain strings.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// What the evidence is: `evidence/policy.pdf`, `/srv/share/x.pdf`, `https://…`, or words.
    pub reference: String,
    /// Bytes of the file when it was recorded.
    pub size: Option<u64>,
    /// SHA-256 of the file when it was recorded, 64 lowercase hex digits.
    pub sha256: Option<String>,
    /// RFC 3339: when it was recorded (the store's clock).
    pub added_at: String,
    /// Who recorded it (the capturer, as `answered_by`).
    pub added_by: String,
    pub note: String,
}

/// What a reference points at, for the register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// An `http://` or `https://` address.
    Url,
    /// A file recorded with its hash.
    File,
    /// Words only (older files, or a hand edit).
    Text,
}

impl Evidence {
    pub fn new(reference: &str) -> Self {
        Evidence { reference: reference.to_owned(), ..Default::default() }
    }

    /// Only a reference: stored as a plain string, as older files hold it.
    pub fn is_plain(&self) -> bool {
        self.size.is_none()
            && self.sha256.is_none()
            && self.added_at.is_empty()
            && self.added_by.is_empty()
            && self.note.is_empty()
    }

    pub fn kind(&self) -> EvidenceKind {
        if is_url(&self.reference) {
            EvidenceKind::Url
        } else if self.sha256.is_some() {
            EvidenceKind::File
        } else {
            EvidenceKind::Text
        }
    }

    /// The hash's first 12 hex digits, as the register shows them.
    pub fn short_hash(&self) -> Option<&str> {
        self.sha256.as_deref().map(|h| h.get(..12).unwrap_or(h))
    }
}

/// Whether `s` is an `http://` or `https://` address (the only URLs evidence records).
pub fn is_url(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("http://") && s.len() > 7) || (lower.starts_with("https://") && s.len() > 8)
}

/// Whether `s` is 64 lowercase hex digits.
pub fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

// Writers that show evidence as text (every report format today) see the reference: the
// register's fields are read from the struct.
impl Deref for Evidence {
    type Target = str;
    fn deref(&self) -> &str {
        &self.reference
    }
}

impl Borrow<str> for Evidence {
    fn borrow(&self) -> &str {
        &self.reference
    }
}

impl AsRef<str> for Evidence {
    fn as_ref(&self) -> &str {
        &self.reference
    }
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reference)
    }
}

impl From<&str> for Evidence {
    fn from(s: &str) -> Self {
        Evidence::new(s)
    }
}

impl From<String> for Evidence {
    fn from(reference: String) -> Self {
        Evidence { reference, ..Default::default() }
    }
}

/// Serialised as its reference: the JSON report's `evidence` stays a list of strings (its
/// schema); the register is a report section of its own.
impl Serialize for Evidence {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.reference)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_short_hash_and_plain() {
        let plain = Evidence::from("AI policy v0.3");
        assert!(plain.is_plain());
        assert_eq!(plain.kind(), EvidenceKind::Text);
        assert_eq!(&*plain, "AI policy v0.3");
        let url = Evidence::new("HTTPS://intranet.example/p");
        assert_eq!(url.kind(), EvidenceKind::Url);
        assert!(!is_url("https://"), "a scheme alone is no address");
        assert!(!is_url("ftp://x"));
        let h = "a".repeat(64);
        let file = Evidence { sha256: Some(h.clone()), size: Some(3), ..Evidence::new("evidence/p.pdf") };
        assert!(!file.is_plain());
        assert_eq!(file.kind(), EvidenceKind::File);
        assert_eq!(file.short_hash(), Some("aaaaaaaaaaaa"));
        assert!(is_sha256_hex(&h));
        assert!(!is_sha256_hex(&"A".repeat(64)));
        assert!(!is_sha256_hex("abc"));
        assert_eq!(["x".into(), Evidence::new("y")].join("; "), "x; y");
    }
}
