//! Ranking, evidence, urgency, remote-only and plan selection on a synthetic market whose
//! figures are known by construction (the same idea as the reports' synthetic store: postings
//! built field by field, no extraction involved).

use hirepulse_advise::model::Advice;
use hirepulse_advise::{advise_in, Goal, Market, Profile, Settings};
use hirepulse_stats::YearMonth;
use hirepulse_store::report_queries::{ReportPay, ReportPosting};

/// One (language, lane) cell of the synthetic market.
struct Cell {
    language: &'static str,
    lane: &'static str,
    /// Postings in 2024 (the demand window) and in 2023.
    now: usize,
    before: usize,
    /// Pay of every posting, varied by company by up to 4%.
    pay: f64,
    /// Distinct companies posting it.
    companies: usize,
    /// Share of postings that are remote.
    remote: f64,
    technologies: &'static [&'static str],
}

fn postings_of(cell: &Cell, first_id: i64) -> Vec<ReportPosting> {
    let mut out = Vec::new();
    for (year, count) in [(2024, cell.now), (2023, cell.before)] {
        for i in 0..count {
            let company = i % cell.companies.max(1);
            let remote = (i as f64) < cell.remote * count as f64;
            out.push(ReportPosting {
                posting_id: first_id + out.len() as i64,
                month: format!("{year}-{:02}", i % 12 + 1),
                company: Some(format!("{}-{}-co{company}", cell.language, cell.lane)),
                us_eligible: Some(true),
                languages: vec![cell.language.to_string()],
                lanes: vec![cell.lane.to_string()],
                seniority: Vec::new(),
                countries: vec!["US".into()],
                work_mode: vec![if remote { "remote" } else { "onsite" }.into()],
                employment: vec!["full_time".into()],
                pay: vec![ReportPay {
                    annual_usd_min: Some(cell.pay * (1.0 + 0.01 * (company % 5) as f64)),
                    annual_usd_max: None,
                    flag: None,
                }],
                technologies: cell.technologies.iter().map(|t| t.to_string()).collect(),
                cluster_id: None,
            });
        }
    }
    out
}

fn market(cells: &[Cell]) -> Market {
    let settings = Settings::embedded().unwrap_or_else(|e| panic!("{e}"));
    let mut postings = Vec::new();
    for cell in cells {
        let next = postings.len() as i64;
        postings.extend(postings_of(cell, next));
    }
    // Filler: postings in a lane no recommendation names, so shares have a denominator.
    for i in 0..400 {
        postings.push(ReportPosting {
            posting_id: 100_000 + i,
            month: format!("{}-{:02}", 2023 + i % 2, i % 12 + 1),
            company: Some(format!("filler{}", i % 50)),
            us_eligible: Some(true),
            lanes: vec!["design".into()],
            countries: vec!["US".into()],
            ..ReportPosting::default()
        });
    }
    let until = YearMonth::new(2024, 12).unwrap_or_else(|e| panic!("{e}"));
    Market::from_postings(postings, until, settings)
}

fn standard() -> Vec<Cell> {
    vec![
        // Most postings, lowest pay, mostly on-site.
        Cell {
            language: "python",
            lane: "backend",
            now: 200,
            before: 150,
            pay: 120_000.0,
            companies: 40,
            remote: 0.1,
            technologies: &["kafka", "docker"],
        },
        // Fewest postings, highest pay, mostly remote, growing.
        Cell {
            language: "rust",
            lane: "systems",
            now: 40,
            before: 20,
            pay: 220_000.0,
            companies: 20,
            remote: 0.9,
            technologies: &["linux"],
        },
        // In between.
        Cell {
            language: "go",
            lane: "infra",
            now: 80,
            before: 80,
            pay: 160_000.0,
            companies: 30,
            remote: 0.5,
            technologies: &["kubernetes", "prometheus"],
        },
        // Too little evidence to rank.
        Cell {
            language: "elixir",
            lane: "backend",
            now: 5,
            before: 5,
            pay: 300_000.0,
            companies: 5,
            remote: 1.0,
            technologies: &["phoenix"],
        },
    ]
}

fn profile(goal: Goal) -> Profile {
    Profile {
        years: 5.0,
        languages: Vec::new(),
        goal,
        region: "us".into(),
        lanes: Vec::new(),
        remote_only: false,
        urgency_weeks: None,
    }
}

fn run(market: &Market, profile: &Profile) -> Advice {
    advise_in(market, profile).unwrap_or_else(|e| panic!("{e}"))
}

fn ranking(advice: &Advice) -> Vec<String> {
    advice
        .options
        .iter()
        .map(|o| format!("{}/{}", o.language, o.lane))
        .collect()
}

#[test]
fn the_goal_moves_the_ranking_the_expected_way() {
    let market = market(&standard());
    let volume = run(&market, &profile(Goal::Volume));
    let comp = run(&market, &profile(Goal::Comp));
    assert_eq!(
        ranking(&volume).first().map(String::as_str),
        Some("python/backend"),
        "{:?}",
        ranking(&volume)
    );
    assert_eq!(
        ranking(&comp).first().map(String::as_str),
        Some("rust/systems"),
        "{:?}",
        ranking(&comp)
    );
    // Volume puts the most-demanded option above the best-paid one; comp the reverse.
    let position = |advice: &Advice, key: &str| ranking(advice).iter().position(|r| r == key);
    assert!(position(&volume, "python/backend") < position(&volume, "rust/systems"));
    assert!(position(&comp, "rust/systems") < position(&comp, "python/backend"));
    let differentiation = run(&market, &profile(Goal::Differentiation));
    assert_ne!(
        ranking(&differentiation).first().map(String::as_str),
        Some("python/backend")
    );
    // Scores are the sum of their components, and sorted.
    for advice in [&volume, &comp, &differentiation] {
        for option in &advice.options {
            let sum: f64 = option.components.iter().map(|c| c.contribution).sum();
            assert!((sum - option.score).abs() < 1e-9);
            let weights: f64 = option.components.iter().map(|c| c.weight).sum();
            assert!((weights - 1.0).abs() < 1e-9, "{weights}");
        }
        assert!(advice.options.windows(2).all(|w| w[0].score >= w[1].score));
    }
}

#[test]
fn too_little_evidence_is_dropped_never_ranked() {
    let market = market(&standard());
    for goal in [Goal::Volume, Goal::Comp, Goal::Differentiation] {
        let advice = run(&market, &profile(goal));
        assert!(advice.options.iter().all(|o| o.language != "elixir"));
        let elixir = advice.dropped.iter().find(|d| d.language == "elixir");
        assert_eq!(elixir.map(|d| d.demand), Some(5), "{:?}", advice.dropped);
        assert_eq!(advice.options.len(), 3);
    }
}

#[test]
fn urgency_shifts_weight_to_volume_and_known_languages() {
    let market = market(&standard());
    let mut relaxed = profile(Goal::Comp);
    relaxed.languages = hirepulse_advise::profile::parse_known("go:expert").unwrap_or_default();
    let calm = run(&market, &relaxed);
    let urgent = run(
        &market,
        &Profile {
            urgency_weeks: Some(1),
            ..relaxed.clone()
        },
    );
    assert_eq!(
        ranking(&calm).first().map(String::as_str),
        Some("rust/systems")
    );
    assert_eq!(
        ranking(&urgent).first().map(String::as_str),
        Some("go/infra"),
        "{:?}",
        ranking(&urgent)
    );
    assert!(urgent.scoring.urgency > 0.9 && calm.scoring.urgency == 0.0);
    assert!(urgent.scoring.weights.demand > calm.scoring.weights.demand);
    assert!(urgent.scoring.weights.familiarity > calm.scoring.weights.familiarity);
    // A deadline beyond the horizon changes nothing.
    let later = run(
        &market,
        &Profile {
            urgency_weeks: Some(52),
            ..relaxed
        },
    );
    assert_eq!(ranking(&later), ranking(&calm));
    // The known language is a `deepen` option; the urgent plan says when to apply.
    let go = urgent.options.iter().find(|o| o.language == "go");
    assert_eq!(go.map(|o| o.kind), Some("deepen"));
    let plan = urgent.plan.as_ref().unwrap_or_else(|| panic!("no plan"));
    assert!(plan
        .notes
        .iter()
        .any(|n| n.contains("applications run in parallel")));
}

#[test]
fn remote_only_counts_remote_postings_and_says_the_share() {
    let market = market(&standard());
    let anywhere = run(&market, &profile(Goal::Volume));
    let remote = run(
        &market,
        &Profile {
            remote_only: true,
            ..profile(Goal::Volume)
        },
    );
    assert_eq!(
        ranking(&anywhere).first().map(String::as_str),
        Some("python/backend")
    );
    assert_ne!(
        ranking(&remote).first().map(String::as_str),
        Some("python/backend"),
        "{:?}",
        ranking(&remote)
    );
    let python = remote.options.iter().find(|o| o.language == "python");
    // 10% of 200 postings are remote: demand counts those 20.
    assert_eq!(python.map(|o| o.demand.count), Some(20));
    assert_eq!(python.map(|o| o.remote.count), Some(20));
    assert!(remote.scoring.weights.remote_share > 0.0);
    for option in &remote.options {
        let claim = option
            .reasons
            .iter()
            .chain(&option.risks)
            .find(|c| c.kind == "remote");
        assert!(
            claim.is_some_and(|c| c.cites.iter().all(|cite| cite.n > 0)),
            "{}",
            option.language
        );
    }
    assert!(python.is_some_and(|o| o.risks.iter().any(|r| r.kind == "remote")));
}

#[test]
fn the_plan_follows_the_co_skills() {
    let market = market(&standard());
    let advice = run(&market, &profile(Goal::Volume));
    let plan = advice.plan.as_ref().unwrap_or_else(|| panic!("no plan"));
    assert_eq!(
        (plan.language.as_str(), plan.lane.as_str()),
        ("python", "backend")
    );
    assert_eq!(plan.weeks.len(), 13);
    assert!(
        (2..=3).contains(&plan.projects.len()),
        "{:?}",
        plan.projects
    );
    let first = &plan.projects[0];
    assert_eq!(first.id, "event-pipeline-kafka", "{plan:#?}");
    assert!(first.why.iter().any(|c| c.text.starts_with("Kafka")));
    let weeks: u32 = plan.projects.iter().map(|p| p.effort_weeks).sum();
    assert!(weeks <= 13);

    // Other co-skills, another first project.
    let mut cells = standard();
    cells[0].technologies = &["kubernetes", "prometheus"];
    let advice = run(&self::market(&cells), &profile(Goal::Volume));
    let plan = advice.plan.as_ref().unwrap_or_else(|| panic!("no plan"));
    let first = &plan.projects[0];
    assert!(
        first.technologies.iter().any(|t| t == "kubernetes")
            && first.technologies.iter().any(|t| t == "prometheus"),
        "{first:?}"
    );
    assert_ne!(first.id, "event-pipeline-kafka");
}

#[test]
fn every_claim_cites_its_figures() {
    let market = market(&standard());
    for goal in [Goal::Volume, Goal::Comp, Goal::Differentiation] {
        let advice = run(
            &market,
            &Profile {
                remote_only: true,
                urgency_weeks: Some(6),
                ..profile(goal)
            },
        );
        for option in &advice.options {
            assert!(!option.reasons.is_empty());
            for claim in option.reasons.iter().chain(&option.risks) {
                assert!(
                    !claim.cites.is_empty(),
                    "{}: {}",
                    option.language,
                    claim.text
                );
                for cite in &claim.cites {
                    if ["share", "usd", "growth", "lift"].contains(&cite.unit) {
                        assert!(cite.n > 0, "{}: {cite:?}", claim.text);
                        assert!(cite.window.contains(".."), "{cite:?}");
                    }
                }
            }
        }
        for project in advice.plan.iter().flat_map(|p| &p.projects) {
            assert!(project.why.iter().all(|c| !c.cites.is_empty()));
        }
        let json = serde_json::to_value(&advice).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(json["report"], "advise");
    }
}

#[test]
fn an_empty_market_gives_no_options_and_says_why() {
    // Only filler postings: nothing to rank, and the notes say how many options there are.
    let advice = run(&market(&[]), &profile(Goal::Volume));
    assert!(advice.options.is_empty() && advice.plan.is_none());
    assert!(
        advice.notes.iter().any(|n| n.contains("only 0 option")),
        "{:?}",
        advice.notes
    );
    // No postings at all.
    let settings = Settings::embedded().unwrap_or_else(|e| panic!("{e}"));
    let until = YearMonth::new(2024, 12).unwrap_or_else(|e| panic!("{e}"));
    let empty = Market::from_postings(Vec::new(), until, settings);
    let advice = run(&empty, &profile(Goal::Comp));
    assert!(advice.options.is_empty() && advice.n_postings == 0);
    assert!(
        advice.notes.iter().any(|n| n.contains("nothing to rank")),
        "{:?}",
        advice.notes
    );
    // A junior sees only postings naming a junior level or none.
    let mut cells = standard();
    cells.truncate(1);
    let mut senior_only = market_with_seniority(&cells, "senior");
    let junior = run(
        &senior_only,
        &Profile {
            years: 0.5,
            ..profile(Goal::Volume)
        },
    );
    assert!(junior.options.is_empty(), "{:?}", ranking(&junior));
    senior_only = market_with_seniority(&cells, "junior");
    let junior = run(
        &senior_only,
        &Profile {
            years: 0.5,
            ..profile(Goal::Volume)
        },
    );
    assert_eq!(junior.options.first().map(|o| o.named_level), Some(200));
}

fn market_with_seniority(cells: &[Cell], level: &str) -> Market {
    let mut market = market(cells);
    for (_, posting) in &mut market.postings {
        if !posting.languages.is_empty() {
            posting.seniority = vec![level.to_string()];
        }
    }
    market
}

#[test]
fn table_and_markdown_print_every_option_the_plan_and_the_weights() {
    use hirepulse_advise::render::{render, Style};
    let market = market(&standard());
    let advice = run(
        &market,
        &Profile {
            urgency_weeks: Some(8),
            ..profile(Goal::Comp)
        },
    );
    for style in [Style::Table, Style::Markdown] {
        let text = render(&advice, style);
        for option in &advice.options {
            assert!(
                text.contains(&format!("{} for {}", option.language_name, option.lane)),
                "{text}"
            );
        }
        assert!(text.contains("90-day plan: Rust for systems"), "{text}");
        assert!(text.contains("pay 0."), "the weights are printed: {text}");
        assert!(text.contains("Not ranked: 1 candidates"), "{text}");
        assert_eq!(text.matches("\n| ").count() > 0, style == Style::Markdown);
    }
}

#[test]
fn pay_from_too_few_companies_is_never_ranked_on() {
    // 60 Scala postings from 3 companies: enough demand, but 3 pay figures (one per company).
    let mut cells = standard();
    cells.push(Cell {
        language: "scala",
        lane: "data",
        now: 60,
        before: 40,
        pay: 400_000.0,
        companies: 3,
        remote: 0.5,
        technologies: &["spark"],
    });
    let market = market(&cells);
    let comp = run(&market, &profile(Goal::Comp));
    assert!(
        comp.options.iter().all(|o| o.language != "scala"),
        "{:?}",
        ranking(&comp)
    );
    let dropped = comp.dropped.iter().find(|d| d.language == "scala");
    assert!(
        dropped.is_some_and(|d| d.reason.contains("no pay figure")),
        "{:?}",
        comp.dropped
    );
    // Under volume it ranks (four candidates, five places), its pay marked unknown, not scored.
    let volume = run(&market, &profile(Goal::Volume));
    let scala = volume.options.iter().find(|o| o.language == "scala");
    let scala = scala.unwrap_or_else(|| panic!("{:?}", ranking(&volume)));
    assert_eq!(scala.pay.n, 3);
    assert!(scala
        .risks
        .iter()
        .any(|r| r.kind == "pay" && r.text.starts_with("pay unknown")));
    let pay = scala.components.iter().find(|c| c.name == "pay");
    assert!(
        pay.is_some_and(|c| c.value.is_none() && c.weight == 0.0),
        "{pay:?}"
    );
}
