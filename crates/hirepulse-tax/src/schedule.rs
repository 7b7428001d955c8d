//! Marginal-rate bracket arithmetic shared by the federal and state schedules.
//!
//! Kept apart from the rules so it can be tested (and property-tested) on its own: tax is the
//! sum over brackets of the rate times the part of income inside the bracket, which makes it
//! continuous and non-decreasing by construction.

/// Tax on `income` where `rates[i]` applies to income over `thresholds[i]` (ascending, from 0).
pub fn tax(income: f64, thresholds: &[f64], rates: &[f64]) -> f64 {
    if income <= 0.0 {
        return 0.0;
    }
    let mut total = 0.0;
    for (idx, (&start, &rate)) in thresholds.iter().zip(rates).enumerate() {
        if income <= start {
            break;
        }
        let end = thresholds.get(idx + 1).copied().unwrap_or(f64::INFINITY);
        total += (income.min(end) - start) * rate;
    }
    total
}

/// The index of the bracket `income` falls in (income over its threshold, not over the next).
pub fn bracket_index(income: f64, thresholds: &[f64]) -> usize {
    thresholds
        .iter()
        .rposition(|&start| income > start)
        .unwrap_or(0)
}

/// The marginal rate at `income`.
pub fn marginal_rate(income: f64, thresholds: &[f64], rates: &[f64]) -> f64 {
    rates
        .get(bracket_index(income, thresholds))
        .copied()
        .unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    const THRESHOLDS: [f64; 3] = [0.0, 10_000.0, 50_000.0];
    const RATES: [f64; 3] = [0.10, 0.20, 0.30];

    #[test]
    fn sums_the_parts_inside_each_bracket() {
        assert_eq!(tax(0.0, &THRESHOLDS, &RATES), 0.0);
        assert!((tax(10_000.0, &THRESHOLDS, &RATES) - 1_000.0).abs() < 1e-9);
        // 1,000 + 40,000 x 0.2 + 10,000 x 0.3
        assert!((tax(60_000.0, &THRESHOLDS, &RATES) - 12_000.0).abs() < 1e-9);
        assert_eq!(marginal_rate(10_000.0, &THRESHOLDS, &RATES), 0.10);
        assert_eq!(marginal_rate(10_000.01, &THRESHOLDS, &RATES), 0.20);
    }
}
