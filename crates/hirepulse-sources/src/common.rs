//! Small pieces every reader shares: dates, text normalisation, the raw-text checks and a stable
//! fallback id.
//!
//! Each format states dates, text and pay in its own way, but a [`Posting`](crate::Posting) must
//! look the same whichever reader made it: the same month rule, the same text normalisation
//! (HTML through [`html::to_text`], plain text through [`plain_to_text`], which applies the same
//! whitespace rules), and the same limits on empty or oversized texts. Keeping those rules here
//! means a fix lands in every format at once.

use crate::{html, MAX_TEXT_BYTES};

/// A date as a source gave it, turned into unix seconds (UTC) and the month `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostedDate {
    pub unix: i64,
    pub month: String,
}

/// Parses RFC 3339 (`2024-06-03T15:01:54Z`), a naive date-time (`2024-06-03T15:01:54`, read as
/// UTC), a plain date (`2024-06-03`, midnight UTC) or unix seconds (`1717426914`). Returns `None`
/// for anything else; callers report that as they see fit.
pub fn parse_date(value: &str) -> Option<PostedDate> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let unix = if let Ok(seconds) = value.parse::<i64>() {
        seconds
    } else if let Ok(time) = chrono::DateTime::parse_from_rfc3339(value) {
        time.timestamp()
    } else if let Ok(time) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S%.f") {
        time.and_utc().timestamp()
    } else if let Ok(time) = chrono::NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M:%S%.f") {
        time.and_utc().timestamp()
    } else {
        // A date, possibly followed by a time we do not understand: the day is what matters.
        let day = value.get(..10).unwrap_or(value);
        let date = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        date.and_hms_opt(0, 0, 0)?.and_utc().timestamp()
    };
    let month = crate::hn_items::month_from_unix(unix)?;
    Some(PostedDate { unix, month })
}

/// True when `text` carries HTML markup (a known tag or a character reference) rather than plain
/// text or Markdown. Markdown may hold the odd `<br>`; such text is read as HTML, which keeps its
/// words and drops the tags.
pub fn looks_like_html(text: &str) -> bool {
    const TAGS: &[&str] = &[
        "p",
        "br",
        "div",
        "span",
        "li",
        "ul",
        "ol",
        "b",
        "i",
        "em",
        "strong",
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "pre",
        "code",
        "font",
        "hr",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "u",
        "small",
        "sup",
        "sub",
        "img",
        "dl",
        "dt",
        "dd",
    ];
    const ENTITIES: &[&str] = &[
        "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#x", "&#39;", "&#34;", "&apos;",
    ];
    if ENTITIES.iter().any(|entity| text.contains(entity)) {
        return true;
    }
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find('<') {
        let start = from + offset + 1;
        from = start;
        let rest = &bytes[start..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let Some(next) = rest.get(name_len) else {
            continue;
        };
        if !matches!(next, b'>' | b' ' | b'/' | b'\n' | b'\t') {
            continue;
        }
        let name = String::from_utf8_lossy(&rest[..name_len]).to_ascii_lowercase();
        if TAGS.contains(&name.as_str()) {
            return true;
        }
    }
    false
}

/// Normalises plain text (or Markdown) by the same whitespace rules as [`html::to_text`]:
/// runs of spaces and tabs become one space, lines keep their breaks, no line has trailing
/// spaces, at most one blank line in a row, no leading or trailing blank lines. `\r\n` and lone
/// `\r` count as line breaks.
pub fn plain_to_text(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut blank_lines = 0usize;
    for line in text.split('\n') {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            blank_lines += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_lines > 0 { "\n\n" } else { "\n" });
        }
        blank_lines = 0;
        out.push_str(&words.join(" "));
    }
    out
}

/// Drops Markdown's backslash escapes (`\*`, `\_`, `\#` ...) that HTML-to-Markdown converters
/// add, so `node\_modules` reads `node_modules`. A backslash before anything but ASCII
/// punctuation (`C:\Users`) is kept.
pub fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.peek().copied().filter(char::is_ascii_punctuation) {
                out.push(next);
                chars.next();
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// The posting text of `raw`: [`html::to_text`] for HTML, [`plain_to_text`] otherwise.
pub fn text_of(raw: &str) -> String {
    if looks_like_html(raw) {
        html::to_text(raw)
    } else {
        plain_to_text(raw)
    }
}

/// Checks a raw posting text against the shared limits; `Err` holds the reason for the record's
/// error, naming the record by `what` (e.g. `item 42`).
pub fn check_raw(what: &str, raw: &str) -> Result<(), String> {
    if raw.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "{what} text is {} bytes, over the {MAX_TEXT_BYTES}-byte limit",
            raw.len()
        ));
    }
    if raw.trim().is_empty() {
        return Err(format!("{what} has an empty text"));
    }
    Ok(())
}

/// Checks the normalised text of a record whose raw text passed [`check_raw`]: markup alone
/// (`<p></p>`) leaves nothing to extract from, which is the record's error.
pub fn check_text(what: &str, text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err(format!("{what} has no text once its markup is removed"));
    }
    Ok(())
}

/// A 64-bit FNV-1a hash as 16 hex digits: a stable id for records that carry none. Stable across
/// platforms and releases (unlike `std`'s hasher), which matters because it becomes a store key.
pub fn stable_hash(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (part_idx, part) in parts.iter().enumerate() {
        if part_idx > 0 {
            // A separator byte that cannot occur in UTF-8 keeps ("ab","c") apart from ("a","bc").
            hash ^= 0xff;
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
        for byte in part.as_bytes() {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// A trimmed, non-empty string, else `None`.
pub fn non_empty(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// Skips a UTF-8 byte order mark and leading ASCII whitespace.
pub fn skip_bom_and_space(head: &[u8]) -> &[u8] {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    &head[start..]
}

/// The largest single-document input (an Algolia thread, a JSON-LD file or page) we read whole.
pub const MAX_DOCUMENT_BYTES: u64 = 256 << 20;

/// A whole-document input, decoded. Invalid UTF-8 does not fail the document: the bad bytes
/// become U+FFFD and `had_invalid_utf8` is set, so the reader can fail only the records that hold
/// a replacement character and keep the rest.
pub struct Document {
    pub text: String,
    pub had_invalid_utf8: bool,
}

/// Reads all of `input` (up to [`MAX_DOCUMENT_BYTES`]); `Err` holds the reason.
pub fn read_document(input: &mut dyn std::io::BufRead) -> Result<Document, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    input
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|err| format!("read error: {err}"))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(format!(
            "document is over the {MAX_DOCUMENT_BYTES}-byte limit for whole-document formats"
        ));
    }
    Ok(match String::from_utf8(bytes) {
        Ok(text) => Document {
            text,
            had_invalid_utf8: false,
        },
        Err(err) => Document {
            text: String::from_utf8_lossy(err.as_bytes()).into_owned(),
            had_invalid_utf8: true,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_shape() {
        let day = parse_date("2024-06-03").unwrap();
        assert_eq!((day.unix, day.month.as_str()), (1717372800, "2024-06"));
        assert_eq!(
            parse_date("2024-06-03T15:01:54.000Z").unwrap().unix,
            1717426914
        );
        assert_eq!(parse_date("2024-06-03T15:01:54").unwrap().unix, 1717426914);
        assert_eq!(
            parse_date("2024-06-03T17:01:54+02:00").unwrap().unix,
            1717426914
        );
        assert_eq!(parse_date("1717426914").unwrap().month, "2024-06");
        assert_eq!(parse_date("2024-06-03T15:01Z").unwrap().unix, 1717372800);
        assert_eq!(parse_date("June 2024"), None);
        assert_eq!(parse_date(""), None);
        assert_eq!(parse_date("2024-13-01"), None);
    }

    #[test]
    fn html_is_told_from_plain_text() {
        assert!(looks_like_html("<p>Hi</p>"));
        assert!(looks_like_html("a<br>b"));
        assert!(looks_like_html("Tom &amp; Jerry"));
        assert!(looks_like_html("<div class=\"x\">y</div>"));
        assert!(!looks_like_html("**Rust** engineer, 5 < 6 and AT&T"));
        assert!(!looks_like_html("use Vec<u8> and <T>"));
        assert!(!looks_like_html("a < b"));
    }

    #[test]
    fn plain_text_is_normalised() {
        assert_eq!(
            plain_to_text("\r\n  **Acme**  is\thiring  \r\n\r\n\r\n- Rust \n- Go\n\n"),
            "**Acme** is hiring\n\n- Rust\n- Go"
        );
        assert_eq!(plain_to_text(" \n "), "");
    }

    #[test]
    fn markdown_escapes_are_dropped() {
        assert_eq!(
            unescape_markdown(r"node\_modules, \*\*bold\*\*, C:\Users, a\\b, end\"),
            r"node_modules, **bold**, C:\Users, a\b, end\"
        );
    }

    #[test]
    fn raw_checks() {
        assert!(check_raw("row 2", "  ").unwrap_err().contains("empty text"));
        let big = "x".repeat(MAX_TEXT_BYTES + 1);
        assert!(check_raw("row 2", &big).unwrap_err().contains("limit"));
        assert!(check_raw("row 2", "ok").is_ok());
    }

    #[test]
    fn stable_hash_is_stable_and_separated() {
        assert_eq!(stable_hash(&[""]), "cbf29ce484222325");
        assert_ne!(stable_hash(&["ab", "c"]), stable_hash(&["a", "bc"]));
        assert_eq!(stable_hash(&["a", "b"]), stable_hash(&["a", "b"]));
    }
}
