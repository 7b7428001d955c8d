//! `/pay`: posted-pay distributions as box plots, overall or per value, each with its n.

use super::{blocks, box_row, form, input, pay_box, select, window_and_filters, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::resources::pay::PayAnswer;
use crate::state::AppState;
use hirepulse_reports::datasets::DATASET_ORDER;
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
    // Posted pay of postings, or one of the pay datasets.
    let mut sources = vec![("", "postings")];
    sources.extend(DATASET_ORDER.iter().map(|name| (*name, *name)));
    let mut dimensions = vec![("", "(all postings)")];
    dimensions.extend_from_slice(super::trend::DIMENSIONS);
    form(
        "/pay",
        html! {
            (select(params, "by", "By", &dimensions))
            (input(params, "values", "Values", "senior,staff"))
            (select(params, "dataset", "Pay from", &sources))
            (window_and_filters(params))
        },
        "Show",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    Some(resources::pay::report(state, params).map(|answer| match answer {
        PayAnswer::Postings(report) => {
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
        }
        PayAnswer::Dataset(report) => {
            let boxes: Vec<charts::BoxRow> = report
                .rows
                .iter()
                .filter_map(|row| {
                    // Official statistics name their occupation beside the value.
                    let label = match &row.occupation {
                        Some(occupation) => format!("{} {occupation}", row.value),
                        None => row.value.clone(),
                    };
                    let n = usize::try_from(row.n).unwrap_or(usize::MAX);
                    box_row(label, n, row.small_sample, &row.percentiles)
                })
                .collect();
            let caption = format!(
                "Pay from {} ({}, {}), annual USD (p10–p90 whiskers, p25–p75 box, median line; n = records)",
                report.dataset, report.kind, report.basis
            );
            html! {
                figure {
                    figcaption { (caption) }
                    (charts::box_plot(&format!("Pay: {}", report.dataset), &boxes, charts::thousands))
                }
                (blocks(&hirepulse_reports::render::dataset_cells::dataset_pay(&report)))
            }
        }
    }))
}
