//! `/pay`: posted-pay distributions as box plots, overall or per value, each with its n.

use super::{blocks, form, input, pay_box, select, window_and_filters, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use hirepulse_reports::render::cells;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/pay",
    title: "Pay",
    params: resources::pay::PARAMS,
    form: filters,
    body,
};

fn filters(params: &Params) -> Markup {
    let mut dimensions = vec![("", "(all postings)")];
    dimensions.extend_from_slice(super::trend::DIMENSIONS);
    form(
        "/pay",
        html! {
            (select(params, "by", "By", &dimensions))
            (input(params, "values", "Values", "senior,staff"))
            (window_and_filters(params))
        },
        "Show",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    Some(resources::pay::report(state, params).map(|report| {
        let boxes: Vec<charts::BoxRow> = report
            .rows
            .iter()
            .filter_map(|row| pay_box(row.value.clone(), &row.pay))
            .collect();
        html! {
            figure {
                figcaption { "Posted pay, annual USD (p10–p90 whiskers, p25–p75 box, median line; n = postings with pay)" }
                (charts::box_plot("Posted pay", &boxes, charts::thousands))
            }
            (blocks(&cells::pay(&report)))
        }
    }))
}
