//! `/api/pay`: the posted-pay distribution, overall or per value of a dimension
//! (`hirepulse pay [--by DIM VALUE...]`). Pay datasets (`--dataset`) are CLI-only for now.

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::{Dimension, PayConfig, PayReport};

pub const PARAMS: &[&str] = &[
    "by",
    "values",
    "since",
    "until",
    "region",
    "seniority",
    "lane",
];

pub fn report(state: &AppState, params: &Params) -> Result<PayReport, ApiError> {
    let dimension: Option<Dimension> = params.get("by").map(str::parse).transpose()?;
    let values = params.list("values")?;
    if dimension.is_some() && values.is_empty() {
        return Err(ApiError::bad("values", "values is required with by"));
    }
    if dimension.is_none() && !values.is_empty() {
        return Err(ApiError::bad(
            "by",
            "values need a dimension: by is required",
        ));
    }
    let (window, filters) = window_and_filters(params)?;
    let config = PayConfig::new(dimension, &values, window, filters)?;
    Ok(hirepulse_reports::pay(&state.population, &config)?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let report = report(state, params)?;
    rendered(|r, out| r.pay(&report, out))
}
