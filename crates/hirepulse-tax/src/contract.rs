//! Contract vs full-time: the same person's year as a salaried employee and as a contractor,
//! both run through the tax engine, and the contract rate at which they break even.
//!
//! What is compared: cash take-home plus the money saved for the person (401(k) deferrals, the
//! employer match or Solo 401(k) employer contribution, HSA). Health cover is equal on both
//! sides: the employee pays the worker share pre-tax and the employer the rest; the contractor
//! buys the whole premium (deductible as self-employed health insurance). Paid leave is equal:
//! the contractor takes the same vacation and holidays, unpaid, and also sits on the bench.
//!
//! The break-even annual receipts are found by bisection on whole cents over the engine itself
//! (the comparable amount rises with receipts), so the answer is the smallest cent amount at
//! which the contract matches the full-time year under the encoded rules — no approximation of
//! the tax. Defaults come from `data/contract-defaults.toml`, each with its source; the rules of
//! thumb are shown only beside the computed figure, as a sanity check.

use crate::engine::{compute_with, TaxInput, TaxResult};
use crate::params::Parameters;
use crate::{cents, Filing, TaxError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const DEFAULTS_FILE: &str = "contract-defaults.toml";
const DEFAULTS_TEXT: &str = include_str!("../data/contract-defaults.toml");

/// The full-time package.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FteTerms {
    pub salary: f64,
    pub bonus: f64,
    /// Equity vesting a year, valued as wages (RSUs are taxed as wages when they vest).
    pub equity: f64,
    /// Employer 401(k) contribution as a share of salary.
    pub match_rate: f64,
    pub k401_deferral: f64,
    pub hsa: f64,
    pub employee_health_premium: f64,
    pub employer_health_premium: f64,
    pub pto_days: f64,
    pub holidays: f64,
}

/// The contractor's year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractorTerms {
    pub hours_per_week: f64,
    /// Unpaid weeks between contracts.
    pub bench_weeks: f64,
    pub vacation_days: f64,
    pub holidays: f64,
    pub business_costs: f64,
    /// The health premium the contractor pays in full.
    pub health_insurance: f64,
    /// Put the same savings into a Solo 401(k): the employee deferral and, as employer, the
    /// match the job would have paid (within the limits).
    pub solo401k: bool,
    /// Specified service trade or business for section 199A.
    pub sstb: bool,
    /// An offered hourly rate to evaluate beside the break-even (none: show the break-even).
    pub offered_rate: Option<f64>,
}

/// Everything the comparison needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractInput {
    pub year: u16,
    pub filing: Filing,
    pub state: String,
    pub fte: FteTerms,
    pub contractor: ContractorTerms,
}

#[derive(Debug, Clone, Deserialize)]
struct FteDefaults {
    employer_health_premium: f64,
    employee_health_premium: f64,
    health_source: String,
    match_rate: f64,
    match_source: String,
    k401_deferral: f64,
    bonus: f64,
    equity: f64,
    pto_days: f64,
    holidays: f64,
    leave_source: String,
    benefits_share_of_compensation: f64,
    benefits_source: String,
    employer_social_security_rate: f64,
    employer_medicare_rate: f64,
    employer_payroll_source: String,
    futa: f64,
    futa_source: String,
}

#[derive(Debug, Clone, Deserialize)]
struct ContractorDefaults {
    hours_per_week: f64,
    bench_weeks: f64,
    vacation_days: f64,
    holidays: f64,
    bench_source: String,
    business_costs: f64,
    costs_source: String,
    health_insurance: f64,
    health_source: String,
    solo401k: bool,
    retirement_source: String,
    sstb: bool,
    sstb_source: String,
}

#[derive(Debug, Clone, Deserialize)]
struct SensitivityAxes {
    bench_weeks: Vec<f64>,
    hours_per_week: Vec<f64>,
}

#[derive(Debug, Clone, Deserialize)]
struct ThumbDefaults {
    source: String,
    hours_per_year: f64,
    low_multiplier: f64,
    high_multiplier: f64,
    salary_divisor: f64,
    w2_hourly_multiplier: f64,
}

/// The defaults file.
#[derive(Debug, Clone, Deserialize)]
pub struct ContractDefaults {
    sources: BTreeMap<String, String>,
    fte: FteDefaults,
    contractor: ContractorDefaults,
    sensitivity: SensitivityAxes,
    rules_of_thumb: ThumbDefaults,
}

impl ContractDefaults {
    pub fn load() -> Result<ContractDefaults, TaxError> {
        let defaults: ContractDefaults =
            toml::from_str(DEFAULTS_TEXT).map_err(|err| TaxError::Data {
                file: DEFAULTS_FILE.to_string(),
                reason: err.to_string(),
            })?;
        let keys = [
            &defaults.fte.health_source,
            &defaults.fte.match_source,
            &defaults.fte.leave_source,
            &defaults.fte.benefits_source,
            &defaults.fte.employer_payroll_source,
            &defaults.fte.futa_source,
            &defaults.contractor.bench_source,
            &defaults.contractor.costs_source,
            &defaults.contractor.health_source,
            &defaults.contractor.retirement_source,
            &defaults.contractor.sstb_source,
            &defaults.rules_of_thumb.source,
        ];
        if let Some(missing) = keys
            .iter()
            .find(|key| !defaults.sources.contains_key(**key))
        {
            return Err(TaxError::Data {
                file: DEFAULTS_FILE.to_string(),
                reason: format!("source {missing:?} is not in [sources]"),
            });
        }
        Ok(defaults)
    }

    /// The input for `salary` with every other term at its default.
    pub fn input(&self, year: u16, filing: Filing, state: &str, salary: f64) -> ContractInput {
        let fte = &self.fte;
        let contractor = &self.contractor;
        ContractInput {
            year,
            filing,
            state: state.to_string(),
            fte: FteTerms {
                salary,
                bonus: fte.bonus,
                equity: fte.equity,
                match_rate: fte.match_rate,
                k401_deferral: fte.k401_deferral,
                hsa: 0.0,
                employee_health_premium: fte.employee_health_premium,
                employer_health_premium: fte.employer_health_premium,
                pto_days: fte.pto_days,
                holidays: fte.holidays,
            },
            contractor: ContractorTerms {
                hours_per_week: contractor.hours_per_week,
                bench_weeks: contractor.bench_weeks,
                vacation_days: contractor.vacation_days,
                holidays: contractor.holidays,
                business_costs: contractor.business_costs,
                health_insurance: contractor.health_insurance,
                solo401k: contractor.solo401k,
                sstb: contractor.sstb,
                offered_rate: None,
            },
        }
    }

    /// "value — source" lines for the defaults a reader may want to check.
    pub fn source_lines(&self) -> Vec<String> {
        let source = |key: &str| self.sources.get(key).cloned().unwrap_or_default();
        vec![
            format!("health premium shares: {}", source(&self.fte.health_source)),
            format!("401(k) match {:.1}%: {}", self.fte.match_rate * 100.0, source(&self.fte.match_source)),
            format!(
                "{} vacation days and {} holidays: {}",
                self.fte.pto_days,
                self.fte.holidays,
                source(&self.fte.leave_source)
            ),
            format!(
                "benefits {:.1}% of compensation: {}",
                self.fte.benefits_share_of_compensation * 100.0,
                source(&self.fte.benefits_source)
            ),
            format!("employer payroll tax: {}; {}", source(&self.fte.employer_payroll_source), source(&self.fte.futa_source)),
            format!(
                "bench {} weeks, business costs {:.0}, Solo 401(k) {}, not a specified service by default: {}",
                self.contractor.bench_weeks,
                self.contractor.business_costs,
                if self.contractor.solo401k { "on" } else { "off" },
                source(&self.contractor.bench_source)
            ),
            format!("rules of thumb: {}", source(&self.rules_of_thumb.source)),
        ]
    }
}

/// Where the salary sits among posted pay, filled in by the caller from measured data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MarketPosition {
    /// What was measured (filters, window, population).
    pub description: String,
    pub n: u64,
    /// Share of posted-pay midpoints below the salary, with its 95% Wilson interval.
    pub share_below: f64,
    pub share_below_low: f64,
    pub share_below_high: f64,
    pub p25: Option<f64>,
    pub p50: Option<f64>,
    pub p75: Option<f64>,
    pub small_sample: bool,
}

/// The full-time side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FteSide {
    pub w2_wages: f64,
    pub employer_match: f64,
    pub employer_health_premium: f64,
    pub employer_payroll_tax: f64,
    /// What the employer spends: wages + match + health + employer payroll tax.
    pub total_package: f64,
    pub paid_hours: f64,
    pub worked_hours: f64,
    pub take_home: f64,
    /// 401(k) deferral + employer match + HSA.
    pub savings: f64,
    /// take-home + savings: the figure the break-even equalises.
    pub comparable: f64,
    pub tax: TaxResult,
}

/// The contractor side at one rate.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContractorSide {
    pub hourly_rate: f64,
    pub billable_hours: f64,
    pub receipts: f64,
    pub business_costs: f64,
    pub health_insurance: f64,
    pub solo401k_employee: f64,
    pub solo401k_employer: f64,
    pub take_home: f64,
    pub savings: f64,
    pub comparable: f64,
    pub tax: TaxResult,
}

/// Break-even hourly rates by bench weeks (rows) and hours per week (columns).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    pub bench_weeks: Vec<f64>,
    pub hours_per_week: Vec<f64>,
    pub hourly: Vec<Vec<f64>>,
}

/// A rule of thumb's hourly range, for comparison with the computed break-even.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleOfThumb {
    pub rule: String,
    pub hourly_low: f64,
    pub hourly_high: f64,
}

/// The comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub input: ContractInput,
    pub fte: FteSide,
    /// The contractor at the offered rate, or at the break-even when none was given.
    pub contractor: ContractorSide,
    pub break_even_hourly: f64,
    pub break_even_annual: f64,
    pub sensitivity: Sensitivity,
    pub rules_of_thumb: Vec<RuleOfThumb>,
    pub market_position: Option<MarketPosition>,
    pub flags: Vec<crate::Flag>,
    pub notes: Vec<String>,
    pub sources: Vec<String>,
}

/// Runs the comparison.
pub fn compare(input: &ContractInput) -> Result<Comparison, TaxError> {
    let defaults = ContractDefaults::load()?;
    let params = Parameters::for_year(input.year)?;
    check(input)?;
    let fte = fte_side(&params, &defaults, input)?;
    let contractor = &input.contractor;
    let hours = billable_hours(
        contractor,
        contractor.hours_per_week,
        contractor.bench_weeks,
    );
    let break_even_annual = solve(
        &params,
        input,
        &fte,
        contractor.hours_per_week,
        contractor.bench_weeks,
    )?;
    let break_even_hourly = (break_even_annual / hours * 100.0).ceil() / 100.0;
    let contractor_side = match contractor.offered_rate {
        Some(rate) => contractor_at(
            &params,
            input,
            &fte,
            contractor.hours_per_week,
            contractor.bench_weeks,
            rate * hours,
        )?,
        None => contractor_at(
            &params,
            input,
            &fte,
            contractor.hours_per_week,
            contractor.bench_weeks,
            break_even_annual,
        )?,
    };

    let axes = &defaults.sensitivity;
    let mut table = Vec::with_capacity(axes.bench_weeks.len());
    for &bench in &axes.bench_weeks {
        let mut row = Vec::with_capacity(axes.hours_per_week.len());
        for &week_hours in &axes.hours_per_week {
            let annual = solve(&params, input, &fte, week_hours, bench)?;
            let hours = billable_hours(contractor, week_hours, bench);
            row.push((annual / hours * 100.0).ceil() / 100.0);
        }
        table.push(row);
    }

    let thumb = &defaults.rules_of_thumb;
    let salary = input.fte.salary;
    let w2_hourly = salary / thumb.hours_per_year;
    let rules_of_thumb = vec![
        RuleOfThumb {
            rule: format!(
                "salary / {} x {}-{}",
                thumb.hours_per_year, thumb.low_multiplier, thumb.high_multiplier
            ),
            hourly_low: cents(w2_hourly * thumb.low_multiplier),
            hourly_high: cents(w2_hourly * thumb.high_multiplier),
        },
        RuleOfThumb {
            rule: format!("salary / {}", thumb.salary_divisor),
            hourly_low: cents(salary / thumb.salary_divisor),
            hourly_high: cents(salary / thumb.salary_divisor),
        },
        RuleOfThumb {
            rule: format!("{} x the W-2 hourly", thumb.w2_hourly_multiplier),
            hourly_low: cents(w2_hourly * thumb.w2_hourly_multiplier),
            hourly_high: cents(w2_hourly * thumb.w2_hourly_multiplier),
        },
    ];

    let mut flags = fte.tax.flags.clone();
    for flag in &contractor_side.tax.flags {
        if !flags.contains(flag) {
            flags.push(flag.clone());
        }
    }
    let mut notes = vec![
        "compared: take-home cash plus retirement and HSA savings; health cover equal on both sides".to_string(),
        format!(
            "contractor bills {:.0} hours ({} h/week, {} bench weeks, {} vacation days and {} holidays unpaid)",
            hours, contractor.hours_per_week, contractor.bench_weeks, contractor.vacation_days, contractor.holidays
        ),
        format!(
            "employer-paid extras (match, health, payroll tax) are {:.1}% of the full-time package; BLS ECEC benefits, which also count paid leave, are {:.1}% of private-industry compensation",
            (fte.total_package - fte.w2_wages) / fte.total_package.max(1.0) * 100.0,
            defaults.fte.benefits_share_of_compensation * 100.0
        ),
    ];
    if contractor.sstb {
        notes.push(
            "contractor treated as a specified service business for the QBI deduction".into(),
        );
    }
    Ok(Comparison {
        input: input.clone(),
        fte,
        contractor: contractor_side,
        break_even_hourly,
        break_even_annual: cents(break_even_annual),
        sensitivity: Sensitivity {
            bench_weeks: axes.bench_weeks.clone(),
            hours_per_week: axes.hours_per_week.clone(),
            hourly: table,
        },
        rules_of_thumb,
        market_position: None,
        flags,
        notes,
        sources: defaults.source_lines(),
    })
}

/// The contractor's year at `receipts` a year (at the input's hours and bench weeks), and the
/// full-time side it is compared with.
pub fn contract_side(
    input: &ContractInput,
    receipts: f64,
) -> Result<(FteSide, ContractorSide), TaxError> {
    let defaults = ContractDefaults::load()?;
    let params = Parameters::for_year(input.year)?;
    check(input)?;
    let fte = fte_side(&params, &defaults, input)?;
    let contractor = &input.contractor;
    let side = contractor_at(
        &params,
        input,
        &fte,
        contractor.hours_per_week,
        contractor.bench_weeks,
        receipts,
    )?;
    Ok((fte, side))
}

fn check(input: &ContractInput) -> Result<(), TaxError> {
    let fte = &input.fte;
    let contractor = &input.contractor;
    let amounts: [(&'static str, f64); 14] = [
        ("salary", fte.salary),
        ("bonus", fte.bonus),
        ("equity", fte.equity),
        ("match_rate", fte.match_rate),
        ("employee_health_premium", fte.employee_health_premium),
        ("employer_health_premium", fte.employer_health_premium),
        ("pto_days", fte.pto_days),
        ("holidays", fte.holidays),
        ("hours_per_week", contractor.hours_per_week),
        ("bench_weeks", contractor.bench_weeks),
        ("vacation_days", contractor.vacation_days),
        ("business_costs", contractor.business_costs),
        ("health_insurance", contractor.health_insurance),
        ("offered_rate", contractor.offered_rate.unwrap_or(0.0)),
    ];
    for (field, value) in amounts {
        if !value.is_finite() || value < 0.0 {
            return Err(TaxError::InvalidInput {
                field,
                reason: format!("{value} must be zero or more"),
            });
        }
    }
    if fte.match_rate > 1.0 {
        return Err(TaxError::InvalidInput {
            field: "match_rate",
            reason: format!("{} is a share of salary, at most 1", fte.match_rate),
        });
    }
    if contractor.hours_per_week <= 0.0 || contractor.hours_per_week > 100.0 {
        return Err(TaxError::InvalidInput {
            field: "hours_per_week",
            reason: format!(
                "{} must be over 0 and at most 100",
                contractor.hours_per_week
            ),
        });
    }
    let hours = billable_hours(
        contractor,
        contractor.hours_per_week,
        contractor.bench_weeks,
    );
    if hours < 1.0 {
        return Err(TaxError::InvalidInput {
            field: "bench_weeks",
            reason: format!(
                "{} bench weeks, {} vacation days and {} holidays leave no billable hours",
                contractor.bench_weeks, contractor.vacation_days, contractor.holidays
            ),
        });
    }
    Ok(())
}

/// Billable hours a year: the weeks not on the bench, less vacation and holidays.
pub fn billable_hours(contractor: &ContractorTerms, hours_per_week: f64, bench_weeks: f64) -> f64 {
    let days_off = contractor.vacation_days + contractor.holidays;
    (hours_per_week * (52.0 - bench_weeks) - days_off * hours_per_week / 5.0).max(0.0)
}

fn fte_side(
    params: &Parameters,
    defaults: &ContractDefaults,
    input: &ContractInput,
) -> Result<FteSide, TaxError> {
    let fte = &input.fte;
    let w2_wages = fte.salary + fte.bonus + fte.equity;
    let tax = compute_with(
        params,
        &TaxInput {
            year: input.year,
            filing: input.filing,
            state: input.state.clone(),
            w2_wages,
            k401_deferral: fte.k401_deferral,
            hsa: fte.hsa,
            // An employee's HSA goes through the cafeteria plan, free of payroll tax too.
            hsa_through_payroll: true,
            employee_health_premium: fte.employee_health_premium,
            ..TaxInput::default()
        },
    )?;
    let employer_match = (fte.match_rate * fte.salary)
        .min((params.retirement.total_additions_limit - fte.k401_deferral).max(0.0));
    let fica_wages = tax.breakdown.wages_for_payroll_tax;
    let employer_payroll_tax = defaults.fte.employer_social_security_rate
        * fica_wages.min(params.payroll.social_security_wage_base)
        + defaults.fte.employer_medicare_rate * fica_wages
        + if w2_wages > 0.0 {
            defaults.fte.futa
        } else {
            0.0
        };
    let total_package =
        w2_wages + employer_match + fte.employer_health_premium + employer_payroll_tax;
    let savings = tax.pre_tax_savings + employer_match;
    Ok(FteSide {
        w2_wages: cents(w2_wages),
        employer_match: cents(employer_match),
        employer_health_premium: cents(fte.employer_health_premium),
        employer_payroll_tax: cents(employer_payroll_tax),
        total_package: cents(total_package),
        paid_hours: defaults.rules_of_thumb.hours_per_year,
        worked_hours: defaults.rules_of_thumb.hours_per_year - (fte.pto_days + fte.holidays) * 8.0,
        take_home: tax.take_home,
        savings: cents(savings),
        comparable: cents(tax.take_home + savings),
        tax,
    })
}

/// The contractor's year at `receipts`: the engine run with the Solo 401(k) and health
/// premium deductions that the earned income allows.
fn contractor_at(
    params: &Parameters,
    input: &ContractInput,
    fte: &FteSide,
    hours_per_week: f64,
    bench_weeks: f64,
    receipts: f64,
) -> Result<ContractorSide, TaxError> {
    let contractor = &input.contractor;
    let hours = billable_hours(contractor, hours_per_week, bench_weeks);
    let profit = (receipts - contractor.business_costs).max(0.0);
    let uncovered_costs = (contractor.business_costs - receipts).max(0.0);
    let base = TaxInput {
        year: input.year,
        filing: input.filing,
        state: input.state.clone(),
        se_net_profit: profit,
        se_gross_receipts: Some(receipts),
        sstb: contractor.sstb,
        hsa: input.fte.hsa,
        ..TaxInput::default()
    };
    let first = compute_with(params, &base)?;
    let earned = (first.breakdown.se_net_profit_after_gross_receipts_tax
        - first.breakdown.half_se_tax_deduction)
        .max(0.0);
    let (employee, employer) = if contractor.solo401k {
        let rules = &params.retirement;
        let employer = fte
            .employer_match
            .min(rules.solo_employer_rate * earned)
            .min(rules.total_additions_limit);
        let employee = input
            .fte
            .k401_deferral
            .min(rules.elective_deferral_limit)
            .min((earned - employer).max(0.0))
            .min((rules.total_additions_limit - employer).max(0.0));
        // Floor to the cent so float noise never crosses a limit.
        (
            (employee * 100.0).floor() / 100.0,
            (employer * 100.0).floor() / 100.0,
        )
    } else {
        (0.0, 0.0)
    };
    let health_deductible = contractor
        .health_insurance
        .min((earned - employee - employer).max(0.0));
    let health_deductible = (health_deductible * 100.0).floor() / 100.0;
    let tax = compute_with(
        params,
        &TaxInput {
            k401_deferral: employee,
            solo401k_employer: employer,
            se_health_insurance: health_deductible,
            ..base
        },
    )?;
    let take_home =
        tax.take_home - (contractor.health_insurance - health_deductible) - uncovered_costs;
    let savings = tax.pre_tax_savings;
    Ok(ContractorSide {
        hourly_rate: cents(receipts / hours),
        billable_hours: hours,
        receipts: cents(receipts),
        business_costs: contractor.business_costs,
        health_insurance: contractor.health_insurance,
        solo401k_employee: employee,
        solo401k_employer: employer,
        take_home: cents(take_home),
        savings: cents(savings),
        comparable: cents(take_home + savings),
        tax,
    })
}

/// The smallest receipts, in whole cents, at which the contractor's comparable amount reaches
/// the full-time one.
fn solve(
    params: &Parameters,
    input: &ContractInput,
    fte: &FteSide,
    hours_per_week: f64,
    bench_weeks: f64,
) -> Result<f64, TaxError> {
    let target = fte.comparable;
    let reaches = |receipts_cents: u64| -> Result<bool, TaxError> {
        let side = contractor_at(
            params,
            input,
            fte,
            hours_per_week,
            bench_weeks,
            receipts_cents as f64 / 100.0,
        )?;
        Ok(side.comparable >= target)
    };
    let mut low: u64 = 0;
    if reaches(low)? {
        return Ok(0.0);
    }
    let mut high: u64 =
        ((target + input.contractor.business_costs + input.contractor.health_insurance).max(1.0)
            * 200.0) as u64;
    let mut doublings = 0;
    while !reaches(high)? {
        low = high;
        high = high.saturating_mul(2);
        doublings += 1;
        if doublings > 20 {
            return Err(TaxError::NoSolution {
                what: "break-even rate",
                reason: format!(
                    "no contract income up to {:.0} matches the full-time year",
                    high as f64 / 100.0
                ),
            });
        }
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if reaches(mid)? {
            high = mid;
        } else {
            low = mid;
        }
    }
    Ok(high as f64 / 100.0)
}
