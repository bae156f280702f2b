//! A minimal civil (proleptic Gregorian) date, for reference dates.

use std::fmt;
use std::str::FromStr;

/// A calendar date used as the reference "today" of an analysis, for rules
/// such as "a birth year that reveals an age of 90 or more".
///
/// # Example
/// ```
/// use phimask_core::CivilDate;
/// let d: CivilDate = "2026-11-22".parse().unwrap();
/// assert_eq!((d.year, d.month, d.day), (2026, 11, 22));
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct CivilDate {
    /// The year.
    pub year: i32,
    /// The month, 1–12.
    pub month: u8,
    /// The day, 1–31.
    pub day: u8,
}

impl CivilDate {
    /// Creates a date, checking the month and the day against the month's
    /// length. Returns `None` for an impossible date.
    pub fn new(year: i32, month: u8, day: u8) -> Option<CivilDate> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(CivilDate { year, month, day })
    }

    /// Today's date in UTC, from the system clock.
    pub fn today() -> CivilDate {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        CivilDate::from_days_since_epoch((secs / 86_400) as i64)
    }

    /// The date `days` days after 1970-01-01 (H. Hinnant's civil_from_days).
    pub fn from_days_since_epoch(days: i64) -> CivilDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        CivilDate { year, month, day }
    }
}

/// Days in `month` of `year` (Gregorian leap years).
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for CivilDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// The error for a reference date that is not `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDateError;

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a valid date as YYYY-MM-DD")
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for CivilDate {
    type Err = ParseDateError;
    fn from_str(s: &str) -> Result<CivilDate, ParseDateError> {
        let mut parts = s.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ParseDateError);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(ParseDateError);
        }
        let year = y.parse().map_err(|_| ParseDateError)?;
        let month = m.parse().map_err(|_| ParseDateError)?;
        let day = d.parse().map_err(|_| ParseDateError)?;
        CivilDate::new(year, month, day).ok_or(ParseDateError)
    }
}

impl serde::Serialize for CivilDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for CivilDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<CivilDate, D::Error> {
        let s = String::deserialize(d)?;
        s.parse()
            .map_err(|_| serde::de::Error::custom("reference_date: expected YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_conversion() {
        assert_eq!(
            CivilDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            CivilDate::from_days_since_epoch(20_779).to_string(),
            "2026-11-22"
        );
        assert_eq!(
            CivilDate::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn parse_rejects_impossible_dates() {
        assert!("2026-02-30".parse::<CivilDate>().is_err());
        assert!("2024-02-29".parse::<CivilDate>().is_ok());
        assert!("26-1-1".parse::<CivilDate>().is_err());
    }
}
