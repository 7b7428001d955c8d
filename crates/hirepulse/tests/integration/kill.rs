//! Crash safety: an ingest killed (SIGKILL) at several stages and then re-run to completion must
//! leave exactly what one clean run leaves: the same `status --format json` and the same content
//! digest of every posting and its facts.
//!
//! The stages are chosen by watching the store (`status` runs beside the writer, which WAL
//! allows), not by sleeping, so a slow or loaded machine only changes when the kills land, not
//! whether the test passes.

use crate::common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Generated postings: enough for a few hundred transactions in release builds; fewer in slow
/// unoptimised builds, where each batch takes longer anyway.
const N_POSTS: u64 = if cfg!(debug_assertions) {
    8_000
} else {
    30_000
};

/// Committed postings, or 0 before the store exists.
fn stored_postings(db: &Path) -> u64 {
    if !db.exists() {
        return 0;
    }
    let output = run(db, &["status", "--format", "json"]);
    if !output.status.success() {
        return 0;
    }
    serde_json::from_slice::<serde_json::Value>(&output.stdout)
        .ok()
        .and_then(|v| v["postings"].as_u64())
        .unwrap_or(0)
}

/// Starts the ingest and kills it once at least `kill_at` postings are committed (or at once
/// when `kill_at` is 0). Returns the number committed when it was killed, or `None` when the
/// run finished first.
fn ingest_and_kill(db: &Path, args: &[&str], kill_at: u64) -> Option<u64> {
    let mut child = hirepulse(db)
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("hirepulse starts");
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        if child.try_wait().expect("wait on ingest").is_some() {
            return None;
        }
        let stored = if kill_at == 0 { 0 } else { stored_postings(db) };
        if stored >= kill_at {
            child.kill().expect("SIGKILL the ingest");
            child.wait().expect("reap the ingest");
            return Some(stored);
        }
        assert!(Instant::now() < deadline, "ingest did not progress");
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn killed_ingest_rerun_equals_clean_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("big.jsonl");
    std::fs::write(&input, generated_thread(N_POSTS, 1)).unwrap();
    let path = input.display().to_string();
    // Small batches: many transactions, so kills land between and inside them.
    let args = ["ingest", "--batch-size", "200", path.as_str()];

    let clean = dir.path().join("clean.db");
    let output = run(&clean, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(counts(&output).new, N_POSTS);

    let killed = dir.path().join("killed.db");
    let mut kills = Vec::new();
    for kill_at in [0, N_POSTS / 10, N_POSTS * 4 / 10, N_POSTS * 7 / 10] {
        kills.push(ingest_and_kill(&killed, &args, kill_at));
    }
    let rerun = run(&killed, &args);
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr(&rerun));
    let rerun_counts = counts(&rerun);
    assert_eq!(
        rerun_counts.new + rerun_counts.unchanged,
        N_POSTS,
        "{rerun_counts:?} after kills at {kills:?}"
    );
    assert_eq!(rerun_counts.updated, 0);

    assert_eq!(
        status_json(&killed),
        status_json(&clean),
        "kills at {kills:?}"
    );
    assert_eq!(digest(&killed), digest(&clean), "kills at {kills:?}");
    eprintln!("killed with {kills:?} postings committed");
}
