//! `snapshot`: the measured "Python vs Go vs Rust" table, one row per language.
//!
//! Per language: postings and share of all postings in the window; year-over-year growth of the
//! share; the lane mix and the best lanes by lift; senior US posted pay (p10..p90); risk signals
//! — top-10 company share and HHI, monthly share volatility, Theil–Sen trend, lane-mix
//! narrowness — each in words with the numbers beside it. Thresholds for the words are
//! constants below, so a reader can see when "concentrated" starts.
//!
//! Pay scope: senior (senior, staff or lead) postings in the US (a US place or US-eligible
//! remote). `--seniority` or `--region` replace the implied level or place, since the filters
//! already chose the postings.

use crate::compare::{growth_of, notes, pay_of, pay_scope_words, share_of};
use crate::config::{Dimension, Region, SnapshotConfig};
use crate::model::{
    BestLane, LaneShare, LanguageRow, Risk, Signal, Snapshot, SurveySlot, Windows, SCHEMA_VERSION,
};
use crate::population::{in_region, load, Population, PostingSource};
use crate::{stats_error, ReportError};
use hirepulse_stats::{
    concentration, lane_mix, lift, monthly_shares, monthly_trend, monthly_volatility, wilson,
    Confidence, LiftConfig, MonthlyCount,
};
use hirepulse_store::report_queries::ReportPosting;
use std::collections::BTreeMap;

/// The seniority levels counted as "senior" for the pay column.
pub const SENIOR_LEVELS: [&str; 3] = ["senior", "staff", "lead"];
/// Best lanes need at least this many postings with both the language and the lane.
pub const MIN_LANE_SUPPORT: u64 = 10;
/// At most this many best lanes are listed.
pub const MAX_BEST_LANES: usize = 3;
/// The top 10 companies holding at least this share of postings reads "concentrated".
pub const CONCENTRATED_TOP10_SHARE: f64 = 0.25;
/// A monthly-share coefficient of variation at least this reads "volatile", when it is also
/// [`VOLATILE_OVER_NOISE`] times what sampling noise alone gives.
pub const VOLATILE_CV: f64 = 0.25;
pub const VOLATILE_OVER_NOISE: f64 = 1.5;
/// A top lane with at least this share of lane mentions, or fewer effective lanes than
/// [`NARROW_EFFECTIVE_LANES`], reads "narrow".
pub const NARROW_TOP_LANE_SHARE: f64 = 0.5;
pub const NARROW_EFFECTIVE_LANES: f64 = 3.0;

/// The snapshot for `config.languages`.
pub fn snapshot<S: PostingSource + ?Sized>(
    store: &S,
    config: &SnapshotConfig,
) -> Result<Snapshot, ReportError> {
    let population = load(store, config.window, &config.filters)?;
    let mut report = snapshot_from(&population, config)?;
    crate::datasets::attach_survey(store, &mut report, config.confidence)?;
    report.data_source = store.describe();
    Ok(report)
}

/// The snapshot of already-loaded postings.
pub fn snapshot_from(
    population: &Population,
    config: &SnapshotConfig,
) -> Result<Snapshot, ReportError> {
    let languages = config
        .languages
        .iter()
        .map(|language| language_row(population, config, language))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Snapshot {
        schema: SCHEMA_VERSION,
        report: "snapshot",
        windows: Windows {
            window: population.window,
            previous: population.previous,
            duplicates: population.duplicates,
        },
        filters: config.filters.clone(),
        confidence: config.confidence.level(),
        n_postings: population.current.len() as u64,
        n_postings_previous: population.before.len() as u64,
        languages,
        notes: snapshot_notes(population),
        data_source: None,
    })
}

/// The general notes, plus one per fact the snapshot needs that no posting in the window has,
/// so an empty column says why (e.g. extraction not finished) instead of looking like data.
fn snapshot_notes(population: &Population) -> Vec<String> {
    let mut out = notes(population, Some(Dimension::Language));
    if population.current.is_empty() {
        return out;
    }
    let none_have =
        |fact: fn(&ReportPosting) -> bool| !population.current.iter().any(|(_, p)| fact(p));
    if none_have(|p| !p.lanes.is_empty()) {
        out.push("no posting in the window has a lane fact: lane mix, best lanes and lane-mix narrowness are empty".into());
    }
    if none_have(|p| !p.seniority.is_empty()) {
        out.push(
            "no posting in the window has a seniority fact: the senior pay scope is empty".into(),
        );
    }
    if none_have(|p| p.company.as_deref().is_some_and(|c| !c.trim().is_empty())) {
        out.push(
            "no posting in the window has a company fact: concentration cannot be measured".into(),
        );
    }
    out
}

fn language_row(
    population: &Population,
    config: &SnapshotConfig,
    language: &str,
) -> Result<LanguageRow, ReportError> {
    let confidence = config.confidence;
    let has = |p: &ReportPosting| p.languages.iter().any(|l| l == language);
    let postings = share_of(population, &has, confidence, language)?;
    let growth = growth_of(population, &has, confidence, language)?;
    let mine: Vec<&ReportPosting> = population
        .current
        .iter()
        .map(|(_, p)| p)
        .filter(|p| has(p))
        .collect();

    // Lane mix and best lanes.
    let mut lane_counts: BTreeMap<&str, (u64, u64)> = BTreeMap::new(); // lane -> (all, mine)
    for (_, posting) in &population.current {
        let is_mine = has(posting);
        for lane in &posting.lanes {
            let entry = lane_counts.entry(lane.as_str()).or_default();
            entry.0 += 1;
            entry.1 += u64::from(is_mine);
        }
    }
    let n_total = population.current.len() as u64;
    let n_mine = mine.len() as u64;
    let mut lane_shares = Vec::new();
    let mut best_lanes = Vec::new();
    for (&lane, &(n_lane, n_both)) in &lane_counts {
        if n_both == 0 {
            continue;
        }
        let share = wilson(n_both, n_mine, confidence)
            .map_err(stats_error(format!("{language} share in lane {lane}")))?;
        lane_shares.push(LaneShare {
            lane: lane.to_string(),
            share: share.into(),
        });
        let lift = lift(
            n_total,
            n_mine,
            n_lane,
            n_both,
            LiftConfig {
                confidence,
                min_support: MIN_LANE_SUPPORT,
            },
        )
        .map_err(stats_error(format!("{language} lift in lane {lane}")))?;
        if !lift.low_support && lift.lift.is_some_and(|l| l > 1.0) {
            best_lanes.push(BestLane {
                lane: lane.to_string(),
                n: n_both,
                lift: lift.lift,
                ci_low: lift.ci_low,
                ci_high: lift.ci_high,
                clear: lift.ci_low.is_some_and(|low| low > 1.0),
                small_sample: n_both < crate::model::SMALL_N,
            });
        }
    }
    lane_shares.sort_by(|a, b| b.share.count.cmp(&a.share.count).then(a.lane.cmp(&b.lane)));
    best_lanes.sort_by(|a, b| {
        b.clear
            .cmp(&a.clear)
            .then(b.lift.unwrap_or(0.0).total_cmp(&a.lift.unwrap_or(0.0)))
            .then(a.lane.cmp(&b.lane))
    });
    best_lanes.truncate(MAX_BEST_LANES);

    // Pay: senior US by default; the filters replace either part.
    let pay_postings: Vec<&ReportPosting> = mine
        .iter()
        .copied()
        .filter(|p| {
            config.filters.seniority.is_some()
                || p.seniority
                    .iter()
                    .any(|s| SENIOR_LEVELS.contains(&s.as_str()))
        })
        .filter(|p| config.filters.region.is_some() || in_region(p, &Region::Us))
        .collect();
    let implied = match (
        config.filters.seniority.is_some(),
        config.filters.region.is_some(),
    ) {
        (false, false) => Some("senior, staff or lead postings in the US"),
        (false, true) => Some("senior, staff or lead postings"),
        (true, false) => Some("postings in the US"),
        (true, true) => None,
    };
    let pay = pay_of(
        &pay_postings,
        pay_scope_words(&config.filters, implied),
        confidence,
        language,
    )?;

    let risk = risk(population, &has, &mine, &lane_shares, confidence, language)?;
    Ok(LanguageRow {
        language: language.to_string(),
        postings,
        growth,
        lane_mix: lane_shares,
        best_lanes,
        pay,
        survey: SurveySlot::not_available(),
        risk,
    })
}

fn risk(
    population: &Population,
    has: &dyn Fn(&ReportPosting) -> bool,
    mine: &[&ReportPosting],
    lane_shares: &[LaneShare],
    confidence: Confidence,
    language: &str,
) -> Result<Risk, ReportError> {
    // Companies, compared case-insensitively.
    let mut per_company: BTreeMap<String, u64> = BTreeMap::new();
    for posting in mine {
        if let Some(company) = posting
            .company
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            *per_company.entry(company.to_lowercase()).or_default() += 1;
        }
    }
    let counts: Vec<u64> = per_company.into_values().collect();
    let concentration: crate::model::ConcentrationFigure = concentration(&counts, 10).into();

    // Monthly share series.
    let mut months: BTreeMap<hirepulse_stats::YearMonth, (u64, u64)> = BTreeMap::new();
    for (month, posting) in &population.current {
        let entry = months.entry(*month).or_default();
        entry.0 += u64::from(has(posting));
        entry.1 += 1;
    }
    let counts: Vec<MonthlyCount> = months
        .into_iter()
        .map(|(month, (hits, total))| MonthlyCount { month, hits, total })
        .collect();
    let shares = monthly_shares(&counts, confidence)
        .map_err(stats_error(format!("monthly share of {language}")))?;
    let mut volatility: crate::model::VolatilityFigure = monthly_volatility(&shares).into();
    volatility.sampling_noise_cv = sampling_noise_cv(&counts);
    let trend: crate::model::TrendFigure = monthly_trend(&shares, confidence)
        .map_err(stats_error(format!("trend of {language}")))?
        .into();
    let mentions: Vec<(&str, u64)> = lane_shares
        .iter()
        .map(|l| (l.lane.as_str(), l.share.count))
        .collect();
    let lane_mix: crate::model::LaneMixFigure = lane_mix(&mentions).into();

    let mut signals = Vec::new();
    if let (Some(top), Some(hhi)) = (concentration.top_share, concentration.hhi) {
        let warning = top >= CONCENTRATED_TOP10_SHARE;
        signals.push(Signal {
            kind: "concentration",
            warning,
            text: format!(
                "{}: the top 10 of {} companies post {} of its postings (HHI {hhi:.0}, n={})",
                if warning {
                    "concentrated"
                } else {
                    "spread out"
                },
                concentration.n_companies,
                percent(top),
                concentration.n
            ),
        });
    }
    if let Some(slope) = trend.slope_per_year {
        let (word, warning) = match (trend.ci_low, trend.ci_high) {
            (_, Some(high)) if high < 0.0 => ("share falling", true),
            (Some(low), _) if low > 0.0 => ("share rising", false),
            _ => ("no clear trend", false),
        };
        signals.push(Signal {
            kind: "trend",
            warning,
            text: format!(
                "{word}: {} a year (CI {} to {}, {} months)",
                points(slope),
                trend.ci_low.map_or("?".into(), points),
                trend.ci_high.map_or("?".into(), points),
                trend.n
            ),
        });
    }
    if let Some(cv) = volatility.cv {
        let noise = volatility.sampling_noise_cv;
        let warning = cv >= VOLATILE_CV
            && noise.is_none_or(|noise| cv >= VOLATILE_OVER_NOISE * noise)
            && !volatility.small_sample;
        signals.push(Signal {
            kind: "volatility",
            warning,
            text: format!(
                "{}: monthly share varies by {} of its mean (CV {cv:.2}; sampling noise alone {}; {} months)",
                if warning { "volatile" } else { "steady" },
                percent(cv),
                noise.map_or("?".into(), |n| format!("{n:.2}")),
                volatility.n
            ),
        });
    }
    if let (Some(top_lane), Some(top), Some(effective)) = (
        lane_mix.top_lane.as_deref(),
        lane_mix.top_share,
        lane_mix.effective_lanes,
    ) {
        let warning = top >= NARROW_TOP_LANE_SHARE || effective < NARROW_EFFECTIVE_LANES;
        signals.push(Signal {
            kind: "lane_mix",
            warning,
            text: format!(
                "{} lane mix: {top_lane} holds {} of lane mentions, {effective:.1} effective lanes (n={})",
                if warning { "narrow" } else { "broad" },
                percent(top),
                lane_mix.n
            ),
        });
    }
    if (mine.len() as u64) < crate::model::SMALL_N {
        signals.push(Signal {
            kind: "sample",
            warning: true,
            text: format!("small sample: {} postings in the window", mine.len()),
        });
    }
    Ok(Risk {
        concentration,
        volatility,
        trend,
        lane_mix,
        signals,
    })
}

/// The coefficient of variation binomial noise alone gives a monthly share: the root of the
/// mean of p(1 − p)/n_month over the months, over p (the pooled share).
fn sampling_noise_cv(counts: &[MonthlyCount]) -> Option<f64> {
    let months: Vec<&MonthlyCount> = counts.iter().filter(|c| c.total > 0).collect();
    let hits: u64 = months.iter().map(|c| c.hits).sum();
    let total: u64 = months.iter().map(|c| c.total).sum();
    if months.is_empty() || hits == 0 || total == 0 {
        return None;
    }
    let p = hits as f64 / total as f64;
    let variance = months
        .iter()
        .map(|c| p * (1.0 - p) / c.total as f64)
        .sum::<f64>()
        / months.len() as f64;
    Some(variance.sqrt() / p).filter(|v| v.is_finite())
}

/// `0.153` → `15.3%`.
pub(crate) fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// A share change as signed percentage points: `-0.012` → `-1.2 pts`.
fn points(change: f64) -> String {
    format!("{:+.1} pts", change * 100.0)
}
