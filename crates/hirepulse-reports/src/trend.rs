//! `trend`: the monthly series of one or more values of a dimension — per month the postings
//! with the value, all postings (n), and the share with a Wilson interval — plus the Theil–Sen
//! trend of the share, with months the corpus captured incompletely flagged ([`coverage`]).
//!
//! Every month of the window is listed, also those with no postings (n = 0, no share), so a
//! gap is visible rather than closed up. The window defaults to all months with data: a trend
//! is about the long run, unlike the snapshot's last 12 months.
//!
//! [`coverage`]: crate::coverage

use crate::config::{Dimension, Filters, MonthWindow};
use crate::coverage::{Coverage, Status};
use crate::model::{ShareFigure, TrendFigure, SCHEMA_VERSION};
use crate::population::{passes, values, Duplicates, PostingSource};
use crate::{config::parse_month, stats_error, ReportError};
use hirepulse_stats::{monthly_trend, wilson, Confidence, MonthlyShare, YearMonth};
use hirepulse_store::report_queries::ReportPosting;
use serde::Serialize;
use std::collections::BTreeMap;

/// Settings of `trend`.
#[derive(Debug, Clone)]
pub struct TrendConfig {
    pub dimension: Dimension,
    pub values: Vec<String>,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
}

impl TrendConfig {
    /// Checked settings: at least one value, normalised, duplicates dropped.
    pub fn new(
        dimension: Dimension,
        values: &[String],
        window: MonthWindow,
        filters: Filters,
    ) -> Result<Self, ReportError> {
        let values = crate::config::dedup(dimension, values);
        if values.is_empty() {
            return Err(ReportError::BadValue {
                flag: "VALUE",
                value: String::new(),
                why: format!("name at least one {} to follow", dimension.name()),
            });
        }
        Ok(TrendConfig {
            dimension,
            values,
            window,
            filters,
            confidence: Confidence::DEFAULT,
        })
    }
}

/// One month of the window: all postings after filters, and its coverage flag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendMonth {
    pub month: YearMonth,
    pub n: u64,
    /// `missing`, `early_capture` or `partial` when the corpus captured the month incompletely.
    pub coverage: Option<Status>,
    pub coverage_note: Option<String>,
}

/// One value's share in one month (`share` is null for a month with no postings).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    pub month: YearMonth,
    #[serde(flatten)]
    pub share: ShareFigure,
}

/// One value's series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendSeries {
    pub value: String,
    /// Postings with the value over the whole window, of all postings in it.
    pub total: ShareFigure,
    /// Theil–Sen slope of the monthly share (share per year), months with postings only.
    pub trend: TrendFigure,
    pub points: Vec<TrendPoint>,
}

/// `hirepulse trend`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendReport {
    pub schema: u32,
    pub report: &'static str,
    pub dimension: Dimension,
    pub since: YearMonth,
    pub until: YearMonth,
    pub filters: Filters,
    pub confidence: f64,
    pub n_postings: u64,
    /// Postings, jobs and the duplicate rate in the window, and what the counts count.
    pub duplicates: Duplicates,
    pub months: Vec<TrendMonth>,
    pub series: Vec<TrendSeries>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// The window of a long-run report: `--since` (default the first month with data) to
/// `--until` (default the last).
pub(crate) fn full_window<S: PostingSource + ?Sized>(
    source: &S,
    window: MonthWindow,
) -> Result<(YearMonth, YearMonth), ReportError> {
    let range = source.month_range()?;
    let data = |pick: fn(&(String, String)) -> &String, what| -> Result<YearMonth, ReportError> {
        let range = range.as_ref().ok_or(ReportError::NoData)?;
        parse_month(what, pick(range))
    };
    let since = match window.since {
        Some(since) => since,
        None => data(|r| &r.0, "the store's first month")?,
    };
    let until = match window.until {
        Some(until) => until,
        None => data(|r| &r.1, "the store's last month")?,
    };
    if since > until {
        return Err(ReportError::EmptyWindow {
            since: since.to_string(),
            until: until.to_string(),
        });
    }
    Ok((since, until))
}

/// The monthly series of `config.values`.
pub fn trend<S: PostingSource + ?Sized>(
    source: &S,
    config: &TrendConfig,
) -> Result<TrendReport, ReportError> {
    let (since, until) = full_window(source, config.window)?;
    let postings = source.postings(&since.to_string(), &until.to_string(), false)?;
    // Each job once over the whole span (a job reposted monthly counts in its first month).
    let in_span = |p: &ReportPosting| {
        parse_month("month", &p.month).is_ok_and(|m| since <= m && m <= until)
            && passes(p, &config.filters)
    };
    let (postings, duplicates) = crate::population::count_once(
        postings.into_iter().filter(in_span).collect(),
        config.filters.count,
        |p| p,
    );
    // month -> (all, per value)
    let mut per_month: BTreeMap<YearMonth, (u64, Vec<u64>)> = BTreeMap::new();
    let mut month = since;
    while month <= until {
        per_month.insert(month, (0, vec![0; config.values.len()]));
        month = month.plus_months(1);
    }
    let mut n_postings = 0;
    let mut any_fact = false;
    for posting in &postings {
        let Ok(month) = parse_month("month", &posting.month) else {
            continue;
        };
        if !passes(posting, &config.filters) {
            continue;
        }
        let Some((all, hits)) = per_month.get_mut(&month) else {
            continue;
        };
        n_postings += 1;
        *all += 1;
        let have = values(posting, config.dimension);
        any_fact |= !have.is_empty();
        for (hit, value) in hits.iter_mut().zip(&config.values) {
            *hit += u64::from(have.contains(value));
        }
    }

    let coverage = Coverage::embedded();
    let months: Vec<TrendMonth> = per_month
        .iter()
        .map(|(&month, (n, _))| {
            let flag = coverage.flag(month);
            TrendMonth {
                month,
                n: *n,
                coverage: flag.map(|f| f.status),
                coverage_note: flag.map(|f| f.note.clone()),
            }
        })
        .collect();

    let mut series = Vec::with_capacity(config.values.len());
    for (index, value) in config.values.iter().enumerate() {
        let mut points = Vec::with_capacity(per_month.len());
        let mut shares = Vec::new();
        let mut hits_total = 0;
        for (&month, (n, hits)) in &per_month {
            let hit = hits.get(index).copied().unwrap_or(0);
            hits_total += hit;
            let share = wilson(hit, *n, config.confidence)
                .map_err(stats_error(format!("share of {value} in {month}")))?;
            if *n > 0 {
                shares.push(MonthlyShare { month, share });
            }
            points.push(TrendPoint {
                month,
                share: share.into(),
            });
        }
        let total = wilson(hits_total, n_postings, config.confidence)
            .map_err(stats_error(format!("share of {value}")))?;
        let trend = monthly_trend(&shares, config.confidence)
            .map_err(stats_error(format!("trend of {value}")))?;
        series.push(TrendSeries {
            value: value.clone(),
            total: total.into(),
            trend: trend.into(),
            points,
        });
    }

    let mut notes = Vec::new();
    if n_postings == 0 {
        notes.push(format!("no postings in {since}..{until} pass the filters"));
    } else if !any_fact {
        notes.push(format!(
            "no posting in the window has a {} fact: is extraction finished?",
            config.dimension.name()
        ));
    }
    let flagged = months.iter().filter(|m| m.coverage.is_some()).count();
    if flagged > 0 {
        notes.push(format!(
            "{flagged} month(s) were captured incompletely (marked x missing, e early capture, p partial; source: the corpus README): read changes there with care"
        ));
    }
    Ok(TrendReport {
        schema: SCHEMA_VERSION,
        report: "trend",
        dimension: config.dimension,
        since,
        until,
        filters: config.filters.clone(),
        confidence: config.confidence.level(),
        n_postings,
        duplicates,
        months,
        series,
        notes,
        data_source: source.describe(),
    })
}
