//! Finding the cue words of a vocabulary table (`data/roles.toml`) in one pass, with the key
//! (lane, level, employment type) each belongs to.
//!
//! All cues of a table are one regex, matched case-insensitively at word boundaries, so a text
//! is scanned once. Which key a match belongs to is then read from the short matched text
//! alone, with one anchored regex per key tried in the table's order, instead of asking the
//! scan for capture groups: capture-group search runs a slower engine over every match and was
//! a third of the lane extractor's time. Both give the same key — see [`CueTable::keyed`].

use regex::{Match, Regex};
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Matched texts remembered per table before the memo starts over.
const MEMO_LIMIT: usize = 4_096;

/// The key (or none) of each matched text seen by one table.
type KeysOfTexts = HashMap<Box<str>, Option<&'static str>>;

thread_local! {
    /// Per table (by its id) the key of each matched text seen.
    static KEYED: RefCell<HashMap<usize, KeysOfTexts>> = RefCell::new(HashMap::new());
}

/// The cues of one table, in key precedence order.
pub(crate) struct CueTable {
    /// Unique per table built, naming its memo of keys.
    id: usize,
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
        let alternatives: Vec<String> = keyed
            .iter()
            .map(|(_, cues)| format!("(?:{cues})"))
            .collect();
        let any = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alternatives.join("|"));
        let any = crate::rule_regex(&any).unwrap_or_else(|e| panic!("roles.toml cue pattern: {e}"));
        let whole = keyed
            .into_iter()
            .map(|(key, cues)| {
                let anchored = Regex::new(&format!("(?i)^(?:{cues})$"))
                    .unwrap_or_else(|e| panic!("roles.toml cues of {key}: {e}"));
                (key, anchored)
            })
            .collect();
        static NEXT_ID: AtomicUsize = AtomicUsize::new(0);
        CueTable {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            any,
            whole,
        }
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
        // The same few hundred words ("data", "Backend", "iOS") match over and over: their
        // keys are remembered per table and thread (a pure function of the text, so the
        // answer cannot go stale), in a map cleared when it grows past a bound.
        KEYED.with(|memo| {
            let mut memo = memo.borrow_mut();
            let table = memo.entry(self.id).or_default();
            if let Some(key) = table.get(matched) {
                return *key;
            }
            let key = self
                .whole
                .iter()
                .find(|(_, anchored)| anchored.is_match(matched))
                .map(|(key, _)| *key);
            if table.len() >= MEMO_LIMIT {
                table.clear();
            }
            table.insert(matched.into(), key);
            key
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lanes::{LANES, VOCABULARY};
    use proptest::prelude::*;

    /// The key as a capture-group search reports it: one named group per key.
    fn keys_by_groups(
        table: &BTreeMap<String, Vec<String>>,
        order: &[&'static str],
        text: &str,
    ) -> Vec<(&'static str, usize, usize)> {
        let groups: Vec<String> = order
            .iter()
            .filter_map(|key| {
                let mut cues = table.get(*key)?.clone();
                cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
                Some(format!("(?P<{key}>{})", cues.join("|")))
            })
            .collect();
        let pattern = format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", groups.join("|"));
        let regex = Regex::new(&pattern).expect("pattern");
        regex
            .captures_iter(text)
            .filter_map(|caps| {
                let key = order.iter().copied().find(|k| caps.name(k).is_some())?;
                let whole = caps.get(0)?;
                Some((key, whole.start(), whole.end()))
            })
            .collect()
    }

    fn keys_by_table(
        table: &BTreeMap<String, Vec<String>>,
        order: &[&'static str],
        text: &str,
    ) -> Vec<(&'static str, usize, usize)> {
        CueTable::new(table, order)
            .find_iter(text)
            .map(|(key, m)| (key, m.start(), m.end()))
            .collect()
    }

    type Table<'a> = (&'a BTreeMap<String, Vec<String>>, &'a [&'static str]);

    /// Keys whose cues match the same texts, so that only the key order decides.
    fn overlapping_table() -> BTreeMap<String, Vec<String>> {
        let cues = |list: &[&str]| list.iter().map(|c| c.to_string()).collect();
        BTreeMap::from([
            ("first".to_string(), cues(&["sales engineers?", "data"])),
            (
                "second".to_string(),
                cues(&["sales", "data scientists?", "data"]),
            ),
            (
                "third".to_string(),
                cues(&["sales(?: engineers?)?", "lead"]),
            ),
        ])
    }

    #[test]
    fn earlier_key_wins_a_text_both_match() {
        let table = overlapping_table();
        let keys = |order: &[&'static str]| keys_by_table(&table, order, "Sales Engineer, data");
        assert_eq!(
            keys(&["first", "second", "third"]),
            [("first", 0, 14), ("first", 16, 20)]
        );
        assert_eq!(
            keys(&["third", "second", "first"]),
            [("third", 0, 14), ("second", 16, 20)]
        );
    }

    /// Words that start, end or overlap cues of several keys, so that precedence matters.
    const WORDS: &[&str] = &[
        "sales",
        "engineers",
        "sales engineers",
        "solutions",
        "data",
        "data scientist",
        "back end",
        "backend",
        "front-end",
        "full stack",
        "mobile",
        "iOS",
        "Android",
        "ops",
        "devops",
        "security",
        "QA",
        "test",
        "automation",
        "product",
        "designer",
        "senior",
        "lead",
        "staff",
        "manager",
        "intern",
        "full-time",
        "part time",
        "contract",
        "ML",
        "machine learning",
        "platform",
        "infrastructure",
        "embedded",
        "game",
        "web3",
        "and",
        "/",
        ",",
        "the",
        "x",
    ];

    fn text_of(picks: &[usize], seps: &[usize]) -> String {
        let separators = [" ", ", ", "/", " & ", "-", "\n", ""];
        picks
            .iter()
            .zip(seps.iter().cycle())
            .map(|(w, s)| format!("{}{}", WORDS[*w % WORDS.len()], separators[*s % 7]))
            .collect()
    }

    proptest! {
        #[test]
        fn same_keys_and_spans_as_capture_groups(
            picks in proptest::collection::vec(0usize..64, 0..12),
            seps in proptest::collection::vec(0usize..7, 1..12),
        ) {
            let text = text_of(&picks, &seps);
            let overlapping = overlapping_table();
            let tables: [Table; 5] = [
                (&VOCABULARY.lanes, &LANES),
                (&VOCABULARY.seniority, &crate::seniority::LEVELS),
                (&VOCABULARY.employment, &crate::employment::TYPES),
                (&overlapping, &["first", "second", "third"]),
                (&overlapping, &["third", "second", "first"]),
            ];
            for (table, order) in tables {
                prop_assert_eq!(
                    keys_by_table(table, order, &text),
                    keys_by_groups(table, order, &text),
                    "text {:?}", text
                );
            }
        }
    }
}
