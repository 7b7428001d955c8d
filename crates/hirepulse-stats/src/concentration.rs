//! How concentrated a categorical distribution is: demand by company, and the lane mix.
//!
//! Company concentration is the share of postings from the ten largest posters and the
//! Herfindahl–Hirschman index, HHI = Σ (100·sᵢ)², from near 0 (many small posters) to 10,000 (one
//! company) — the scale antitrust guidelines use (below 1,500 unconcentrated, above 2,500 highly
//! concentrated; US DoJ/FTC 2010). Both are descriptive figures of the postings at hand and carry
//! no interval: the top ten are chosen from the same data, so a binomial interval on their share
//! would be too narrow.
//!
//! The lane mix says whether a language's demand sits in one career lane or spreads: the top lane's
//! share, and the normalised Shannon entropy H / ln k over the k lanes passed in (0 = one lane,
//! 1 = even spread), with exp(H) as an "effective number of lanes". Counts are lane mentions, so a
//! posting in two lanes counts in both.

use serde::Serialize;

/// Company concentration of a set of postings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Concentration {
    /// Postings counted (with a known company).
    pub n: u64,
    pub n_companies: usize,
    /// How many of the largest companies `top_share` sums (10 in reports).
    pub top_k: usize,
    /// Share of postings from the `top_k` largest companies; `None` when n = 0.
    pub top_share: Option<f64>,
    /// Herfindahl–Hirschman index in 0..=10,000; `None` when n = 0.
    pub hhi: Option<f64>,
}

/// Concentration of postings given the number of postings per company (zero counts are ignored).
pub fn concentration(postings_per_company: &[u64], top_k: usize) -> Concentration {
    let mut counts: Vec<u64> = postings_per_company
        .iter()
        .copied()
        .filter(|&c| c > 0)
        .collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    let n = counts.iter().fold(0u64, |acc, &c| acc.saturating_add(c));
    let (top_share, hhi) = if n == 0 {
        (None, None)
    } else {
        let total = n as f64;
        let top = counts
            .iter()
            .take(top_k)
            .fold(0u64, |acc, &c| acc.saturating_add(c));
        let hhi = counts
            .iter()
            .map(|&c| (100.0 * c as f64 / total).powi(2))
            .sum::<f64>();
        (Some(top as f64 / total), Some(hhi.min(10_000.0)))
    };
    Concentration {
        n,
        n_companies: counts.len(),
        top_k,
        top_share,
        hhi,
    }
}

/// How narrow a lane mix is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneMix {
    /// Lane mentions counted.
    pub n: u64,
    /// Lanes passed in (the denominator of the normalisation), including those with no mentions.
    pub n_lanes: usize,
    /// The lane with the most mentions (the first on a tie); `None` when n = 0.
    pub top_lane: Option<String>,
    pub top_share: Option<f64>,
    /// Shannon entropy over ln(n_lanes): 0 = all in one lane, 1 = evenly spread. `None` when n = 0
    /// or fewer than two lanes.
    pub normalised_entropy: Option<f64>,
    /// exp(entropy): the number of equally used lanes with the same entropy.
    pub effective_lanes: Option<f64>,
}

/// The lane mix of `(lane, mentions)` pairs; list every lane of the taxonomy so the entropy is
/// normalised over the same set for every language.
pub fn lane_mix<L: AsRef<str>>(mentions: &[(L, u64)]) -> LaneMix {
    let n = mentions
        .iter()
        .fold(0u64, |acc, (_, c)| acc.saturating_add(*c));
    let top = mentions
        .iter()
        .enumerate()
        .max_by(|(ia, (_, a)), (ib, (_, b))| a.cmp(b).then(ib.cmp(ia)));
    if n == 0 {
        return LaneMix {
            n,
            n_lanes: mentions.len(),
            top_lane: None,
            top_share: None,
            normalised_entropy: None,
            effective_lanes: None,
        };
    }
    let total = n as f64;
    let entropy: f64 = mentions
        .iter()
        .filter(|(_, c)| *c > 0)
        .map(|(_, c)| {
            let p = *c as f64 / total;
            -p * p.ln()
        })
        .sum();
    LaneMix {
        n,
        n_lanes: mentions.len(),
        top_lane: top.map(|(_, (lane, _))| lane.as_ref().to_string()),
        top_share: top.map(|(_, (_, c))| *c as f64 / total),
        normalised_entropy: (mentions.len() >= 2)
            .then(|| (entropy / (mentions.len() as f64).ln()).clamp(0.0, 1.0)),
        effective_lanes: Some(entropy.exp()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn hhi_known_cases() {
        let one = concentration(&[50], 10);
        assert_eq!(
            (one.hhi, one.top_share, one.n_companies),
            (Some(10_000.0), Some(1.0), 1)
        );
        // Four equal firms: 4 × 25² = 2,500.
        let four = concentration(&[5, 5, 5, 5, 0], 2);
        assert!((four.hhi.unwrap() - 2_500.0).abs() < 1e-9);
        assert_eq!(
            (four.top_share, four.n_companies, four.n),
            (Some(0.5), 4, 20)
        );
        let none = concentration(&[], 10);
        assert_eq!((none.n, none.hhi, none.top_share), (0, None, None));
    }

    #[test]
    fn lane_mix_known_cases() {
        let even = lane_mix(&[("backend", 10), ("data", 10), ("infra", 10), ("ml", 10)]);
        assert!((even.normalised_entropy.unwrap() - 1.0).abs() < 1e-12);
        assert!((even.effective_lanes.unwrap() - 4.0).abs() < 1e-9);
        assert_eq!(even.top_lane.as_deref(), Some("backend"));
        let narrow = lane_mix(&[("backend", 0), ("infra", 30), ("data", 0)]);
        assert_eq!(narrow.normalised_entropy, Some(0.0));
        assert_eq!(
            (narrow.top_lane.as_deref(), narrow.top_share),
            (Some("infra"), Some(1.0))
        );
        let empty = lane_mix::<&str>(&[]);
        assert_eq!(
            (empty.n, empty.top_lane, empty.normalised_entropy),
            (0, None, None)
        );
    }

    proptest! {
        #[test]
        fn bounds_hold(counts in proptest::collection::vec(prop_oneof![0u64..1_000_000, any::<u64>()], 0..50), k in 0usize..20) {
            let c = concentration(&counts, k);
            if let (Some(h), Some(t)) = (c.hhi, c.top_share) {
                prop_assert!((0.0..=10_000.0).contains(&h) && (0.0..=1.0).contains(&t));
            }
            let lanes: Vec<(String, u64)> = counts.iter().enumerate().map(|(i, &c)| (i.to_string(), c)).collect();
            let m = lane_mix(&lanes);
            if let Some(e) = m.normalised_entropy { prop_assert!((0.0..=1.0).contains(&e)); }
            if let Some(s) = m.top_share { prop_assert!((0.0..=1.0).contains(&s)); }
        }
    }
}
