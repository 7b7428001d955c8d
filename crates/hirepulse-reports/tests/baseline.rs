//! The baseline round trip on a synthetic store: store → baseline file → postings gives the
//! same report JSON as the store itself, for snapshot and compare under windows and filters;
//! flagged pay ranges are dropped without changing a figure; the embedded baseline parses.

mod common;

use common::{month, strings, synthetic_store};
use hirepulse_reports::config::MonthWindow;
use hirepulse_reports::population::PostingSource;
use hirepulse_reports::{
    compare, snapshot, Baseline, CompareConfig, Dimension, Filters, SnapshotConfig,
};

fn round_trip(source: &dyn PostingSource) -> Baseline {
    let built = Baseline::from_source(source, vec![("corpus".into(), "synthetic".into())])
        .expect("baseline");
    let mut bytes = Vec::new();
    built.write(&mut bytes).expect("write");
    let text = String::from_utf8(bytes).expect("utf-8");
    Baseline::parse(&text).expect("parse")
}

fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("json")
}

#[test]
fn baseline_gives_the_stores_figures() {
    let store = synthetic_store();
    let baseline = round_trip(&store);
    assert_eq!(baseline.postings.len(), 24 * 60);
    assert!(baseline.postings.iter().any(|p| !p.technologies.is_empty()));

    let configs = [
        SnapshotConfig::default(),
        SnapshotConfig {
            window: MonthWindow {
                since: Some(month("2023-03")),
                until: Some(month("2024-08")),
            },
            filters: Filters::parse(Some("us"), None, Some("infra")).expect("filters"),
            ..SnapshotConfig::default()
        }
        .with_languages(&strings(&["rust", "python", "c++"])),
    ];
    for config in &configs {
        let from_store = snapshot(&store, config).expect("store snapshot");
        let mut from_baseline = snapshot(&baseline, config).expect("baseline snapshot");
        assert!(from_store.data_source.is_none());
        let source = from_baseline.data_source.take().unwrap_or_default();
        assert!(source.contains("built-in baseline"), "{source}");
        assert!(
            from_store
                .languages
                .iter()
                .any(|r| !r.survey.figures.is_empty()),
            "pay-dataset figures are part of what is compared"
        );
        assert_eq!(json(&from_store), json(&from_baseline));
    }

    // `pay --dataset`: every dataset, with filters, years and a dimension.
    use hirepulse_reports::datasets::{dataset_pay, DatasetPayConfig, YearRange, DATASET_ORDER};
    for dataset in DATASET_ORDER {
        for (dimension, values, filters, years) in [
            (None, Vec::new(), Filters::default(), None),
            (
                Some(Dimension::Lane),
                strings(&["backend", "infra", "data"]),
                Filters::parse(Some("us"), Some("senior"), None).expect("filters"),
                Some(YearRange {
                    first: 2023,
                    last: 2024,
                }),
            ),
            (
                Some(Dimension::Language),
                strings(&["python", "rust"]),
                Filters::parse(None, None, Some("backend")).expect("filters"),
                None,
            ),
        ] {
            let config =
                DatasetPayConfig::new(dataset, dimension, &values, filters, years).expect("config");
            let from_store = dataset_pay(&store, &config).expect("store");
            let mut from_baseline = dataset_pay(&baseline, &config).expect("baseline");
            assert!(from_baseline.data_source.take().is_some());
            assert_eq!(json(&from_store), json(&from_baseline), "{dataset}");
        }
    }
    assert_eq!(
        baseline.pay.len(),
        store
            .pay_samples(&hirepulse_store::pay_records::SampleFilter::default())
            .expect("samples")
            .len()
    );

    for dimension in Dimension::ALL {
        let values = strings(&["python", "infra", "senior", "remote", "contract", "US"]);
        let config = CompareConfig::new(
            dimension,
            &values,
            MonthWindow::default(),
            Filters::parse(None, Some("senior"), None).expect("filters"),
        )
        .expect("config");
        let from_store = compare(&store, &config).expect("store compare");
        let mut from_baseline = compare(&baseline, &config).expect("baseline compare");
        from_baseline.data_source = None;
        assert_eq!(json(&from_store), json(&from_baseline), "{dimension:?}");
    }
}

#[test]
fn flagged_pay_is_dropped_and_the_text_is_stable() {
    let store = synthetic_store();
    let first = Baseline::from_source(&store, Vec::new()).expect("baseline");
    assert!(first
        .postings
        .iter()
        .flat_map(|p| &p.pay)
        .all(|p| p.flag.is_none()));
    // The synthetic store has flagged ranges; dropping them must not move pay figures (checked
    // above through the JSON); writing twice gives the same bytes.
    let write = |b: &Baseline| {
        let mut bytes = Vec::new();
        b.write(&mut bytes).expect("write");
        bytes
    };
    let bytes = write(&first);
    let again = Baseline::parse(std::str::from_utf8(&bytes).expect("utf-8")).expect("parse");
    assert_eq!(write(&again), bytes);
    // No posting text: a few bytes per posting.
    assert!(
        bytes.len() < first.postings.len() * 80,
        "{} bytes",
        bytes.len()
    );
}

#[test]
fn the_embedded_baseline_parses() {
    let baseline = Baseline::embedded().expect("embedded baseline");
    assert!(baseline.provenance_line().contains("built-in baseline"));
    if baseline.postings.is_empty() {
        eprintln!(
            "the embedded baseline is a placeholder: skipping the fresh-clone snapshot check"
        );
        return;
    }
    // A fresh clone's `hirepulse snapshot`: the three default rows, each with n and an interval.
    for key in ["corpus", "extractor_version", "store_digest", "postings"] {
        assert!(baseline.get(key).is_some(), "provenance lacks {key}");
    }
    let s = snapshot(baseline, &SnapshotConfig::default()).expect("snapshot");
    assert_eq!(s.languages.len(), 3);
    assert!(s.n_postings > 0);
    assert!(s.data_source.is_some());
    for row in &s.languages {
        assert!(
            row.postings.n > 0 && row.postings.ci_low.is_some(),
            "{}",
            row.language
        );
    }
}
