//! `/postings`: the evidence — the postings behind a filter (newest first), with company,
//! month, lanes and an excerpt of the text. Only with a store (the baseline holds no text).
//! Posting text is untrusted HTML-bearing input: it is only ever interpolated by maud, which
//! escapes it.

use super::{form, input, Page};
use crate::charts;
use crate::error::ApiError;
use crate::params::Params;
use crate::state::AppState;
use maud::{html, Markup};

pub const PAGE: Page = Page {
    path: "/postings",
    title: "Postings",
    params: &["lang", "lane", "seniority", "region", "since", "until", "q"],
    form: filters,
    body,
};

/// Postings shown per page.
const SHOWN: usize = 50;
/// Characters of text shown per posting.
const EXCERPT: usize = 600;
/// Texts read from the store per batch while searching for `q`.
const BATCH: usize = 200;

fn filters(params: &Params) -> Markup {
    form(
        "/postings",
        html! {
            (input(params, "lang", "Language", "rust"))
            (input(params, "lane", "Lane", "backend"))
            (input(params, "seniority", "Seniority", "senior"))
            (input(params, "region", "Region", "us, gb, de..."))
            (input(params, "since", "Since", "YYYY-MM"))
            (input(params, "until", "Until", "YYYY-MM"))
            (input(params, "q", "Text contains", "remote"))
        },
        "Find",
    )
}

fn matches(list: &[String], wanted: Option<&str>) -> bool {
    wanted.is_none_or(|w| list.iter().any(|v| v.eq_ignore_ascii_case(w)))
}

fn body(state: &AppState, params: &Params) -> Option<Result<Markup, ApiError>> {
    Some(find(state, params))
}

fn find(state: &AppState, params: &Params) -> Result<Markup, ApiError> {
    // The same checked window and filters (region, seniority, lane) as every report, checked
    // first so that a bad value is named even without a store.
    let (window, filters) = crate::resources::window_and_filters(params)?;
    let Some(store) = &state.store else {
        return Err(ApiError::NotFound(
            "the postings' text is only in a store: start the server with --db PATH".into(),
        ));
    };
    let since = window.since.map(|m| m.to_string());
    let until = window.until.map(|m| m.to_string());
    let mut candidates: Vec<_> = state
        .population
        .all()
        .iter()
        .filter(|p| matches(&p.languages, params.get("lang")))
        .filter(|p| hirepulse_reports::population::passes(p, &filters))
        .filter(|p| since.as_deref().is_none_or(|s| p.month.as_str() >= s))
        .filter(|p| until.as_deref().is_none_or(|u| p.month.as_str() <= u))
        .collect();
    candidates.sort_by(|a, b| b.month.cmp(&a.month).then(b.posting_id.cmp(&a.posting_id)));
    let query = params.get("q").map(str::to_lowercase);
    let mut shown = Vec::new();
    let store = store
        .lock()
        .map_err(|_| ApiError::Internal("the store is unavailable".into()))?;
    for batch in candidates.chunks(BATCH) {
        let ids: Vec<i64> = batch.iter().map(|p| p.posting_id).collect();
        let texts = store
            .posting_texts(&ids)
            .map_err(|err| ApiError::Internal(err.to_string()))?;
        for text in texts {
            if query
                .as_deref()
                .is_none_or(|q| text.text.to_lowercase().contains(q))
            {
                shown.push(text);
            }
            if shown.len() == SHOWN {
                break;
            }
        }
        if shown.len() == SHOWN || query.is_none() {
            break;
        }
    }
    drop(store);
    // Matching postings per year, for the chart.
    let mut years: Vec<(String, u64)> = Vec::new();
    for posting in &candidates {
        let year = posting.month.get(..4).unwrap_or("?").to_string();
        match years.iter_mut().find(|(y, _)| *y == year) {
            Some((_, count)) => *count += 1,
            None => years.push((year, 1)),
        }
    }
    years.sort();
    let bars: Vec<charts::Bar> = years
        .iter()
        .map(|(year, count)| charts::Bar {
            label: year.clone(),
            value: *count as f64,
            interval: None,
            note: count.to_string(),
        })
        .collect();
    let lanes_of = |id: i64| {
        candidates
            .iter()
            .find(|p| p.posting_id == id)
            .map(|p| p.lanes.join(", "))
            .unwrap_or_default()
    };
    Ok(html! {
        figure {
            figcaption { "Postings matching the filters (before the text search), per year" }
            (charts::bar_chart("Matching postings per year", &bars, charts::plain))
        }
        p { (candidates.len()) " postings match the filters; showing " (shown.len()) ", newest first." }
        ol.postings {
            @for posting in &shown {
                li.posting {
                    p.meta {
                        strong { (posting.company.as_deref().unwrap_or("(company not found)")) }
                        " · " (posting.month.as_deref().unwrap_or("?"))
                        " · " (lanes_of(posting.posting_id))
                    }
                    p.excerpt { (excerpt(&posting.text)) }
                }
            }
        }
    })
}

/// The first [`EXCERPT`] characters, cut at a character boundary.
fn excerpt(text: &str) -> String {
    match text.char_indices().nth(EXCERPT) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}
