//! Extraction throughput on one core: `cargo run --release -p hirepulse-extract --example
//! throughput -- ../shared/corpus/hn [ROUNDS]`.
//!
//! Loads every posting of the corpus into memory first (so file reading and JSON parsing are not
//! timed), then times HTML-to-text and `extract` separately over all of them, several rounds, and
//! prints the median MB/s (of raw HTML for to_text, of plain text for extract) and postings/s.

use hirepulse_extract::{extract, Input};
use hirepulse_sources::{html, Event};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let folder = args
        .next()
        .unwrap_or_else(|| "../shared/corpus/hn".to_string());
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(3);
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("corpus folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut postings = Vec::new();
    for file in &files {
        let reader = std::io::BufReader::new(std::fs::File::open(file).expect("open"));
        let name = file.display().to_string();
        for event in
            hirepulse_sources::read(&name, Box::new(reader), &Default::default()).expect("read")
        {
            if let Event::Posting(p) = event {
                postings.push(*p);
            }
        }
    }
    let raw_bytes: usize = postings.iter().map(|p| p.raw.len()).sum();
    let text_bytes: usize = postings.iter().map(|p| p.text.len()).sum();
    println!(
        "postings: {}  raw HTML: {:.1} MB  plain text: {:.1} MB  rounds: {rounds}",
        postings.len(),
        raw_bytes as f64 / 1e6,
        text_bytes as f64 / 1e6
    );
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mut to_text_secs = Vec::new();
    let mut extract_secs = Vec::new();
    let mut checksum = 0usize;
    for _ in 0..rounds {
        let start = Instant::now();
        for p in &postings {
            checksum += html::to_text(&p.raw).len();
        }
        to_text_secs.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        for p in &postings {
            let input = Input {
                id: &p.source_id,
                month: p.month.as_deref(),
                text: &p.text,
                ..Input::default()
            };
            let facts = extract(&input);
            checksum += facts.languages.len() + facts.lanes.len() + facts.pay.len();
        }
        extract_secs.push(start.elapsed().as_secs_f64());
    }
    let (t, e) = (median(to_text_secs), median(extract_secs));
    println!(
        "html::to_text: {:.3} s  {:.1} MB/s (raw)   {:.0} postings/s",
        t,
        raw_bytes as f64 / 1e6 / t,
        postings.len() as f64 / t
    );
    println!(
        "extract:       {:.3} s  {:.1} MB/s (text)  {:.0} postings/s",
        e,
        text_bytes as f64 / 1e6 / e,
        postings.len() as f64 / e
    );
    println!("(checksum {checksum})");
}
