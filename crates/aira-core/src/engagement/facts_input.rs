//! The engagement facts as a person types them (the command's flags, the wizard's form), read
//! into a checked `FactsEdit` by one function, and a checked edit applied to an `Engagement`
//! in memory (the wizard's copy; the store writes the file).

use super::Engagement;
use super::facts::{FactError, FactsEdit, Period, ReportStatus};

/// Each `Some` is a fact to set, as typed: the period `START..END`, the status `draft` or
/// `final`, the assessors one name each.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactsText {
    pub scope: Option<String>,
    pub assessors: Option<Vec<String>>,
    pub contact: Option<String>,
    pub period: Option<String>,
    pub status: Option<String>,
    pub version: Option<String>,
}

/// Which fact a refusal is about (a form puts the message under that field).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fact {
    Scope,
    Assessors,
    Contact,
    Period,
    Status,
    Version,
}

impl FactsText {
    /// The edit asked for, every value parsed and checked (dates, status, the stored-string
    /// rule): `aira engagement set`, `aira init` and the wizard's form all read facts here.
    pub fn edit(&self) -> Result<FactsEdit, FactError> {
        let edit = FactsEdit {
            scope: self.scope.clone(),
            assessors: self.assessors.clone(),
            contact: self.contact.clone(),
            period: self.period.as_deref().map(str::parse::<Period>).transpose()?,
            report_status: self.status.as_deref().map(str::parse::<ReportStatus>).transpose()?,
            report_version: self.version.clone(),
        };
        edit.checked()
    }

    /// As `edit`, with the fact a refusal is about: each fact is read on its own first.
    pub fn edit_or_field(&self) -> Result<FactsEdit, (Fact, FactError)> {
        let only = |fact: Fact| {
            let mut one = FactsText::default();
            match fact {
                Fact::Scope => one.scope = self.scope.clone(),
                Fact::Assessors => one.assessors = self.assessors.clone(),
                Fact::Contact => one.contact = self.contact.clone(),
                Fact::Period => one.period = self.period.clone(),
                Fact::Status => one.status = self.status.clone(),
                Fact::Version => one.version = self.version.clone(),
            }
            one.edit().map_err(|e| (fact, e))
        };
        for fact in [Fact::Scope, Fact::Assessors, Fact::Contact, Fact::Period, Fact::Status, Fact::Version] {
            only(fact)?;
        }
        self.edit().map_err(|e| (Fact::Scope, e))
    }
}

impl FactsEdit {
    /// Put this (checked) edit into `m`, as the store writes it into workspace.toml; the names
    /// of the facts that changed, in the store's words (`report_status`, …).
    pub fn apply_to(&self, m: &mut Engagement) -> Vec<&'static str> {
        let mut changed = Vec::new();
        fn put<T: PartialEq + Clone>(slot: &mut T, v: &Option<T>, name: &'static str, out: &mut Vec<&'static str>) {
            if let Some(v) = v
                && slot != v
            {
                *slot = v.clone();
                out.push(name);
            }
        }
        put(&mut m.scope, &self.scope, "scope", &mut changed);
        put(&mut m.assessors, &self.assessors, "assessors", &mut changed);
        put(&mut m.contact, &self.contact, "contact", &mut changed);
        if let Some(p) = self.period
            && m.period != Some(p)
        {
            m.period = Some(p);
            changed.push("period");
        }
        put(&mut m.report_status, &self.report_status, "report_status", &mut changed);
        put(&mut m.report_version, &self.report_version, "report_version", &mut changed);
        changed
    }

    /// The part of this edit that sets one of the facts `names` (as `apply_to` names them):
    /// what to write once `apply_to` found the rest already so. A fact typed as what it held
    /// ("" for a scope that workspace.toml leaves unset) would otherwise reach the file.
    pub fn only(&self, names: &[&str]) -> FactsEdit {
        let keep = |name: &str| names.contains(&name);
        FactsEdit {
            scope: self.scope.clone().filter(|_| keep("scope")),
            assessors: self.assessors.clone().filter(|_| keep("assessors")),
            contact: self.contact.clone().filter(|_| keep("contact")),
            period: self.period.filter(|_| keep("period")),
            report_status: self.report_status.filter(|_| keep("report_status")),
            report_version: self.report_version.clone().filter(|_| keep("report_version")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(period: &str, status: &str) -> FactsText {
        FactsText { period: Some(period.into()), status: Some(status.into()), ..Default::default() }
    }

    #[test]
    fn typed_facts_are_read_as_the_command_reads_them() {
        let e = text("2026-11-01..2026-11-30", "Final").edit().unwrap();
        assert_eq!(e.period.map(|p| p.to_string()), Some("2026-11-01..2026-11-30".into()));
        assert_eq!(e.report_status, Some(ReportStatus::Final));
        assert!(matches!(text("2026-02-30", "draft").edit(), Err(FactError::BadDate(_))));
        assert_eq!(text("2026-11-01", "done").edit_or_field().unwrap_err().0, Fact::Status);
        assert_eq!(text("2026-11-31", "done").edit_or_field().unwrap_err().0, Fact::Period, "first field first");
        let t = FactsText { version: Some(" ".into()), ..Default::default() };
        assert_eq!(t.edit_or_field(), Err((Fact::Version, FactError::Empty("version"))));
        let t = FactsText { assessors: Some(vec!["Ann".into(), "B\u{1b}o".into()]), ..Default::default() };
        assert_eq!(t.edit_or_field().unwrap_err().0, Fact::Assessors);
    }

    #[test]
    fn an_edit_applies_what_it_changes() {
        let mut m: Engagement = toml::from_str(
            "format = 1\nscope = \"HR\"\n[questionnaire]\nid = \"x\"\nversion = \"1\"\nsha256 = \"x\"\n",
        )
        .unwrap();
        let e = FactsText {
            scope: Some("HR".into()),
            contact: Some("Jo".into()),
            period: Some("2026-11-01..2026-11-02".into()),
            status: Some("final".into()),
            ..Default::default()
        }
        .edit()
        .unwrap();
        assert_eq!(e.apply_to(&mut m), vec!["contact", "period", "report_status"]);
        assert_eq!((m.contact.as_str(), m.report_status), ("Jo", ReportStatus::Final));
        assert!(e.apply_to(&mut m).is_empty(), "the same again changes nothing");
    }
}
