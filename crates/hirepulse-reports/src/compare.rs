//! `compare`: the same per-value figures for any dimension — postings and share with a Wilson
//! interval, growth of the share against the comparison window, posted pay percentiles — so
//! "data vs backend vs infra" or "contract vs full_time" is one call.
//!
//! The per-value figure helpers live here and `snapshot` reuses them, so a language's figures
//! are the same in both reports. Compare's pay covers every filtered posting of the value (no
//! seniority or region of its own): the filters say which postings, nothing else is implied.

use crate::config::{CompareConfig, Dimension, Filters};
use crate::model::{
    CompareRow, Comparison, GrowthFigure, PayFigure, ShareFigure, Windows, SCHEMA_VERSION,
};
use crate::population::{load, pay_midpoint, values, Population, PostingSource};
use crate::{stats_error, ReportError};
use hirepulse_stats::{
    pay_percentiles_with_disclosure, share_growth, wilson, Confidence, PercentileConfig, YearMonth,
};
use hirepulse_store::report_queries::ReportPosting;

/// Compares `config.values` of `config.dimension` under the filters.
pub fn compare<S: PostingSource + ?Sized>(
    store: &S,
    config: &CompareConfig,
) -> Result<Comparison, ReportError> {
    let population = load(store, config.window, &config.filters)?;
    let mut report = comparison_from(&population, config)?;
    report.data_source = store.describe();
    Ok(report)
}

/// The comparison of already-loaded postings.
pub fn comparison_from(
    population: &Population,
    config: &CompareConfig,
) -> Result<Comparison, ReportError> {
    let scope = pay_scope_words(&config.filters, None);
    let mut rows = Vec::with_capacity(config.values.len());
    for value in &config.values {
        let has = |p: &ReportPosting| values(p, config.dimension).contains(value);
        let pay_postings: Vec<&ReportPosting> = population
            .current
            .iter()
            .map(|(_, p)| p)
            .filter(|p| has(p))
            .collect();
        rows.push(CompareRow {
            value: value.clone(),
            postings: share_of(population, &has, config.confidence, value)?,
            growth: growth_of(population, &has, config.confidence, value)?,
            pay: pay_of(&pay_postings, scope.clone(), config.confidence, value)?,
        });
    }
    Ok(Comparison {
        schema: SCHEMA_VERSION,
        report: "compare",
        dimension: config.dimension,
        windows: Windows {
            window: population.window,
            previous: population.previous,
            duplicates: population.duplicates,
        },
        filters: config.filters.clone(),
        confidence: config.confidence.level(),
        n_postings: population.current.len() as u64,
        n_postings_previous: population.before.len() as u64,
        rows,
        notes: notes(population, Some(config.dimension)),
        data_source: None,
    })
}

/// Postings in the window matching `has`, as a share of all postings in the window.
pub(crate) fn share_of(
    population: &Population,
    has: &dyn Fn(&ReportPosting) -> bool,
    confidence: Confidence,
    what: &str,
) -> Result<ShareFigure, ReportError> {
    let count = population.current.iter().filter(|(_, p)| has(p)).count() as u64;
    let share = wilson(count, population.current.len() as u64, confidence)
        .map_err(stats_error(format!("share of {what}")))?;
    Ok(share.into())
}

/// Growth of the share matching `has` from the comparison window to the window.
pub(crate) fn growth_of(
    population: &Population,
    has: &dyn Fn(&ReportPosting) -> bool,
    confidence: Confidence,
    what: &str,
) -> Result<GrowthFigure, ReportError> {
    let count = |postings: &[(YearMonth, ReportPosting)]| {
        postings.iter().filter(|(_, p)| has(p)).count() as u64
    };
    let growth = share_growth(
        count(&population.before),
        population.before.len() as u64,
        count(&population.current),
        population.current.len() as u64,
        confidence,
    )
    .map_err(stats_error(format!("growth of {what}")))?;
    Ok(growth.into())
}

/// Pay percentiles of `postings` (those with a usable annual USD figure), with disclosure.
pub(crate) fn pay_of(
    postings: &[&ReportPosting],
    scope: String,
    confidence: Confidence,
    what: &str,
) -> Result<PayFigure, ReportError> {
    let midpoints: Vec<f64> = postings.iter().filter_map(|p| pay_midpoint(p)).collect();
    let config = PercentileConfig {
        confidence,
        ..PercentileConfig::default()
    };
    let n_postings = postings.len() as u64;
    let summary = pay_percentiles_with_disclosure(&midpoints, n_postings, config)
        .map_err(stats_error(format!("pay of {what}")))?;
    let disclosure = wilson(midpoints.len() as u64, n_postings, confidence)
        .map_err(stats_error(format!("pay disclosure of {what}")))?;
    Ok(PayFigure::new(
        scope,
        summary,
        n_postings,
        disclosure.into(),
    ))
}

/// Which postings a pay figure covers, in words.
pub(crate) fn pay_scope_words(filters: &Filters, implied: Option<&str>) -> String {
    let described = filters.describe();
    match (implied, described.as_str()) {
        (None, "none") => "all postings of the value".into(),
        (None, _) => format!("postings of the value with {described}"),
        (Some(implied), "none") => implied.to_string(),
        (Some(implied), _) => format!("{implied}; filters {described}"),
    }
}

/// Notes every reader should see: an empty window, a short comparison window.
pub(crate) fn notes(population: &Population, dimension: Option<Dimension>) -> Vec<String> {
    let mut notes = Vec::new();
    if population.current.is_empty() {
        notes.push(format!(
            "no postings in {}..{} pass the filters",
            population.window.since, population.window.until
        ));
    }
    if population.before.is_empty() {
        notes.push(format!(
            "no postings in the comparison window {}..{}: growth cannot be measured",
            population.previous.since, population.previous.until
        ));
    }
    if let Some(dimension) = dimension {
        if population
            .current
            .iter()
            .all(|(_, p)| values(p, dimension).is_empty())
        {
            notes.push(format!(
                "no posting in the window has a {} fact: is extraction finished?",
                dimension.name()
            ));
        }
    }
    notes
}
