//! `salary_position` on a real (in-memory) store and on the baseline built from it: the same
//! figures from both, as every report promises.

mod common;

use common::{pay, store_with, strings};
use hirepulse_extract::Facts;
use hirepulse_reports::config::MonthWindow;
use hirepulse_reports::salary_position::{salary_position, SalaryPositionConfig};
use hirepulse_reports::{Baseline, Filters};

#[test]
fn store_and_baseline_agree_on_the_salary_position() {
    // 30 senior backend Python postings in the US with midpoints 120k, 124k, ... 236k, and 5
    // junior ones at 80k that the seniority filter drops.
    let mut rows = Vec::new();
    for i in 0..35 {
        let (seniority, midpoint) = if i < 30 {
            ("senior", 120_000.0 + 4_000.0 * i as f64)
        } else {
            ("junior", 80_000.0)
        };
        rows.push((
            "2024-03".to_string(),
            Facts {
                languages: strings(&["python"]),
                lanes: strings(&["backend"]),
                seniority: strings(&[seniority]),
                countries: strings(&["US"]),
                pay: vec![pay(
                    Some(midpoint - 5_000.0),
                    Some(midpoint + 5_000.0),
                    None,
                )],
                ..Facts::default()
            },
        ));
    }
    let store = store_with(&rows);
    let filters = Filters::parse(Some("us"), Some("senior"), Some("backend")).expect("filters");
    let config =
        SalaryPositionConfig::new(150_000.0, Some("python"), MonthWindow::default(), filters)
            .expect("config");
    let from_store = salary_position(&store, &config).expect("store position");
    // 120k..148k: 8 midpoints below 150k, of 30.
    assert_eq!(from_store.below.n, 30);
    assert_eq!(from_store.below.count, 8);
    assert_eq!(from_store.p50.value, Some(178_000.0));
    let baseline = Baseline::from_source(&store, vec![("corpus".into(), "synthetic".into())])
        .expect("baseline");
    let from_baseline = salary_position(&baseline, &config).expect("baseline position");
    assert_eq!(from_store.below, from_baseline.below);
    assert_eq!(from_store.p25, from_baseline.p25);
    assert_eq!(from_store.p75, from_baseline.p75);
}
