//! `/skills`: the technologies and languages asked next to a language, by lift with its
//! interval.

use super::{blocks, form, input, window_and_filters, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use hirepulse_reports::render::cells;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/skills",
    title: "Co-skills",
    params: resources::skills::PARAMS,
    form: filters,
    body,
};

fn filters(params: &Params) -> Markup {
    form(
        "/skills",
        html! {
            (input(params, "lang", "Language", "rust"))
            (input(params, "top", "Rows", "15"))
            (input(params, "min_support", "Min support", "10"))
            (window_and_filters(params))
        },
        "Show",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    let defaulted;
    let params = if params.get("lang").is_none() {
        defaulted = params.with("lang", "rust");
        &defaulted
    } else {
        params
    };
    Some(resources::skills::report(state, params).map(|report| {
        let bars: Vec<charts::Bar> = report
            .by_lift
            .iter()
            .filter_map(|row| {
                Some(charts::Bar {
                    label: row.name.clone().unwrap_or_else(|| row.id.clone()),
                    value: row.lift?,
                    interval: row.lift_ci_low.zip(row.lift_ci_high),
                    note: format!("n={}", row.n_item),
                })
            })
            .collect();
        html! {
            figure {
                figcaption { "Lift next to " (report.language) " (how many times more often than in all postings), with its interval" }
                (charts::bar_chart("Lift of co-skills", &bars, charts::plain))
            }
            (blocks(&cells::skills(&report)))
        }
    }))
}
