//! `hirepulse advise` on the built-in baseline (no store) and on a store: the JSON structure,
//! and that every option carries its n and intervals.

use crate::common::{generated_thread, run, stderr, stdout};
use std::process::Command;

/// Runs `hirepulse ARGS...` with no `--db` and an empty data directory, so the report reads
/// the built-in baseline.
fn on_baseline(args: &[&str]) -> std::process::Output {
    let home = tempfile::tempdir().expect("temp dir");
    Command::new(env!("CARGO_BIN_EXE_hirepulse"))
        .env("XDG_DATA_HOME", home.path())
        .env("HOME", home.path())
        .args(args)
        .output()
        .expect("the hirepulse binary runs")
}

fn number(value: &serde_json::Value, what: &str) -> f64 {
    value
        .as_f64()
        .unwrap_or_else(|| panic!("{what} is not a number: {value}"))
}

#[test]
fn advise_on_the_baseline_prints_options_with_n_and_intervals() {
    let output = on_baseline(&[
        "advise",
        "--years",
        "4",
        "--know",
        "java:expert,python:basic",
        "--goal",
        "comp",
        "--format",
        "json",
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("built-in baseline"),
        "{}",
        stderr(&output)
    );
    let advice: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(advice["report"], "advise");
    assert_eq!(advice["schema"], 1);
    assert!(advice["data_source"]
        .as_str()
        .is_some_and(|s| s.contains("baseline")));
    assert_eq!(advice["profile"]["band"]["label"], "mid to senior");
    let options = advice["options"].as_array().expect("options");
    assert!(
        (3..=5).contains(&options.len()),
        "{} options",
        options.len()
    );
    let mut previous_score = f64::INFINITY;
    for option in options {
        let score = number(&option["score"], "score");
        assert!(score <= previous_score + 1e-12);
        previous_score = score;
        // Demand: count, n, a Wilson interval around the share.
        let demand = &option["demand"];
        assert!(number(&demand["n"], "demand n") >= number(&demand["count"], "count"));
        assert!(
            number(&demand["count"], "count") >= number(&advice["scoring"]["min_demand"], "min")
        );
        let (low, share, high) = (
            number(&demand["ci_low"], "ci_low"),
            number(&demand["share"], "share"),
            number(&demand["ci_high"], "ci_high"),
        );
        assert!(low <= share && share <= high);
        // Growth and pay carry n and interval fields (null only where unbounded).
        for field in ["n", "before", "after", "ci_low", "ci_high", "small_sample"] {
            assert!(option["growth"].get(field).is_some(), "growth.{field}");
        }
        let pay = &option["pay"];
        assert!(pay["n"].is_u64() && pay["n_postings"].is_u64());
        for percentile in pay["percentiles"].as_array().expect("percentiles") {
            for field in ["q", "n", "value", "ci_low", "ci_high", "small_sample"] {
                assert!(percentile.get(field).is_some(), "pay percentile {field}");
            }
        }
        // Every claim cites figures with n, an interval slot and a window.
        for claim in option["reasons"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(option["risks"].as_array().into_iter().flatten())
        {
            let cites = claim["cites"].as_array().expect("cites");
            assert!(!cites.is_empty(), "{claim}");
            for cite in cites {
                for field in ["n", "ci_low", "ci_high", "window", "small_sample", "value"] {
                    assert!(cite.get(field).is_some(), "{field} in {cite}");
                }
            }
        }
    }
    let plan = &advice["plan"];
    assert_eq!(plan["weeks"].as_array().map(Vec::len), Some(13));
    let projects = plan["projects"].as_array().expect("projects");
    assert!((2..=3).contains(&projects.len()), "{plan}");
    assert_eq!(plan["language"], options[0]["language"]);

    // Markdown and table name the same top option.
    let markdown = on_baseline(&[
        "advise",
        "--years",
        "4",
        "--know",
        "java:expert,python:basic",
        "--goal",
        "comp",
        "--format",
        "markdown",
    ]);
    assert!(markdown.status.success());
    let text = stdout(&markdown);
    assert!(text.contains("### 90-day plan"), "{text}");
    let name = options[0]["language_name"].as_str().unwrap_or("?");
    assert!(text.contains("#### 1. ") && text.contains(name), "{text}");
}

#[test]
fn advise_rejects_a_bad_profile_before_reading_data() {
    let output = on_baseline(&["advise", "--years", "4", "--know", "klingon:expert"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("klingon"), "{}", stderr(&output));
    let output = on_baseline(&["advise", "--years", "4", "--lane", "sales"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("sales"), "{}", stderr(&output));
}

#[test]
fn advise_reads_a_store_with_db() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let input = dir.path().join("thread.jsonl");
    std::fs::write(&input, generated_thread(300, 100)).expect("write");
    let ingest = run(&db, &["ingest", input.to_str().expect("utf-8 path")]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let output = run(
        &db,
        &[
            "advise", "--years", "6", "--goal", "volume", "--format", "json",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let advice: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert!(
        advice.get("data_source").is_none(),
        "a store has no data_source"
    );
    assert!(number(&advice["n_postings"], "n_postings") > 0.0);
    // Whatever is ranked has at least the minimum evidence; the rest is listed as dropped.
    for option in advice["options"].as_array().into_iter().flatten() {
        assert!(number(&option["demand"]["count"], "count") >= 15.0);
    }
}
