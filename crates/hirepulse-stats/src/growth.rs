//! Growth between two periods (year over year, typically), with an interval.
//!
//! Two methods, named in every result:
//! - [`GrowthMethod::PoissonLogRatio`] for raw counts (postings mentioning Rust this year vs last
//!   year). Each count is treated as Poisson; the log of their ratio has standard error
//!   √(1/a + 1/b), and the interval exp(ln(b/a) ± z·se) is reported as growth = ratio − 1. Counts
//!   of postings are the natural quantity for "hiring volume" but move with the size of the whole
//!   board, so reports should pair them with the share growth.
//! - [`GrowthMethod::ProportionLogRatio`] for shares (Rust postings as a share of all postings): the
//!   ratio of two independent binomial proportions with Katz et al.'s (1978) log-scale standard
//!   error √(1/x₁ − 1/n₁ + 1/x₂ − 1/n₂). This removes the board's own growth.
//!
//! The log method needs both numerators above zero: when either is zero the point estimate is
//! still given where it is defined (growth −1 when the later count is 0), but the interval is
//! `None` rather than an arbitrary continuity correction; with an earlier count of zero there is no
//! growth to report.

use crate::{check_count, Confidence, StatsError};
use serde::Serialize;

/// Which growth estimator produced a [`Growth`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum GrowthMethod {
    PoissonLogRatio,
    ProportionLogRatio,
}

/// Growth from an earlier period to a later one.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Growth {
    /// The earlier count (or numerator of the earlier share).
    pub before: u64,
    /// The later count (or numerator of the later share).
    pub after: u64,
    /// Denominators of the shares; `None` for count growth.
    pub before_total: Option<u64>,
    pub after_total: Option<u64>,
    /// Observations behind the estimate: before + after for counts, the two totals for shares.
    pub n: u64,
    /// after / before (of counts or of shares).
    pub ratio: Option<f64>,
    /// ratio − 1, e.g. 0.25 for +25%.
    pub growth: Option<f64>,
    /// Interval of `growth`.
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub confidence: f64,
    pub method: GrowthMethod,
}

fn log_interval(ratio: f64, se: f64, confidence: Confidence) -> (Option<f64>, Option<f64>) {
    let centre = ratio.ln();
    let half = confidence.z() * se;
    let (lo, hi) = ((centre - half).exp() - 1.0, (centre + half).exp() - 1.0);
    if lo.is_finite() && hi.is_finite() {
        (Some(lo), Some(hi))
    } else {
        (None, None)
    }
}

/// Growth of a count from `before` to `after` (Poisson log-ratio interval).
pub fn count_growth(before: u64, after: u64, confidence: Confidence) -> Growth {
    let ratio = (before > 0).then(|| after as f64 / before as f64);
    let (ci_low, ci_high) = match ratio {
        Some(r) if after > 0 => log_interval(
            r,
            (1.0 / before as f64 + 1.0 / after as f64).sqrt(),
            confidence,
        ),
        _ => (None, None),
    };
    Growth {
        before,
        after,
        before_total: None,
        after_total: None,
        n: before.saturating_add(after),
        ratio,
        growth: ratio.map(|r| r - 1.0),
        ci_low,
        ci_high,
        confidence: confidence.level(),
        method: GrowthMethod::PoissonLogRatio,
    }
}

/// Growth of a share from `before / before_total` to `after / after_total` (Katz log-ratio
/// interval). `Err` when a count exceeds its total.
pub fn share_growth(
    before: u64,
    before_total: u64,
    after: u64,
    after_total: u64,
    confidence: Confidence,
) -> Result<Growth, StatsError> {
    check_count("earlier share", before, before_total)?;
    check_count("later share", after, after_total)?;
    let ratio = (before > 0 && after_total > 0)
        .then(|| (after as f64 / after_total as f64) / (before as f64 / before_total as f64));
    let (ci_low, ci_high) = match ratio {
        Some(r) if after > 0 => {
            let variance = 1.0 / before as f64 - 1.0 / before_total as f64 + 1.0 / after as f64
                - 1.0 / after_total as f64;
            log_interval(r, variance.max(0.0).sqrt(), confidence)
        }
        _ => (None, None),
    };
    Ok(Growth {
        before,
        after,
        before_total: Some(before_total),
        after_total: Some(after_total),
        n: before_total.saturating_add(after_total),
        ratio,
        growth: ratio.map(|r| r - 1.0),
        ci_low,
        ci_high,
        confidence: confidence.level(),
        method: GrowthMethod::ProportionLogRatio,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn count_growth_known_case() {
        // 100 → 150: ratio 1.5, se = sqrt(1/100 + 1/150) = 0.129099;
        // exp(ln 1.5 ± 1.959964·0.129099) = 1.16464, 1.93194.
        let g = count_growth(100, 150, Confidence::DEFAULT);
        assert_eq!(g.growth, Some(0.5));
        assert!((g.ci_low.unwrap() - 0.164_64).abs() < 1e-4, "{g:?}");
        assert!((g.ci_high.unwrap() - 0.931_94).abs() < 1e-4, "{g:?}");
        assert_eq!(g.n, 250);
    }

    #[test]
    fn zero_counts() {
        let g = count_growth(0, 10, Confidence::DEFAULT);
        assert_eq!((g.ratio, g.growth, g.ci_low), (None, None, None));
        let g = count_growth(10, 0, Confidence::DEFAULT);
        assert_eq!((g.growth, g.ci_low, g.ci_high), (Some(-1.0), None, None));
        let g = count_growth(0, 0, Confidence::DEFAULT);
        assert_eq!((g.n, g.growth), (0, None));
    }

    #[test]
    fn share_growth_known_case() {
        // 20/200 → 45/300: ratio 1.5, var = 1/20 − 1/200 + 1/45 − 1/300 = 0.063889.
        let g = share_growth(20, 200, 45, 300, Confidence::DEFAULT).unwrap();
        assert!((g.ratio.unwrap() - 1.5).abs() < 1e-12);
        let se = 0.063_888_9f64.sqrt();
        let lo = (1.5f64.ln() - 1.959_964 * se).exp() - 1.0;
        assert!((g.ci_low.unwrap() - lo).abs() < 1e-5, "{g:?}");
        assert!(share_growth(5, 4, 1, 1, Confidence::DEFAULT).is_err());
        let g = share_growth(0, 0, 0, 0, Confidence::DEFAULT).unwrap();
        assert_eq!((g.n, g.growth, g.ci_low), (0, None, None));
    }

    proptest! {
        #[test]
        fn interval_contains_estimate(a in 0u64..1_000_000, b in 0u64..1_000_000, na in 0u64..2_000_000, nb in 0u64..2_000_000) {
            let g = count_growth(a, b, Confidence::DEFAULT);
            if let (Some(x), Some(lo), Some(hi)) = (g.growth, g.ci_low, g.ci_high) {
                prop_assert!(-1.0 <= lo && lo <= x + 1e-9 && x <= hi + 1e-9);
            }
            let (a, b) = (a.min(na), b.min(nb));
            let g = share_growth(a, na, b, nb, Confidence::DEFAULT).unwrap();
            if let (Some(x), Some(lo), Some(hi)) = (g.growth, g.ci_low, g.ci_high) {
                prop_assert!(-1.0 <= lo && lo <= x + 1e-9 && x <= hi + 1e-9);
            }
        }
    }
}
