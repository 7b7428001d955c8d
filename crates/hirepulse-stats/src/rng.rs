//! A small seeded pseudo-random generator for the bootstrap and the coverage simulations.
//!
//! Results must be reproducible from a seed (the same report twice prints the same bootstrap
//! interval), and the crate keeps its dependencies to serde, so this is xoshiro256** (Blackman &
//! Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021) seeded through
//! SplitMix64 (Steele, Lea & Flood 2014), exactly as the authors recommend. It is not for
//! cryptography. Samplers for the distributions the tests draw from (uniform index, normal,
//! Poisson, binomial) sit beside it so the simulations and the bootstrap share one source.

/// One SplitMix64 step: advances `state` and returns the next output.
fn split_mix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** generator; construct with [`Rng::seed_from_u64`].
#[derive(Debug, Clone)]
pub struct Rng {
    state: [u64; 4],
}

impl Rng {
    /// A generator whose whole stream is determined by `seed`.
    pub fn seed_from_u64(seed: u64) -> Self {
        let mut sm = seed;
        let state = [
            split_mix64(&mut sm),
            split_mix64(&mut sm),
            split_mix64(&mut sm),
            split_mix64(&mut sm),
        ];
        Self { state }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let s = &mut self.state;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// A uniform draw from [0, 1) with 53 random bits.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform index in 0..bound (Lemire's multiply-and-reject, unbiased); 0 when bound is 0.
    pub fn below(&mut self, bound: usize) -> usize {
        if bound == 0 {
            return 0;
        }
        let bound = bound as u64;
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(bound);
            if (product as u64) >= threshold {
                return (product >> 64) as usize;
            }
        }
    }

    /// A standard normal draw (Box–Muller; the second value is discarded for simplicity).
    pub fn standard_normal(&mut self) -> f64 {
        let u1 = 1.0 - self.next_f64(); // in (0, 1], so ln is finite
        let u2 = self.next_f64();
        (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
    }

    /// A Poisson draw (Knuth's product-of-uniforms method; fine for mean up to a few hundred).
    pub fn poisson(&mut self, mean: f64) -> u64 {
        if mean.is_nan() || mean <= 0.0 || mean.is_infinite() {
            return 0;
        }
        let limit = (-mean).exp();
        let mut product = self.next_f64();
        let mut count = 0;
        while product > limit {
            count += 1;
            product *= self.next_f64();
        }
        count
    }

    /// A binomial draw as the sum of `trials` Bernoulli(p) draws (O(trials), for tests).
    pub fn binomial(&mut self, trials: u64, p: f64) -> u64 {
        (0..trials).filter(|_| self.next_f64() < p).count() as u64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::seed_from_u64(42);
        let mut b = Rng::seed_from_u64(42);
        let mut c = Rng::seed_from_u64(43);
        let xs: Vec<u64> = (0..5).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..5).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..5).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }

    #[test]
    fn split_mix_reference_value() {
        // First SplitMix64 output for seed 0 (Vigna's splitmix64.c).
        let mut state = 0;
        assert_eq!(split_mix64(&mut state), 0xE220_A839_7B1D_CDAF);
    }

    #[test]
    fn draws_have_the_right_moments() {
        let mut rng = Rng::seed_from_u64(7);
        let n = 20_000;
        let uniform_mean = (0..n).map(|_| rng.next_f64()).sum::<f64>() / n as f64;
        assert!((uniform_mean - 0.5).abs() < 0.01, "{uniform_mean}");
        let normals: Vec<f64> = (0..n).map(|_| rng.standard_normal()).collect();
        let mean = normals.iter().sum::<f64>() / n as f64;
        let var = normals.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n as f64;
        assert!(
            mean.abs() < 0.03 && (var - 1.0).abs() < 0.05,
            "{mean} {var}"
        );
        let poisson_mean = (0..n).map(|_| rng.poisson(4.0) as f64).sum::<f64>() / n as f64;
        assert!((poisson_mean - 4.0).abs() < 0.1, "{poisson_mean}");
        assert!((0..1000).all(|_| rng.below(7) < 7));
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.poisson(f64::NAN), 0);
    }
}
