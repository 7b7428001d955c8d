//! Each reader on a small hand-written fixture: good rows exactly, malformed rows as errors.

use std::path::Path;

use hirepulse_paydata::{Basis, Dataset, PayKind, PayRecord, RowError};

fn read(ds: Dataset, name: &str) -> Vec<Result<PayRecord, RowError>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name);
    match ds.read(&path) {
        Ok(it) => it.collect(),
        Err(e) => panic!("open {name}: {e}"),
    }
}

fn errs(v: &[Result<PayRecord, RowError>]) -> Vec<(u64, String)> {
    v.iter()
        .filter_map(|r| r.as_ref().err().map(|e| (e.row, e.reason.clone())))
        .collect()
}

fn oks(v: &[Result<PayRecord, RowError>]) -> Vec<&PayRecord> {
    v.iter().filter_map(|r| r.as_ref().ok()).collect()
}

#[test]
fn aijobs_fixture() {
    let v = read(Dataset::AiJobs, "aijobs.csv");
    assert_eq!(v.len(), 8);
    let e = errs(&v);
    assert_eq!(
        e.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        vec![3, 4, 5, 6, 7]
    );
    assert!(e[0].1.contains("expected 11 fields"));
    assert!(e[1].1.contains("not a number"));
    assert!(e[2].1.contains("unknown currency"));
    assert!(e[3].1.contains("empty title"));
    assert!(e[4].1.contains("negative"));
    let ok = oks(&v);
    assert_eq!(ok.len(), 3);
    let r = ok[0];
    assert_eq!(r.row, 1);
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.lane.as_deref(), Some("ai_ml"));
    assert_eq!(r.seniority.as_deref(), Some("senior"));
    assert_eq!(r.country.as_deref(), Some("US"));
    assert_eq!(r.amount, 150000.0);
    assert_eq!(r.remote_ratio, Some(100));
    assert_eq!(r.pay_kind, PayKind::Base);
    assert_eq!(r.basis, Basis::Survey);
    assert_eq!(ok[1].amount, 45000.0);
    assert_eq!(ok[1].currency, "EUR");
    assert_eq!(ok[1].amount_usd, Some(48000.0));
    assert_eq!(ok[1].seniority.as_deref(), Some("junior"));
    assert_eq!(ok[2].seniority.as_deref(), Some("manager"));
    assert_eq!(ok[2].lane.as_deref(), Some("data"));
}

#[test]
fn levels_fixture() {
    let v = read(Dataset::LevelsFyi, "levels.csv");
    assert_eq!(v.len(), 4);
    assert_eq!(
        errs(&v).iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        vec![3, 4]
    );
    let ok = oks(&v);
    assert_eq!(ok[0].country.as_deref(), Some("US"));
    assert_eq!(ok[0].lane.as_deref(), Some("backend"));
    assert_eq!(ok[0].pay_kind, PayKind::TotalComp);
    assert_eq!(ok[0].year, None);
    assert_eq!(ok[1].country.as_deref(), Some("GB"));
    assert_eq!(ok[1].lane.as_deref(), Some("product"));
    assert_eq!(ok[1].amount, 250000.0);
}

#[test]
fn eu_fixture() {
    let v = read(Dataset::EuItSurvey2020, "eu.csv");
    assert_eq!(v.len(), 4);
    assert_eq!(errs(&v), vec![(4, "empty title".to_string())]);
    let ok = oks(&v);
    assert_eq!(ok[0].main_language.as_deref(), Some("python"));
    assert_eq!(ok[0].lane.as_deref(), Some("backend"));
    assert_eq!(ok[0].seniority.as_deref(), Some("senior"));
    assert_eq!(ok[0].currency, "EUR");
    assert_eq!(ok[1].main_language.as_deref(), Some("javascript"));
    assert_eq!(ok[1].seniority.as_deref(), Some("mid"));
    assert_eq!(ok[1].amount, 65000.0);
    assert_eq!(ok[2].main_language.as_deref(), Some("java"));
    assert_eq!(ok[2].amount, 55000.0);
}

#[test]
fn h1b_fixture() {
    let v = read(Dataset::H1b, "h1b.csv");
    assert_eq!(v.len(), 3);
    assert_eq!(
        errs(&v).iter().map(|(r, _)| *r).collect::<Vec<_>>(),
        vec![2, 3]
    );
    let ok = oks(&v);
    assert_eq!(ok[0].year, Some(2012));
    assert_eq!(ok[0].seniority.as_deref(), Some("senior"));
    assert_eq!(ok[0].basis, Basis::Filing);
    assert_eq!(ok[0].amount_usd, Some(133328.0));
}

#[test]
fn missing_file_is_an_error() {
    assert!(Dataset::H1b.read(Path::new("/nonexistent/x.csv")).is_err());
}

#[test]
fn builtin_mapping_parses_and_orders_rules() {
    let text = include_str!("../data/pay_mapping.toml");
    let m = match hirepulse_paydata::Mapping::parse(text) {
        Ok(m) => m,
        Err(e) => panic!("pay_mapping.toml: {e}"),
    };
    assert_eq!(m.version, 1);
    assert_eq!(m.lane("Data Security Analyst").as_deref(), Some("security"));
    assert_eq!(
        m.seniority("Staff Engineer", Some("SE")).as_deref(),
        Some("staff")
    );
    assert_eq!(
        m.seniority("Engineer", Some("EX")).as_deref(),
        Some("manager")
    );
    assert_eq!(m.language("Golang").as_deref(), Some("go"));
    assert_eq!(m.bls_lane("15-1252").as_deref(), Some("backend"));
    assert_eq!(m.bls_lane("29-1141"), None);
}
