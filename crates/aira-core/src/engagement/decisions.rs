//! What the client decided per control and per action (pure): a Statement of Applicability
//! decision is applicable, not applicable or still undecided (no entry); a roadmap item has an
//! owner and a due date. The report, the TUI and the CLI ask these functions, never the map.

use serde::{Deserialize, Serialize};

use super::facts::{FactError, IsoDate, check_text};
use super::{Engagement, SoaEntry};

/// A control's applicability. A control nobody has decided on is `Undecided`: the default.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    Applicable,
    NotApplicable,
    Undecided,
}

impl Applicability {
    /// As the SoA's "applicable" column reads.
    pub fn label(self) -> &'static str {
        match self {
            Applicability::Applicable => "yes",
            Applicability::NotApplicable => "no",
            Applicability::Undecided => "undecided",
        }
    }

    /// As report JSON names it (its serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Applicability::Applicable => "applicable",
            Applicability::NotApplicable => "not_applicable",
            Applicability::Undecided => "undecided",
        }
    }
}

/// One control's decision and its justification (empty when none was given).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SoaDecision<'a> {
    pub applicability: Applicability,
    pub justification: &'a str,
    /// Who is accountable for the control; empty when nobody is named (always so while undecided).
    pub owner: &'a str,
}

impl SoaDecision<'_> {
    /// Decided, but with no reason given: the SoA flags it (ISO/IEC 42001 6.1.3 asks for the
    /// justification of inclusions as well as exclusions).
    pub fn unjustified(&self) -> bool {
        self.applicability != Applicability::Undecided && self.justification.trim().is_empty()
    }
}

/// The owner and due date of one roadmap action (`[roadmap.QUESTION]` in workspace.toml).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapEntry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<IsoDate>,
}

impl RoadmapEntry {
    pub fn is_empty(&self) -> bool {
        self.owner.is_empty() && self.due.is_none()
    }

    /// An owner typed by the user: one line, not blank.
    pub fn check_owner(owner: &str) -> Result<String, FactError> {
        check_text("owner", owner, false, true)
    }
}

impl SoaEntry {
    /// A decision with nobody named as the control's owner yet.
    pub fn new(applicable: bool, justification: &str) -> Self {
        SoaEntry { applicable, justification: justification.to_owned(), owner: String::new() }
    }

    /// A control's owner typed by the user, trimmed: one line; blank clears it.
    pub fn check_owner(owner: &str) -> Result<String, FactError> {
        check_text("owner", owner, false, false)
    }
}

impl Engagement {
    /// A control's decision: its `[soa."A.x.y"]` entry (an entry without `applicable`, as
    /// older files may hold, is applicable), else undecided.
    pub fn soa_decision(&self, control: &str) -> SoaDecision<'_> {
        match self.soa.get(control) {
            None => SoaDecision { applicability: Applicability::Undecided, justification: "", owner: "" },
            Some(SoaEntry { applicable, justification, owner }) => SoaDecision {
                applicability: if *applicable { Applicability::Applicable } else { Applicability::NotApplicable },
                justification,
                owner,
            },
        }
    }

    /// Controls decided without a justification, in id order (for `aira soa` and `doctor`).
    pub fn unjustified_soa(&self) -> Vec<&str> {
        self.soa.keys().filter(|c| self.soa_decision(c).unjustified()).map(String::as_str).collect()
    }

    /// The owner and due date of a question's roadmap action, if any was set.
    pub fn roadmap_entry(&self, question_id: &str) -> Option<&RoadmapEntry> {
        self.roadmap.get(question_id).filter(|e| !e.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engagement::Engagement;

    fn meta(extra: &str) -> Engagement {
        let text = format!("format = 1\n{extra}\n[questionnaire]\nid = \"q\"\nversion = \"1\"\nsha256 = \"x\"\n");
        toml::from_str(&text).unwrap()
    }

    #[test]
    fn no_entry_is_undecided_and_old_entries_keep_their_decision() {
        let m = meta(
            "[soa.\"A.2.2\"]\njustification = \"policy\"\n[soa.\"A.2.3\"]\napplicable = false\njustification = \"n\"\n[soa.\"A.2.4\"]\napplicable = true\n",
        );
        assert_eq!(m.soa_decision("A.5.2").applicability, Applicability::Undecided);
        assert!(!m.soa_decision("A.5.2").unjustified(), "undecided is not a decision without a reason");
        assert_eq!(
            m.soa_decision("A.2.2"),
            SoaDecision { applicability: Applicability::Applicable, justification: "policy", owner: "" }
        );
        assert_eq!(m.soa_decision("A.2.3").applicability, Applicability::NotApplicable);
        assert_eq!(m.soa_decision("A.2.4").applicability.label(), "yes");
        assert_eq!(m.unjustified_soa(), ["A.2.4"]);
    }

    #[test]
    fn roadmap_entries_read_with_checked_dates() {
        let m = meta("[roadmap.q1]\nowner = \"Ann\"\ndue = \"2026-12-31\"\n[roadmap.q2]\n");
        assert_eq!(m.roadmap_entry("q1").and_then(|e| e.due).map(|d| d.to_string()), Some("2026-12-31".into()));
        assert_eq!(m.roadmap_entry("q2"), None, "an empty table is no entry");
        let bad = "format = 1\n[roadmap.q1]\ndue = \"2026-02-30\"\n[questionnaire]\nid = \"q\"\nversion = \"1\"\nsha256 = \"x\"\n";
        let e = toml::from_str::<Engagement>(bad).unwrap_err();
        assert!(e.message().contains("`2026-02-30` is not a date"), "{e}");
        assert_eq!(RoadmapEntry::check_owner(" "), Err(FactError::Empty("owner")));
    }
}
