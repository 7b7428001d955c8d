//! The words pay and equity rules consult, read once from `data/pay_words.toml`.
//!
//! Rules live in code; which words count as evidence of pay, which mark a figure as funding or a
//! perk, which phrases offer equity, live in the data file so that they can be reviewed and
//! extended without touching the rules. Everything is lowercased and put in hash sets or
//! aho-corasick automata here, once.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Why the compiled-in vocabulary could not be read.
#[derive(Debug, thiserror::Error)]
pub enum VocabError {
    #[error("data/pay_words.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error(
        "data/pay_words.toml: period {period:?} for {phrase:?} is not hour/day/week/month/year"
    )]
    BadPeriod { phrase: String, period: String },
    #[error("data/pay_words.toml: building the {what} matcher: {source}")]
    Matcher {
        what: &'static str,
        source: aho_corasick::BuildError,
    },
}

#[derive(Debug, serde::Deserialize)]
struct File {
    #[allow(dead_code, reason = "read so that a missing version is a parse error")]
    version: u32,
    currency: CurrencyFile,
    period: PeriodFile,
    bounds: BoundsFile,
    words: WordsFile,
    equity: EquityFile,
}

#[derive(Debug, serde::Deserialize)]
struct CurrencyFile {
    symbols: HashMap<String, String>,
    dollar_prefixes: HashMap<String, String>,
    codes: Vec<String>,
    code_aliases: HashMap<String, String>,
    million_currencies: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct PeriodFile {
    after: Vec<(String, String)>,
    before: HashMap<String, String>,
}

#[derive(Debug, serde::Deserialize)]
struct BoundsFile {
    up_to: Vec<String>,
    from: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct WordsFile {
    evidence: Vec<String>,
    salary_words: Vec<String>,
    exclude_before: Vec<String>,
    exclude_after: Vec<String>,
    bare_allowed_after: Vec<String>,
    perks: Vec<String>,
    not_amounts: Vec<String>,
}

#[derive(Debug, serde::Deserialize)]
struct EquityFile {
    offers: Vec<String>,
    not_offers: Vec<String>,
}

/// The vocabulary, ready to use.
#[derive(Debug)]
pub struct Vocab {
    /// Currency symbols (as written) to ISO codes, longest first.
    pub symbols: Vec<(String, String)>,
    pub dollar_prefixes: HashMap<String, String>,
    pub codes: HashSet<String>,
    pub code_aliases: HashMap<String, String>,
    /// Currencies whose salaries are written in millions ("¥9M").
    pub million_currencies: HashSet<String>,
    /// Lowercased period phrases written after a figure, longest first.
    pub period_after: Vec<(String, &'static str)>,
    pub period_before: HashMap<String, &'static str>,
    pub up_to: Vec<String>,
    pub from: Vec<String>,
    pub evidence: HashSet<String>,
    pub salary_words: HashSet<String>,
    pub exclude_before: HashSet<String>,
    pub exclude_after: HashSet<String>,
    pub bare_allowed_after: HashSet<String>,
    pub perks: HashSet<String>,
    pub not_amounts: HashSet<String>,
    pub equity_offers: AhoCorasick,
    pub equity_not_offers: AhoCorasick,
}

fn period_name(phrase: &str, period: &str) -> Result<&'static str, VocabError> {
    match period {
        "hour" => Ok("hour"),
        "day" => Ok("day"),
        "week" => Ok("week"),
        "month" => Ok("month"),
        "year" => Ok("year"),
        _ => Err(VocabError::BadPeriod {
            phrase: phrase.to_string(),
            period: period.to_string(),
        }),
    }
}

fn lower_set(words: Vec<String>) -> HashSet<String> {
    words.into_iter().map(|w| w.to_lowercase()).collect()
}

fn longest_first(mut phrases: Vec<String>) -> Vec<String> {
    phrases.sort_by_key(|p| std::cmp::Reverse(p.len()));
    phrases
}

fn matcher(what: &'static str, phrases: &[String]) -> Result<AhoCorasick, VocabError> {
    AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(phrases)
        .map_err(|source| VocabError::Matcher { what, source })
}

impl Vocab {
    /// Parses a vocabulary in the layout of `data/pay_words.toml`.
    pub fn parse(text: &str) -> Result<Vocab, VocabError> {
        let file: File = toml::from_str(text)?;
        let mut symbols: Vec<(String, String)> = file.currency.symbols.into_iter().collect();
        symbols.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
        let mut period_after = Vec::new();
        for (phrase, period) in file.period.after {
            let name = period_name(&phrase, &period)?;
            period_after.push((phrase.to_lowercase(), name));
        }
        period_after.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        let mut period_before = HashMap::new();
        for (word, period) in file.period.before {
            let name = period_name(&word, &period)?;
            period_before.insert(word.to_lowercase(), name);
        }
        Ok(Vocab {
            symbols,
            dollar_prefixes: file.currency.dollar_prefixes,
            codes: file.currency.codes.into_iter().collect(),
            code_aliases: file.currency.code_aliases,
            million_currencies: file.currency.million_currencies.into_iter().collect(),
            period_after,
            period_before,
            up_to: longest_first(file.bounds.up_to),
            from: longest_first(file.bounds.from),
            evidence: lower_set(file.words.evidence),
            salary_words: lower_set(file.words.salary_words),
            exclude_before: lower_set(file.words.exclude_before),
            exclude_after: lower_set(file.words.exclude_after),
            bare_allowed_after: lower_set(file.words.bare_allowed_after),
            perks: lower_set(file.words.perks),
            not_amounts: lower_set(file.words.not_amounts),
            equity_offers: matcher("equity offers", &file.equity.offers)?,
            equity_not_offers: matcher("equity non-offers", &file.equity.not_offers)?,
        })
    }

    /// The ISO code for a written code, following aliases ("RMB" → "CNY").
    pub fn code(&self, written: &str) -> Option<String> {
        if !self.codes.contains(written) {
            return None;
        }
        Some(
            self.code_aliases
                .get(written)
                .cloned()
                .unwrap_or_else(|| written.to_string()),
        )
    }
}

/// The vocabulary compiled in from `data/pay_words.toml`. The file ships with the binary and the
/// tests parse it, so a failure here is a build defect, reported with the file and the reason.
pub static VOCAB: LazyLock<Vocab> =
    LazyLock::new(
        || match Vocab::parse(include_str!("../../data/pay_words.toml")) {
            Ok(vocab) => vocab,
            Err(err) => panic!("{err}"),
        },
    );

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_vocabulary_parses() {
        let vocab = Vocab::parse(include_str!("../../data/pay_words.toml")).unwrap();
        assert_eq!(vocab.code("RMB").as_deref(), Some("CNY"));
        assert_eq!(vocab.code("EUR").as_deref(), Some("EUR"));
        assert_eq!(vocab.code("ABC"), None);
    }

    #[test]
    fn a_bad_period_is_a_typed_error() {
        let text = include_str!("../../data/pay_words.toml")
            .replace(r#"["/hr", "hour"]"#, r#"["/hr", "fortnight"]"#);
        assert!(matches!(
            Vocab::parse(&text),
            Err(VocabError::BadPeriod { .. })
        ));
    }
}
