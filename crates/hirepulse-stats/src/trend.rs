//! Risk signals over a monthly series: the trend (slope per year) and the volatility.
//!
//! Trend is the Theil–Sen slope (Theil 1950, Sen 1968): the median of the slopes between every pair
//! of months. It is chosen over least squares because the HN corpus has partial months (2018-04,
//! 2020-07, 2022-06, 2024-12 were captured short) and a few such outliers move an OLS slope but not
//! a median. Its interval is Sen's distribution-free one: with N pairwise slopes and
//! Var(S) = n(n − 1)(2n + 5)/18 for Kendall's S, C = z·√Var(S), and the bounds are the
//! ⌊(N − C)/2⌋-th and ⌈(N + C)/2⌉ + 1-th smallest slopes (Gilbert, *Statistical Methods for
//! Environmental Pollution Monitoring*, 1987, §16.5), rounded outward; a rank outside 1..=N gives
//! `None`. It assumes independent residuals, which monthly shares only roughly satisfy.
//!
//! Volatility is given two ways: the coefficient of variation of the monthly share (SD / mean, how
//! large the swings are relative to the level) and the SD of month-to-month changes (how jumpy the
//! series is, insensitive to a steady trend).

use crate::quantile::quantile_type7;
use crate::series::MonthlyShare;
use crate::{Confidence, StatsError};
use serde::Serialize;

/// A Theil–Sen slope with Sen's interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Trend {
    /// Points (months) used.
    pub n: usize,
    /// Median pairwise slope, in y units per x unit (share per year for [`monthly_trend`]).
    pub slope: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub confidence: f64,
}

/// Volatility of a series.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Volatility {
    /// Points (months) used.
    pub n: usize,
    pub mean: Option<f64>,
    /// Sample standard deviation (n − 1); needs n ≥ 2.
    pub sd: Option<f64>,
    /// sd / mean; `None` when the mean is 0.
    pub cv: Option<f64>,
    /// Sample SD of the n − 1 successive differences; needs n ≥ 3.
    pub sd_of_changes: Option<f64>,
}

fn check_finite(points: impl Iterator<Item = f64>) -> Result<(), StatsError> {
    for (index, value) in points.enumerate() {
        if !value.is_finite() {
            return Err(StatsError::NonFiniteValue { index, value });
        }
    }
    Ok(())
}

/// Theil–Sen slope of `(x, y)` points with Sen's interval. Pairs with equal x are skipped.
/// Cost is O(n²) in time and memory (every pair), meant for monthly series (a few hundred points).
pub fn theil_sen(points: &[(f64, f64)], confidence: Confidence) -> Result<Trend, StatsError> {
    check_finite(points.iter().flat_map(|&(x, y)| [x, y]))?;
    let n = points.len();
    let mut slopes = Vec::with_capacity(n * n.saturating_sub(1) / 2);
    for (i, &(xi, yi)) in points.iter().enumerate() {
        for &(xj, yj) in &points[i + 1..] {
            if xj != xi {
                slopes.push((yj - yi) / (xj - xi));
            }
        }
    }
    slopes.retain(|s| s.is_finite());
    slopes.sort_by(f64::total_cmp);
    let n_slopes = slopes.len();
    let slope = quantile_type7(&slopes, 0.5);
    let (mut ci_low, mut ci_high) = (None, None);
    if slope.is_some() && n >= 3 {
        let n_f = n as f64;
        let c = confidence.z() * (n_f * (n_f - 1.0) * (2.0 * n_f + 5.0) / 18.0).sqrt();
        let lower_rank = ((n_slopes as f64 - c) / 2.0).floor();
        let upper_rank = ((n_slopes as f64 + c) / 2.0).ceil() + 1.0;
        if lower_rank >= 1.0 {
            ci_low = slopes.get(lower_rank as usize - 1).copied();
        }
        if upper_rank <= n_slopes as f64 {
            ci_high = slopes.get(upper_rank as usize - 1).copied();
        }
    }
    Ok(Trend {
        n,
        slope,
        ci_low,
        ci_high,
        confidence: confidence.level(),
    })
}

/// Theil–Sen trend of a monthly share, in share per year (0.01 = one percentage point a year).
/// Months with no postings (no share) are left out.
pub fn monthly_trend(shares: &[MonthlyShare], confidence: Confidence) -> Result<Trend, StatsError> {
    let points: Vec<(f64, f64)> = shares
        .iter()
        .filter_map(|m| m.share.share.map(|s| (m.month.as_years(), s)))
        .collect();
    theil_sen(&points, confidence)
}

fn mean_and_sd(values: &[f64]) -> (Option<f64>, Option<f64>) {
    if values.is_empty() {
        return (None, None);
    }
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let sd = (values.len() >= 2)
        .then(|| (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt());
    // Values near ±f64::MAX can overflow the sums; report nothing rather than inf or NaN.
    let mean = Some(mean).filter(|m| m.is_finite());
    (mean, sd.filter(|s| s.is_finite() && mean.is_some()))
}

/// Volatility of a series of values in time order (monthly shares, typically).
pub fn volatility(series: &[f64]) -> Result<Volatility, StatsError> {
    check_finite(series.iter().copied())?;
    let (mean, sd) = mean_and_sd(series);
    let changes: Vec<f64> = series.windows(2).map(|w| w[1] - w[0]).collect();
    let (_, sd_of_changes) = mean_and_sd(&changes);
    let cv = match (mean, sd) {
        (Some(m), Some(s)) if m != 0.0 => Some(s / m.abs()).filter(|c| c.is_finite()),
        _ => None,
    };
    Ok(Volatility {
        n: series.len(),
        mean,
        sd,
        cv,
        sd_of_changes,
    })
}

/// Volatility of a monthly share, in month order; months with no postings are left out.
pub fn monthly_volatility(shares: &[MonthlyShare]) -> Volatility {
    let mut ordered: Vec<&MonthlyShare> = shares.iter().collect();
    ordered.sort_by_key(|m| m.month);
    let series: Vec<f64> = ordered.iter().filter_map(|m| m.share.share).collect();
    // Shares from `wilson` are finite, so this cannot fail; fall back to an empty result anyway.
    volatility(&series).unwrap_or(Volatility {
        n: 0,
        mean: None,
        sd: None,
        cv: None,
        sd_of_changes: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::proportion::wilson;
    use crate::series::YearMonth;
    use proptest::prelude::*;

    #[test]
    fn theil_sen_resists_an_outlier() {
        // y = 2x + 1 with one wild point: the slope stays 2.
        let mut points: Vec<(f64, f64)> = (0..10)
            .map(|x| (f64::from(x), 2.0 * f64::from(x) + 1.0))
            .collect();
        points[5].1 = 100.0;
        let t = theil_sen(&points, Confidence::DEFAULT).unwrap();
        assert_eq!(t.slope, Some(2.0));
        assert!(t.ci_low.unwrap() <= 2.0 && 2.0 <= t.ci_high.unwrap());
    }

    #[test]
    fn sen_interval_ranks() {
        // n = 10 → N = 45, Var(S) = 10·9·25/18 = 125, C = 1.96·11.18 = 21.91;
        // ranks ⌊11.54⌋ = 11 and ⌈33.46⌉ + 1 = 35 of slopes 1..=45 (made distinct by design).
        let points: Vec<(f64, f64)> = (0..10).map(|i| (f64::from(i), f64::from(i * i))).collect();
        let t = theil_sen(&points, Confidence::DEFAULT).unwrap();
        let mut slopes: Vec<f64> = Vec::new();
        for i in 0..10 {
            for j in i + 1..10 {
                slopes.push(f64::from(i + j)); // (j² − i²)/(j − i) = i + j
            }
        }
        slopes.sort_by(f64::total_cmp);
        assert_eq!((t.ci_low, t.ci_high), (Some(slopes[10]), Some(slopes[34])));
        assert_eq!(t.slope, Some(9.0));
    }

    #[test]
    fn degenerate_trends() {
        assert_eq!(theil_sen(&[], Confidence::DEFAULT).unwrap().slope, None);
        let one = theil_sen(&[(1.0, 1.0)], Confidence::DEFAULT).unwrap();
        assert_eq!((one.n, one.slope, one.ci_low), (1, None, None));
        let same_x = theil_sen(&[(1.0, 1.0), (1.0, 2.0)], Confidence::DEFAULT).unwrap();
        assert_eq!(same_x.slope, None);
        let two = theil_sen(&[(0.0, 0.0), (1.0, 3.0)], Confidence::DEFAULT).unwrap();
        assert_eq!(
            (two.slope, two.ci_low, two.ci_high),
            (Some(3.0), None, None)
        );
        assert!(theil_sen(&[(f64::NAN, 1.0)], Confidence::DEFAULT).is_err());
    }

    #[test]
    fn monthly_trend_is_per_year() {
        // Share rises 0.1 percentage point a month = 0.012 a year.
        let shares: Vec<MonthlyShare> = (0..24)
            .map(|i| {
                let month = YearMonth::new(2022, 1).unwrap().plus_months(i);
                let hits = 100 + i as u64;
                MonthlyShare {
                    month,
                    share: wilson(hits, 1_000, Confidence::DEFAULT).unwrap(),
                }
            })
            .collect();
        let t = monthly_trend(&shares, Confidence::DEFAULT).unwrap();
        assert!((t.slope.unwrap() - 0.012).abs() < 1e-9, "{t:?}");
        assert_eq!(t.n, 24);
    }

    #[test]
    fn volatility_known_case() {
        let v = volatility(&[0.1, 0.2, 0.1, 0.2]).unwrap();
        assert!((v.mean.unwrap() - 0.15).abs() < 1e-12);
        // sd = sqrt(4 · 0.0025 / 3) = 0.057735; changes +0.1, −0.1, +0.1: sd = 0.11547.
        assert!((v.sd.unwrap() - 0.057_735).abs() < 1e-6);
        assert!((v.cv.unwrap() - 0.384_9).abs() < 1e-4);
        assert!((v.sd_of_changes.unwrap() - 0.115_47).abs() < 1e-5);
        let empty = volatility(&[]).unwrap();
        assert_eq!((empty.n, empty.mean, empty.cv), (0, None, None));
        let zeros = volatility(&[0.0, 0.0]).unwrap();
        assert_eq!(zeros.cv, None);
        assert!(volatility(&[f64::INFINITY]).is_err());
        let months: Vec<MonthlyShare> = [(2, 20), (1, 10), (3, 10)]
            .iter()
            .map(|&(m, hits)| MonthlyShare {
                month: YearMonth::new(2024, m).unwrap(),
                share: wilson(hits, 100, Confidence::DEFAULT).unwrap(),
            })
            .collect();
        let v = monthly_volatility(&months);
        // In month order: 0.1, 0.2, 0.1 → changes +0.1, −0.1.
        assert_eq!(v.n, 3);
        assert!((v.sd_of_changes.unwrap() - 0.141_421).abs() < 1e-5, "{v:?}");
    }

    proptest! {
        #[test]
        fn trend_interval_contains_slope(ys in proptest::collection::vec(-1.0f64..1.0, 0..40)) {
            let points: Vec<(f64, f64)> = ys.iter().enumerate().map(|(i, &y)| (i as f64 / 12.0, y)).collect();
            let t = theil_sen(&points, Confidence::DEFAULT).unwrap();
            if let (Some(s), Some(lo), Some(hi)) = (t.slope, t.ci_low, t.ci_high) {
                prop_assert!(lo <= s && s <= hi);
            }
            let v = volatility(&ys).unwrap();
            if let Some(sd) = v.sd { prop_assert!(sd >= 0.0 && sd.is_finite()); }
        }

        #[test]
        fn extreme_series_give_no_nan(ys in proptest::collection::vec(proptest::num::f64::NORMAL, 0..30)) {
            let v = volatility(&ys).unwrap();
            for x in [v.mean, v.sd, v.cv, v.sd_of_changes].into_iter().flatten() {
                prop_assert!(x.is_finite(), "{:?}", v);
            }
            let points: Vec<(f64, f64)> = ys.iter().enumerate().map(|(i, &y)| (i as f64, y)).collect();
            let t = theil_sen(&points, Confidence::DEFAULT).unwrap();
            for x in [t.slope, t.ci_low, t.ci_high].into_iter().flatten() {
                prop_assert!(x.is_finite(), "{:?}", t);
            }
        }
    }
}
