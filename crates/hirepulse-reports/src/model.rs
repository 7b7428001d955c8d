//! The report values: plain serialisable data, the JSON schema documented in the README.
//!
//! Every figure carries its `n`; every estimate carries `ci_low`/`ci_high` (null when the data
//! cannot bound it) and `small_sample`, set by the thresholds below and never used to hide a
//! figure. The types are the reports' own rather than the statistics crate's so the schema stays
//! stable and flat while the statistics evolve.

use crate::config::{Dimension, Filters};
use crate::population::Span;
use hirepulse_stats::{Concentration, Growth, LaneMix, PaySummary, Share, Trend, Volatility};
use serde::Serialize;

/// A share is a small sample when fewer than this many postings match...
pub const SMALL_COUNT: u64 = 10;
/// ... or fewer than this many postings are counted.
pub const SMALL_N: u64 = 30;
/// A trend or volatility over fewer months than this is a small sample.
pub const SMALL_MONTHS: usize = 6;

/// `count` of `n` postings, with a Wilson interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareFigure {
    pub count: u64,
    pub n: u64,
    pub share: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub small_sample: bool,
}

impl From<Share> for ShareFigure {
    fn from(share: Share) -> Self {
        ShareFigure {
            count: share.successes,
            n: share.n,
            share: share.share,
            ci_low: share.ci_low,
            ci_high: share.ci_high,
            small_sample: share.successes < SMALL_COUNT || share.n < SMALL_N,
        }
    }
}

/// Growth of a share from the comparison window to the report window: `growth` = ratio − 1
/// (0.25 = the share grew by a quarter), with an interval from the log ratio.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GrowthFigure {
    /// Matching postings and all postings in the comparison window.
    pub before: u64,
    pub before_n: u64,
    /// Same, in the report window.
    pub after: u64,
    pub after_n: u64,
    /// All postings counted (both windows).
    pub n: u64,
    pub growth: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub small_sample: bool,
}

impl From<Growth> for GrowthFigure {
    fn from(growth: Growth) -> Self {
        GrowthFigure {
            before: growth.before,
            before_n: growth.before_total.unwrap_or(0),
            after: growth.after,
            after_n: growth.after_total.unwrap_or(0),
            n: growth.n,
            growth: growth.growth,
            ci_low: growth.ci_low,
            ci_high: growth.ci_high,
            small_sample: growth.before < SMALL_COUNT || growth.after < SMALL_COUNT,
        }
    }
}

/// One pay percentile (annual USD) with its order-statistic interval.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PercentileFigure {
    /// 0.1 for p10 ...
    pub q: f64,
    pub n: usize,
    pub value: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub small_sample: bool,
}

impl From<hirepulse_stats::Percentile> for PercentileFigure {
    fn from(p: hirepulse_stats::Percentile) -> Self {
        PercentileFigure {
            q: p.q,
            n: p.n,
            value: p.value,
            ci_low: p.ci_low,
            ci_high: p.ci_high,
            small_sample: p.small_sample,
        }
    }
}

/// Posted pay: percentiles of the annualised USD midpoints of the postings in `scope` that
/// state pay, how many do (`n`) and the disclosure share (postings with pay / postings).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayFigure {
    /// Which postings, in words (e.g. "senior, staff or lead postings in the US").
    pub scope: String,
    /// Always "posting" (pay written in job postings); survey figures are in `survey`.
    pub source: &'static str,
    /// Postings with pay.
    pub n: usize,
    /// Postings in scope, with or without pay.
    pub n_postings: u64,
    pub disclosure: ShareFigure,
    pub percentiles: Vec<PercentileFigure>,
    pub small_sample: bool,
}

impl PayFigure {
    /// A posted-pay figure from its percentile summary, postings in scope and disclosure.
    pub fn new(
        scope: String,
        summary: PaySummary,
        n_postings: u64,
        disclosure: ShareFigure,
    ) -> Self {
        PayFigure {
            scope,
            source: "posting",
            n: summary.n,
            n_postings,
            disclosure,
            percentiles: summary
                .percentiles
                .into_iter()
                .map(PercentileFigure::from)
                .collect(),
            small_sample: summary.small_sample,
        }
    }

    /// The percentile at `q`, if computed.
    pub fn percentile(&self, q: f64) -> Option<&PercentileFigure> {
        self.percentiles.iter().find(|p| (p.q - q).abs() < 1e-9)
    }
}

/// One lane's share of a language's postings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneShare {
    pub lane: String,
    #[serde(flatten)]
    pub share: ShareFigure,
}

/// A lane where the language is over-represented: lift = P(lane | language) / P(lane)
/// (= P(language | lane) / P(language)); `n` is the support (postings with both).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BestLane {
    pub lane: String,
    pub n: u64,
    pub lift: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// The interval lies above 1: the over-representation is not sampling noise.
    pub clear: bool,
    pub small_sample: bool,
}

/// Share of the language's postings by the top 10 companies, and the HHI (0..10000).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcentrationFigure {
    /// Postings with a known company.
    pub n: u64,
    pub n_companies: usize,
    pub top_k: usize,
    pub top_share: Option<f64>,
    pub hhi: Option<f64>,
    pub small_sample: bool,
}

impl From<Concentration> for ConcentrationFigure {
    fn from(c: Concentration) -> Self {
        ConcentrationFigure {
            n: c.n,
            n_companies: c.n_companies,
            top_k: c.top_k,
            top_share: c.top_share,
            hhi: c.hhi,
            small_sample: c.n < SMALL_N,
        }
    }
}

/// Volatility of the monthly share: coefficient of variation and SD of month-to-month changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VolatilityFigure {
    /// Months.
    pub n: usize,
    pub mean: Option<f64>,
    pub cv: Option<f64>,
    pub sd_of_changes: Option<f64>,
    /// The CV that binomial sampling noise alone would give at these monthly totals: a share
    /// of a few dozen postings a month moves this much with no change in demand at all.
    pub sampling_noise_cv: Option<f64>,
    pub small_sample: bool,
}

impl From<Volatility> for VolatilityFigure {
    fn from(v: Volatility) -> Self {
        VolatilityFigure {
            n: v.n,
            mean: v.mean,
            cv: v.cv,
            sd_of_changes: v.sd_of_changes,
            sampling_noise_cv: None,
            small_sample: v.n < SMALL_MONTHS,
        }
    }
}

/// Theil–Sen slope of the monthly share, in share per year (0.01 = +1 point a year).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendFigure {
    /// Months.
    pub n: usize,
    pub slope_per_year: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub small_sample: bool,
}

impl From<Trend> for TrendFigure {
    fn from(t: Trend) -> Self {
        TrendFigure {
            n: t.n,
            slope_per_year: t.slope,
            ci_low: t.ci_low,
            ci_high: t.ci_high,
            small_sample: t.n < SMALL_MONTHS,
        }
    }
}

/// How narrow the lane mix is: the top lane's share of lane mentions, normalised entropy and
/// the effective number of lanes (exp of the entropy).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LaneMixFigure {
    /// Lane mentions.
    pub n: u64,
    pub n_lanes: usize,
    pub top_lane: Option<String>,
    pub top_share: Option<f64>,
    pub normalised_entropy: Option<f64>,
    pub effective_lanes: Option<f64>,
    pub small_sample: bool,
}

impl From<LaneMix> for LaneMixFigure {
    fn from(m: LaneMix) -> Self {
        LaneMixFigure {
            small_sample: m.n < SMALL_N,
            n: m.n,
            n_lanes: m.n_lanes,
            top_lane: m.top_lane,
            top_share: m.top_share,
            normalised_entropy: m.normalised_entropy,
            effective_lanes: m.effective_lanes,
        }
    }
}

/// One risk signal in words, with whether it is a warning; the numbers are in [`Risk`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Signal {
    /// `concentration`, `trend`, `volatility`, `lane_mix` or `sample`.
    pub kind: &'static str,
    pub warning: bool,
    pub text: String,
}

/// The risk figures and the signals read from them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Risk {
    pub concentration: ConcentrationFigure,
    pub volatility: VolatilityFigure,
    pub trend: TrendFigure,
    pub lane_mix: LaneMixFigure,
    pub signals: Vec<Signal>,
}

/// Pay-dataset figures for the language's lanes (and, where a dataset has a language column,
/// the language), each labelled by dataset, kind (survey, official statistics, filing) and
/// basis (base or total comp); kept apart from the posting figures. See `crate::datasets`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveySlot {
    /// `measured`, or `not_available` when the source holds no pay-dataset records.
    pub status: &'static str,
    pub note: String,
    pub figures: Vec<SurveyFigure>,
}

/// One pay-dataset figure: p25/p50/p75 (annual USD) for a lane or language from a named
/// dataset, with n and intervals.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SurveyFigure {
    /// Dataset id, e.g. `levelsfyi`.
    pub dataset: String,
    /// Its label, e.g. "levels.fyi sample (third-party cut, undated ~2017-2021)".
    pub source: String,
    /// `survey`, `official_statistics` or `filing` (never `posting`).
    pub kind: String,
    /// `base` or `total_comp`.
    pub basis: String,
    /// `lane` or `language`: how the records were matched to the row.
    pub matched_by: &'static str,
    pub lane: Option<String>,
    pub language: Option<String>,
    /// Which records, in words (levels; place).
    pub scope: String,
    /// The years used; `null` for an undated dataset.
    pub years: Option<crate::datasets::YearRange>,
    /// True when every record used is from the report window's years; false when the dataset
    /// has none there (its nearest year is used) or is undated.
    pub years_in_window: bool,
    /// Official statistics: the occupation the figure is (the lane's largest).
    pub occupation: Option<String>,
    /// Records (people) behind the figure; for official statistics, the employment estimate.
    pub n: u64,
    pub p25: PercentileFigure,
    pub p50: PercentileFigure,
    pub p75: PercentileFigure,
    /// Published percentiles (official statistics): no interval computed here.
    pub published: bool,
    pub small_sample: bool,
}

impl SurveySlot {
    pub(crate) fn not_available() -> Self {
        SurveySlot {
            status: "not_available",
            note: "no pay-dataset records in this source: run `hirepulse ingest-pay ../shared/pay`"
                .into(),
            figures: Vec::new(),
        }
    }

    pub(crate) fn measured() -> Self {
        SurveySlot {
            status: "measured",
            note: "pay datasets, not postings: base vs total comp and survey vs official statistics as labelled; lanes are the language's best lanes (else its top lane; --lane when given)".into(),
            figures: Vec::new(),
        }
    }
}

/// One language's row of the snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LanguageRow {
    pub language: String,
    /// Postings naming the language, of all postings in the window (after filters).
    pub postings: ShareFigure,
    pub growth: GrowthFigure,
    /// Share of the language's postings per lane (a posting can have several lanes).
    pub lane_mix: Vec<LaneShare>,
    /// Up to three lanes with lift > 1 and enough support, clear ones (interval above 1) first,
    /// then by lift.
    pub best_lanes: Vec<BestLane>,
    pub pay: PayFigure,
    pub survey: SurveySlot,
    pub risk: Risk,
}

/// The window and comparison window of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Windows {
    pub window: Span,
    /// The window growth compares against.
    pub previous: Span,
    /// Postings, jobs and the duplicate rate in the window, and what the counts count.
    pub duplicates: crate::population::Duplicates,
}

/// `hirepulse snapshot`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// The JSON schema version of this value.
    pub schema: u32,
    pub report: &'static str,
    #[serde(flatten)]
    pub windows: Windows,
    pub filters: Filters,
    pub confidence: f64,
    /// Postings in the window after filters (the denominator of shares).
    pub n_postings: u64,
    pub n_postings_previous: u64,
    pub languages: Vec<LanguageRow>,
    pub notes: Vec<String>,
    /// Where the figures come from when not from the store (the built-in baseline and its
    /// provenance); absent for a store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// One value's row of a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CompareRow {
    pub value: String,
    pub postings: ShareFigure,
    pub growth: GrowthFigure,
    pub pay: PayFigure,
}

/// `hirepulse compare`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub schema: u32,
    pub report: &'static str,
    pub dimension: Dimension,
    #[serde(flatten)]
    pub windows: Windows,
    pub filters: Filters,
    pub confidence: f64,
    pub n_postings: u64,
    pub n_postings_previous: u64,
    pub rows: Vec<CompareRow>,
    pub notes: Vec<String>,
    /// Where the figures come from when not from the store (the built-in baseline and its
    /// provenance); absent for a store.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_source: Option<String>,
}

/// The JSON schema version of reports.
pub const SCHEMA_VERSION: u32 = 1;
