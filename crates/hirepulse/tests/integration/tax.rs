//! `hirepulse tax` and `hirepulse contract-vs-fte` run as a user runs them: the JSON keys the
//! issue promises, the reference figures, and clear errors for an unknown state or year.

use super::common::{run, stderr, stdout};

const KEYS: [&str; 10] = [
    "agi",
    "taxable_income",
    "federal_income_tax",
    "qbi_deduction",
    "self_employment_tax",
    "social_security",
    "medicare",
    "additional_medicare",
    "state_income_tax",
    "take_home",
];

#[test]
fn tax_json_has_every_promised_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("unused.db");
    let args = [
        "tax", "--year", "2026", "--filing", "single", "--state", "NY", "--w2", "100000", "--se",
        "0", "--format", "json",
    ];
    let output = run(&db, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON output");
    for key in KEYS {
        assert!(json[key].is_number(), "{key} missing in {json}");
    }
    // The NY reference case: federal 13,170.00, NY 4,859.75.
    assert_eq!(json["federal_income_tax"].as_f64(), Some(13_170.0));
    assert_eq!(json["state_income_tax"].as_f64(), Some(4_859.75));
    assert!(!db.exists(), "tax needs no store");
}

#[test]
fn tax_flags_and_tables() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("unused.db");
    let args = [
        "tax", "--filing", "joint", "--state", "ca", "--w2", "120000", "--se", "30000", "--k401",
        "5000", "--hsa", "2000", "--sstb", "--format", "table",
    ];
    let output = run(&db, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.contains("federal income tax") && text.contains("take-home"),
        "{text}"
    );
    assert!(
        text.contains("2025"),
        "California's verified year is shown: {text}"
    );
    let output = run(&db, &["tax", "--w2", "150000", "--format", "markdown"]);
    assert!(stdout(&output).contains("| federal income tax | 24,734.00 |"));
}

#[test]
fn unknown_state_or_year_lists_what_exists() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("unused.db");
    let output = run(&db, &["tax", "--state", "OR", "--w2", "1"]);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(
        message.contains("OR") && message.contains("CA, FL, NY, TX, WA"),
        "{message}"
    );
    let output = run(&db, &["tax", "--year", "2019", "--w2", "1"]);
    assert!(!output.status.success());
    assert!(stderr(&output).contains("2026"));
}

#[test]
fn contract_vs_fte_json_holds_both_sides_and_the_break_even() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("unused.db");
    let args = [
        "contract-vs-fte",
        "--salary",
        "150000",
        "--state",
        "TX",
        "--filing",
        "single",
        "--no-market",
        "--format",
        "json",
    ];
    let output = run(&db, &args);
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("JSON output");
    let fte = json["fte"]["comparable"].as_f64().expect("fte comparable");
    let contractor = json["contractor"]["comparable"]
        .as_f64()
        .expect("contractor comparable");
    assert!((contractor - fte).abs() <= 0.011, "{fte} vs {contractor}");
    assert!(json["break_even_hourly"].as_f64().expect("hourly") > 72.0);
    assert_eq!(
        json["sensitivity"]["hourly"].as_array().map(Vec::len),
        Some(5)
    );
    assert!(json["market_position"].is_null());
}
