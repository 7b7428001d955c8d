//! `/trend`: the monthly share of each value with its interval band.

use super::{blocks, form, input, select, window_and_filters, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use hirepulse_reports::render::cells;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/trend",
    title: "Trends",
    params: resources::trend::PARAMS,
    form: filters,
    body,
};

/// The dimensions a form offers.
pub const DIMENSIONS: &[(&str, &str)] = &[
    ("language", "language"),
    ("lane", "lane"),
    ("seniority", "seniority"),
    ("work_mode", "work mode"),
    ("employment", "employment"),
    ("country", "country"),
];

fn filters(params: &Params) -> Markup {
    form(
        "/trend",
        html! {
            (input(params, "values", "Values", "rust,go"))
            (select(params, "by", "By", DIMENSIONS))
            (window_and_filters(params))
        },
        "Show",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    let defaulted;
    let params = if params.get("values").is_none() {
        defaulted = params.with("values", "python,go,rust");
        &defaulted
    } else {
        params
    };
    Some(resources::trend::report(state, params).map(|report| {
        let labels: Vec<String> = report.months.iter().map(|m| m.month.to_string()).collect();
        let lines: Vec<charts::Line> = report
            .series
            .iter()
            .map(|series| charts::Line {
                name: series.value.clone(),
                points: report
                    .months
                    .iter()
                    .map(|month| {
                        series
                            .points
                            .iter()
                            .find(|p| p.month == month.month)
                            .and_then(|p| {
                                Some(charts::Point {
                                    value: p.share.share?,
                                    low: p.share.ci_low?,
                                    high: p.share.ci_high?,
                                })
                            })
                    })
                    .collect(),
            })
            .collect();
        html! {
            figure {
                figcaption { "Share of each month's postings (line) with its interval (band), " (report.since) "–" (report.until) }
                (charts::line_chart("Monthly share of postings", &labels, &lines, charts::percent))
            }
            (blocks(&cells::trend(&report)))
        }
    }))
}
