//! Co-occurrence lift: how much more often a technology is asked for next to a language than
//! across all postings.
//!
//! lift = P(tech | lang) / P(tech) = (n_both / n_lang) / (n_tech / n_total). A lift of 2 means
//! postings that mention the language ask for the technology twice as often as postings overall.
//! The interval is the Wilson interval of the conditional share n_both / n_lang divided by the base
//! rate. The base rate is treated as known: it is estimated from all postings, typically 10–100
//! times more than mention one language, so its own sampling error is small beside the
//! conditional share's; the interval is slightly narrow when the language is a large part of the
//! board. Wilson keeps the interval defined when n_both is 0 (a lower bound of 0). Pairs seen fewer
//! than `min_support` times are flagged `low_support`: a lift from three postings is an anecdote.

use crate::proportion::wilson_bounds;
use crate::{check_count, Confidence, StatsError};
use serde::Serialize;

/// Settings for [`lift`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LiftConfig {
    pub confidence: Confidence,
    /// Pairs with fewer co-occurrences than this are flagged (default 10).
    pub min_support: u64,
}

impl Default for LiftConfig {
    fn default() -> Self {
        Self {
            confidence: Confidence::DEFAULT,
            min_support: 10,
        }
    }
}

/// Lift of a technology given a language.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Lift {
    /// All postings in scope.
    pub n_total: u64,
    /// Postings mentioning the language (the n of the conditional share).
    pub n: u64,
    /// Postings mentioning the technology.
    pub n_tech: u64,
    /// Postings mentioning both.
    pub n_both: u64,
    /// P(tech | lang).
    pub conditional_share: Option<f64>,
    /// P(tech).
    pub base_share: Option<f64>,
    pub lift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub confidence: f64,
    /// n_both below the configured minimum support.
    pub low_support: bool,
}

/// Lift of a technology next to a language, from four counts. `Err` when the counts are
/// inconsistent (a part larger than its whole).
pub fn lift(
    n_total: u64,
    n_lang: u64,
    n_tech: u64,
    n_both: u64,
    config: LiftConfig,
) -> Result<Lift, StatsError> {
    check_count("postings with the language", n_lang, n_total)?;
    check_count("postings with the technology", n_tech, n_total)?;
    check_count(
        "postings with both (of those with the language)",
        n_both,
        n_lang,
    )?;
    check_count(
        "postings with both (of those with the technology)",
        n_both,
        n_tech,
    )?;
    let conditional_share = (n_lang > 0).then(|| n_both as f64 / n_lang as f64);
    let base_share = (n_total > 0 && n_tech > 0).then(|| n_tech as f64 / n_total as f64);
    let (lift, ci_low, ci_high) = match (conditional_share, base_share) {
        (Some(c), Some(b)) => {
            let bounds = wilson_bounds(n_both, n_lang, config.confidence.z());
            (
                Some(c / b),
                bounds.map(|x| x.0 / b),
                bounds.map(|x| x.1 / b),
            )
        }
        _ => (None, None, None),
    };
    Ok(Lift {
        n_total,
        n: n_lang,
        n_tech,
        n_both,
        conditional_share,
        base_share,
        lift,
        ci_low,
        ci_high,
        confidence: config.confidence.level(),
        low_support: n_both < config.min_support,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn known_lift() {
        // 1,000 postings; 100 mention Go, 50 mention Kubernetes, 20 mention both:
        // P(k8s | go) = 0.2, P(k8s) = 0.05, lift 4; Wilson(20/100) = 0.1334..0.2888.
        let l = lift(1_000, 100, 50, 20, LiftConfig::default()).unwrap();
        assert!((l.lift.unwrap() - 4.0).abs() < 1e-12);
        assert!((l.ci_low.unwrap() - 0.133_4 / 0.05).abs() < 0.01, "{l:?}");
        assert!((l.ci_high.unwrap() - 0.288_8 / 0.05).abs() < 0.01, "{l:?}");
        assert!(!l.low_support);
        assert!(
            lift(1_000, 100, 50, 3, LiftConfig::default())
                .unwrap()
                .low_support
        );
    }

    #[test]
    fn empty_and_inconsistent() {
        let l = lift(0, 0, 0, 0, LiftConfig::default()).unwrap();
        assert_eq!((l.n, l.lift, l.ci_low, l.ci_high), (0, None, None, None));
        assert!(l.low_support);
        assert!(lift(10, 5, 5, 6, LiftConfig::default()).is_err());
        assert!(lift(10, 11, 5, 0, LiftConfig::default()).is_err());
    }

    proptest! {
        #[test]
        fn interval_contains_lift(total in 0u64..100_000, a in 0.0f64..=1.0, b in 0.0f64..=1.0, c in 0.0f64..=1.0) {
            let n_lang = (total as f64 * a) as u64;
            let n_tech = (total as f64 * b) as u64;
            let n_both = (n_lang.min(n_tech) as f64 * c) as u64;
            let l = lift(total, n_lang, n_tech, n_both, LiftConfig::default()).unwrap();
            if let (Some(x), Some(lo), Some(hi)) = (l.lift, l.ci_low, l.ci_high) {
                prop_assert!(0.0 <= lo && lo <= x + 1e-9 && x <= hi + 1e-9, "{:?}", l);
            }
        }
    }
}
