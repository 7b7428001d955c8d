//! The tax computation: [`compute`] turns a [`TaxInput`] into a [`TaxResult`] by the published
//! rules, in the order a return is filled in.
//!
//! 1. Wages: 401(k) deferrals leave income-tax wages only; section-125 health premiums (and an
//!    HSA contribution marked `hsa_through_payroll`) leave both income-tax and FICA wages. An
//!    HSA contribution otherwise is an above-the-line deduction (Form 8889), as PolicyEngine-US
//!    treats it: same AGI, but Social Security and Medicare still apply to it.
//! 2. Self-employment: a state gross-receipts tax (WA B&O) is a business expense; SE tax is
//!    12.4% + 2.9% of 92.35% of net profit (nothing under 400 of net earnings), the 12.4% only on
//!    the room left under the Social Security wage base after W-2 wages (Schedule SE line 8-10).
//! 3. Additional Medicare Tax (Form 8959): 0.9% of wages over the filing threshold, and of SE
//!    earnings over the threshold reduced by wages (not below zero).
//! 4. AGI: wages + net profit − half the SE tax (not the 0.9%) − Solo 401(k) contributions for
//!    the owner − self-employed health insurance − an HSA not paid through payroll.
//! 5. QBI (section 199A): QBI = net profit − half SE tax − the owner's retirement contributions
//!    − SE health insurance. Up to the threshold, 20% of QBI. Over it, a specified service
//!    (`sstb`) keeps only the applicable percentage (1 − excess/range) of its QBI, wages and
//!    UBIA, and every business is held to the W-2 wage/UBIA limit, phased in across the range.
//!    **Decision:** the wage limit uses the W-2 wages *the business paid* and its UBIA
//!    (`business_w2_wages_paid`, `business_ubia`, default 0) — never the owner's own salary from
//!    an employer — so a sole proprietor without employees or property gets no deduction above
//!    the range, and a reduced one inside it, as the statute reads. The total is capped at 20%
//!    of taxable income before QBI; when QBI is at least 1,000 the deduction is at least 400
//!    (section 199A(i), material participation assumed; for a specified service only the
//!    applicable percentage of QBI counts), even where it exceeds taxable income (which stops
//!    at zero).
//! 6. Federal income tax from the bracket schedule; no credits.
//! 7. State tax ([`crate::state`]) from federal AGI.
//!
//! Arithmetic is in f64 dollars; every output is rounded to cents once, at the end.

use crate::params::Parameters;
use crate::schedule;
use crate::state::{self, StateBase};
use crate::{cents, Filing, TaxError};
use serde::{Deserialize, Serialize};

/// One person's (or couple's) income and choices for a tax year. All amounts in dollars a year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaxInput {
    pub year: u16,
    pub filing: Filing,
    /// Two-letter state code (TX, FL, WA, NY, CA).
    pub state: String,
    /// W-2 wages (box 1 before pre-tax deductions, i.e. gross pay).
    pub w2_wages: f64,
    /// Schedule C net profit of a sole proprietorship, before any state gross-receipts tax
    /// (which the engine computes and deducts).
    pub se_net_profit: f64,
    /// Gross receipts for a gross-receipts tax (WA B&O); defaults to the net profit.
    pub se_gross_receipts: Option<f64>,
    /// Employee 401(k) elective deferral (through the employer's plan when there are wages, the
    /// rest through the owner's Solo 401(k)).
    pub k401_deferral: f64,
    /// HSA contribution, deducted above the line (Form 8889).
    pub hsa: f64,
    /// The HSA contribution goes through the employer's cafeteria plan (section 125): then it
    /// also leaves the wages that Social Security and Medicare tax (needs W-2 wages).
    pub hsa_through_payroll: bool,
    /// Family HSA coverage (the higher limit).
    pub hsa_family: bool,
    /// The employee's share of health premiums paid pre-tax through payroll (section 125).
    pub employee_health_premium: f64,
    /// The business is a specified service trade or business for section 199A.
    pub sstb: bool,
    /// Solo 401(k)/SEP employer contribution for the owner.
    pub solo401k_employer: f64,
    /// Self-employed health insurance premiums (deducted above the line, reduce QBI).
    pub se_health_insurance: f64,
    /// W-2 wages the business paid to employees (section 199A wage limit).
    pub business_w2_wages_paid: f64,
    /// Unadjusted basis of the business's qualified property (section 199A).
    pub business_ubia: f64,
}

impl Default for TaxInput {
    fn default() -> TaxInput {
        TaxInput {
            year: 2026,
            filing: Filing::Single,
            state: "TX".to_string(),
            w2_wages: 0.0,
            se_net_profit: 0.0,
            se_gross_receipts: None,
            k401_deferral: 0.0,
            hsa: 0.0,
            hsa_through_payroll: false,
            hsa_family: false,
            employee_health_premium: 0.0,
            sstb: false,
            solo401k_employer: 0.0,
            se_health_insurance: 0.0,
            business_w2_wages_paid: 0.0,
            business_ubia: 0.0,
        }
    }
}

/// A named amount (a state payroll contribution, a breakdown line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NamedAmount {
    pub name: String,
    pub amount: f64,
}

/// Something the reader must know about a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    pub code: String,
    pub message: String,
}

/// The intermediate figures, for a reader who checks the arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Breakdown {
    pub gross_income: f64,
    pub wages_for_income_tax: f64,
    pub wages_for_payroll_tax: f64,
    pub gross_receipts_tax: f64,
    pub se_net_profit_after_gross_receipts_tax: f64,
    pub se_net_earnings: f64,
    pub se_social_security: f64,
    pub se_medicare: f64,
    pub half_se_tax_deduction: f64,
    pub retirement_deduction: f64,
    pub se_health_insurance_deduction: f64,
    pub hsa_deduction: f64,
    pub standard_deduction: f64,
    pub taxable_income_before_qbi: f64,
    pub qualified_business_income: f64,
    pub qbi_cap: f64,
    pub federal_marginal_rate: f64,
    pub state_agi: f64,
    pub state_standard_deduction: f64,
    pub state_taxable_income: f64,
    pub state_recapture: f64,
    pub state_surcharge: f64,
    pub state_exemption_credit: f64,
    pub state_payroll: Vec<NamedAmount>,
    pub pre_tax_savings: f64,
    pub health_premiums: f64,
}

/// The figures of one return, in dollars rounded to cents.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaxResult {
    pub year: u16,
    pub filing: Filing,
    pub state: String,
    /// The year the state's figures were verified for (differs from `year` when flagged).
    pub state_year: u16,
    pub gross_income: f64,
    pub agi: f64,
    pub taxable_income: f64,
    pub federal_income_tax: f64,
    pub qbi_deduction: f64,
    pub self_employment_tax: f64,
    pub social_security: f64,
    pub medicare: f64,
    pub additional_medicare: f64,
    pub state_income_tax: f64,
    /// State payroll contributions (WA PFML and WA Cares, CA SDI) and gross-receipts tax.
    pub state_other_tax: f64,
    pub total_tax: f64,
    /// Total tax over gross income (0 when there is no income).
    pub effective_rate: f64,
    /// Gross income − all taxes − pre-tax savings and health premiums: the cash that arrives.
    pub take_home: f64,
    /// 401(k), Solo 401(k) and HSA contributions (the person's money, not spendable now).
    pub pre_tax_savings: f64,
    pub breakdown: Breakdown,
    pub flags: Vec<Flag>,
    pub notes: Vec<String>,
}

/// Computes the taxes of `input` for its year and state.
pub fn compute(input: &TaxInput) -> Result<TaxResult, TaxError> {
    let params = Parameters::for_year(input.year)?;
    compute_with(&params, input)
}

/// [`compute`] with parameters already parsed (for solvers that call the engine many times).
pub fn compute_with(params: &Parameters, input: &TaxInput) -> Result<TaxResult, TaxError> {
    check_amounts(input)?;
    let (state_code, state) = params.state(&input.state)?;
    let filing = input.filing;
    let payroll = &params.payroll;
    let se = &params.self_employment;

    // 1. Wages.
    let w2 = input.w2_wages;
    let hsa_limit = if input.hsa_family {
        params.hsa.family_limit
    } else {
        params.hsa.self_only_limit
    };
    limit(
        "hsa",
        input.hsa,
        hsa_limit,
        &params.source_text(&params.hsa.source),
    )?;
    let hsa_through_payroll = if input.hsa_through_payroll && w2 > 0.0 {
        input.hsa
    } else {
        0.0
    };
    let hsa_deduction = input.hsa - hsa_through_payroll;
    limit(
        "k401_deferral",
        input.k401_deferral,
        params.retirement.elective_deferral_limit,
        &params.source_text(&params.retirement.source),
    )?;
    let w2_deferral = input.k401_deferral.min(w2);
    let solo_deferral = input.k401_deferral - w2_deferral;
    let payroll_deductions = hsa_through_payroll + input.employee_health_premium + w2_deferral;
    if payroll_deductions > w2 + 1e-9 {
        return Err(TaxError::InvalidInput {
            field: "w2_wages",
            reason: format!(
                "pre-tax payroll deductions ({payroll_deductions:.2}: 401(k), HSA, health premium) exceed the wages ({w2:.2})"
            ),
        });
    }
    let fica_wages = w2 - hsa_through_payroll - input.employee_health_premium;
    let income_wages = fica_wages - w2_deferral;

    // 2. Self-employment.
    let receipts = input.se_gross_receipts.unwrap_or(input.se_net_profit);
    let gross_receipts_tax = state
        .gross_receipts
        .as_ref()
        .map(|tax| state::gross_receipts_tax(tax, receipts))
        .unwrap_or(0.0);
    let se_profit = input.se_net_profit - gross_receipts_tax;
    let mut se_net_earnings = se_profit.max(0.0) * se.net_earnings_factor;
    if se_net_earnings < se.minimum_net_earnings {
        se_net_earnings = 0.0;
    }
    let ss_room = (payroll.social_security_wage_base - fica_wages).max(0.0);
    let se_social_security = se.social_security_rate * se_net_earnings.min(ss_room);
    let se_medicare = se.medicare_rate * se_net_earnings;
    let self_employment_tax = se_social_security + se_medicare;
    let half_se = self_employment_tax * se.deductible_share;

    // Owner's retirement contributions, limited by the owner's earned income.
    let earned = (se_profit - half_se).max(0.0);
    let employer_limit = params.retirement.solo_employer_rate * earned;
    limit(
        "solo401k_employer",
        input.solo401k_employer,
        employer_limit,
        &format!(
            "{:.0}% of net profit minus half SE tax; {}",
            params.retirement.solo_employer_rate * 100.0,
            params.source_text(&params.retirement.solo_employer_source)
        ),
    )?;
    limit(
        "solo 401(k) employee deferral",
        solo_deferral,
        (earned - input.solo401k_employer).max(0.0),
        "deferrals beyond W-2 wages go to the Solo 401(k) and cannot exceed the owner's earned income",
    )?;
    limit(
        "solo 401(k) total additions",
        solo_deferral + input.solo401k_employer,
        params.retirement.total_additions_limit,
        &params.source_text(&params.retirement.source),
    )?;
    let retirement_deduction = solo_deferral + input.solo401k_employer;
    limit(
        "se_health_insurance",
        input.se_health_insurance,
        (earned - retirement_deduction).max(0.0),
        "IRC 162(l): no more than the earned income from the business",
    )?;

    // 3. Payroll tax on wages and Additional Medicare.
    let social_security =
        payroll.social_security_rate * fica_wages.min(payroll.social_security_wage_base);
    let medicare = payroll.medicare_rate * fica_wages;
    let extra = &payroll.additional_medicare;
    let extra_threshold = *extra.threshold.get(filing);
    let additional_medicare = extra.rate * (fica_wages - extra_threshold).max(0.0)
        + extra.rate * (se_net_earnings - (extra_threshold - fica_wages).max(0.0)).max(0.0);

    // 4. AGI.
    let agi = income_wages + se_profit
        - half_se
        - retirement_deduction
        - input.se_health_insurance
        - hsa_deduction;
    let standard_deduction = *params.federal.standard_deduction.get(filing);
    let taxable_before_qbi = (agi - standard_deduction).max(0.0);

    // 5. QBI.
    let qbi = se_profit - half_se - retirement_deduction - input.se_health_insurance;
    let (qbi_deduction, qbi_cap) = qbi_deduction(params, input, filing, qbi, taxable_before_qbi);
    let taxable_income = (taxable_before_qbi - qbi_deduction).max(0.0);

    // 6. Federal income tax.
    let federal = &params.federal;
    let thresholds = federal.thresholds.get(filing);
    let federal_income_tax = schedule::tax(taxable_income, thresholds, &federal.rates);
    let federal_marginal_rate = schedule::marginal_rate(taxable_income, thresholds, &federal.rates);

    // 7. State.
    let state_tax = state::compute(
        state,
        &StateBase {
            filing,
            federal_agi: agi,
            hsa: input.hsa,
            payroll_wages: fica_wages,
        },
    );
    let state_payroll: f64 = state_tax.payroll.iter().map(|line| line.amount).sum();
    let state_other_tax = state_payroll + gross_receipts_tax;

    let gross_income = w2 + input.se_net_profit;
    let total_tax = federal_income_tax
        + self_employment_tax
        + social_security
        + medicare
        + additional_medicare
        + state_tax.income_tax
        + state_other_tax;
    let pre_tax_savings = input.k401_deferral + input.solo401k_employer + input.hsa;
    let health_premiums = input.employee_health_premium + input.se_health_insurance;
    let take_home = gross_income - total_tax - pre_tax_savings - health_premiums;

    let mut flags = Vec::new();
    if state.verified_year != params.year {
        flags.push(Flag {
            code: "state_year".into(),
            message: format!(
                "{} uses {} brackets (latest verified year); {} figures are not yet published",
                state.name, state.verified_year, params.year
            ),
        });
    }
    if state.brackets.is_some() && !state.qbi_allowed && qbi_deduction > 0.0 {
        flags.push(Flag {
            code: "state_no_qbi".into(),
            message: format!("{} does not allow the QBI deduction", state.name),
        });
    }
    if !state.hsa_conforms && input.hsa > 0.0 {
        flags.push(Flag {
            code: "state_hsa_taxed".into(),
            message: format!(
                "{} taxes HSA contributions (added back to state AGI)",
                state.name
            ),
        });
    }
    let mut notes = vec![
        "standard deduction, no credits, no other income; local (city) taxes not included"
            .to_string(),
    ];
    if se_profit > 0.0 || input.se_net_profit > 0.0 {
        notes.push(format!(
            "QBI wage limit uses wages paid by the business ({:.0}) and UBIA ({:.0}); {}",
            input.business_w2_wages_paid,
            input.business_ubia,
            if input.sstb {
                "specified service business"
            } else {
                "not a specified service business"
            }
        ));
    }
    if let Some(tax) = &state.gross_receipts {
        if gross_receipts_tax > 0.0 {
            notes.push(format!(
                "{} on receipts of {receipts:.0} deducted as a business expense; small-business credit not modelled",
                tax.name
            ));
        }
    }

    let breakdown = Breakdown {
        gross_income: cents(gross_income),
        wages_for_income_tax: cents(income_wages),
        wages_for_payroll_tax: cents(fica_wages),
        gross_receipts_tax: cents(gross_receipts_tax),
        se_net_profit_after_gross_receipts_tax: cents(se_profit),
        se_net_earnings: cents(se_net_earnings),
        se_social_security: cents(se_social_security),
        se_medicare: cents(se_medicare),
        half_se_tax_deduction: cents(half_se),
        retirement_deduction: cents(retirement_deduction),
        se_health_insurance_deduction: cents(input.se_health_insurance),
        hsa_deduction: cents(hsa_deduction),
        standard_deduction: cents(standard_deduction),
        taxable_income_before_qbi: cents(taxable_before_qbi),
        qualified_business_income: cents(qbi),
        qbi_cap: cents(qbi_cap),
        federal_marginal_rate,
        state_agi: cents(state_tax.agi),
        state_standard_deduction: cents(state_tax.standard_deduction),
        state_taxable_income: cents(state_tax.taxable_income),
        state_recapture: cents(state_tax.recapture),
        state_surcharge: cents(state_tax.surcharge),
        state_exemption_credit: cents(state_tax.exemption_credit),
        state_payroll: state_tax
            .payroll
            .iter()
            .map(|line| NamedAmount {
                name: line.name.clone(),
                amount: cents(line.amount),
            })
            .collect(),
        pre_tax_savings: cents(pre_tax_savings),
        health_premiums: cents(health_premiums),
    };
    Ok(TaxResult {
        year: params.year,
        filing,
        state: state_code.to_string(),
        state_year: state.verified_year,
        gross_income: cents(gross_income),
        agi: cents(agi),
        taxable_income: cents(taxable_income),
        federal_income_tax: cents(federal_income_tax),
        qbi_deduction: cents(qbi_deduction),
        self_employment_tax: cents(self_employment_tax),
        social_security: cents(social_security),
        medicare: cents(medicare),
        additional_medicare: cents(additional_medicare),
        state_income_tax: cents(state_tax.income_tax),
        state_other_tax: cents(state_other_tax),
        total_tax: cents(total_tax),
        effective_rate: if gross_income > 0.0 {
            total_tax / gross_income
        } else {
            0.0
        },
        take_home: cents(take_home),
        pre_tax_savings: cents(pre_tax_savings),
        breakdown,
        flags,
        notes,
    })
}

/// The section 199A deduction and the 20%-of-taxable-income cap (see the module notes).
fn qbi_deduction(
    params: &Parameters,
    input: &TaxInput,
    filing: Filing,
    qbi: f64,
    taxable_before_qbi: f64,
) -> (f64, f64) {
    let rules = &params.qbi;
    let cap = rules.taxable_income_cap_rate * taxable_before_qbi;
    if qbi <= 0.0 {
        return (0.0, cap);
    }
    let threshold = *rules.threshold.get(filing);
    let range = *rules.phase_in_range.get(filing);
    let phase = ((taxable_before_qbi - threshold) / range).clamp(0.0, 1.0);
    // A specified service keeps only the applicable percentage of its QBI above the threshold;
    // above the range it is not a qualified business at all (no QBI, so no minimum either).
    let applicable = if input.sstb { 1.0 - phase } else { 1.0 };
    let qualified_qbi = qbi * applicable;
    let component = if taxable_before_qbi <= threshold {
        rules.rate * qbi
    } else {
        let tentative = rules.rate * qualified_qbi;
        let wages = input.business_w2_wages_paid * applicable;
        let ubia = input.business_ubia * applicable;
        let wage_limit = (rules.wage_limit_rate * wages)
            .max(rules.alt_wage_limit_rate * wages + rules.alt_ubia_rate * ubia);
        if phase >= 1.0 {
            tentative.min(wage_limit)
        } else if wage_limit < tentative {
            tentative - (tentative - wage_limit) * phase
        } else {
            tentative
        }
    };
    let mut deduction = component.min(cap);
    if qualified_qbi >= rules.minimum_qbi_for_minimum {
        deduction = deduction.max(rules.minimum_deduction);
    }
    // The minimum can exceed taxable income; taxable income itself never goes below zero.
    (deduction.max(0.0), cap)
}

fn check_amounts(input: &TaxInput) -> Result<(), TaxError> {
    let amounts: [(&'static str, f64); 10] = [
        ("w2_wages", input.w2_wages),
        ("se_net_profit", input.se_net_profit),
        ("se_gross_receipts", input.se_gross_receipts.unwrap_or(0.0)),
        ("k401_deferral", input.k401_deferral),
        ("hsa", input.hsa),
        ("employee_health_premium", input.employee_health_premium),
        ("solo401k_employer", input.solo401k_employer),
        ("se_health_insurance", input.se_health_insurance),
        ("business_w2_wages_paid", input.business_w2_wages_paid),
        ("business_ubia", input.business_ubia),
    ];
    for (field, value) in amounts {
        if !value.is_finite() || value < 0.0 {
            return Err(TaxError::InvalidInput {
                field,
                reason: format!("{value} must be a finite amount of zero or more dollars"),
            });
        }
        if value > 1e12 {
            return Err(TaxError::InvalidInput {
                field,
                reason: format!("{value} is beyond any plausible income (over 10^12 dollars)"),
            });
        }
    }
    Ok(())
}

fn limit(field: &'static str, value: f64, limit: f64, rule: &str) -> Result<(), TaxError> {
    // A cent of slack absorbs float noise when callers pass a computed maximum.
    if value > limit + 0.005 {
        return Err(TaxError::AboveLimit {
            field,
            value,
            limit,
            rule: rule.to_string(),
        });
    }
    Ok(())
}
