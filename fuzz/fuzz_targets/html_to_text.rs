//! `html::to_text` on arbitrary HTML: never panics, and extraction of its output never panics.
#![no_main]

use hirepulse_sources::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &str| {
    let text = html::to_text(data);
    let _ = hirepulse_extract::pay::find(&text);
});
