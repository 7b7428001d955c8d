//! `/api/contract-vs-fte`: the full-time package and a contract side by side, the break-even
//! rate and where the salary sits in the measured posted pay (`hirepulse contract-vs-fte`).
//! The input is built exactly as the CLI builds it: the defaults file, then each given value.

use super::pretty;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::Filters;
use hirepulse_tax::contract::{compare, Comparison, ContractDefaults, MarketPosition};

pub const PARAMS: &[&str] = &[
    "salary",
    "year",
    "filing",
    "state",
    "bonus",
    "equity",
    "match_percent",
    "k401",
    "hsa",
    "employee_premium",
    "employer_premium",
    "pto_days",
    "holidays",
    "hours_per_week",
    "bench_weeks",
    "business_costs",
    "health_insurance",
    "no_solo401k",
    "sstb",
    "rate",
    "language",
    "lane",
    "seniority",
    "region",
    "no_market",
];

pub fn report(state: &AppState, params: &Params) -> Result<Comparison, ApiError> {
    let salary = params
        .parsed::<u64>("salary")?
        .ok_or_else(|| ApiError::bad("salary", "salary is required"))?;
    let filing = super::tax::filing(params)?;
    let year = params.parsed::<u16>("year")?.unwrap_or(2026);
    let defaults = ContractDefaults::load()?;
    let mut input = defaults.input(
        year,
        filing,
        params.get("state").unwrap_or("TX"),
        salary as f64,
    );
    let dollars = |name: &str, default: f64| -> Result<f64, ApiError> {
        Ok(params.parsed::<u64>(name)?.map_or(default, |v| v as f64))
    };
    let number = |name: &str, default: f64| -> Result<f64, ApiError> {
        Ok(params.number(name)?.unwrap_or(default))
    };
    let fte = &mut input.fte;
    fte.bonus = dollars("bonus", fte.bonus)?;
    fte.equity = dollars("equity", fte.equity)?;
    fte.match_rate = params
        .number("match_percent")?
        .map_or(fte.match_rate, |p| p / 100.0);
    fte.k401_deferral = dollars("k401", fte.k401_deferral)?;
    fte.hsa = dollars("hsa", fte.hsa)?;
    fte.employee_health_premium = dollars("employee_premium", fte.employee_health_premium)?;
    fte.employer_health_premium = dollars("employer_premium", fte.employer_health_premium)?;
    fte.pto_days = number("pto_days", fte.pto_days)?;
    fte.holidays = number("holidays", fte.holidays)?;
    let contractor = &mut input.contractor;
    contractor.vacation_days = input.fte.pto_days;
    contractor.holidays = input.fte.holidays;
    contractor.hours_per_week = number("hours_per_week", contractor.hours_per_week)?;
    contractor.bench_weeks = number("bench_weeks", contractor.bench_weeks)?;
    contractor.business_costs = dollars("business_costs", contractor.business_costs)?;
    contractor.health_insurance = dollars("health_insurance", contractor.health_insurance)?;
    contractor.solo401k = contractor.solo401k && !params.flag("no_solo401k")?;
    contractor.sstb = params.flag("sstb")? || contractor.sstb;
    contractor.offered_rate = params.number("rate")?;

    let mut comparison = compare(&input)?;
    if !params.flag("no_market")? {
        match market_position(state, params, salary) {
            Ok(position) => comparison.market_position = Some(position),
            Err(ApiError::BadParameter { parameter, why }) => {
                return Err(ApiError::BadParameter { parameter, why })
            }
            Err(err) => comparison
                .notes
                .push(format!("market position not measured: {err}")),
        }
    }
    Ok(comparison)
}

/// Where the salary sits in the posted pay, as the CLI's `market_position`.
fn market_position(
    state: &AppState,
    params: &Params,
    salary: u64,
) -> Result<MarketPosition, ApiError> {
    let filters = Filters::parse(
        Some(params.get("region").unwrap_or("us")),
        params.get("seniority"),
        params.get("lane"),
    )?;
    Ok(hirepulse_advise::market_position::market_position(
        &state.population,
        salary as f64,
        params.get("language"),
        filters,
    )?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    pretty(&report(state, params)?)
}
