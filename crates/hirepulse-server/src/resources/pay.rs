//! `/api/pay`: the posted-pay distribution, overall or per value of a dimension
//! (`hirepulse pay [--by DIM VALUE...]`), or with `dataset` the distribution of a pay dataset
//! (`hirepulse pay --dataset NAME`, years from since/until), with the CLI's JSON either way.

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::datasets::{DatasetPayConfig, DatasetPayReport, YearRange};
use hirepulse_reports::{Dimension, PayConfig, PayReport};

pub const PARAMS: &[&str] = &[
    "by",
    "values",
    "since",
    "until",
    "region",
    "seniority",
    "lane",
    "dataset",
];

/// The answer: posted pay of postings, or the pay of a dataset.
pub enum PayAnswer {
    Postings(PayReport),
    Dataset(DatasetPayReport),
}

pub fn report(state: &AppState, params: &Params) -> Result<PayAnswer, ApiError> {
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
    if let Some(dataset) = params.get("dataset") {
        // A dataset is dated by year: the window's months pick its years, as in the CLI.
        let years = YearRange::of_window(&window);
        let config = DatasetPayConfig::new(dataset, dimension, &values, filters, years)?;
        let report = hirepulse_reports::dataset_pay(&state.population, &config)?;
        return Ok(PayAnswer::Dataset(report));
    }
    let config = PayConfig::new(dimension, &values, window, filters)?;
    Ok(PayAnswer::Postings(hirepulse_reports::pay(
        &state.population,
        &config,
    )?))
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    match report(state, params)? {
        PayAnswer::Postings(report) => rendered(|r, out| r.pay(&report, out)),
        PayAnswer::Dataset(report) => rendered(|r, out| r.dataset_pay(&report, out)),
    }
}
