//! `common::parse_date` on arbitrary text (the date fields of job-board and CSV sources): never
//! panics, and a date it accepts has a well-formed `YYYY-MM` month that agrees with its seconds.
#![no_main]

use hirepulse_sources::common::parse_date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    if let Some(date) = parse_date(data) {
        let month = date.month.as_bytes();
        assert!(month.len() >= 7 && month[month.len() - 3] == b'-', "{data:?} -> {}", date.month);
        let again = parse_date(&date.unix.to_string()).expect("unix seconds round-trip");
        assert_eq!(again.month, date.month);
    }
});
