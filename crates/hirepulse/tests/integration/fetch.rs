//! `hirepulse fetch` end to end: the real binary against the replay server of `hirepulse-fetch`
//! on 127.0.0.1 (hand-written API responses, misbehaving on purpose), into a temporary cache and
//! store. Checks what lands in the store, the retries (counted by the server), that a second run
//! asks nothing for final months, and that a run interrupted by a failing server (with a
//! half-written `.tmp` file lying in the cache) or killed part-way resumes to the store one clean
//! run gives.

use crate::common::*;
use hirepulse_fetch::replay::{hn_item, script_boards, script_hn, Reply, Server, HN_SEARCH_MAY};
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

/// Test settings: quick timeouts and backoffs, no rate limit.
const QUICK: &[&str] = &["--rate", "0", "--timeout", "1.5", "--backoff-ms", "5"];

fn fetch(db: &Path, cache: &Path, source_args: &[&str]) -> Output {
    let cache = cache.display().to_string();
    let mut args = vec!["fetch"];
    args.extend_from_slice(source_args);
    args.extend_from_slice(&["--cache", cache.as_str()]);
    args.extend_from_slice(QUICK);
    run(db, &args)
}

fn fetch_hn(db: &Path, cache: &Path, server: &Server, months: &str) -> Output {
    let base = server.base_url();
    fetch(
        db,
        cache,
        &[
            "hn",
            "--months",
            months,
            "--algolia-base",
            &base,
            "--firebase-base",
            &base,
        ],
    )
}

/// The numbers of the fetch summary line: `fetched N / cached N / retried N / failed N ...`.
fn fetch_counts(output: &Output) -> (u64, u64, u64, u64) {
    let text = stdout(output);
    let line = text
        .lines()
        .find(|l| l.starts_with("fetched "))
        .unwrap_or_else(|| panic!("no fetch summary in {text:?}; stderr {}", stderr(output)));
    let numbers: Vec<u64> = line
        .split(" / ")
        .map(|part| {
            part.split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or_else(|| panic!("bad summary {line}"))
        })
        .collect();
    (numbers[0], numbers[1], numbers[2], numbers[3])
}

#[test]
fn hn_months_land_in_the_store_with_retries_and_a_second_run_asks_nothing() {
    let server = Server::start();
    script_hn(&server);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("h.db"), dir.path().join("cache"));

    let output = fetch_hn(&db, &cache, &server, "2024-05..2024-06");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Two months fetched, each of June's four posts retried once.
    assert_eq!(fetch_counts(&output), (2, 0, 4, 0));
    for id in [2001, 2002, 2003, 2004] {
        assert_eq!(server.count(&hn_item(id)), 2, "item {id}");
    }
    // May: 2 posts, 1 deleted, 1 dead (the missing kid is not in the file); June: 4 posts.
    let ingested = counts(&output);
    assert_eq!(
        (ingested.new, ingested.deleted, ingested.errors),
        (6, 1, 0),
        "{}",
        stdout(&output)
    );
    let status = status_json(&db);
    assert_eq!(status["postings"], 6);
    let months: Vec<(String, u64)> = status["by_month"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["month"].as_str().unwrap().to_string(),
                m["postings"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        months,
        [("2024-05".to_string(), 2), ("2024-06".to_string(), 4)]
    );
    assert!(cache.join("hn/2024-05.jsonl").is_file());
    assert!(cache.join("hn/2024-06.jsonl.meta").is_file());

    // Both months are final (their threads are from 2024): no request at all the second time,
    // and the store is unchanged.
    server.clear_log();
    let digest_before = digest(&db);
    let again = fetch_hn(&db, &cache, &server, "2024-05..2024-06");
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(server.total(), 0);
    assert_eq!(fetch_counts(&again), (0, 2, 0, 0));
    assert_eq!(counts(&again).unchanged, 6);
    assert_eq!(digest(&db), digest_before);

    // The cache folder is itself valid ingest input (no .tmp, .part or .meta file is read).
    let other = dir.path().join("other.db");
    let output = run(&other, &["ingest", &cache.display().to_string()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(digest(&other), digest_before);
}

#[test]
fn algolia_items_and_firebase_give_the_same_postings() {
    let server = Server::start();
    script_hn(&server);
    let dir = tempfile::tempdir().unwrap();
    let firebase_db = dir.path().join("f.db");
    let output = fetch_hn(&firebase_db, &dir.path().join("f"), &server, "2024-05");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let algolia_db = dir.path().join("a.db");
    let base = server.base_url();
    let output = fetch(
        &algolia_db,
        &dir.path().join("a"),
        &[
            "hn",
            "--months",
            "2024-05",
            "--via",
            "algolia",
            "--algolia-base",
            &base,
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The same posts under the same keys and months (the raw HTML differs: Algolia wraps in <p>).
    assert_eq!(status_json(&algolia_db), status_json(&firebase_db));
    let extracted = |db: &Path| {
        let cache = if db == firebase_db { "f" } else { "a" };
        let file = dir.path().join(cache).join("hn/2024-05.jsonl");
        let output = run(db, &["extract", &file.display().to_string()]);
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    assert_eq!(extracted(&algolia_db), extracted(&firebase_db));
}

#[test]
fn interrupted_fetch_resumes_to_the_clean_store() {
    // One clean run.
    let clean_server = Server::start();
    script_hn(&clean_server);
    let dir = tempfile::tempdir().unwrap();
    let clean_db = dir.path().join("clean.db");
    let output = fetch_hn(
        &clean_db,
        &dir.path().join("clean-cache"),
        &clean_server,
        "2024-05..2024-06",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // The server fails for good after the first month's search, thread and two items; a
    // half-written file of an earlier crash lies in the cache.
    let server = Server::start();
    script_hn(&server);
    let (db, cache) = (dir.path().join("r.db"), dir.path().join("cache"));
    std::fs::create_dir_all(cache.join("hn")).unwrap();
    std::fs::write(cache.join("hn/2024-05.jsonl.tmp"), "{\"by\": \"whoish").unwrap();
    server.fail_after(4);
    let broken = fetch(
        &db,
        &cache,
        &[
            "hn",
            "--months",
            "2024-05..2024-06",
            "--algolia-base",
            &server.base_url(),
            "--firebase-base",
            &server.base_url(),
            "--concurrency",
            "1",
            "--retries",
            "1",
        ],
    );
    assert_eq!(broken.status.code(), Some(4), "{}", stderr(&broken));
    assert_eq!(fetch_counts(&broken).3, 2, "both months failed");
    assert!(
        stderr(&broken).contains("hn 2024-05"),
        "{}",
        stderr(&broken)
    );
    assert!(cache.join("hn/2024-05.jsonl.part").is_file());

    // The server is back: the re-run fetches what is missing and the store equals the clean one.
    server.recover();
    server.clear_log();
    let resumed = fetch_hn(&db, &cache, &server, "2024-05..2024-06");
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert_eq!(
        server.count(HN_SEARCH_MAY),
        0,
        "May's thread was found before"
    );
    assert_eq!(
        server.count(&hn_item(1001)),
        0,
        "fetched before the failure"
    );
    assert_eq!(digest(&db), digest(&clean_db));
    assert_eq!(status_json(&db), status_json(&clean_db));
    assert!(!cache.join("hn/2024-05.jsonl.part").exists());
}

/// Serves May 2024 with every comment slowed down, so that a run can be killed part-way.
fn slow_may_server() -> Server {
    let server = Server::start();
    script_hn(&server);
    for id in [1001, 1002, 1003, 1004, 1005] {
        server.route(
            &hn_item(id),
            vec![Reply::file(&format!("hn/item-{id}.json")).delayed(Duration::from_millis(150))],
        );
    }
    server
}

#[test]
fn killed_fetch_resumes_to_the_clean_store() {
    let dir = tempfile::tempdir().unwrap();
    let clean_db = dir.path().join("clean.db");
    let output = fetch_hn(
        &clean_db,
        &dir.path().join("clean-cache"),
        &slow_may_server(),
        "2024-05",
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    // SIGKILL once the thread line and at least one comment are in the part file. The moment is
    // chosen by watching the cache, not by sleeping, so a slow machine changes only when the kill
    // lands.
    let server = slow_may_server();
    let (db, cache) = (dir.path().join("k.db"), dir.path().join("cache"));
    let part = cache.join("hn/2024-05.jsonl.part");
    let base = server.base_url();
    let cache_arg = cache.display().to_string();
    let mut child = hirepulse(&db)
        .args(["fetch", "hn", "--months", "2024-05", "--concurrency", "1"])
        .args([
            "--algolia-base",
            &base,
            "--firebase-base",
            &base,
            "--cache",
            &cache_arg,
        ])
        .args(QUICK)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("hirepulse starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        // Complete lines only: a line still being written does not count.
        let lines = std::fs::read_to_string(&part).map_or(0, |text| {
            text.split_inclusive('\n')
                .filter(|line| line.ends_with('\n'))
                .filter(|line| serde_json::from_str::<serde_json::Value>(line).is_ok())
                .count()
        });
        if lines >= 2 {
            break;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the fetch finished before it could be killed"
        );
        assert!(Instant::now() < deadline, "the fetch did not progress");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL the fetch");
    child.wait().expect("reap the fetch");
    assert!(!cache.join("hn/2024-05.jsonl").exists());

    server.clear_log();
    let resumed = fetch_hn(&db, &cache, &server, "2024-05");
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr(&resumed));
    assert_eq!(server.count(&hn_item(1001)), 0, "fetched before the kill");
    assert_eq!(digest(&db), digest(&clean_db));
    assert_eq!(
        std::fs::read(cache.join("hn/2024-05.jsonl")).unwrap(),
        std::fs::read(dir.path().join("clean-cache/hn/2024-05.jsonl")).unwrap()
    );
}

#[test]
fn job_boards_land_with_their_structured_pay() {
    let server = Server::start();
    script_boards(&server);
    let dir = tempfile::tempdir().unwrap();
    let (db, cache) = (dir.path().join("b.db"), dir.path().join("cache"));
    let base = server.base_url();
    for (source, flag) in [
        ("greenhouse", "--board"),
        ("lever", "--company"),
        ("ashby", "--org"),
    ] {
        let output = fetch(&db, &cache, &[source, flag, "acme", "--base-url", &base]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{source}: {}",
            stderr(&output)
        );
        assert_eq!(fetch_counts(&output).0, 1, "{source}");
        assert!(cache.join(format!("{source}/acme.json")).is_file());
    }
    let status = status_json(&db);
    let by_source: Vec<(String, u64)> = status["by_source"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["source"].as_str().unwrap().to_string(),
                s["postings"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        by_source,
        [
            ("ashby".to_string(), 1),
            ("greenhouse".to_string(), 2),
            ("lever".to_string(), 1)
        ]
    );
    // Greenhouse's first job, the Lever posting and the Ashby job publish pay ranges.
    assert_eq!(status["with_pay_evidence"], 3);

    // --no-ingest only fills the cache: no store is made.
    let untouched = dir.path().join("none.db");
    let output = fetch(
        &untouched,
        &cache,
        &[
            "lever",
            "--company",
            "acme",
            "--base-url",
            &base,
            "--refresh",
            "--no-ingest",
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(fetch_counts(&output).0, 1);
    assert!(!stdout(&output).contains("new "), "{}", stdout(&output));
    assert!(!untouched.exists());

    // An unknown board fails with exit code 4 and names itself; nothing else changes.
    let output = fetch(
        &db,
        &cache,
        &["ashby", "--org", "nope", "--base-url", &base],
    );
    assert_eq!(output.status.code(), Some(4));
    assert!(
        stderr(&output).contains("ashby nope"),
        "{}",
        stderr(&output)
    );
    assert_eq!(status_json(&db)["postings"], 4);
}

#[test]
fn bad_arguments_are_refused_before_any_request() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("x.db");
    let cache = dir.path().join("cache").display().to_string();
    for args in [
        vec![
            "fetch",
            "hn",
            "--months",
            "2025-06..2025-01",
            "--cache",
            &cache,
        ],
        vec!["fetch", "hn", "--months", "June", "--cache", &cache],
        vec![
            "fetch",
            "hn",
            "--since",
            "2025-01",
            "--concurrency",
            "0",
            "--cache",
            &cache,
        ],
        vec![
            "fetch",
            "lever",
            "--company",
            "a",
            "--timeout",
            "1e300",
            "--cache",
            &cache,
        ],
        vec![
            "fetch",
            "lever",
            "--company",
            "a",
            "--rate=-1",
            "--cache",
            &cache,
        ],
    ] {
        let output = run(&db, &args);
        assert_eq!(
            output.status.code(),
            Some(1),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    // Neither --months nor --since: a usage error.
    let output = run(&db, &["fetch", "hn", "--cache", &cache]);
    assert_eq!(output.status.code(), Some(2));
}
