//! Finding the cue words of a vocabulary table (`data/roles.toml`) in one pass, with the key
//! (lane, level, employment type) each belongs to.
//!
//! All cues of a table are one regex, matched case-insensitively at word boundaries, so a text
//! is scanned once. Which key a match belongs to is then read from the short matched text
//! alone, with one anchored regex per key tried in the table's order, instead of asking the
//! scan for capture groups: capture-group search runs a slower engine over every match and was
//! a third of the lane extractor's time. Both give the same key — see [`CueTable::keyed`].

use regex::{Match, Regex};
use std::collections::BTreeMap;

/// The cues of one table, in key precedence order.
pub(crate) struct CueTable {
    /// Every cue of every key: `\b(?:key1 cues|key2 cues|...)\b`.
    any: Regex,
    /// Per key in `order`, its cues anchored at both ends: `^(?:key cues)$`.
    whole: Vec<(&'static str, Regex)>,
}

impl CueTable {
    /// Builds the table from `table` (key → cue fragments) for the keys of `order`, earlier
    /// keys winning when cues of two keys start at the same place. Longer cues of a key are
    /// tried first so that "sales engineers" beats "sales". Panics on a malformed fragment:
    /// the vocabulary is compiled in, and its tests build every table.
    pub(crate) fn new(table: &BTreeMap<String, Vec<String>>, order: &[&'static str]) -> Self {
        let keyed: Vec<(&'static str, String)> = order
            .iter()
            .filter_map(|key| {
                let mut cues = table.get(*key)?.clone();
                cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
                Some((*key, cues.join("|")))
            })
            .collect();
        let alternatives: Vec<&str> = keyed.iter().map(|(_, cues)| cues.as_str()).collect();
        let any = format!(
            r"(?i)(?-u:\b)(?:{})(?-u:\b)",
            alternatives
                .iter()
                .map(|cues| format!("(?:{cues})"))
                .collect::<Vec<_>>()
                .join("|")
        );
        let any = Regex::new(&any).unwrap_or_else(|e| panic!("roles.toml cue pattern: {e}"));
        let whole = keyed
            .into_iter()
            .map(|(key, cues)| {
                let anchored = Regex::new(&format!("(?i)^(?:{cues})$"))
                    .unwrap_or_else(|e| panic!("roles.toml cues of {key}: {e}"));
                (key, anchored)
            })
            .collect();
        CueTable { any, whole }
    }

    /// Every cue in `text`, left to right, with its key.
    pub(crate) fn find_iter<'t>(
        &'t self,
        text: &'t str,
    ) -> impl Iterator<Item = (&'static str, Match<'t>)> + 't {
        self.any
            .find_iter(text)
            .filter_map(move |m| Some((self.keyed(m.as_str())?, m)))
    }

    /// The key of a matched cue: the first key, in order, whose cues match all of it.
    ///
    /// The one-pass regex is leftmost-first, so the match it reports belongs to the earliest
    /// key with any cue that matches at that start and ends at a word boundary. An earlier key
    /// cannot match the same text entirely (it would have won, its match ending at the same
    /// boundary), and the winning key matches it entirely; so the first key to match the whole
    /// matched text is the winner.
    fn keyed(&self, matched: &str) -> Option<&'static str> {
        self.whole
            .iter()
            .find(|(_, anchored)| anchored.is_match(matched))
            .map(|(key, _)| *key)
    }
}
