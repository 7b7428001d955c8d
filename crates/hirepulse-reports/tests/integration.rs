//! Reports over synthetic stores written through the store's own write API, so the figures do
//! not depend on extraction quality: hand-countable cases, the JSON contract (every estimate has
//! `n`, an interval and `small_sample`), and the rendered output of every format checked against
//! expected files in `tests/snapshots/` (regenerate with `HIREPULSE_BLESS=1 cargo test -p
//! hirepulse-reports`, then read the diff).

mod common;

use common::{check_rendered, extension, month, store_with, strings};
use hirepulse_extract::pay::PayRange;
use hirepulse_extract::Facts;
use hirepulse_reports::config::MonthWindow;
use hirepulse_reports::{
    compare, snapshot, CompareConfig, Dimension, Filters, Format, ReportError, SnapshotConfig,
};
use hirepulse_store::Store;

fn pay(min: f64, max: f64) -> PayRange {
    common::pay(Some(min), Some(max), None)
}

/// splitmix64: a fixed pseudo-random stream, so the synthetic store is the same everywhere.
struct Stream(u64);

impl Stream {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    fn pick<'a>(&mut self, values: &[&'a str]) -> &'a str {
        values[(self.next() % values.len() as u64) as usize]
    }
}

/// Two years (2023-01..2024-12) of 60 postings a month: Python common and steady, Go moderate,
/// Rust rare but growing in 2024, infra lanes over-represented for Go and Rust, pay for a third.
fn synthetic_store() -> Store {
    let mut stream = Stream(42);
    let companies: Vec<String> = (0..40).map(|i| format!("Company {i}")).collect();
    let mut rows = Vec::new();
    for year in [2023, 2024] {
        for month in 1..=12 {
            let month_name = format!("{year}-{month:02}");
            for _ in 0..60 {
                let mut languages = Vec::new();
                if stream.chance(0.35) {
                    languages.push("python");
                }
                if stream.chance(0.15) {
                    languages.push("go");
                }
                if stream.chance(if year == 2024 { 0.12 } else { 0.05 }) {
                    languages.push("rust");
                }
                let infra_bias = languages.contains(&"go") || languages.contains(&"rust");
                let mut lanes = vec![if infra_bias && stream.chance(0.6) {
                    stream.pick(&["infra", "systems", "security"])
                } else {
                    stream.pick(&["backend", "data", "frontend", "ai_ml", "infra"])
                }];
                if stream.chance(0.2) {
                    lanes.push("backend");
                }
                lanes.sort_unstable();
                lanes.dedup();
                let seniority = stream.pick(&["senior", "senior", "mid", "staff", "junior"]);
                let country = stream.pick(&["US", "US", "US", "GB", "DE"]);
                let company =
                    &companies[(stream.next() % if stream.chance(0.3) { 5 } else { 40 }) as usize];
                let base = 120_000.0 + (stream.next() % 120) as f64 * 1_000.0;
                let pay = stream
                    .chance(0.35)
                    .then(|| pay(base, base + 40_000.0))
                    .into_iter()
                    .collect();
                languages.sort_unstable();
                rows.push((
                    month_name.clone(),
                    Facts {
                        company: Some(company.clone()),
                        languages: strings(&languages),
                        lanes: strings(&lanes),
                        seniority: strings(&[seniority]),
                        countries: strings(&[country]),
                        us_eligible: Some(country == "US"),
                        work_mode: strings(&[stream.pick(&["onsite", "remote", "hybrid"])]),
                        employment: strings(&[stream.pick(&[
                            "full_time",
                            "full_time",
                            "contract",
                        ])]),
                        pay,
                        ..Facts::default()
                    },
                ));
            }
        }
    }
    let mut store = store_with(&rows);
    common::add_pay_records(&mut store);
    store
}

#[test]
fn hand_counted_shares_growth_and_pay() {
    // 2023: 10 postings, 2 python. 2024: 10 postings, 4 python (3 senior US with pay).
    let mut rows = Vec::new();
    for i in 0..10 {
        let languages = if i < 2 {
            strings(&["python"])
        } else {
            Vec::new()
        };
        rows.push((
            "2023-06".to_string(),
            Facts {
                languages,
                ..Facts::default()
            },
        ));
    }
    for i in 0..10 {
        let mut facts = Facts {
            company: Some(if i % 2 == 0 { "Acme" } else { "acme " }.into()),
            ..Facts::default()
        };
        if i < 4 {
            facts.languages = strings(&["python"]);
            facts.lanes = strings(&["data"]);
            facts.seniority = strings(&["senior"]);
            facts.countries = strings(&["US"]);
        }
        if i < 3 {
            facts.pay = vec![pay(
                100_000.0 * (i + 1) as f64,
                100_000.0 * (i + 1) as f64 + 20_000.0,
            )];
        }
        if i >= 8 {
            facts.lanes = strings(&["backend"]);
        }
        rows.push(("2024-03".to_string(), facts));
    }
    let store = store_with(&rows);
    let s = snapshot(
        &store,
        &SnapshotConfig::default().with_languages(&strings(&["Python"])),
    )
    .expect("snapshot");
    // Default window: the 12 months ending at the last month with data.
    assert_eq!(s.windows.window.since, month("2023-04"));
    assert_eq!(s.windows.window.until, month("2024-03"));
    assert_eq!(s.windows.previous.until, month("2023-03"));
    // 2023-06 is inside this window, so: 20 postings, 6 python.
    assert_eq!(s.n_postings, 20);
    let python = &s.languages[0];
    assert_eq!((python.postings.count, python.postings.n), (6, 20));
    assert_eq!(python.postings.share, Some(0.3));
    assert!(python.postings.small_sample);

    let config = SnapshotConfig {
        window: MonthWindow {
            since: Some(month("2024-01")),
            until: Some(month("2024-12")),
        },
        ..SnapshotConfig::default()
    }
    .with_languages(&strings(&["python"]));
    let s = snapshot(&store, &config).expect("snapshot");
    let python = &s.languages[0];
    assert_eq!((python.postings.count, python.postings.n), (4, 10));
    // Share 0.2 → 0.4: growth +100%.
    assert_eq!((python.growth.before, python.growth.before_n), (2, 10));
    assert!((python.growth.growth.unwrap_or(0.0) - 1.0).abs() < 1e-12);
    // Pay: midpoints 110K, 210K, 310K of 4 senior US python postings.
    assert_eq!(python.pay.n, 3);
    assert_eq!(python.pay.n_postings, 4);
    assert_eq!(python.pay.disclosure.share, Some(0.75));
    assert_eq!(
        python.pay.percentile(0.5).and_then(|p| p.value),
        Some(210_000.0)
    );
    assert!(python.pay.small_sample);
    // All python postings are in the data lane: lane share 1, lift 10/4 = 2.5 (n=4 < support).
    assert_eq!(python.lane_mix.len(), 1);
    assert_eq!(python.lane_mix[0].share.share, Some(1.0));
    assert!(python.best_lanes.is_empty(), "support below the minimum");
    // One company (case and spaces ignored): top-10 share 1, HHI 10000.
    assert_eq!(python.risk.concentration.n_companies, 1);
    assert_eq!(python.risk.concentration.hhi, Some(10_000.0));
    assert!(python
        .risk
        .signals
        .iter()
        .any(|s| s.kind == "concentration" && s.warning));

    // Filters: the lane filter leaves the 4 data postings, all python.
    let filtered = SnapshotConfig {
        filters: Filters::parse(Some("us"), None, Some("data")).expect("filters"),
        ..config.clone()
    };
    let s = snapshot(&store, &filtered).expect("snapshot");
    assert_eq!(s.n_postings, 4);
    assert_eq!(s.languages[0].postings.share, Some(1.0));
    let de = SnapshotConfig {
        filters: Filters::parse(Some("de"), None, None).expect("filters"),
        ..config
    };
    let s = snapshot(&store, &de).expect("snapshot");
    assert_eq!(s.n_postings, 0);
    assert_eq!(s.languages[0].postings.share, None);
}

#[test]
fn empty_store_and_bad_windows_are_errors() {
    let store = Store::open_in_memory().expect("store");
    let err = snapshot(&store, &SnapshotConfig::default()).err();
    assert!(matches!(err, Some(ReportError::NoData)), "{err:?}");
    let store = synthetic_store();
    let config = SnapshotConfig {
        window: MonthWindow {
            since: Some(month("2024-06")),
            until: Some(month("2024-01")),
        },
        ..SnapshotConfig::default()
    };
    let err = snapshot(&store, &config).err();
    assert!(
        matches!(err, Some(ReportError::EmptyWindow { .. })),
        "{err:?}"
    );
    assert!(err.is_some_and(|e| e.to_string().contains("2024-06")));
}

#[test]
fn compare_counts_each_value_of_a_dimension() {
    let store = synthetic_store();
    let config = CompareConfig::new(
        Dimension::Employment,
        &strings(&["contract", "Full-Time", "intern"]),
        MonthWindow::default(),
        Filters::default(),
    )
    .expect("config");
    let c = compare(&store, &config).expect("compare");
    assert_eq!(c.n_postings, 720);
    let values: Vec<&str> = c.rows.iter().map(|r| r.value.as_str()).collect();
    assert_eq!(values, ["contract", "full_time", "intern"]);
    assert_eq!(c.rows[0].postings.count + c.rows[1].postings.count, 720);
    assert_eq!(c.rows[2].postings.count, 0);
    assert!(c.rows[2].postings.small_sample);
    assert_eq!(c.rows[2].pay.n, 0);
}

/// Every JSON object with an interval also has `n` and `small_sample`; every `n` is a number.
fn check_json_contract(value: &serde_json::Value, path: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if map.contains_key("ci_low") || map.contains_key("ci_high") {
                for key in ["ci_low", "ci_high", "n", "small_sample"] {
                    assert!(map.contains_key(key), "{path} has an interval but no {key}");
                }
            }
            if let Some(n) = map.get("n") {
                assert!(n.is_u64(), "{path}.n is not a count: {n}");
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
fn json_carries_n_intervals_and_small_sample_flags() {
    let store = synthetic_store();
    let s = snapshot(&store, &SnapshotConfig::default()).expect("snapshot");
    let json = serde_json::to_value(&s).expect("json");
    check_json_contract(&json, "snapshot");
    assert_eq!(json["languages"][2]["language"], "rust");
    assert!(json["languages"][0]["postings"]["ci_low"].is_f64());
    assert_eq!(json["languages"][0]["survey"]["status"], "measured");
    // Pay-dataset figures sit beside the posting figures, each labelled and with n and CI.
    for row in &s.languages {
        assert!(!row.survey.figures.is_empty(), "{}", row.language);
        for f in &row.survey.figures {
            assert_ne!(f.kind, "posting");
            assert!(["base", "total_comp"].contains(&f.basis.as_str()));
            assert!(f.n > 0);
            if !f.published {
                assert_eq!(f.p50.n as u64, f.n);
                // An interval wherever the sample can bound one; a small one is flagged.
                assert!(f.p50.ci_low.is_some() || f.small_sample, "{f:?}");
            }
        }
        let by_language = row
            .survey
            .figures
            .iter()
            .find(|f| f.matched_by == "language");
        assert_eq!(
            by_language.map(|f| f.dataset.as_str()),
            Some("eu_it_survey_2020"),
            "{}",
            row.language
        );
    }
    let rust = &s.languages[2];
    // Rust was made to grow in 2024 and to lean to infra-type lanes.
    assert!(
        rust.growth.ci_low.is_some_and(|low| low > 0.0),
        "{:?}",
        rust.growth
    );
    let best: Vec<&str> = rust
        .best_lanes
        .iter()
        .filter(|l| l.clear)
        .map(|l| l.lane.as_str())
        .collect();
    assert!(!best.is_empty(), "{:?}", rust.best_lanes);
    assert!(
        best.iter()
            .all(|l| ["infra", "systems", "security"].contains(l)),
        "{best:?}"
    );
}

#[test]
fn rendered_snapshot_in_every_format() {
    let store = synthetic_store();
    let s = snapshot(&store, &SnapshotConfig::default()).expect("snapshot");
    for format in Format::ALL {
        let mut out = Vec::new();
        format.renderer().snapshot(&s, &mut out).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        check_rendered(&format!("snapshot.{}", extension(format)), &text);
    }
}

#[test]
fn rendered_comparison_in_every_format() {
    let store = synthetic_store();
    let config = CompareConfig::new(
        Dimension::Lane,
        &strings(&["data", "backend", "infra"]),
        MonthWindow {
            since: Some(month("2024-01")),
            until: None,
        },
        Filters::parse(Some("us"), Some("senior"), None).expect("filters"),
    )
    .expect("config");
    let c = compare(&store, &config).expect("compare");
    for format in Format::ALL {
        let mut out = Vec::new();
        format.renderer().comparison(&c, &mut out).expect("render");
        let text = String::from_utf8(out).expect("utf-8");
        check_rendered(&format!("compare.{}", extension(format)), &text);
    }
}

#[test]
fn missing_facts_are_named_in_the_notes() {
    let rows = vec![(
        "2024-05".to_string(),
        Facts {
            languages: strings(&["rust"]),
            ..Facts::default()
        },
    )];
    let s = snapshot(&store_with(&rows), &SnapshotConfig::default()).expect("snapshot");
    for fact in ["lane", "seniority", "company"] {
        assert!(
            s.notes
                .iter()
                .any(|n| n.contains(&format!("a {fact} fact"))),
            "{fact}: {:?}",
            s.notes
        );
    }
    assert!(s.languages[2].postings.small_sample);
}
