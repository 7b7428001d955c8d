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
