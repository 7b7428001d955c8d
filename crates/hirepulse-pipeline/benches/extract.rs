//! Extraction throughput on the HN corpus: MB of posting text per CPU second, per field.
//!
//! `cargo bench -p hirepulse-pipeline --bench extract [-- CORPUS_DIR]` reads every `*.jsonl`
//! of the corpus (default `../shared/corpus/hn` from the workspace root) into memory once, then
//! times each extraction field and the whole extractor on one thread, so the figures are per
//! core and exclude reading and HTML conversion. It is a benchmark, not a test: no limits are
//! asserted. `bench/extract.sh` runs it beside the whole-pipeline timings.

use hirepulse_extract as ex;
use hirepulse_sources::{Event, ReadOptions};
use std::path::PathBuf;
use std::time::Instant;

fn corpus_dir() -> PathBuf {
    if let Some(dir) = std::env::args().skip(1).find(|a| !a.starts_with('-')) {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/hn")
}

/// CPU seconds this thread has run (from `/proc/thread-self/schedstat`), so that other load on
/// a shared machine does not count; wall seconds where that file is missing.
fn cpu_seconds(wall: Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .map_or_else(|| wall.elapsed().as_secs_f64(), |ns| ns / 1e9)
}

fn main() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "extract bench: {} is missing; nothing to measure",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let read_start = Instant::now();
    let mut postings = Vec::new();
    for file in &files {
        let name = file.display().to_string();
        let Ok(handle) = std::fs::File::open(file) else {
            eprintln!("extract bench: cannot open {name}");
            continue;
        };
        let reader = Box::new(std::io::BufReader::new(handle));
        let Ok(events) = hirepulse_sources::read(&name, reader, &ReadOptions::default()) else {
            eprintln!("extract bench: cannot read {name}");
            continue;
        };
        postings.extend(events.filter_map(|event| match event {
            Event::Posting(posting) => Some(posting),
            _ => None,
        }));
    }
    let read_secs = read_start.elapsed().as_secs_f64();
    let bytes: usize = postings.iter().map(|p| p.text.len()).sum();
    let mb = bytes as f64 / 1e6;
    println!(
        "{} postings, {mb:.1} MB of text from {} files; reading + HTML to text {read_secs:.2}s",
        postings.len(),
        files.len()
    );
    let time = |label: &str, f: &dyn Fn(&str, Option<&str>)| {
        let wall = Instant::now();
        let start = cpu_seconds(wall);
        for p in &postings {
            f(&p.text, p.month.as_deref());
        }
        let secs = cpu_seconds(wall) - start;
        println!(
            "  {label:<12} {secs:7.2} CPU s {:8.1} MB/s per core",
            mb / secs
        );
    };
    // Warm the lazily built matchers so that no field pays for another's set-up.
    time("warm-up", &|t, _| {
        std::hint::black_box(ex::extract(&ex::Input {
            text: t,
            ..Default::default()
        }));
    });
    time("extract", &|t, m| {
        std::hint::black_box(ex::extract(&ex::Input {
            text: t,
            month: m,
            ..Default::default()
        }));
    });
    time("languages", &|t, _| {
        std::hint::black_box(ex::languages::find(t));
    });
    time("location", &|t, _| {
        std::hint::black_box(ex::location::find(t, None));
        std::hint::black_box(ex::location::visa(t));
    });
    time("company", &|t, _| {
        std::hint::black_box(ex::company::find(t, None));
    });
    time("pay", &|t, m| {
        std::hint::black_box(ex::pay::find_dated(t, m));
        std::hint::black_box(ex::pay::offers_equity(t));
    });
    time("employment", &|t, _| {
        std::hint::black_box(ex::employment::find(t));
    });
    time("seniority", &|t, _| {
        std::hint::black_box(ex::seniority::find(t, None));
    });
    time("lanes", &|t, _| {
        std::hint::black_box(ex::lanes::find(t, None));
    });
    time("extract", &|t, m| {
        std::hint::black_box(ex::extract(&ex::Input {
            text: t,
            month: m,
            ..Default::default()
        }));
    });
}
