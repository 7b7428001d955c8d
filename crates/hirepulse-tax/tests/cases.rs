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

// ---- cases built by hand from the published rules ---------------------------------------

/// Married filing jointly, W-2 300,000 in TX.
/// SS 6.2% x 184,500 = 11,439; Medicare 1.45% x 300,000 = 4,350;
/// Additional Medicare 0.9% x (300,000 - 250,000) = 450.
/// Taxable 300,000 - 32,200 = 267,800: 10% x 24,800 = 2,480; 12% x 76,000 = 9,120;
/// 22% x 110,600 = 24,332; 24% x (267,800 - 211,400 = 56,400) = 13,536; total 49,468.
/// Take-home 300,000 - 49,468 - 11,439 - 4,350 - 450 = 234,293.
#[test]
fn joint_w2_above_the_social_security_base() {
    let result = run(Filing::Joint, "TX", 300_000.0, 0.0);
    cents(result.taxable_income, 267_800.0);
    cents(result.federal_income_tax, 49_468.0);
    cents(result.social_security, 11_439.0);
    cents(result.medicare, 4_350.0);
    cents(result.additional_medicare, 450.0);
    cents(result.take_home, 234_293.0);
}

/// Head of household in FL, W-2 90,000, 401(k) 10,000, HSA 4,000 (deducted above the line).
/// Payroll wages 90,000: SS 5,580, Medicare 1,305. AGI 90,000 - 10,000 - 4,000 = 76,000;
/// taxable 76,000 - 24,150 = 51,850. Tax 10% x 17,700 = 1,770 + 12% x 34,150 = 4,098 → 5,868.
/// Take-home 90,000 - 5,868 - 5,580 - 1,305 - 10,000 - 4,000 = 63,247.
#[test]
fn head_of_household_with_401k_and_hsa() {
    let result = run_with(TaxInput {
        filing: Filing::Head,
        state: "FL".into(),
        w2_wages: 90_000.0,
        k401_deferral: 10_000.0,
        hsa: 4_000.0,
        ..TaxInput::default()
    });
    cents(result.agi, 76_000.0);
    cents(result.taxable_income, 51_850.0);
    cents(result.federal_income_tax, 5_868.0);
    cents(result.social_security, 5_580.0);
    cents(result.medicare, 1_305.0);
    cents(result.take_home, 63_247.0);
}

/// 401(k) and HSA reductions, single TX, W-2 150,000, 401(k) 24,500, HSA 4,400.
/// AGI 150,000 - 24,500 - 4,400 = 121,100; taxable 105,000; tax 1,240 + 4,560 + 22% x 54,600
/// = 17,812 (vs 24,734 without them). Payroll tax on all 150,000: SS 9,300, Medicare 2,175;
/// take-home 150,000 - 17,812 - 9,300 - 2,175 - 24,500 - 4,400 = 91,813.
/// Through a cafeteria plan the HSA also leaves payroll wages (145,600): SS 9,027.20, Medicare
/// 2,111.20, take-home 92,149.60; income tax unchanged.
#[test]
fn k401_and_hsa_reduce_income_and_payroll_tax() {
    let direct = TaxInput {
        w2_wages: 150_000.0,
        k401_deferral: 24_500.0,
        hsa: 4_400.0,
        ..TaxInput::default()
    };
    let result = run_with(direct.clone());
    cents(result.agi, 121_100.0);
    cents(result.federal_income_tax, 17_812.0);
    cents(result.social_security, 9_300.0);
    cents(result.medicare, 2_175.0);
    cents(result.take_home, 91_813.0);
    cents(result.pre_tax_savings, 28_900.0);
    let payroll = run_with(TaxInput {
        hsa_through_payroll: true,
        ..direct
    });
    cents(payroll.agi, 121_100.0);
    cents(payroll.federal_income_tax, 17_812.0);
    cents(payroll.social_security, 9_027.20);
    cents(payroll.medicare, 2_111.20);
    cents(payroll.take_home, 92_149.60);
}

/// W-2 at the SS base plus SE income: single TX, W-2 200,000, SE 50,000, not a specified
/// service. Wages use the whole base (SS 11,439), so SE tax is Medicare only:
/// 2.9% x 46,175 (= 92.35% x 50,000) = 1,339.075; half 669.5375.
/// Additional Medicare: wages 200,000 reach the threshold, so 0.9% x 46,175 = 415.575.
/// AGI 249,330.4625; taxable before QBI 233,230.4625, 31,480.4625 into the 75,000 range
/// (phase 0.4197395). QBI 49,330.4625; 20% = 9,866.0925; no wages paid → limit 0, so the
/// deduction is 9,866.0925 x (1 - 0.4197395) = 5,724.90. Taxable 227,505.56:
/// 1,240 + 4,560 + 12,166 + 23,058 + 32% x 25,730.56 = 49,257.78.
#[test]
fn w2_above_the_base_plus_se_income_in_the_qbi_range() {
    let result = run(Filing::Single, "TX", 200_000.0, 50_000.0);
    cents(result.self_employment_tax, 1_339.08);
    cents(result.social_security, 11_439.0);
    cents(result.additional_medicare, 415.58);
    cents(result.agi, 249_330.46);
    cents(result.qbi_deduction, 5_724.90);
    cents(result.taxable_income, 227_505.56);
    cents(result.federal_income_tax, 49_257.78);
}

/// Specified service in the phase-in range: single TX, SE 250,000, --sstb.
/// SE net earnings 230,875; SS 12.4% x 184,500 = 22,878; Medicare 2.9% x 230,875 = 6,695.375;
/// SE tax 29,573.375; half 14,786.6875. Additional Medicare 0.9% x 30,875 = 277.875.
/// AGI 235,213.3125; taxable before QBI 219,113.3125; phase (219,113.3125 - 201,750) / 75,000
/// = 0.2315108; applicable 0.7684892. 20% x QBI x applicable = 36,151.78, then the wage limit
/// (0 wages) phases in: x (1 - 0.2315108) → 27,782.25 (under the cap 43,822.66).
/// Taxable 191,331.06: 1,240 + 4,560 + 12,166 + 24% x 85,631.06 = 38,517.46.
#[test]
fn specified_service_in_the_phase_in_range() {
    let result = run_with(TaxInput {
        se_net_profit: 250_000.0,
        sstb: true,
        ..TaxInput::default()
    });
    cents(result.self_employment_tax, 29_573.38);
    cents(result.additional_medicare, 277.88);
    cents(result.qbi_deduction, 27_782.25);
    cents(result.federal_income_tax, 38_517.46);
}

/// Above the range: single TX, SE 400,000. SE net 369,400; SE tax 22,878 + 10,712.60 =
/// 33,590.60; half 16,795.30; AGI 383,204.70; taxable before QBI 367,104.70 (above 276,750).
/// Not a specified service: the wage limit (no wages paid) leaves 0, but the business is
/// qualified with QBI ≥ 1,000, so the 400 minimum applies: taxable 366,704.70, tax
/// 58,448 (to 256,225) + 35% x 110,479.70 = 97,115.90.
/// A specified service above the range has no QBI at all: no minimum, taxable 367,104.70,
/// tax 58,448 + 35% x 110,879.70 = 97,255.90.
/// Additional Medicare 0.9% x (369,400 - 200,000) = 1,524.60.
#[test]
fn above_the_range_sole_proprietor_and_specified_service() {
    let plain = run(Filing::Single, "TX", 0.0, 400_000.0);
    cents(plain.qbi_deduction, 400.0);
    cents(plain.federal_income_tax, 97_115.90);
    cents(plain.additional_medicare, 1_524.60);
    let sstb = run_with(TaxInput {
        se_net_profit: 400_000.0,
        sstb: true,
        ..TaxInput::default()
    });
    cents(sstb.qbi_deduction, 0.0);
    cents(sstb.federal_income_tax, 97_255.90);
}

/// The wage limit with wages paid: single TX, SE 400,000 and 100,000 of W-2 wages paid to an
/// employee, non-SSTB. QBI 383,204.70 x 20% = 76,640.94; limit max(50% x 100,000,
/// 25% x 100,000) = 50,000 → deduction 50,000 (cap 20% x 367,104.70 = 73,420.94 not binding).
#[test]
fn wage_limit_uses_wages_the_business_paid() {
    let result = run_with(TaxInput {
        se_net_profit: 400_000.0,
        business_w2_wages_paid: 100_000.0,
        ..TaxInput::default()
    });
    cents(result.qbi_deduction, 50_000.0);
}

/// Minimum QBI deduction: single TX, W-2 60,000, SE 1,500. SE net 1,385.25; SE tax
/// 211.94325; half 105.971625. AGI 61,394.03; taxable before QBI 45,294.03.
/// QBI 1,394.03 ≥ 1,000: 20% = 278.81 < 400, so 400. Taxable 44,894.03;
/// tax 1,240 + 12% x 32,494.03 = 5,139.28.
#[test]
fn minimum_qbi_deduction() {
    let result = run(Filing::Single, "TX", 60_000.0, 1_500.0);
    cents(result.qbi_deduction, 400.0);
    cents(result.taxable_income, 44_894.03);
    cents(result.federal_income_tax, 5_139.28);
}

/// Additional Medicare on combined wages and SE income, joint TX, W-2 180,000, SE 100,000.
/// SE net 92,350; SS room 184,500 - 180,000 = 4,500 → 12.4% x 4,500 = 558;
/// Medicare 2.9% x 92,350 = 2,678.15; SE tax 3,236.15; half 1,618.075.
/// Additional Medicare: wages under 250,000 → 0 on wages; SE threshold 250,000 - 180,000 =
/// 70,000 → 0.9% x 22,350 = 201.15. AGI 278,381.925; taxable before QBI 246,181.925 (under
/// 403,500): QBI 20% x 98,381.925 = 19,676.385. Taxable 226,505.54:
/// 2,480 + 9,120 + 24,332 + 24% x 15,105.54 = 39,557.33.
#[test]
fn additional_medicare_on_wages_and_se_income() {
    let result = run(Filing::Joint, "TX", 180_000.0, 100_000.0);
    cents(result.self_employment_tax, 3_236.15);
    cents(result.additional_medicare, 201.15);
    cents(result.social_security, 11_160.0);
    cents(result.qbi_deduction, 19_676.39);
    cents(result.federal_income_tax, 39_557.33);
}

/// NY recapture, first band: single NY, W-2 130,000. NY taxable 122,000; schedule tax
/// 4,190.10 (to 80,650) + 5.9% x 41,350 = 6,629.75. Band 0 (taxable income under 215,400):
/// base 0, incremental benefit 567 (the statute's figure for 5.9% on all income), phased in by
/// (130,000 - 107,650) / 50,000 = 0.447 → 253.45. NY tax 6,883.20.
#[test]
fn ny_recapture_phasing_in() {
    let result = run(Filing::Single, "NY", 130_000.0, 0.0);
    cents(result.breakdown.state_recapture, 253.45);
    cents(result.state_income_tax, 6_883.20);
}

/// NY recapture, second band fully phased in: single NY, W-2 300,000, taxable 292,000.
/// Schedule tax 4,190.10 + 5.9% x 134,750 + 6.85% x 76,600 = 17,387.45; band 215,400: base
/// 567 plus incremental 2,047 x min(1, (300,000 - 215,400) / 50,000) = 2,614 → 20,001.45,
/// 6.85% of all taxable income up to the statute's rounding (20,002.00).
#[test]
fn ny_recapture_flat_rate_when_fully_phased_in() {
    let result = run(Filing::Single, "NY", 300_000.0, 0.0);
    cents(result.breakdown.state_recapture, 2_614.0);
    cents(result.state_income_tax, 20_001.45);
}

/// NY joint: W-2 170,000, taxable 153,950 (under 161,550, the 5.4% bracket): schedule tax
/// 17,150 x 3.9% = 668.85 + 6,450 x 4.4% = 283.80 + 4,300 x 5.15% = 221.45 + 126,050 x 5.4% =
/// 6,806.70 → 7,980.80. Band 0 for joint: incremental 333 (the benefit of the three lowest
/// rates against 5.4%), phase (170,000 - 107,650) / 50,000 > 1 → 333. NY tax 8,313.80.
/// In the next band (W-2 200,000, taxable 183,950): schedule 668.85 + 283.80 + 221.45 +
/// 133,650 x 5.4% (7,217.10) + 22,400 x 5.9% (1,321.60) = 9,712.80; base 333 + incremental 807
/// x (200,000 - 161,550) / 50,000 (0.769) = 620.58 → 953.58; NY tax 10,666.38.
#[test]
fn ny_recapture_joint_bands() {
    let result = run(Filing::Joint, "NY", 170_000.0, 0.0);
    cents(result.breakdown.state_recapture, 333.0);
    cents(result.state_income_tax, 8_313.80);
    let result = run(Filing::Joint, "NY", 200_000.0, 0.0);
    cents(result.state_income_tax, 10_666.38);
}

/// The statute's recapture amounts agree with the benefit of the lower rates derived from the
/// schedule, to within its dollar rounding, and each base is the previous base plus the
/// previous increment: the data cannot drift from the brackets unnoticed.
#[test]
fn ny_recapture_amounts_match_the_schedule() {
    use hirepulse_tax::state::lower_rate_benefit;
    let params = hirepulse_tax::Parameters::for_year(2026).expect("2026");
    let ny = &params.states["NY"];
    let rule = ny.recapture.as_ref().expect("NY recapture");
    let brackets = ny.brackets.as_ref().expect("NY brackets");
    for filing in Filing::ALL {
        let thresholds = brackets.thresholds.get(filing);
        let bands = rule.bands.get(filing);
        let benefit = |bracket: usize| lower_rate_benefit(thresholds, &brackets.rates, bracket);
        for (idx, band) in bands.iter().enumerate() {
            let [from, base, incremental] = *band;
            let next = bands.get(idx + 1).map(|band| band[0]);
            if idx == 0 {
                assert_eq!(base, 0.0);
                let first = next.and_then(|from| thresholds.iter().position(|&t| t == from));
                let first = first.expect("band 1 starts at a schedule threshold");
                assert!(
                    (incremental - benefit(first - 1)).abs() <= 2.0,
                    "{filing:?} band 0"
                );
            } else {
                let bracket = thresholds.iter().position(|&t| t == from);
                let bracket = bracket.expect("a band starts at a schedule threshold");
                assert!(
                    (base - benefit(bracket - 1)).abs() <= 2.0,
                    "{filing:?} base at {from}"
                );
                let step = benefit(bracket) - benefit(bracket - 1);
                assert!(
                    (incremental - step).abs() <= 2.0,
                    "{filing:?} increment at {from}"
                );
                let [_, previous_base, previous_increment] = bands[idx - 1];
                assert!((base - previous_base - previous_increment).abs() <= 1.0);
            }
        }
    }
}

/// WA B&O on contractor receipts: single WA, net profit 100,000 before B&O on receipts of
/// 120,000. B&O 1.5% x 120,000 = 1,800 (a business expense) → profit 98,200; SE net 90,687.70;
/// SE tax 15.3% = 13,875.22; half 6,937.61; AGI 91,262.39; taxable before QBI 75,162.39;
/// QBI 20% x 91,262.39 = 18,252.48 capped at 20% x 75,162.39 = 15,032.48. Taxable 60,129.91;
/// tax 5,800 + 22% x 9,729.91 = 7,940.58. Take-home 100,000 - 7,940.58 - 13,875.22 - 1,800 =
/// 76,384.20.
#[test]
fn wa_business_and_occupation_tax_on_receipts() {
    let result = run_with(TaxInput {
        state: "WA".into(),
        se_net_profit: 100_000.0,
        se_gross_receipts: Some(120_000.0),
        ..TaxInput::default()
    });
    cents(result.breakdown.gross_receipts_tax, 1_800.0);
    cents(result.state_other_tax, 1_800.0);
    cents(result.self_employment_tax, 13_875.22);
    cents(result.qbi_deduction, 15_032.48);
    cents(result.federal_income_tax, 7_940.58);
    cents(result.take_home, 76_384.20);
    cents(result.state_income_tax, 0.0);
}

/// WA wage contributions: W-2 100,000 → PFML 1.13% x 100,000 x 71.43% = 807.16 and WA Cares
/// 0.58% x 100,000 = 580; no income tax.
#[test]
fn wa_payroll_contributions_on_wages() {
    let result = run(Filing::Single, "WA", 100_000.0, 0.0);
    cents(result.state_income_tax, 0.0);
    cents(result.state_other_tax, 1_387.16);
}

/// California uses its latest verified year (2025) and says so. Single CA, W-2 100,000:
/// taxable 100,000 - 5,706 = 94,294; 1% x 11,079 = 110.79; 2% x 15,185 = 303.70;
/// 4% x 15,188 = 607.52; 6% x 16,090 = 965.40; 8% x 15,182 = 1,214.56;
/// 9.3% x 21,570 = 2,006.01; sum 5,207.98 - exemption credit 153 = 5,054.98. SDI 1.3% = 1,300.
/// With an HSA of 4,000 the federal AGI falls but California adds it back: same state tax.
#[test]
fn california_flagged_as_latest_verified_year() {
    let result = run(Filing::Single, "CA", 100_000.0, 0.0);
    assert_eq!(result.state_year, 2025);
    assert!(result
        .flags
        .iter()
        .any(|flag| flag.code == "state_year" && flag.message.contains("2025")));
    cents(result.state_income_tax, 5_054.98);
    cents(result.state_other_tax, 1_300.0);
    let with_hsa = run_with(TaxInput {
        state: "CA".into(),
        w2_wages: 100_000.0,
        hsa: 4_000.0,
        ..TaxInput::default()
    });
    cents(with_hsa.agi, 96_000.0);
    cents(with_hsa.state_income_tax, 5_054.98);
    assert!(with_hsa
        .flags
        .iter()
        .any(|flag| flag.code == "state_hsa_taxed"));
}

/// Texas is a 2026 state: no flag.
#[test]
fn verified_states_carry_no_year_flag() {
    for state in ["TX", "FL", "WA", "NY"] {
        let result = run(Filing::Single, state, 100_000.0, 0.0);
        assert!(result.flags.is_empty(), "{state}: {:?}", result.flags);
    }
}

#[test]
fn unknown_state_and_year_list_what_exists() {
    let err = compute(&TaxInput {
        state: "ZZ".into(),
        ..TaxInput::default()
    })
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("ZZ") && err.contains("CA, FL, NY, TX, WA"),
        "{err}"
    );
    let err = compute(&TaxInput {
        year: 1999,
        ..TaxInput::default()
    })
    .unwrap_err()
    .to_string();
    assert!(err.contains("1999") && err.contains("2026"), "{err}");
}

#[test]
fn limits_and_bad_amounts_are_errors() {
    let too_much_401k = TaxInput {
        w2_wages: 100_000.0,
        k401_deferral: 30_000.0,
        ..TaxInput::default()
    };
    assert!(compute(&too_much_401k)
        .unwrap_err()
        .to_string()
        .contains("24500"));
    let negative = TaxInput {
        w2_wages: -1.0,
        ..TaxInput::default()
    };
    assert!(compute(&negative).is_err());
    let not_a_number = TaxInput {
        se_net_profit: f64::NAN,
        ..TaxInput::default()
    };
    assert!(compute(&not_a_number).is_err());
    let solo_too_high = TaxInput {
        se_net_profit: 100_000.0,
        solo401k_employer: 30_000.0,
        ..TaxInput::default()
    };
    assert!(compute(&solo_too_high).is_err());
}

/// The input round-trips through JSON (a web server reads it so) and defaults fill gaps.
#[test]
fn input_deserializes_with_defaults() {
    let input: TaxInput =
        serde_json::from_str(r#"{"filing":"joint","state":"NY","w2_wages":100000}"#)
            .expect("valid input");
    assert_eq!(input.year, 2026);
    assert_eq!(input.filing, Filing::Joint);
    let back: TaxInput =
        serde_json::from_str(&serde_json::to_string(&input).expect("serializes")).expect("parses");
    assert_eq!(back, input);
}

/// California's exemption credit phases out on federal AGI: single CA, W-2 300,000, taxable
/// 294,294. Excess over 252,203 is 47,797 → 20 steps of 2,500 (19.1 rounded up) x 6 = 120, so the
/// credit is 153 - 120 = 33. Schedule: 5,207.98 - 2,006.01 (to 94,294) + 9.3% x (294,294 -
/// 72,724 = 221,570) = 20,606.01 → 3,201.97 + 20,606.01 = 23,807.98; tax 23,807.98 - 33 =
/// 23,774.98. SDI 1.3% x 300,000 = 3,900 (no ceiling).
#[test]
fn california_exemption_credit_phases_out() {
    let result = run(Filing::Single, "CA", 300_000.0, 0.0);
    cents(result.breakdown.state_exemption_credit, 33.0);
    cents(result.state_income_tax, 23_774.98);
    cents(result.state_other_tax, 3_900.0);
}

/// The 400 minimum stands even above taxable income: single TX, SE 5,000. SE net 4,617.50,
/// SE tax 706.48, half 353.24; AGI 4,646.76 under the 16,100 standard deduction, so taxable
/// income before QBI is 0. QBI 4,646.76 ≥ 1,000 → deduction 400; taxable income stays 0; no
/// income tax.
#[test]
fn minimum_qbi_deduction_with_no_taxable_income() {
    let result = run(Filing::Single, "TX", 0.0, 5_000.0);
    cents(result.qbi_deduction, 400.0);
    cents(result.taxable_income, 0.0);
    cents(result.federal_income_tax, 0.0);
    cents(result.self_employment_tax, 706.48);
}
