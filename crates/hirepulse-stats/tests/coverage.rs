//! Coverage simulation: draw many samples from distributions whose truth is known, build each
//! interval, and check that the share of intervals containing the truth is near the nominal 95%.
//!
//! Everything is seeded, so the figures are the same on every run; `cargo test -p hirepulse-stats
//! --test coverage -- --nocapture` prints them. Tolerances: with 2,000 replications the Monte
//! Carlo standard error at 0.95 is about 0.005, so approximate intervals (log-ratio growth,
//! Theil–Sen, lift) must land in 0.93..=0.97. The order-statistic interval is conservative by
//! construction (its attained coverage is at least nominal), so it must land in 0.94..=0.99.
//!
//! Wilson's coverage is computed exactly too (a sum over the binomial), because its true coverage
//! oscillates with n and p — at p = 0.3, n = 30 it is 0.9298, just under 0.93, a known property of
//! the method (Brown, Cai & DasGupta 2001, fig. 4), not a bug. So for Wilson the exact coverage must
//! lie in 0.92..=0.98 and the simulated one within three Monte Carlo standard errors of it, which
//! checks the implementation against the theory rather than against a band it cannot meet.
//! The bootstrap runs fewer replications (to stay fast in a debug build; SE ≈ 0.014) and the
//! percentile bootstrap of a median is known to under-cover a little at n = 100, so its band is
//! 0.89..=0.99.

use hirepulse_stats::rng::Rng;
use hirepulse_stats::special::{binomial_cdf_table, normal_quantile};
use hirepulse_stats::{
    bootstrap_percentiles, count_growth, lift, percentiles, share_growth, theil_sen, wilson,
    BootstrapConfig, Confidence, LiftConfig, PercentileConfig,
};

const REPLICATIONS: usize = 2_000;

/// One family of checks: draws from the generator, appends its results.
type Section = fn(&mut Rng, &mut Vec<Check>);

struct Check {
    label: String,
    coverage: f64,
    low: f64,
    high: f64,
    note: String,
    /// Exact coverage, where it can be computed; the simulation must agree with it.
    exact: Option<f64>,
    replications: usize,
}

impl Check {
    fn passes(&self) -> bool {
        let in_band = |x: f64| (self.low..=self.high).contains(&x);
        in_band(self.coverage)
            && self.exact.is_none_or(|exact| {
                let se = (exact * (1.0 - exact) / self.replications as f64).sqrt();
                in_band(exact) && (self.coverage - exact).abs() <= 3.0 * se
            })
    }
}

fn covered(lo: Option<f64>, hi: Option<f64>, truth: f64) -> bool {
    matches!((lo, hi), (Some(lo), Some(hi)) if lo <= truth && truth <= hi)
}

/// Exact coverage of the Wilson interval: Σ P(K = k) over the k whose interval holds p.
fn exact_wilson_coverage(p: f64, n: u64) -> f64 {
    let cdf = binomial_cdf_table(n as usize, p);
    (0..=n)
        .filter_map(|k| {
            let s = wilson(k, n, Confidence::DEFAULT).ok()?;
            let mass = cdf[k as usize] - if k == 0 { 0.0 } else { cdf[k as usize - 1] };
            covered(s.ci_low, s.ci_high, p).then_some(mass)
        })
        .sum()
}

fn wilson_checks(rng: &mut Rng, checks: &mut Vec<Check>) {
    for n in [30u64, 200] {
        for p in [0.05, 0.3, 0.5] {
            let hits = (0..REPLICATIONS)
                .filter(|_| {
                    let k = rng.binomial(n, p);
                    wilson(k, n, Confidence::DEFAULT).is_ok_and(|s| covered(s.ci_low, s.ci_high, p))
                })
                .count();
            let exact = exact_wilson_coverage(p, n);
            checks.push(Check {
                label: format!("Wilson share p={p} n={n}"),
                coverage: hits as f64 / REPLICATIONS as f64,
                low: 0.92,
                high: 0.98,
                note: format!("exact {exact:.4}"),
                exact: Some(exact),
                replications: REPLICATIONS,
            });
        }
    }
}

fn order_statistic_checks(rng: &mut Rng, checks: &mut Vec<Check>) {
    // Lognormal pay: median 120,000, σ of log pay 0.4. Each sample serves both quantiles.
    let (mu, sigma) = (120_000f64.ln(), 0.4);
    let qs = [0.5, 0.9];
    let truths: Vec<f64> = qs
        .iter()
        .map(|&q| (mu + sigma * normal_quantile(q).unwrap_or(f64::NAN)).exp())
        .collect();
    for n in [40usize, 400] {
        let mut hits = [0usize; 2];
        let mut attained = [None; 2];
        for _ in 0..REPLICATIONS {
            let sample: Vec<f64> = (0..n)
                .map(|_| (mu + sigma * rng.standard_normal()).exp())
                .collect();
            let got = percentiles(&sample, &qs, PercentileConfig::default()).unwrap_or_default();
            for (i, p) in got.iter().enumerate().take(2) {
                attained[i] = p.attained_coverage;
                hits[i] += usize::from(covered(p.ci_low, p.ci_high, truths[i]));
            }
        }
        for (i, q) in qs.iter().enumerate() {
            checks.push(Check {
                label: format!("order-statistic p{} lognormal n={n}", (q * 100.0) as u32),
                coverage: hits[i] as f64 / REPLICATIONS as f64,
                low: 0.94,
                high: 0.99,
                note: format!("attained {:.4}", attained[i].unwrap_or(f64::NAN)),
                exact: None,
                replications: REPLICATIONS,
            });
        }
    }
}

fn bootstrap_check(rng: &mut Rng, checks: &mut Vec<Check>) {
    let (mu, sigma, n, replications, resamples) = (120_000f64.ln(), 0.4, 100usize, 250usize, 300);
    let truth = mu.exp();
    let hits = (0..replications)
        .filter(|i| {
            let sample: Vec<f64> = (0..n)
                .map(|_| (mu + sigma * rng.standard_normal()).exp())
                .collect();
            let boot = BootstrapConfig {
                resamples,
                seed: *i as u64,
            };
            bootstrap_percentiles(&sample, &[0.5], PercentileConfig::default(), boot)
                .ok()
                .and_then(|v| v.into_iter().next())
                .is_some_and(|p| covered(p.ci_low, p.ci_high, truth))
        })
        .count();
    checks.push(Check {
        label: format!("bootstrap p50 lognormal n={n}"),
        coverage: hits as f64 / replications as f64,
        low: 0.89,
        high: 0.99,
        note: format!("{replications} replications x {resamples} resamples"),
        exact: None,
        replications,
    });
}

fn growth_checks(rng: &mut Rng, checks: &mut Vec<Check>) {
    // Counts: Poisson(80) → Poisson(100), true growth +25%.
    let hits = (0..REPLICATIONS)
        .filter(|_| {
            let g = count_growth(rng.poisson(80.0), rng.poisson(100.0), Confidence::DEFAULT);
            covered(g.ci_low, g.ci_high, 0.25)
        })
        .count();
    checks.push(Check {
        label: "count growth Poisson 80 -> 100".into(),
        coverage: hits as f64 / REPLICATIONS as f64,
        low: 0.93,
        high: 0.97,
        note: "truth +25%".into(),
        exact: None,
        replications: REPLICATIONS,
    });
    // Shares: 8% of 1,000 → 10% of 1,200, true growth +25%.
    let hits = (0..REPLICATIONS)
        .filter(|_| {
            let (a, b) = (rng.binomial(1_000, 0.08), rng.binomial(1_200, 0.10));
            share_growth(a, 1_000, b, 1_200, Confidence::DEFAULT)
                .is_ok_and(|g| covered(g.ci_low, g.ci_high, 0.25))
        })
        .count();
    checks.push(Check {
        label: "share growth 8%/1000 -> 10%/1200".into(),
        coverage: hits as f64 / REPLICATIONS as f64,
        low: 0.93,
        high: 0.97,
        note: "truth +25%".into(),
        exact: None,
        replications: REPLICATIONS,
    });
}

fn lift_check(rng: &mut Rng, checks: &mut Vec<Check>) {
    // 3,000 postings; 10% mention the language; the technology is asked in 30% of those and 10%
    // of the rest: P(tech) = 0.12, true lift 2.5.
    let (n_total, p_lang, p_tech_lang, p_tech_other) = (3_000u64, 0.1, 0.3, 0.1);
    let truth = p_tech_lang / (p_lang * p_tech_lang + (1.0 - p_lang) * p_tech_other);
    let hits = (0..REPLICATIONS)
        .filter(|_| {
            let n_lang = rng.binomial(n_total, p_lang);
            let n_both = rng.binomial(n_lang, p_tech_lang);
            let n_tech = n_both + rng.binomial(n_total - n_lang, p_tech_other);
            lift(n_total, n_lang, n_tech, n_both, LiftConfig::default())
                .is_ok_and(|l| covered(l.ci_low, l.ci_high, truth))
        })
        .count();
    checks.push(Check {
        label: "lift 0.30 vs base 0.12, n=3000".into(),
        coverage: hits as f64 / REPLICATIONS as f64,
        low: 0.93,
        high: 0.97,
        note: format!("truth {truth:.3}"),
        exact: None,
        replications: REPLICATIONS,
    });
}

fn trend_check(rng: &mut Rng, checks: &mut Vec<Check>) {
    // 24 monthly shares: 0.10 + 0.01 per year + N(0, 0.005) noise.
    let slope = 0.01;
    let hits = (0..REPLICATIONS)
        .filter(|_| {
            let points: Vec<(f64, f64)> = (0..24)
                .map(|m| {
                    let years = f64::from(m) / 12.0;
                    (years, 0.10 + slope * years + 0.005 * rng.standard_normal())
                })
                .collect();
            theil_sen(&points, Confidence::DEFAULT)
                .is_ok_and(|t| covered(t.ci_low, t.ci_high, slope))
        })
        .count();
    checks.push(Check {
        label: "Theil-Sen slope, 24 months".into(),
        coverage: hits as f64 / REPLICATIONS as f64,
        low: 0.93,
        high: 0.97,
        note: "truth 0.01/year".into(),
        exact: None,
        replications: REPLICATIONS,
    });
}

#[test]
fn intervals_cover_the_truth_near_the_nominal_rate() {
    let mut rng = Rng::seed_from_u64(20_261_128);
    let mut checks = Vec::new();
    let sections: [(&str, Section); 6] = [
        ("wilson", wilson_checks),
        ("order statistic", order_statistic_checks),
        ("bootstrap", bootstrap_check),
        ("growth", growth_checks),
        ("lift", lift_check),
        ("trend", trend_check),
    ];
    for (name, run) in sections {
        let started = std::time::Instant::now();
        run(&mut rng, &mut checks);
        println!("{name}: {:.2?}", started.elapsed());
    }

    println!(
        "{:<40} {:>8}  {:<11}  note",
        "interval (nominal 95%)", "coverage", "allowed"
    );
    for c in &checks {
        println!(
            "{:<40} {:>8.4}  {:.2}..{:.2}   {}",
            c.label, c.coverage, c.low, c.high, c.note
        );
    }
    let failures: Vec<&Check> = checks.iter().filter(|c| !c.passes()).collect();
    assert!(
        failures.is_empty(),
        "coverage outside tolerance: {:?}",
        failures
            .iter()
            .map(|c| (&c.label, c.coverage))
            .collect::<Vec<_>>()
    );
}
