//! The same advice from a store and from the baseline built from it (written to text and read
//! back): `advise` reads postings only through the posting-source interface, so the two must
//! give identical figures; only `data_source` differs.

use hirepulse_advise::{advise, Goal, Profile};
use hirepulse_extract::pay::PayRange;
use hirepulse_extract::Facts;
use hirepulse_reports::Baseline;
use hirepulse_sources::Posting;
use hirepulse_store::{content_hash, Store, Write};

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(|s| s.to_string()).collect()
}

/// Two years of postings from a fixed arithmetic pattern (no randomness needed).
fn store() -> Store {
    let languages = [
        &["python"][..],
        &["go"],
        &["rust", "cpp"],
        &["typescript", "javascript"],
        &["java"],
        &["python", "go"],
    ];
    let lanes = [
        &["backend"][..],
        &["infra"],
        &["systems"],
        &["fullstack", "frontend"],
        &["backend", "data"],
        &["ai_ml"],
    ];
    let technologies = [
        &["postgresql", "docker"][..],
        &["kubernetes", "terraform"],
        &["linux"],
        &["react"],
        &["kafka", "spring"],
        &["pytorch"],
    ];
    let levels = [
        &["senior"][..],
        &[],
        &["junior"],
        &["mid", "senior"],
        &["staff"],
        &[],
    ];
    let mut rows: Vec<(String, Facts)> = Vec::new();
    for i in 0..1800usize {
        let month = format!("{}-{:02}", 2023 + (i / 900), i % 12 + 1);
        let kind = (i * 7 + i / 13) % 6;
        let pay = if i % 3 == 0 {
            vec![PayRange {
                min: Some(100_000.0 + (i % 17) as f64 * 5_000.0),
                max: None,
                currency: Some("USD".into()),
                period: Some("year".into()),
                annual_usd_min: Some(
                    100_000.0 + (i % 17) as f64 * 5_000.0 + kind as f64 * 10_000.0,
                ),
                annual_usd_max: Some(140_000.0 + (i % 17) as f64 * 5_000.0),
                ..PayRange::default()
            }]
        } else {
            Vec::new()
        };
        rows.push((
            month,
            Facts {
                company: Some(format!("Company {}", i % 37)),
                languages: strings(languages[kind]),
                technologies: strings(technologies[(kind + i % 2) % 6]),
                lanes: strings(lanes[kind]),
                seniority: strings(levels[(i / 5) % 6]),
                countries: strings(if i % 4 == 0 { &["DE"] } else { &["US"] }),
                us_eligible: Some(i % 4 != 0),
                work_mode: strings(if i % 3 == 1 { &["remote"] } else { &["onsite"] }),
                employment: strings(&["full_time"]),
                pay,
                ..Facts::default()
            },
        ));
    }
    let mut store = Store::open_in_memory().expect("in-memory store");
    let run = store.begin_run("synthetic", 0).expect("run");
    let postings: Vec<Posting> = rows
        .iter()
        .enumerate()
        .map(|(i, (month, _))| Posting {
            source: "synthetic".into(),
            source_id: i.to_string(),
            month: Some(month.clone()),
            posted_at: None,
            title: None,
            company: None,
            location: None,
            url: None,
            raw: format!("posting {i}"),
            text: format!("posting {i}"),
            pay_evidence: Vec::new(),
        })
        .collect();
    let writes: Vec<Write> = postings
        .iter()
        .zip(&rows)
        .map(|(posting, (_, facts))| Write::Upsert {
            posting,
            hash: content_hash(posting),
            facts,
        })
        .collect();
    store.write_batch(run, &writes, 1).expect("write");
    store
}

#[test]
fn store_and_baseline_give_the_same_advice() {
    let store = store();
    let baseline = Baseline::from_source(&store, vec![("corpus".into(), "synthetic".into())])
        .expect("baseline");
    let mut text = Vec::new();
    baseline.write(&mut text).expect("write baseline");
    let baseline = Baseline::parse(&String::from_utf8(text).expect("utf-8")).expect("parse");
    for (years, known, goal, remote_only) in [
        (1.0, "python:basic", Goal::Volume, false),
        (5.0, "java:expert", Goal::Comp, false),
        (10.0, "cpp:expert,c:working", Goal::Differentiation, true),
    ] {
        let profile = Profile {
            years,
            languages: hirepulse_advise::profile::parse_known(known).expect("languages"),
            goal,
            region: "us".into(),
            lanes: Vec::new(),
            remote_only,
            urgency_weeks: Some(10),
        };
        let from_store = advise(&store, &profile, None).expect("advice from the store");
        let from_baseline = advise(&baseline, &profile, None).expect("advice from the baseline");
        assert!(from_store.data_source.is_none() && from_baseline.data_source.is_some());
        assert!(
            !from_store.options.is_empty(),
            "{years}: {:?}",
            from_store.notes
        );
        let mut a = serde_json::to_value(&from_store).expect("json");
        let mut b = serde_json::to_value(&from_baseline).expect("json");
        a.as_object_mut().map(|o| o.remove("data_source"));
        b.as_object_mut().map(|o| o.remove("data_source"));
        assert_eq!(a, b, "{years} years, {known}");
    }
}
