//! Pay-dataset figures: pay from the compensation datasets (surveys, official statistics,
//! filings) beside the posting figures, never mixed with them.
//!
//! Two uses. [`attach_survey`] fills each snapshot row's `survey` slot: for the lanes the
//! language is hired in (its best lanes, else its top lane; `--lane` when given) each dataset's
//! p25/p50/p75 with order-statistic intervals and n, and for the one dataset with a language
//! column (the EU survey) the language itself. [`dataset_pay`] is `hirepulse pay --dataset
//! NAME`: one dataset's distribution (p10..p90) under the report filters, overall or by lane,
//! seniority, country or language.
//!
//! Every figure says where it comes from: the dataset and its label, `kind` (survey,
//! official_statistics, filing), `basis` (base or total_comp), the years used, and the scope.
//! Years: a dataset's records from the report window's years when it has any, else its nearest
//! year (the latest before the window, else the earliest after it), said by `years_in_window:
//! false`; undated datasets (levels.fyi) use every record (`years: null`, `years_in_window:
//! false`). Official statistics (BLS OEWS) are published occupation
//! percentiles, not people: the figure is the lane's largest occupation in one year, with the
//! published values, `n` the occupation's employment estimate and no interval computed here.
//!
//! Labels come from the paydata mapping file; samples come from a [`PostingSource`], so the
//! store and the built-in baseline give the same figures.

use crate::config::{Dimension, Filters, Region};
use crate::model::{PercentileFigure, Snapshot, SurveyFigure, SurveySlot, SCHEMA_VERSION};
use crate::population::PostingSource;
use crate::snapshot::SENIOR_LEVELS;
use crate::{stats_error, ReportError};
use hirepulse_stats::{percentiles, Confidence, PercentileConfig};
use hirepulse_store::pay_records::{PaySample, SampleFilter};
use serde::Serialize;
use std::collections::BTreeSet;

/// The order datasets are listed in: total comp first, then the base-pay surveys, filings and
/// official statistics.
pub const DATASET_ORDER: [&str; 7] = [
    "levelsfyi",
    "aijobs",
    "infosec_jobs",
    "devops_jobs",
    "eu_it_survey_2020",
    "h1b",
    "bls_oews",
];

/// The dataset with a main-language column, matched by language directly.
pub const LANGUAGE_DATASET: &str = "eu_it_survey_2020";

/// A span of years (inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct YearRange {
    pub first: u16,
    pub last: u16,
}

impl YearRange {
    /// The years a month window spans, for `pay --dataset`: every year when the window is
    /// open at both ends; an open end reaches the first or last year there is.
    pub fn of_window(window: &crate::config::MonthWindow) -> Option<YearRange> {
        let year =
            |m: Option<hirepulse_stats::YearMonth>| m.and_then(|m| u16::try_from(m.year()).ok());
        match (year(window.since), year(window.until)) {
            (None, None) => None,
            (first, last) => Some(YearRange {
                first: first.unwrap_or(0),
                last: last.unwrap_or(u16::MAX),
            }),
        }
    }
}

/// Label, kind and basis of a dataset id (from the mapping file; the id itself when unknown).
fn info(dataset: &str) -> (String, String, String) {
    match hirepulse_paydata::Mapping::builtin().dataset(dataset) {
        Some(i) => (i.label.clone(), i.kind.clone(), i.basis.clone()),
        None => (dataset.to_string(), "survey".into(), "base".into()),
    }
}

/// Which samples are in scope: level, place and years.
struct Scope<'a> {
    filters: &'a Filters,
    /// The levels counted when `--seniority` is not given (`None`: all levels).
    default_levels: Option<&'a [&'a str]>,
    /// The place when `--region` is not given (`None`: anywhere).
    default_region: Option<Region>,
    /// Years of the report window.
    years: Option<YearRange>,
}

impl Scope<'_> {
    fn level_ok(&self, sample: &PaySample) -> bool {
        if sample.kind == "official_statistics" {
            return true; // occupations, all levels
        }
        match (&self.filters.seniority, self.default_levels) {
            (Some(level), _) => sample.level.as_deref() == Some(level.as_str()),
            (None, Some(levels)) => sample.level.as_deref().is_some_and(|l| levels.contains(&l)),
            (None, None) => true,
        }
    }

    fn region_ok(&self, sample: &PaySample) -> bool {
        let region = self
            .filters
            .region
            .as_ref()
            .or(self.default_region.as_ref());
        match region {
            None => true,
            Some(Region::Us) => sample.country.as_deref() == Some("US"),
            Some(Region::Country(code)) => sample.country.as_deref() == Some(code.as_str()),
        }
    }

    fn words(&self, official: bool) -> String {
        let level = match (&self.filters.seniority, self.default_levels) {
            _ if official => "all levels".to_string(),
            (Some(level), _) => format!("{level} level"),
            (None, Some(levels)) => levels.join(", "),
            (None, None) => "all levels".into(),
        };
        let region = match self
            .filters
            .region
            .as_ref()
            .or(self.default_region.as_ref())
        {
            None => "all countries".to_string(),
            Some(Region::Us) => "US".into(),
            Some(Region::Country(code)) => code.clone(),
        };
        format!("{level}; {region}")
    }
}

/// The samples of one dataset for the chosen years: in-window years when any, else the latest
/// year before the window's end (else the earliest after it); undated samples all.
fn pick_years<'s>(
    samples: &[&'s PaySample],
    window: Option<YearRange>,
) -> (Vec<&'s PaySample>, Option<YearRange>, bool) {
    let years: BTreeSet<u16> = samples.iter().filter_map(|s| s.year).collect();
    if years.is_empty() {
        // Undated (levels.fyi): every record, and never "in the window".
        return (samples.to_vec(), None, false);
    }
    let chosen: BTreeSet<u16> = match window {
        None => years.clone(),
        Some(w) => {
            let inside: BTreeSet<u16> = years.range(w.first..=w.last).copied().collect();
            if inside.is_empty() {
                years
                    .range(..w.first)
                    .next_back()
                    .or_else(|| years.iter().next())
                    .copied()
                    .into_iter()
                    .collect()
            } else {
                inside
            }
        }
    };
    let in_window = match window {
        None => true,
        Some(w) => chosen.iter().all(|y| (w.first..=w.last).contains(y)),
    };
    let range = match (chosen.iter().next(), chosen.iter().next_back()) {
        (Some(&first), Some(&last)) => Some(YearRange { first, last }),
        _ => None,
    };
    let kept = samples
        .iter()
        .copied()
        .filter(|s| s.year.is_some_and(|y| chosen.contains(&y)))
        .collect();
    (kept, range, in_window)
}

/// Percentile figures of `values` at `qs` with order-statistic intervals.
fn figures(
    values: &[f64],
    qs: &[f64],
    confidence: Confidence,
    what: &str,
) -> Result<Vec<PercentileFigure>, ReportError> {
    let config = PercentileConfig {
        confidence,
        ..PercentileConfig::default()
    };
    Ok(percentiles(values, qs, config)
        .map_err(stats_error(format!("pay-dataset percentiles of {what}")))?
        .into_iter()
        .map(PercentileFigure::from)
        .collect())
}

/// Published percentiles (no interval): `n` is the employment estimate.
fn published_figures(sample: &PaySample, qs: &[f64]) -> Vec<PercentileFigure> {
    let published = sample.published.clone().unwrap_or_default();
    let n = usize::try_from(published.employment.unwrap_or(0)).unwrap_or(usize::MAX);
    qs.iter()
        .map(|&q| {
            let value = if (q - 0.1).abs() < 1e-9 {
                published.p10
            } else if (q - 0.25).abs() < 1e-9 {
                published.p25
            } else if (q - 0.5).abs() < 1e-9 {
                Some(sample.annual_usd)
            } else if (q - 0.75).abs() < 1e-9 {
                published.p75
            } else if (q - 0.9).abs() < 1e-9 {
                published.p90
            } else {
                None
            };
            PercentileFigure {
                q,
                n,
                value,
                ci_low: None,
                ci_high: None,
                small_sample: false,
            }
        })
        .collect()
}

/// One dataset's figure for the samples that matched (already filtered by lane or language).
#[allow(clippy::too_many_arguments)] // reason: the figure's labels, each named at the call
fn dataset_figure(
    dataset: &str,
    matched: &[&PaySample],
    scope: &Scope<'_>,
    matched_by: &'static str,
    lane: Option<&str>,
    language: Option<&str>,
    confidence: Confidence,
) -> Result<Option<SurveyFigure>, ReportError> {
    let in_scope: Vec<&PaySample> = matched
        .iter()
        .copied()
        .filter(|s| s.dataset == dataset && scope.level_ok(s) && scope.region_ok(s))
        .collect();
    if in_scope.is_empty() {
        return Ok(None);
    }
    let (label, kind, basis) = info(dataset);
    let (kept, years, years_in_window) = pick_years(&in_scope, scope.years);
    let what = format!("{dataset} {}", lane.or(language).unwrap_or(""));
    let official = kind == "official_statistics";
    let (n, quartiles, occupation) = if official {
        // The lane's largest occupation (by employment) in the chosen year.
        let Some(top) = kept.iter().copied().max_by(|a, b| {
            let emp = |s: &PaySample| s.published.as_ref().and_then(|p| p.employment);
            emp(a).cmp(&emp(b)).then_with(|| {
                let name = |s: &PaySample| s.published.as_ref().map(|p| p.occupation.clone());
                name(b).cmp(&name(a))
            })
        }) else {
            return Ok(None);
        };
        let employment = top.published.as_ref().and_then(|p| p.employment);
        (
            employment.unwrap_or(0),
            published_figures(top, &[0.25, 0.5, 0.75]),
            top.published.as_ref().map(|p| p.occupation.clone()),
        )
    } else {
        let values: Vec<f64> = kept.iter().map(|s| s.annual_usd).collect();
        (
            values.len() as u64,
            figures(&values, &[0.25, 0.5, 0.75], confidence, &what)?,
            None,
        )
    };
    let mut quartiles = quartiles.into_iter();
    let (Some(p25), Some(p50), Some(p75)) = (quartiles.next(), quartiles.next(), quartiles.next())
    else {
        return Ok(None);
    };
    let small_sample = !official && (p25.small_sample || p50.small_sample || p75.small_sample);
    let mut scope_words = scope.words(official);
    if dataset == LANGUAGE_DATASET && scope.filters.region.is_none() {
        scope_words.push_str(" (respondents mostly in Germany)");
    }
    Ok(Some(SurveyFigure {
        dataset: dataset.to_string(),
        source: label,
        kind,
        basis,
        matched_by,
        lane: lane.map(str::to_string),
        language: language.map(str::to_string),
        scope: scope_words,
        years,
        years_in_window,
        occupation,
        n,
        p25,
        p50,
        p75,
        published: official,
        small_sample,
    }))
}

/// The lanes a snapshot row's survey figures cover: `--lane` when given, else the row's best
/// lanes, else its most common lane.
fn row_lanes(row: &crate::model::LanguageRow, filters: &Filters) -> Vec<String> {
    if let Some(lane) = &filters.lane {
        return vec![lane.clone()];
    }
    let best: Vec<String> = row.best_lanes.iter().map(|l| l.lane.clone()).collect();
    if !best.is_empty() {
        return best;
    }
    row.lane_mix
        .first()
        .map(|l| l.lane.clone())
        .into_iter()
        .collect()
}

/// Fills each row's `survey` slot from the pay datasets of `source` (one read for all rows).
pub fn attach_survey<S: PostingSource + ?Sized>(
    source: &S,
    report: &mut Snapshot,
    confidence: Confidence,
) -> Result<(), ReportError> {
    let lanes_per_row: Vec<Vec<String>> = report
        .languages
        .iter()
        .map(|row| row_lanes(row, &report.filters))
        .collect();
    let all_lanes: BTreeSet<String> = lanes_per_row.iter().flatten().cloned().collect();
    let languages: Vec<String> = report
        .languages
        .iter()
        .map(|r| r.language.clone())
        .collect();
    let samples = source.pay_samples(&SampleFilter {
        dataset: None,
        lanes: Some(all_lanes.into_iter().collect()),
        languages: Some(languages),
    })?;
    let window = &report.windows.window;
    let years = u16::try_from(window.since.year())
        .ok()
        .zip(u16::try_from(window.until.year()).ok())
        .map(|(first, last)| YearRange { first, last });
    let lane_scope = Scope {
        filters: &report.filters,
        default_levels: Some(&SENIOR_LEVELS),
        default_region: Some(Region::Us),
        years,
    };
    // The EU survey is matched by language anywhere (its respondents are in Europe), unless
    // `--region` says otherwise.
    let language_scope = Scope {
        filters: &report.filters,
        default_levels: Some(&SENIOR_LEVELS),
        default_region: None,
        years,
    };
    for (row, lanes) in report.languages.iter_mut().zip(&lanes_per_row) {
        let mut slot = SurveySlot::measured();
        for lane in lanes {
            let matched: Vec<&PaySample> = samples
                .iter()
                .filter(|s| s.lane.as_deref() == Some(lane.as_str()))
                .collect();
            for dataset in DATASET_ORDER {
                if let Some(figure) = dataset_figure(
                    dataset,
                    &matched,
                    &lane_scope,
                    "lane",
                    Some(lane),
                    None,
                    confidence,
                )? {
                    slot.figures.push(figure);
                }
            }
        }
        let by_language: Vec<&PaySample> = samples
            .iter()
            .filter(|s| s.language.as_deref() == Some(row.language.as_str()))
            .collect();
        if let Some(figure) = dataset_figure(
            LANGUAGE_DATASET,
            &by_language,
            &language_scope,
            "language",
            None,
            Some(&row.language),
            confidence,
        )? {
            slot.figures.push(figure);
        }
        if samples.is_empty() {
            slot = SurveySlot::not_available();
        } else if slot.figures.is_empty() {
            slot.note = format!(
                "no pay-dataset record matches {} ({}) in scope",
                row.language,
                if lanes.is_empty() {
                    "no lane".to_string()
                } else {
                    format!("lanes {}", lanes.join(", "))
                }
            );
        }
        row.survey = slot;
    }
    Ok(())
}

/// Settings of `pay --dataset NAME`.
#[derive(Debug, Clone)]
pub struct DatasetPayConfig {
    pub dataset: String,
    /// `None`: one row for every record in scope.
    pub dimension: Option<Dimension>,
    pub values: Vec<String>,
    pub filters: Filters,
    /// Years kept (`None`: all).
    pub years: Option<YearRange>,
    pub confidence: Confidence,
}

impl DatasetPayConfig {
    /// Checked settings: a known dataset; a dimension the datasets have (lane, seniority,
    /// country, language) with at least one value.
    pub fn new(
        dataset: &str,
        dimension: Option<Dimension>,
        values: &[String],
        filters: Filters,
        years: Option<YearRange>,
    ) -> Result<Self, ReportError> {
        let dataset = dataset.trim().to_lowercase().replace('-', "_");
        if !DATASET_ORDER.contains(&dataset.as_str()) {
            return Err(ReportError::BadValue {
                flag: "--dataset",
                value: dataset,
                why: format!("choose one of {}", DATASET_ORDER.join(", ")),
            });
        }
        let values = match dimension {
            Some(Dimension::WorkMode | Dimension::Employment) => {
                return Err(ReportError::BadValue {
                    flag: "--by",
                    value: dimension.map_or("", |d| d.name()).into(),
                    why: "pay datasets have lane, seniority, country and language".into(),
                })
            }
            Some(d) => {
                let values = crate::config::dedup(d, values);
                if values.is_empty() {
                    return Err(ReportError::BadValue {
                        flag: "--by",
                        value: d.name().into(),
                        why: format!("name at least one {} after it", d.name()),
                    });
                }
                values
            }
            None => Vec::new(),
        };
        Ok(DatasetPayConfig {
            dataset,
            dimension,
            values,
            filters,
            years,
            confidence: Confidence::DEFAULT,
        })
    }
}

/// One row of `pay --dataset`: a value (or `all`, or an occupation and year for official
/// statistics) and its distribution.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetPayRow {
    pub value: String,
    pub n: u64,
    pub years: Option<YearRange>,
    /// Official statistics: the occupation.
    pub occupation: Option<String>,
    /// p10, p25, p50, p75, p90.
    pub percentiles: Vec<PercentileFigure>,
    pub small_sample: bool,
}

/// `hirepulse pay --dataset NAME`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatasetPayReport {
    pub schema: u32,
    pub report: &'static str,
    pub dataset: String,
    pub source: String,
    pub kind: String,
    pub basis: String,
    pub dimension: Option<Dimension>,
    pub filters: Filters,
    pub years: Option<YearRange>,
    pub confidence: f64,
    /// Usable records of the dataset in scope (all rows together).
    pub n_records: u64,
    pub rows: Vec<DatasetPayRow>,
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

const QUANTILES: [f64; 5] = [0.1, 0.25, 0.5, 0.75, 0.9];

fn value_of(sample: &PaySample, dimension: Dimension) -> Option<&str> {
    match dimension {
        Dimension::Lane => sample.lane.as_deref(),
        Dimension::Seniority => sample.level.as_deref(),
        Dimension::Country => sample.country.as_deref(),
        Dimension::Language => sample.language.as_deref(),
        Dimension::WorkMode | Dimension::Employment => None,
    }
}

/// The pay distribution of one dataset per `config`.
pub fn dataset_pay<S: PostingSource + ?Sized>(
    source: &S,
    config: &DatasetPayConfig,
) -> Result<DatasetPayReport, ReportError> {
    let samples = source.pay_samples(&SampleFilter {
        dataset: Some(config.dataset.clone()),
        lanes: config.filters.lane.clone().map(|l| vec![l]),
        languages: None,
    })?;
    let scope = Scope {
        filters: &config.filters,
        default_levels: None,
        default_region: None,
        years: None,
    };
    let in_scope: Vec<&PaySample> = samples
        .iter()
        .filter(|s| scope.level_ok(s) && scope.region_ok(s))
        .filter(|s| match (config.years, s.year) {
            (None, _) => true,
            (Some(range), Some(year)) => (range.first..=range.last).contains(&year),
            (Some(_), None) => true, // undated datasets: every record
        })
        .collect();
    let (label, kind, basis) = info(&config.dataset);
    let official = kind == "official_statistics";
    let groups: Vec<(String, Vec<&PaySample>)> = match config.dimension {
        None => vec![("all".into(), in_scope.clone())],
        Some(d) => config
            .values
            .iter()
            .map(|v| {
                let mine = in_scope
                    .iter()
                    .copied()
                    .filter(|s| value_of(s, d) == Some(v.as_str()))
                    .collect();
                (v.clone(), mine)
            })
            .collect(),
    };
    let mut rows = Vec::new();
    for (value, group) in groups {
        if official {
            // Occupations are not people: one row per occupation and year, as published.
            let mut sorted = group.clone();
            sorted.sort_by(|a, b| {
                let name = |s: &PaySample| s.published.as_ref().map(|p| p.occupation.clone());
                b.year.cmp(&a.year).then(name(a).cmp(&name(b)))
            });
            for sample in sorted {
                let n = sample
                    .published
                    .as_ref()
                    .and_then(|p| p.employment)
                    .unwrap_or(0);
                rows.push(DatasetPayRow {
                    value: value.clone(),
                    n,
                    years: sample.year.map(|y| YearRange { first: y, last: y }),
                    occupation: sample.published.as_ref().map(|p| p.occupation.clone()),
                    percentiles: published_figures(sample, &QUANTILES),
                    small_sample: false,
                });
            }
            continue;
        }
        let values: Vec<f64> = group.iter().map(|s| s.annual_usd).collect();
        let years: BTreeSet<u16> = group.iter().filter_map(|s| s.year).collect();
        let percentiles = figures(&values, &QUANTILES, config.confidence, &value)?;
        rows.push(DatasetPayRow {
            value,
            n: values.len() as u64,
            years: match (years.iter().next(), years.iter().next_back()) {
                (Some(&first), Some(&last)) => Some(YearRange { first, last }),
                _ => None,
            },
            occupation: None,
            small_sample: percentiles.iter().any(|p| p.small_sample),
            percentiles,
        });
    }
    let mut notes = Vec::new();
    if samples.is_empty() {
        notes.push(format!(
            "no usable records of {} here: run `hirepulse ingest-pay ../shared/pay` (or use the built-in baseline)",
            config.dataset
        ));
    }
    if official {
        notes.push(
            "official statistics: published occupation percentiles (no interval computed); n is the occupation's employment estimate"
                .into(),
        );
    }
    if config.dataset == "levelsfyi" {
        notes.push(
            "levels.fyi sample: total compensation, undated (about 2017-2021), filtered by a third party; its level comes from the title, else from years of experience".into(),
        );
    }
    Ok(DatasetPayReport {
        schema: SCHEMA_VERSION,
        report: "pay_dataset",
        dataset: config.dataset.clone(),
        source: label,
        kind,
        basis,
        dimension: config.dimension,
        filters: config.filters.clone(),
        years: config.years,
        confidence: config.confidence.level(),
        n_records: in_scope.len() as u64,
        rows,
        notes,
        data_source: source.describe(),
    })
}

#[cfg(test)]
mod tests {
    use super::YearRange;
    use crate::config::{parse_month, MonthWindow};

    #[test]
    fn a_window_chooses_the_dataset_years() {
        let month = |m: &str| parse_month("--since", m).ok();
        let window = |since: Option<&str>, until: Option<&str>| MonthWindow {
            since: since.and_then(month),
            until: until.and_then(month),
        };
        assert_eq!(YearRange::of_window(&window(None, None)), None);
        assert_eq!(
            YearRange::of_window(&window(Some("2021-06"), Some("2023-02"))),
            Some(YearRange {
                first: 2021,
                last: 2023
            })
        );
        assert_eq!(
            YearRange::of_window(&window(None, Some("2020-12"))),
            Some(YearRange {
                first: 0,
                last: 2020
            })
        );
        assert_eq!(
            YearRange::of_window(&window(Some("2022-01"), None)),
            Some(YearRange {
                first: 2022,
                last: u16::MAX
            })
        );
    }
}
