//! Money-shaped tokens: a number with its written currency, multiplier and percent sign.
//!
//! One left-to-right pass over the text finds every digit run that starts a number and reads
//! what is attached to it: a currency before (`$`, `C$`, `€`, `EUR `) or after (` EUR`, `€`), a
//! thousands separator as written (`1,000`, EU `1.000`, `1 000`), decimals (`62.50`, `1,5`),
//! a multiplier (`k`, `thousand`; `M`/`bn`/`million` mark funding-sized figures), a `%`. It does
//! not decide what is pay: [`super`] reads the context. Hand-written rather than one regex
//! because the separator rules depend on each other (EU `80.000` vs `1.5k`) and because a
//! byte-level scanner is both fast and easy to keep panic-free (every slice is at an ASCII
//! byte or a matched symbol, so always on a char boundary).

use super::vocab::Vocab;

/// One number as written, with what is attached to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Amount {
    /// Byte offset of the amount, currency prefix included.
    pub start: usize,
    /// Byte offset of the first digit.
    pub number_start: usize,
    /// Byte offset just past the amount (multiplier and currency suffix included).
    pub end: usize,
    /// The number as written, before any multiplier.
    pub raw: f64,
    /// The number with its multiplier applied.
    pub value: f64,
    /// Written with `k` or `thousand`.
    pub thousands: bool,
    /// Written with a million/billion/trillion multiplier: never pay.
    pub big: bool,
    /// Followed by `%`.
    pub percent: bool,
    /// ISO code of the currency written with it.
    pub currency: Option<String>,
    /// The currency was a plain `$` (which a posting may redefine, "all figures in CAD").
    pub plain_dollar: bool,
}

/// The char ending at byte `at` is alphanumeric (a word goes on before `at`).
fn word_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// The char ending at byte `at` is a letter.
fn letter_before(text: &str, at: usize) -> bool {
    text.get(..at)
        .and_then(|s| s.chars().next_back())
        .is_some_and(char::is_alphabetic)
}

/// The char starting at byte `at` is a letter.
fn letter_at(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// Length in bytes of a thousands-group separator at `at` (`,`, `.`, space, no-break spaces).
fn separator_len(bytes: &[u8], at: usize) -> Option<(usize, u8)> {
    match bytes.get(at)? {
        b',' => Some((1, b',')),
        b'.' => Some((1, b'.')),
        b' ' => Some((1, b' ')),
        0xC2 if bytes.get(at + 1) == Some(&0xA0) => Some((2, b' ')),
        0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xAF) => {
            Some((3, b' '))
        }
        _ => None,
    }
}

/// Exactly three digits at `at`, not followed by another digit.
fn three_digits(bytes: &[u8], at: usize) -> bool {
    (at..at + 3).all(|i| bytes.get(i).is_some_and(u8::is_ascii_digit))
        && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
}

/// A word ends at `at`: no letter follows.
fn word_ends(text: &str, at: usize) -> bool {
    !letter_at(text, at)
}

/// The digits of a number without its separators, on the stack (no allocation per number).
/// Longer numbers than fit are not pay and read as `None`.
struct Digits {
    bytes: [u8; 40],
    len: usize,
}

impl Default for Digits {
    fn default() -> Digits {
        Digits {
            bytes: [0; 40],
            len: 0,
        }
    }
}

impl Digits {
    fn push(&mut self, part: &str) -> Option<()> {
        let end = self.len + part.len();
        self.bytes
            .get_mut(self.len..end)?
            .copy_from_slice(part.as_bytes());
        self.len = end;
        Some(())
    }

    fn as_str(&self) -> Option<&str> {
        std::str::from_utf8(self.bytes.get(..self.len)?).ok()
    }
}

struct Number {
    end: usize,
    value: f64,
}

/// Reads a number starting at `start` (a digit). `spaces` allows space-grouped thousands
/// ("80 000", as written in much of Europe).
fn read_number(text: &str, start: usize, spaces: bool) -> Option<Number> {
    let bytes = text.as_bytes();
    let mut end = start;
    while bytes.get(end).is_some_and(u8::is_ascii_digit) {
        end += 1;
    }
    let lead_len = end - start;
    let mut digits = Digits::default();
    digits.push(text.get(start..end)?)?;
    let mut grouping: Option<u8> = None;
    if lead_len <= 3 {
        while let Some((len, kind)) = separator_len(bytes, end) {
            if grouping.is_some_and(|g| g != kind) || (kind == b' ' && !spaces) {
                break;
            }
            if !three_digits(bytes, end + len) {
                break;
            }
            // "1.5k" and "2.500k" are decimals before a multiplier, not EU thousands.
            if kind == b'.'
                && grouping.is_none()
                && matches!(bytes.get(end + len + 3), Some(b'k' | b'K' | b'm' | b'M'))
            {
                break;
            }
            digits.push(text.get(end + len..end + len + 3)?)?;
            grouping = Some(kind);
            end += len + 3;
        }
    }
    // Decimals: "62.50", "1.5k"; EU "1.234,5" after dot grouping, or "1,5k".
    let decimal_mark = match grouping {
        Some(b'.') => Some(b','),
        Some(b',') => Some(b'.'),
        _ => match bytes.get(end) {
            Some(b'.') => Some(b'.'),
            Some(b',') => Some(b','),
            _ => None,
        },
    };
    if let Some(mark) = decimal_mark {
        if bytes.get(end) == Some(&mark) {
            let mut frac_end = end + 1;
            while bytes.get(frac_end).is_some_and(u8::is_ascii_digit) {
                frac_end += 1;
            }
            let frac_len = frac_end - end - 1;
            if (1..=2).contains(&frac_len) {
                digits.push(".")?;
                digits.push(text.get(end + 1..frac_end)?)?;
                end = frac_end;
            }
        }
    }
    let value = digits.as_str()?.parse::<f64>().ok()?;
    value.is_finite().then_some(Number { end, value })
}

enum Multiplier {
    Thousand,
    /// Millions: pay in currencies with small units ("¥9M"), funding elsewhere ("$20M").
    Million,
    /// Billions and trillions: never pay.
    Big,
}

/// A multiplier at `at` (after an optional single space): returns its kind and end.
fn read_multiplier(text: &str, at: usize) -> Option<(Multiplier, usize)> {
    let bytes = text.as_bytes();
    let (at, spaced) = if bytes.get(at) == Some(&b' ') {
        (at + 1, true)
    } else {
        (at, false)
    };
    let rest = text.get(at..)?;
    let head = rest.as_bytes();
    let starts_with = |word: &str| {
        head.len() >= word.len() && head[..word.len()].eq_ignore_ascii_case(word.as_bytes())
    };
    for (word, kind) in [
        ("thousand", Multiplier::Thousand),
        ("trillion", Multiplier::Big),
        ("billion", Multiplier::Big),
        ("million", Multiplier::Million),
        ("mil", Multiplier::Million),
        ("bn", Multiplier::Big),
        ("mm", Multiplier::Million),
        ("mn", Multiplier::Million),
    ] {
        if starts_with(word) {
            let mut end = at + word.len();
            if matches!(head.get(word.len()), Some(b's' | b'S')) {
                end += 1;
            }
            if word_ends(text, end) {
                return Some((kind, end));
            }
        }
    }
    // Single letters only when written tight against the number ("80k", not "80 k ...").
    if spaced {
        return None;
    }
    match bytes.get(at) {
        Some(b'k' | b'K') if !bytes.get(at + 1).is_some_and(|b| b.is_ascii_alphabetic()) => {
            Some((Multiplier::Thousand, at + 1))
        }
        Some(b'm' | b'M') if word_ends(text, at + 1) => Some((Multiplier::Million, at + 1)),
        Some(b'b' | b'B' | b't' | b'T') if word_ends(text, at + 1) => {
            Some((Multiplier::Big, at + 1))
        }
        _ => None,
    }
}

/// A currency written right after position `at` (after an optional space): (code, end).
fn read_suffix_currency(text: &str, at: usize, vocab: &Vocab) -> Option<(String, usize, bool)> {
    let bytes = text.as_bytes();
    let at = if bytes.get(at) == Some(&b' ') {
        at + 1
    } else {
        at
    };
    let rest = text.get(at..)?;
    for (symbol, code) in &vocab.symbols {
        if rest.starts_with(symbol.as_str()) {
            let end = at + symbol.len();
            let alphabetic = symbol.chars().all(char::is_alphabetic);
            if alphabetic && !word_ends(text, end) {
                continue;
            }
            return Some((code.clone(), end, symbol == "$"));
        }
    }
    let word = rest.get(..3).unwrap_or("");
    if word.len() == 3 && word.bytes().all(|b| b.is_ascii_uppercase()) {
        let end = at + 3;
        if word_ends(text, end) {
            if let Some(code) = vocab.code(word) {
                return Some((code, end, false));
            }
        }
    }
    None
}

/// A currency written right before `number_start` (an optional space between): (code, start).
fn read_prefix_currency(
    text: &str,
    number_start: usize,
    vocab: &Vocab,
) -> Option<(String, usize, bool)> {
    let bytes = text.as_bytes();
    let mut at = number_start;
    if at > 0 && bytes[at - 1] == b' ' {
        at -= 1;
    } else if at >= 2 && bytes[at - 2] == 0xC2 && bytes[at - 1] == 0xA0 {
        at -= 2;
    }
    let before = text.get(..at)?;
    for (symbol, code) in &vocab.symbols {
        if !before.ends_with(symbol.as_str()) {
            continue;
        }
        let start = at - symbol.len();
        if symbol.chars().all(char::is_alphabetic) && letter_before(text, start) {
            continue;
        }
        if symbol == "$" {
            // Letters glued before "$": C$, CA$, US$, USD$, A$ ...
            let mut letters_start = start;
            while letters_start > 0 && bytes[letters_start - 1].is_ascii_uppercase() {
                letters_start -= 1;
            }
            let glued_to_word = word_before(text, letters_start);
            if letters_start < start && !glued_to_word {
                if let Some(code) = text
                    .get(letters_start..start)
                    .and_then(|letters| vocab.dollar_prefixes.get(letters))
                {
                    return Some((code.clone(), letters_start, false));
                }
            }
            return Some((code.clone(), start, true));
        }
        return Some((code.clone(), start, false));
    }
    if at >= 3 {
        let start = at - 3;
        let word = text.get(start..at)?;
        let clean_start = !letter_before(text, start);
        if clean_start && word.bytes().all(|b| b.is_ascii_uppercase()) {
            if let Some(code) = vocab.code(word) {
                return Some((code, start, false));
            }
        }
    }
    None
}

/// Every number in `text`, in order, with what is attached to it.
pub fn amounts(text: &str, vocab: &Vocab) -> Vec<Amount> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        if !bytes[at].is_ascii_digit() {
            at += 1;
            continue;
        }
        let number_start = at;
        let prefix = read_prefix_currency(text, number_start, vocab);
        // A digit run glued to letters ("H1B", "x86", "GS13") is not an amount, unless the
        // letters are a currency ("USD120k").
        let glued = number_start > 0
            && (letter_before(text, number_start)
                || matches!(bytes[number_start - 1], b'.' | b','))
            && prefix.is_none();
        let number = read_number(text, number_start, true);
        let Some(number) = number else {
            // Skip the digit run.
            while at < bytes.len() && bytes[at].is_ascii_digit() {
                at += 1;
            }
            continue;
        };
        let mut end = number.end;
        let mut value = number.value;
        let (mut thousands, mut big, mut millions) = (false, false, false);
        if let Some((kind, multiplier_end)) = read_multiplier(text, end) {
            match kind {
                Multiplier::Thousand => {
                    thousands = true;
                    value *= 1000.0;
                }
                Multiplier::Million => millions = true,
                Multiplier::Big => big = true,
            }
            end = multiplier_end;
        }
        let percent = bytes.get(end) == Some(&b'%')
            || (bytes.get(end) == Some(&b' ') && bytes.get(end + 1) == Some(&b'%'));
        let (mut currency, mut start, mut plain_dollar) = (None, number_start, false);
        if let Some((code, prefix_start, dollar)) = prefix {
            currency = Some(code);
            start = prefix_start;
            plain_dollar = dollar;
        }
        if let Some((code, suffix_end, dollar)) = read_suffix_currency(text, end, vocab) {
            // A code after the number overrides a bare "$" before it ("$100k CAD").
            if currency.is_none() || plain_dollar {
                plain_dollar = dollar && currency.is_none();
                currency = Some(code);
            }
            end = suffix_end;
        }
        if millions {
            match &currency {
                Some(code) if vocab.million_currencies.contains(code) => value *= 1_000_000.0,
                _ => big = true,
            }
        }
        if !glued {
            found.push(Amount {
                start,
                number_start,
                end,
                raw: number.value,
                value,
                thousands,
                big,
                percent,
                currency,
                plain_dollar,
            });
        }
        at = end.max(number_start + 1);
        while at < bytes.len() && !text.is_char_boundary(at) {
            at += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::vocab::VOCAB;
    use super::*;

    fn one(text: &str) -> Amount {
        let found = amounts(text, &VOCAB);
        assert_eq!(found.len(), 1, "{text:?}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn separators_and_decimals() {
        assert_eq!(one("$120,000").value, 120_000.0);
        assert_eq!(one("80.000 €").value, 80_000.0);
        assert_eq!(one("€80 000").value, 80_000.0);
        assert_eq!(one("$62.50/hr").value, 62.5);
        assert_eq!(one("1.5k").value, 1500.0);
        assert_eq!(one("$1,234,567.89").value, 1_234_567.89);
    }

    #[test]
    fn currencies_before_and_after() {
        assert_eq!(one("C$90k").currency.as_deref(), Some("CAD"));
        assert_eq!(one("US$ 90k").currency.as_deref(), Some("USD"));
        assert_eq!(one("EUR 70k").currency.as_deref(), Some("EUR"));
        assert_eq!(one("90k CHF").currency.as_deref(), Some("CHF"));
        assert_eq!(one("$90k CAD").currency.as_deref(), Some("CAD"));
        assert!(one("$90k").plain_dollar);
        assert_eq!(one("GrabCAD 90").currency, None);
    }

    #[test]
    fn big_and_percent() {
        assert!(one("$20M").big);
        assert!(one("$1.3mm").big);
        assert!(one("$5 billion").big);
        assert!(one("0.5%").percent);
        assert!(!one("$5 months").big);
        let yen = one("¥9M");
        assert!(!yen.big);
        assert_eq!(yen.value, 9_000_000.0);
        assert!(one("20M users").big);
    }
}
