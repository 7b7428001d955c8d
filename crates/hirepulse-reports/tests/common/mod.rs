//! A synthetic store for the baseline, trend, pay and skills tests, written through the store's
//! own write API so the figures do not depend on extraction quality. Unlike the older
//! `integration.rs` store it carries technologies, flagged and one-ended pay ranges, companies
//! with odd characters and postings without facts, which the baseline must carry (or drop)
//! without changing a figure.

#![allow(dead_code)] // reason: each test file uses a different part

use hirepulse_extract::pay::PayRange;
use hirepulse_extract::Facts;
use hirepulse_reports::config::parse_month;
use hirepulse_reports::Format;
use hirepulse_sources::Posting;
use hirepulse_store::pay_records::PayRecordRow;
use hirepulse_store::{content_hash, Store, Write};
use std::path::PathBuf;

pub fn posting(id: usize, month: &str) -> Posting {
    Posting {
        source: "synthetic".into(),
        source_id: id.to_string(),
        month: Some(month.into()),
        posted_at: None,
        title: None,
        company: None,
        location: None,
        url: None,
        raw: format!("posting {id}"),
        text: format!("posting {id}"),
        pay_evidence: Vec::new(),
    }
}

pub fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

pub fn month(text: &str) -> hirepulse_stats::YearMonth {
    parse_month("test", text).expect("month")
}

pub fn pay(min: Option<f64>, max: Option<f64>, flag: Option<&str>) -> PayRange {
    PayRange {
        min,
        max,
        currency: Some("USD".into()),
        period: Some("year".into()),
        annual_usd_min: min,
        annual_usd_max: max,
        flag: flag.map(str::to_string),
        ..PayRange::default()
    }
}

pub fn store_with(rows: &[(String, Facts)]) -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    let run = store.begin_run("synthetic", 0).expect("run");
    let postings: Vec<Posting> = rows
        .iter()
        .enumerate()
        .map(|(i, (month, _))| posting(i, month))
        .collect();
    let writes: Vec<Write> = postings
        .iter()
        .zip(rows)
        .map(|(posting, (_, facts))| Write::Upsert {
            posting,
            hash: content_hash(posting),
            facts,
        })
        .collect();
    store.write_batch(run, &writes, 1).expect("write");
    store
}

/// Synthetic pay-dataset records (seeded): levels.fyi-like total comp (undated), an
/// ai-jobs-like survey for 2022..2025, an EU-like survey by language (2020), official
/// occupation rows for two years, and records the reports must ignore (flagged, no annual USD).
pub fn add_pay_records(store: &mut Store) {
    let mut stream = Stream(99);
    let mut rows = Vec::new();
    let record =
        |dataset: &str, row: u64, year: Option<u16>, kind: &str, pay_kind: &str| PayRecordRow {
            dataset: dataset.into(),
            source_file: format!("{dataset}.csv"),
            source_row: row,
            source_line: row + 1,
            year,
            title: "Engineer".into(),
            currency: "USD".into(),
            period: "year".into(),
            pay_kind: pay_kind.into(),
            kind: kind.into(),
            ..PayRecordRow::default()
        };
    let lanes = ["backend", "infra", "systems", "data", "security", "ai_ml"];
    let levels = ["senior", "senior", "staff", "lead", "mid", "junior"];
    let countries = ["US", "US", "US", "GB", "DE"];
    for i in 0..400u64 {
        let mut r = record("levelsfyi", i + 1, None, "survey", "total_comp");
        r.lane = Some(stream.pick(&lanes).into());
        r.level = Some(stream.pick(&levels).into());
        r.country = Some(stream.pick(&countries).into());
        let usd = 150_000.0 + (stream.next() % 200) as f64 * 1_000.0;
        r.amount = usd;
        r.total_comp = Some(usd);
        r.annual_usd = Some(usd);
        rows.push(r);
    }
    for i in 0..300u64 {
        let year = [2022u16, 2023, 2024, 2025][(stream.next() % 4) as usize];
        let mut r = record("aijobs", i + 1, Some(year), "survey", "base");
        r.lane = Some(stream.pick(&lanes).into());
        r.level = Some(stream.pick(&levels).into());
        r.country = Some(stream.pick(&countries).into());
        let usd = 90_000.0 + (stream.next() % 150) as f64 * 1_000.0;
        r.amount = usd;
        r.base = Some(usd);
        r.annual_usd = Some(usd);
        if i % 50 == 0 {
            r.flag = Some("annual USD 1 is below 5000".into());
        }
        if i % 70 == 1 {
            r.annual_usd = None;
        }
        rows.push(r);
    }
    for i in 0..120u64 {
        let mut r = record("eu_it_survey_2020", i + 1, Some(2020), "survey", "base");
        r.language = Some(stream.pick(&["python", "go", "rust", "java"]).into());
        r.level = Some(stream.pick(&levels).into());
        r.country = Some(stream.pick(&["DE", "DE", "NL"]).into());
        let usd = 60_000.0 + (stream.next() % 60) as f64 * 1_000.0;
        r.amount = usd;
        r.base = Some(usd);
        r.annual_usd = Some(usd);
        rows.push(r);
    }
    let occupations = [
        (
            "15-1252",
            "Software Developers",
            "backend",
            1_600_000u64,
            130_000.0,
        ),
        (
            "15-1251",
            "Computer Programmers",
            "backend",
            110_000,
            99_000.0,
        ),
        (
            "15-1244",
            "Network and Computer Systems Administrators",
            "infra",
            320_000,
            96_000.0,
        ),
        (
            "15-1212",
            "Information Security Analysts",
            "security",
            180_000,
            120_000.0,
        ),
    ];
    let mut row = 0;
    for year in [2023u16, 2024] {
        for (code, title, lane, employment, median) in occupations {
            row += 1;
            let mut r = record("bls_oews", row, Some(year), "official_statistics", "base");
            r.source_file = format!("national_M{year}_dl.xlsx");
            r.code = Some(code.into());
            r.title = title.into();
            r.lane = Some(lane.into());
            r.country = Some("US".into());
            let median = median + f64::from(year - 2023) * 3_000.0;
            r.amount = median;
            r.base = Some(median);
            r.annual_usd = Some(median);
            r.employment = Some(employment);
            r.p10 = Some(median * 0.6);
            r.p25 = Some(median * 0.78);
            r.p75 = Some(median * 1.27);
            r.p90 = (code != "15-1252").then_some(median * 1.6);
            rows.push(r);
        }
    }
    store.upsert_pay_records(&rows).expect("pay records");
}

/// splitmix64: a fixed pseudo-random stream, so the synthetic store is the same everywhere.
pub struct Stream(pub u64);

impl Stream {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    pub fn pick<'a>(&mut self, values: &[&'a str]) -> &'a str {
        values[(self.next() % values.len() as u64) as usize]
    }
}

/// Two years (2023-01..2024-12) of 60 postings a month. Python common, Go moderate, Rust rare
/// and growing in 2024; Rust postings ask for tokio and kubernetes far more than others, Python
/// ones for django and pandas; postgres is asked everywhere (lift near 1). Pay for about a
/// third, some ranges flagged or one-ended.
pub fn synthetic_store() -> Store {
    let mut stream = Stream(7);
    let companies: Vec<String> = (0..40)
        .map(|i| match i {
            0 => "Tab\tand, comma \\ Inc.".to_string(),
            1 => "Ünïcode GmbH".to_string(),
            i => format!("Company {i}"),
        })
        .collect();
    let mut rows = Vec::new();
    for year in [2023, 2024] {
        for month in 1..=12 {
            let month_name = format!("{year}-{month:02}");
            for _ in 0..60 {
                if stream.chance(0.03) {
                    rows.push((month_name.clone(), Facts::default()));
                    continue;
                }
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
                let mut technologies = Vec::new();
                let rust = languages.contains(&"rust");
                let python = languages.contains(&"python");
                if stream.chance(if rust { 0.7 } else { 0.05 }) {
                    technologies.push("tokio");
                }
                if stream.chance(if rust || languages.contains(&"go") {
                    0.5
                } else {
                    0.15
                }) {
                    technologies.push("kubernetes");
                }
                if stream.chance(if python { 0.4 } else { 0.03 }) {
                    technologies.push("django");
                }
                if stream.chance(if python { 0.3 } else { 0.05 }) {
                    technologies.push("pandas");
                }
                if stream.chance(0.3) {
                    technologies.push("postgres");
                }
                if stream.chance(0.3) && !languages.contains(&"javascript") {
                    languages.push("javascript");
                }
                let infra_bias = languages.contains(&"go") || rust;
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
                let company = (!stream.chance(0.05)).then(|| {
                    companies[(stream.next() % if stream.chance(0.3) { 5 } else { 40 }) as usize]
                        .clone()
                });
                let base = 100_000.0 + (stream.next() % 1200) as f64 * 123.457;
                let mut ranges = Vec::new();
                if stream.chance(0.1) {
                    ranges.push(pay(
                        Some(12.0),
                        Some(15.0),
                        Some("annual USD 12 is below 5000"),
                    ));
                }
                if stream.chance(0.35) {
                    if stream.chance(0.2) {
                        ranges.push(pay(Some(base), None, None));
                    } else {
                        ranges.push(pay(Some(base), Some(base + 40_000.0 / 3.0), None));
                    }
                }
                languages.sort_unstable();
                technologies.sort_unstable();
                rows.push((
                    month_name.clone(),
                    Facts {
                        company,
                        languages: strings(&languages),
                        technologies: strings(&technologies),
                        lanes: strings(&lanes),
                        seniority: strings(&[seniority]),
                        countries: strings(&[country]),
                        us_eligible: match stream.next() % 3 {
                            0 => None,
                            1 => Some(false),
                            _ => Some(country == "US"),
                        },
                        work_mode: strings(&[stream.pick(&["onsite", "remote", "hybrid"])]),
                        employment: strings(&[stream.pick(&[
                            "full_time",
                            "full_time",
                            "contract",
                        ])]),
                        pay: ranges,
                        ..Facts::default()
                    },
                ));
            }
        }
    }
    let mut store = store_with(&rows);
    add_pay_records(&mut store);
    store
}

/// Compares `rendered` with `tests/snapshots/NAME` (or writes it under HIREPULSE_BLESS=1).
pub fn check_rendered(name: &str, rendered: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("HIREPULSE_BLESS").is_some() {
        std::fs::write(&path, rendered).expect("write the expected file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|err| {
        panic!(
            "{}: {err}; run with HIREPULSE_BLESS=1 to create it",
            path.display()
        )
    });
    if expected != rendered {
        panic!(
            "{} differs from the rendered output (HIREPULSE_BLESS=1 to accept):\n{rendered}",
            path.display()
        );
    }
}

/// The expected-file extension of a format.
pub fn extension(format: Format) -> &'static str {
    match format {
        Format::Table => "txt",
        Format::Markdown => "md",
        Format::Csv => "csv",
        Format::Json => "json",
    }
}
