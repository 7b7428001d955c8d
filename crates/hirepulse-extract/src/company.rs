//! The hiring company's name, as written in the posting's header.
//!
//! HN postings open with a header line such as `Acme | Senior Engineer | Berlin`; the company is
//! its first field. Headers that use other separators (" - ", "–", "/", "(https://...)", ",",
//! "is hiring") are split at the first of those instead. A structured company field from the
//! source (JobSpy, JSON-LD) wins when present. Top-level comments that are not postings (a job
//! seeker's résumé block, a one-line reply) give `None`: they are recognised by the seeking-work
//! vocabulary rather than by the absence of a header, because many real postings have plain
//! first lines.

use regex::Regex;
use std::sync::LazyLock;

/// Phrases that mark a job seeker's post, a reply or a meta comment rather than a posting.
static NOT_A_POSTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \bseeking\s+work\b | \bwilling\s+to\s+relocate\s*: | \br[eé]sum[eé](?:/cv)?\s*: | \bcv\s*: |
        \bi\s*(?:'m|\s+am)\s+(?:in\s+search\s+of|looking\s+for)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,3}(?:role|job|position|work|opportunit) |
        \blooking\s+for\s+(?:work|a\s+job)\b | ^\s*(?:applied|thanks|thank\s+you)\b",
    )
    .unwrap_or_else(|e| panic!("company NOT_A_POSTING pattern: {e}"))
});

/// Header separators other than `|`, tried after it, in order.
static SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        \s+(?:is|are)\s+(?:hiring|looking|seeking|growing|building)\b | \s+[-–—]+\s+ | \s*[–—]\s* |
        \s+/\s+ | \s*\(\s* | \s*\[\s* | \s*,\s+ | \s*:\s+ | \s+\bhttps?:// | \s+\bwww\. | \s+\(?(?:remote|onsite|on-site)\b",
    )
    .unwrap_or_else(|e| panic!("company SEPARATOR pattern: {e}"))
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\s*(?:https?://|www\.)\S*\s*\)?")
        .unwrap_or_else(|e| panic!("company URL pattern: {e}"))
});

/// The longest name we accept; a longer first field is a sentence, not a name.
const MAX_NAME_CHARS: usize = 60;
const MAX_NAME_WORDS: usize = 7;

/// The hiring company of a posting: `given` when the source names it, else the header's first
/// field, else `None` (no header, or not a posting).
pub fn find(text: &str, given: Option<&str>) -> Option<String> {
    if let Some(name) = given.map(str::trim).filter(|g| !g.is_empty()) {
        return Some(name.to_string());
    }
    let line = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    if is_not_posting(text) {
        return None;
    }
    let field = if line.contains('|') {
        line.split('|').map(str::trim).find(|f| !f.is_empty())?
    } else {
        match SEPARATOR.find(line) {
            Some(m) if m.start() > 0 => &line[..m.start()],
            _ => line,
        }
    };
    clean(field)
}

/// True when the text reads as a job seeker's post, a reply or a meta comment.
fn is_not_posting(text: &str) -> bool {
    let head: String = text.chars().take(600).collect();
    NOT_A_POSTING.is_match(&head) || text.split_whitespace().count() < 3
}

/// Strips URLs, decoration and trailing punctuation; rejects sentences.
fn clean(field: &str) -> Option<String> {
    let no_url = URL.replace_all(field, " ");
    let name = no_url
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '@')
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '.' && c != '!')
        .trim_end_matches(['.', ':', ',', ';'])
        .trim();
    let words = name.split_whitespace().count();
    if name.is_empty() || words > MAX_NAME_WORDS || name.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Case {
        text: String,
        given: Option<String>,
        expect: Option<String>,
    }
    #[derive(Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }

    fn check(raw: &str) {
        let cases: Cases = toml::from_str(raw).unwrap_or_else(|e| panic!("company cases: {e}"));
        for c in cases.case {
            let got = find(&c.text, c.given.as_deref());
            assert_eq!(got, c.expect, "text: {:?}", c.text);
        }
    }

    #[test]
    fn cases() {
        check(include_str!("../testdata/company.toml"));
    }

    #[test]
    fn given_wins() {
        assert_eq!(find("Foo | Bar", Some("Baz")), Some("Baz".into()));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}", g in proptest::option::of("\\PC{0,20}")) {
            let _ = find(&s, g.as_deref());
        }
    }
}
