//! Special functions the intervals need: the standard normal quantile and the binomial
//! distribution function.
//!
//! Both are written out here rather than pulled from a numerics crate because the crate needs
//! exactly two of them and they are short, published and testable against tables:
//! - [`normal_quantile`] is Wichura's algorithm AS 241 (PPND16), "The Percentage Points of the
//!   Normal Distribution", *Applied Statistics* 37(3), 477–484, 1988: three rational
//!   approximations with about 16 significant digits, no iteration.
//! - [`binomial_cdf_table`] sums the binomial probability mass, starting from the mode's mass in
//!   log space (`ln Γ` from the Lanczos approximation, g = 7, 9 coefficients, as in Numerical
//!   Recipes 3rd ed. §6.1 and Godfrey's table) and walking outward by the ratio of successive
//!   terms, so `n` in the hundreds of thousands neither overflows nor underflows and costs O(n).

// The coefficients are kept digit for digit as published, hence the allows.
/// Coefficients of AS 241, central region |p − 0.5| ≤ 0.425 (numerator a0..a7, denominator b0..b7).
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const A: [f64; 8] = [
    3.387_132_872_796_366_608,
    1.331_416_678_917_843_774_5e2,
    1.971_590_950_306_551_442_7e3,
    1.373_169_376_550_946_112_5e4,
    4.592_195_393_154_987_145_7e4,
    6.726_577_092_700_870_085_3e4,
    3.343_057_558_358_812_810_5e4,
    2.509_080_928_730_122_672_7e3,
];
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const B: [f64; 8] = [
    1.0,
    4.231_333_070_160_091_125_2e1,
    6.871_870_074_920_579_083e2,
    5.394_196_021_424_751_107_7e3,
    2.121_379_430_158_659_586_7e4,
    3.930_789_580_009_271_061e4,
    2.872_908_573_572_194_267_4e4,
    5.226_495_278_852_854_561e3,
];
/// Intermediate tail region, r = sqrt(−ln min(p, 1−p)) ≤ 5.
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const C: [f64; 8] = [
    1.423_437_110_749_683_577_34,
    4.630_337_846_156_545_295_9,
    5.769_497_221_460_691_405_5,
    3.647_848_324_763_204_605_04,
    1.270_458_252_452_368_382_58,
    2.417_807_251_774_506_117_7e-1,
    2.272_384_498_926_918_458_33e-2,
    7.745_450_142_783_414_076_4e-4,
];
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_758_821_87,
    1.676_384_830_183_803_849_4,
    6.897_673_349_851_000_045_5e-1,
    1.481_039_764_274_800_745_9e-1,
    1.519_866_656_361_645_719_66e-2,
    5.475_938_084_995_344_946e-4,
    1.050_750_071_644_416_843_24e-9,
];
/// Far tail region, r > 5 (p below about 1e-11).
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const E: [f64; 8] = [
    6.657_904_643_501_103_777_2,
    5.463_784_911_164_114_369_9,
    1.784_826_539_917_291_335_8,
    2.965_605_718_285_048_912_3e-1,
    2.653_218_952_657_612_309_3e-2,
    1.242_660_947_388_078_438_6e-3,
    2.711_555_568_743_487_578_15e-5,
    2.010_334_399_292_288_132_65e-7,
];
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const F: [f64; 8] = [
    1.0,
    5.998_322_065_558_879_376_9e-1,
    1.369_298_809_227_358_053_1e-1,
    1.487_536_129_085_061_485_25e-2,
    7.868_691_311_456_132_591e-4,
    1.846_318_317_510_054_681_8e-5,
    1.421_511_758_316_445_888_7e-7,
    2.044_263_103_389_939_785_64e-15,
];

/// Horner evaluation of c0 + c1 x + ... + c7 x^7.
fn poly(coefficients: &[f64; 8], x: f64) -> f64 {
    coefficients.iter().rev().fold(0.0, |acc, c| acc * x + c)
}

/// The standard normal quantile Φ⁻¹(p) (AS 241). `None` unless 0 < p < 1.
pub fn normal_quantile(p: f64) -> Option<f64> {
    if !(p > 0.0 && p < 1.0) {
        return None;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return Some(q * poly(&A, r) / poly(&B, r));
    }
    let tail = if q < 0.0 { p } else { 1.0 - p };
    let r = (-tail.ln()).sqrt();
    let value = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    Some(if q < 0.0 { -value } else { value })
}

/// The two-sided critical value z for a confidence level in (0, 1): Φ⁻¹((1 + level) / 2).
pub fn two_sided_z(level: f64) -> Option<f64> {
    normal_quantile(0.5 + level / 2.0)
}

/// Lanczos coefficients (g = 7, n = 9).
#[allow(
    clippy::excessive_precision,
    reason = "published coefficients, kept as printed"
)]
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_93,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_13,
    -176.615_029_162_140_59,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_571_6e-6,
    1.505_632_735_149_311_6e-7,
];

/// ln Γ(x) for x > 0 (Lanczos approximation, relative error about 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1 − x) = π / sin(πx).
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).abs().ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The binomial distribution function for every k: entry k is P(B ≤ k) for B ~ Bin(n, p),
/// k = 0..=n. Returns an empty vector when p is not in [0, 1].
///
/// The mass at the mode comes from `ln Γ`; the rest follows from the ratio
/// P(k + 1) / P(k) = (n − k) / (k + 1) · p / (1 − p), walking outward from the mode so that the
/// largest terms are exact and far tails underflow harmlessly to 0. The sum runs from k = 0 up.
pub fn binomial_cdf_table(n: usize, p: f64) -> Vec<f64> {
    if !(0.0..=1.0).contains(&p) {
        return Vec::new();
    }
    if p == 0.0 || p == 1.0 {
        return (0..=n)
            .map(|k| if p == 0.0 || k == n { 1.0 } else { 0.0 })
            .collect();
    }
    let n_f = n as f64;
    let mode = (((n_f + 1.0) * p).floor() as usize).min(n);
    let mode_f = mode as f64;
    let ln_mode_mass = ln_gamma(n_f + 1.0) - ln_gamma(mode_f + 1.0) - ln_gamma(n_f - mode_f + 1.0)
        + mode_f * p.ln()
        + (n_f - mode_f) * (-p).ln_1p();
    let odds = p / (1.0 - p);
    let mut mass = vec![0.0; n + 1];
    mass[mode] = ln_mode_mass.exp();
    for k in mode..n {
        mass[k + 1] = mass[k] * (n - k) as f64 / (k + 1) as f64 * odds;
    }
    for k in (1..=mode).rev() {
        mass[k - 1] = mass[k] * k as f64 / (n - k + 1) as f64 / odds;
    }
    let mut cumulative = 0.0;
    mass.iter()
        .map(|m| {
            cumulative += m;
            cumulative.min(1.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance * b.abs().max(1.0)
    }

    #[test]
    fn normal_quantiles_match_tables() {
        // Values from R's qnorm (itself AS 241) and Abramowitz & Stegun table 26.5.
        let cases = [
            (0.5, 0.0),
            (0.975, 1.959_963_984_540_054),
            (0.995, 2.575_829_303_548_900_4),
            (0.9, 1.281_551_565_544_600_4),
            (0.05, -1.644_853_626_951_472_2),
            (0.025, -1.959_963_984_540_054),
            (1e-10, -6.361_340_902_404_056),
            (1e-20, -9.262_340_089_798_408),
        ];
        for (p, expected) in cases {
            let got = normal_quantile(p).unwrap_or(f64::NAN);
            assert!(
                close(got, expected, 1e-13),
                "Φ⁻¹({p}) = {got}, expected {expected}"
            );
        }
        assert_eq!(normal_quantile(0.0), None);
        assert_eq!(normal_quantile(1.0), None);
        assert_eq!(normal_quantile(f64::NAN), None);
    }

    #[test]
    fn ln_gamma_matches_factorials() {
        assert!(close(ln_gamma(1.0), 0.0, 1e-14));
        assert!(close(ln_gamma(5.0), 24f64.ln(), 1e-14));
        assert!(close(
            ln_gamma(0.5),
            std::f64::consts::PI.sqrt().ln(),
            1e-14
        ));
        // ln(100!) = 363.73937555556347
        assert!(close(ln_gamma(101.0), 363.739_375_555_563_47, 1e-13));
    }

    #[test]
    fn binomial_cdf_small_case() {
        // Bin(4, 0.5): pmf 1/16, 4/16, 6/16, 4/16, 1/16.
        let table = binomial_cdf_table(4, 0.5);
        let expected = [1.0 / 16.0, 5.0 / 16.0, 11.0 / 16.0, 15.0 / 16.0, 1.0];
        for (got, want) in table.iter().zip(expected) {
            assert!(close(*got, want, 1e-12), "{got} vs {want}");
        }
        // Bin(30, 0.05): P(B ≤ 3) = 0.9392284386912553 (R: pbinom(3, 30, 0.05)).
        let table = binomial_cdf_table(30, 0.05);
        assert!(
            close(table[3], 0.939_228_438_691_255_3, 1e-12),
            "{}",
            table[3]
        );
        assert_eq!(binomial_cdf_table(3, 1.5), Vec::<f64>::new());
        assert_eq!(binomial_cdf_table(2, 0.0), vec![1.0, 1.0, 1.0]);
        assert_eq!(binomial_cdf_table(2, 1.0), vec![0.0, 0.0, 1.0]);
        // Large n: Bin(100000, 0.3) has mean 30000, sd 144.9; P(B ≤ 30000) ≈ 0.5 + a small
        // continuity term, and the table ends at 1.
        let table = binomial_cdf_table(100_000, 0.3);
        assert!((table[30_000] - 0.501_4).abs() < 1e-3, "{}", table[30_000]);
        assert!((table[100_000] - 1.0).abs() < 1e-9);
    }
}
