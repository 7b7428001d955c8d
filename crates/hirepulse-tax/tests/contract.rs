//! Contract vs full-time: the break-even rate equalises the two sides to the cent, the
//! sensitivity table moves the way bench time and hours must move it, and the inputs shape the
//! answer as the rules say.

use hirepulse_tax::contract::{compare, contract_side, ContractDefaults, ContractInput};
use hirepulse_tax::Filing;

fn input(filing: Filing, state: &str, salary: f64) -> ContractInput {
    ContractDefaults::load()
        .expect("defaults parse")
        .input(2026, filing, state, salary)
}

/// At the break-even receipts the contractor's take-home + savings reaches the full-time one
/// and stays within a cent of it; a cent less of receipts falls short.
#[test]
fn break_even_equalises_to_the_cent() {
    let cases = [
        (Filing::Single, "TX", 150_000.0, false),
        (Filing::Single, "NY", 220_000.0, true),
        (Filing::Joint, "CA", 180_000.0, false),
        (Filing::Head, "WA", 95_000.0, false),
        (Filing::Single, "FL", 400_000.0, true),
    ];
    for (filing, state, salary, sstb) in cases {
        let mut case = input(filing, state, salary);
        case.contractor.sstb = sstb;
        case.fte.k401_deferral = 10_000.0;
        let comparison = compare(&case).expect("comparison");
        let annual = comparison.break_even_annual;
        let (fte, at) = contract_side(&case, annual).expect("at break-even");
        let (_, below) = contract_side(&case, annual - 0.01).expect("a cent below");
        assert!(
            at.comparable >= fte.comparable && at.comparable - fte.comparable <= 0.011,
            "{state} {salary}: contractor {} vs full-time {}",
            at.comparable,
            fte.comparable
        );
        assert!(
            below.comparable < fte.comparable,
            "{state} {salary}: a cent less still reaches"
        );
        // The hourly rate is the annual over the billable hours, rounded up to the cent.
        let hourly = comparison.break_even_hourly;
        assert!(hourly * at.billable_hours >= annual - 1e-6);
        assert!((hourly - 0.01) * at.billable_hours < annual);
        // The contractor shown is the break-even one when no rate was offered.
        assert_eq!(comparison.contractor.receipts, annual);
    }
}

#[test]
fn sensitivity_rises_with_bench_weeks_and_falls_with_hours() {
    let comparison = compare(&input(Filing::Single, "TX", 150_000.0)).expect("comparison");
    let table = &comparison.sensitivity;
    assert_eq!(table.hourly.len(), table.bench_weeks.len());
    for column in 0..table.hours_per_week.len() {
        for pair in table.hourly.windows(2) {
            assert!(
                pair[1][column] > pair[0][column],
                "bench weeks: {:?}",
                table.hourly
            );
        }
    }
    for row in &table.hourly {
        for pair in row.windows(2) {
            assert!(pair[1] < pair[0], "hours: {row:?}");
        }
    }
    // The default contractor (40 h, 4 weeks) is one cell of the table.
    let bench = table
        .bench_weeks
        .iter()
        .position(|&b| b == 4.0)
        .expect("4 weeks");
    let hours = table
        .hours_per_week
        .iter()
        .position(|&h| h == 40.0)
        .expect("40 h");
    assert_eq!(table.hourly[bench][hours], comparison.break_even_hourly);
}

#[test]
fn costs_and_lost_benefits_raise_the_break_even() {
    let base = compare(&input(Filing::Single, "TX", 150_000.0)).expect("base");
    let mut costly = input(Filing::Single, "TX", 150_000.0);
    costly.contractor.business_costs += 10_000.0;
    let costly = compare(&costly).expect("costly");
    assert!(costly.break_even_annual > base.break_even_annual + 9_000.0);
    let mut no_plan = input(Filing::Single, "TX", 150_000.0);
    no_plan.contractor.solo401k = false;
    let no_plan = compare(&no_plan).expect("no plan");
    // Without the Solo 401(k) the match must come out of taxed receipts.
    assert!(no_plan.break_even_annual > base.break_even_annual);
    assert_eq!(no_plan.contractor.savings, 0.0);
    // A specified service above the QBI range loses the deduction: higher break-even.
    let mut high = input(Filing::Single, "TX", 350_000.0);
    let plain = compare(&high).expect("plain");
    high.contractor.sstb = true;
    let sstb = compare(&high).expect("sstb");
    assert!(sstb.break_even_annual >= plain.break_even_annual);
}

#[test]
fn an_offered_rate_is_evaluated_and_rules_of_thumb_are_only_beside() {
    let mut case = input(Filing::Single, "TX", 150_000.0);
    case.contractor.offered_rate = Some(90.0);
    let comparison = compare(&case).expect("comparison");
    assert_eq!(comparison.contractor.hourly_rate, 90.0);
    assert!((comparison.contractor.receipts - 90.0 * 1_720.0).abs() < 0.01);
    // 90/h is below the break-even, so the contract pays less.
    assert!(comparison.break_even_hourly > 90.0);
    assert!(comparison.contractor.comparable < comparison.fte.comparable);
    // salary/2080 x 1.3 = 93.75; salary/1000 = 150.
    assert_eq!(comparison.rules_of_thumb[0].hourly_low, 93.75);
    assert_eq!(comparison.rules_of_thumb[1].hourly_low, 150.0);
    assert!(comparison.market_position.is_none());
}

#[test]
fn full_time_package_adds_the_employer_costs() {
    let comparison = compare(&input(Filing::Single, "TX", 150_000.0)).expect("comparison");
    let fte = &comparison.fte;
    // Match 4.7% x 150,000 = 7,050; wages for payroll tax 150,000 - 1,440 premium = 148,560:
    // 6.2% = 9,210.72 + 1.45% = 2,154.12 + FUTA 42 = 11,406.84; health 7,885.
    assert_eq!(fte.employer_match, 7_050.0);
    assert!((fte.employer_payroll_tax - 11_406.84).abs() < 0.006);
    assert!((fte.total_package - (150_000.0 + 7_050.0 + 7_885.0 + 11_406.84)).abs() < 0.006);
}

#[test]
fn impossible_inputs_are_errors() {
    let mut case = input(Filing::Single, "TX", 150_000.0);
    case.contractor.bench_weeks = 52.0;
    assert!(compare(&case).is_err());
    let mut case = input(Filing::Single, "TX", 150_000.0);
    case.fte.match_rate = -0.1;
    assert!(compare(&case).is_err());
    let case = input(Filing::Single, "ZZ", 150_000.0);
    assert!(compare(&case).unwrap_err().to_string().contains("TX"));
}
