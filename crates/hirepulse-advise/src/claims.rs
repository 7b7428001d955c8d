//! Reasons and risks in plain words, each citing the figures behind it ([`Cite`]: value, n,
//! interval, window, small-sample flag). The thresholds at which a figure reads as a risk are
//! in `data/advise.toml` `[risks]`, so "concentrated" means the same thing everywhere.

use crate::market::Market;
use crate::model::{AdviceOption, Cite, Claim, CoSkill, PayBasis};
use crate::profile::CheckedProfile;
use crate::settings::Settings;
use hirepulse_reports::model::{GrowthFigure, PayFigure, ShareFigure, SMALL_N};
use hirepulse_reports::population::Span;

/// `$165K`.
pub fn money(value: f64) -> String {
    format!("${:.0}K", value / 1000.0)
}

/// `37.3%`.
pub fn percent(share: f64) -> String {
    format!("{:.1}%", share * 100.0)
}

/// `+5%`.
pub fn signed_percent(change: f64) -> String {
    format!("{:+.0}%", change * 100.0)
}

pub(crate) fn window(span: &Span) -> String {
    format!("{}..{}", span.since, span.until)
}

pub(crate) fn share_cite(label: String, figure: &ShareFigure, window: String) -> Cite {
    Cite {
        label,
        unit: "share",
        value: figure.share,
        count: Some(figure.count),
        n: figure.n,
        ci_low: figure.ci_low,
        ci_high: figure.ci_high,
        window,
        small_sample: figure.small_sample,
    }
}

fn growth_cite(label: String, figure: &GrowthFigure, market: &Market) -> Cite {
    Cite {
        label,
        unit: "growth",
        value: figure.growth,
        count: None,
        n: figure.n,
        ci_low: figure.ci_low,
        ci_high: figure.ci_high,
        window: format!("{} vs {}", window(&market.demand), window(&market.previous)),
        small_sample: figure.small_sample,
    }
}

pub(crate) fn pay_cite(label: String, pay: &PayFigure, q: f64, market: &Market) -> Option<Cite> {
    let p = pay.percentile(q)?;
    Some(Cite {
        label,
        unit: "usd",
        value: p.value,
        count: None,
        n: pay.n as u64,
        ci_low: p.ci_low,
        ci_high: p.ci_high,
        window: window(&market.pay),
        small_sample: p.small_sample,
    })
}

pub(crate) fn coskill_cite(skill: &CoSkill, language: &str, lane: &str, market: &Market) -> Cite {
    share_cite(
        format!("{language} postings in {lane} asking for {}", skill.name),
        &skill.share,
        window(&market.pay),
    )
}

fn setting_cite(label: String, value: f64, unit: &'static str, source: &str) -> Cite {
    Cite {
        label,
        unit,
        value: Some(value),
        count: None,
        n: 0,
        ci_low: None,
        ci_high: None,
        window: source.to_string(),
        small_sample: false,
    }
}

fn interval(low: Option<f64>, high: Option<f64>, show: fn(f64) -> String) -> String {
    format!(
        "[{}, {}]",
        low.map_or("?".into(), show),
        high.map_or("?".into(), show)
    )
}

/// The reasons and risks of one option.
pub(crate) fn claims(
    option: &AdviceOption,
    profile: &CheckedProfile,
    market: &Market,
    settings: &Settings,
) -> (Vec<Claim>, Vec<Claim>) {
    let mut reasons = Vec::new();
    let mut risks = Vec::new();
    let name = option.language_name.as_str();
    let lane = option.lane.as_str();
    let demand_window = window(&market.demand);
    let level_words = format!(
        "open to your level ({} or no level named)",
        profile.band.levels.join("/")
    );
    let remote_words = if profile.remote_only { ", remote," } else { "" };

    // Demand.
    reasons.push(Claim {
        kind: "demand",
        text: format!(
            "{} postings{remote_words} {level_words} ask for {name} in {lane}: {} of such postings {} in {demand_window}",
            option.demand.count,
            option.demand.share.map_or("?".into(), percent),
            interval(option.demand.ci_low, option.demand.ci_high, percent),
        ),
        cites: vec![share_cite(
            format!("share of postings open to your level with {name} in {lane}"),
            &option.demand,
            demand_window.clone(),
        )],
    });
    if option.demand.count < SMALL_N {
        risks.push(Claim {
            kind: "sample",
            text: format!(
                "small sample: {} postings in 12 months; the figures below are read with care",
                option.demand.count
            ),
            cites: vec![share_cite(
                format!("postings with {name} in {lane}"),
                &option.demand,
                demand_window.clone(),
            )],
        });
    }
    let named_share = option.named_level as f64 / option.demand.count.max(1) as f64;
    if option.named_level < settings.risks.few_named_level
        || named_share < settings.risks.named_level_share
    {
        risks.push(Claim {
            kind: "level",
            text: format!(
                "only {} of these {} postings name your level ({}); the rest name no level and may expect more (or less) experience — their pay is in the figures too",
                option.named_level,
                option.demand.count,
                profile.band.levels.join("/")
            ),
            cites: vec![Cite {
                label: format!("postings with {name} in {lane} naming your level"),
                unit: "postings",
                value: Some(option.named_level as f64),
                count: Some(option.named_level),
                n: option.demand.count,
                ci_low: None,
                ci_high: None,
                window: demand_window.clone(),
                small_sample: option.named_level < hirepulse_reports::model::SMALL_COUNT,
            }],
        });
    }

    // Growth.
    let growth = &option.growth;
    let growth_text = growth
        .growth
        .map(signed_percent)
        .unwrap_or_else(|| "?".into());
    let growth_interval = interval(growth.ci_low, growth.ci_high, signed_percent);
    let cite = growth_cite(
        format!("growth of the share of {name} in {lane}"),
        growth,
        market,
    );
    match (growth.ci_low, growth.ci_high) {
        (Some(low), _) if low > 0.0 => reasons.push(Claim {
            kind: "growth",
            text: format!("its share grew {growth_text} {growth_interval} on the year before"),
            cites: vec![cite],
        }),
        (_, Some(high)) if high < 0.0 => risks.push(Claim {
            kind: "growth",
            text: format!(
                "shrinking: its share fell {growth_text} {growth_interval} on the year before"
            ),
            cites: vec![cite],
        }),
        (Some(_), Some(_)) => reasons.push(Claim {
            kind: "growth",
            text: format!(
                "steady: no clear change on the year before ({growth_text} {growth_interval})"
            ),
            cites: vec![cite],
        }),
        _ => risks.push(Claim {
            kind: "growth",
            text: format!(
                "growth cannot be measured ({} postings a year earlier)",
                growth.before
            ),
            cites: vec![cite],
        }),
    }

    // Pay.
    let pay = &option.pay;
    if let Some(median) = pay
        .percentile(0.5)
        .filter(|_| option.pay_basis != PayBasis::None)
    {
        let basis = match option.pay_basis {
            PayBasis::LanguageInLane => format!("{name} postings in {lane}"),
            _ => format!("{name} postings in any lane (too few in {lane})"),
        };
        let mut cites = Vec::new();
        cites.extend(pay_cite(
            format!("median posted pay, {basis}"),
            pay,
            0.5,
            market,
        ));
        cites.extend(pay_cite(
            format!("p25 posted pay, {basis}"),
            pay,
            0.25,
            market,
        ));
        cites.extend(pay_cite(
            format!("p75 posted pay, {basis}"),
            pay,
            0.75,
            market,
        ));
        let p25 = pay.percentile(0.25).and_then(|p| p.value);
        let p75 = pay.percentile(0.75).and_then(|p| p.value);
        reasons.push(Claim {
            kind: "pay",
            text: format!(
                "median posted pay {} {} (middle half {}-{}) from {} companies stating pay ({basis}, {})",
                median.value.map_or("?".into(), money),
                interval(median.ci_low, median.ci_high, money),
                p25.map_or("?".into(), money),
                p75.map_or("?".into(), money),
                pay.n,
                window(&market.pay),
            ),
            cites,
        });
        if option.pay_basis == PayBasis::LanguageAllLanes {
            risks.push(Claim {
                kind: "pay",
                text: format!(
                    "pay in {lane} itself is unmeasured: fewer than {} companies with {name} postings in {lane} state pay; the figure is {name} across lanes",
                    settings.evidence.min_pay_n
                ),
                cites: pay_cite(format!("median posted pay, {basis}"), pay, 0.5, market)
                    .into_iter()
                    .collect(),
            });
        } else if pay.small_sample {
            risks.push(Claim {
                kind: "pay",
                text: format!("pay rests on {} companies: its interval is wide", pay.n),
                cites: pay_cite(format!("median posted pay, {basis}"), pay, 0.5, market)
                    .into_iter()
                    .collect(),
            });
        }
        if pay
            .disclosure
            .share
            .is_some_and(|s| s < settings.risks.low_disclosure)
        {
            risks.push(Claim {
                kind: "disclosure",
                text: format!(
                    "only {} of these postings state pay: the figures describe those that do",
                    pay.disclosure.share.map_or("?".into(), percent)
                ),
                cites: vec![share_cite(
                    format!("postings stating pay, {basis}"),
                    &pay.disclosure,
                    window(&market.pay),
                )],
            });
        }
    } else {
        risks.push(Claim {
            kind: "pay",
            text: format!(
                "pay unknown: only {} companies with {name} postings open to your level state pay (fewer than {})",
                pay.n, settings.evidence.min_pay_n
            ),
            cites: pay_cite(format!("median posted pay, {name}"), pay, 0.5, market)
                .into_iter()
                .collect(),
        });
    }
    if let (Some(premium), Some(lane_median)) = (
        crate::score::premium_of(option, settings.evidence.min_pay_n),
        option.lane_pay.percentile(0.5).and_then(|p| p.value),
    ) {
        let cites: Vec<Cite> = pay_cite(
            format!("median posted pay, {name} in {lane}"),
            pay,
            0.5,
            market,
        )
        .into_iter()
        .chain(pay_cite(
            format!("median posted pay, all of {lane}"),
            &option.lane_pay,
            0.5,
            market,
        ))
        .collect();
        let text = if premium.abs() < 0.01 {
            format!(
                "pays about the {lane} median ({}, n={})",
                money(lane_median),
                option.lane_pay.n
            )
        } else {
            format!(
                "pays {} {} the {lane} median ({}, n={})",
                percent(premium.abs()),
                if premium >= 0.0 { "above" } else { "below" },
                money(lane_median),
                option.lane_pay.n
            )
        };
        if premium >= 0.0 {
            reasons.push(Claim {
                kind: "premium",
                text,
                cites,
            });
        } else if premium < -0.05 {
            risks.push(Claim {
                kind: "premium",
                text,
                cites,
            });
        }
    }

    // Lift of the lane.
    let lane_lift = &option.lane_lift;
    if let (Some(value), Some(low)) = (lane_lift.lift, lane_lift.ci_low) {
        let cite = Cite {
            label: format!("lift of {lane} among {name} postings"),
            unit: "lift",
            value: Some(value),
            count: Some(lane_lift.n),
            n: lane_lift.n,
            ci_low: lane_lift.ci_low,
            ci_high: lane_lift.ci_high,
            window: demand_window.clone(),
            small_sample: lane_lift.small_sample,
        };
        if low > 1.0 {
            reasons.push(Claim {
                kind: "lift",
                text: format!(
                    "{lane} is {value:.1}x {} more common among {name} postings than overall: a natural lane for it",
                    interval(lane_lift.ci_low, lane_lift.ci_high, |v| format!("{v:.1}"))
                ),
                cites: vec![cite],
            });
        } else if lane_lift.ci_high.is_some_and(|high| high < 1.0) {
            risks.push(Claim {
                kind: "lift",
                text: format!(
                    "{lane} is less common among {name} postings than overall ({value:.1}x {}): {name} is mostly asked elsewhere",
                    interval(lane_lift.ci_low, lane_lift.ci_high, |v| format!("{v:.1}"))
                ),
                cites: vec![cite],
            });
        }
    }

    // Co-skills.
    if !option.co_skills.is_empty() {
        let top: Vec<&CoSkill> = option.co_skills.iter().take(4).collect();
        reasons.push(Claim {
            kind: "coskills",
            text: format!(
                "asked with it most: {}",
                top.iter()
                    .map(|s| format!(
                        "{} ({} of postings, lift {})",
                        s.name,
                        s.share.share.map_or("?".into(), percent),
                        s.lift.map_or("?".into(), |l| format!("{l:.1}"))
                    ))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            cites: top
                .iter()
                .map(|s| coskill_cite(s, name, lane, market))
                .collect(),
        });
    }

    // Familiarity and learning time.
    let depth = profile.depth(&option.language);
    if let Some(depth) = depth {
        reasons.push(Claim {
            kind: "familiarity",
            text: format!("you already know {name} ({depth})"),
            cites: vec![setting_cite(
                format!("familiarity of {depth} depth"),
                settings.depth.get(Some(depth)),
                "depth",
                "profile",
            )],
        });
    }
    let hireable = settings.hireable_weeks.get(depth);
    let short_deadline = profile.urgency_weeks.is_some_and(|weeks| weeks < hireable);
    if hireable > 0 && (short_deadline || depth.is_none_or(|d| d == crate::profile::Depth::Basic)) {
        let text = match profile.urgency_weeks {
            Some(weeks) if weeks < hireable => format!(
                "time: reaching hireable depth in {name} from {} takes about {hireable} weeks; you need a job in {weeks}",
                depth.map_or("scratch".to_string(), |d| format!("{d} depth")),
            ),
            _ => format!(
                "time: reaching hireable depth in {name} from {} takes about {hireable} weeks (settings estimate)",
                depth.map_or("scratch".to_string(), |d| format!("{d} depth")),
            ),
        };
        risks.push(Claim {
            kind: "learning_time",
            text,
            cites: vec![setting_cite(
                "weeks to hireable depth (settings [hireable_weeks])".into(),
                f64::from(hireable),
                "weeks",
                "settings",
            )],
        });
    }

    // Concentration and narrowness.
    let concentration = &option.concentration;
    if let (Some(top), Some(hhi)) = (concentration.top_share, concentration.hhi) {
        let effective = if hhi > 0.0 {
            10_000.0 / hhi
        } else {
            f64::INFINITY
        };
        if top >= settings.risks.concentrated_top10_share
            || effective < settings.risks.few_effective_companies
        {
            risks.push(Claim {
                kind: "concentration",
                text: format!(
                    "concentrated: the top 10 of {} companies post {} of these postings (HHI {hhi:.0}, about {effective:.0} companies' worth)",
                    concentration.n_companies,
                    percent(top),
                ),
                cites: vec![Cite {
                    label: format!("top-10 company share of {name} postings in {lane}"),
                    unit: "share",
                    value: Some(top),
                    count: None,
                    n: concentration.n,
                    ci_low: None,
                    ci_high: None,
                    window: demand_window.clone(),
                    small_sample: concentration.small_sample,
                }],
            });
        }
    }
    let mix = &option.language_lane_mix;
    if let Some(effective) = mix
        .effective_lanes
        .filter(|e| *e < settings.risks.narrow_effective_lanes)
    {
        risks.push(Claim {
            kind: "lane_mix",
            text: format!(
                "narrow: {name} is asked in {effective:.1} effective lanes ({} holds {}), so few exits if {lane} cools",
                mix.top_lane.as_deref().unwrap_or("?"),
                mix.top_share.map_or("?".into(), percent)
            ),
            cites: vec![Cite {
                label: format!("effective lanes of {name}"),
                unit: "lanes",
                value: Some(effective),
                count: None,
                n: mix.n,
                ci_low: None,
                ci_high: None,
                window: demand_window.clone(),
                small_sample: mix.small_sample,
            }],
        });
    }

    // Remote.
    if profile.remote_only {
        let cite = share_cite(
            format!("remote share of {name} postings in {lane} open to your level"),
            &option.remote,
            demand_window.clone(),
        );
        let text = format!(
            "{} of these postings are remote {}",
            option.remote.share.map_or("?".into(), percent),
            interval(option.remote.ci_low, option.remote.ci_high, percent)
        );
        if option
            .remote
            .share
            .is_some_and(|s| s < settings.risks.low_remote_share)
        {
            risks.push(Claim {
                kind: "remote",
                text: format!("mostly on-site: {text}"),
                cites: vec![cite],
            });
        } else {
            reasons.push(Claim {
                kind: "remote",
                text,
                cites: vec![cite],
            });
        }
    }
    (reasons, risks)
}
