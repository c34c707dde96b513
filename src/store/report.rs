//! What `/stats` and `tanyakop report` show: counts per period, answer times, how many answers
//! came from old sources, and the questions asked most, left unanswered most, and answered most
//! from old sources. Plain data; the Telegram layer and the CLI render it.

use std::time::{Duration, SystemTime};

use super::{QuestionId, from_unix, unix};
use crate::language::calendar::{DAY_SECS, WIB_OFFSET_SECS};

/// An answer is stale when its source is more than this many days older than the question: a
/// year, as the ministry reviews its programs yearly, so a figure a year old may no longer hold.
pub const STALE_SOURCE_DAYS: i64 = 365;

/// A stretch of time a report counts over, ending now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// Since midnight WIB.
    Today,
    /// The last `n` days (n × 24 hours).
    Days(u32),
}

impl Period {
    /// When the period starts, for a report made at `now`.
    pub fn since(self, now: SystemTime) -> SystemTime {
        let now = unix(now);
        match self {
            Period::Today => {
                let local = now + WIB_OFFSET_SECS;
                from_unix(local - local.rem_euclid(DAY_SECS) - WIB_OFFSET_SECS)
            }
            Period::Days(n) => from_unix(now - i64::from(n) * DAY_SECS),
        }
    }
}

/// The counts of one period.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeriodCounts {
    pub questions: u64,
    pub answered: u64,
    pub up: u64,
    pub down: u64,
    /// Answered questions whose first passage's source was more than [`STALE_SOURCE_DAYS`]
    /// older than the question.
    pub stale: u64,
    /// Median and 95th percentile of the answer time; `None` without questions.
    pub median: Option<Duration>,
    pub p95: Option<Duration>,
}

impl PeriodCounts {
    /// The share of questions answered, 0 to 1 (0 without questions).
    pub fn answered_share(&self) -> f64 {
        if self.questions == 0 { 0.0 } else { self.answered as f64 / self.questions as f64 }
    }

    /// The share of answers that came from a stale source, 0 to 1 (0 without answers).
    pub fn stale_share(&self) -> f64 {
        if self.answered == 0 { 0.0 } else { self.stale as f64 / self.answered as f64 }
    }
}

/// A question (folded: lower case, single spaces) and how often it was asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopQuestion {
    /// The number in the store of its first asking still kept: it does not move as other
    /// questions are asked, so an admin can name it (`/jawab 12 …`).
    pub id: QuestionId,
    pub question: String,
    pub times: u64,
}

/// A report over several periods; the top lists cover the longest of them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    pub periods: Vec<(Period, PeriodCounts)>,
    pub most_asked: Vec<TopQuestion>,
    pub most_unanswered: Vec<TopQuestion>,
    /// The questions answered most often from a stale source: what to refresh first.
    pub most_stale: Vec<TopQuestion>,
}

/// The value at `share` (0 to 1) of sorted `values`, nearest rank.
pub fn percentile(sorted: &[Duration], share: f64) -> Option<Duration> {
    let last = sorted.len().checked_sub(1)?;
    sorted.get(((last as f64) * share).round() as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_starts_at_midnight_in_jakarta() {
        // 2026-11-27 03:00 UTC is 10:00 WIB; the day began at 2026-11-26 17:00 UTC.
        let now = from_unix(1_795_748_400);
        assert_eq!(unix(Period::Today.since(now)), 1_795_748_400 - 10 * 3600);
        assert_eq!(unix(Period::Days(7).since(now)), 1_795_748_400 - 7 * DAY_SECS);
    }

    #[test]
    fn percentiles_take_the_nearest_rank() {
        let ms = |v: u64| Duration::from_millis(v);
        let sorted: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(percentile(&sorted, 0.5), Some(ms(51)));
        assert_eq!(percentile(&sorted, 0.95), Some(ms(95)));
        assert_eq!(percentile(&[], 0.5), None);
    }
}
