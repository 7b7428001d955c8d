//! `/api/tax`: the taxes and take-home of one income (`hirepulse tax`).

use super::pretty;
use crate::error::ApiError;
use crate::params::Params;
use hirepulse_tax::{Filing, TaxInput, TaxResult};

pub const PARAMS: &[&str] = &[
    "year",
    "filing",
    "state",
    "w2",
    "se",
    "receipts",
    "k401",
    "hsa",
    "hsa_payroll",
    "hsa_family",
    "sstb",
    "solo401k",
    "se_health",
    "health_premium",
    "business_wages",
];

/// Whole dollars, 0 when absent (as the CLI's defaults).
fn dollars(params: &Params, name: &str) -> Result<f64, ApiError> {
    Ok(params.parsed::<u64>(name)?.unwrap_or(0) as f64)
}

pub fn filing(params: &Params) -> Result<Filing, ApiError> {
    params
        .get("filing")
        .unwrap_or("single")
        .parse()
        .map_err(|err: hirepulse_tax::TaxError| ApiError::bad("filing", err.to_string()))
}

/// The input the parameters describe, as `tax::Args::input` makes it.
pub fn input(params: &Params) -> Result<TaxInput, ApiError> {
    Ok(TaxInput {
        year: params.parsed::<u16>("year")?.unwrap_or(2026),
        filing: filing(params)?,
        state: params.get("state").unwrap_or("TX").to_string(),
        w2_wages: dollars(params, "w2")?,
        se_net_profit: dollars(params, "se")?,
        se_gross_receipts: params.parsed::<u64>("receipts")?.map(|r| r as f64),
        k401_deferral: dollars(params, "k401")?,
        hsa: dollars(params, "hsa")?,
        hsa_through_payroll: params.flag("hsa_payroll")?,
        hsa_family: params.flag("hsa_family")?,
        employee_health_premium: dollars(params, "health_premium")?,
        sstb: params.flag("sstb")?,
        solo401k_employer: dollars(params, "solo401k")?,
        se_health_insurance: dollars(params, "se_health")?,
        business_w2_wages_paid: dollars(params, "business_wages")?,
        business_ubia: 0.0,
    })
}

pub fn report(params: &Params) -> Result<TaxResult, ApiError> {
    Ok(hirepulse_tax::compute(&input(params)?)?)
}

pub fn json(_state: &crate::state::AppState, params: &Params) -> Result<String, ApiError> {
    pretty(&report(params)?)
}
