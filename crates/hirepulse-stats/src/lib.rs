//! Statistics for hirepulse: every figure a report prints, with its sample size and, where it is
//! an estimate, an interval. Pure functions over counts and samples; no I/O, no store, no clock.
//!
//! Methods, and why these:
//! - **Shares** ([`proportion`]): the Wilson score interval. It stays inside [0, 1], is defined at
//!   0 and n successes, and its coverage is close to nominal down to n ≈ 30 and small p, where the
//!   textbook Wald interval fails (Brown, Cai & DasGupta 2001).
//! - **Percentiles** ([`quantile`]): point estimates by Hyndman–Fan type 7 (the default of R and
//!   NumPy, so figures can be checked by hand); intervals by the distribution-free
//!   order-statistic method (ranks from the binomial distribution), which needs no assumption about
//!   the shape of pay and is conservative; a seeded percentile bootstrap as the alternative. A bound
//!   the order statistics cannot reach at that n is `None`, never invented.
//! - **Growth** ([`growth`]): the ratio of two Poisson counts or of two proportions, with the
//!   interval on the log scale (normal approximation), reported as growth = ratio − 1.
//! - **Monthly series** ([`series`]): a Wilson share per month, trailing windows and
//!   year-over-year growth that say how many months each window actually holds.
//! - **Lift** ([`cooccurrence`]): P(tech | language) / P(tech), the Wilson interval of the
//!   conditional share divided by the base rate, with a minimum-support flag.
//! - **Risk signals** ([`mod@concentration`], [`trend`]): top-10 share and HHI of companies; how narrow
//!   the lane mix is (top share, normalised entropy); volatility of a monthly share (coefficient of
//!   variation and SD of month-to-month changes); trend as a Theil–Sen slope with Sen's
//!   distribution-free interval, robust to the partial months the corpus has.
//! - [`special`] holds the normal quantile (AS 241) and the binomial CDF; [`rng`] a seeded
//!   xoshiro256** generator so bootstrap results are reproducible.
//!
//! Every result type carries `n` and, where it is an estimate, `ci_low`/`ci_high` (`Option<f64>`)
//! and the `confidence` level, and derives `Serialize`. Empty input gives `None` figures with
//! `n = 0`, never NaN; invalid arguments (a count above its total, a non-finite value) are a
//! [`StatsError`] that says which and where.

pub mod concentration;
pub mod cooccurrence;
pub mod growth;
pub mod proportion;
pub mod quantile;
pub mod rng;
pub mod series;
pub mod special;
pub mod trend;

pub use concentration::{concentration, lane_mix, Concentration, LaneMix};
pub use cooccurrence::{lift, Lift, LiftConfig};
pub use growth::{count_growth, share_growth, Growth, GrowthMethod};
pub use proportion::{wilson, Share};
pub use quantile::{
    bootstrap_percentiles, pay_percentiles, pay_percentiles_with_disclosure, percentiles,
    quantile_type7, BootstrapConfig, IntervalMethod, PaySummary, Percentile, PercentileConfig,
    PAY_QUANTILES,
};
pub use series::{
    monthly_shares, window_totals, year_over_year, MonthlyCount, MonthlyShare, Window, YearMonth,
    YearOverYear,
};
pub use trend::{monthly_trend, monthly_volatility, theil_sen, volatility, Trend, Volatility};

use serde::Serialize;
use std::fmt;

/// A two-sided confidence level strictly between 0 and 1 (default 0.95).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize)]
#[serde(transparent)]
pub struct Confidence(f64);

impl Confidence {
    /// The usual 95% level.
    pub const DEFAULT: Confidence = Confidence(0.95);

    /// A checked level: `Err` unless 0 < level < 1.
    pub fn new(level: f64) -> Result<Self, StatsError> {
        if level > 0.0 && level < 1.0 {
            Ok(Self(level))
        } else {
            Err(StatsError::InvalidConfidence { level })
        }
    }

    /// The level, e.g. 0.95.
    pub fn level(self) -> f64 {
        self.0
    }

    /// The two-sided normal critical value, e.g. 1.959964 for 0.95.
    pub fn z(self) -> f64 {
        // The level is checked in `new`, so the quantile exists; 1.96 is the unreachable fallback.
        special::two_sided_z(self.0).unwrap_or(1.959_963_984_540_054)
    }

    /// The probability left in each tail, (1 − level) / 2.
    pub fn tail(self) -> f64 {
        (1.0 - self.0) / 2.0
    }
}

impl Default for Confidence {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Why a statistic could not be computed from its arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum StatsError {
    /// A confidence level outside (0, 1).
    InvalidConfidence { level: f64 },
    /// A quantile probability outside [0, 1].
    InvalidQuantile { q: f64 },
    /// A count larger than the total it is part of; `what` names the pair.
    CountExceedsTotal {
        what: String,
        count: u64,
        total: u64,
    },
    /// A sample value that is NaN or infinite, at this index.
    NonFiniteValue { index: usize, value: f64 },
    /// A month number outside 1..=12.
    InvalidMonth { year: i32, month: u8 },
    /// The same month twice in one series.
    DuplicateMonth { month: YearMonth },
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::InvalidConfidence { level } => {
                write!(
                    f,
                    "confidence level {level} is not strictly between 0 and 1"
                )
            }
            Self::InvalidQuantile { q } => write!(f, "quantile {q} is not between 0 and 1"),
            Self::CountExceedsTotal { what, count, total } => {
                write!(f, "{what}: count {count} exceeds its total {total}")
            }
            Self::NonFiniteValue { index, value } => {
                write!(
                    f,
                    "sample value {value} at index {index} is not a finite number"
                )
            }
            Self::InvalidMonth { year, month } => {
                write!(f, "month {month} of {year} is not between 1 and 12")
            }
            Self::DuplicateMonth { month } => {
                write!(f, "month {month} appears twice in the series")
            }
        }
    }
}

impl std::error::Error for StatsError {}

/// `Err` unless `count <= total`; `what` says which pair, for the message.
pub(crate) fn check_count(what: &str, count: u64, total: u64) -> Result<(), StatsError> {
    if count <= total {
        Ok(())
    } else {
        Err(StatsError::CountExceedsTotal {
            what: what.to_string(),
            count,
            total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn confidence_levels() {
        assert!((Confidence::DEFAULT.z() - 1.959_963_984_540_054).abs() < 1e-12);
        assert!(
            (Confidence::new(0.9).map(Confidence::z).unwrap_or(0.0) - 1.644_853_626_951_472).abs()
                < 1e-12
        );
        assert!(Confidence::new(1.0).is_err());
        assert!(Confidence::new(0.0).is_err());
        assert!(Confidence::new(f64::NAN).is_err());
        assert_eq!(
            serde_json::to_string(&Confidence::DEFAULT).ok().as_deref(),
            Some("0.95")
        );
    }

    #[test]
    fn errors_say_what_and_where() {
        let e = StatsError::NonFiniteValue {
            index: 3,
            value: f64::NAN,
        };
        assert_eq!(
            e.to_string(),
            "sample value NaN at index 3 is not a finite number"
        );
        let e = check_count("python postings", 5, 4).unwrap_err();
        assert_eq!(
            e.to_string(),
            "python postings: count 5 exceeds its total 4"
        );
    }
}
