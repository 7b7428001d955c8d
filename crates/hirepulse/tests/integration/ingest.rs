//! `hirepulse ingest` and `status`: idempotent re-runs, updates, duplicates, output formats, and
//! the whole-corpus acceptance figures.

use crate::common::*;

#[test]
fn ingest_twice_second_run_changes_nothing() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let files = [
        corpus.join("2024-01.jsonl").display().to_string(),
        corpus.join("2024-02.jsonl").display().to_string(),
    ];
    let args = ["ingest", files[0].as_str(), files[1].as_str()];
    let first = run(&db, &args);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first = counts(&first);
    assert!(first.new > 500, "{first:?}");
    assert_eq!((first.updated, first.unchanged, first.errors), (0, 0, 0));
    let status = status_json(&db);
    let digest_before = digest(&db);

    let second = run(&db, &args);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let second = counts(&second);
    assert_eq!((second.new, second.updated), (0, 0));
    assert_eq!(second.unchanged, first.new);
    assert_eq!(second.skipped, first.skipped);

    assert_eq!(status_json(&db), status);
    assert_eq!(digest(&db), digest_before);
    assert_eq!(status["postings"], first.new);
    let months: Vec<&str> = status["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["month"].as_str().unwrap())
        .collect();
    assert_eq!(months, ["2024-01", "2024-02"]);
    assert_eq!(status["by_source"][0]["source"], "hn");
    assert_eq!(status["by_source"][0]["postings"], first.new);
    assert_eq!(status["without_facts"], 0);
    assert_eq!(
        status["facts_by_extractor_version"][0]["extractor_version"],
        hirepulse_extract::EXTRACTOR_VERSION
    );
}

#[test]
fn changed_text_is_updated_and_duplicates_count_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let input = dir.path().join("t.jsonl");
    let write = |texts: &[(u64, &str)]| {
        let mut lines = vec![thread_line(1, "May 2024")];
        lines.extend(texts.iter().map(|(id, text)| post_line(*id, 1, text)));
        std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    };
    let path = input.display().to_string();
    write(&[(2, "Acme | Rust"), (3, "Beta | Go"), (2, "Acme again")]);
    let first = run(&db, &["ingest", &path]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first = counts(&first);
    assert_eq!((first.new, first.duplicate), (2, 1), "{first:?}");

    write(&[(2, "Acme | Rust"), (3, "Beta | Go and Python")]);
    let second = counts(&run(&db, &["ingest", &path]));
    assert_eq!(
        (second.new, second.updated, second.unchanged),
        (0, 1, 1),
        "{second:?}"
    );
    assert_eq!(status_json(&db)["postings"], 2);
}

#[test]
fn status_formats_and_missing_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let missing = run(&db, &["status"]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        stderr(&missing).contains("no store here yet"),
        "{}",
        stderr(&missing)
    );
    assert!(!db.exists(), "status must not create a store");

    let input = dir.path().join("t.jsonl");
    std::fs::write(&input, generated_thread(5, 100)).unwrap();
    let output = run(&db, &["ingest", &input.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let table = stdout(&run(&db, &["status"]));
    assert!(table.starts_with("postings               5\n"), "{table}");
    assert!(table.contains("2024-06"), "{table}");
    let csv = stdout(&run(&db, &["status", "--format", "csv"]));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "group,source,month,extractor_version,postings");
    assert!(lines.contains(&"total,,,,5"), "{csv}");
    assert!(lines.contains(&"source_month,hn,2024-06,,5"), "{csv}");

    // Nothing is stale right after an ingest.
    let update = run(&db, &["extract", "--update"]);
    assert_eq!(update.status.code(), Some(0), "{}", stderr(&update));
    assert!(
        stdout(&update).starts_with("re-extracted 0 "),
        "{}",
        stdout(&update)
    );
}

/// The whole corpus: 77,259 postings and 174 deleted items; a second run adds nothing. A few
/// seconds in release mode, as CI runs it; about two minutes unoptimised, so debug builds skip
/// it unless asked (`cargo test -- --include-ignored`).
#[test]
#[cfg_attr(
    debug_assertions,
    ignore = "whole corpus: runs in release builds (CI), or with --include-ignored"
)]
fn full_corpus_acceptance() {
    let Some(corpus) = corpus() else { return };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let path = corpus.display().to_string();
    let first = run(&db, &["ingest", &path]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    let first = counts(&first);
    assert_eq!(first.new, 77_259, "{first:?}");
    assert_eq!(first.deleted, 174, "{first:?}");
    assert_eq!(first.errors, 0, "{first:?}");
    let status = status_json(&db);
    assert_eq!(status["postings"], 77_259);
    assert_eq!(status["by_month"].as_array().unwrap().len(), 134);

    let second = counts(&run(&db, &["ingest", &path]));
    assert_eq!((second.new, second.updated), (0, 0), "{second:?}");
    assert_eq!(second.unchanged, 77_259);
}

#[test]
fn ingest_reads_stdin() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let mut child = hirepulse(&db)
        .args(["ingest", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(generated_thread(3, 500).as_bytes())
        .unwrap();
    drop(stdin);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(counts(&output).new, 3);
    assert_eq!(status_json(&db)["by_month"][0]["month"], "2024-06");
}

#[test]
fn generic_inputs_through_map_and_map_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let jsonl = dir.path().join("jobs.jsonl");
    std::fs::write(
        &jsonl,
        "{\"key\": \"j1\", \"body\": \"Acme hires Rust engineers\", \"posted\": \"2024-03-05\"}\n\
         {\"key\": \"j2\", \"body\": \"Beta hires Go engineers\", \"posted\": \"2024-04-01\"}\n",
    )
    .unwrap();
    let mapping = dir.path().join("map.toml");
    std::fs::write(
        &mapping,
        "id = \"key\"\ntext = \"body\"\ndate = \"posted\"\nsource = \"acme-board\"\n",
    )
    .unwrap();
    let path = jsonl.display().to_string();
    let map_file = mapping.display().to_string();
    let output = run(&db, &["ingest", "--map-file", &map_file, &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(counts(&output).new, 2);
    let status = status_json(&db);
    assert_eq!(status["by_source"][0]["source"], "acme-board");
    assert_eq!(status["by_month"][0]["month"], "2024-03");

    // The same through --map is the same postings: nothing new.
    let output = run(
        &db,
        &[
            "ingest",
            "--map",
            "id=key,text=body,date=posted,source=acme-board",
            &path,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(counts(&output).unchanged, 2);
}
