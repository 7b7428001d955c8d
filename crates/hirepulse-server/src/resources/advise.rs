//! `/api/advise`: what to learn or deepen next, with a 90-day plan (`hirepulse advise`). The
//! market of the default window is loaded once at start; a request with `until` loads its own.

use super::pretty;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use hirepulse_advise::profile::parse_known;
use hirepulse_advise::{Advice, Goal, Market, Profile, Settings};
use hirepulse_reports::config::parse_month;

pub const PARAMS: &[&str] = &[
    "years",
    "know",
    "goal",
    "region",
    "lane",
    "remote_only",
    "weeks",
    "until",
];

/// The profile the parameters describe, as `advise::Args::profile` makes it.
pub fn profile(params: &Params) -> Result<Profile, ApiError> {
    let years = params
        .number("years")?
        .ok_or_else(|| ApiError::bad("years", "years is required"))?;
    let goal = match params.get("goal").unwrap_or("volume") {
        "volume" => Goal::Volume,
        "comp" => Goal::Comp,
        "differentiation" => Goal::Differentiation,
        other => {
            return Err(ApiError::bad(
                "goal",
                format!("goal {other:?}: one of volume, comp, differentiation"),
            ))
        }
    };
    let languages = parse_known(params.get("know").unwrap_or_default())
        .map_err(|err| ApiError::bad("know", err.to_string()))?;
    Ok(Profile {
        years,
        languages,
        goal,
        region: params.get("region").unwrap_or("us").to_string(),
        lanes: params.list("lane")?,
        remote_only: params.flag("remote_only")?,
        urgency_weeks: params.parsed::<u32>("weeks")?,
    })
}

pub fn report(state: &AppState, params: &Params) -> Result<Advice, ApiError> {
    let profile = profile(params)?;
    let settings = Settings::embedded()?;
    profile.check(settings)?;
    match params.get("until") {
        Some(until) => {
            let until = parse_month("--until", until)?;
            let market = Market::load(&state.population, Some(until), settings)?;
            Ok(hirepulse_advise::advise_in(&market, &profile)?)
        }
        None => {
            let market = state
                .market
                .as_ref()
                .map_err(|why| ApiError::Unprocessable(why.clone()))?;
            Ok(hirepulse_advise::advise_in(market, &profile)?)
        }
    }
}

pub fn json(state: &AppState, params: &Params) -> Result<String, ApiError> {
    pretty(&report(state, params)?)
}
