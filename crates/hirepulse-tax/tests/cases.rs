//! The reference cases of `../shared/reference/us-tax-2026.md` (computed by PolicyEngine-US),
//! and cases built by hand from the published rules, each with its computation in comments.

use hirepulse_tax::{compute, Filing, TaxInput, TaxResult};

fn run(filing: Filing, state: &str, w2: f64, se: f64) -> TaxResult {
    run_with(TaxInput {
        filing,
        state: state.into(),
        w2_wages: w2,
        se_net_profit: se,
        ..TaxInput::default()
    })
}

fn run_with(input: TaxInput) -> TaxResult {
    match compute(&input) {
        Ok(result) => result,
        Err(err) => panic!("{input:?}: {err}"),
    }
}

/// Equal to the cent (the engine rounds every output to cents).
#[track_caller]
fn cents(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 0.006,
        "expected {expected:.2}, got {actual:.2}"
    );
}

/// Equal to the dollar.
#[track_caller]
fn dollars(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < 1.0,
        "expected {expected:.2} to the dollar, got {actual:.2}"
    );
}

// ---- the four reference cases -----------------------------------------------------------

#[test]
fn reference_single_tx_w2_150k() {
    let result = run(Filing::Single, "TX", 150_000.0, 0.0);
    dollars(result.federal_income_tax, 24_734.0);
    cents(result.federal_income_tax, 24_734.00);
    cents(result.taxable_income, 133_900.0);
}

#[test]
fn reference_single_tx_w2_250k() {
    let result = run(Filing::Single, "TX", 250_000.0, 0.0);
    cents(result.federal_income_tax, 51_304.00);
    cents(result.social_security, 11_439.00);
    cents(result.additional_medicare, 450.00);
}

#[test]
fn reference_single_tx_1099_150k_not_sstb() {
    let result = run(Filing::Single, "TX", 0.0, 150_000.0);
    dollars(result.federal_income_tax, 16_413.30);
    dollars(result.self_employment_tax, 21_194.32);
    dollars(result.agi, 139_402.84);
    dollars(result.qbi_deduction, 24_660.57);
    cents(result.federal_income_tax, 16_413.30);
    cents(result.agi, 139_402.84);
    cents(result.qbi_deduction, 24_660.57);
    // 21,194.325 exactly; the half-cent goes either way in binary floating point.
    assert!((result.self_employment_tax - 21_194.325).abs() <= 0.0051);
}

#[test]
fn reference_single_ny_w2_100k() {
    let result = run(Filing::Single, "NY", 100_000.0, 0.0);
    cents(result.federal_income_tax, 13_170.00);
    cents(result.state_income_tax, 4_859.75);
}
