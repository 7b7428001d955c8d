//! The candidates and their measured figures, then the ranking, the words and the plan.
//!
//! The person's market: postings in their region (`us`: a US place or US-eligible remote)
//! that are open to their level — the posting names one of their band's levels, or names no
//! level at all (it excludes no one) — and, when remote-only, remote. Candidates are the
//! (language, lane) pairs of those postings in the demand window, for the engineering lanes of
//! the settings (or the person's target lanes). A candidate with fewer than `min_demand`
//! postings is dropped and listed, never ranked; the rest get: demand (count and Wilson share),
//! growth of the share against a year earlier, posted pay (pay window; the language across
//! lanes when the lane has fewer than `min_pay_n` pay figures, said so), the lane's pay (for
//! the premium), the lift of the lane among the language's postings, company concentration,
//! the language's lane mix, the remote share, and the co-skills asked with it.

use crate::catalogue::Catalogue;
use crate::market::Market;
use crate::model::{
    Advice, AdviceOption, AdviceWindows, CoSkill, Dropped, LiftFigure, PayBasis, SCHEMA_VERSION,
};
use crate::profile::CheckedProfile;
use crate::settings::Settings;
use crate::{claims, plan, score, stats_error, AdviseError};
use hirepulse_reports::model::{
    ConcentrationFigure, GrowthFigure, LaneMixFigure, PayFigure, ShareFigure, SMALL_N,
};
use hirepulse_reports::population::{in_region, pay_midpoint};
use hirepulse_stats::{
    concentration, lane_mix, lift, pay_percentiles, share_growth, wilson, Confidence, LiftConfig,
    PercentileConfig,
};
use hirepulse_store::report_queries::ReportPosting;
use std::collections::{BTreeMap, BTreeSet};

/// Scores closer than this are called a tie in the notes.
const TIE: f64 = 0.02;

/// The person's postings in each window.
pub(crate) struct Slices<'a> {
    /// Open to the level in the region (remote or not), demand window.
    pub demand_open: Vec<&'a ReportPosting>,
    /// Also remote when remote-only: the demand population.
    pub demand: Vec<&'a ReportPosting>,
    pub previous: Vec<&'a ReportPosting>,
    pub pay: Vec<&'a ReportPosting>,
}

/// A candidate's measured figures, before scoring.
#[derive(Debug, Clone)]
pub(crate) struct Measured {
    pub language: String,
    pub lane: String,
    pub demand: ShareFigure,
    pub named_level: u64,
    pub growth: GrowthFigure,
    pub pay: PayFigure,
    pub pay_basis: PayBasis,
    pub lane_pay: PayFigure,
    pub lane_lift: LiftFigure,
    pub concentration: ConcentrationFigure,
    pub language_lane_mix: LaneMixFigure,
    pub remote: ShareFigure,
}

pub(crate) fn has_language(posting: &ReportPosting, language: &str) -> bool {
    posting.languages.iter().any(|l| l == language)
}

pub(crate) fn has_lane(posting: &ReportPosting, lane: &str) -> bool {
    posting.lanes.iter().any(|l| l == lane)
}

fn is_remote(posting: &ReportPosting) -> bool {
    posting.work_mode.iter().any(|m| m == "remote")
}

/// The posting names one of the band's levels.
fn names_level(posting: &ReportPosting, profile: &CheckedProfile) -> bool {
    posting
        .seniority
        .iter()
        .any(|s| profile.band.levels.contains(s))
}

/// Open to the person: in the region, and naming their level or no level.
fn open_to(posting: &ReportPosting, profile: &CheckedProfile) -> bool {
    in_region(posting, &profile.region)
        && (posting.seniority.is_empty() || names_level(posting, profile))
}

fn slices<'a>(market: &'a Market, profile: &CheckedProfile) -> Slices<'a> {
    let mut out = Slices {
        demand_open: Vec::new(),
        demand: Vec::new(),
        previous: Vec::new(),
        pay: Vec::new(),
    };
    for (month, posting) in &market.postings {
        if !open_to(posting, profile) {
            continue;
        }
        let eligible = !profile.remote_only || is_remote(posting);
        if market.demand.contains(*month) {
            out.demand_open.push(posting);
            if eligible {
                out.demand.push(posting);
            }
        }
        if eligible && market.previous.contains(*month) {
            out.previous.push(posting);
        }
        if eligible && market.pay.contains(*month) {
            out.pay.push(posting);
        }
    }
    Slices {
        demand_open: each_job_once(out.demand_open),
        demand: each_job_once(out.demand),
        previous: each_job_once(out.previous),
        pay: each_job_once(out.pay),
    }
}

/// The first posting of each job (dedup cluster; a posting without one is its own job) in one
/// window, as the reports count by default: a job reposted every month is one job in each
/// window it appears in, so demand, growth and pay are not inflated by reposts.
fn each_job_once(postings: Vec<&ReportPosting>) -> Vec<&ReportPosting> {
    let mut seen = std::collections::HashSet::new();
    postings
        .into_iter()
        .filter(|p| seen.insert(p.cluster_id.unwrap_or(p.posting_id)))
        .collect()
}

/// Posted pay of `postings` as the reports' figure, one value per company: the median of the
/// midpoints of a company's postings (a posting without a company counts alone). One employer
/// posting the same range twenty times is one observation, not twenty, so `n` (companies with
/// pay) and the intervals are honest about how much independent evidence there is. The
/// disclosure share is still postings stating pay of postings.
pub(crate) fn pay_figure(
    postings: &[&ReportPosting],
    scope: String,
    confidence: Confidence,
) -> Result<PayFigure, AdviseError> {
    let mut per_company: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut alone: Vec<f64> = Vec::new();
    let mut with_pay = 0u64;
    for posting in postings {
        let Some(midpoint) = pay_midpoint(posting) else {
            continue;
        };
        with_pay += 1;
        match posting
            .company
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            Some(company) => per_company
                .entry(company.to_lowercase())
                .or_default()
                .push(midpoint),
            None => alone.push(midpoint),
        }
    }
    let mut values = alone;
    for mut midpoints in per_company.into_values() {
        midpoints.sort_by(f64::total_cmp);
        if let Some(median) = hirepulse_stats::quantile_type7(&midpoints, 0.5) {
            values.push(median);
        }
    }
    let n_postings = postings.len() as u64;
    let config = PercentileConfig {
        confidence,
        small_sample_below: SMALL_N as usize,
    };
    let summary =
        pay_percentiles(&values, config).map_err(stats_error(format!("pay of {scope}")))?;
    let disclosure = wilson(with_pay, n_postings, confidence)
        .map_err(stats_error(format!("pay disclosure of {scope}")))?;
    Ok(PayFigure::new(
        format!("{scope}; one figure per company"),
        summary,
        n_postings,
        disclosure.into(),
    ))
}

/// Language display name from the taxonomy (the id when unknown).
pub(crate) fn language_name(id: &str) -> String {
    hirepulse_extract::taxonomy::display_name(id)
        .unwrap_or(id)
        .to_string()
}

fn measure(
    slices: &Slices,
    profile: &CheckedProfile,
    language: &str,
    lane: &str,
    settings: &Settings,
    confidence: Confidence,
) -> Result<Measured, AdviseError> {
    let what = format!("{language} in {lane}");
    let cell = |p: &&ReportPosting| has_language(p, language) && has_lane(p, lane);
    let mine: Vec<&ReportPosting> = slices.demand.iter().copied().filter(cell).collect();
    let named_level = mine.iter().filter(|p| names_level(p, profile)).count() as u64;
    let n = slices.demand.len() as u64;
    let count = mine.len() as u64;
    let demand: ShareFigure = wilson(count, n, confidence)
        .map_err(stats_error(format!("demand for {what}")))?
        .into();
    let before = slices.previous.iter().copied().filter(cell).count() as u64;
    let growth: GrowthFigure =
        share_growth(before, slices.previous.len() as u64, count, n, confidence)
            .map_err(stats_error(format!("growth of {what}")))?
            .into();

    // Pay: the cell, else the language across lanes.
    let min_pay_n = settings.evidence.min_pay_n;
    let cell_pay: Vec<&ReportPosting> = slices.pay.iter().copied().filter(cell).collect();
    let mut pay = pay_figure(
        &cell_pay,
        format!(
            "postings with {} in {lane} open to your level",
            language_name(language)
        ),
        confidence,
    )?;
    let mut pay_basis = PayBasis::LanguageInLane;
    if pay.n < min_pay_n {
        let language_pay: Vec<&ReportPosting> = slices
            .pay
            .iter()
            .copied()
            .filter(|p| has_language(p, language))
            .collect();
        let wider = pay_figure(
            &language_pay,
            format!(
                "postings with {} in any lane open to your level",
                language_name(language)
            ),
            confidence,
        )?;
        if wider.n >= min_pay_n {
            pay = wider;
            pay_basis = PayBasis::LanguageAllLanes;
        } else {
            pay_basis = PayBasis::None;
        }
    }
    let lane_postings: Vec<&ReportPosting> = slices
        .pay
        .iter()
        .copied()
        .filter(|p| has_lane(p, lane))
        .collect();
    let lane_pay = pay_figure(
        &lane_postings,
        format!("all postings in {lane} open to your level"),
        confidence,
    )?;

    // Lift of the lane among the language's postings.
    let n_language = slices
        .demand
        .iter()
        .filter(|p| has_language(p, language))
        .count() as u64;
    let n_lane = slices.demand.iter().filter(|p| has_lane(p, lane)).count() as u64;
    let lifted = lift(
        n,
        n_language,
        n_lane,
        count,
        LiftConfig {
            confidence,
            min_support: settings.evidence.min_demand,
        },
    )
    .map_err(stats_error(format!("lift of {lane} for {language}")))?;
    let lane_lift = LiftFigure {
        n: count,
        lift: lifted.lift,
        ci_low: lifted.ci_low,
        ci_high: lifted.ci_high,
        small_sample: lifted.low_support,
    };

    // Companies of the cell.
    let mut per_company: BTreeMap<String, u64> = BTreeMap::new();
    for posting in &mine {
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
    let concentration: ConcentrationFigure = concentration(&counts, 10).into();

    // The language's lane mix.
    let mut mentions: BTreeMap<&str, u64> = BTreeMap::new();
    for posting in slices.demand.iter().filter(|p| has_language(p, language)) {
        for lane in &posting.lanes {
            *mentions.entry(lane.as_str()).or_default() += 1;
        }
    }
    let mentions: Vec<(&str, u64)> = mentions.into_iter().collect();
    let language_lane_mix: LaneMixFigure = lane_mix(&mentions).into();

    // Remote share among the cell's postings open to the level.
    let open: Vec<&ReportPosting> = slices.demand_open.iter().copied().filter(cell).collect();
    let remote_count = open.iter().filter(|p| is_remote(p)).count() as u64;
    let remote: ShareFigure = wilson(remote_count, open.len() as u64, confidence)
        .map_err(stats_error(format!("remote share of {what}")))?
        .into();

    Ok(Measured {
        language: language.to_string(),
        lane: lane.to_string(),
        demand,
        named_level,
        growth,
        pay,
        pay_basis,
        lane_pay,
        lane_lift,
        concentration,
        language_lane_mix,
        remote,
    })
}

/// The co-skills of `language` in `lane` in the pay window: each technology or other language
/// with at least `min_coskill_support` postings beside both, its share of those postings and
/// its lift against the lane, highest weight first.
pub(crate) fn co_skills(
    slices: &Slices,
    language: &str,
    lane: &str,
    settings: &Settings,
    confidence: Confidence,
) -> Result<Vec<CoSkill>, AdviseError> {
    let lane_postings: Vec<&ReportPosting> = slices
        .pay
        .iter()
        .copied()
        .filter(|p| has_lane(p, lane))
        .collect();
    let n_lane = lane_postings.len() as u64;
    let n_both_language = lane_postings
        .iter()
        .filter(|p| has_language(p, language))
        .count() as u64;
    // id -> (postings in the lane with it, postings in the lane with it and the language)
    let mut items: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for posting in &lane_postings {
        let mine = has_language(posting, language);
        let ids: BTreeSet<&str> = posting
            .technologies
            .iter()
            .chain(posting.languages.iter().filter(|l| *l != language))
            .map(String::as_str)
            .collect();
        for id in ids {
            let entry = items.entry(id).or_default();
            entry.0 += 1;
            entry.1 += u64::from(mine);
        }
    }
    let mut out = Vec::new();
    for (id, (n_item, n_both)) in items {
        if n_both < settings.evidence.min_coskill_support {
            continue;
        }
        let share: ShareFigure = wilson(n_both, n_both_language, confidence)
            .map_err(stats_error(format!(
                "share of {id} with {language} in {lane}"
            )))?
            .into();
        let lifted = lift(
            n_lane,
            n_both_language,
            n_item,
            n_both,
            LiftConfig {
                confidence,
                min_support: settings.evidence.min_coskill_support,
            },
        )
        .map_err(stats_error(format!(
            "lift of {id} with {language} in {lane}"
        )))?;
        let clamp = lifted
            .lift
            .unwrap_or(1.0)
            .clamp(settings.coskills.lift_min, settings.coskills.lift_max);
        let weight = share.share.unwrap_or(0.0) * clamp;
        out.push(CoSkill {
            id: id.to_string(),
            name: hirepulse_extract::taxonomy::display_name(id)
                .unwrap_or(id)
                .to_string(),
            category: hirepulse_extract::taxonomy::category_of(id)
                .unwrap_or("unknown")
                .to_string(),
            share,
            lift: lifted.lift,
            lift_ci_low: lifted.ci_low,
            lift_ci_high: lifted.ci_high,
            weight,
        });
    }
    out.sort_by(|a, b| {
        b.weight
            .total_cmp(&a.weight)
            .then(b.share.count.cmp(&a.share.count))
            .then(a.id.cmp(&b.id))
    });
    out.truncate(settings.coskills.listed);
    Ok(out)
}

/// The whole advice for a checked profile.
pub(crate) fn advise(
    market: &Market,
    profile: CheckedProfile,
    settings: &Settings,
    catalogue: &Catalogue,
) -> Result<Advice, AdviseError> {
    let confidence = Confidence::DEFAULT;
    let slices = slices(market, &profile);
    let lanes: Vec<&str> = if profile.lanes.is_empty() {
        settings.lanes.iter().map(String::as_str).collect()
    } else {
        profile.lanes.iter().map(String::as_str).collect()
    };

    // Candidates: every (language, lane) in the person's demand window.
    let mut cells: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for posting in &slices.demand {
        let languages: BTreeSet<&str> = posting.languages.iter().map(String::as_str).collect();
        for language in languages {
            for lane in posting.lanes.iter().map(String::as_str) {
                if lanes.contains(&lane) {
                    *cells.entry((language, lane)).or_default() += 1;
                }
            }
        }
    }
    // Known languages with no posting in a lane are candidates too (they are dropped, said so).
    for known in &profile.languages {
        for &lane in &lanes {
            cells.entry((known.language.as_str(), lane)).or_default();
        }
    }
    let kind_of = |language: &str| {
        if profile.depth(language).is_some() {
            "deepen"
        } else {
            "learn"
        }
    };

    let mut measured = Vec::new();
    let mut dropped = Vec::new();
    for (&(language, lane), &count) in &cells {
        if count < settings.evidence.min_demand {
            dropped.push(Dropped {
                language: language.to_string(),
                lane: lane.to_string(),
                kind: kind_of(language),
                demand: count,
                reason: format!(
                    "{count} postings open to your level in {}..{} (fewer than {})",
                    market.demand.since, market.demand.until, settings.evidence.min_demand
                ),
            });
            continue;
        }
        measured.push(measure(
            &slices, &profile, language, lane, settings, confidence,
        )?);
    }

    let scored = score::score(measured, &profile, settings, &mut dropped);
    let n_candidates = scored.candidates.len();

    // Choose the options: best first, at most `max_per_language` per language.
    let mut options: Vec<AdviceOption> = Vec::new();
    let mut per_language: BTreeMap<String, usize> = BTreeMap::new();
    for candidate in scored.candidates {
        if options.len() >= settings.evidence.max_options {
            break;
        }
        let used = per_language
            .entry(candidate.measured.language.clone())
            .or_default();
        if *used >= settings.evidence.max_per_language {
            continue;
        }
        *used += 1;
        let language = candidate.measured.language.clone();
        let lane = candidate.measured.lane.clone();
        let co = co_skills(&slices, &language, &lane, settings, confidence)?;
        let depth = profile.depth(&language);
        let mut option = AdviceOption {
            rank: options.len() + 1,
            kind: kind_of(&language),
            language_name: language_name(&language),
            language,
            lane,
            depth,
            score: candidate.score,
            components: candidate.components,
            demand: candidate.measured.demand,
            named_level: candidate.measured.named_level,
            growth: candidate.measured.growth,
            pay: candidate.measured.pay,
            pay_basis: candidate.measured.pay_basis,
            lane_pay: candidate.measured.lane_pay,
            lane_lift: candidate.measured.lane_lift,
            concentration: candidate.measured.concentration,
            language_lane_mix: candidate.measured.language_lane_mix,
            remote: candidate.measured.remote,
            co_skills: co,
            reasons: Vec::new(),
            risks: Vec::new(),
        };
        let (reasons, risks) = claims::claims(&option, &profile, market, settings);
        option.reasons = reasons;
        option.risks = risks;
        options.push(option);
    }
    dropped.sort_by(|a, b| {
        b.demand
            .cmp(&a.demand)
            .then(a.language.cmp(&b.language))
            .then(a.lane.cmp(&b.lane))
    });

    let plan = options
        .first()
        .map(|top| plan::plan(top, &profile, market, settings, catalogue));

    let mut notes = Vec::new();
    if slices.demand.is_empty() {
        notes.push(format!(
            "no postings in {}..{} are open to your level in {}{}: nothing to rank",
            market.demand.since,
            market.demand.until,
            profile.region,
            if profile.remote_only {
                " and remote"
            } else {
                ""
            }
        ));
    } else if options.len() < 3 {
        notes.push(format!(
            "only {} option(s) have enough evidence (at least {} postings open to your level); the dropped list shows the rest",
            options.len(),
            settings.evidence.min_demand
        ));
    }
    // Near-ties: the order between them is the weights' judgement, not a measured difference.
    let ties: Vec<String> = options
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if a.score - b.score < TIE => Some(format!("{} and {}", a.rank, b.rank)),
            _ => None,
        })
        .collect();
    if !ties.is_empty() {
        notes.push(format!(
            "options {} score within {TIE} of each other: read them as a tie, decided by the weights more than by the market",
            ties.join(", ")
        ));
    }
    if (slices.demand.len() as u64) < SMALL_N {
        notes.push(format!(
            "small sample: {} postings open to your level in the demand window",
            slices.demand.len()
        ));
    }
    notes.push(
        "a posting that names no level is counted as open to every level; `named_level` counts those that name yours".into(),
    );
    notes.push(
        "pay is the annualised USD midpoint of the pay range written in postings (about 1 in 5 postings state one); no survey data".into(),
    );

    Ok(Advice {
        schema: SCHEMA_VERSION,
        report: "advise",
        windows: AdviceWindows {
            demand: market.demand,
            previous: market.previous,
            pay: market.pay,
        },
        confidence: confidence.level(),
        n_postings: slices.demand.len() as u64,
        scoring: scored.scoring,
        n_candidates,
        options,
        dropped,
        plan,
        notes,
        data_source: market.data_source.clone(),
        profile,
    })
}

#[cfg(test)]
mod job_tests {
    use super::*;

    #[test]
    fn each_job_counts_once_per_window_and_unclustered_postings_count_alone() {
        let posting = |id: i64, cluster: Option<i64>| ReportPosting {
            posting_id: id,
            cluster_id: cluster,
            ..ReportPosting::default()
        };
        let all = [
            posting(1, Some(1)),
            posting(2, Some(1)),
            posting(3, None),
            posting(4, Some(4)),
            posting(5, Some(1)),
        ];
        let kept: Vec<i64> = each_job_once(all.iter().collect())
            .iter()
            .map(|p| p.posting_id)
            .collect();
        assert_eq!(kept, vec![1, 3, 4]);
        // A later window that holds only a repost still counts that job once.
        let later: Vec<i64> = each_job_once(vec![&all[4]])
            .iter()
            .map(|p| p.posting_id)
            .collect();
        assert_eq!(later, vec![5]);
    }
}
