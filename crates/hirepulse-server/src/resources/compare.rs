//! `/api/compare`: n, share, growth and posted pay per value of a dimension
//! (`hirepulse compare --by DIM VALUE...`).

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::{CompareConfig, Comparison, Dimension};

pub const PARAMS: &[&str] = &[
    "by",
    "values",
    "since",
    "until",
    "region",
    "seniority",
    "lane",
];

pub fn report(state: &AppState, params: &Params) -> Result<Comparison, ApiError> {
    let dimension: Dimension = params.required("by")?.parse()?;
    let values = params.list("values")?;
    if values.is_empty() {
        return Err(ApiError::bad("values", "values is required"));
    }
    let (window, filters) = window_and_filters(params)?;
    let config = CompareConfig::new(dimension, &values, window, filters)?;
    Ok(hirepulse_reports::compare(&state.population, &config)?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let report = report(state, params)?;
    rendered(|r, out| r.comparison(&report, out))
}
