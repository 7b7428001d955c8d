//! `pay`: the posted-pay distribution for any filter — p10, p25, p50, p75, p90 of the
//! annualised USD midpoints with order-statistic intervals, the number of postings with pay and
//! the disclosure share — for all filtered postings, or per value of a dimension
//! (`--by seniority senior staff`).
//!
//! It reuses the figure helper `snapshot` and `compare` use, so a value's pay is the same figure
//! in all three. Postings-only: pay datasets (surveys) are not read here yet.

use crate::compare::{notes, pay_of, pay_scope_words};
use crate::config::{Dimension, Filters, MonthWindow};
use crate::model::{PayFigure, SCHEMA_VERSION};
use crate::population::{load, values, Duplicates, PostingSource, Span};
use crate::ReportError;
use hirepulse_stats::Confidence;
use hirepulse_store::report_queries::ReportPosting;
use serde::Serialize;

/// Settings of `pay`.
#[derive(Debug, Clone)]
pub struct PayConfig {
    /// `None`: one row for every filtered posting.
    pub dimension: Option<Dimension>,
    pub values: Vec<String>,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
}

impl PayConfig {
    /// Checked settings: values need a dimension and a dimension needs values.
    pub fn new(
        dimension: Option<Dimension>,
        values: &[String],
        window: MonthWindow,
        filters: Filters,
    ) -> Result<Self, ReportError> {
        let values = match dimension {
            Some(dimension) => {
                let values = crate::config::dedup(dimension, values);
                if values.is_empty() {
                    return Err(ReportError::BadValue {
                        flag: "--by",
                        value: dimension.name().into(),
                        why: format!("name at least one {} after it", dimension.name()),
                    });
                }
                values
            }
            None if !values.is_empty() => {
                return Err(ReportError::BadValue {
                    flag: "VALUE",
                    value: values.join(" "),
                    why: "values need a dimension: add --by DIM".into(),
                })
            }
            None => Vec::new(),
        };
        Ok(PayConfig {
            dimension,
            values,
            window,
            filters,
            confidence: Confidence::DEFAULT,
        })
    }
}

/// One row: a value (or `all`) and its pay.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayRow {
    pub value: String,
    pub pay: PayFigure,
}

/// `hirepulse pay`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayReport {
    pub schema: u32,
    pub report: &'static str,
    pub dimension: Option<Dimension>,
    pub window: Span,
    pub filters: Filters,
    pub confidence: f64,
    pub n_postings: u64,
    /// Postings, jobs and the duplicate rate in the window, and what the counts count.
    pub duplicates: Duplicates,
    pub rows: Vec<PayRow>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// The pay distribution per `config`.
pub fn pay<S: PostingSource + ?Sized>(
    source: &S,
    config: &PayConfig,
) -> Result<PayReport, ReportError> {
    let population = load(source, config.window, &config.filters)?;
    let all: Vec<&ReportPosting> = population.current.iter().map(|(_, p)| p).collect();
    let mut rows = Vec::new();
    match config.dimension {
        None => rows.push(PayRow {
            value: "all".into(),
            pay: pay_of(
                &all,
                pay_scope_words(&config.filters, Some("all postings")),
                config.confidence,
                "all postings",
            )?,
        }),
        Some(dimension) => {
            for value in &config.values {
                let mine: Vec<&ReportPosting> = all
                    .iter()
                    .copied()
                    .filter(|p| values(p, dimension).contains(value))
                    .collect();
                rows.push(PayRow {
                    value: value.clone(),
                    pay: pay_of(
                        &mine,
                        pay_scope_words(&config.filters, None),
                        config.confidence,
                        value,
                    )?,
                });
            }
        }
    }
    let mut notes = notes(&population, config.dimension);
    // Growth is not part of this report: drop the comparison-window note.
    notes.retain(|n| !n.contains("growth cannot be measured"));
    Ok(PayReport {
        schema: SCHEMA_VERSION,
        report: "pay",
        dimension: config.dimension,
        window: population.window,
        filters: config.filters.clone(),
        confidence: config.confidence.level(),
        n_postings: population.current.len() as u64,
        duplicates: population.duplicates,
        rows,
        notes,
        data_source: source.describe(),
    })
}
