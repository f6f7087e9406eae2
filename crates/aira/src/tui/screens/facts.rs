//! The engagement facts form's data: one line per fact (the report status a choice), the
//! field with the focus, and the refusal shown under a field. Only the facts changed since the
//! form opened are saved, so a scope written over several lines by hand keeps its line breaks
//! unless it is edited here.

use crate::tui::input::{Limit, LineInput};
use aira_core::engagement::{Engagement, Fact, FactsText, ReportStatus};

/// The form's fields, top to bottom.
pub const FIELDS: [Fact; 6] = [Fact::Scope, Fact::Assessors, Fact::Contact, Fact::Period, Fact::Status, Fact::Version];

pub struct FactsScreen {
    pub scope: LineInput,
    /// The assessors' names, separated by commas.
    pub assessors: LineInput,
    pub contact: LineInput,
    /// `START..END`.
    pub period: LineInput,
    pub status: ReportStatus,
    pub version: LineInput,
    /// Into `FIELDS`.
    pub focus: usize,
    /// Why the last save was refused, and which field it is about.
    pub error: Option<(Fact, String)>,
    /// The text fields as they opened, and the status: what counts as unchanged.
    opened: (Vec<String>, ReportStatus),
}

impl FactsScreen {
    pub fn new(m: &Engagement) -> FactsScreen {
        let line = |t: &str, n| LineInput::with_text(t, Limit::Bytes(n));
        let period = m.period.map(|p| p.to_string()).unwrap_or_default();
        let mut f = FactsScreen {
            scope: line(&m.scope, 4096),
            assessors: line(&m.assessors.join(", "), 4096),
            contact: line(&m.contact, 1024),
            period: line(&period, 64),
            status: m.report_status,
            version: line(&m.report_version, 256),
            focus: 0,
            error: None,
            opened: (Vec::new(), m.report_status),
        };
        f.opened.0 = FIELDS.iter().filter_map(|x| f.input(*x)).map(|l| l.text().to_owned()).collect();
        f
    }

    pub fn focused(&self) -> Fact {
        FIELDS[self.focus.min(FIELDS.len() - 1)]
    }

    /// The line of a text field (the status is a choice: none).
    pub fn input(&self, fact: Fact) -> Option<&LineInput> {
        match fact {
            Fact::Scope => Some(&self.scope),
            Fact::Assessors => Some(&self.assessors),
            Fact::Contact => Some(&self.contact),
            Fact::Period => Some(&self.period),
            Fact::Status => None,
            Fact::Version => Some(&self.version),
        }
    }

    pub fn input_mut(&mut self, fact: Fact) -> Option<&mut LineInput> {
        match fact {
            Fact::Scope => Some(&mut self.scope),
            Fact::Assessors => Some(&mut self.assessors),
            Fact::Contact => Some(&mut self.contact),
            Fact::Period => Some(&mut self.period),
            Fact::Status => None,
            Fact::Version => Some(&mut self.version),
        }
    }

    /// Whether a field differs from what it held when the form opened.
    pub fn changed(&self, fact: Fact) -> bool {
        match (fact, self.input(fact)) {
            (Fact::Status, _) => self.status != self.opened.1,
            (_, Some(l)) => {
                let i = FIELDS.iter().filter(|f| **f != Fact::Status).position(|f| *f == fact);
                i.and_then(|i| self.opened.0.get(i)).is_none_or(|was| was != l.text())
            }
            (_, None) => false,
        }
    }

    /// The changed facts as typed, for `FactsText::edit` (the one reading `aira engagement
    /// set` uses): the assessors split at commas.
    pub fn typed(&self) -> FactsText {
        let text = |fact: Fact| self.input(fact).filter(|_| self.changed(fact)).map(|l| l.text().to_owned());
        FactsText {
            scope: text(Fact::Scope),
            assessors: text(Fact::Assessors)
                .map(|t| t.split(',').map(str::trim).filter(|n| !n.is_empty()).map(str::to_owned).collect()),
            contact: text(Fact::Contact),
            period: text(Fact::Period),
            status: self.changed(Fact::Status).then(|| self.status.as_str().to_owned()),
            version: text(Fact::Version),
        }
    }
}

/// How the form and its messages name a fact.
pub fn label(fact: Fact) -> &'static str {
    match fact {
        Fact::Scope => "Scope",
        Fact::Assessors => "Assessors",
        Fact::Contact => "Client contact",
        Fact::Period => "Assessment period",
        Fact::Status => "Report status",
        Fact::Version => "Version",
    }
}
