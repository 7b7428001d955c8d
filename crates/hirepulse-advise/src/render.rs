//! An advice as text: an aligned table for a terminal, or markdown (the README's examples are
//! this output). Both print the same content: the profile and windows, the scoring weights,
//! the ranked options with their figures, each option's reasons and risks, the plan (co-skills,
//! projects with why, 13 weeks), the dropped candidates and the notes. JSON is the [`Advice`]
//! value itself (serde), printed by the caller.

use crate::claims::{money, percent, signed_percent};
use crate::model::{Advice, AdviceOption, Claim, PayBasis};
use std::fmt::Write;

/// Output style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Table,
    Markdown,
}

/// A grid of cells: aligned columns, or a markdown pipe table.
fn grid(headers: &[&str], rows: &[Vec<String>], style: Style) -> String {
    let mut out = String::new();
    match style {
        Style::Markdown => {
            let _ = writeln!(out, "| {} |", headers.join(" | "));
            let _ = writeln!(
                out,
                "|{}|",
                headers.iter().map(|_| "---").collect::<Vec<_>>().join("|")
            );
            for row in rows {
                let cells: Vec<String> = row.iter().map(|c| c.replace('|', "\\|")).collect();
                let _ = writeln!(out, "| {} |", cells.join(" | "));
            }
        }
        Style::Table => {
            let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
            for row in rows {
                for (i, cell) in row.iter().enumerate() {
                    if let Some(w) = widths.get_mut(i) {
                        *w = (*w).max(cell.chars().count());
                    }
                }
            }
            let line = |cells: Vec<String>| {
                let padded: Vec<String> = cells
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let width = widths.get(i).copied().unwrap_or(0);
                        format!("{c:<width$}")
                    })
                    .collect();
                padded.join("  ").trim_end().to_string()
            };
            let _ = writeln!(
                out,
                "{}",
                line(headers.iter().map(|h| h.to_string()).collect())
            );
            let _ = writeln!(
                out,
                "{}",
                line(widths.iter().map(|w| "-".repeat(*w)).collect())
            );
            for row in rows {
                let _ = writeln!(out, "{}", line(row.clone()));
            }
        }
    }
    out
}

fn heading(out: &mut String, level: usize, text: &str, style: Style) {
    match style {
        Style::Markdown => {
            let _ = writeln!(out, "{} {text}\n", "#".repeat(level));
        }
        Style::Table => {
            let _ = writeln!(
                out,
                "{text}\n{}\n",
                if level <= 2 {
                    "=".repeat(text.chars().count())
                } else {
                    "-".repeat(text.chars().count())
                }
            );
        }
    }
}

fn interval(low: Option<f64>, high: Option<f64>, show: fn(f64) -> String) -> String {
    format!(
        "[{}, {}]",
        low.map_or("?".into(), show),
        high.map_or("?".into(), show)
    )
}

fn star(small: bool) -> &'static str {
    if small {
        "*"
    } else {
        ""
    }
}

fn title(option: &AdviceOption) -> String {
    let verb = if option.kind == "learn" {
        "Learn"
    } else {
        "Deepen"
    };
    format!("{verb} {} for {}", option.language_name, option.lane)
}

fn pay_cell(option: &AdviceOption) -> String {
    match (option.pay_basis, option.pay.percentile(0.5)) {
        (PayBasis::None, _) | (_, None) => format!("unknown (n={})*", option.pay.n),
        (basis, Some(median)) => format!(
            "{} {}{} n={}{}",
            median.value.map_or("?".into(), money),
            interval(median.ci_low, median.ci_high, money),
            star(median.small_sample),
            option.pay.n,
            if basis == PayBasis::LanguageAllLanes {
                " (any lane)"
            } else {
                ""
            }
        ),
    }
}

fn claims(out: &mut String, claims: &[Claim]) {
    for claim in claims {
        let small = claim.cites.iter().any(|c| c.small_sample);
        let _ = writeln!(out, "- {}{}", claim.text, if small { " *" } else { "" });
    }
}

/// The advice in `style`.
pub fn render(advice: &Advice, style: Style) -> String {
    let mut out = String::new();
    let profile = &advice.profile;
    let known = if profile.languages.is_empty() {
        "no language yet".to_string()
    } else {
        profile
            .languages
            .iter()
            .map(|k| {
                format!(
                    "{} ({})",
                    crate::candidates::language_name(&k.language),
                    k.depth
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    heading(&mut out, 2, "hirepulse advise", style);
    let mut facts = vec![
        format!(
            "profile: {} year{} ({}: postings naming {} or no level), knows {known}; goal {}; region {}{}{}{}",
            profile.years,
            if profile.years == 1.0 { "" } else { "s" },
            profile.band.label,
            profile.band.levels.join("/"),
            profile.goal.name(),
            profile.region,
            if profile.lanes.is_empty() { String::new() } else { format!("; lanes {}", profile.lanes.join(", ")) },
            if profile.remote_only { "; remote only" } else { "" },
            profile.urgency_weeks.map_or(String::new(), |w| format!("; job needed in {w} weeks")),
        ),
        format!(
            "market: {} postings open to you in {}..{} (demand, concentration, lift); growth against {}..{}; pay and co-skills {}..{}; [low, high] = 95% interval; * = small sample",
            advice.n_postings,
            advice.windows.demand.since,
            advice.windows.demand.until,
            advice.windows.previous.since,
            advice.windows.previous.until,
            advice.windows.pay.since,
            advice.windows.pay.until,
        ),
    ];
    if let Some(source) = &advice.data_source {
        facts.push(format!("figures from the {source}"));
    }
    let weights: Vec<String> = advice
        .scoring
        .weights
        .pairs()
        .iter()
        .filter(|(_, w)| *w > 0.0)
        .map(|(name, w)| format!("{name} {w:.2}"))
        .collect();
    facts.push(format!(
        "scoring ({} goal, urgency {:.2}, settings {}): {}; {} candidates ranked, {} dropped for too little evidence",
        advice.scoring.goal,
        advice.scoring.urgency,
        advice.scoring.settings_version,
        weights.join(", "),
        advice.n_candidates,
        advice.dropped.len(),
    ));
    for fact in facts {
        let _ = writeln!(out, "{fact}");
        if style == Style::Markdown {
            out.push('\n');
        }
    }
    if style == Style::Table {
        out.push('\n');
    }

    heading(&mut out, 3, "Options", style);
    if advice.options.is_empty() {
        let _ = writeln!(
            out,
            "no option has enough evidence; see the dropped candidates and notes\n"
        );
    } else {
        let rows: Vec<Vec<String>> = advice
            .options
            .iter()
            .map(|o| {
                vec![
                    o.rank.to_string(),
                    title(o),
                    format!("{:.2}", o.score),
                    format!(
                        "{}{} ({} {})",
                        o.demand.count,
                        star(o.demand.small_sample),
                        o.demand.share.map_or("?".into(), percent),
                        interval(o.demand.ci_low, o.demand.ci_high, percent)
                    ),
                    format!(
                        "{} {}{}",
                        o.growth.growth.map_or("?".into(), signed_percent),
                        interval(o.growth.ci_low, o.growth.ci_high, signed_percent),
                        star(o.growth.small_sample)
                    ),
                    pay_cell(o),
                    o.risks
                        .iter()
                        .map(|r| r.kind)
                        .filter(|k| *k != "learning_time")
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect();
        out.push_str(&grid(
            &[
                "#",
                "option",
                "score",
                "postings at your level (share)",
                "growth (share, YoY)",
                "median posted pay",
                "risks",
            ],
            &rows,
            style,
        ));
        out.push('\n');
    }

    for option in &advice.options {
        heading(
            &mut out,
            4,
            &format!(
                "{}. {} (score {:.2})",
                option.rank,
                title(option),
                option.score
            ),
            style,
        );
        let _ = writeln!(out, "Why:");
        if style == Style::Markdown {
            out.push('\n');
        }
        claims(&mut out, &option.reasons);
        out.push('\n');
        if !option.risks.is_empty() {
            let _ = writeln!(out, "Risks:");
            if style == Style::Markdown {
                out.push('\n');
            }
            claims(&mut out, &option.risks);
            out.push('\n');
        }
        let parts: Vec<String> = option
            .components
            .iter()
            .filter(|c| c.weight > 0.0)
            .map(|c| format!("{} {:.2}x{:.2}", c.name, c.value.unwrap_or(0.0), c.weight))
            .collect();
        let _ = writeln!(out, "Score = {} (value x weight).", parts.join(" + "));
        out.push('\n');
    }

    if let Some(plan) = &advice.plan {
        heading(
            &mut out,
            3,
            &format!(
                "90-day plan: {} for {}",
                crate::candidates::language_name(&plan.language),
                plan.lane
            ),
            style,
        );
        if !plan.co_skills.is_empty() {
            let _ = writeln!(
                out,
                "Co-skills asked next to {} in {} ({}..{}; share of those postings, lift against the lane):",
                crate::candidates::language_name(&plan.language),
                plan.lane,
                advice.windows.pay.since,
                advice.windows.pay.until
            );
            out.push('\n');
            let rows: Vec<Vec<String>> = plan
                .co_skills
                .iter()
                .map(|s| {
                    vec![
                        s.name.clone(),
                        format!(
                            "{} {}{}",
                            s.share.share.map_or("?".into(), percent),
                            interval(s.share.ci_low, s.share.ci_high, percent),
                            star(s.share.small_sample)
                        ),
                        format!("{} of {}", s.share.count, s.share.n),
                        format!(
                            "{} {}",
                            s.lift.map_or("?".into(), |l| format!("{l:.2}")),
                            interval(s.lift_ci_low, s.lift_ci_high, |v| format!("{v:.2}"))
                        ),
                        format!("{:.3}", s.weight),
                    ]
                })
                .collect();
            out.push_str(&grid(
                &["skill", "share", "postings", "lift", "weight"],
                &rows,
                style,
            ));
            out.push('\n');
        }
        let _ = writeln!(out, "Projects:");
        if style == Style::Markdown {
            out.push('\n');
        }
        for project in &plan.projects {
            let _ = writeln!(
                out,
                "- {} ({} weeks): {}",
                project.title, project.effort_weeks, project.scope
            );
            for claim in &project.why {
                let small = claim.cites.iter().any(|c| c.small_sample);
                let _ = writeln!(out, "  - {}{}", claim.text, if small { " *" } else { "" });
            }
        }
        out.push('\n');
        let rows: Vec<Vec<String>> = plan
            .weeks
            .iter()
            .map(|m| vec![m.week.to_string(), m.phase.to_string(), m.text.clone()])
            .collect();
        out.push_str(&grid(&["week", "phase", "milestone"], &rows, style));
        out.push('\n');
        for note in &plan.notes {
            let _ = writeln!(out, "note: {note}");
        }
        if !plan.notes.is_empty() {
            out.push('\n');
        }
    }

    if !advice.dropped.is_empty() {
        let nearest: Vec<String> = advice
            .dropped
            .iter()
            .take(8)
            .map(|d| {
                format!(
                    "{} in {} ({})",
                    crate::candidates::language_name(&d.language),
                    d.lane,
                    d.demand
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "Not ranked: {} candidates with too little evidence (fewer than {} postings open to your level in {}..{}, or no figure the goal ranks on); the nearest, with their postings: {}.",
            advice.dropped.len(),
            advice.scoring.min_demand,
            advice.windows.demand.since,
            advice.windows.demand.until,
            nearest.join(", ")
        );
        out.push('\n');
    }
    for note in &advice.notes {
        let _ = writeln!(out, "note: {note}");
    }
    out
}
