//! The engagement facts as a value the undo list can hold: what a change from the form found
//! and left (its own file so that `undo` and `facts` do not import each other).

use aira_core::engagement::{Engagement, Period, ReportStatus};

/// The engagement facts as the session holds them (a fact workspace.toml leaves unset reads
/// as its default), before or after a change from the form.
#[derive(Clone, Debug, PartialEq)]
pub struct Facts {
    pub scope: String,
    pub assessors: Vec<String>,
    pub contact: String,
    pub period: Option<Period>,
    pub report_status: ReportStatus,
    pub report_version: String,
}

impl Facts {
    pub fn of(m: &Engagement) -> Facts {
        Facts {
            scope: m.scope.clone(),
            assessors: m.assessors.clone(),
            contact: m.contact.clone(),
            period: m.period,
            report_status: m.report_status,
            report_version: m.report_version.clone(),
        }
    }

    /// The facts that differ from `other`, by the store's names and in its order (those of
    /// `set_facts` and of `aira undo`'s sentence).
    pub fn differing(&self, other: &Facts) -> Vec<&'static str> {
        let pairs = [
            ("scope", self.scope != other.scope),
            ("assessors", self.assessors != other.assessors),
            ("contact", self.contact != other.contact),
            ("period", self.period != other.period),
            ("report_status", self.report_status != other.report_status),
            ("report_version", self.report_version != other.report_version),
        ];
        pairs.into_iter().filter(|(_, differs)| *differs).map(|(name, _)| name).collect()
    }

    /// Put this side's value of each fact in `names` into `m`; the others are left alone (they
    /// may be another change's).
    pub(super) fn put_into(&self, names: &[&str], m: &mut Engagement) {
        for name in names {
            match *name {
                "scope" => m.scope = self.scope.clone(),
                "assessors" => m.assessors = self.assessors.clone(),
                "contact" => m.contact = self.contact.clone(),
                "period" => m.period = self.period,
                "report_status" => m.report_status = self.report_status,
                "report_version" => m.report_version = self.report_version.clone(),
                _ => {}
            }
        }
    }
}
