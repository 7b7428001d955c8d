//! `/api/snapshot`: the language career table (`hirepulse snapshot [LANG...]`).

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::{Snapshot, SnapshotConfig};

pub const PARAMS: &[&str] = &["lang", "since", "until", "region", "seniority", "lane"];

pub fn report(state: &AppState, params: &Params) -> Result<Snapshot, ApiError> {
    let (window, filters) = window_and_filters(params)?;
    let config = SnapshotConfig {
        window,
        filters,
        ..SnapshotConfig::default()
    }
    .with_languages(&params.list("lang")?);
    Ok(hirepulse_reports::snapshot(&state.population, &config)?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let report = report(state, params)?;
    rendered(|r, out| r.snapshot(&report, out))
}
