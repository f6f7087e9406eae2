//! The engagement facts for the cover and the evidence register. A fact the workspace does
//! not record (no assessor, no contact) is a slot that says "not recorded" rather than
//! vanishing, so a reader sees what is missing.

use super::model::Report;

/// One line of the cover's fact table; `value: None` prints as "not recorded".
#[derive(Clone, Debug, PartialEq)]
pub struct Fact {
    pub label: &'static str,
    pub value: Option<String>,
}

/// One piece of evidence: a reference (path, URL or title); `sha256`, `size` and `added_at`
/// are there when `aira evidence add` recorded a file.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceItem {
    pub index: usize,
    pub question_id: String,
    pub question: String,
    pub reference: String,
    pub added_by: String,
    pub added_at: Option<String>,
    pub sha256: Option<String>,
    pub size: Option<u64>,
}

/// The register's hash column for a URL: a link has no hash by design, nothing is missing.
pub const LINK_NOT_HASHED: &str = "link, not hashed";
/// … and for a reference recorded as words (older files, a hand edit): no file was hashed.
pub const NOT_HASHED: &str = "not hashed";

impl EvidenceItem {
    /// The hash as the register prints it: its first 12 hex digits.
    pub fn short_hash(&self) -> Option<&str> {
        self.sha256.as_deref().map(|h| h.get(..12).unwrap_or(h))
    }

    /// The register's hash column: the first 12 hex digits, else what is true of the item
    /// (a link, or a reference no file was hashed for), never "not recorded".
    pub fn hash_shown(&self) -> &str {
        match self.short_hash() {
            Some(h) => h,
            None if crate::assessment::is_url(&self.reference) => LINK_NOT_HASHED,
            None => NOT_HASHED,
        }
    }
}

/// A question the client is asked to supply evidence for.
#[derive(Clone, Debug, PartialEq)]
pub struct EvidenceRequest {
    pub index: usize,
    pub question_id: String,
    pub question: String,
    /// "not answered" or "no evidence recorded".
    pub reason: &'static str,
    pub hints: Vec<String>,
}

/// A trimmed value, or `None` when blank.
pub(super) fn some(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// A capturer's name worth printing: never blank, never the store's "unknown" placeholder.
pub fn capturer(name: &str) -> Option<&str> {
    let t = name.trim();
    (!t.is_empty() && !t.eq_ignore_ascii_case("unknown")).then_some(t)
}

pub fn facts(r: &Report) -> Vec<Fact> {
    let m = r.meta;
    let q = r.questionnaire;
    let method = super::method::methodology(r);
    let period = match (&method.first, &method.last) {
        (Some(a), Some(b)) if a.get(..10) == b.get(..10) => a.get(..10).map(str::to_owned),
        (Some(a), Some(b)) => Some(format!("{} to {}", a.get(..10).unwrap_or(a), b.get(..10).unwrap_or(b))),
        _ => None,
    };
    let people: Vec<String> = r
        .respondents()
        .iter()
        .map(|p| if p.role.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.role) })
        .collect();
    vec![
        Fact { label: "Client", value: some(&m.organisation) },
        Fact { label: "Scope", value: some(&m.scope) },
        Fact { label: "Assessor(s)", value: some(&r.facts.assessors.join(", ")) },
        Fact { label: "Client contact", value: some(&r.facts.contact) },
        Fact {
            label: "Assessment period",
            value: r.facts.period.as_ref().map(|(a, b)| format!("{a} to {b}")).or(period),
        },
        Fact { label: "Respondents", value: (!people.is_empty()).then(|| people.join(", ")) },
        Fact { label: "Questionnaire", value: Some(format!("{} {}", q.title, q.version)) },
        Fact { label: "Report status", value: some(&r.facts.status) },
        Fact { label: "Report version", value: some(&r.facts.version) },
    ]
}

/// Every evidence reference recorded with an answer, in questionnaire then respondent order.
pub fn evidence(r: &Report) -> Vec<EvidenceItem> {
    r.rows
        .iter()
        .enumerate()
        .flat_map(|(index, row)| {
            row.answers.iter().flat_map(move |(who, a)| {
                a.evidence.iter().map(move |e| EvidenceItem {
                    index,
                    question_id: row.question.id.clone(),
                    question: row.question.text.clone(),
                    reference: e.reference.clone(),
                    // Who recorded it; a plain old reference, or one recorded by the store's
                    // "unknown" placeholder, is credited to the respondent it sits with.
                    added_by: capturer(&e.added_by).unwrap_or(&who.name).to_owned(),
                    added_at: (!e.added_at.is_empty()).then(|| e.added_at.clone()),
                    sha256: e.sha256.clone(),
                    size: e.size,
                })
            })
        })
        .collect()
}

/// Applicable questions left unanswered or answered without evidence, with what to ask for.
pub fn requests(r: &Report) -> Vec<EvidenceRequest> {
    r.rows
        .iter()
        .enumerate()
        .filter(|(_, row)| row.status != crate::assessment::Status::NotApplicable)
        .filter_map(|(index, row)| {
            let reason = if row.status.score().is_none() {
                "not answered"
            } else if row.evidence.is_empty() {
                "no evidence recorded"
            } else {
                return None;
            };
            Some(EvidenceRequest {
                index,
                question_id: row.question.id.clone(),
                question: row.question.text.clone(),
                reason,
                hints: row.question.evidence.clone(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stores_placeholder_capturer_is_never_printed() {
        assert_eq!(capturer(" Sam Lee "), Some("Sam Lee"));
        for none in ["", "  ", "unknown", "Unknown"] {
            assert_eq!(capturer(none), None, "{none:?}");
        }
    }

    #[test]
    fn a_hash_prints_as_its_first_twelve_digits() {
        let mut e = EvidenceItem {
            index: 0,
            question_id: "q".into(),
            question: "Q?".into(),
            reference: "a.pdf".into(),
            added_by: "Sam".into(),
            added_at: None,
            sha256: None,
            size: None,
        };
        assert_eq!(e.short_hash(), None);
        assert_eq!(e.hash_shown(), "not hashed");
        e.sha256 = Some("0123456789abcdef0123".into());
        assert_eq!(e.short_hash(), Some("0123456789ab"));
        assert_eq!(e.hash_shown(), "0123456789ab");
        let url = EvidenceItem { reference: "https://intranet.example/runbook".into(), sha256: None, ..e };
        assert_eq!(url.hash_shown(), "link, not hashed");
    }
}
