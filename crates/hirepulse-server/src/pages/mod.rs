//! The dashboard: server-rendered HTML pages, one module per page, sharing one layout, one
//! stylesheet and one way to draw the library's text blocks (the same cells the CLI prints).
//! Filters are GET forms, so every view is a link; charts are inline SVG ([`crate::charts`], drawn with plotters); no
//! page uses JavaScript. maud escapes every interpolated string, which is what keeps posting
//! text (which contains HTML) inert.

mod advise;
mod calculator;
mod pay;
mod postings;
mod skills;
mod snapshot;
mod trend;

use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use hirepulse_reports::render::cells::Block;
use maud::{html, Markup, DOCTYPE};
use std::sync::Arc;

/// One page.
pub struct Page {
    pub path: &'static str,
    /// The navigation label.
    pub title: &'static str,
    pub params: &'static [&'static str],
    /// The filter form, filled from the request.
    pub form: fn(&Params) -> Markup,
    /// The figures; `None` when the page waits for input (an empty form).
    pub body: fn(&AppState, &Params) -> Option<Result<Markup, ApiError>>,
}

/// Every page, in navigation order.
pub const PAGES: &[Page] = &[
    snapshot::PAGE,
    trend::PAGE,
    pay::PAGE,
    skills::PAGE,
    advise::PAGE,
    calculator::PAGE,
    postings::PAGE,
];

/// The stylesheet (served from `/style.css`, so the CSP needs no inline style).
pub const STYLE: &str = include_str!("style.css");

pub fn router() -> Router<Arc<AppState>> {
    let mut router = Router::new().route("/style.css", get(style));
    for (index, page) in PAGES.iter().enumerate() {
        router = router.route(
            page.path,
            get(
                move |State(state): State<Arc<AppState>>, RawQuery(query): RawQuery| async move {
                    render(state, index, query).await
                },
            ),
        );
    }
    router
}

/// Renders every page once with its default parameters (see [`crate::warm`]).
pub async fn warm(state: Arc<AppState>) {
    for index in 0..PAGES.len() {
        let _ = render(Arc::clone(&state), index, None).await;
    }
}

async fn style() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        STYLE,
    )
        .into_response()
}

async fn render(state: Arc<AppState>, index: usize, query: Option<String>) -> Response {
    let Some(page) = PAGES.get(index) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let params = match Params::parse(query.as_deref(), page.params) {
        Ok(params) => params,
        Err(err) => {
            let body = layout(page, &Params::default(), Some(Err(err.clone())));
            return html_response(err.status(), body.into_string());
        }
    };
    let answer = crate::cached_answer(state, page.path, params, move |state, params| {
        let body = (page.body)(state, params);
        let status = match &body {
            Some(Err(err)) => err.status().as_u16(),
            _ => 200,
        };
        // The status rides in front of the page, split off below.
        Ok(format!(
            "{status}\n{}",
            layout(page, params, body).into_string()
        ))
    })
    .await;
    match answer {
        Ok(answer) => {
            let (status, body) = answer.1.split_once('\n').unwrap_or(("500", ""));
            let status = status
                .parse()
                .ok()
                .and_then(|s| StatusCode::from_u16(s).ok())
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            html_response(status, body.to_string())
        }
        Err(err) => html_response(err.status(), err.to_string()),
    }
}

fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The page around `body`.
fn layout(page: &Page, params: &Params, body: Option<Result<Markup, ApiError>>) -> Markup {
    let form = (page.form)(params);
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "hirepulse · " (page.title) }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header {
                    a.brand href="/" { "hirepulse" }
                    nav {
                        @for other in PAGES {
                            @if other.path == page.path {
                                a.current href=(other.path) aria-current="page" { (other.title) }
                            } @else {
                                a href=(other.path) { (other.title) }
                            }
                        }
                    }
                }
                main {
                    h1 { (page.title) }
                    (form)
                    @match body {
                        None => {},
                        Some(Ok(markup)) => { section.result { (markup) } },
                        Some(Err(err)) => {
                            section.error role="alert" {
                                p { strong { "Cannot show this: " } (err.to_string()) }
                                @if let Some(parameter) = err.parameter() {
                                    p { "Check the field " code { (parameter) } "." }
                                }
                            }
                        },
                    }
                }
                footer {
                    p { "Every figure comes with its n and interval; " abbr title="small sample" { "*" } " marks a small sample. JSON of every view: " a href="/api/openapi.json" { "/api" } "." }
                }
            }
        }
    }
}

/// The library's text blocks as HTML.
pub fn blocks(blocks: &[Block]) -> Markup {
    html! {
        @for block in blocks {
            @match block {
                Block::Heading(text) => h2 { (text) },
                Block::Line(text) => p { (text) },
                Block::Preformatted(lines) => pre { @for line in lines { (line) "\n" } },
                Block::Grid { header, rows } => {
                    div.scroll {
                        table {
                            thead { tr { @for cell in header { th { (cell) } } } }
                            tbody { @for row in rows { tr { @for cell in row { td { (cell) } } } } }
                        }
                    }
                },
            }
        }
    }
}

/// A labelled text input holding the request's value.
pub fn input(params: &Params, name: &str, label: &str, placeholder: &str) -> Markup {
    html! {
        label {
            span { (label) }
            input type="text" name=(name) value=(params.list_text(name)) placeholder=(placeholder) maxlength="200";
        }
    }
}

/// A labelled checkbox.
pub fn checkbox(params: &Params, name: &str, label: &str) -> Markup {
    html! {
        label.check {
            input type="checkbox" name=(name) value="on" checked[params.flag(name).unwrap_or(false)];
            span { (label) }
        }
    }
}

/// A labelled select of `options` (value, label).
pub fn select(params: &Params, name: &str, label: &str, options: &[(&str, &str)]) -> Markup {
    let current = params
        .get(name)
        .unwrap_or(options.first().map_or("", |o| o.0));
    html! {
        label {
            span { (label) }
            select name=(name) {
                @for (value, text) in options {
                    option value=(value) selected[*value == current] { (text) }
                }
            }
        }
    }
}

/// The window and filter fields every report form has.
pub fn window_and_filters(params: &Params) -> Markup {
    html! {
        (input(params, "since", "Since", "YYYY-MM"))
        (input(params, "until", "Until", "YYYY-MM"))
        (input(params, "region", "Region", "us, gb, de…"))
        (input(params, "seniority", "Seniority", "senior…"))
        (input(params, "lane", "Lane", "backend, data…"))
    }
}

/// A GET form around `fields`.
pub fn form(path: &str, fields: Markup, button: &str) -> Markup {
    html! {
        form.filters method="get" action=(path) {
            (fields)
            button type="submit" { (button) }
        }
    }
}

/// The figure of a share as a bar with its interval.
pub fn share_bar(
    label: String,
    share: &hirepulse_reports::model::ShareFigure,
) -> crate::charts::Bar {
    crate::charts::Bar {
        label,
        value: share.share.unwrap_or(f64::NAN),
        interval: share.ci_low.zip(share.ci_high),
        note: format!(
            "n={}{}",
            share.count,
            if share.small_sample { " *" } else { "" }
        ),
    }
}

/// The p10..p90 box of a pay figure, when all five are measured.
pub fn pay_box(
    label: String,
    pay: &hirepulse_reports::model::PayFigure,
) -> Option<crate::charts::BoxRow> {
    box_row(label, pay.n, pay.small_sample, &pay.percentiles)
}

/// A box of p10/p25/p50/p75/p90 from percentile figures (posted pay or a pay dataset), the
/// label starred for a small sample; `None` when a quantile has no value.
pub fn box_row(
    label: String,
    n: usize,
    small_sample: bool,
    percentiles: &[hirepulse_reports::model::PercentileFigure],
) -> Option<crate::charts::BoxRow> {
    let at = |q: f64| {
        percentiles
            .iter()
            .find(|p| (p.q - q).abs() < 1e-9)
            .and_then(|p| p.value)
    };
    Some(crate::charts::BoxRow {
        label: if small_sample {
            format!("{label} *")
        } else {
            label
        },
        n,
        quantiles: [at(0.1)?, at(0.25)?, at(0.5)?, at(0.75)?, at(0.9)?],
    })
}
