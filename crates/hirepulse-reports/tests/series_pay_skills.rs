//! `trend`, `pay` and `skills` over synthetic stores: hand-counted small cases, the JSON
//! contract, and the rendered output of every format against expected files in
//! `tests/snapshots/` (regenerate with `HIREPULSE_BLESS=1 cargo test -p hirepulse-reports`, then
//! read the diff). Each report also gives the same JSON from a baseline of the store.

mod common;

use common::{check_rendered, extension, month, pay, store_with, strings, synthetic_store};
use hirepulse_extract::Facts;
use hirepulse_reports::config::MonthWindow;
use hirepulse_reports::coverage::Status;
use hirepulse_reports::{
    pay as pay_report, skills, trend, Baseline, Dimension, Filters, Format, PayConfig, ReportError,
    SkillsConfig, TrendConfig,
};

fn window(since: &str, until: &str) -> MonthWindow {
    MonthWindow {
        since: Some(month(since)),
        until: Some(month(until)),
    }
}

fn baseline_of(store: &hirepulse_store::Store) -> Baseline {
    let built = Baseline::from_source(store, Vec::new()).expect("baseline");
    let mut bytes = Vec::new();
    built.write(&mut bytes).expect("write");
    Baseline::parse(std::str::from_utf8(&bytes).expect("utf-8")).expect("parse")
}

fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    let mut value = serde_json::to_value(value).expect("json");
    if let Some(object) = value.as_object_mut() {
        object.remove("data_source");
    }
    value
}

fn facts(languages: &[&str], technologies: &[&str]) -> Facts {
    Facts {
        languages: strings(languages),
        technologies: strings(technologies),
        ..Facts::default()
    }
}

#[test]
fn trend_counts_each_month_and_lists_empty_ones() {
    let rows = vec![
        ("2016-06".to_string(), facts(&["rust"], &[])),
        ("2016-06".to_string(), facts(&["go"], &[])),
        ("2016-08".to_string(), facts(&["rust", "go"], &[])),
    ];
    let store = store_with(&rows);
    let config = TrendConfig::new(
        Dimension::Language,
        &strings(&["Rust", "go", "rust"]),
        MonthWindow::default(),
        Filters::default(),
    )
    .expect("config");
    assert_eq!(config.values, ["rust", "go"]);
    let t = trend(&store, &config).expect("trend");
    assert_eq!((t.since, t.until), (month("2016-06"), month("2016-08")));
    assert_eq!(t.n_postings, 3);
    let n: Vec<u64> = t.months.iter().map(|m| m.n).collect();
    assert_eq!(n, [2, 0, 1]);
    // 2016-07 is missing from the corpus; 2016-06 and -08 were captured early.
    assert_eq!(t.months[1].coverage, Some(Status::Missing));
    assert_eq!(t.months[0].coverage, Some(Status::EarlyCapture));
    let rust = &t.series[0];
    assert_eq!(rust.points[0].share.count, 1);
    assert_eq!(rust.points[0].share.share, Some(0.5));
    assert_eq!(rust.points[1].share.share, None);
    assert_eq!(rust.points[2].share.share, Some(1.0));
    assert_eq!((rust.total.count, rust.total.n), (2, 3));
    assert_eq!(rust.trend.n, 2, "months with postings only");
    assert!(t.notes.iter().any(|n| n.contains("incompletely")));

    let empty = hirepulse_store::Store::open_in_memory().expect("store");
    assert!(matches!(trend(&empty, &config), Err(ReportError::NoData)));
    let backwards = TrendConfig::new(
        Dimension::Language,
        &strings(&["rust"]),
        window("2020-05", "2020-01"),
        Filters::default(),
    )
    .expect("config");
    assert!(matches!(
        trend(&store, &backwards),
        Err(ReportError::EmptyWindow { .. })
    ));
    assert!(TrendConfig::new(
        Dimension::Lane,
        &[],
        MonthWindow::default(),
        Filters::default()
    )
    .is_err());
}

#[test]
fn pay_percentiles_disclosure_and_dimension_rows() {
    let mut rows = Vec::new();
    for (i, salary) in [100_000.0, 120_000.0, 140_000.0, 160_000.0]
        .iter()
        .enumerate()
    {
        rows.push((
            "2024-03".to_string(),
            Facts {
                seniority: strings(&[if i < 2 { "mid" } else { "senior" }]),
                pay: vec![
                    pay(Some(1.0), Some(2.0), Some("implausible")),
                    pay(Some(*salary), Some(salary + 20_000.0), None),
                ],
                ..Facts::default()
            },
        ));
    }
    rows.push((
        "2024-03".to_string(),
        Facts {
            seniority: strings(&["senior"]),
            ..Facts::default()
        },
    ));
    let store = store_with(&rows);
    let all =
        PayConfig::new(None, &[], MonthWindow::default(), Filters::default()).expect("config");
    let p = pay_report(&store, &all).expect("pay");
    assert_eq!(p.rows.len(), 1);
    let figure = &p.rows[0].pay;
    assert_eq!((figure.n, figure.n_postings), (4, 5));
    assert_eq!(figure.disclosure.share, Some(0.8));
    // Midpoints 110k, 130k, 150k, 170k: the flagged range is skipped.
    assert_eq!(
        figure.percentile(0.5).and_then(|p| p.value),
        Some(140_000.0)
    );
    assert!(figure.small_sample);

    let by = PayConfig::new(
        Some(Dimension::Seniority),
        &strings(&["senior", "mid"]),
        MonthWindow::default(),
        Filters::default(),
    )
    .expect("config");
    let p = pay_report(&store, &by).expect("pay");
    let senior = &p.rows[0].pay;
    assert_eq!((senior.n, senior.n_postings), (2, 3));
    assert_eq!(
        senior.percentile(0.5).and_then(|p| p.value),
        Some(160_000.0)
    );
    assert_eq!(p.rows[1].pay.n, 2);

    assert!(PayConfig::new(
        None,
        &strings(&["x"]),
        MonthWindow::default(),
        Filters::default()
    )
    .is_err());
    assert!(PayConfig::new(
        Some(Dimension::Lane),
        &[],
        MonthWindow::default(),
        Filters::default()
    )
    .is_err());
}

#[test]
fn skills_counts_both_share_and_lift() {
    // 20 postings: 10 rust (8 with tokio, 5 with postgres), 10 others (1 tokio, 5 postgres).
    let mut rows = Vec::new();
    for i in 0..10 {
        let mut technologies = Vec::new();
        if i < 8 {
            technologies.push("tokio");
        }
        if i < 5 {
            technologies.push("postgres");
        }
        let languages: &[&str] = if i < 3 { &["go", "rust"] } else { &["rust"] };
        rows.push(("2024-05".to_string(), facts(languages, &technologies)));
    }
    for i in 0..10 {
        let technologies: &[&str] = match i {
            0 => &["tokio", "postgres"],
            1..=4 => &["postgres"],
            _ => &[],
        };
        rows.push(("2024-05".to_string(), facts(&["python"], technologies)));
    }
    let store = store_with(&rows);
    let mut config =
        SkillsConfig::new("Rust", MonthWindow::default(), Filters::default()).expect("config");
    config.min_support = 5;
    let s = skills(&store, &config).expect("skills");
    assert_eq!(s.language, "rust");
    assert_eq!((s.n_postings, s.language_postings.count), (20, 10));
    let find = |id: &str| {
        s.by_count
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} missing"))
    };
    let tokio = find("tokio");
    assert_eq!((tokio.share.count, tokio.n_item), (8, 9));
    assert_eq!(tokio.share.share, Some(0.8));
    // lift = (8/10) / (9/20)
    assert!((tokio.lift.unwrap_or(0.0) - 0.8 / 0.45).abs() < 1e-9);
    let postgres = find("postgres");
    assert!((postgres.lift.unwrap_or(0.0) - 1.0).abs() < 1e-9);
    let go = find("go");
    assert_eq!((go.kind, go.share.count), ("language", 3));
    assert!(go.low_support, "3 < min support 5");
    assert!(s.by_lift.iter().all(|r| r.id != "go"));
    assert_eq!(s.by_lift.first().map(|r| r.id.as_str()), Some("tokio"));
    assert!(s
        .by_count
        .iter()
        .all(|r| r.id != "rust" && r.id != "python"));
    assert_eq!(s.n_items, 3);

    let none =
        SkillsConfig::new("cobol", MonthWindow::default(), Filters::default()).expect("config");
    let s = skills(&store, &none).expect("skills");
    assert!(s.by_count.is_empty() && s.notes.iter().any(|n| n.contains("small sample")));
    assert!(SkillsConfig::new("  ", MonthWindow::default(), Filters::default()).is_err());
}

#[test]
fn the_baseline_gives_the_same_trend_pay_and_skills() {
    let store = synthetic_store();
    let baseline = baseline_of(&store);
    let t = TrendConfig::new(
        Dimension::Lane,
        &strings(&["infra", "data"]),
        window("2023-06", "2024-12"),
        Filters::parse(Some("us"), None, None).expect("filters"),
    )
    .expect("config");
    assert_eq!(
        json(&trend(&store, &t).expect("store")),
        json(&trend(&baseline, &t).expect("baseline"))
    );
    let p = PayConfig::new(
        Some(Dimension::Language),
        &strings(&["rust", "python", "go"]),
        MonthWindow::default(),
        Filters::parse(None, Some("senior"), None).expect("filters"),
    )
    .expect("config");
    assert_eq!(
        json(&pay_report(&store, &p).expect("store")),
        json(&pay_report(&baseline, &p).expect("baseline"))
    );
    let s =
        SkillsConfig::new("python", MonthWindow::default(), Filters::default()).expect("config");
    let from_baseline = skills(&baseline, &s).expect("baseline");
    assert!(from_baseline
        .data_source
        .as_deref()
        .is_some_and(|d| d.contains("built-in baseline")));
    assert_eq!(
        json(&skills(&store, &s).expect("store")),
        json(&from_baseline)
    );
}

/// Every object with a `ci_low` also has `n` (or a `count`/`share` it belongs to).
fn check_json_contract(value: &serde_json::Value, path: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("ci_low") || map.contains_key("lift_ci_low") {
                assert!(
                    map.contains_key("n") || map.contains_key("n_item"),
                    "{path}: an estimate without n"
                );
            }
            for (key, child) in map {
                check_json_contract(child, &format!("{path}.{key}"));
            }
        }
        serde_json::Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                check_json_contract(child, &format!("{path}[{i}]"));
            }
        }
        _ => {}
    }
}

#[test]
fn rendered_trend_pay_and_skills_in_every_format() {
    let store = synthetic_store();
    let t = trend(
        &store,
        &TrendConfig::new(
            Dimension::Language,
            &strings(&["python", "go", "rust"]),
            window("2024-01", "2024-12"),
            Filters::default(),
        )
        .expect("config"),
    )
    .expect("trend");
    let p = pay_report(
        &store,
        &PayConfig::new(
            Some(Dimension::Seniority),
            &strings(&["junior", "mid", "senior", "staff"]),
            MonthWindow::default(),
            Filters::parse(Some("us"), None, None).expect("filters"),
        )
        .expect("config"),
    )
    .expect("pay");
    let s = skills(
        &store,
        &SkillsConfig::new("rust", window("2023-01", "2024-12"), Filters::default())
            .expect("config"),
    )
    .expect("skills");
    for value in [
        serde_json::to_value(&t).expect("json"),
        serde_json::to_value(&p).expect("json"),
        serde_json::to_value(&s).expect("json"),
    ] {
        check_json_contract(&value, "$");
    }
    for format in Format::ALL {
        let renderer = format.renderer();
        let render = |write: &dyn Fn(&mut Vec<u8>) -> std::io::Result<()>| {
            let mut out = Vec::new();
            write(&mut out).expect("render");
            String::from_utf8(out).expect("utf-8")
        };
        let ext = extension(format);
        check_rendered(
            &format!("trend.{ext}"),
            &render(&|out| renderer.trend(&t, out)),
        );
        check_rendered(&format!("pay.{ext}"), &render(&|out| renderer.pay(&p, out)));
        check_rendered(
            &format!("skills.{ext}"),
            &render(&|out| renderer.skills(&s, out)),
        );
    }
}

/// Pay-dataset figures on a hand-made store: percentiles, year choice, the official
/// occupation chosen, scopes and the `pay --dataset` report.
#[test]
fn dataset_figures_by_hand() {
    use hirepulse_reports::datasets::{dataset_pay, DatasetPayConfig, YearRange};
    use hirepulse_reports::{snapshot, SnapshotConfig};
    use hirepulse_store::pay_records::PayRecordRow;
    let mut rows = Vec::new();
    for i in 0..30 {
        rows.push((
            format!("2024-{:02}", i % 12 + 1),
            Facts {
                languages: strings(&["rust"]),
                lanes: strings(&["backend"]),
                seniority: strings(&["senior"]),
                countries: strings(&["US"]),
                ..Facts::default()
            },
        ));
    }
    let mut store = store_with(&rows);
    let record = |dataset: &str, row: u64, year: Option<u16>, usd: f64| PayRecordRow {
        dataset: dataset.into(),
        source_file: "f.csv".into(),
        source_row: row,
        source_line: row + 1,
        year,
        title: "t".into(),
        lane: Some("backend".into()),
        level: Some("senior".into()),
        country: Some("US".into()),
        currency: "USD".into(),
        period: "year".into(),
        amount: usd,
        annual_usd: Some(usd),
        pay_kind: "total_comp".into(),
        kind: "survey".into(),
        ..PayRecordRow::default()
    };
    let mut pay_rows = Vec::new();
    for (i, usd) in [100_000.0, 200_000.0, 300_000.0, 400_000.0, 500_000.0]
        .into_iter()
        .enumerate()
    {
        pay_rows.push(record("levelsfyi", i as u64 + 1, None, usd));
    }
    // Out of scope: a junior, a GB record.
    pay_rows.push(PayRecordRow {
        level: Some("junior".into()),
        ..record("levelsfyi", 10, None, 1_000_000.0)
    });
    pay_rows.push(PayRecordRow {
        country: Some("GB".into()),
        ..record("levelsfyi", 11, None, 1_000_000.0)
    });
    // A survey with no record in the window's year: its latest year before the window.
    for (i, (year, usd)) in [(2019, 90_000.0), (2021, 110_000.0), (2021, 130_000.0)]
        .into_iter()
        .enumerate()
    {
        pay_rows.push(PayRecordRow {
            pay_kind: "base".into(),
            ..record("aijobs", i as u64 + 1, Some(year), usd)
        });
    }
    // Official rows: the larger occupation of the latest year in the window.
    for (row, year, code, employment, median) in [
        (1, 2024, "15-1251", 100_000, 99_000.0),
        (2, 2024, "15-1252", 1_600_000, 133_000.0),
        (3, 2023, "15-1252", 1_500_000, 130_000.0),
    ] {
        pay_rows.push(PayRecordRow {
            kind: "official_statistics".into(),
            pay_kind: "base".into(),
            level: None,
            code: Some(code.into()),
            title: "Occupation".into(),
            employment: Some(employment),
            p25: Some(median - 30_000.0),
            p75: Some(median + 40_000.0),
            source_file: format!("national_M{year}_dl.xlsx"),
            ..record("bls_oews", row, Some(year), median)
        });
    }
    // The EU survey, matched by language anywhere.
    for (i, usd) in [70_000.0, 80_000.0, 90_000.0].into_iter().enumerate() {
        pay_rows.push(PayRecordRow {
            lane: None,
            language: Some("rust".into()),
            country: Some("DE".into()),
            pay_kind: "base".into(),
            ..record("eu_it_survey_2020", i as u64 + 1, Some(2020), usd)
        });
    }
    store.upsert_pay_records(&pay_rows).expect("pay records");

    let s = snapshot(
        &store,
        &SnapshotConfig::default().with_languages(&strings(&["rust"])),
    )
    .expect("snapshot");
    let figures = &s.languages[0].survey.figures;
    let find = |dataset: &str| {
        figures
            .iter()
            .find(|f| f.dataset == dataset)
            .unwrap_or_else(|| panic!("no {dataset} figure in {figures:?}"))
    };
    let levels = find("levelsfyi");
    assert_eq!(levels.n, 5);
    assert_eq!(levels.lane.as_deref(), Some("backend"));
    assert_eq!(levels.basis, "total_comp");
    assert_eq!(levels.p50.value, Some(300_000.0));
    assert_eq!(levels.p25.value, Some(200_000.0));
    assert!(levels.small_sample);
    assert_eq!(levels.years, None);
    let survey = find("aijobs");
    assert_eq!(
        survey.years,
        Some(YearRange {
            first: 2021,
            last: 2021
        })
    );
    assert!(!survey.years_in_window);
    assert_eq!(survey.n, 2);
    assert_eq!(survey.p50.value, Some(120_000.0));
    let official = find("bls_oews");
    assert!(official.published);
    assert_eq!(official.n, 1_600_000);
    assert_eq!(official.occupation.as_deref(), Some("15-1252 Occupation"));
    assert_eq!(
        (official.p25.value, official.p50.value, official.p75.value),
        (Some(103_000.0), Some(133_000.0), Some(173_000.0))
    );
    assert_eq!(official.p50.ci_low, None);
    let eu = find("eu_it_survey_2020");
    assert_eq!(eu.matched_by, "language");
    assert_eq!((eu.n, eu.p50.value), (3, Some(80_000.0)));

    // `pay --dataset`: all levels and places unless filtered; by seniority.
    let report = dataset_pay(
        &store,
        &DatasetPayConfig::new(
            "levelsfyi",
            Some(Dimension::Seniority),
            &strings(&["senior", "junior"]),
            Filters::default(),
            None,
        )
        .expect("config"),
    )
    .expect("dataset pay");
    assert_eq!(report.n_records, 7);
    assert_eq!(report.rows[0].n, 6);
    assert_eq!(report.rows[1].n, 1);
    assert_eq!(report.rows[1].percentiles[2].value, Some(1_000_000.0));
    let official = dataset_pay(
        &store,
        &DatasetPayConfig::new(
            "bls_oews",
            None,
            &[],
            Filters::default(),
            Some(YearRange {
                first: 2024,
                last: 2024,
            }),
        )
        .expect("config"),
    )
    .expect("official");
    assert_eq!(official.rows.len(), 2);
    assert!(DatasetPayConfig::new("nope", None, &[], Filters::default(), None).is_err());
    assert!(DatasetPayConfig::new(
        "aijobs",
        Some(Dimension::WorkMode),
        &strings(&["remote"]),
        Filters::default(),
        None
    )
    .is_err());
}

#[test]
fn rendered_dataset_pay_in_every_format() {
    use hirepulse_reports::datasets::{dataset_pay, DatasetPayConfig};
    let store = synthetic_store();
    let reports = [
        dataset_pay(
            &store,
            &DatasetPayConfig::new(
                "levelsfyi",
                Some(Dimension::Lane),
                &strings(&["backend", "infra", "systems"]),
                Filters::parse(Some("us"), Some("senior"), None).expect("filters"),
                None,
            )
            .expect("config"),
        )
        .expect("levels"),
        dataset_pay(
            &store,
            &DatasetPayConfig::new("bls_oews", None, &[], Filters::default(), None)
                .expect("config"),
        )
        .expect("official"),
    ];
    for report in &reports {
        check_json_contract(&serde_json::to_value(report).expect("json"), "$");
    }
    for format in Format::ALL {
        let mut text = String::new();
        for report in &reports {
            let mut out = Vec::new();
            format
                .renderer()
                .dataset_pay(report, &mut out)
                .expect("render");
            text.push_str(&String::from_utf8(out).expect("utf-8"));
        }
        check_rendered(&format!("pay_dataset.{}", extension(format)), &text);
    }
}
