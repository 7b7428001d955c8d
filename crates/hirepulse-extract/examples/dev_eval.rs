//! Development loop for extraction rules: score the extractor on a label file.
//!
//! `cargo run --release -p hirepulse-extract --example dev_eval -- LABELS [--misses] [--field F] PATH...`
//! PATH is an HN items `.jsonl` file or a folder of them. (The `hirepulse eval` command is the
//! user-facing version of this.)

use hirepulse_extract::{eval, extract, labels, Input};
use hirepulse_sources::Event;
use std::collections::HashSet;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let labels_path = args
        .next()
        .expect("usage: dev_eval LABELS [--misses] [--field F] PATH...");
    let (mut misses, mut only_field, mut paths) = (false, None::<String>, Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--misses" => misses = true,
            "--field" => only_field = args.next(),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let labels = labels::parse_label_file(&std::fs::read_to_string(&labels_path).unwrap()).unwrap();
    let wanted: HashSet<labels::PostingId> = labels.iter().map(|l| l.id.clone()).collect();
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            entries.sort();
            files.extend(
                entries
                    .into_iter()
                    .filter(|p| p.extension().is_some_and(|e| e == "jsonl")),
            );
        } else {
            files.push(path);
        }
    }
    let mut predicted = Vec::new();
    for file in files {
        let reader = std::io::BufReader::new(std::fs::File::open(&file).unwrap());
        let name = file.display().to_string();
        for event in hirepulse_sources::read(&name, Box::new(reader), &Default::default()).unwrap()
        {
            if let Event::Posting(p) = event {
                let id = labels::PostingId::from_source_id(&p.source_id);
                if !wanted.contains(&id) {
                    continue;
                }
                let input = Input {
                    id: &p.source_id,
                    month: p.month.as_deref(),
                    text: &p.text,
                    ..Input::default()
                };
                predicted.push(labels::LabelRecord::from_facts(
                    id,
                    p.month.as_deref(),
                    &extract(&input),
                ));
            }
        }
    }
    let mut report = eval::score(&labels, &predicted);
    if let Some(field) = only_field {
        report.misses.retain(|m| m.field == field);
    }
    print!("{}", report.to_table(misses));
}
