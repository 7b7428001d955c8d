//! Pay ranges as written, with a normalised annual USD figure, and whether equity is offered.
//!
//! [`find`] reads every money-shaped token once ([`lex`]), joins tokens written as a range
//! (`$120k - $150k`, `EUR 70-120k`, `$45hr to $75hr`), reads the period written after it
//! (`/hr`, `per month`, `p.a.`) and the bound written before it (`up to`, `from`), then decides
//! from the words around it whether it is pay at all: GUIDELINES.md counts only pay, and most
//! figures in postings are funding, revenue, perks or user counts. A figure is kept when it is a
//! currency range of salary size, when it sits in a `|`-separated header field, or when a pay word
//! ("salary", "comp", "base", "+ equity") is beside it; it is dropped when a funding, perk or
//! count word is ("raised", "budget", "users"). The vocabulary is data (`data/pay_words.toml`),
//! the rules are here. The same range is listed once, and a figure restated right after in
//! another period or as a conversion ("$4,000/mo ($48,000/yr)", "20M JPY (~$125k)") is listed
//! as first written. A bare "$" is USD unless the posting writes a dollar code ("C$", "$90k CAD").
//!
//! Beside the as-written range each [`PayRange`] carries an annual USD figure ([`fx`]: hour ×
//! 2080, day × 260, week × 52, month × 12, at the posting year's average rate) and a flag when
//! that figure is implausible (below $5k or above $2M a year, or min written above max). A
//! figure that would be implausible is kept only when a salary word names it, since unnamed
//! it is almost always a perk or a price ("gym membership up to $50/month"). A range with no
//! currency written keeps `annual_usd_*` at `None`: converting it would mean guessing the
//! currency from the location, and a guess would look like a measurement downstream.
//! [`offers_equity`] is in [`equity`].

mod equity;
pub mod fx;
mod lex;
mod vocab;

pub use equity::offers_equity;

use lex::Amount;
use serde::{Deserialize, Serialize};
use vocab::{Vocab, VOCAB};

/// One pay range found in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PayRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code, or `None` when the text writes no currency.
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub period: Option<String>,
    /// Byte span of the range in the text it was read from.
    pub span: (usize, usize),
    /// The range as US dollars a year (hour × 2080, day × 260, week × 52, month × 12, converted
    /// at the posting year's average rate). `None` when the currency is not written: a bare
    /// "120-150k" could be dollars, euros or pounds, and guessing from the location would make a
    /// wrong figure look measured.
    pub annual_usd_min: Option<f64>,
    pub annual_usd_max: Option<f64>,
    /// Why the annual figure is implausible, when it is.
    pub flag: Option<String>,
}

/// Annual USD figures below this are flagged as implausible for a paid role.
pub const PLAUSIBLE_ANNUAL_USD_MIN: f64 = 5_000.0;
/// Annual USD figures above this are flagged as implausible.
pub const PLAUSIBLE_ANNUAL_USD_MAX: f64 = 2_000_000.0;

/// Every distinct pay range in `text`, in order of appearance, converted at the latest FX year.
pub fn find(text: &str) -> Vec<PayRange> {
    find_dated(text, None)
}

/// Like [`find`], converting at the average rate of the posting's year (`month` is `YYYY-MM`).
pub fn find_dated(text: &str, month: Option<&str>) -> Vec<PayRange> {
    let year = month
        .and_then(|m| m.get(..4))
        .and_then(|y| y.parse::<u16>().ok());
    let vocab = &*VOCAB;
    let amounts = lex::amounts(text, vocab);
    let mut candidates = Vec::new();
    let mut index = 0;
    // Most numbers in a posting are plain (years, counts, versions): only a number written with
    // a currency or a multiplier, or joined to one, can be pay, so plain ones are skipped early.
    let money_like = |a: &Amount| (a.currency.is_some() || a.thousands || a.big) && !a.percent;
    while index < amounts.len() {
        let first = &amounts[index];
        let second = amounts
            .get(index + 1)
            .filter(|second| money_like(first) || money_like(second));
        match second.and_then(|second| join_range(text, first, second, vocab)) {
            Some(mut candidate) => {
                attach_trailing_code(text, &mut candidate, vocab);
                candidates.push(candidate);
                index += 2;
            }
            None => {
                if money_like(first) {
                    let mut candidate = single(text, first, vocab);
                    attach_trailing_code(text, &mut candidate, vocab);
                    candidates.push(candidate);
                }
                index += 1;
            }
        }
    }
    // Looked up once, and only when a plain "$" figure is kept.
    let mut dollar_code: Option<Option<String>> = None;
    let mut found: Vec<PayRange> = Vec::new();
    let mut last_kept_end: Option<(usize, &Candidate)> = None;
    for candidate in &candidates {
        if !is_pay(text, candidate, vocab) {
            continue;
        }
        // A figure restated in another period right after the first ("$4,000/mo ($50,000/yr)").
        if let Some((end, previous)) = last_kept_end {
            let gap = text.get(end..candidate.start).unwrap_or("");
            let restated = previous.period != candidate.period
                || (previous.currency != candidate.currency && gap.contains(['(', '~', '≈']));
            // "45-70 USD per hour, or 7560-11760 USD a month": only linking words between.
            let link = gap
                .trim_matches([' ', ',', '(', '~', '≈', '/', '='])
                .to_ascii_lowercase();
            let adjacent = gap.chars().count() <= 4
                || matches!(
                    link.as_str(),
                    "or" | "i.e." | "ie" | "approx." | "approx" | "about"
                );
            if adjacent && restated {
                continue;
            }
        }
        let mut range = candidate.to_range(year);
        if candidate.plain_dollar {
            let code =
                dollar_code.get_or_insert_with(|| posting_dollar_code(text, &amounts, vocab));
            if let Some(code) = code {
                range.currency = Some(code.clone());
                annualise(&mut range, year);
            }
        }
        last_kept_end = Some((candidate.end, candidate));
        let same = |r: &PayRange| {
            r.min == range.min
                && r.max == range.max
                && r.currency == range.currency
                && r.period == range.period
        };
        if !found.iter().any(same) {
            found.push(range);
        }
    }
    found
}

/// A range or single figure read from the text, before deciding whether it is pay.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    min: Option<f64>,
    max: Option<f64>,
    currency: Option<String>,
    plain_dollar: bool,
    period: Option<&'static str>,
    /// A period was written (not defaulted).
    period_written: bool,
    is_range: bool,
    thousands: bool,
    big: bool,
    percent: bool,
    /// The bare text of the number, lowercased ("401k").
    bare: String,
}

impl Candidate {
    fn largest(&self) -> f64 {
        self.max
            .or(self.min)
            .unwrap_or(0.0)
            .max(self.min.unwrap_or(0.0))
    }

    fn to_range(&self, year: Option<u16>) -> PayRange {
        let (mut min, mut max) = (self.min, self.max);
        let mut flag = None;
        if let (Some(low), Some(high)) = (min, max) {
            if low > high {
                (min, max) = (Some(high), Some(low));
                flag = Some("minimum written above maximum; swapped".to_string());
            }
        }
        let mut range = PayRange {
            min,
            max,
            currency: self.currency.clone(),
            period: self.period.map(str::to_string),
            span: (self.start, self.end),
            annual_usd_min: None,
            annual_usd_max: None,
            flag,
        };
        annualise(&mut range, year);
        range
    }
}

/// Fills the annual USD figures of `range` and flags implausible ones.
fn annualise(range: &mut PayRange, year: Option<u16>) {
    let convert = |amount: Option<f64>| {
        amount.and_then(|a| {
            fx::annual_usd(a, range.currency.as_deref(), range.period.as_deref(), year)
        })
    };
    range.annual_usd_min = convert(range.min);
    range.annual_usd_max = convert(range.max);
    if range.flag.is_some() {
        return;
    }
    if range.currency.is_some() && range.period.is_none() {
        range.flag = Some("no period written; not annualised".to_string());
    }
    for figure in [range.annual_usd_min, range.annual_usd_max]
        .into_iter()
        .flatten()
    {
        if figure < PLAUSIBLE_ANNUAL_USD_MIN {
            range.flag = Some(format!(
                "annual USD {figure:.0} is below {PLAUSIBLE_ANNUAL_USD_MIN:.0}"
            ));
        } else if figure > PLAUSIBLE_ANNUAL_USD_MAX {
            range.flag = Some(format!(
                "annual USD {figure:.0} is above {PLAUSIBLE_ANNUAL_USD_MAX:.0}"
            ));
        }
    }
}

/// ASCII-lowercased text of `text[start..end]` (same byte offsets as the text, so a match's
/// length is its length in the text), or empty when the bounds are not char boundaries.
fn lower(text: &str, start: usize, end: usize) -> String {
    text.get(start..end).unwrap_or("").to_ascii_lowercase()
}

/// Start of a char boundary at or before `at`.
fn floor_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Start of a char boundary at or after `at`.
fn ceil_boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while at < text.len() && !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The period written right after byte `at` (after spaces and a "+"): (period, end).
fn period_after(text: &str, at: usize, vocab: &Vocab) -> Option<(&'static str, usize)> {
    let bytes = text.as_bytes();
    // "$100k+/yr", "$100k /yr"; not "$100k + annual bonus".
    let mut cursor = at;
    // "$200k+ monthly profit share": after "+ " an adjective starts an addition; "+ p.a." and
    // "+ per year" are still periods.
    let mut after_plus_space = false;
    if bytes.get(cursor) == Some(&b'+') {
        cursor += 1;
        after_plus_space = bytes.get(cursor) == Some(&b' ');
    }
    while bytes.get(cursor) == Some(&b' ') {
        cursor += 1;
    }
    if bytes.get(cursor) == Some(&b'+') {
        return None;
    }
    let window_end = ceil_boundary(text, cursor + 16);
    let mut window = lower(text, cursor, window_end);
    // "/ month" reads as "/month": `skipped` bytes of spaces after the slash are dropped.
    let mut skipped = 0;
    if let Some(rest) = window.strip_prefix('/') {
        let unspaced = rest.trim_start_matches(' ');
        skipped = rest.len() - unspaced.len();
        window = format!("/{unspaced}");
    }
    for (phrase, period) in &vocab.period_after {
        if let Some(rest) = window.strip_prefix(phrase.as_str()) {
            let next = rest.chars().next();
            // "pa" and "ph" must stand alone; "/h" must not be "/home".
            let ends_word = phrase.ends_with('.') || !next.is_some_and(char::is_alphanumeric);
            let adjective = matches!(
                phrase.as_str(),
                "monthly" | "annual" | "yearly" | "hourly" | "daily" | "weekly"
            );
            if ends_word && !(after_plus_space && adjective) {
                let end = cursor + phrase.len() + if phrase.starts_with('/') { skipped } else { 0 };
                return Some((period, end));
            }
        }
    }
    None
}

/// The words (lowercased) of the clause ending at byte `at`, nearest last, at most `limit`.
fn words_before(text: &str, at: usize, limit: usize) -> Vec<String> {
    let start = floor_boundary(text, at.saturating_sub(120));
    let window = text.get(start..at).unwrap_or("");
    let clause_start = window
        .char_indices()
        .rev()
        .find(|(_, c)| matches!(c, '\n' | '|' | ';' | '!' | '?' | '•' | '·'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let mut clause = &window[clause_start..];
    if let Some(i) = clause.rfind(". ") {
        clause = &clause[i + 2..];
    }
    let words: Vec<String> = clause
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '%'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let skip = words.len().saturating_sub(limit);
    words.into_iter().skip(skip).collect()
}

/// What follows a figure, up to the end of its clause (lowercased words, at most `limit`).
struct After {
    /// It begins with an addition ("+ equity", "plus bonus", "with equity").
    additions: bool,
    /// The words before the first addition or number: what the figure itself is ("budget").
    own: Vec<String>,
    /// The clause's first words, additions included: evidence of pay ("and equity").
    all: Vec<String>,
    /// The first token, digits and symbols included ("5*", "users", "").
    first_token: String,
}

/// Reads what follows a figure. Words after an addition describe something else, so in
/// "$150k base plus bonus" the figure is not a bonus.
fn words_after(text: &str, at: usize, limit: usize) -> After {
    let end = ceil_boundary(text, at + 60);
    let window = text.get(at..end).unwrap_or("");
    let trimmed = window.trim_start_matches([' ', '\u{a0}']);
    let lowered = trimmed.to_lowercase();
    let additions = trimmed.starts_with(['+', '&'])
        || ["plus ", "with "].iter().any(|p| lowered.starts_with(p));
    let first_token = lowered
        .split('\n')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';', ':', ')', '|'])
        .to_string();
    let mut clause_end = trimmed
        .get(1..)
        .and_then(|rest| rest.find(['\n', '|', ';', '(', ')', ',', ':', '—', '–', '!', '?', '•']))
        .map_or(trimmed.len(), |i| i + 1);
    if trimmed.starts_with(['(', ')', ',', ';', ':', '|', '\n', '—', '–', '!', '?', '/'])
        || trimmed.starts_with("- ")
    {
        clause_end = 0;
    }
    let mut clause = &trimmed[..clause_end];
    for stop in [". ", " - "] {
        if let Some(i) = clause.find(stop) {
            clause = &clause[..i];
        }
    }
    let mut own = Vec::new();
    let mut all = Vec::new();
    let mut own_done = additions;
    for token in clause.split_whitespace() {
        if matches!(token, "+" | "&") || token.starts_with(['+', '&']) {
            own_done = true;
        }
        for word in token
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
            .filter(|w| !w.is_empty())
        {
            let word = word.to_lowercase();
            let connector = matches!(word.as_str(), "plus" | "with" | "and" | "including");
            if connector || word.starts_with(|c: char| c.is_ascii_digit()) {
                own_done = true;
            }
            if !own_done {
                own.push(word.clone());
            }
            all.push(word);
        }
        if all.len() >= limit {
            break;
        }
    }
    own.truncate(limit);
    all.truncate(limit);
    After {
        additions,
        own,
        all,
        first_token,
    }
}

/// The bound word before a single figure: `Some(true)` for "up to" (no minimum), `Some(false)`
/// for "from" (no maximum).
fn bound_before(text: &str, at: usize, vocab: &Vocab) -> Option<bool> {
    let start = floor_boundary(text, at.saturating_sub(24));
    let window = lower(text, start, at);
    let window = window.trim_end_matches([' ', '~', '\u{a0}']);
    let ends_with_word = |phrase: &str| {
        window.strip_suffix(phrase).is_some_and(|head| {
            !phrase.starts_with(char::is_alphanumeric)
                || !head.chars().next_back().is_some_and(char::is_alphanumeric)
        })
    };
    if vocab.up_to.iter().any(|p| ends_with_word(p)) {
        return Some(true);
    }
    if vocab.from.iter().any(|p| ends_with_word(p)) {
        return Some(false);
    }
    None
}

/// The period named in the clause before a figure ("hourly rate: $45").
fn period_before(text: &str, at: usize, vocab: &Vocab) -> Option<&'static str> {
    words_before(text, at, 5)
        .iter()
        .rev()
        .find_map(|w| vocab.period_before.get(w).copied())
}

/// Default period when none is written: salary-sized figures are annual.
fn default_period(largest: f64) -> Option<&'static str> {
    (largest >= 10_000.0).then_some("year")
}

fn bare_text(text: &str, amount: &Amount) -> String {
    lower(text, amount.number_start, amount.end)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A currency code written after the period or in parentheses ("$105,000/yr CAD",
/// "$109k (AUD)") names the currency of a figure written with a bare "$" or none.
fn attach_trailing_code(text: &str, candidate: &mut Candidate, vocab: &Vocab) {
    if candidate.currency.is_some() && !candidate.plain_dollar {
        return;
    }
    let bytes = text.as_bytes();
    let mut at = candidate.end;
    while bytes.get(at) == Some(&b' ') {
        at += 1;
    }
    let open = bytes.get(at) == Some(&b'(');
    if open {
        at += 1;
    }
    let Some(word) = text.get(at..at + 3) else {
        return;
    };
    let after = text.get(at + 3..).and_then(|rest| rest.chars().next());
    if !word.bytes().all(|b| b.is_ascii_uppercase()) || after.is_some_and(char::is_alphanumeric) {
        return;
    }
    let Some(code) = vocab.code(word) else {
        return;
    };
    let mut end = at + 3;
    if open {
        if bytes.get(end) != Some(&b')') {
            return;
        }
        end += 1;
    }
    candidate.currency = Some(code);
    candidate.plain_dollar = false;
    candidate.end = end;
}

/// A single figure.
fn single(text: &str, amount: &Amount, vocab: &Vocab) -> Candidate {
    let bytes = text.as_bytes();
    let mut end = amount.end;
    let plus = bytes.get(end) == Some(&b'+');
    let period_found = period_after(text, end, vocab);
    if plus {
        end += 1;
    }
    let (period, period_written) = match period_found {
        Some((period, period_end)) => {
            end = period_end;
            (Some(period), true)
        }
        None => match period_before(text, amount.start, vocab) {
            Some(period) => (Some(period), true),
            None => (default_period(amount.value), false),
        },
    };
    let (mut min, mut max) = (Some(amount.value), Some(amount.value));
    match bound_before(text, amount.start, vocab) {
        Some(true) => min = None,
        Some(false) => max = None,
        None if plus => max = None,
        None => {}
    }
    Candidate {
        start: amount.start,
        end,
        min,
        max,
        currency: amount.currency.clone(),
        plain_dollar: amount.plain_dollar,
        period,
        period_written,
        is_range: false,
        thousands: amount.thousands,
        big: amount.big,
        percent: amount.percent,
        bare: bare_text(text, amount),
    }
}

/// Two figures written as a range ("$120k - $150k", "70-120k EUR", "$45hr to $75hr").
fn join_range(text: &str, first: &Amount, second: &Amount, vocab: &Vocab) -> Option<Candidate> {
    if first.percent || second.percent || second.start < first.end {
        return None;
    }
    // "view.php?id=23 - £75,000": a number inside a link is not the start of a range.
    if inside_link(text, first.start) {
        return None;
    }
    let mut gap_start = first.end;
    let mut between_period = None;
    if let Some((period, period_end)) = period_after(text, first.end, vocab) {
        if period_end <= second.start {
            between_period = Some(period);
            gap_start = period_end;
        }
    }
    let gap = lower(text, gap_start, second.start);
    // "~$157,000 to ~$236,000": a "~" beside a word separator is an approximation mark.
    let separator = gap.trim_matches([' ', '\u{a0}', '+']);
    let separator = match separator.trim_matches(['~', ' ']) {
        "" => separator,
        word => word,
    };
    let is_separator = matches!(
        separator,
        "-" | "–" | "—" | "−" | "~" | "to" | "--" | "->" | "→"
    ) || (separator == "and"
        && words_before(text, first.start, 1) == ["between"]);
    if !is_separator || gap.chars().count() > 6 {
        return None;
    }
    let (mut low, mut high) = (first.value, second.value);
    // "$114 - $148k", "$120-140K": the multiplier written once covers both ends.
    if second.thousands && !first.thousands && !first.big && first.raw < 1000.0 {
        low = first.raw * 1000.0;
    }
    if first.thousands && !second.thousands && !second.big && second.raw < 1000.0 {
        high = second.raw * 1000.0;
    }
    // "£60-100,000", "$55-65,000": the thousands written once cover both ends.
    if !first.thousands && !second.thousands && first.raw < 1000.0 && second.raw >= 10_000.0 {
        let scaled = first.raw * 1000.0;
        if scaled <= second.raw && scaled * 5.0 >= second.raw {
            low = scaled;
        }
    }
    // "id=23 - £75,000": ends this far apart are two figures, not one range.
    if low <= 0.0 || high <= 0.0 || high / low > 20.0 || low / high > 20.0 {
        return None;
    }
    let bytes = text.as_bytes();
    let mut end = second.end;
    let period_found = period_after(text, end, vocab);
    if bytes.get(end) == Some(&b'+') {
        end += 1;
    }
    let (period, period_written) = match period_found {
        Some((period, period_end)) => {
            end = period_end;
            (Some(period), true)
        }
        None => match between_period.or_else(|| period_before(text, first.start, vocab)) {
            Some(period) => (Some(period), true),
            None => (default_period(low.max(high)), false),
        },
    };
    // "$120k-$150k CAD": a code written on the second end names the first end's "$" too.
    let currency = if first.plain_dollar && second.currency.is_some() && !second.plain_dollar {
        second.currency.clone()
    } else {
        first.currency.clone().or_else(|| second.currency.clone())
    };
    let plain_dollar = match &first.currency {
        Some(_) => first.plain_dollar && (second.currency.is_none() || second.plain_dollar),
        None => second.plain_dollar,
    };
    Some(Candidate {
        start: first.start,
        end,
        min: Some(low),
        max: Some(high),
        currency,
        plain_dollar,
        period,
        period_written,
        is_range: true,
        thousands: first.thousands || second.thousands,
        big: first.big || second.big,
        percent: false,
        bare: bare_text(text, second),
    })
}

/// The `|`-separated field holding byte `at`, when its line is a header-like list of fields:
/// (byte offset of the field's first non-space char, the field trimmed).
fn header_field(text: &str, at: usize) -> Option<(usize, &str)> {
    // Look at most a few hundred bytes each way, so that a long line costs the same per figure.
    let window_start = floor_boundary(text, at.saturating_sub(400));
    let window_end = ceil_boundary(text, at + 400);
    let line_start = text
        .get(window_start..at)?
        .rfind('\n')
        .map_or(window_start, |i| window_start + i + 1);
    let line_end = text
        .get(at..window_end)?
        .find('\n')
        .map_or(window_end, |i| at + i);
    let line = text.get(line_start..line_end)?;
    if !line.contains('|') {
        return None;
    }
    let offset = at - line_start;
    let field_start = line.get(..offset)?.rfind('|').map(|i| i + 1).unwrap_or(0);
    let field_end = line
        .get(offset..)?
        .find('|')
        .map(|i| offset + i)
        .unwrap_or(line.len());
    let field = line.get(field_start..field_end)?;
    let trimmed = field.trim_start();
    let lead = field.len() - trimmed.len();
    Some((line_start + field_start + lead, trimmed.trim_end()))
}

/// Whether a candidate is pay, from the words around it.
fn is_pay(text: &str, candidate: &Candidate, vocab: &Vocab) -> bool {
    if candidate.big || candidate.percent {
        return false;
    }
    if candidate.min.is_some_and(|v| v <= 0.0) || candidate.max.is_some_and(|v| v <= 0.0) {
        return false;
    }
    if candidate.currency.is_none() && vocab.not_amounts.contains(&candidate.bare) {
        return false;
    }
    if inside_link(text, candidate.start) {
        return false;
    }
    let before = words_before(text, candidate.start, 8);
    let near_before = &before[before.len().saturating_sub(6)..];
    let after = words_after(text, candidate.end, 4);
    let perk_near = before
        .iter()
        .chain(after.own.iter())
        .any(|w| vocab.perks.contains(w));
    let excluded_before = near_before
        .iter()
        .any(|w| vocab.exclude_before.contains(w) || (w == "stipend" && perk_near));
    let excluded_after = after
        .own
        .iter()
        .any(|w| vocab.exclude_after.contains(w) || (w == "stipend" && perk_near));
    if excluded_before || excluded_after {
        return false;
    }
    // A header field is short ("$120k + equity"); a long one is prose after a header.
    let field = header_field(text, candidate.start).filter(|(_, f)| f.chars().count() <= 64);
    let word_evidence = before.iter().any(|w| vocab.evidence.contains(w))
        || after.all.iter().any(|w| vocab.evidence.contains(w));
    let evidence = after.additions || word_evidence;
    // Salary-sized in dollars when the currency is known ("JPY 9,000,000" is), as written when not.
    let units_per_usd = candidate
        .currency
        .as_deref()
        .and_then(|code| fx::FX.units_per_usd(code, None))
        .unwrap_or(1.0);
    let largest = candidate.largest() / units_per_usd;
    let salary_sized = (10_000.0..=5_000_000.0).contains(&largest);
    // A figure that would be an implausible salary ("$50/month", "$3,000,000 a year") is kept,
    // flagged, only when a salary word names it; otherwise it is a perk, a price or revenue.
    let annual = candidate
        .period
        .and_then(fx::periods_per_year)
        .map(|per_year| largest * per_year);
    let implausible =
        annual.is_some_and(|a| !(PLAUSIBLE_ANNUAL_USD_MIN..=PLAUSIBLE_ANNUAL_USD_MAX).contains(&a));
    if implausible && candidate.currency.is_some() {
        let named = before
            .iter()
            .chain(after.all.iter())
            .any(|w| vocab.salary_words.contains(w) || w == "stipend");
        if !named || perk_near {
            return false;
        }
    }
    if candidate.currency.is_some() {
        if candidate.is_range && (salary_sized || candidate.period_written) {
            return true;
        }
        if !candidate.period_written && !salary_sized {
            // "$5,000" with no period and no multiplier: a price or a bonus, not a salary.
            return evidence && candidate.thousands;
        }
        return evidence || field.is_some();
    }
    // No currency: only salary-sized figures written with a multiplier ("120-150k").
    if !candidate.thousands || !salary_sized {
        return false;
    }
    let first_word = after.first_token.split('/').next().unwrap_or("");
    let plain_after = !after.first_token.starts_with(char::is_alphanumeric)
        || after.first_token.ends_with('%')
        || vocab.bare_allowed_after.contains(first_word);
    if candidate.is_range {
        return plain_after;
    }
    let field_is_figure = field.is_some_and(|(start, _)| start == candidate.start);
    let pay_word_before = before
        .iter()
        .rev()
        .take(4)
        .any(|w| vocab.salary_words.contains(w));
    plain_after && (field_is_figure || pay_word_before || word_evidence && after.additions)
}

/// Whether byte `at` is inside a URL ("https://x.com/jobs/senior-engineer-120-150k").
fn inside_link(text: &str, at: usize) -> bool {
    let head = text
        .get(floor_boundary(text, at.saturating_sub(200))..at)
        .unwrap_or("");
    let token_start = head
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &head[token_start..];
    token.contains("://") || token.contains("www.") || token.contains(".com/")
}

/// A dollar code the posting gives for its plain "$" figures ("$100k CAD" elsewhere, "in CAD").
fn posting_dollar_code(text: &str, amounts: &[Amount], vocab: &Vocab) -> Option<String> {
    let dollar_codes: Vec<&String> = vocab
        .dollar_prefixes
        .values()
        .filter(|code| code.as_str() != "USD")
        .collect();
    let from_amounts = amounts
        .iter()
        .filter(|a| !a.plain_dollar && !a.big && !a.percent)
        .filter_map(|a| a.currency.as_ref())
        .find(|code| dollar_codes.contains(code))
        .filter(|_| amounts.iter().any(|a| a.plain_dollar));
    if from_amounts.is_some() {
        return from_amounts.cloned();
    }
    dollar_codes.iter().find_map(|code| {
        let phrases = [format!("in {code}"), format!("({code})")];
        phrases
            .iter()
            .any(|p| text.contains(p.as_str()))
            .then(|| (*code).clone())
    })
}

#[cfg(test)]
mod tests;
