//! Properties the rules guarantee on any input: more wages never lower the tax, take-home
//! never exceeds gross income, tax is continuous at bracket edges, the effective rate is
//! bounded.

use hirepulse_tax::{compute, Filing, Parameters, TaxInput, TaxResult};
use proptest::prelude::*;

const STATES: [&str; 5] = ["TX", "FL", "WA", "NY", "CA"];

fn filing() -> impl Strategy<Value = Filing> {
    prop::sample::select(Filing::ALL.to_vec())
}

fn state() -> impl Strategy<Value = &'static str> {
    prop::sample::select(STATES.to_vec())
}

fn run(input: &TaxInput) -> TaxResult {
    match compute(input) {
        Ok(result) => result,
        Err(err) => panic!("{input:?}: {err}"),
    }
}

fn input(filing: Filing, state: &str, w2: f64, se: f64, sstb: bool) -> TaxInput {
    TaxInput {
        filing,
        state: state.to_string(),
        w2_wages: w2,
        se_net_profit: se,
        sstb,
        ..TaxInput::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn more_wages_never_lower_tax(
        filing in filing(), state in state(), sstb in any::<bool>(),
        w2 in 0.0f64..1_500_000.0, se in 0.0f64..800_000.0, raise in 0.01f64..50_000.0,
    ) {
        let before = run(&input(filing, state, w2, se, sstb));
        let after = run(&input(filing, state, w2 + raise, se, sstb));
        prop_assert!(after.total_tax >= before.total_tax - 0.01,
            "{state} {filing:?} w2 {w2} + {raise}: {} -> {}", before.total_tax, after.total_tax);
        prop_assert!(after.federal_income_tax >= before.federal_income_tax - 0.01);
        prop_assert!(after.state_income_tax >= before.state_income_tax - 0.01);
    }

    #[test]
    fn take_home_never_above_gross_and_rate_bounded(
        filing in filing(), state in state(), sstb in any::<bool>(),
        w2 in 0.0f64..3_000_000.0, se in 0.0f64..3_000_000.0,
        k401 in 0.0f64..24_500.0, hsa in 0.0f64..4_400.0,
    ) {
        let mut case = input(filing, state, w2, se, sstb);
        case.k401_deferral = k401.min(w2 + se * 0.5);
        case.hsa = if w2 > 0.0 { hsa.min((w2 - case.k401_deferral.min(w2)).max(0.0)) } else { hsa };
        prop_assume!(compute(&case).is_ok());
        let result = run(&case);
        prop_assert!(result.take_home <= result.gross_income + 0.01);
        prop_assert!(result.take_home + result.pre_tax_savings <= result.gross_income + 0.01);
        prop_assert!(result.total_tax >= 0.0);
        prop_assert!(result.effective_rate >= 0.0);
        // Top federal 37% + top state 13.3% + Medicare 2.9% + 0.9% stays well under 60%.
        prop_assert!(result.effective_rate < 0.60, "rate {}", result.effective_rate);
        prop_assert!(result.taxable_income >= 0.0 && result.taxable_income <= result.agi.max(0.0) + 0.01);
        prop_assert!(result.qbi_deduction <= 0.2 * result.breakdown.taxable_income_before_qbi + 400.01);
    }

    /// Wages that put taxable income a cent either side of every federal bracket edge give
    /// federal tax within a cent's worth of the higher rate: the schedule has no jumps.
    #[test]
    fn federal_tax_is_continuous_at_bracket_edges(filing in filing(), edge in 1usize..7) {
        let params = Parameters::for_year(2026).expect("2026 parameters");
        let threshold = params.federal.thresholds.get(filing)[edge];
        let deduction = *params.federal.standard_deduction.get(filing);
        let below = run(&input(filing, "TX", threshold + deduction - 0.01, 0.0, false));
        let above = run(&input(filing, "TX", threshold + deduction + 0.01, 0.0, false));
        let step = above.federal_income_tax - below.federal_income_tax;
        prop_assert!((0.0..=0.02).contains(&step), "edge {threshold}: step {step}");
    }
}
