//! The job-board readers (Greenhouse, Lever, Ashby) on arbitrary bytes: never panic, and every
//! posting they yield passes the shared text limits. The first byte picks the reader, so each
//! one sees its own corpus of shapes; the rest is the document.
#![no_main]

use hirepulse_sources::{read, Event, Format, ReadOptions, MAX_TEXT_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((pick, document)) = data.split_first() else {
        return;
    };
    let format = [Format::Greenhouse, Format::Lever, Format::Ashby][usize::from(*pick) % 3];
    let options = ReadOptions {
        format: Some(format),
        mapping: None,
    };
    let Ok(events) = read("fuzz.json", Box::new(std::io::Cursor::new(document.to_vec())), &options)
    else {
        return;
    };
    for event in events {
        if let Event::Posting(posting) = event {
            assert!(!posting.text.is_empty());
            assert!(posting.raw.len() <= MAX_TEXT_BYTES);
        }
    }
});
