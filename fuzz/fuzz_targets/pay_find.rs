//! `pay::find` on arbitrary text: never panics, and every range it returns is well formed
//! (span on char boundaries inside the text, min ≤ max, annual figures ordered).
#![no_main]

use hirepulse_extract::pay;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    for month in [None, Some("2015-06"), Some("9999-99"), Some("x")] {
        for range in pay::find_dated(text, month) {
            let (start, end) = range.span;
            assert!(start <= end && end <= text.len());
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            if let (Some(min), Some(max)) = (range.min, range.max) {
                assert!(min <= max, "min {min} > max {max}");
            }
            if let (Some(min), Some(max)) = (range.annual_usd_min, range.annual_usd_max) {
                assert!(min <= max, "annual min {min} > max {max}");
            }
            for value in [range.min, range.max].into_iter().flatten() {
                assert!(value.is_finite() && value > 0.0, "bad figure {value}");
            }
            // Annual USD is rounded to whole dollars: a tiny (flagged) figure may round to 0.
            for value in [range.annual_usd_min, range.annual_usd_max]
                .into_iter()
                .flatten()
            {
                assert!(value.is_finite() && value >= 0.0, "bad annual figure {value}");
                if value < 5_000.0 {
                    assert!(range.flag.is_some(), "implausible annual figure not flagged");
                }
            }
        }
    }
    let _ = pay::offers_equity(text);
});
