//! State taxes: income tax from a bracket schedule with a standard deduction, New York's
//! supplemental tax (benefit recapture), California's exemption credit and surcharge, payroll
//! contributions withheld from wages, and gross-receipts taxes on a contractor's receipts.
//!
//! Every part is optional in the data file, so one function serves a state with no income tax
//! (TX, FL, WA) and one with all of them. The recapture rule is written once from Tax Law
//! 601(d-1) in terms of the schedule, so its amounts follow from the brackets of the data file
//! rather than from constants.

use crate::params::{GrossReceiptsTax, Recapture, Schedule, State};
use crate::schedule;
use crate::{Filing, NamedAmount};

/// What the state rules need from the federal computation.
#[derive(Debug, Clone, Copy)]
pub struct StateBase {
    pub filing: Filing,
    /// Federal adjusted gross income.
    pub federal_agi: f64,
    /// HSA contributions excluded or deducted federally (added back where the state does not
    /// conform).
    pub hsa: f64,
    /// Wages subject to state payroll contributions.
    pub payroll_wages: f64,
}

/// The state figures of one return.
#[derive(Debug, Clone, Default)]
pub struct StateTax {
    pub agi: f64,
    pub standard_deduction: f64,
    pub taxable_income: f64,
    pub schedule_tax: f64,
    pub recapture: f64,
    pub surcharge: f64,
    pub exemption_credit: f64,
    pub income_tax: f64,
    pub payroll: Vec<NamedAmount>,
}

/// State income tax and payroll contributions.
pub fn compute(state: &State, base: &StateBase) -> StateTax {
    let payroll = state
        .payroll
        .iter()
        .map(|contribution| {
            let wages = match contribution.wage_base {
                Some(cap) => base.payroll_wages.min(cap),
                None => base.payroll_wages,
            };
            NamedAmount {
                name: contribution.name.clone(),
                amount: wages.max(0.0) * contribution.rate * contribution.employee_share,
            }
        })
        .collect();
    let (Some(brackets), Some(deduction)) = (&state.brackets, &state.standard_deduction) else {
        return StateTax {
            payroll,
            ..StateTax::default()
        };
    };
    let agi = base.federal_agi + if state.hsa_conforms { 0.0 } else { base.hsa };
    let standard_deduction = deduction.get(base.filing);
    let taxable_income = (agi - standard_deduction).max(0.0);
    let thresholds = brackets.thresholds.get(base.filing);
    let schedule_tax = schedule::tax(taxable_income, thresholds, &brackets.rates);
    let recapture = state
        .recapture
        .as_ref()
        .map(|rule| recapture(rule, brackets, base.filing, taxable_income, agi))
        .unwrap_or(0.0);
    let surcharge: f64 = state
        .surcharges
        .iter()
        .map(|surcharge| (taxable_income - surcharge.over).max(0.0) * surcharge.rate)
        .sum();
    let exemption_credit = state
        .exemption_credit
        .as_ref()
        .map(|credit| {
            let amount = *credit.amount.get(base.filing);
            // The phase-out is measured on federal AGI (Form 540 line 13).
            let excess = (base.federal_agi - *credit.phase_out_from.get(base.filing)).max(0.0);
            let steps = (excess / credit.step).ceil();
            (amount - steps * credit.reduction_per_step.get(base.filing)).max(0.0)
        })
        .unwrap_or(0.0);
    let before_credit = schedule_tax + recapture + surcharge;
    let exemption_credit = exemption_credit.min(before_credit);
    StateTax {
        agi,
        standard_deduction,
        taxable_income,
        schedule_tax,
        recapture,
        surcharge,
        exemption_credit,
        income_tax: before_credit - exemption_credit,
        payroll,
    }
}

/// A gross-receipts tax on contractor receipts (a business expense of the contractor).
pub fn gross_receipts_tax(tax: &GrossReceiptsTax, receipts: f64) -> f64 {
    if receipts <= 0.0 {
        return 0.0;
    }
    let rate = match (tax.high_rate, tax.high_from) {
        (Some(high_rate), Some(from)) if receipts >= from => high_rate,
        _ => tax.rate,
    };
    receipts * rate
}

/// New York's supplemental tax, Tax Law 601(d-1), from the schedule itself.
///
/// Above `min_agi` the benefit of the lower brackets is taken back, phased in over `phase_in` of
/// AGI. With `D(k)` the benefit of the brackets below bracket `k` against the flat rate of
/// bracket `k` (`sum over i < k of width(i) x (rate(k) - rate(i))`), and `k0` the first bracket
/// recaptured (80,650 single):
/// - taxable income in bracket `k0` or below: `(TI x rate(k0) - schedule tax) x f`, with
///   `f = min(1, (AGI - min_agi) / phase_in)` (IT-201-I worksheet 1);
/// - taxable income in a higher bracket `j`: `D(j-1) + (D(j) - D(j-1)) x f`, with
///   `f = min(1, (AGI - max(threshold(j), min_agi)) / phase_in)` (the recapture base and the
///   incremental benefit of worksheets 2-5);
/// - AGI over the top threshold: all taxable income at the top rate.
pub fn recapture(
    rule: &Recapture,
    brackets: &Schedule,
    filing: Filing,
    taxable_income: f64,
    agi: f64,
) -> f64 {
    if agi <= rule.min_agi || taxable_income <= 0.0 {
        return 0.0;
    }
    let thresholds = brackets.thresholds.get(filing);
    let rates = &brackets.rates;
    let main_tax = schedule::tax(taxable_income, thresholds, rates);
    let first_from = *rule.first_bracket_from.get(filing);
    let Some(first) = thresholds.iter().position(|&start| start == first_from) else {
        return 0.0;
    };
    let top = thresholds.len() - 1;
    if top > first && agi > thresholds[top] {
        return (taxable_income * rates[top] - main_tax).max(0.0);
    }
    let benefit = |bracket: usize| -> f64 {
        (0..bracket)
            .map(|i| (thresholds[i + 1] - thresholds[i]) * (rates[bracket] - rates[i]))
            .sum()
    };
    let bracket = schedule::bracket_index(taxable_income, thresholds).max(first);
    if bracket == first {
        let fraction = ((agi - rule.min_agi) / rule.phase_in).clamp(0.0, 1.0);
        return (taxable_income * rates[first] - main_tax).max(0.0) * fraction;
    }
    let start = thresholds[bracket].max(rule.min_agi);
    let fraction = ((agi - start) / rule.phase_in).clamp(0.0, 1.0);
    let base = benefit(bracket - 1);
    base + (benefit(bracket) - base) * fraction
}
