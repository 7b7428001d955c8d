//! The 90-day plan for the top option: 13 weekly milestones and two or three portfolio projects
//! from the catalogue, chosen by the co-skills most asked next to the language in the lane.
//!
//! Choice: among the catalogue projects that prove the lane (and make sense in the language),
//! greedily take the one whose technologies cover the most co-skill weight not yet covered
//! (weight = share of the option's postings asking for the skill × its lift clamped, see
//! `[coskills]`), ties to the shorter project, while the efforts fit the weeks left after the
//! language fundamentals (by depth, `[ramp_weeks]`) and a final week of applications. Each
//! chosen project says which co-skills it covers, with their figures.
//!
//! Weeks: fundamentals, then each project week by week (scope and skeleton, build, tests and
//! write-up), then polish and applications. With a deadline inside the 13 weeks, applications
//! start in parallel four weeks before it.

use crate::candidates::language_name;
use crate::catalogue::{Catalogue, Project};
use crate::claims::{coskill_cite, percent, share_cite, window};
use crate::market::Market;
use crate::model::{AdviceOption, Claim, CoSkill, Milestone, Plan, PlannedProject};
use crate::profile::CheckedProfile;
use crate::settings::Settings;
use std::collections::BTreeSet;

/// Weeks in the plan.
pub const PLAN_WEEKS: u32 = 13;
/// Projects at most.
const MAX_PROJECTS: usize = 3;
/// Projects at least (when the catalogue has them).
const MIN_PROJECTS: usize = 2;

fn gain(project: &Project, skills: &[CoSkill], covered: &BTreeSet<String>) -> f64 {
    skills
        .iter()
        .filter(|s| !covered.contains(&s.id) && project.technologies.contains(&s.id))
        .map(|s| s.weight)
        .sum()
}

/// Projects for `language` in `lane`, chosen by co-skill coverage within `budget` weeks.
pub(crate) fn choose<'a>(
    catalogue: &'a Catalogue,
    language: &str,
    lane: &str,
    skills: &'a [CoSkill],
    budget: u32,
) -> Vec<(&'a Project, Vec<&'a str>, f64)> {
    let eligible: Vec<&Project> = catalogue
        .projects
        .iter()
        .filter(|p| p.lanes.iter().any(|l| l == lane) && p.fits_language(language))
        .collect();
    let mut chosen: Vec<(&Project, Vec<&str>, f64)> = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut used = 0;
    while chosen.len() < MAX_PROJECTS {
        let best = eligible
            .iter()
            .copied()
            .filter(|p| !chosen.iter().any(|(c, _, _)| c.id == p.id))
            .filter(|p| used + p.effort_weeks <= budget)
            .map(|p| (p, gain(p, skills, &covered)))
            // Below the minimum, or with weeks to spare, a project that only proves the lane
            // is better than idle weeks; it says so in its `why`.
            .filter(|(p, g)| {
                *g > 0.0 || chosen.len() < MIN_PROJECTS || used + p.effort_weeks + 2 <= budget
            })
            .max_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(b.0.effort_weeks.cmp(&a.0.effort_weeks))
                    .then(b.0.id.cmp(&a.0.id))
            });
        let Some((project, g)) = best else { break };
        let new: Vec<&str> = skills
            .iter()
            .filter(|s| !covered.contains(&s.id) && project.technologies.contains(&s.id))
            .map(|s| s.id.as_str())
            .collect();
        for id in &new {
            covered.insert(id.to_string());
        }
        used += project.effort_weeks;
        chosen.push((project, new, g));
    }
    chosen
}

pub(crate) fn plan(
    top: &AdviceOption,
    profile: &CheckedProfile,
    market: &Market,
    settings: &Settings,
    catalogue: &Catalogue,
) -> Plan {
    let name = language_name(&top.language);
    let lane = top.lane.as_str();
    let depth = profile.depth(&top.language);
    let ramp = settings.ramp_weeks.get(depth).min(PLAN_WEEKS - 3);
    let budget = PLAN_WEEKS - ramp - 1;
    let chosen = choose(catalogue, &top.language, lane, &top.co_skills, budget);
    let mut notes = Vec::new();
    if chosen.is_empty() {
        notes.push(format!(
            "the catalogue has no project for {name} in {lane} within {budget} weeks"
        ));
    }
    if top.co_skills.is_empty() {
        notes.push(format!(
            "no co-skill is asked with {name} in {lane} in at least {} postings ({}): projects are chosen by lane only",
            settings.evidence.min_coskill_support,
            window(&market.pay)
        ));
    }
    let projects: Vec<PlannedProject> = chosen
        .iter()
        .map(|(project, new, g)| {
            let mut why: Vec<Claim> = new
                .iter()
                .filter_map(|id| top.co_skills.iter().find(|s| s.id == *id))
                .map(|skill| Claim {
                    kind: "coskills",
                    text: format!(
                        "{}: asked in {} of {name} postings in {lane} ({} of {}), lift {} against {lane} overall",
                        skill.name,
                        skill.share.share.map_or("?".into(), percent),
                        skill.share.count,
                        skill.share.n,
                        skill.lift.map_or("?".into(), |l| format!("{l:.1}")),
                    ),
                    cites: vec![coskill_cite(skill, &name, lane, market)],
                })
                .collect();
            if why.is_empty() {
                why.push(Claim {
                    kind: "demand",
                    text: format!(
                        "proves {lane} work in {name}; it covers no measured co-skill the earlier projects left open"
                    ),
                    cites: vec![share_cite(
                        format!("share of postings open to your level with {name} in {lane}"),
                        &top.demand,
                        window(&market.demand),
                    )],
                });
            }
            PlannedProject {
                id: project.id.clone(),
                title: project.title.clone(),
                scope: project.scope.clone(),
                effort_weeks: project.effort_weeks,
                technologies: project.technologies.clone(),
                lanes: project.lanes.clone(),
                why,
                gain: *g,
            }
        })
        .collect();
    let weeks = milestones(top, profile, market, ramp, &projects);
    if let Some(deadline) = profile.urgency_weeks.filter(|w| *w < PLAN_WEEKS) {
        notes.push(format!(
            "you need a job in {deadline} weeks: applications run in parallel from week {}",
            deadline.saturating_sub(4).max(1)
        ));
    }
    Plan {
        language: top.language.clone(),
        lane: lane.to_string(),
        co_skills: top.co_skills.clone(),
        projects,
        weeks,
        notes,
    }
}

fn milestones(
    top: &AdviceOption,
    profile: &CheckedProfile,
    market: &Market,
    ramp: u32,
    projects: &[PlannedProject],
) -> Vec<Milestone> {
    let name = language_name(&top.language);
    let lane = top.lane.as_str();
    let skills: Vec<&str> = top
        .co_skills
        .iter()
        .take(3)
        .map(|s| s.name.as_str())
        .collect();
    let skills = if skills.is_empty() {
        "the lane's usual tools".to_string()
    } else {
        skills.join(", ")
    };
    let mut weeks = Vec::new();
    let fundamentals = [
        format!("{name} fundamentals: the language tour, standard library and tooling (build, test, format, package); small exercises every day"),
        format!("{name} idioms: errors, concurrency, modules and testing; rewrite a small program you know well in {name}"),
        format!("{name} in {lane}: read two open-source {lane} codebases in {name}; set up the first project's skeleton"),
    ];
    for week in 1..=ramp {
        let text = fundamentals
            .get(week as usize - 1)
            .cloned()
            .unwrap_or_else(|| format!("{name} practice: exercises in {lane} problems"));
        weeks.push(Milestone {
            week,
            phase: "fundamentals",
            text,
            project: None,
        });
    }
    for project in projects {
        for step in 0..project.effort_weeks {
            let week = weeks.len() as u32 + 1;
            if week > PLAN_WEEKS - 1 {
                break;
            }
            let techs: Vec<&str> = project
                .technologies
                .iter()
                .take(3)
                .map(|id| hirepulse_extract::taxonomy::display_name(id).unwrap_or(id))
                .collect();
            let text = if project.effort_weeks == 1 {
                format!("{}: build, test and publish it in one week", project.title)
            } else if step == 0 {
                format!(
                    "{}: scope, repository, CI; a first working slice with {}",
                    project.title,
                    techs.join(", ")
                )
            } else if step + 1 == project.effort_weeks {
                format!(
                    "{}: tests, deploy, and a README with design notes and measured results; publish",
                    project.title
                )
            } else if step == 1 {
                format!(
                    "{}: build the core — {}",
                    project.title,
                    project.scope.trim_end_matches('.')
                )
            } else {
                format!(
                    "{}: the next feature set, with tests; measure it (latency, throughput or accuracy) and note the numbers",
                    project.title
                )
            };
            weeks.push(Milestone {
                week,
                phase: "project",
                text,
                project: Some(project.id.clone()),
            });
        }
    }
    let per_month = top.demand.count as f64 / f64::from(market.demand.months.max(1));
    let polish = [
        "write-ups: a one-page design note per project, with its measured numbers; pin the projects on your profile".to_string(),
        format!("interview practice: rehearse {lane} questions on {skills}; explain each project's trade-offs aloud"),
        format!("contribute a fix or a test to an open-source {lane} project in {name}"),
        format!("CV and mock interviews: lead with the projects and {skills}"),
    ];
    let mut polish_weeks = polish.iter().cycle();
    while (weeks.len() as u32) < PLAN_WEEKS {
        let week = weeks.len() as u32 + 1;
        let (phase, text) = if week == PLAN_WEEKS {
            (
                "apply",
                format!(
                    "apply: about {per_month:.0} postings a month ask for {name} in {lane} at your level ({} in {}..{}); lead with the projects and {skills}",
                    top.demand.count, market.demand.since, market.demand.until
                ),
            )
        } else {
            ("polish", polish_weeks.next().cloned().unwrap_or_default())
        };
        weeks.push(Milestone {
            week,
            phase,
            text,
            project: None,
        });
    }
    if let Some(deadline) = profile.urgency_weeks.filter(|w| *w < PLAN_WEEKS) {
        let start = deadline.saturating_sub(4).max(1);
        for milestone in weeks
            .iter_mut()
            .filter(|m| m.week >= start && m.phase != "apply")
        {
            milestone
                .text
                .push_str("; and apply to five postings this week");
        }
    }
    weeks
}

#[cfg(test)]
mod tests {
    use super::*;
    use hirepulse_reports::model::ShareFigure;

    fn skill(id: &str, weight: f64) -> CoSkill {
        CoSkill {
            id: id.into(),
            name: id.into(),
            category: "t".into(),
            share: ShareFigure {
                count: 10,
                n: 20,
                share: Some(0.5),
                ci_low: Some(0.3),
                ci_high: Some(0.7),
                small_sample: false,
            },
            lift: Some(1.5),
            lift_ci_low: Some(1.1),
            lift_ci_high: Some(2.0),
            weight,
        }
    }

    fn project(id: &str, technologies: &[&str], effort: u32) -> Project {
        Project {
            id: id.into(),
            title: id.into(),
            scope: "s".into(),
            technologies: technologies.iter().map(|s| s.to_string()).collect(),
            lanes: vec!["backend".into()],
            effort_weeks: effort,
            languages: Vec::new(),
        }
    }

    #[test]
    fn projects_follow_the_co_skills_and_the_budget() {
        let catalogue = Catalogue {
            version: "t".into(),
            source: "t".into(),
            projects: vec![
                project("kafka-thing", &["kafka", "docker"], 3),
                project("pg-thing", &["postgresql", "redis"], 3),
                project("k8s-thing", &["kubernetes"], 3),
                project("huge", &["kafka", "postgresql", "kubernetes"], 12),
                Project {
                    languages: vec!["rust".into()],
                    ..project("rust-only", &["kafka", "postgresql"], 2)
                },
            ],
        };
        let skills = [
            skill("kafka", 0.5),
            skill("postgresql", 0.4),
            skill("docker", 0.2),
        ];
        let chosen = choose(&catalogue, "go", "backend", &skills, 9);
        let ids: Vec<&str> = chosen.iter().map(|(p, _, _)| p.id.as_str()).collect();
        // kafka+docker (0.7) first, then postgresql (0.4); k8s adds nothing but fills the
        // minimum of two only when needed, so it is not taken as a third.
        assert_eq!(ids, ["kafka-thing", "pg-thing"]);
        assert_eq!(chosen[0].1, ["kafka", "docker"]);
        // Other co-skills move the choice.
        let skills = [skill("kubernetes", 0.9), skill("redis", 0.1)];
        let ids: Vec<String> = choose(&catalogue, "go", "backend", &skills, 9)
            .iter()
            .map(|(p, _, _)| p.id.clone())
            .collect();
        assert_eq!(ids, ["k8s-thing", "pg-thing"]);
        // The language restriction applies.
        let skills = [skill("kafka", 0.5), skill("postgresql", 0.4)];
        let ids: Vec<String> = choose(&catalogue, "rust", "backend", &skills, 9)
            .iter()
            .map(|(p, _, _)| p.id.clone())
            .collect();
        assert_eq!(ids.first().map(String::as_str), Some("rust-only"));
    }
}
