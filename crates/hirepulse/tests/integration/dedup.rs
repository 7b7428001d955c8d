//! Deduplication through the real binary: clusters after ingesting month by month
//! (incremental) equal clusters after ingesting everything at once (full); a `dedup` killed
//! (SIGKILL) at several points and re-run leaves the same clusters as one clean run; reports
//! count jobs by default and postings with `--count postings`.

use crate::common::*;
use std::path::Path;
use std::time::Duration;

/// Companies that post every month; each month's text is the same as the last, or lightly
/// edited, so both the `text` and the `repost` rules fire.
const N_COMPANIES: u64 = 1_500;
const MONTHS: [(&str, i64); 3] = [
    ("April 2024", 1_711_929_600),
    ("May 2024", 1_714_521_600),
    ("June 2024", 1_717_200_000),
];

fn month_file(dir: &Path, index: usize) -> std::path::PathBuf {
    let (name, time) = MONTHS[index];
    let thread_id = 1_000 + index as u64 * 100_000;
    let mut lines = vec![serde_json::json!({
        "by": "whoishiring", "id": thread_id, "kids": [], "time": time,
        "title": format!("Ask HN: Who is hiring? ({name})"), "type": "story"
    })
    .to_string()];
    for company in 0..N_COMPANIES {
        let edit = match (company % 3, index) {
            (0, _) => String::new(),
            (1, _) => format!(" We moved office in month {index}."),
            _ => format!(" Role {index}-{company}: a different team and a different stack."),
        };
        let text = format!(
            "Firm{company} | Senior Engineer | Berlin | Full-time<p>We build payment software \
             for shops and need engineers who like databases, queues, careful code and calm \
             releases. Our team is small and ships every week from a quiet office by the river. \
             Benefits include learning budget, good hardware and four weeks of paid leave.{edit}"
        );
        lines.push(
            serde_json::json!({
                "by": "someone", "id": thread_id + 1 + company, "parent": thread_id,
                "text": text, "time": time + company as i64 * 60, "type": "comment"
            })
            .to_string(),
        );
    }
    let path = dir.join(format!("2024-{:02}.jsonl", index + 4));
    std::fs::write(&path, lines.join("\n") + "\n").expect("write month file");
    path
}

fn cluster_digest(db: &Path) -> String {
    let output = run(db, &["dedup", "--digest"]);
    assert!(output.status.success(), "{}", stderr(&output));
    stdout(&output).trim().to_string()
}

fn dedup_json(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["dedup", "--format", "json"];
    all.extend_from_slice(args);
    let output = run(db, &all);
    assert!(output.status.success(), "{}", stderr(&output));
    serde_json::from_slice(&output.stdout).expect("dedup json")
}

#[test]
fn incremental_equals_full_and_a_killed_dedup_reruns_to_the_same_clusters() {
    let dir = tempfile::tempdir().unwrap();
    let files: Vec<String> = (0..MONTHS.len())
        .map(|i| month_file(dir.path(), i).display().to_string())
        .collect();

    // All at once: one full dedup after the ingest.
    let full = dir.path().join("full.db");
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(String::as_str));
    let output = run(&full, &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("full"), "{}", stderr(&output));
    let summary = dedup_json(&full, &[]);
    assert_eq!(summary["mode"], "none", "nothing new: {summary}");
    let n_postings = summary["clusters"]["postings"].as_u64().unwrap();
    let n_jobs = summary["clusters"]["clusters"].as_u64().unwrap();
    assert_eq!(n_postings, N_COMPANIES * 3);
    // Firms 0 and 1 (mod 3) post the same text, or it with one sentence changed, every
    // month: one job each, so fewer than half as many jobs as postings.
    assert!(n_jobs < n_postings / 2, "{summary}");

    // Month by month: each ingest clusters only its month against the window.
    let monthly = dir.path().join("monthly.db");
    for (index, file) in files.iter().enumerate() {
        let output = run(&monthly, &["ingest", file]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let mode = if index == 0 { "full" } else { "incremental" };
        assert!(
            stderr(&output).contains(mode),
            "{index}: {}",
            stderr(&output)
        );
    }
    assert_eq!(cluster_digest(&monthly), cluster_digest(&full));

    // Killed full recomputes, then a clean re-run. The kill points are fixed delays: a slow
    // machine only moves where they land (before, during or after the one transaction).
    let killed = dir.path().join("killed.db");
    let mut args = vec!["ingest", "--no-dedup"];
    args.extend(files.iter().map(String::as_str));
    assert_eq!(run(&killed, &args).status.code(), Some(0));
    for delay_ms in [0, 5, 30, 120] {
        let mut child = hirepulse(&killed)
            .args(["dedup", "--full"])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("hirepulse starts");
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        child.wait().expect("reap dedup");
    }
    let rerun = dedup_json(&killed, &[]);
    assert_eq!(
        rerun["clusters"]["clusters"].as_u64(),
        Some(n_jobs),
        "{rerun}"
    );
    assert_eq!(cluster_digest(&killed), cluster_digest(&full));
    // And a forced full recompute changes nothing.
    dedup_json(&killed, &["--full"]);
    assert_eq!(cluster_digest(&killed), cluster_digest(&full));

    // Reports: jobs by default, every posting on request; the rate beside them.
    let snapshot = |count: &str| -> serde_json::Value {
        let output = run(
            &full,
            &["snapshot", "--format", "json", "--count", count, "rust"],
        );
        assert!(output.status.success(), "{}", stderr(&output));
        serde_json::from_slice(&output.stdout).expect("snapshot json")
    };
    let unique = snapshot("unique");
    let postings = snapshot("postings");
    assert_eq!(postings["n_postings"].as_u64(), Some(n_postings));
    assert_eq!(unique["n_postings"].as_u64(), Some(n_jobs));
    assert_eq!(
        unique["duplicates"]["n_postings"].as_u64(),
        Some(n_postings)
    );
    assert_eq!(unique["duplicates"], {
        let mut d = postings["duplicates"].clone();
        d["count"] = "unique".into();
        d
    });
}
