//! A fast tokenizer for the plain HTML that nearly every HN posting is made of.
//!
//! HN texts use a handful of shapes: lowercase tags such as `<p>`, `</a>` or
//! `<a href="..." rel="nofollow">` with double-quoted attributes, and `;`-terminated character
//! references such as `&#x2F;` or `&quot;`. For those, html5gum's full state machine (character
//! validation, per-character states) is most of the reading time, so this module scans for `<`
//! and `&` and copies the text between them. It drives the same [`Layout`] with the same calls as
//! the html5gum path: one text run per stretch between two tags, as html5gum emits them. Whatever
//! it does not recognise makes it give up (`None`), and the caller then runs html5gum on the whole
//! input, so the fast path only ever handles inputs whose meaning it is sure of. Character
//! references are still decoded by html5gum (on the reference alone, which gives the same result
//! because a reference ending in `;` never depends on what follows it), and remembered per thread.

use super::Layout;
use html5gum::{Token, Tokenizer};
use std::cell::RefCell;

/// Longest run of letters and digits accepted in a reference (the longest entity name is 31).
const MAX_REFERENCE_NAME: usize = 40;
/// Bound on remembered references: HN texts use about six, and the list is searched in order.
const MAX_REMEMBERED_REFERENCES: usize = 64;

/// Lays out `html` when it only uses the shapes this module knows, or `None`.
pub(crate) fn layout(html: &str) -> Option<Layout> {
    // html5gum rewrites CR and NUL in its input stream; leave such inputs to it.
    if html.bytes().any(|b| b == b'\r' || b == b'\0') {
        return None;
    }
    let mut layout = Layout::default();
    let mut run = String::with_capacity(html.len());
    let mut href = String::new();
    let mut rest = html;
    while let Some(at) = memchr::memchr2(b'<', b'&', rest.as_bytes()) {
        run.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('&') {
            rest = &rest[push_reference(rest, Context::Text, &mut run)?..];
            continue;
        }
        let (tag, len) = parse_tag(rest)?;
        rest = &rest[len..];
        flush_run(&mut layout, &mut run);
        match tag {
            Tag::End(name) => layout.end_tag(name),
            Tag::Start { name, href: None } => layout.start_tag(name, None),
            Tag::Start {
                name,
                href: Some(raw),
            } => {
                href.clear();
                decode_attribute(raw, &mut href)?;
                layout.start_tag(name, Some(href.as_bytes()));
            }
        }
    }
    run.push_str(rest);
    flush_run(&mut layout, &mut run);
    Some(layout)
}

/// Hands a finished text run to the layout; html5gum never emits empty strings.
fn flush_run(layout: &mut Layout, run: &mut String) {
    if !run.is_empty() {
        layout.text(run);
        run.clear();
    }
}

/// Where a character reference stands: named references without `;` differ between the two,
/// so decoded references are remembered per context.
#[derive(Clone, Copy)]
enum Context {
    Text,
    Attribute,
}

enum Tag<'a> {
    Start {
        name: &'a [u8],
        /// The raw (still encoded) value of the `href` attribute.
        href: Option<&'a str>,
    },
    End(&'a [u8]),
}

/// Parses `<name( attr="value")*>` or `</name>` at the start of `s`, lowercase names only.
fn parse_tag(s: &str) -> Option<(Tag<'_>, usize)> {
    let bytes = s.as_bytes();
    let is_end = bytes.get(1) == Some(&b'/');
    let name_start = if is_end { 2 } else { 1 };
    let name_end = name_start + tag_name_len(&bytes[name_start..])?;
    let name = &bytes[name_start..name_end];
    if is_end {
        return (bytes.get(name_end) == Some(&b'>')).then_some((Tag::End(name), name_end + 1));
    }
    let mut at = name_end;
    let mut href = None;
    loop {
        match bytes.get(at)? {
            b'>' => return Some((Tag::Start { name, href }, at + 1)),
            b' ' => {
                let (attr, value, len) = parse_attribute(&s[at + 1..])?;
                if attr == "href" {
                    // html5gum keeps the first of duplicate attributes; rare, so let it decide.
                    if href.is_some() {
                        return None;
                    }
                    href = Some(value);
                }
                at += 1 + len;
            }
            _ => return None,
        }
    }
}

/// Length of a tag name made of a lowercase letter then lowercase letters and digits.
fn tag_name_len(bytes: &[u8]) -> Option<usize> {
    if !bytes.first()?.is_ascii_lowercase() {
        return None;
    }
    Some(
        bytes
            .iter()
            .position(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
            .unwrap_or(bytes.len()),
    )
}

/// Parses `attr="value"` at the start of `s`: (name, raw value, length).
fn parse_attribute(s: &str) -> Option<(&str, &str, usize)> {
    let bytes = s.as_bytes();
    let name_len = bytes.iter().position(|b| !b.is_ascii_lowercase())?;
    if name_len == 0 || !s[name_len..].starts_with("=\"") {
        return None;
    }
    let value_start = name_len + 2;
    let value_len = s[value_start..].find('"')?;
    Some((
        &s[..name_len],
        &s[value_start..value_start + value_len],
        value_start + value_len + 1,
    ))
}

/// Decodes the references in a raw attribute value into `out`.
fn decode_attribute(mut raw: &str, out: &mut String) -> Option<()> {
    while let Some(at) = raw.find('&') {
        out.push_str(&raw[..at]);
        raw = &raw[at..];
        raw = &raw[push_reference(raw, Context::Attribute, out)?..];
    }
    out.push_str(raw);
    Some(())
}

/// Decodes the reference at the start of `s` (which starts with `&`) into `out` and returns its
/// length, or `None` for a reference whose meaning could depend on what follows it.
fn push_reference(s: &str, context: Context, out: &mut String) -> Option<usize> {
    let bytes = s.as_bytes();
    let numeric = bytes.get(1) == Some(&b'#');
    if !numeric && !bytes.get(1).is_some_and(u8::is_ascii_alphanumeric) {
        // Not a reference at all: html5gum keeps the `&` as it is.
        out.push('&');
        return Some(1);
    }
    let name_start = if numeric { 2 } else { 1 };
    let name_len = bytes[name_start..]
        .iter()
        .take(MAX_REFERENCE_NAME + 1)
        .position(|b| !b.is_ascii_alphanumeric())?;
    if name_len == 0 || name_len > MAX_REFERENCE_NAME || bytes[name_start + name_len] != b';' {
        return None;
    }
    let len = name_start + name_len + 1;
    push_decoded(&s[..len], context, out);
    Some(len)
}

thread_local! {
    /// Decoded references, per context (text, attribute).
    static DECODED: RefCell<[Vec<(String, String)>; 2]> = RefCell::default();
}

/// Appends what html5gum makes of `reference` in `context`, remembered across calls.
fn push_decoded(reference: &str, context: Context, out: &mut String) {
    DECODED.with_borrow_mut(|maps| {
        let remembered = &mut maps[context as usize];
        if let Some((_, decoded)) = remembered.iter().find(|(known, _)| known == reference) {
            out.push_str(decoded);
            return;
        }
        let decoded = decode_with_html5gum(reference, context);
        out.push_str(&decoded);
        if remembered.len() < MAX_REMEMBERED_REFERENCES {
            remembered.push((reference.to_string(), decoded));
        }
    });
}

/// Runs html5gum on the reference alone, in text or as an attribute value.
fn decode_with_html5gum(reference: &str, context: Context) -> String {
    let mut decoded = String::new();
    match context {
        Context::Text => {
            for token in Tokenizer::new(reference).flatten() {
                if let Token::String(text) = token {
                    decoded.push_str(&String::from_utf8_lossy(&text));
                }
            }
        }
        Context::Attribute => {
            let html = format!("<a href=\"{reference}\">");
            for token in Tokenizer::new(&html).flatten() {
                if let Token::StartTag(tag) = token {
                    if let Some(value) = tag.attributes.get(b"href".as_slice()) {
                        decoded.push_str(&String::from_utf8_lossy(value));
                    }
                }
            }
        }
    }
    decoded
}

#[cfg(test)]
mod tests {
    use super::super::{full_to_text, to_text};
    use proptest::prelude::*;

    /// Fragments HN texts are made of, which the fast path handles itself.
    const HN_FRAGMENTS: &[&str] = &[
        "Acme",
        " ",
        "  ",
        "\n",
        " | ",
        "x",
        "caf\u{e9}",
        "\u{a0}",
        "\t",
        "\u{1}",
        "\u{fdd0}",
        ">",
        "\"",
        "=",
        ";",
        "#",
        "...",
        "https://acme.com/jobs",
        "https://acme.com/jo...",
        "<p>",
        "</p>",
        "<i>",
        "</i>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<li>",
        "<h1>",
        "</h1>",
        "<script>",
        "</script>",
        "<font color=\"#5a5a5a\">",
        "</font>",
        "<a href=\"https://acme.com/jobs\" rel=\"nofollow\">",
        "<a href=\"https:&#x2F;&#x2F;acme.com&#x2F;jobs\" rel=\"nofollow\">",
        "<a href=\"https://acme.com/jobs/very/long/path\">",
        "<a href=\"#top\">",
        "<a href=\"\">",
        "<a href=\"a>b\">",
        "<a href=\"x&notit;y\">",
        "<a href=\"x&\">",
        "</a>",
        "&#x27;",
        "&quot;",
        "&amp;",
        "&gt;",
        "&lt;",
        "&#x2F;",
        "&nbsp;",
        "&notit;",
        "& ",
        "&#xZZ;",
        "&#65;",
        "&#0;",
        "&#x110000;",
        "&#xD800;",
        "&bogus;",
        "&AMP;",
        "&CounterClockwiseContourIntegral;",
    ];
    /// Shapes the fast path must hand over to html5gum (or decide exactly as it would).
    const TRICKY_FRAGMENTS: &[&str] = &[
        "\r",
        "\r\n",
        "\0",
        "<P>",
        "<I>",
        "<br>",
        "<br/>",
        "<style>",
        "</style>",
        "<a href=\"x&amp=y\">",
        "<a href=\"x\" href=\"y\">",
        "<a href='x'>",
        "<a href=x>",
        "<a HREF=\"x\">",
        "<a href=\"x\"rel=\"y\">",
        "<a href=\"x",
        "<a",
        "</a x>",
        "<",
        "</",
        "< p>",
        "<!-- c -->",
        "<!doctype html>",
        "&not",
        "&amp",
        "&",
        "&#;",
        "&#x;",
    ];

    fn check(html: &str) {
        assert_eq!(to_text(html), full_to_text(html), "html: {html:?}");
    }

    #[test]
    fn tricky_inputs_match_the_full_path() {
        for fragment in HN_FRAGMENTS.iter().chain(TRICKY_FRAGMENTS) {
            check(fragment);
            check(&format!("a {fragment} b"));
            check(&format!("<pre>  a {fragment}  \n b </pre>"));
        }
        check("We&#x27;re <p>hiring</p><pre><code>  x  \n  y&amp;z  </code></pre>after");
    }

    /// Every posting of the HN corpus gives the same text on both paths; also prints how many
    /// took the fast path. `cargo test --release -p hirepulse-sources -- --ignored corpus`
    #[test]
    #[ignore = "needs ../shared/corpus/hn"]
    fn corpus_matches_the_full_path() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/hn");
        let (mut total, mut fast) = (0usize, 0usize);
        for entry in std::fs::read_dir(dir).expect("corpus dir") {
            let data = std::fs::read_to_string(entry.expect("entry").path()).expect("read");
            for line in data.lines() {
                let item: serde_json::Value = serde_json::from_str(line).expect("json");
                let Some(html) = item["text"].as_str() else {
                    continue;
                };
                total += 1;
                fast += usize::from(super::layout(html).is_some());
                check(html);
            }
        }
        eprintln!("{fast} of {total} texts took the fast path");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(4096))]
        #[test]
        fn fast_path_matches_html5gum(
            parts in prop::collection::vec(
                prop_oneof![
                    12 => prop::sample::select(HN_FRAGMENTS),
                    1 => prop::sample::select(TRICKY_FRAGMENTS),
                    1 => "[a-z &<>\"'=#;/\n\\.]{0,6}".prop_map(|s| &*s.leak()),
                ],
                0..24,
            )
        ) {
            let html: String = parts.concat();
            prop_assert_eq!(to_text(&html), full_to_text(&html), "html: {:?}", html);
        }
    }
}
