//! Engagement facts changed from the wizard's form: put into the session's engagement at once
//! (the reports' cover reads it), written by the save worker through the store's `set_facts`,
//! the call `aira engagement set` makes, and on the undo list as the respondent answering.

use super::Session;
use super::undo::Subject;
use aira_core::engagement::{Engagement, FactsEdit, Period, ReportStatus};

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

impl Session {
    /// Apply a checked edit; the facts that changed (none: nothing to save). Put on the undo
    /// list as a change of the respondent answering, numbered as its history entry.
    pub fn set_facts(&mut self, edit: &FactsEdit) -> Vec<&'static str> {
        if self.read_only.is_some() {
            return Vec::new();
        }
        let old = Facts::of(&self.meta);
        let changed = edit.apply_to(&mut self.meta);
        if !changed.is_empty() {
            let who = self.current_respondent().id.clone();
            self.done(
                aira_store::workspace::meta_change::ENGAGEMENT,
                who,
                None,
                Subject::Facts { old, new: Facts::of(&self.meta) },
            );
            self.save.pending += 1;
        }
        changed
    }
}
