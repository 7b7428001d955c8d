//! Store write throughput: 77,000 synthetic postings of corpus-like size (about 2.4 KB of raw
//! plus normalised text, nine tags each) written in batches of 2,000 into a fresh file store,
//! the way `hirepulse ingest` writes them, without reading or extracting anything.
//!
//! `cargo run --release -p hirepulse-store --example write_throughput [DB_PATH]`

use hirepulse_extract::Facts;
use hirepulse_sources::Posting;
use hirepulse_store::{content_hash, Store, Write};
use std::time::Instant;

const N_POSTINGS: usize = 77_000;
const BATCH: usize = 2_000;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let db = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/hirepulse-write-throughput.db".to_string());
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{db}{suffix}"));
    }
    let strings = |items: &[&str]| items.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let facts = Facts {
        languages: strings(&["go", "python", "rust"]),
        technologies: strings(&["aws", "postgres"]),
        lanes: strings(&["backend"]),
        work_mode: strings(&["remote"]),
        countries: strings(&["US"]),
        employment: strings(&["full_time"]),
        ..Facts::default()
    };
    let raw = "<p>Acme | Rust | Remote</p>".repeat(50);
    let text = "Acme | Rust | Remote\n\n".repeat(50);
    let postings: Vec<Posting> = (0..N_POSTINGS)
        .map(|i| Posting {
            source: "hn".into(),
            source_id: (10_000_000 + i).to_string(),
            month: Some("2020-01".into()),
            posted_at: Some(1_577_836_800),
            title: None,
            company: None,
            location: None,
            url: Some(format!("https://news.ycombinator.com/item?id={i}")),
            raw: format!("{raw}{i}"),
            text: format!("{text}{i}"),
            pay_evidence: Vec::new(),
        })
        .collect();

    let mut store = Store::open(std::path::Path::new(&db))?;
    store.checkpoint_in_background()?;
    let run = store.begin_run("write_throughput", 0)?;
    let started = Instant::now();
    for chunk in postings.chunks(BATCH) {
        let hashes: Vec<_> = chunk.iter().map(content_hash).collect();
        let writes: Vec<Write> = chunk
            .iter()
            .zip(&hashes)
            .map(|(posting, hash)| Write::Upsert {
                posting,
                hash: *hash,
                facts: &facts,
            })
            .collect();
        store.write_batch(run, &writes, 1)?;
    }
    let written = started.elapsed();
    drop(store);
    println!(
        "{N_POSTINGS} postings: written in {:.2}s, {:.2}s with the final checkpoint",
        written.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
