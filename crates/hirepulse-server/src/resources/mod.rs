//! One module per resource: the parameters it takes (the same as the CLI command's flags), how
//! they become the library's config, and the report value. The API serialises the value exactly
//! as `--format json` does; the pages draw it. Keeping the parameter lists here makes them the
//! one source for the router's checks and for `/api/openapi.json`.

pub mod advise;
pub mod compare;
pub mod contract;
pub mod pay;
pub mod skills;
pub mod snapshot;
pub mod tax;
pub mod trend;

use crate::error::ApiError;
use crate::params::Params;
use hirepulse_reports::config::{parse_month, MonthWindow};
use hirepulse_reports::{Filters, Format, Renderer};

/// The window and filter parameters every report takes.
pub const WINDOW_AND_FILTERS: [&str; 5] = ["since", "until", "region", "seniority", "lane"];

/// The checked window and filters, as `ReportArgs::window_and_filters` makes them.
pub fn window_and_filters(params: &Params) -> Result<(MonthWindow, Filters), ApiError> {
    let month = |name: &'static str| -> Result<_, ApiError> {
        Ok(params
            .get(name)
            .map(|m| parse_month(flag(name), m))
            .transpose()?)
    };
    let window = MonthWindow {
        since: month("since")?,
        until: month("until")?,
    };
    let filters = Filters::parse(
        params.get("region"),
        params.get("seniority"),
        params.get("lane"),
    )?;
    Ok((window, filters))
}

fn flag(name: &str) -> &'static str {
    match name {
        "since" => "--since",
        _ => "--until",
    }
}

/// The JSON a renderer writes, as a string.
pub fn rendered(
    write: impl FnOnce(&dyn Renderer, &mut Vec<u8>) -> std::io::Result<()>,
) -> Result<String, ApiError> {
    let mut out = Vec::new();
    write(Format::Json.renderer().as_ref(), &mut out)
        .map_err(|err| ApiError::Internal(err.to_string()))?;
    String::from_utf8(out).map_err(|err| ApiError::Internal(err.to_string()))
}

/// Pretty JSON and a newline, as the CLI prints serde values.
pub fn pretty<T: serde::Serialize>(value: &T) -> Result<String, ApiError> {
    let mut text =
        serde_json::to_string_pretty(value).map_err(|err| ApiError::Internal(err.to_string()))?;
    text.push('\n');
    Ok(text)
}
