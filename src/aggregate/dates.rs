//! Calendar periods for the timeline: day, ISO week, month.
//!
//! Article dates arrive as free strings (jsonl `date`, html meta, a .txt
//! header); only a leading `YYYY-MM-DD` (or `YYYY/MM/DD`) is trusted, the rest
//! (time, zone) ignored, so one date never lands in two periods. The civil
//! calendar arithmetic is Howard Hinnant's days-from-civil, which keeps the
//! crate free of a date library for three small functions.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How the timeline groups dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO 8601 week (Monday first; week 1 holds the year's first Thursday).
    Week,
    #[default]
    Month,
}

impl Period {
    pub fn as_str(&self) -> &'static str {
        match self {
            Period::Day => "day",
            Period::Week => "week",
            Period::Month => "month",
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An unknown `--period` value.
#[derive(Debug, thiserror::Error)]
#[error("unknown period {0:?}: expected day, week or month")]
pub struct BadPeriod(pub String);

impl FromStr for Period {
    type Err = BadPeriod;

    fn from_str(s: &str) -> Result<Self, BadPeriod> {
        match s.trim().to_ascii_lowercase().as_str() {
            "day" | "daily" => Ok(Period::Day),
            "week" | "weekly" => Ok(Period::Week),
            "month" | "monthly" => Ok(Period::Month),
            _ => Err(BadPeriod(s.to_string())),
        }
    }
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(y: i32) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        _ => 28,
    }
}

impl Date {
    /// Parses a leading `YYYY-MM-DD` or `YYYY/MM/DD`; anything after it
    /// (`T12:00:00Z`, a time zone) is ignored.
    pub fn parse_prefix(s: &str) -> Option<Date> {
        let b = s.trim().as_bytes();
        if b.len() < 10 {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| -> Option<u32> {
            let part = &b[r];
            part.iter().all(u8::is_ascii_digit).then(|| {
                part.iter()
                    .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
            })
        };
        let sep = b[4];
        if !(sep == b'-' || sep == b'/') || b[7] != sep {
            return None;
        }
        if b.len() > 10 && b[10].is_ascii_digit() {
            return None;
        }
        let year = i32::try_from(digits(0..4)?).ok()?;
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01.
    pub fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn from_days(z: i64) -> Date {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        (self.to_days() + 3).rem_euclid(7) as u32
    }

    /// ISO 8601 (year, week).
    pub fn iso_week(self) -> (i32, u32) {
        let days = self.to_days();
        let thursday = days - i64::from(self.weekday()) + 3;
        let year = Date::from_days(thursday).year;
        let jan1 = Date {
            year,
            month: 1,
            day: 1,
        }
        .to_days();
        (year, ((thursday - jan1) / 7 + 1) as u32)
    }

    /// The period's label (`2025-05-16`, `2025-W20`, `2025-05`) and first day.
    pub fn period(self, period: Period) -> (String, Date) {
        match period {
            Period::Day => (self.to_string(), self),
            Period::Week => {
                let (y, w) = self.iso_week();
                let monday = Date::from_days(self.to_days() - i64::from(self.weekday()));
                (format!("{y:04}-W{w:02}"), monday)
            }
            Period::Month => (
                format!("{:04}-{:02}", self.year, self.month),
                Date { day: 1, ..self },
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse_prefix(s).unwrap()
    }

    #[test]
    fn parses_date_prefixes_only_when_valid() {
        assert_eq!(d("2025-05-16T10:00:00Z").to_string(), "2025-05-16");
        assert_eq!(d(" 2024/02/29 ").to_string(), "2024-02-29");
        for bad in [
            "2023-02-29",
            "2025-13-01",
            "16 May 2025",
            "2025-5-16",
            "",
            "2025-05-161",
        ] {
            assert_eq!(Date::parse_prefix(bad), None, "{bad}");
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(d("1970-01-01").to_days(), 0);
        assert_eq!(d("2000-03-01").to_days(), 11_017);
        for n in [-800_000, -1, 0, 59, 10_000, 20_000, 30_000] {
            assert_eq!(Date::from_days(n).to_days(), n);
        }
        assert_eq!(d("2025-05-16").weekday(), 4); // a Friday
    }

    #[test]
    fn iso_weeks_at_year_edges() {
        assert_eq!(d("2025-05-16").iso_week(), (2025, 20));
        assert_eq!(d("2024-12-30").iso_week(), (2025, 1));
        assert_eq!(d("2021-01-03").iso_week(), (2020, 53));
        assert_eq!(d("2026-01-01").iso_week(), (2026, 1));
    }

    #[test]
    fn period_labels_and_starts() {
        let x = d("2025-05-16");
        assert_eq!(x.period(Period::Day).0, "2025-05-16");
        let (w, start) = x.period(Period::Week);
        assert_eq!(
            (w.as_str(), start.to_string().as_str()),
            ("2025-W20", "2025-05-12")
        );
        let (m, start) = x.period(Period::Month);
        assert_eq!(
            (m.as_str(), start.to_string().as_str()),
            ("2025-05", "2025-05-01")
        );
        assert_eq!("Weekly".parse::<Period>().unwrap(), Period::Week);
        assert!("year".parse::<Period>().is_err());
    }
}
