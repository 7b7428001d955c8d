//! The score: a transparent weighted mean of components, with the weights per goal from
//! `data/advise.toml`.
//!
//! There is no supply data (who knows a language), so "scarce" — the differentiation goal — is
//! read from the price and the specificity: employers paying above the lane's median for the
//! language (`premium`) and the language being characteristic of the lane (`specialization`).
//!
//! Components, each measured per candidate (`raw`) and scaled to 0..1 (`value`):
//! - `demand`: postings open to the person's level with the language in the lane (demand
//!   window);
//! - `growth`: growth of that share against a year earlier, counted only when its interval
//!   excludes 0 (the bound nearest 0), else 0 — a change the data cannot tell from noise adds
//!   nothing;
//! - `pay`: the lower 95% bound of the median posted pay (so a high median on a few postings
//!   does not outrank a well-measured one); missing when no pay figure has `min_pay_n` values;
//! - `premium`: median pay over the lane's median pay − 1 (only when the pay is the lane's own);
//! - `specialization`: the lower bound of the lift of the lane among the language's postings;
//! - `concentration` (a penalty): the top-10 company share of the candidate's postings;
//! - `breadth`: the effective number of lanes the language is asked in (exits if the lane
//!   cools);
//! - `familiarity`: how well the person knows the language (settings `[depth]`, absolute);
//! - `remote_share` (remote-only): the remote share of the candidate's postings.
//!
//! Scaling: demand is placed between the smallest and largest candidate on a log scale (0..1),
//! so twice the postings is the same step anywhere and a market three times larger is visibly
//! larger; every other `value` is the candidate's percentile rank among the ranked candidates
//! that have the component (0 = lowest, 1 = highest; ties share the mid-rank), reversed for the
//! penalty — ranks, so one extreme pay or lift does not flatten the rest; familiarity is used
//! as is.
//!
//! Weights: the goal's weights, plus `remote_share` when remote-only; urgency
//! u = clamp((horizon − weeks) / horizon, 0, 1) adds u × `demand_shift` to demand and
//! u × `familiarity_shift` to familiarity; then all weights are scaled to sum to 1. A candidate
//! missing a component is scored over the components it has (weights renormalised), except the
//! goal's heaviest component: without it the candidate is dropped (said so), never ranked.

use crate::candidates::Measured;
use crate::model::{AdviceOption, Component, Dropped, PayBasis, Scoring};
use crate::profile::CheckedProfile;
use crate::settings::{Settings, Weights};
use hirepulse_reports::model::PayFigure;

pub(crate) struct ScoredCandidate {
    pub measured: Measured,
    pub score: f64,
    pub components: Vec<Component>,
}

pub(crate) struct Scored {
    /// Best first.
    pub candidates: Vec<ScoredCandidate>,
    pub scoring: Scoring,
}

/// Urgency 0..1 from the weeks until a job is needed.
pub(crate) fn urgency(profile: &CheckedProfile, settings: &Settings) -> f64 {
    match profile.urgency_weeks {
        None => 0.0,
        Some(weeks) => {
            let horizon = f64::from(settings.urgency.horizon_weeks.max(1));
            ((horizon - f64::from(weeks)) / horizon).clamp(0.0, 1.0)
        }
    }
}

/// The goal's weights and the effective ones (remote, urgency, normalised).
pub(crate) fn weights(profile: &CheckedProfile, settings: &Settings) -> (Weights, Weights, f64) {
    let base = settings
        .goals
        .get(profile.goal.name())
        .copied()
        .unwrap_or_default();
    let mut effective = base;
    if profile.remote_only {
        effective.remote_share += settings.remote.remote_share;
    }
    let u = urgency(profile, settings);
    effective.demand += u * settings.urgency.demand_shift;
    effective.familiarity += u * settings.urgency.familiarity_shift;
    (base, effective.normalised(), u)
}

/// The median's lower bound, or the median when the data cannot bound it.
fn median_floor(measured: &Measured) -> Option<f64> {
    if measured.pay_basis == PayBasis::None {
        return None;
    }
    let median = measured.pay.percentile(0.5)?;
    median.ci_low.or(median.value)
}

/// Growth counted only when its interval excludes 0: the bound nearest 0.
pub(crate) fn clear_growth(low: Option<f64>, high: Option<f64>) -> Option<f64> {
    match (low, high) {
        (Some(low), _) if low > 0.0 => Some(low),
        (_, Some(high)) if high < 0.0 => Some(high),
        (Some(_), Some(_)) => Some(0.0),
        _ => None,
    }
}

/// Median pay over the lane's median − 1, when the pay is the lane's own and both have n.
pub(crate) fn premium_from(
    basis: PayBasis,
    pay: &PayFigure,
    lane_pay: &PayFigure,
    min_pay_n: usize,
) -> Option<f64> {
    if basis != PayBasis::LanguageInLane || pay.n < min_pay_n || lane_pay.n < min_pay_n {
        return None;
    }
    let mine = pay.percentile(0.5)?.value?;
    let lane = lane_pay.percentile(0.5)?.value?;
    (lane > 0.0).then(|| mine / lane - 1.0)
}

fn premium(measured: &Measured, min_pay_n: usize) -> Option<f64> {
    premium_from(
        measured.pay_basis,
        &measured.pay,
        &measured.lane_pay,
        min_pay_n,
    )
}

/// [`premium_from`] of an option.
pub(crate) fn premium_of(option: &AdviceOption, min_pay_n: usize) -> Option<f64> {
    premium_from(option.pay_basis, &option.pay, &option.lane_pay, min_pay_n)
}

/// The raw value of each component, in [`Weights::pairs`] order.
fn raws(measured: &Measured, profile: &CheckedProfile, settings: &Settings) -> [Option<f64>; 9] {
    let depth = profile.depth(&measured.language);
    [
        Some(measured.demand.count as f64),
        clear_growth(measured.growth.ci_low, measured.growth.ci_high),
        median_floor(measured),
        premium(measured, settings.evidence.min_pay_n),
        measured.lane_lift.ci_low,
        measured.concentration.top_share,
        measured.language_lane_mix.effective_lanes,
        Some(settings.depth.get(depth)),
        profile
            .remote_only
            .then_some(measured.remote.share)
            .flatten(),
    ]
}

/// Percentile rank of `value` among `all` (0..1; mid-rank for ties; 0.5 when alone).
pub(crate) fn percentile_rank(value: f64, all: &[f64]) -> f64 {
    if all.len() <= 1 {
        return 0.5;
    }
    let below = all.iter().filter(|v| **v < value).count() as f64;
    let equal = all.iter().filter(|v| **v == value).count() as f64;
    ((below + (equal - 1.0) / 2.0) / (all.len() as f64 - 1.0)).clamp(0.0, 1.0)
}

/// Where `value` lies between the smallest and largest of `all` on a log scale (0..1; 0.5
/// when they are equal): twice the postings is the same step anywhere on the scale.
pub(crate) fn log_position(value: f64, all: &[f64]) -> f64 {
    let logs: Vec<f64> = all.iter().filter(|v| **v > 0.0).map(|v| v.ln()).collect();
    let (Some(low), Some(high)) = (
        logs.iter().copied().reduce(f64::min),
        logs.iter().copied().reduce(f64::max),
    ) else {
        return 0.5;
    };
    if high - low <= f64::EPSILON || value <= 0.0 {
        return if value > 0.0 { 0.5 } else { 0.0 };
    }
    ((value.ln() - low) / (high - low)).clamp(0.0, 1.0)
}

const DEMAND: usize = 0;
const FAMILIARITY: usize = 7;
const CONCENTRATION: usize = 5;

pub(crate) fn score(
    measured: Vec<Measured>,
    profile: &CheckedProfile,
    settings: &Settings,
    dropped: &mut Vec<Dropped>,
) -> Scored {
    let (base, effective, u) = weights(profile, settings);
    let names = effective.pairs();
    let weight_of: Vec<f64> = names.iter().map(|(_, w)| *w).collect();
    // The goal's heaviest component is required.
    let required = base
        .pairs()
        .iter()
        .enumerate()
        .max_by(|a, b| a.1 .1.total_cmp(&b.1 .1))
        .map(|(index, _)| index)
        .unwrap_or(0);

    let mut rows: Vec<(Measured, [Option<f64>; 9])> = Vec::new();
    for figures in measured {
        let raw = raws(&figures, profile, settings);
        if raw[required].is_none() {
            dropped.push(Dropped {
                kind: if profile.depth(&figures.language).is_some() { "deepen" } else { "learn" },
                language: figures.language.clone(),
                lane: figures.lane.clone(),
                demand: figures.demand.count,
                reason: format!(
                    "no {} figure with enough evidence (the {} goal ranks on it): {} postings with pay",
                    names[required].0,
                    profile.goal.name(),
                    figures.pay.n
                ),
            });
            continue;
        }
        rows.push((figures, raw));
    }

    // Every component's measured values across the ranked candidates.
    let columns: Vec<Vec<f64>> = (0..9)
        .map(|i| rows.iter().filter_map(|(_, raw)| raw[i]).collect())
        .collect();

    let mut candidates: Vec<ScoredCandidate> = rows
        .into_iter()
        .map(|(figures, raw)| {
            let values: Vec<Option<f64>> = (0..9)
                .map(|i| {
                    raw[i].map(|r| match i {
                        DEMAND => log_position(r, &columns[i]),
                        FAMILIARITY => r.clamp(0.0, 1.0),
                        CONCENTRATION => 1.0 - percentile_rank(r, &columns[i]),
                        _ => percentile_rank(r, &columns[i]),
                    })
                })
                .collect();
            let measured_weight: f64 = (0..9)
                .filter(|&i| values[i].is_some())
                .map(|i| weight_of[i])
                .sum();
            let components: Vec<Component> = (0..9)
                .filter(|&i| weight_of[i] > 0.0 || raw[i].is_some())
                .map(|i| {
                    let weight = match values[i] {
                        Some(_) if measured_weight > 0.0 => weight_of[i] / measured_weight,
                        _ => 0.0,
                    };
                    let contribution = weight * values[i].unwrap_or(0.0);
                    Component {
                        name: names[i].0,
                        raw: raw[i],
                        value: values[i],
                        weight,
                        contribution,
                    }
                })
                .collect();
            let score = components.iter().map(|c| c.contribution).sum::<f64>();
            ScoredCandidate {
                measured: figures,
                score,
                components,
            }
        })
        .collect();
    candidates.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.measured.demand.count.cmp(&a.measured.demand.count))
            .then(a.measured.language.cmp(&b.measured.language))
            .then(a.measured.lane.cmp(&b.measured.lane))
    });
    let formula = format!(
        "score = sum of weight x value over the measured components (weights rescaled to sum to 1 over them); value = demand on a log scale between the smallest and largest candidate, other components the percentile rank among the {} ranked candidates (1 = best, concentration reversed), familiarity = depth value; urgency u = {u:.2} adds {:.2}u to demand and {:.2}u to familiarity before rescaling; the {} goal needs a {} figure",
        candidates.len(),
        settings.urgency.demand_shift,
        settings.urgency.familiarity_shift,
        profile.goal.name(),
        names[required].0,
    );
    Scored {
        candidates,
        scoring: Scoring {
            goal: profile.goal.name(),
            base_weights: base,
            weights: effective,
            urgency: u,
            formula,
            settings_version: settings.version.clone(),
            min_demand: settings.evidence.min_demand,
            min_pay_n: settings.evidence.min_pay_n,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_ranks_and_clear_growth() {
        let all = [1.0, 2.0, 2.0, 5.0];
        assert_eq!(percentile_rank(1.0, &all), 0.0);
        assert_eq!(percentile_rank(5.0, &all), 1.0);
        assert!((percentile_rank(2.0, &all) - 0.5).abs() < 1e-12);
        assert_eq!(percentile_rank(3.0, &[3.0]), 0.5);
        assert_eq!(clear_growth(Some(0.1), Some(0.5)), Some(0.1));
        assert_eq!(clear_growth(Some(-0.5), Some(-0.2)), Some(-0.2));
        assert_eq!(clear_growth(Some(-0.1), Some(0.3)), Some(0.0));
        assert_eq!(clear_growth(None, None), None);
        let counts = [10.0, 100.0, 1000.0];
        assert!((log_position(100.0, &counts) - 0.5).abs() < 1e-12);
        assert_eq!(log_position(1000.0, &counts), 1.0);
        assert_eq!(log_position(10.0, &counts), 0.0);
        assert_eq!(log_position(7.0, &[7.0]), 0.5);
    }
}
