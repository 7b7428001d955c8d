//! `hirepulse ingest-pay` and `pay --dataset` on the paydata fixtures: malformed rows reported as
//! `file:line: reason` with exit code 3, a second run storing nothing new, and the dataset
//! report reading what was stored.

use crate::common::*;
use std::path::Path;

fn fixtures() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../hirepulse-paydata/testdata")
        .display()
        .to_string()
}

#[test]
fn pay_datasets_are_ingested_once_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let output = run(&db, &["ingest-pay", &fixtures()]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("aijobs.csv:4: expected 11 fields, found 10"),
        "{err}"
    );
    assert!(
        err.contains("national_M2019_dl.xlsx:6: bad wage cell"),
        "{err}"
    );
    let out = stdout(&output);
    assert!(out.contains("pay records: "), "{out}");
    assert!(
        out.contains("[bls_oews]") && out.contains("[levelsfyi]"),
        "{out}"
    );

    let again = run(&db, &["ingest-pay", &fixtures()]);
    assert!(stdout(&again).contains("(0 new,"), "{}", stdout(&again));

    let report = run(
        &db,
        &[
            "pay",
            "--dataset",
            "levelsfyi",
            "--by",
            "lane",
            "backend",
            "--format",
            "json",
        ],
    );
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    let json: serde_json::Value = serde_json::from_str(&stdout(&report)).unwrap();
    assert_eq!(json["report"], "pay_dataset");
    assert_eq!(json["basis"], "total_comp");
    assert_eq!(json["rows"][0]["value"], "backend");
    assert_eq!(json["rows"][0]["n"], 1);

    let bad = run(&db, &["pay", "--dataset", "nope"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("--dataset"), "{}", stderr(&bad));
}
