//! Languages and wider technologies named in a posting, from the taxonomy.
//!
//! [`find`] makes one pass over the text with a single case-insensitive Aho-Corasick automaton
//! holding every alias of `data/taxonomy.toml`, then keeps the leftmost-longest candidates that sit
//! on word boundaries and pass the alias's case rule (exact-case aliases must match exactly). Names
//! that are also ordinary words ("Go", "R", "C", "Swift", "Rust", "Julia", "assembly") are handled
//! by explicit, named rules rather than by data: a *weak* alias counts only in a list beside another
//! technology ("Python, R, SQL", "C/C++") or next to a language cue ("in C", "Julia developers"),
//! and per-language vetoes drop the common non-language uses ("go to market", "R&D", "Series C",
//! "rust belt", "assembly line", "NoSQL"). Words inside URLs and e-mail addresses never count.
//! Frameworks that exist for one language add that language (`implies` in the data).

use crate::taxonomy::{self, AliasKind, Taxonomy};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

/// One way a lowercase pattern can be meant: entry index, alias case rule and exact text.
struct Variant {
    entry_idx: usize,
    kind: AliasKind,
    exact: String,
}

struct Matcher {
    automaton: Option<AhoCorasick>,
    /// Per automaton pattern, its index in `variants`.
    automaton_patterns: Vec<usize>,
    /// One-byte patterns ("c", "r") with their index in `variants`: kept out of the automaton
    /// (see [`one_byte_occurrences`]).
    one_byte_patterns: Vec<(u8, usize)>,
    /// Per lowercase pattern, the aliases that fold to it.
    variants: Vec<Vec<Variant>>,
}

static MATCHER: LazyLock<Matcher> = LazyLock::new(|| build(taxonomy::get()));

/// URLs, bare domains with a path and e-mail addresses: words inside them are not mentions.
static URL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    crate::rule_regex(
        r"(?i)(?:https?://|www\.)\S+|(?-u:\b)[\w.+-]+@[\w-]+\.[\w.-]+|(?-u:\b)[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|dev|co|ai|app|me|sh|ly)/\S*",
    )
    .ok()
});

fn build(taxonomy: &Taxonomy) -> Matcher {
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut patterns: Vec<String> = Vec::new();
    let mut variants: Vec<Vec<Variant>> = Vec::new();
    for (entry_idx, entry) in taxonomy.entries.iter().enumerate() {
        for alias in &entry.aliases {
            let folded = alias.text.to_ascii_lowercase();
            let pattern_idx = *index.entry(folded.clone()).or_insert_with(|| {
                patterns.push(folded);
                variants.push(Vec::new());
                patterns.len() - 1
            });
            variants[pattern_idx].push(Variant {
                entry_idx,
                kind: alias.kind,
                exact: alias.text.clone(),
            });
        }
    }
    let (one_byte, longer): (Vec<usize>, Vec<usize>) =
        (0..patterns.len()).partition(|&i| patterns[i].len() == 1);
    // A DFA is fastest for this many short patterns; fall back to the default if it is too big.
    let build_with = |kind: Option<AhoCorasickKind>| {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .build(longer.iter().map(|&i| &patterns[i]))
            .ok()
    };
    let automaton = build_with(Some(AhoCorasickKind::DFA)).or_else(|| build_with(None));
    Matcher {
        automaton,
        automaton_patterns: longer,
        one_byte_patterns: one_byte
            .into_iter()
            .map(|i| (patterns[i].as_bytes()[0], i))
            .collect(),
        variants,
    }
}

/// A mention found in the text.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    entry_idx: usize,
    kind: AliasKind,
}

/// One accepted mention of a taxonomy entry: where it is and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the name in the text.
    pub start: usize,
    pub end: usize,
    /// The taxonomy id named.
    pub id: &'static str,
    /// Canonical languages this mention counts for: itself for a language, the implied language
    /// of a framework, `javascript` for a ".js" name.
    pub languages: Vec<&'static str>,
}

/// Returns (canonical language ids, other technology ids), each sorted and unique.
pub fn find(text: &str) -> (Vec<String>, Vec<String>) {
    let mut languages = BTreeSet::new();
    let mut technologies = BTreeSet::new();
    for mention in mentions(text) {
        languages.extend(mention.languages.iter().map(|l| l.to_string()));
        if !taxonomy::is_language(mention.id) {
            technologies.insert(mention.id.to_string());
        }
    }
    (
        languages.into_iter().collect(),
        technologies.into_iter().collect(),
    )
}

/// Every accepted mention in the text, in order (for reports that show where a name was found).
pub fn mentions(text: &str) -> Vec<Mention> {
    let taxonomy = taxonomy::get();
    let matcher = &*MATCHER;
    let Some(automaton) = &matcher.automaton else {
        return Vec::new();
    };
    let masked: Vec<(usize, usize)> = match &*URL {
        Some(url) => url.find_iter(text).map(|m| (m.start(), m.end())).collect(),
        None => Vec::new(),
    };
    let bytes = text.as_bytes();
    let mut raw: Vec<Candidate> = Vec::new();
    let automaton_found = automaton.find_overlapping_iter(text).map(|found| {
        let pattern_idx = matcher.automaton_patterns[found.pattern().as_usize()];
        (found.start(), found.end(), pattern_idx)
    });
    let one_byte_found = one_byte_occurrences(text, &matcher.one_byte_patterns);
    for (start, end, pattern_idx) in automaton_found.chain(one_byte_found) {
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        // Case folding keeps a character's class, so the matched text stands for the alias here.
        if !on_word_boundaries(text, start, end, &text[start..end]) {
            continue;
        }
        if masked.iter().any(|&(s, e)| start < e && end > s) {
            continue;
        }
        let Some(options) = matcher.variants.get(pattern_idx) else {
            continue;
        };
        let slice = &bytes[start..end];
        // Prefer an exact-case variant that matches, then a case-insensitive one.
        let chosen = options
            .iter()
            .filter(|v| v.kind != AliasKind::Any && v.exact.as_bytes() == slice)
            .chain(options.iter().filter(|v| v.kind == AliasKind::Any))
            .next();
        let Some(variant) = chosen else { continue };
        raw.push(Candidate {
            start,
            end,
            entry_idx: variant.entry_idx,
            kind: variant.kind,
        });
    }
    // Leftmost-longest, non-overlapping.
    raw.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut chosen: Vec<Candidate> = Vec::new();
    for candidate in raw {
        if chosen.last().is_some_and(|last| candidate.start < last.end) {
            continue;
        }
        let id = taxonomy.entries[candidate.entry_idx].id.as_str();
        if vetoed(id, text, candidate.start, candidate.end) {
            continue;
        }
        chosen.push(candidate);
    }
    let mut accepted = Vec::new();
    for (pos, candidate) in chosen.iter().enumerate() {
        let entry = &taxonomy.entries[candidate.entry_idx];
        // A weak name counts in a list; a weak language name also counts next to a cue word.
        if candidate.kind == AliasKind::Weak
            && !in_list(text, &chosen, pos)
            && !(entry.is_language && has_cue(text, candidate.start, candidate.end))
        {
            continue;
        }
        let mut languages: Vec<&'static str> = Vec::new();
        if entry.is_language {
            languages.push(&entry.id);
        } else if let Some(language) = &entry.implies {
            languages.push(language);
        }
        // A name spelled with ".js"/"JS" ("D3.js", "ExpressJS") says it is JavaScript.
        if ends_with_ci(&text[candidate.start..candidate.end], "js")
            && !languages.contains(&"javascript")
        {
            languages.push("javascript");
        }
        accepted.push(Mention {
            start: candidate.start,
            end: candidate.end,
            id: &entry.id,
            languages,
        });
    }
    accepted
}

/// Every occurrence, in either ASCII case, of each one-byte pattern, as (start, end, pattern).
///
/// In the automaton the letters "c" and "r" ended a match at nearly every tenth byte (7 of the 8
/// million overlapping matches on the corpus, almost all inside words), and stopping for each
/// cost more than the rest of the search; a `memchr2` pass per letter yields the same positions
/// far more cheaply. The candidates are filtered and sorted afterwards exactly as before, so the
/// order in which they arrive does not matter.
fn one_byte_occurrences<'t>(
    text: &'t str,
    patterns: &'t [(u8, usize)],
) -> impl Iterator<Item = (usize, usize, usize)> + 't {
    patterns.iter().flat_map(move |&(byte, pattern_idx)| {
        memchr::memchr2_iter(byte, byte.to_ascii_uppercase(), text.as_bytes())
            .map(move |at| (at, at + 1, pattern_idx))
    })
}

fn char_before(text: &str, at: usize) -> Option<char> {
    text.get(..at).and_then(|s| s.chars().next_back())
}

fn char_after(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Word boundaries on the sides where the alias itself starts/ends with a word character ("C++"
/// may be followed by "17"). A dot joining words ("golang.org", "d3.js") or an '@' is no boundary.
fn on_word_boundaries(text: &str, start: usize, end: usize, alias: &str) -> bool {
    if alias.chars().next().is_some_and(is_word) {
        match char_before(text, start) {
            Some(c) if is_word(c) || c == '@' => return false,
            Some('.') if char_before(text, start - 1).is_some_and(is_word) => return false,
            Some('-') if alias.len() == 1 && char_before(text, start - 1).is_some_and(is_word) => {
                return false
            }
            _ => {}
        }
    }
    if alias.chars().next_back().is_some_and(is_word) {
        match char_after(text, end) {
            Some(c) if is_word(c) || c == '@' => return false,
            Some('.') if char_after(text, end + 1).is_some_and(is_word) => return false,
            _ => {}
        }
    }
    true
}

/// The text just before `start` (up to `n` bytes, on a char boundary).
fn before(text: &str, start: usize, n: usize) -> &str {
    let mut from = start.saturating_sub(n);
    while from > 0 && !text.is_char_boundary(from) {
        from -= 1;
    }
    text.get(from..start).unwrap_or("")
}

/// The text just after `end` (up to `n` bytes, on a char boundary).
fn after(text: &str, end: usize, n: usize) -> &str {
    let mut to = (end + n).min(text.len());
    while to < text.len() && !text.is_char_boundary(to) {
        to += 1;
    }
    text.get(end..to).unwrap_or("")
}

fn ends_with_ci(haystack: &str, needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack.is_char_boundary(haystack.len() - needle.len())
        && haystack[haystack.len() - needle.len()..].eq_ignore_ascii_case(needle)
}

fn starts_with_ci(haystack: &str, needle: &str) -> bool {
    haystack.len() >= needle.len()
        && haystack.is_char_boundary(needle.len())
        && haystack[..needle.len()].eq_ignore_ascii_case(needle)
}

/// Whether the text before the mention ends with one of `words` (case-insensitive) at a word start.
fn preceded_by(text: &str, start: usize, words: &[&str]) -> bool {
    let prefix = before(text, start, 24);
    words.iter().any(|w| {
        ends_with_ci(prefix, w) && {
            let cut = prefix.len() - w.len();
            prefix[..cut]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c))
        }
    })
}

/// Whether the text after the mention starts with one of `words` (case-insensitive).
fn followed_by(text: &str, end: usize, words: &[&str]) -> bool {
    let suffix = after(text, end, 24);
    words.iter().any(|w| starts_with_ci(suffix, w))
}

/// Per-name rules for mentions that are not the technology.
fn vetoed(id: &str, text: &str, start: usize, end: usize) -> bool {
    let mention = &text[start..end];
    // "(C)" copyright, "(R)" registered marks, "(TS)" top secret.
    if (mention.len() == 1 || mention == "TS")
        && char_before(text, start) == Some('(')
        && char_after(text, end) == Some(')')
    {
        return true;
    }
    match id {
        "go" => {
            (mention == "go" && preceded_by(text, start, &["to "]))
                || sports_cheer(text, end)
                || preceded_by(
                    text,
                    start,
                    &[
                        "let's ",
                        "lets ",
                        "let’s ",
                        "ready to ",
                        "on the ",
                        "good to ",
                        "free to ",
                        "way to ",
                        "where to ",
                        "want to ",
                        "pokemon ",
                        "amazon ",
                        "pokémon ",
                        "will ",
                        "must ",
                        "can ",
                        "we ",
                        "you ",
                        "i ",
                        "ready, set, ",
                    ],
                )
                || followed_by(
                    text,
                    end,
                    &[
                        " to ",
                        "-to",
                        " to-",
                        "-getter",
                        " getter",
                        " live",
                        "-live",
                        " ahead",
                        " beyond",
                        " check",
                        " see ",
                        " visit",
                        " apply",
                        " here",
                        " for it",
                        " back",
                        " further",
                        " deep",
                        " far ",
                        " out ",
                        " through",
                        " get ",
                        " big",
                        " fund",
                        " figure",
                        " from ",
                        " into ",
                        " above",
                        " the ",
                        " a ",
                        " straight",
                        " fast",
                        " faster",
                        " have",
                        " take",
                        " grab",
                        " make ",
                        " do ",
                        " read",
                        " play",
                        " home",
                        " there",
                        " after",
                        "!",
                    ],
                )
        }
        "r" => {
            followed_by(text, end, &["&", " & ", " and d", "+d", "-", ".", "'"])
                || preceded_by(text, start, &["&", ".", "series ", "type "])
        }
        "c" => {
            (mention == "c" && followed_by(text, end, &[")"]))
                || followed_by(
                    text,
                    end,
                    &["-", " level", " suite", " corp", " round", " series", ". ("],
                )
                || preceded_by(
                    text,
                    start,
                    &[
                        "series ",
                        "type ",
                        "type-",
                        "vitamin ",
                        "round ",
                        "class ",
                        "tier ",
                        "grade ",
                        "plan ",
                        "section ",
                        "building ",
                        "level ",
                        "&",
                        "b ",
                        "a ",
                    ],
                )
        }
        "rust" => followed_by(text, end, &[" belt", "-belt"]),
        "swift" => {
            preceded_by(text, start, &["taylor "])
                || (mention == "swift"
                    && followed_by(text, end, &[" delivery", " response", " action"]))
        }
        // "SQL databases" names a kind of database (GUIDELINES: a database is not `sql`).
        "sql" => {
            preceded_by(text, start, &["no-", "no ", "non-", "non ", "no/"])
                || (mention == "SQL" && followed_by(text, end, &[" database", " db"]))
        }
        "assembly" => {
            preceded_by(text, start, &["general ", "national ", "legislative "])
                || followed_by(text, end, &[" line", " hall", " plant", " of "])
        }
        "elm" => followed_by(text, end, &[" st", " street", " ave", " grove"]),
        "shell" => followed_by(text, end, &[" oil", " company", " plc"]),
        "typescript" => followed_by(text, end, &["/sci", " sci", "/ sci", "-sci", " clearance"]),
        "phoenix" => {
            preceded_by(text, start, &["apache "])
                || followed_by(
                    text,
                    end,
                    &[
                        " valley",
                        ", az",
                        " az",
                        ", arizona",
                        " arizona",
                        " metro",
                        " area",
                        "/hbase",
                        " hbase",
                        ", hbase",
                    ],
                )
        }
        "spring" => followed_by(
            text,
            end,
            &[" 20", " semester", " term", " break", " intern"],
        ),
        _ => false,
    }
}

/// "Go Giants!", "Go team!": a cheer, not the language.
fn sports_cheer(text: &str, end: usize) -> bool {
    let rest = after(text, end, 24);
    let Some(word) = rest.strip_prefix(' ') else {
        return false;
    };
    let word_len = word
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(word.len());
    word_len > 0 && word[word_len..].starts_with('!')
}

/// Separators allowed between two items of a list of technologies.
fn is_list_gap(gap: &str) -> bool {
    if gap.len() > 16 {
        return false;
    }
    let mut has_separator = false;
    for token in gap.split(|c: char| c.is_whitespace() || ",/|&+;()[]:*•·-".contains(c)) {
        match token.to_ascii_lowercase().as_str() {
            "" => {}
            "and" | "or" | "etc" | "e.g." | "eg" | "e.g" | "and/or" | "nor" => has_separator = true,
            _ => return false,
        }
    }
    has_separator || gap.chars().any(|c| ",/|&+;()•·".contains(c))
}

/// Whether the mention at `pos` sits in a list beside another mention.
fn in_list(text: &str, chosen: &[Candidate], pos: usize) -> bool {
    let this = chosen[pos];
    let previous = pos.checked_sub(1).and_then(|p| chosen.get(p));
    let next = chosen.get(pos + 1);
    previous.is_some_and(|p| text.get(p.end..this.start).is_some_and(is_list_gap))
        || next.is_some_and(|n| text.get(this.end..n.start).is_some_and(is_list_gap))
}

/// Words next to a name that show it is meant as a language ("in C", "R programming").
fn has_cue(text: &str, start: usize, end: usize) -> bool {
    preceded_by(
        text,
        start,
        &[
            "in ",
            "using ",
            "knowledge of ",
            "experience with ",
            "familiarity with ",
        ],
    ) || followed_by(
        text,
        end,
        &[
            " developer",
            " engineer",
            " programmer",
            " programming",
            " language",
            " code",
            " coding",
            " experience",
            " expertise",
            " skills",
            " scripting",
            " scripts",
            " backend",
            " back-end",
            " back end",
            " services",
            " microservices",
            " libraries",
            " library",
            " stack",
            " development",
            " dev ",
            " devs",
            " engineering",
            " web ",
            " framework",
            " app",
            " (",
            " shiny",
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize)]
    struct Case {
        text: String,
        #[serde(default)]
        languages: Vec<String>,
        /// Technologies that must be among those found (not the whole list).
        #[serde(default)]
        technologies: Vec<String>,
        #[serde(default)]
        why: String,
    }

    #[derive(Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }

    fn check(case: &Case) -> Result<(), String> {
        let (languages, technologies) = find(&case.text);
        let mut wanted = case.languages.clone();
        wanted.sort();
        if languages != wanted {
            return Err(format!(
                "{:?}: languages {languages:?}, wanted {wanted:?} ({})",
                case.text, case.why
            ));
        }
        for tech in &case.technologies {
            if !technologies.contains(tech) {
                return Err(format!(
                    "{:?}: technologies {technologies:?} lack {tech} ({})",
                    case.text, case.why
                ));
            }
        }
        Ok(())
    }

    #[test]
    fn testdata_cases() {
        let cases: Cases = toml::from_str(include_str!("../testdata/languages.toml"))
            .expect("testdata/languages.toml parses");
        let failures: Vec<String> = cases.case.iter().filter_map(|c| check(c).err()).collect();
        assert!(
            failures.is_empty(),
            "{} of {} cases fail:\n{}",
            failures.len(),
            cases.case.len(),
            failures.join("\n")
        );
    }

    #[test]
    fn implied_languages_and_technologies() {
        let (languages, technologies) = find("We use Django, Postgres and React.");
        assert_eq!(languages, ["javascript", "python"]);
        assert_eq!(technologies, ["django", "postgresql", "react"]);
    }

    #[test]
    fn matcher_builds() {
        assert!(MATCHER.automaton.is_some());
        assert!(MATCHER.variants.len() > 800);
    }

    #[test]
    fn urls_are_ignored() {
        assert!(URL.is_some(), "the URL pattern compiles");
        let (languages, _) = find("See https://blog.example.com/why-we-chose-go and golang.org");
        assert!(languages.is_empty(), "{languages:?}");
    }

    #[test]
    fn empty_and_odd_text() {
        assert_eq!(find(""), (Vec::new(), Vec::new()));
        let (languages, _) = find("é C++ ü");
        assert_eq!(languages, ["cpp"]);
    }

    proptest::proptest! {
        #[test]
        fn never_panics_and_returns_sorted_known_ids(text in "\\PC{0,200}") {
            let (languages, technologies) = find(&text);
            for list in [&languages, &technologies] {
                proptest::prop_assert!(list.windows(2).all(|w| w[0] < w[1]));
            }
            for id in &languages {
                proptest::prop_assert!(taxonomy::is_language(id));
            }
            for id in &technologies {
                proptest::prop_assert!(taxonomy::category_of(id).is_some());
                proptest::prop_assert!(!taxonomy::is_language(id));
            }
        }

        #[test]
        fn never_panics_on_tech_words(parts in proptest::collection::vec(
            proptest::sample::select(vec!["Go", "go", "C", "C++", "R", "&D", ", ", "/", "-", ".",
                " ", "Series", "é", "NoSQL", "SQL", "(", ")", "http://x.io/", "Rust", "js"]), 0..30)) {
            let text: String = parts.concat();
            let (languages, _) = find(&text);
            proptest::prop_assert!(languages.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
