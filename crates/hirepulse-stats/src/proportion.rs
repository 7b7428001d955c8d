//! Counts and shares with Wilson score intervals.
//!
//! A share is `successes / n` (postings mentioning Python among all postings, say). Its interval is
//! Wilson's score interval (Wilson 1927), the inversion of the score test: it is never outside
//! [0, 1], it is defined at 0 and at n successes, and its coverage stays near nominal at the small
//! n and small shares hirepulse sees for niche languages, where the Wald interval p ± z·se
//! collapses (Brown, Cai & DasGupta, *Statistical Science* 16, 2001). With n = 0 there is no
//! share and no interval.

use crate::{check_count, Confidence, StatsError};
use serde::Serialize;

/// A share with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Share {
    /// How many of the `n` have the property.
    pub successes: u64,
    /// The denominator.
    pub n: u64,
    /// successes / n; `None` when n = 0.
    pub share: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// The confidence level of the interval, e.g. 0.95.
    pub confidence: f64,
}

/// The Wilson score interval `(low, high)` for `successes` of `n` with critical value `z`;
/// `None` when n = 0 or successes > n.
pub fn wilson_bounds(successes: u64, n: u64, z: f64) -> Option<(f64, f64)> {
    if n == 0 || successes > n || !z.is_finite() {
        return None;
    }
    let (x, n_f) = (successes as f64, n as f64);
    let z2 = z * z;
    let denominator = n_f + z2;
    let centre = (x + z2 / 2.0) / denominator;
    let half = z / denominator * (x * (n_f - x) / n_f + z2 / 4.0).sqrt();
    let low = if successes == 0 {
        0.0
    } else {
        (centre - half).max(0.0)
    };
    let high = if successes == n {
        1.0
    } else {
        (centre + half).min(1.0)
    };
    Some((low, high))
}

/// The share `successes / n` with its Wilson interval at `confidence`.
///
/// `Err` when successes > n; `what` in the error is "share".
pub fn wilson(successes: u64, n: u64, confidence: Confidence) -> Result<Share, StatsError> {
    check_count("share", successes, n)?;
    let bounds = wilson_bounds(successes, n, confidence.z());
    Ok(Share {
        successes,
        n,
        share: (n > 0).then(|| successes as f64 / n as f64),
        ci_low: bounds.map(|b| b.0),
        ci_high: bounds.map(|b| b.1),
        confidence: confidence.level(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn textbook_five_of_fifty() {
        // Newcombe (1998), Statistics in Medicine 17, table I: 5/50 → 0.0435 to 0.2136.
        let s = wilson(5, 50, Confidence::DEFAULT).unwrap();
        assert_eq!(s.share, Some(0.1));
        assert!((s.ci_low.unwrap() - 0.043_475).abs() < 1e-5, "{s:?}");
        assert!((s.ci_high.unwrap() - 0.213_603).abs() < 1e-5, "{s:?}");
        assert_eq!(s.confidence, 0.95);
    }

    #[test]
    fn textbook_edges() {
        // Newcombe table I: 0/10 → 0 to 0.2775; 10/10 → 0.7225 to 1.
        let s = wilson(0, 10, Confidence::DEFAULT).unwrap();
        assert_eq!(s.ci_low, Some(0.0));
        assert!((s.ci_high.unwrap() - 0.2775).abs() < 1e-4);
        let s = wilson(10, 10, Confidence::DEFAULT).unwrap();
        assert!((s.ci_low.unwrap() - 0.7225).abs() < 1e-4);
        assert_eq!(s.ci_high, Some(1.0));
    }

    #[test]
    fn empty_and_invalid() {
        let s = wilson(0, 0, Confidence::DEFAULT).unwrap();
        assert_eq!((s.n, s.share, s.ci_low, s.ci_high), (0, None, None, None));
        assert!(wilson(3, 2, Confidence::DEFAULT).is_err());
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(
            json,
            r#"{"successes":0,"n":0,"share":null,"ci_low":null,"ci_high":null,"confidence":0.95}"#
        );
    }

    proptest! {
        #[test]
        fn interval_contains_share_and_stays_in_unit(n in 1u64..100_000, frac in 0.0f64..=1.0, level in 0.5f64..0.999) {
            let successes = ((n as f64) * frac).floor() as u64;
            let s = wilson(successes, n, Confidence::new(level).unwrap()).unwrap();
            let (p, lo, hi) = (s.share.unwrap(), s.ci_low.unwrap(), s.ci_high.unwrap());
            prop_assert!(0.0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1.0, "{:?}", s);
        }
    }
}
