//! Whether a posting offers equity: stock options, RSUs, shares, ESOP, "% equity".
//!
//! "Equity" has other senses in postings ("diversity, equity and inclusion", "private equity",
//! "home equity", "equity research"), and "options"/"shares"/"ownership" mostly mean something
//! else. So the data file lists phrases that offer ownership and phrases that use the same words
//! otherwise; an offer counts only when it is a whole-word match not inside one of the latter.
//! Both lists are matched in one pass each with aho-corasick.

use super::vocab::VOCAB;
use regex::Regex;
use std::sync::LazyLock;

/// The old HN header convention of a salary followed by an equity share:
/// "120k (0.5%)", "70k - 130k (.1-.3%)", "$90k + 1%".
static SALARY_THEN_SHARE: LazyLock<Regex> = LazyLock::new(|| {
    let share = r"(?:0?\.\d+|[0-4](?:\.\d+)?)";
    let pattern = format!(r"(?i)\d\s*k\+?\s*(?:\(\s*|\+\s*){share}\s*%?(?:\s*[-–]\s*{share})?\s*%");
    crate::rule_regex(&pattern).expect("a constant pattern")
});

fn is_word_char(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || c == '_')
}

/// True when `text` offers equity, stock options, RSUs, shares or similar ownership.
pub fn offers_equity(text: &str) -> bool {
    let vocab = &*VOCAB;
    let offered = vocab.equity_offers.find_iter(text).any(|m| {
        let before = text.get(..m.start()).and_then(|s| s.chars().next_back());
        let after = text.get(m.end()..).and_then(|s| s.chars().next());
        if is_word_char(before) || is_word_char(after) {
            return false;
        }
        // Other senses are phrases around the match: look for them in a small window only.
        let window_start = floor_boundary(text, m.start().saturating_sub(48));
        let window_end = ceil_boundary(text, m.end() + 48);
        let window = &text[window_start..window_end];
        let (start, end) = (m.start() - window_start, m.end() - window_start);
        !vocab
            .equity_not_offers
            .find_iter(window)
            .any(|other| other.start() <= start && end <= other.end())
    });
    offered || (text.contains('%') && SALARY_THEN_SHARE.is_match(text))
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offers_and_other_senses() {
        assert!(offers_equity("Competitive salary + equity"));
        assert!(offers_equity("$120k, 0.5% equity"));
        assert!(offers_equity("generous stock options"));
        assert!(offers_equity("RSUs and 401k"));
        assert!(offers_equity("New York : 70k - 130k (.1-.3%) : ONSITE"));
        assert!(offers_equity("London | 80k (0.5%)"));
        assert!(!offers_equity("London | 80k | 100% remote"));
        assert!(!offers_equity("London | 80k (+10% bonus)"));
        assert!(!offers_equity("We value diversity, equity and inclusion."));
        assert!(!offers_equity("Backed by a private equity firm"));
        assert!(!offers_equity("We help with home equity loans"));
        assert!(!offers_equity("Remote options available"));
        assert!(!offers_equity("Inequity in healthcare"));
    }
}
