//! `/advise`: the profile form and, once submitted, the ranked options (chart and table) and
//! the 90-day plan, as `hirepulse advise` prints them.

use super::{checkbox, form, input, select, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use hirepulse_advise::render::{render, Style};
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/advise",
    title: "Advise",
    params: resources::advise::PARAMS,
    form: profile_form,
    body,
};

fn profile_form(params: &Params) -> Markup {
    form(
        "/advise",
        html! {
            (input(params, "years", "Years of experience", "5"))
            (input(params, "know", "Languages you know", "python:expert,go:working"))
            (select(params, "goal", "Goal", &[("volume", "most openings"), ("comp", "highest pay"), ("differentiation", "scarce skills")]))
            (input(params, "region", "Region", "us"))
            (input(params, "lane", "Lanes", "backend,data"))
            (input(params, "weeks", "Weeks until needed", ""))
            (input(params, "until", "Market until", "YYYY-MM"))
            (checkbox(params, "remote_only", "Remote only"))
        },
        "Advise me",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    params.get("years")?;
    Some(resources::advise::report(state, params).map(|advice| {
        let bars: Vec<charts::Bar> = advice
            .options
            .iter()
            .map(|option| charts::Bar {
                label: format!("{}. {} · {}", option.rank, option.language_name, option.lane),
                value: option.score,
                interval: None,
                note: format!("n={}", option.demand.count),
            })
            .collect();
        html! {
            figure {
                figcaption { "Options ranked by score (higher is better for your goal)" }
                (charts::bar_chart("Advice options by score", &bars, charts::plain))
            }
            div.scroll {
                table {
                    thead { tr { th { "#" } th { "Learn" } th { "Lane" } th { "Score" } th { "Postings (n)" } th { "Median posted pay" } } }
                    tbody {
                        @for option in &advice.options {
                            tr {
                                td { (option.rank) }
                                td { (option.language_name) " (" (option.kind) ")" }
                                td { (option.lane) }
                                td { (format!("{:.2}", option.score)) }
                                td { (option.demand.count) " of " (option.demand.n) }
                                td { (option.pay.percentiles.iter().find(|p| (p.q - 0.5).abs() < 1e-9).and_then(|p| p.value).map_or("—".to_string(), charts::thousands)) " (n=" (option.pay.n) ")" }
                            }
                        }
                    }
                }
            }
            h2 { "The full advice and plan" }
            pre.advice { (render(&advice, Style::Table)) }
        }
    }))
}
