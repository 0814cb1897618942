//! Calendar dates of the bundle format (`YYYY-MM-DD`), without a time zone.

use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar date, ordered chronologically.
///
/// # Example
/// ```
/// use maillage::model::Date;
/// let d: Date = "2024-06-30".parse().unwrap();
/// assert!(d < "2024-07-01".parse().unwrap());
/// assert_eq!(d.to_string(), "2024-06-30");
/// assert!("2024-02-30".parse::<Date>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

impl Date {
    /// A date from its parts, or `None` when the day does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// The following day.
    ///
    /// # Example
    /// ```
    /// use maillage::model::Date;
    /// let d: Date = "2024-02-29".parse().unwrap();
    /// assert_eq!(d.next_day().to_string(), "2024-03-01");
    /// ```
    pub fn next_day(self) -> Self {
        if self.day < days_in_month(self.year, self.month) {
            Self {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Self {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Self {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// The day before.
    ///
    /// # Example
    /// ```
    /// use maillage::model::Date;
    /// let d: Date = "2024-03-01".parse().unwrap();
    /// assert_eq!(d.previous_day().to_string(), "2024-02-29");
    /// ```
    pub fn previous_day(self) -> Self {
        if self.day > 1 {
            Self {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            let month = self.month - 1;
            Self {
                month,
                day: days_in_month(self.year, month),
                ..self
            }
        } else {
            Self {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        }
    }

    /// The year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The number of the day: days since 1970-01-01 (negative before it), so that
    /// the difference of two numbers is the number of days between the dates.
    ///
    /// # Example
    /// ```
    /// use maillage::model::Date;
    /// let d = |s: &str| s.parse::<Date>().unwrap();
    /// assert_eq!(d("1970-01-01").day_number(), 0);
    /// assert_eq!(d("2024-03-01").day_number() - d("2024-02-01").day_number(), 29);
    /// assert_eq!(d("1969-12-31").day_number(), -1);
    /// ```
    pub fn day_number(self) -> i64 {
        // Counted from 1 March of year 0, so that the leap day ends its year (the
        // civil-to-days rule of Howard Hinnant's "chrono-compatible low-level date
        // algorithms").
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Why a text is not a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateParseError;

impl fmt::Display for DateParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", crate::msg!(NotAnIsoDate))
    }
}

impl std::error::Error for DateParseError {}

impl FromStr for Date {
    type Err = DateParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let b = s.trim().as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            b[r].iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return Err(DateParseError);
        }
        let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10)) else {
            return Err(DateParseError);
        };
        Date::new(y as i32, m as u8, d as u8).ok_or(DateParseError)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A validity interval `[since, until)`; either end may be open.
///
/// # Example
/// ```
/// use maillage::model::{Date, Validity};
/// let v = Validity { since: "2022-09-01".parse().ok(), until: "2024-01-01".parse().ok() };
/// assert!(v.contains("2023-05-10".parse().unwrap()));
/// assert!(!v.contains("2024-01-01".parse().unwrap())); // `until` is excluded
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Validity {
    /// First day of validity, included.
    pub since: Option<Date>,
    /// First day no longer valid, excluded.
    pub until: Option<Date>,
}

impl Validity {
    /// Whether the interval holds on `date`: `since <= date` and `date < until`.
    pub fn contains(&self, date: Date) -> bool {
        self.since.is_none_or(|s| s <= date) && self.until.is_none_or(|u| date < u)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_leap_days_only_in_leap_years() {
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2023-02-29".parse::<Date>().is_err());
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn refuses_other_layouts() {
        for s in [
            "30/06/2024",
            "2024-6-30",
            "2024-13-01",
            "2024-06-31",
            "",
            "２０２４-06-30",
        ] {
            assert!(s.parse::<Date>().is_err(), "{s}");
        }
    }

    #[test]
    fn numbers_days_one_after_the_other() {
        let mut d: Date = "1899-12-25".parse().unwrap();
        let mut n = d.day_number();
        while d.year() < 2101 {
            let next = d.next_day();
            assert_eq!(next.day_number(), n + 1, "{next}");
            (d, n) = (next, n + 1);
        }
        assert_eq!("2000-03-01".parse::<Date>().unwrap().day_number(), 11_017);
    }
}
