//! `/api/skills`: what is asked next to a language (`hirepulse skills LANG`).

use super::{rendered, window_and_filters};
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_reports::{SkillsConfig, SkillsReport};

pub const PARAMS: &[&str] = &[
    "lang",
    "top",
    "min_support",
    "since",
    "until",
    "region",
    "seniority",
    "lane",
];

/// Most rows a request may ask for.
const MAX_TOP: usize = 200;

pub fn report(state: &AppState, params: &Params) -> Result<SkillsReport, ApiError> {
    let (window, filters) = window_and_filters(params)?;
    let top = params
        .parsed::<usize>("top")?
        .unwrap_or(hirepulse_reports::skills::TOP);
    if top > MAX_TOP {
        return Err(ApiError::bad("top", format!("top: at most {MAX_TOP}")));
    }
    let config = SkillsConfig {
        top,
        min_support: params
            .parsed::<u64>("min_support")?
            .unwrap_or(hirepulse_reports::skills::MIN_SUPPORT),
        ..SkillsConfig::new(params.required("lang")?, window, filters)?
    };
    Ok(hirepulse_reports::skills(&state.population, &config)?)
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    let report = report(state, params)?;
    rendered(|r, out| r.skills(&report, out))
}
