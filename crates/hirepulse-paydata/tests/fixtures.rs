//! Each reader on a small hand-written fixture: good rows exactly, malformed rows as errors
//! naming their line, flagged figures kept with the flag, the dataset found from the header.

use std::path::{Path, PathBuf};

use hirepulse_paydata::{read_any, Basis, Dataset, PayKind, PayRecord, RowError};

fn path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn read(ds: Dataset, name: &str) -> Vec<Result<PayRecord, RowError>> {
    match ds.read(&path(name)) {
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
    assert_eq!(v.len(), 11);
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
    // Errors print as file:line: reason.
    let first = v
        .iter()
        .find_map(|r| r.as_ref().err())
        .map(|e| e.to_string());
    assert!(
        first
            .as_deref()
            .is_some_and(|s| s.ends_with("aijobs.csv:4: expected 11 fields, found 10")),
        "{first:?}"
    );
    let ok = oks(&v);
    assert_eq!(ok.len(), 6);
    let r = ok[0];
    assert_eq!((r.row, r.line), (1, 2));
    assert_eq!(r.dataset, "aijobs");
    assert_eq!(r.source_file, "aijobs.csv");
    assert_eq!(r.year, Some(2024));
    assert_eq!(r.lane.as_deref(), Some("ai_ml"));
    assert_eq!(r.seniority.as_deref(), Some("senior"));
    assert_eq!(r.country.as_deref(), Some("US"));
    assert_eq!(r.amount, 150000.0);
    assert_eq!(r.base, Some(150000.0));
    assert_eq!(r.annual_usd, Some(150000.0));
    assert_eq!(r.remote_ratio, Some(100));
    assert_eq!(r.pay_kind, PayKind::Base);
    assert_eq!(r.basis, Basis::Survey);
    assert_eq!(r.flag, None);
    assert_eq!(ok[1].amount, 45000.0);
    assert_eq!(ok[1].currency, "EUR");
    assert_eq!(ok[1].amount_usd, Some(48000.0));
    // The extractor's FX table: 2023 EUR at 0.924 per USD.
    assert_eq!(ok[1].annual_usd, Some((45000.0f64 / 0.924).round()));
    assert_eq!(ok[1].seniority.as_deref(), Some("junior"));
    assert_eq!(ok[2].seniority.as_deref(), Some("manager"));
    assert_eq!(ok[2].lane.as_deref(), Some("data"));
    // "International" is not "intern"; a currency the FX table lacks leaves annual USD unset.
    assert_eq!(ok[3].seniority.as_deref(), Some("manager"));
    assert_eq!(ok[3].annual_usd, None);
    // Implausible figures are kept, flagged.
    assert!(ok[4]
        .flag
        .as_deref()
        .is_some_and(|f| f.contains("above 2000000")));
    // A quoted field spanning two lines: the record's own line.
    assert_eq!((ok[5].row, ok[5].line, ok[5].amount), (11, 12, 120000.0));
}

#[test]
fn record_ids_follow_the_file_name() {
    assert_eq!(
        Dataset::AiJobs.record_id(Path::new("x/infosec-jobs-salaries.csv")),
        "infosec_jobs"
    );
    assert_eq!(
        Dataset::AiJobs.record_id(Path::new("devops-jobs-salaries.csv")),
        "devops_jobs"
    );
    assert_eq!(Dataset::AiJobs.record_id(Path::new("a.csv")), "aijobs");
    assert_eq!(Dataset::H1b.record_id(Path::new("infosec.csv")), "h1b");
}

#[test]
fn levels_fixture() {
    let v = read(Dataset::LevelsFyi, "levels.csv");
    assert_eq!(v.len(), 7);
    let e = errs(&v);
    assert_eq!(e.iter().map(|(r, _)| *r).collect::<Vec<_>>(), vec![3, 4, 6]);
    assert!(e[2].1.contains("yearsofexperience"), "{e:?}");
    let ok = oks(&v);
    assert_eq!(ok[0].country.as_deref(), Some("US"));
    assert_eq!(ok[0].lane.as_deref(), Some("backend"));
    assert_eq!(ok[0].pay_kind, PayKind::TotalComp);
    assert_eq!(ok[0].total_comp, Some(167000.0));
    assert_eq!(ok[0].base, None);
    assert_eq!(ok[0].year, None);
    // Five years of experience and no level in the title: senior by the years table.
    assert_eq!(ok[0].seniority.as_deref(), Some("senior"));
    assert_eq!(ok[1].country.as_deref(), Some("GB"));
    assert_eq!(ok[1].lane.as_deref(), Some("product"));
    assert_eq!(ok[1].amount, 250000.0);
    assert_eq!(ok[2].seniority.as_deref(), Some("manager"));
    assert_eq!(ok[2].lane.as_deref(), Some("ai_ml"));
    assert_eq!(ok[3].country.as_deref(), Some("DE"));
    assert_eq!(ok[3].seniority.as_deref(), Some("junior"));
    assert_eq!(ok[3].lane.as_deref(), Some("fullstack"));
}

#[test]
fn eu_fixture() {
    let v = read(Dataset::EuItSurvey2020, "eu.csv");
    assert_eq!(v.len(), 7);
    assert_eq!(errs(&v), vec![(4, "empty title".to_string())]);
    let ok = oks(&v);
    assert_eq!(ok.len(), 6);
    assert_eq!(ok[0].main_language.as_deref(), Some("python"));
    assert_eq!(ok[0].lane.as_deref(), Some("backend"));
    assert_eq!(ok[0].seniority.as_deref(), Some("senior"));
    assert_eq!(ok[0].currency, "EUR");
    assert_eq!(ok[0].country.as_deref(), Some("DE"));
    assert_eq!(ok[0].total_comp, Some(85000.0));
    assert_eq!(ok[0].annual_usd, Some((80000.0f64 / 0.877).round()));
    assert_eq!(ok[1].main_language.as_deref(), Some("javascript"));
    assert_eq!(ok[1].seniority.as_deref(), Some("mid"));
    assert_eq!(ok[1].amount, 65000.0);
    assert_eq!(ok[1].total_comp, None);
    assert_eq!(ok[2].main_language.as_deref(), Some("java"));
    assert_eq!(ok[2].amount, 55000.0);
    // A bonus answer that is not a figure: base kept, no total comp; Cyrillic "С#".
    assert_eq!(ok[3].total_comp, None);
    assert_eq!(ok[3].main_language.as_deref(), Some("csharp"));
    assert_eq!(ok[3].country.as_deref(), Some("CZ"));
    assert_eq!(ok[3].seniority.as_deref(), Some("lead"));
    // A position spanning two lines; the answer names no language first; implausible pay.
    assert_eq!((ok[4].row, ok[4].line), (6, 7));
    assert_eq!(ok[4].main_language, None);
    assert_eq!(ok[4].country, None);
    assert_eq!(ok[4].seniority.as_deref(), Some("manager"));
    assert!(ok[4].flag.is_some());
    assert_eq!((ok[5].row, ok[5].line), (7, 9));
    assert_eq!(ok[5].country.as_deref(), Some("CH"));
    assert_eq!(ok[5].seniority.as_deref(), Some("staff"));
    assert_eq!(ok[5].lane.as_deref(), Some("mobile"));
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
    assert_eq!(ok[0].annual_usd, Some(133328.0));
}

#[test]
fn bls_fixture() {
    let v = read(Dataset::BlsOews, "national_M2019_dl.xlsx");
    let e = errs(&v);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(e[0].1.contains("bad wage cell"), "{e:?}");
    assert!(e[1].1.contains("empty OCC_CODE"), "{e:?}");
    // Sheet rows: data row 5 is sheet row 6.
    let line = v
        .iter()
        .find_map(|r| r.as_ref().err())
        .map(|e| (e.row, e.line));
    assert_eq!(line, Some((5, 6)));
    let ok = oks(&v);
    // The broad group and the row without a median are not records.
    let codes: Vec<&str> = ok.iter().filter_map(|r| r.code.as_deref()).collect();
    assert_eq!(codes, ["15-1256", "15-1133", "29-1141"]);
    let sw = ok[0];
    assert_eq!(sw.dataset, "bls_oews");
    assert_eq!(sw.year, Some(2019));
    assert_eq!(sw.basis, Basis::OfficialStatistics);
    assert_eq!(sw.lane.as_deref(), Some("backend"));
    assert_eq!(sw.annual_usd, Some(105000.0));
    let published = sw.published.as_ref().map(|p| (p.employment, p.p25, p.p75));
    assert_eq!(
        published,
        Some((Some(1_500_000), Some(80000.0), Some(135000.0)))
    );
    // SOC 2010 systems software developers: the same lane; p90 top-coded.
    assert_eq!(ok[1].lane.as_deref(), Some("backend"));
    let top = ok[1]
        .published
        .as_ref()
        .map(|p| (p.p90, p.top_coded.clone()));
    assert_eq!(top, Some((None, vec!["p90"])));
    assert_eq!(ok[2].lane, None);
    assert_eq!(ok[2].published.as_ref().and_then(|p| p.employment), None);
}

#[test]
fn datasets_are_detected_from_the_header() {
    for (name, ds) in [
        ("aijobs.csv", Dataset::AiJobs),
        ("levels.csv", Dataset::LevelsFyi),
        ("eu.csv", Dataset::EuItSurvey2020),
        ("h1b.csv", Dataset::H1b),
        ("national_M2019_dl.xlsx", Dataset::BlsOews),
    ] {
        assert_eq!(
            Dataset::detect(&path(name)).ok().flatten(),
            Some(ds),
            "{name}"
        );
        assert!(read_any(&path(name)).is_ok_and(|(d, _)| d == ds), "{name}");
    }
    // Not a pay dataset: an error naming the file and line 1.
    let err = read_any(&path("make_bls_fixture.py"))
        .err()
        .map(|e| e.to_string());
    assert!(
        err.as_deref()
            .is_some_and(|e| e.contains("make_bls_fixture.py:1: not a known pay dataset")),
        "{err:?}"
    );
}

#[test]
fn missing_file_is_an_error() {
    assert!(Dataset::H1b.read(Path::new("/nonexistent/x.csv")).is_err());
    assert!(Dataset::detect(Path::new("/nonexistent/x.csv")).is_err());
}

#[test]
fn builtin_mapping_parses_and_orders_rules() {
    let text = include_str!("../data/pay_mapping.toml");
    let m = match hirepulse_paydata::Mapping::parse(text) {
        Ok(m) => m,
        Err(e) => panic!("pay_mapping.toml: {e}"),
    };
    assert_eq!(m.version, 2);
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
    // Every language the mapping gives is a canonical id of the extractor's taxonomy, and every
    // level one of the extractor's levels.
    for id in m.language_ids() {
        assert!(
            hirepulse_extract::taxonomy::is_language(id),
            "{id} is not a taxonomy language"
        );
    }
    for (id, info) in m.datasets() {
        assert!(
            ["survey", "official_statistics", "filing"].contains(&info.kind.as_str()),
            "{id}"
        );
        assert!(
            ["base", "total_comp"].contains(&info.basis.as_str()),
            "{id}"
        );
    }
}
