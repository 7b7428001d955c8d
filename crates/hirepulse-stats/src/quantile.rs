//! Percentiles of a sample (pay, typically) with confidence intervals.
//!
//! The point estimate is Hyndman & Fan's (1996) definition 7, the default of R and NumPy: with the
//! sample sorted as `x[0] ≤ … ≤ x[n−1]` and `h = (n − 1)·q`, the q-quantile is
//! `x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])`. It is easy to check by hand and matches what a reader
//! gets from a spreadsheet.
//!
//! The main interval is the distribution-free order-statistic interval (e.g. Conover, *Practical
//! Nonparametric Statistics*, §3.2; Hahn & Meeker 1991): the number of observations at or below the
//! true q-quantile is Binomial(n, q), so [x₍ₗ₎, x₍ᵤ₎] covers it with probability
//! P(l ≤ B ≤ u − 1). Ranks are chosen with at most (1 − level)/2 in each tail, so the attained
//! coverage (reported) is at least the nominal level. At small n a tail cannot be that small — for
//! the 90th percentile with n = 20, even the sample maximum has P(all below) = 0.9²⁰ = 0.12 — and
//! then that bound is `None`, never invented, and the estimate is flagged `small_sample`.
//!
//! The alternative is a percentile bootstrap (Efron & Tibshirani 1993, ch. 13), seeded so that the
//! same sample always gives the same interval. It needs no rank table but is known to under-cover
//! at small n, and it is slower; the order-statistic interval is the default for that reason.

use crate::proportion::{wilson, Share};
use crate::rng::Rng;
use crate::special::binomial_cdf_table;
use crate::{Confidence, StatsError};
use serde::Serialize;

/// The pay percentiles reports print: p10, p25, p50, p75, p90.
pub const PAY_QUANTILES: [f64; 5] = [0.10, 0.25, 0.50, 0.75, 0.90];

/// How an interval was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalMethod {
    /// Distribution-free, from binomial ranks of the order statistics.
    OrderStatistic,
    /// Percentile bootstrap with a fixed seed.
    Bootstrap,
}

/// Settings shared by the percentile functions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PercentileConfig {
    pub confidence: Confidence,
    /// Samples with fewer values than this are flagged `small_sample` (default 30).
    pub small_sample_below: usize,
}

impl Default for PercentileConfig {
    fn default() -> Self {
        Self {
            confidence: Confidence::DEFAULT,
            small_sample_below: 30,
        }
    }
}

/// Bootstrap settings: how many resamples, and the seed that makes the result reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BootstrapConfig {
    pub resamples: usize,
    pub seed: u64,
}

impl Default for BootstrapConfig {
    fn default() -> Self {
        Self {
            resamples: 2_000,
            seed: 0x6869_7265_7075_6c73,
        }
    }
}

/// One percentile of a sample, with its interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Percentile {
    /// The probability, e.g. 0.9 for p90.
    pub q: f64,
    /// Sample size.
    pub n: usize,
    /// The type-7 percentile; `None` for an empty sample.
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub confidence: f64,
    pub method: IntervalMethod,
    /// For the order-statistic interval with both bounds, the exact coverage the chosen ranks
    /// attain (≥ `confidence`); `None` otherwise.
    pub attained_coverage: Option<f64>,
    /// n below the configured threshold, or a bound not attainable at this n.
    pub small_sample: bool,
}

/// p10..p90 of a pay sample.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PaySummary {
    /// Values (postings with pay) behind the percentiles.
    pub n: usize,
    /// True when any percentile is flagged.
    pub small_sample: bool,
    /// Share of postings in scope that state pay (n of all postings), when that total is known.
    pub disclosure: Option<Share>,
    pub percentiles: Vec<Percentile>,
}

/// The type-7 q-quantile of an already sorted sample; `None` when empty or q is outside [0, 1].
pub fn quantile_type7(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (sorted.len() - 1) as f64 * q;
    let below = h.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    Some(interpolate(sorted[below], sorted[above], h - below as f64))
}

/// lo + fraction·(hi − lo), written so that it neither overflows for values near ±f64::MAX nor
/// strays outside [lo, hi] by rounding.
fn interpolate(lo: f64, hi: f64, fraction: f64) -> f64 {
    if fraction == 0.0 || lo == hi {
        return lo;
    }
    ((1.0 - fraction) * lo + fraction * hi).clamp(lo.min(hi), lo.max(hi))
}

/// The type-7 q-quantile of an unsorted sample by selection (O(n) instead of a sort); the slice
/// is reordered but keeps the same values, so it can be queried again for another q.
fn quantile_type7_unsorted(values: &mut [f64], q: f64) -> Option<f64> {
    if values.is_empty() || !(0.0..=1.0).contains(&q) {
        return None;
    }
    let h = (values.len() - 1) as f64 * q;
    let below = h.floor() as usize;
    let (_, lo, above) = values.select_nth_unstable_by(below, f64::total_cmp);
    let lo = *lo;
    let fraction = h - below as f64;
    if fraction == 0.0 {
        return Some(lo);
    }
    let hi = above.iter().copied().min_by(f64::total_cmp).unwrap_or(lo);
    Some(interpolate(lo, hi, fraction))
}

/// The 1-based ranks (l, u) of the order-statistic interval for the q-quantile at sample size n,
/// each `None` when unattainable, plus the exact coverage when both exist.
pub fn order_statistic_ranks(
    n: usize,
    q: f64,
    confidence: Confidence,
) -> (Option<usize>, Option<usize>, Option<f64>) {
    if n == 0 || !(0.0..=1.0).contains(&q) {
        return (None, None, None);
    }
    let cdf = binomial_cdf_table(n, q);
    let tail = confidence.tail();
    // Lower: the largest l ≥ 1 with P(B ≤ l − 1) ≤ tail.
    let lower = (1..=n).take_while(|&l| cdf[l - 1] <= tail).last();
    // Upper: the smallest u ≤ n with P(B ≥ u) = 1 − P(B ≤ u − 1) ≤ tail.
    let upper = (1..=n).find(|&u| 1.0 - cdf[u - 1] <= tail);
    // At tiny n and extreme q those ranks can both sit on one side of the type-7 estimate, which
    // lies between ranks ⌊h⌋ + 1 and ⌈h⌉ + 1 (h = (n − 1)q). Widening to include them only adds
    // coverage, and keeps the printed interval around the printed estimate.
    let h = (n - 1) as f64 * q;
    let lower = lower.map(|l| l.min(h.floor() as usize + 1));
    let upper = upper.map(|u| u.max(h.ceil() as usize + 1).min(n));
    let coverage = match (lower, upper) {
        (Some(l), Some(u)) => Some(cdf[u - 1] - cdf[l - 1]),
        _ => None,
    };
    (lower, upper, coverage)
}

/// Sorted copy of the sample, or the index of its first non-finite value.
fn sorted_finite(values: &[f64]) -> Result<Vec<f64>, StatsError> {
    if let Some((index, &value)) = values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(StatsError::NonFiniteValue { index, value });
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    Ok(sorted)
}

fn check_quantiles(qs: &[f64]) -> Result<(), StatsError> {
    match qs.iter().find(|q| !(0.0..=1.0).contains(*q)) {
        Some(&q) => Err(StatsError::InvalidQuantile { q }),
        None => Ok(()),
    }
}

/// Percentiles `qs` of `values` with order-statistic intervals.
pub fn percentiles(
    values: &[f64],
    qs: &[f64],
    config: PercentileConfig,
) -> Result<Vec<Percentile>, StatsError> {
    check_quantiles(qs)?;
    let sorted = sorted_finite(values)?;
    let n = sorted.len();
    Ok(qs
        .iter()
        .map(|&q| {
            let (lower, upper, attained_coverage) = order_statistic_ranks(n, q, config.confidence);
            let ci_low = lower.map(|l| sorted[l - 1]);
            let ci_high = upper.map(|u| sorted[u - 1]);
            Percentile {
                q,
                n,
                value: quantile_type7(&sorted, q),
                ci_low,
                ci_high,
                confidence: config.confidence.level(),
                method: IntervalMethod::OrderStatistic,
                attained_coverage,
                small_sample: n < config.small_sample_below
                    || ci_low.is_none()
                    || ci_high.is_none(),
            }
        })
        .collect())
}

/// p10, p25, p50, p75 and p90 of a pay sample with order-statistic intervals.
pub fn pay_percentiles(values: &[f64], config: PercentileConfig) -> Result<PaySummary, StatsError> {
    let percentiles = percentiles(values, &PAY_QUANTILES, config)?;
    Ok(PaySummary {
        n: values.len(),
        small_sample: percentiles.iter().any(|p| p.small_sample),
        disclosure: None,
        percentiles,
    })
}

/// [`pay_percentiles`] plus the disclosure share: `values` are the pay figures of the postings
/// that state pay, out of `n_postings` postings in scope. `Err` when there are more values than
/// postings.
pub fn pay_percentiles_with_disclosure(
    values: &[f64],
    n_postings: u64,
    config: PercentileConfig,
) -> Result<PaySummary, StatsError> {
    let disclosure = wilson(values.len() as u64, n_postings, config.confidence).map_err(|_| {
        StatsError::CountExceedsTotal {
            what: "postings with pay".to_string(),
            count: values.len() as u64,
            total: n_postings,
        }
    })?;
    let mut summary = pay_percentiles(values, config)?;
    summary.disclosure = Some(disclosure);
    Ok(summary)
}

/// Percentiles `qs` of `values` with seeded percentile-bootstrap intervals: each resample draws n
/// values with replacement, its type-7 percentiles are taken, and the interval is the
/// (1 − level)/2 and (1 + level)/2 type-7 quantiles of those. With `resamples = 0` or an empty
/// sample the bounds are `None`.
pub fn bootstrap_percentiles(
    values: &[f64],
    qs: &[f64],
    config: PercentileConfig,
    bootstrap: BootstrapConfig,
) -> Result<Vec<Percentile>, StatsError> {
    check_quantiles(qs)?;
    let sorted = sorted_finite(values)?;
    let n = sorted.len();
    let mut replicates: Vec<Vec<f64>> = vec![Vec::with_capacity(bootstrap.resamples); qs.len()];
    if n > 0 {
        let mut rng = Rng::seed_from_u64(bootstrap.seed);
        let mut resample = vec![0.0; n];
        for _ in 0..bootstrap.resamples {
            for slot in resample.iter_mut() {
                *slot = sorted[rng.below(n)];
            }
            for (q, column) in qs.iter().zip(replicates.iter_mut()) {
                if let Some(v) = quantile_type7_unsorted(&mut resample, *q) {
                    column.push(v);
                }
            }
        }
    }
    let tail = config.confidence.tail();
    Ok(qs
        .iter()
        .zip(replicates.iter_mut())
        .map(|(&q, column)| {
            column.sort_by(f64::total_cmp);
            let ci_low = quantile_type7(column, tail);
            let ci_high = quantile_type7(column, 1.0 - tail);
            Percentile {
                q,
                n,
                value: quantile_type7(&sorted, q),
                ci_low,
                ci_high,
                confidence: config.confidence.level(),
                method: IntervalMethod::Bootstrap,
                attained_coverage: None,
                small_sample: n < config.small_sample_below
                    || ci_low.is_none()
                    || ci_high.is_none(),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn type7_on_a_known_sample() {
        // R: quantile(c(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), c(.1, .25, .5, .75, .9), type = 7)
        //    → 1.9 3.25 5.5 7.75 9.1
        let sorted: Vec<f64> = (1..=10).map(f64::from).collect();
        let got: Vec<f64> = PAY_QUANTILES
            .iter()
            .filter_map(|&q| quantile_type7(&sorted, q))
            .collect();
        let want = [1.9, 3.25, 5.5, 7.75, 9.1];
        for (g, w) in got.iter().zip(want) {
            assert!((g - w).abs() < 1e-12, "{got:?}");
        }
        assert_eq!(quantile_type7(&[], 0.5), None);
        assert_eq!(quantile_type7(&[4.0], 0.9), Some(4.0));
        assert_eq!(quantile_type7(&sorted, 1.0), Some(10.0));
        assert_eq!(quantile_type7(&sorted, 0.0), Some(1.0));
        let mut shuffled = vec![7.0, 3.0, 10.0, 1.0, 5.0, 9.0, 2.0, 8.0, 4.0, 6.0];
        for (q, w) in PAY_QUANTILES.iter().zip(want) {
            let got = quantile_type7_unsorted(&mut shuffled, *q).unwrap();
            assert!((got - w).abs() < 1e-12, "{q}: {got}");
        }
    }

    #[test]
    fn order_statistic_ranks_match_tables() {
        // Median, n = 20, 95%: ranks 6 and 15 (Conover table A3 / R: qbinom(.025, 20, .5) = 6),
        // attained coverage P(6 ≤ B ≤ 14) = 0.9586.
        let (l, u, cov) = order_statistic_ranks(20, 0.5, Confidence::DEFAULT);
        assert_eq!((l, u), (Some(6), Some(15)));
        assert!((cov.unwrap() - 0.958_610_5).abs() < 1e-6, "{cov:?}");
        // p90 with n = 20: the maximum is not enough (0.9^20 = 0.12 > 0.025).
        let (l, u, cov) = order_statistic_ranks(20, 0.9, Confidence::DEFAULT);
        assert!(l.is_some());
        assert_eq!((u, cov), (None, None));
        // Median with n = 5: 0.5^5 = 0.031 > 0.025, neither bound is attainable.
        assert_eq!(
            order_statistic_ranks(5, 0.5, Confidence::DEFAULT),
            (None, None, None)
        );
        // ... but at 90% (tails 0.05) both are: ranks 1 and 5, coverage 1 − 2/32.
        let (l, u, cov) = order_statistic_ranks(5, 0.5, Confidence::new(0.9).unwrap());
        assert_eq!((l, u), (Some(1), Some(5)));
        assert!((cov.unwrap() - 0.9375).abs() < 1e-12);
    }

    #[test]
    fn pay_summary_of_a_known_sample() {
        let pay: Vec<f64> = (1..=100).map(|i| 1_000.0 * f64::from(i)).collect();
        let summary = pay_percentiles(&pay, PercentileConfig::default()).unwrap();
        assert_eq!(summary.n, 100);
        assert!(!summary.small_sample);
        let median = &summary.percentiles[2];
        assert_eq!(median.value, Some(50_500.0));
        // n = 100: ranks 40 and 61 (R: qbinom(c(.025, .975), 100, .5) = 40, 60 → u = 61).
        assert_eq!(
            (median.ci_low, median.ci_high),
            (Some(40_000.0), Some(61_000.0))
        );
        assert!(median.attained_coverage.unwrap() >= 0.95);
    }

    #[test]
    fn disclosure_and_json_shape() {
        let pay = [90_000.0, 120_000.0, 150_000.0];
        let summary =
            pay_percentiles_with_disclosure(&pay, 30, PercentileConfig::default()).unwrap();
        let disclosure = summary.disclosure.unwrap();
        assert_eq!(
            (disclosure.successes, disclosure.n, disclosure.share),
            (3, 30, Some(0.1))
        );
        assert!(pay_percentiles_with_disclosure(&pay, 2, PercentileConfig::default()).is_err());
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(json["n"], 3);
        assert_eq!(json["disclosure"]["n"], 30);
        let median = &json["percentiles"][2];
        assert_eq!(median["q"], 0.5);
        assert_eq!(median["value"], 120_000.0);
        assert_eq!(median["ci_low"], serde_json::Value::Null);
        assert_eq!(median["method"], "order_statistic");
        assert_eq!(median["small_sample"], true);
        assert_eq!(median["confidence"], 0.95);
    }

    #[test]
    fn small_and_empty_samples_are_flagged_not_invented() {
        let summary = pay_percentiles(&[], PercentileConfig::default()).unwrap();
        assert_eq!(summary.n, 0);
        assert!(summary.small_sample);
        assert!(summary
            .percentiles
            .iter()
            .all(|p| p.value.is_none() && p.ci_low.is_none() && p.ci_high.is_none()));
        let summary = pay_percentiles(&[100.0, 120.0, 90.0], PercentileConfig::default()).unwrap();
        assert!(summary.small_sample);
        assert!(summary
            .percentiles
            .iter()
            .all(|p| p.ci_low.is_none() || p.ci_high.is_none()));
        assert!(pay_percentiles(&[1.0, f64::NAN], PercentileConfig::default()).is_err());
        assert_eq!(
            percentiles(&[1.0], &[1.5], PercentileConfig::default()),
            Err(StatsError::InvalidQuantile { q: 1.5 })
        );
    }

    #[test]
    fn bootstrap_is_reproducible_and_sensible() {
        let pay: Vec<f64> = (1..=200).map(|i| 50_000.0 + 500.0 * f64::from(i)).collect();
        let config = PercentileConfig::default();
        let boot = BootstrapConfig {
            resamples: 500,
            seed: 1,
        };
        let a = bootstrap_percentiles(&pay, &[0.5], config, boot).unwrap();
        let b = bootstrap_percentiles(&pay, &[0.5], config, boot).unwrap();
        assert_eq!(a, b);
        let p = &a[0];
        let (lo, hi) = (p.ci_low.unwrap(), p.ci_high.unwrap());
        assert!(lo < p.value.unwrap() && p.value.unwrap() < hi, "{p:?}");
        // Close to the order-statistic interval (ranks 86 and 115 at n = 200).
        assert!(
            (lo - 93_000.0).abs() < 3_000.0 && (hi - 107_500.0).abs() < 3_000.0,
            "{p:?}"
        );
        let empty = bootstrap_percentiles(&[], &[0.5], config, boot).unwrap();
        assert_eq!(
            (empty[0].n, empty[0].value, empty[0].ci_low),
            (0, None, None)
        );
    }

    proptest! {
        #[test]
        fn order_statistic_interval_contains_estimate(
            values in proptest::collection::vec(-1e7f64..1e7, 0..300),
            q in 0.0f64..=1.0,
            level in 0.5f64..0.995,
        ) {
            let config = PercentileConfig { confidence: Confidence::new(level).unwrap(), ..Default::default() };
            let got = percentiles(&values, &[q], config).unwrap();
            let p = &got[0];
            prop_assert_eq!(p.n, values.len());
            let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
            if let Some(v) = p.value {
                prop_assert!(min <= v && v <= max);
                if let Some(lo) = p.ci_low { prop_assert!(min <= lo && lo <= v, "{:?}", p); }
                if let Some(hi) = p.ci_high { prop_assert!(v <= hi && hi <= max, "{:?}", p); }
            } else {
                prop_assert!(values.is_empty() && p.ci_low.is_none() && p.ci_high.is_none());
            }
            if let Some(c) = p.attained_coverage { prop_assert!(c >= level - 1e-9 && c <= 1.0 + 1e-9); }
        }

        #[test]
        fn extreme_values_give_finite_percentiles(values in proptest::collection::vec(proptest::num::f64::NORMAL | proptest::num::f64::ZERO, 0..50)) {
            let summary = pay_percentiles(&values, PercentileConfig::default()).unwrap();
            for p in &summary.percentiles {
                for x in [p.value, p.ci_low, p.ci_high].into_iter().flatten() {
                    prop_assert!(x.is_finite(), "{:?}", p);
                }
            }
        }

        #[test]
        fn bootstrap_bounds_lie_within_the_sample(values in proptest::collection::vec(-1e6f64..1e6, 0..40), seed in any::<u64>()) {
            let got = bootstrap_percentiles(&values, &PAY_QUANTILES, PercentileConfig::default(), BootstrapConfig { resamples: 50, seed }).unwrap();
            let (min, max) = values.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &v| (a.min(v), b.max(v)));
            for p in got {
                if let (Some(lo), Some(hi)) = (p.ci_low, p.ci_high) {
                    prop_assert!(min <= lo && lo <= hi && hi <= max);
                }
            }
        }
    }
}
