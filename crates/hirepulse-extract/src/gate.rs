//! Literal gates: a cheap reason to skip a whole-text regex.
//!
//! Several rules are case-insensitive regexes run over the whole posting whose opening gives the
//! regex crate no rare literal to skip ahead to (`\d`, `(?m:^)\W*`, "all", "no"), so each one
//! reads every byte of every posting. Yet every match of such a rule must contain one of a few
//! words ("sponsor", "visa", "remote"), and most postings contain none of them. A [`Gate`] lists
//! those words, derived by hand from the pattern and written beside it; [`Folded`] is the posting
//! lowercased once; a [`GatedRegex`] runs its regex only when its gate finds one of the words.
//! A gate only skips work: when it admits a text the regex decides exactly as before, so output
//! cannot change as long as every match really contains a gate word.
//!
//! Each word is found with its own `memchr::memmem` pass, which on the corpus was about twice as
//! fast as one case-insensitive aho-corasick pass over a handful of rare words; gates therefore
//! stay short, and rules whose required words are common ("office", "site") are left ungated.

use memchr::memmem::Finder;
use regex::{Match, Regex};

/// A posting's text lowercased (ASCII only, so byte offsets are unchanged) for gate look-ups.
pub(crate) struct Folded {
    lower: String,
    /// The text holds a character that `(?i)` folds to an ASCII letter but ASCII lowercasing
    /// leaves alone: `ſ` (U+017F) matches `s` and the Kelvin sign (U+212A) matches `k`. Such a
    /// text could match a rule without containing a gate word byte for byte, so every gate
    /// admits it.
    unfoldable: bool,
}

/// The non-ASCII characters that Unicode simple case folding makes equal to an ASCII letter.
const FOLDS_TO_ASCII: [char; 2] = ['\u{17F}', '\u{212A}'];

impl Folded {
    pub(crate) fn new(text: &str) -> Self {
        Folded {
            lower: text.to_ascii_lowercase(),
            unfoldable: !text.is_ascii() && text.contains(FOLDS_TO_ASCII),
        }
    }
}

/// Words at least one of which every match of a rule contains (lowercase ASCII).
pub(crate) struct Gate {
    finders: Vec<Finder<'static>>,
}

impl Gate {
    pub(crate) fn new(words: &[&'static str]) -> Self {
        for word in words {
            assert!(
                !word.is_empty()
                    && !word
                        .bytes()
                        .any(|b| b.is_ascii_uppercase() || !b.is_ascii()),
                "gate word {word:?} must be non-empty lowercase ASCII"
            );
        }
        Gate {
            finders: words.iter().map(|&word| Finder::new(word)).collect(),
        }
    }

    /// True when the text may hold a match: it contains a gate word or cannot be judged.
    pub(crate) fn admits(&self, text: &Folded) -> bool {
        text.unfoldable
            || self
                .finders
                .iter()
                .any(|finder| finder.find(text.lower.as_bytes()).is_some())
    }
}

/// A whole-text rule regex behind its gate.
pub(crate) struct GatedRegex {
    regex: Regex,
    gate: Gate,
}

impl GatedRegex {
    /// `words` must be such that every match of `pattern` contains one of them, ignoring ASCII
    /// case; the caller derives them from the pattern.
    pub(crate) fn new(pattern: &str, words: &[&'static str]) -> Self {
        GatedRegex {
            regex: crate::rule_regex(pattern).expect("rule regex"),
            gate: Gate::new(words),
        }
    }

    pub(crate) fn is_match(&self, text: &str, folded: &Folded) -> bool {
        self.gate.admits(folded) && self.regex.is_match(text)
    }

    /// The regex's matches, or none without searching when the gate is closed.
    pub(crate) fn find_iter<'t>(
        &'t self,
        text: &'t str,
        folded: &Folded,
    ) -> impl Iterator<Item = Match<'t>> + use<'t> {
        self.gate
            .admits(folded)
            .then(|| self.regex.find_iter(text))
            .into_iter()
            .flatten()
    }

    /// The regex alone, for tests that compare gated and ungated answers.
    #[cfg(test)]
    pub(crate) fn ungated(&self) -> &Regex {
        &self.regex
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The soundness of ASCII lowercasing rests on this: under `(?i)` the only non-ASCII
    /// characters equal to an ASCII letter are those in `FOLDS_TO_ASCII`.
    #[test]
    fn only_listed_characters_fold_to_ascii_letters() {
        let ascii_letter = Regex::new(r"(?i)^[a-z]$").expect("regex");
        let folding: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| ascii_letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, FOLDS_TO_ASCII);
    }

    #[test]
    fn gate_ignores_ascii_case() {
        let gate = Gate::new(&["visa"]);
        assert!(gate.admits(&Folded::new("H1B and VISA help")));
        assert!(!gate.admits(&Folded::new("We pay well.")));
    }

    #[test]
    fn unfoldable_text_is_always_admitted() {
        let gate = Gate::new(&["sponsor"]);
        assert!(gate.admits(&Folded::new("we ſponsor")));
        let rule = GatedRegex::new(r"(?i)sponsor", &["sponsor"]);
        let text = "we ſponsor";
        assert!(rule.is_match(text, &Folded::new(text)));
    }

    #[test]
    #[should_panic(expected = "lowercase ASCII")]
    fn uppercase_gate_word_is_refused() {
        let _ = Gate::new(&["Visa"]);
    }
}
