//! Malformed input: every bad record is reported as `file:line: reason`, the good records around
//! it are stored, and the exit code is 3; with `--strict` ingest stops at the first bad record.

use crate::common::*;

/// A thread mixing good posts with a bad JSON line, invalid UTF-8, an empty text and a 10 MB
/// text. Returns the bytes and the expected (line, reason fragment) of each bad record.
fn mixed_input() -> (Vec<u8>, Vec<(u64, &'static str)>) {
    let mut bytes = Vec::new();
    let mut line = |content: &[u8]| {
        bytes.extend_from_slice(content);
        bytes.push(b'\n');
    };
    line(thread_line(1, "March 2024").as_bytes()); // 1
    line(post_line(2, 1, "Acme | Rust | Remote").as_bytes()); // 2
    line(b"{\"id\": 3, \"parent\": 1, \"text\": "); // 3: truncated JSON
    line(b"{\"id\": 4, \"parent\": 1, \"text\": \"caf\xe9\", \"type\": \"comment\"}"); // 4
    line(post_line(5, 1, "").as_bytes()); // 5: empty text
    line(post_line(6, 1, &"x".repeat(10 * 1024 * 1024)).as_bytes()); // 6: 10 MB
    line(post_line(7, 1, "Beta | Go | Berlin").as_bytes()); // 7
    let expected = vec![
        (3, "invalid JSON"),
        (4, "invalid UTF-8"),
        (5, "empty text"),
        (6, "limit"),
    ];
    (bytes, expected)
}

#[test]
fn bad_records_are_reported_and_good_ones_stored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let input = dir.path().join("mixed.jsonl");
    let (bytes, expected) = mixed_input();
    std::fs::write(&input, bytes).unwrap();
    let path = input.display().to_string();

    let output = run(&db, &["ingest", &path]);
    assert_eq!(output.status.code(), Some(3), "{}", stderr(&output));
    let errors = stderr(&output);
    for (line, reason) in &expected {
        let reported = errors
            .lines()
            .find(|l| l.starts_with(&format!("{path}:{line}: ")))
            .unwrap_or_else(|| panic!("line {line} not reported in {errors}"));
        assert!(reported.contains(reason), "{reported} lacks {reason}");
    }
    let found = counts(&output);
    assert_eq!((found.new, found.errors), (2, 4), "{found:?}");
    assert_eq!(status_json(&db)["postings"], 2);
}

#[test]
fn strict_stops_at_the_first_bad_record() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let input = dir.path().join("mixed.jsonl");
    std::fs::write(&input, mixed_input().0).unwrap();
    let path = input.display().to_string();

    let output = run(&db, &["ingest", "--strict", &path]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let errors = stderr(&output);
    assert!(
        errors.contains(&format!("{path}:3: invalid JSON")),
        "{errors}"
    );
    assert!(!errors.contains(&format!("{path}:4:")), "{errors}");
    assert!(errors.contains("--strict"), "{errors}");
    // The good posting before the bad line is kept; nothing after it is read.
    assert_eq!(status_json(&db)["postings"], 1);
}

#[test]
fn bad_arguments_and_inputs_are_usage_or_fatal_errors() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let missing = run(&db, &["ingest", "/definitely/not/here.jsonl"]);
    assert_eq!(missing.status.code(), Some(1), "{}", stderr(&missing));
    assert!(
        stderr(&missing).contains("no such file"),
        "{}",
        stderr(&missing)
    );

    let unknown = run(&db, &["ingest", "--format", "nope", "x"]);
    assert_eq!(unknown.status.code(), Some(2));

    let bad_map = run(&db, &["ingest", "--map", "id=a,colour=b", "x"]);
    assert_eq!(bad_map.status.code(), Some(1));
    assert!(stderr(&bad_map).contains("--map"), "{}", stderr(&bad_map));

    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "just some words\n").unwrap();
    let unrecognised = run(&db, &["ingest", &text.display().to_string()]);
    assert_eq!(unrecognised.status.code(), Some(1));
    assert!(
        stderr(&unrecognised).contains("unrecognised format"),
        "{}",
        stderr(&unrecognised)
    );
}

/// A generic CSV (read through `--map`) with one row of the wrong width: that row is reported,
/// the others are stored.
#[test]
fn csv_row_of_wrong_width_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("h.db");
    let input = dir.path().join("jobs.csv");
    std::fs::write(
        &input,
        "job_id,body,role\n\
         a1,Acme is hiring Rust engineers,Engineer\n\
         a2,too,many,fields,here\n\
         a3,Beta is hiring Go engineers,Engineer\n",
    )
    .unwrap();
    let path = input.display().to_string();
    let output = run(
        &db,
        &["ingest", "--map", "id=job_id,text=body,title=role", &path],
    );
    let errors = stderr(&output);
    assert_eq!(output.status.code(), Some(3), "{errors}");
    let reported: Vec<&str> = errors
        .lines()
        .filter(|l| l.starts_with(&format!("{path}:")))
        .collect();
    assert_eq!(reported.len(), 1, "{errors}");
    let found = counts(&output);
    assert_eq!((found.new, found.errors), (2, 1), "{found:?}");
    assert_eq!(status_json(&db)["postings"], 2);
}
