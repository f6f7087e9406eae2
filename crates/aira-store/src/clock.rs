//! The wall clock, read without panicking. jiff covers years -9999..=9999 and its `now()`
//! panics outside them: a clock set past year 9999 (a broken RTC, a test) must not stop a save
//! or kill the wizard's saver thread. Times outside the range are clamped to its ends.

use std::time::SystemTime;

use jiff::Timestamp;

/// Now, clamped to what jiff can represent.
pub fn now() -> Timestamp {
    at(SystemTime::now())
}

/// The clock injected: `t` as a timestamp, clamped to jiff's range.
pub fn at(t: SystemTime) -> Timestamp {
    Timestamp::try_from(t).unwrap_or(if t > SystemTime::UNIX_EPOCH { Timestamp::MAX } else { Timestamp::MIN })
}

/// `t` in the local time zone with `format` (strftime). A zone offset that would carry the
/// clamped instant out of range is dropped for UTC.
pub fn format(t: Timestamp, format: &str) -> String {
    let tz = jiff::tz::TimeZone::system();
    let offset = tz.to_offset(t);
    match t.checked_add(jiff::SignedDuration::from_secs(i64::from(offset.seconds()))) {
        Ok(_) => t.to_zoned(tz).strftime(format).to_string(),
        Err(_) => t.to_zoned(jiff::tz::TimeZone::UTC).strftime(format).to_string(),
    }
}

/// What history, answers and journals stamp: RFC 3339 with milliseconds and the local offset.
pub fn rfc3339(t: Timestamp) -> String {
    format(t, "%Y-%m-%dT%H:%M:%S%.3f%:z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    /// Issue 14: a clock past year 9999 panicked every writer (`Zoned::now`).
    #[test]
    fn a_clock_past_year_9999_or_before_year_minus_9999_is_clamped_not_a_panic() {
        let far = SystemTime::UNIX_EPOCH + Duration::from_secs(400_000_000_000);
        let t = at(far);
        assert_eq!(t, Timestamp::MAX);
        assert!(rfc3339(t).starts_with("9999-12-"), "{}", rfc3339(t));
        assert_eq!(format(t, "%H:%M:%S").len(), 8);
        let before = SystemTime::UNIX_EPOCH - Duration::from_secs(400_000_000_000);
        assert_eq!(at(before), Timestamp::MIN);
        assert!(!rfc3339(at(before)).is_empty());
        let ordinary = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
        assert_eq!(at(ordinary).as_second(), 1_800_000_000);
        assert!(rfc3339(now()).parse::<Timestamp>().is_ok());
    }
}
