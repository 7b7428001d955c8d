//! State taxes: income tax from a bracket schedule with a standard deduction, New York's
//! supplemental tax (benefit recapture), California's exemption credit and surcharge, payroll
//! contributions withheld from wages, and gross-receipts taxes on a contractor's receipts.
//!
//! Every part is optional in the data file, so one function serves a state with no income tax
//! (TX, FL, WA) and one with all of them. New York's recapture amounts are the statute's dollar
//! figures (data); [`lower_rate_benefit`] derives them from the schedule so tests can check the
//! data against the brackets.

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

/// New York's supplemental tax, Tax Law 601(d-1).
///
/// Above `min_agi` of NY AGI the benefit of the lower rates is taken back, phased in over
/// `phase_in` of AGI. The band of taxable income gives a recapture base (the benefit already
/// taken back in full) and an incremental benefit phased in by
/// `min(1, (AGI - max(min_agi, the schedule threshold just below taxable income)) / phase_in)`.
/// Above the top schedule threshold of AGI all taxable income is taxed at the top rate.
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
    let top = thresholds.len() - 1;
    if agi > thresholds[top] {
        let main_tax = schedule::tax(taxable_income, thresholds, rates);
        return (taxable_income * rates[top] - main_tax).max(0.0);
    }
    let Some([_, base, incremental]) = rule
        .bands
        .get(filing)
        .iter()
        .rev()
        .find(|band| taxable_income >= band[0])
        .copied()
    else {
        return 0.0;
    };
    let previous_threshold = thresholds[schedule::bracket_index(taxable_income, thresholds)];
    let start = previous_threshold.max(rule.min_agi);
    let fraction = ((agi - start) / rule.phase_in).clamp(0.0, 1.0);
    base + incremental * fraction
}

/// The benefit of the rates below bracket `bracket` against that bracket's flat rate:
/// `sum over i < bracket of width(i) x (rate(bracket) - rate(i))`. The statutory recapture
/// amounts are these benefits rounded; tests check the data against it.
pub fn lower_rate_benefit(thresholds: &[f64], rates: &[f64], bracket: usize) -> f64 {
    (0..bracket.min(rates.len()))
        .map(|i| (thresholds[i + 1] - thresholds[i]) * (rates[bracket] - rates[i]))
        .sum()
}
