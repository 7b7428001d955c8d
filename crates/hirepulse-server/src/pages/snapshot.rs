//! `/`: the measured language career table, with the share of postings and the posted pay of
//! each language drawn above it.

use super::{blocks, form, input, pay_box, share_bar, window_and_filters, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use hirepulse_reports::render::cells;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/",
    title: "Snapshot",
    params: resources::snapshot::PARAMS,
    form: filters,
    body,
};

fn filters(params: &Params) -> Markup {
    form(
        "/",
        html! {
            (input(params, "lang", "Languages", "python,go,rust"))
            (window_and_filters(params))
        },
        "Show",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    Some(resources::snapshot::report(state, params).map(|report| {
        let bars: Vec<charts::Bar> = report
            .languages
            .iter()
            .map(|row| share_bar(row.language.clone(), &row.postings))
            .collect();
        let boxes: Vec<charts::BoxRow> = report
            .languages
            .iter()
            .filter_map(|row| pay_box(row.language.clone(), &row.pay))
            .collect();
        html! {
            div.charts {
                figure {
                    figcaption { "Share of postings, " (report.windows.window.since) "–" (report.windows.window.until) " (bar: estimate; line: interval)" }
                    (charts::bar_chart("Share of postings by language", &bars, charts::percent1))
                }
                figure {
                    figcaption { "Posted pay, annual USD (p10–p90 whiskers, p25–p75 box, median line)" }
                    (charts::box_plot("Posted pay by language", &boxes, charts::thousands))
                }
            }
            (blocks(&cells::snapshot(&report)))
        }
    }))
}
