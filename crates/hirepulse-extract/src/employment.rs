//! Employment types a posting states: `full_time`, `part_time`, `contract`, `intern`.
//!
//! The words live in `data/roles.toml` (`[employment]`) and are matched in one pass. Following
//! the labels, "permanent" counts as full-time, "freelance", "hourly" and "contract-to-hire" as
//! contract, and offered internships as intern. The rules here drop the uses that are not about
//! the job: blockchain "smart contracts", "contract law", short "FT"/"PT" inside other words, and
//! "intern" as in "internal"/"international" (word boundaries already exclude most).

use crate::cues::CueTable;
use crate::lanes::{tail, VOCABULARY};
use regex::Regex;
use std::collections::BTreeSet;
use std::sync::LazyLock;

/// Every employment type, in match precedence order.
pub const TYPES: [&str; 4] = ["intern", "part_time", "full_time", "contract"];

static CUES: LazyLock<CueTable> = LazyLock::new(|| CueTable::new(&VOCABULARY.employment, &TYPES));

/// Words before "contract" that make it a thing rather than a way of employing someone.
static NOT_EMPLOYMENT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?:smart|social|government|federal|defen[cs]e|dod|legal|the|a|our|its|their|no|not|sign\s+a|business|small\s+business\s+federal)\s*$")
        .unwrap_or_else(|e| panic!("employment NOT_EMPLOYMENT_BEFORE pattern: {e}"))
});

/// A type ruled out or only hoped for: "no part-time/hourly contractors", "become full-time".
static NEGATED: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(
        r"(?i)(?:(?-u:\b)no\s+(?:[\w-]+(?:\s*[/,]\s*|\s+)){0,2}|(?-u:\b)not\s+(?:a\s+)?|(?-u:\b)become\s+(?:a\s+)?)$",
    )
    .unwrap_or_else(|e| panic!("employment NEGATED pattern: {e}"))
});

/// The employment types stated, sorted and unique.
pub fn find(text: &str) -> Vec<String> {
    let mut found = BTreeSet::new();
    for (key, whole) in CUES.find_iter(text) {
        let word = whole.as_str();
        let before = tail(&text[..whole.start()], 20);
        // Two-letter abbreviations count only in upper case ("FT", not "ft" as in feet).
        if word.len() <= 3 && word.chars().any(|c| c.is_lowercase()) {
            continue;
        }
        if key == "contract" && NOT_EMPLOYMENT_BEFORE.is_match(before) {
            continue;
        }
        if NEGATED.is_match(tail(&text[..whole.start()], 40)) {
            continue;
        }
        // "Full or Part Time" states both.
        if key == "full_time" && word.to_lowercase().contains("part") {
            found.insert("part_time");
        }
        found.insert(key);
    }
    found.into_iter().map(str::to_string).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cases() {
        crate::case_files::check(
            "employment",
            include_str!("../testdata/employment.toml"),
            |text, _| find(text),
        );
    }

    proptest! {
        #[test]
        fn sorted_unique_allowed(s in "\\PC{0,300}") {
            let got = find(&s);
            let mut sorted = got.clone();
            sorted.sort();
            sorted.dedup();
            prop_assert_eq!(&got, &sorted);
            prop_assert!(got.iter().all(|l| TYPES.contains(&l.as_str())));
        }
    }
}
