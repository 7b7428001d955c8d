//! Row and error counts over the real files in ../shared/pay (skipped when absent).

use std::path::Path;

use hirepulse_paydata::Dataset;

#[test]
fn real_files_counts() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pay");
    if !dir.exists() {
        eprintln!("skipping: {} absent", dir.display());
        return;
    }
    let files = [
        (Dataset::AiJobs, "aijobs-salaries.csv", 74301, 0),
        (Dataset::AiJobs, "infosec-jobs-salaries.csv", 65951, 0),
        (Dataset::AiJobs, "devops-jobs-salaries.csv", 728, 0),
        (Dataset::LevelsFyi, "levelsfyi-sample.csv", 29880, 0),
        (
            Dataset::EuItSurvey2020,
            "it-salary-survey-eu-2020.csv",
            1247,
            6,
        ),
        (Dataset::H1b, "h1b-software-2012-2016-sample.csv", 4999, 0),
    ];
    for (ds, name, want_ok, want_bad) in files {
        let Ok(it) = ds.read(&dir.join(name)) else {
            panic!("cannot open {name}");
        };
        let (mut ok, mut bad) = (0usize, 0usize);
        let mut first = Vec::new();
        for r in it {
            match r {
                Ok(_) => ok += 1,
                Err(e) => {
                    bad += 1;
                    if first.len() < 3 {
                        first.push(e.to_string());
                    }
                }
            }
        }
        eprintln!("{name}: {ok} ok, {bad} errors; first: {first:?}");
        assert_eq!((ok, bad), (want_ok, want_bad), "{name}");
    }
}

#[test]
fn bls_oews_counts_and_known_median() {
    use hirepulse_paydata::bls::{read_oews, Wage};
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pay/bls-oews");
    if !dir.exists() {
        eprintln!("skipping: {} absent", dir.display());
        return;
    }
    for y in 2020u16..=2024 {
        let p = dir.join(format!("national_M{y}_dl.xlsx"));
        let Ok(it) = read_oews(&p) else {
            panic!("cannot open {}", p.display());
        };
        let (mut ok, mut bad, mut tech, mut top) = (0, 0, 0, 0);
        let mut sw = None;
        for r in it {
            match r {
                Ok(o) => {
                    ok += 1;
                    tech += usize::from(o.lane.is_some());
                    top += usize::from(o.p90 == Wage::TopCoded);
                    if o.occ_code == "15-1252" && sw.is_none() {
                        sw = Some(o.median);
                    }
                }
                Err(_) => bad += 1,
            }
        }
        eprintln!("M{y}: {ok} ok, {bad} errors, {tech} tech rows, {top} top-coded p90; 15-1252 median {sw:?}");
        let want = [1329, 1403, 1402, 1403, 1403][usize::from(y - 2020)];
        assert_eq!((ok, bad), (want, 0), "M{y}");
        if y == 2024 {
            assert_eq!(sw, Some(Wage::Value(133080.0)));
        }
    }
}

/// Every OEWS year yields a backend (software developers) record despite the hybrid codes of
/// May 2020; the EU survey's language answers map to taxonomy ids for most respondents.
#[test]
fn real_files_map_to_lanes_and_languages() {
    use hirepulse_paydata::read_any;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/pay");
    if !dir.exists() {
        eprintln!("skipping: {} absent", dir.display());
        return;
    }
    for y in 2020u16..=2024 {
        let p = dir.join(format!("bls-oews/national_M{y}_dl.xlsx"));
        let Ok((ds, it)) = read_any(&p) else {
            panic!("cannot open {}", p.display());
        };
        assert_eq!(ds, Dataset::BlsOews);
        let records: Vec<_> = it.filter_map(Result::ok).collect();
        let backend: Vec<&str> = records
            .iter()
            .filter(|r| r.lane.as_deref() == Some("backend"))
            .filter_map(|r| r.code.as_deref())
            .collect();
        eprintln!(
            "M{y}: {} detailed records, backend codes {backend:?}",
            records.len()
        );
        assert!(
            backend.contains(&"15-1252") || backend.contains(&"15-1256"),
            "M{y}"
        );
        assert!(records
            .iter()
            .all(|r| r.annual_usd.is_none() || r.year == Some(y)));
    }
    let Ok((_, it)) = read_any(&dir.join("it-salary-survey-eu-2020.csv")) else {
        panic!("cannot open the EU survey");
    };
    let records: Vec<_> = it.filter_map(Result::ok).collect();
    let with_language = records.iter().filter(|r| r.main_language.is_some()).count();
    let flagged = records.iter().filter(|r| r.flag.is_some()).count();
    eprintln!(
        "EU survey: {} records, {with_language} with a language, {flagged} flagged",
        records.len()
    );
    assert!(with_language * 100 >= records.len() * 80, "{with_language}");
    assert!(flagged >= 1, "the 500,000,000 EUR answer is flagged");
}
