//! `--count unique` vs `--count postings` on a synthetic store with known clusters: unique
//! counts each job once, postings counts every posting, both report the same duplicate rate,
//! and the baseline (format 2 carries the cluster) gives the store's figures in both modes.

mod common;

use common::{strings, synthetic_store};
use hirepulse_dedup::{Assignment, Method};
use hirepulse_reports::config::{CountMode, MonthWindow};
use hirepulse_reports::{
    compare, snapshot, trend, Baseline, CompareConfig, Dimension, Filters, SnapshotConfig,
    TrendConfig,
};
use hirepulse_store::Store;

/// The synthetic store with every third posting a repost of the posting before it (so jobs =
/// postings - a third), and returns how many postings in all.
fn clustered_store() -> (Store, usize) {
    let mut store = synthetic_store();
    let (first, last) = store
        .report_month_range()
        .expect("range")
        .expect("non-empty");
    let postings = store.report_postings(&first, &last).expect("postings");
    let assignments: Vec<Assignment> = postings
        .windows(2)
        .enumerate()
        .filter(|(index, _)| (index + 1) % 3 == 0)
        .map(|(_, pair)| Assignment {
            posting_id: pair[1].posting_id,
            cluster_id: pair[0].posting_id,
            method: Method::Repost,
            matched_id: pair[0].posting_id,
        })
        .collect();
    assert!(!assignments.is_empty());
    store.write_clusters(&assignments, 60, true).expect("write");
    (store, postings.len())
}

fn config(count: CountMode) -> SnapshotConfig {
    let filters = Filters {
        count,
        ..Filters::default()
    };
    SnapshotConfig {
        window: MonthWindow::default(),
        filters,
        ..SnapshotConfig::default()
    }
    .with_languages(&strings(&["rust", "python"]))
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("json")
}

#[test]
fn unique_counts_each_job_once_and_postings_counts_all() {
    let (store, _) = clustered_store();
    let unique = snapshot(&store, &config(CountMode::Unique)).expect("unique");
    let postings = snapshot(&store, &config(CountMode::Postings)).expect("postings");
    let dup_unique = unique.windows.duplicates;
    let dup_postings = postings.windows.duplicates;
    // The same postings and jobs either way; only what is counted differs.
    assert_eq!(dup_unique.n_postings, dup_postings.n_postings);
    assert_eq!(dup_unique.n_unique, dup_postings.n_unique);
    assert_eq!(postings.n_postings, dup_postings.n_postings);
    assert_eq!(unique.n_postings, dup_unique.n_unique);
    assert!(unique.n_postings < postings.n_postings);
    // Roughly a third of postings are reposts (pairs may straddle the window edge).
    let rate = dup_unique.duplicate_rate;
    let expected =
        (dup_unique.n_postings - dup_unique.n_unique) as f64 / dup_unique.n_postings as f64;
    assert!(
        (rate - expected).abs() < 1e-12 && (0.25..0.40).contains(&rate),
        "{rate}"
    );
    assert_eq!(dup_unique.count, CountMode::Unique);
    assert_eq!(dup_postings.count, CountMode::Postings);
    // Language counts follow: never more jobs than postings.
    for (u, p) in unique.languages.iter().zip(&postings.languages) {
        assert!(u.postings.count <= p.postings.count, "{}", u.language);
    }

    // A store without clusters: both modes agree and the rate is 0.
    let plain = synthetic_store();
    let a = snapshot(&plain, &config(CountMode::Unique)).expect("plain unique");
    let b = snapshot(&plain, &config(CountMode::Postings)).expect("plain postings");
    assert_eq!(a.n_postings, b.n_postings);
    assert_eq!(a.windows.duplicates.duplicate_rate, 0.0);

    // The trend counts each job once over its whole span.
    let trend_config = |count| {
        let filters = Filters {
            count,
            ..Filters::default()
        };
        TrendConfig::new(
            Dimension::Language,
            &strings(&["rust"]),
            MonthWindow::default(),
            filters,
        )
        .expect("trend config")
    };
    let t_unique = trend(&store, &trend_config(CountMode::Unique)).expect("trend");
    let t_all = trend(&store, &trend_config(CountMode::Postings)).expect("trend");
    assert_eq!(t_all.duplicates.n_postings, t_all.n_postings);
    assert_eq!(t_unique.n_postings, t_unique.duplicates.n_unique);
    assert!(t_unique.n_postings < t_all.n_postings);
}

#[test]
fn baseline_carries_the_clusters() {
    let (store, n_postings) = clustered_store();
    let built = Baseline::from_source(&store, Vec::new()).expect("baseline");
    let mut bytes = Vec::new();
    built.write(&mut bytes).expect("write");
    let baseline = Baseline::parse(&String::from_utf8(bytes).expect("utf-8")).expect("parse");
    assert_eq!(baseline.postings.len(), n_postings);
    for count in [CountMode::Unique, CountMode::Postings] {
        let mut from_baseline = snapshot(&baseline, &config(count)).expect("baseline");
        from_baseline.data_source = None;
        let from_store = snapshot(&store, &config(count)).expect("store");
        assert_eq!(json(&from_store), json(&from_baseline), "{count:?}");
        let filters = Filters {
            count,
            ..Filters::default()
        };
        let compare_config = CompareConfig::new(
            Dimension::Lane,
            &strings(&["backend", "infra"]),
            MonthWindow::default(),
            filters,
        )
        .expect("compare config");
        let mut from_baseline = compare(&baseline, &compare_config).expect("compare");
        from_baseline.data_source = None;
        let from_store = compare(&store, &compare_config).expect("compare");
        assert_eq!(json(&from_store), json(&from_baseline), "{count:?}");
    }
}
