//! `aira export ciso-assistant`: the assessment's results as the audit sheet CISO Assistant's
//! Data Wizard imports into a compliance assessment ("ComplianceAssessment" model type; its
//! `_reconcile_compliance_requirements` reads these columns). One row per requirement of the
//! CISO Assistant framework that aira scores: ISO/IEC 42001 clauses and Annex A controls for
//! `iso42001-2023`, NIST AI RMF subcategories for `nist-ai-rmf-1.0`. The rules are in
//! docs/interop.md; the scores are the report model's, this only lays them out.

use aira_core::report::model::Report;
use aira_core::scoring::RefScore;
use aira_core::scoring::soa::Implementation;

use super::csv::line;

/// The columns CISO Assistant reads, lower-case as it lowercases headers.
pub const COLUMNS: [&str; 7] =
    ["urn", "ref_id", "assessable", "compliance_result", "requirement_progress", "score", "observations"];

/// The two CISO Assistant frameworks whose requirement ids aira's references are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
pub enum Framework {
    /// ISO/IEC 42001:2023 (CISO Assistant library `iso42001-2023`, scores 0-5)
    #[cfg_attr(feature = "clap", value(name = "iso42001-2023"))]
    Iso42001,
    /// NIST AI RMF 1.0 (CISO Assistant library `nist-ai-rmf-1.0`, not scored)
    #[cfg_attr(feature = "clap", value(name = "nist-ai-rmf-1.0"))]
    NistAiRmf,
}

impl Framework {
    pub fn library(self) -> &'static str {
        match self {
            Framework::Iso42001 => "iso42001-2023",
            Framework::NistAiRmf => "nist-ai-rmf-1.0",
        }
    }

    /// CISO Assistant's `ref_id` of an aira reference id: ISO ids are the same; NIST's
    /// `GV-1.2` is `GOVERN 1.2`. None for an id of another shape.
    pub fn ref_id(self, id: &str) -> Option<String> {
        match self {
            Framework::Iso42001 => Some(id.to_owned()),
            Framework::NistAiRmf => {
                let (f, n) = id.split_once('-')?;
                let function = match f {
                    "GV" => "GOVERN",
                    "MP" => "MAP",
                    "MS" => "MEASURE",
                    "MG" => "MANAGE",
                    _ => return None,
                };
                Some(format!("{function} {n}"))
            }
        }
    }

    /// Whether CISO Assistant's library has a requirement for this aira id. Its ISO/IEC 42001
    /// library stops at clause 6.1 and has no node for the sub-clauses 6.1.1-6.1.4 (checked
    /// against tests/fixtures/ciso-assistant); every NIST subcategory is there.
    pub fn has(self, id: &str) -> bool {
        match self {
            Framework::Iso42001 => !["6.1.1", "6.1.2", "6.1.3", "6.1.4"].contains(&id),
            Framework::NistAiRmf => self.ref_id(id).is_some(),
        }
    }

    /// The requirement node's urn, as CISO Assistant's libraries spell it (lower case, spaces
    /// as hyphens): the fallback when a `ref_id` does not match.
    pub fn urn(self, ref_id: &str) -> String {
        format!("urn:intuitem:risk:req_node:{}:{}", self.library(), ref_id.to_lowercase().replace(' ', "-"))
    }
}

fn result(r: &RefScore, not_applicable_by_soa: bool) -> &'static str {
    if not_applicable_by_soa || (r.tally.score.is_none() && r.tally.not_applicable > 0) {
        return "not_applicable";
    }
    match Implementation::from_score(r.tally.score) {
        Implementation::NotAssessed => "not_assessed",
        Implementation::NotImplemented => "non_compliant",
        Implementation::Partial => "partially_compliant",
        Implementation::Implemented => "compliant",
    }
}

/// The sheet: header, then one row per reference some in-scope question answered (a level
/// or N/A); requirements nothing answered are left out, so the import leaves them as they are.
/// Also returns the answered aira ids the library has no requirement for (left out too).
pub fn audit(r: &Report, framework: Framework) -> (String, Vec<String>) {
    let refs: Vec<&RefScore> = match framework {
        Framework::Iso42001 => r.refs.iso_clauses.iter().chain(&r.refs.iso_controls).collect(),
        Framework::NistAiRmf => r.refs.nist_subcategories.iter().collect(),
    };
    let mut out = format!("\u{feff}{}", line(&COLUMNS));
    let mut missing = Vec::new();
    for x in refs.into_iter().filter(|x| x.tally.answered + x.tally.not_applicable > 0) {
        let Some(ref_id) = framework.ref_id(&x.id).filter(|_| framework.has(&x.id)) else {
            missing.push(x.id.clone());
            continue;
        };
        let soa_na = r.soa.iter().any(|s| s.control == x.id && !s.applicable());
        let progress = if x.tally.unanswered == 0 { "done" } else { "in_progress" };
        // CISO Assistant's ISO/IEC 42001 scores run 0-5 like aira's scale; its score is an integer.
        let score = match (framework, x.tally.score) {
            (Framework::Iso42001, Some(s)) if !soa_na && r.questionnaire.scale.max == 5 => format!("{}", s.round()),
            _ => String::new(),
        };
        let ids: Vec<String> = x
            .questions
            .iter()
            .map(|&i| {
                let row = &r.rows[i];
                match row.status.score() {
                    Some(l) => format!("{} ({l})", row.question.id),
                    None => format!("{} ({})", row.question.id, aira_core::report::model::status_label(row.status)),
                }
            })
            .collect();
        let score_text = x.tally.score.map_or("no score".to_owned(), |s| format!("score {s}"));
        let observation = format!(
            "aira {}: {score_text} from {} of {} question(s): {}",
            r.questionnaire.id,
            x.tally.answered,
            x.tally.total,
            ids.join("; ")
        );
        out.push_str(&line(&[
            framework.urn(&ref_id),
            ref_id,
            "True".to_owned(),
            result(x, soa_na).to_owned(),
            progress.to_owned(),
            score,
            observation,
        ]));
    }
    (out, missing)
}
