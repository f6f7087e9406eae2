//! Engagement facts (pure): the assessment period's ISO dates, the report's status and the
//! checks every fact passes before it is stored (one line, no control characters, real dates).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date written `YYYY-MM-DD` (ISO 8601), checked to exist (no 2026-02-30).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(jiff::civil::Date);

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum FactError {
    #[error("`{0}` is not a date: write it YYYY-MM-DD, e.g. 2026-11-30")]
    BadDate(String),
    #[error("`{0}` is not a period: write START..END, e.g. 2026-11-01..2026-11-30")]
    BadPeriod(String),
    #[error("the period ends ({end}) before it starts ({start})")]
    EndsBeforeStart { start: IsoDate, end: IsoDate },
    #[error("`{0}` is not a report status: draft or final")]
    BadStatus(String),
    #[error("the {0} must not be empty")]
    Empty(&'static str),
    #[error("the {0} contains the control character U+{1:04X}")]
    ControlCharacter(&'static str, u32),
}

impl IsoDate {
    pub fn new(year: i16, month: i8, day: i8) -> Option<IsoDate> {
        jiff::civil::Date::new(year, month, day).ok().map(IsoDate)
    }

    pub fn date(self) -> jiff::civil::Date {
        self.0
    }
}

impl FromStr for IsoDate {
    type Err = FactError;
    fn from_str(s: &str) -> Result<Self, FactError> {
        let b = s.as_bytes();
        // jiff also reads `2026-11-30T10:00` and the like; a date field takes exactly a date.
        let shaped = b.len() == 10
            && b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 { *c == b'-' } else { c.is_ascii_digit() });
        let bad = || FactError::BadDate(crate::text::sanitize(s, false).into_owned());
        if !shaped {
            return Err(bad());
        }
        s.parse::<jiff::civil::Date>().map(IsoDate).map_err(|_| bad())
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0.strftime("%Y-%m-%d"))
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The assessment period, first and last day included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(try_from = "RawPeriod")]
pub struct Period {
    pub start: IsoDate,
    pub end: IsoDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    start: IsoDate,
    end: IsoDate,
}

impl TryFrom<RawPeriod> for Period {
    type Error = FactError;
    fn try_from(r: RawPeriod) -> Result<Self, FactError> {
        Period::new(r.start, r.end)
    }
}

impl Period {
    pub fn new(start: IsoDate, end: IsoDate) -> Result<Period, FactError> {
        if end < start {
            return Err(FactError::EndsBeforeStart { start, end });
        }
        Ok(Period { start, end })
    }
}

/// `START..END` (a single date means a one-day period).
impl FromStr for Period {
    type Err = FactError;
    fn from_str(s: &str) -> Result<Self, FactError> {
        let s = s.trim();
        let (a, b) = s.split_once("..").unwrap_or((s, s));
        if b.contains("..") {
            return Err(FactError::BadPeriod(crate::text::sanitize(s, false).into_owned()));
        }
        Period::new(a.trim().parse()?, b.trim().parse()?)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Whether the report is still being reviewed or has been issued.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportStatus {
    #[default]
    Draft,
    Final,
}

impl ReportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportStatus::Draft => "draft",
            ReportStatus::Final => "final",
        }
    }
}

impl FromStr for ReportStatus {
    type Err = FactError;
    fn from_str(s: &str) -> Result<Self, FactError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "draft" => Ok(ReportStatus::Draft),
            "final" => Ok(ReportStatus::Final),
            _ => Err(FactError::BadStatus(crate::text::sanitize(s, false).into_owned())),
        }
    }
}

/// Check a fact typed by the user before it is stored: trimmed; one line unless `multiline`
/// (the scope); with `required`, not blank. The rule is the stored-string rule of every file.
pub fn check_text(what: &'static str, s: &str, multiline: bool, required: bool) -> Result<String, FactError> {
    if let Some((_, c)) = crate::text::find_forbidden_control(s, multiline) {
        return Err(FactError::ControlCharacter(what, c as u32));
    }
    let t = s.trim();
    if required && t.is_empty() {
        return Err(FactError::Empty(what));
    }
    Ok(t.to_owned())
}

/// A change to the engagement facts: each `Some` replaces that fact (`assessors` the whole
/// list). Build it from user input, then `checked` before it goes to the store.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FactsEdit {
    pub scope: Option<String>,
    pub assessors: Option<Vec<String>>,
    pub contact: Option<String>,
    pub period: Option<Period>,
    pub report_status: Option<ReportStatus>,
    pub report_version: Option<String>,
}

impl FactsEdit {
    pub fn is_empty(&self) -> bool {
        *self == FactsEdit::default()
    }

    /// Trimmed and checked by the stored-string rule: the scope may hold newlines, every other
    /// fact is one line; an assessor's name and the version are not blank.
    pub fn checked(self) -> Result<FactsEdit, FactError> {
        let one = |what, s: Option<String>, required| s.map(|s| check_text(what, &s, false, required)).transpose();
        Ok(FactsEdit {
            scope: self.scope.map(|s| check_text("scope", &s, true, false)).transpose()?,
            assessors: self
                .assessors
                .map(|list| list.iter().map(|a| check_text("assessor's name", a, false, true)).collect())
                .transpose()?,
            contact: one("contact", self.contact, false)?,
            period: self.period,
            report_status: self.report_status,
            report_version: one("version", self.report_version, true)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_exact_iso_days() {
        assert_eq!("2026-11-30".parse::<IsoDate>().map(|d| d.to_string()), Ok("2026-11-30".into()));
        for bad in ["2026-02-30", "2026-13-01", "30/11/2026", "2026-11-30T10:00", "2026-1-30", "", "２０２６-11-30"]
        {
            assert!(matches!(bad.parse::<IsoDate>(), Err(FactError::BadDate(_))), "{bad}");
        }
        assert!("2028-02-29".parse::<IsoDate>().is_ok(), "a leap day");
    }

    #[test]
    fn periods_need_order_and_two_dates() {
        let p: Period = "2026-11-01..2026-11-30".parse().unwrap();
        assert_eq!(p.to_string(), "2026-11-01..2026-11-30");
        assert_eq!("2026-11-05".parse::<Period>().unwrap().to_string(), "2026-11-05..2026-11-05");
        assert!(matches!("2026-11-30..2026-11-01".parse::<Period>(), Err(FactError::EndsBeforeStart { .. })));
        assert!(matches!("2026-11-01..2026-02-30".parse::<Period>(), Err(FactError::BadDate(_))));
        assert!(matches!("2026-11-01..2026-11-02..2026-11-03".parse::<Period>(), Err(FactError::BadPeriod(_))));
        let e = "2026-11-30..2026-11-01".parse::<Period>().unwrap_err().to_string();
        assert_eq!(e, "the period ends (2026-11-01) before it starts (2026-11-30)");
    }

    #[test]
    fn an_edit_is_checked_as_a_whole() {
        let e = FactsEdit { assessors: Some(vec![" Ann ".into(), "Bo".into()]), ..Default::default() };
        assert_eq!(e.checked().unwrap().assessors, Some(vec!["Ann".into(), "Bo".into()]));
        let e = FactsEdit { assessors: Some(vec!["Ann".into(), " ".into()]), ..Default::default() };
        assert_eq!(e.checked(), Err(FactError::Empty("assessor's name")));
        let e = FactsEdit { report_version: Some("1.0\u{202e}".into()), ..Default::default() };
        assert_eq!(e.checked(), Err(FactError::ControlCharacter("version", 0x202e)));
        let e = FactsEdit { contact: Some(String::new()), ..Default::default() };
        assert_eq!(e.clone().checked(), Ok(e), "an empty contact clears it");
        assert!(FactsEdit::default().is_empty());
    }

    #[test]
    fn status_and_text_checks() {
        assert_eq!("Final".parse::<ReportStatus>(), Ok(ReportStatus::Final));
        assert!("done".parse::<ReportStatus>().is_err());
        assert_eq!(ReportStatus::default().as_str(), "draft");
        assert_eq!(check_text("contact", "  Jo  ", false, true), Ok("Jo".into()));
        assert_eq!(check_text("contact", " ", false, true), Err(FactError::Empty("contact")));
        assert_eq!(check_text("contact", "a\nb", false, false), Err(FactError::ControlCharacter("contact", 10)));
        assert_eq!(check_text("scope", "a\nb", true, false), Ok("a\nb".into()));
        assert_eq!(check_text("scope", "a\u{1b}b", true, false), Err(FactError::ControlCharacter("scope", 0x1b)));
    }
}
