//! `/calculator`: contract vs full-time. The form takes the salary and the main terms; the
//! result draws both sides' comparable value and take-home, then the library's sections.

use super::{checkbox, form, input, select, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::resources;
use crate::state::AppState;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/calculator",
    title: "Contract vs FTE",
    params: resources::contract::PARAMS,
    form: terms,
    body,
};

fn terms(params: &Params) -> Markup {
    form(
        "/calculator",
        html! {
            (input(params, "salary", "Salary (USD/yr)", "150000"))
            (input(params, "rate", "Offered rate (USD/h)", "optional"))
            (input(params, "state", "State", "TX"))
            (select(params, "filing", "Filing", &[("single", "single"), ("joint", "joint"), ("head", "head of household")]))
            (input(params, "year", "Tax year", "2026"))
            (input(params, "bonus", "Bonus", "0"))
            (input(params, "equity", "Equity / yr", "0"))
            (input(params, "hours_per_week", "Billable h/week", "40"))
            (input(params, "bench_weeks", "Bench weeks", ""))
            (input(params, "language", "Language (market)", "rust"))
            (checkbox(params, "no_market", "Skip market position"))
        },
        "Compare",
    )
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    params.get("salary")?;
    Some(resources::contract::report(state, params).map(|c| {
        let bar = |label: &str, value: f64| charts::Bar {
            label: label.to_string(),
            value,
            interval: None,
            note: charts::thousands(value),
        };
        let bars = [
            bar("FTE comparable", c.fte.comparable),
            bar("Contract comparable", c.contractor.comparable),
            bar("FTE take-home", c.fte.take_home),
            bar("Contract take-home", c.contractor.take_home),
        ];
        let sections = hirepulse_tax::render::contract_sections(&c);
        html! {
            p.headline {
                "Break-even contract rate: " strong.break-even { "$" (format!("{:.2}", c.break_even_hourly)) "/h" }
                " (" (charts::thousands(c.break_even_annual)) " a year)."
            }
            figure {
                figcaption { "Full-time vs contract, USD a year" }
                (charts::bar_chart("Full-time vs contract", &bars, charts::thousands))
            }
            @for section in &sections {
                h2 { (section.title) }
                div.scroll {
                    table {
                        @if !section.header.is_empty() {
                            thead { tr { @for cell in &section.header { th { (cell) } } } }
                        }
                        tbody { @for row in &section.rows { tr { @for cell in row { td { (cell) } } } } }
                    }
                }
            }
        }
    }))
}
