//! `/api/trend`: the monthly series of each value (`hirepulse trend VALUE... [--by DIM]`).

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::{Dimension, TrendConfig, TrendReport};

pub const PARAMS: &[&str] = &[
    "values",
    "by",
    "since",
    "until",
    "region",
    "seniority",
    "lane",
];

pub fn report(state: &AppState, params: &Params) -> Result<TrendReport, ApiError> {
    let dimension: Dimension = params.get("by").unwrap_or("language").parse()?;
    let values = params.list("values")?;
    if values.is_empty() {
        return Err(ApiError::bad("values", "values is required"));
    }
    let (window, filters) = window_and_filters(params)?;
    let config = TrendConfig::new(dimension, &values, window, filters)?;
    Ok(hirepulse_reports::trend(&state.population, &config)?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let report = report(state, params)?;
    rendered(|r, out| r.trend(&report, out))
}
