//! The whole extractor on arbitrary text and structured hints: never panics, and its output
//! serialises as a label record.
#![no_main]

use hirepulse_extract::{extract, labels, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    // Split the input into text and optional hints so the hints get fuzzed too.
    let mut parts = data.splitn(4, '\u{1f}');
    let text = parts.next().unwrap_or("");
    let title = parts.next();
    let company = parts.next();
    let location = parts.next();
    let input = Input {
        id: "1",
        month: Some("2024-01"),
        text,
        title,
        company,
        location,
    };
    let facts = extract(&input);
    let record = labels::LabelRecord::from_facts(labels::PostingId::Number(1), input.month, &facts);
    serde_json::to_string(&record).expect("a label record always serialises");
});
