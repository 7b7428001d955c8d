//! HTML to plain text, the one function every source and report uses.
//!
//! Postings arrive as HTML fragments (HN's `<p>`, `<a>`, `<i>`, `<pre><code>`, entities such as
//! `&#x27;`, stray `<font>` and `</p>` in old items). We tokenise them with html5gum, a
//! WHATWG-compliant tokenizer that also decodes character references, and lay the tokens out as
//! text: block tags become line breaks, `<pre>` keeps its own whitespace, a link whose visible text
//! is not its target keeps the target in parentheses, and runs of spaces collapse. The output has no
//! trailing spaces, at most one blank line in a row, and no leading or trailing blank lines, so
//! the same HTML always gives byte-identical text.

mod fast;

use html5gum::{Token, Tokenizer};

/// Tags after which text continues on a new paragraph.
const PARAGRAPH_TAGS: &[&[u8]] = &[
    b"p",
    b"div",
    b"pre",
    b"ul",
    b"ol",
    b"table",
    b"h1",
    b"h2",
    b"h3",
    b"h4",
    b"h5",
    b"h6",
    b"blockquote",
    b"section",
    b"article",
    b"header",
    b"footer",
];
/// Tags after which text continues on a new line.
const LINE_TAGS: &[&[u8]] = &[b"br", b"li", b"tr", b"hr", b"dt", b"dd"];

/// Converts an HTML fragment to normalised plain text.
///
/// Most HN texts use only plain tags, quoted attributes and `;`-terminated entities; those go
/// through [`fast::layout`], which skips html5gum's state machine. Anything else (or anything
/// the fast scanner is unsure of) takes the full tokenizer, and both feed the same [`Layout`].
pub fn to_text(html: &str) -> String {
    match fast::layout(html) {
        Some(layout) => layout.finish(),
        None => full_to_text(html),
    }
}

/// The reference path: every token from html5gum, whatever the markup.
pub(crate) fn full_to_text(html: &str) -> String {
    let mut layout = Layout::default();
    for token in Tokenizer::new(html).flatten() {
        match token {
            Token::StartTag(tag) => {
                let href = tag.attributes.get(b"href".as_slice()).map(|v| &v[..]);
                layout.start_tag(&tag.name, href);
            }
            Token::EndTag(tag) => layout.end_tag(&tag.name),
            Token::String(text) => layout.text(&String::from_utf8_lossy(&text)),
            _ => {}
        }
    }
    layout.finish()
}

/// Lays tokens out as text; both tokenising paths drive it with the same calls.
#[derive(Default)]
pub(crate) struct Layout {
    out: TextBuilder,
    pre_depth: usize,
    /// (href, out length when the link opened)
    link: Option<(Vec<u8>, usize)>,
    /// inside <script>/<style>
    skip_depth: usize,
}

impl Layout {
    pub(crate) fn start_tag(&mut self, name: &[u8], href: Option<&[u8]>) {
        let out = &mut self.out;
        if name == b"script" || name == b"style" {
            self.skip_depth += 1;
        } else if name == b"pre" {
            out.paragraph();
            self.pre_depth += 1;
        } else if PARAGRAPH_TAGS.contains(&name) {
            out.paragraph();
        } else if LINE_TAGS.contains(&name) {
            out.line();
            if name == b"li" {
                out.push_word("- ");
            }
        } else if name == b"a" {
            let href = href.map(<[u8]>::to_vec).unwrap_or_default();
            self.link = Some((href, out.len()));
        }
    }

    pub(crate) fn end_tag(&mut self, name: &[u8]) {
        let out = &mut self.out;
        if name == b"script" || name == b"style" {
            self.skip_depth = self.skip_depth.saturating_sub(1);
        } else if name == b"pre" {
            self.pre_depth = self.pre_depth.saturating_sub(1);
            out.paragraph();
        } else if PARAGRAPH_TAGS.contains(&name) {
            out.paragraph();
        } else if name == b"a" {
            if let Some((href, start)) = self.link.take() {
                out.close_link(&String::from_utf8_lossy(&href), start);
            }
        }
    }

    /// One run of text between two tags (html5gum emits the whole run as one string token,
    /// which matters inside `<pre>`, where lines are trimmed per token).
    pub(crate) fn text(&mut self, text: &str) {
        if self.skip_depth > 0 {
            return;
        }
        if self.pre_depth > 0 {
            self.out.push_pre(text);
        } else {
            self.out.push_flowing(text);
        }
    }

    pub(crate) fn finish(self) -> String {
        self.out.finish()
    }
}

/// Accumulates text with whitespace rules; `pending` holds the break owed before the next word.
#[derive(Default)]
struct TextBuilder {
    text: String,
    pending: Break,
}

#[derive(Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    #[default]
    None,
    Space,
    Line,
    Paragraph,
}

impl TextBuilder {
    fn len(&self) -> usize {
        self.text.len()
    }

    fn owe(&mut self, brk: Break) {
        if brk > self.pending {
            self.pending = brk;
        }
    }

    fn paragraph(&mut self) {
        self.owe(Break::Paragraph);
    }

    fn line(&mut self) {
        self.owe(Break::Line);
    }

    /// Writes the owed break (none at the very start) before more text.
    fn settle(&mut self) {
        if !self.text.is_empty() {
            match self.pending {
                Break::None => {}
                Break::Space => self.text.push(' '),
                Break::Line => self.text.push('\n'),
                Break::Paragraph => self.text.push_str("\n\n"),
            }
        }
        self.pending = Break::None;
    }

    fn push_word(&mut self, word: &str) {
        self.settle();
        self.text.push_str(word);
    }

    /// Flowing text: any whitespace run is one space.
    fn push_flowing(&mut self, text: &str) {
        let mut words = text.split_whitespace().peekable();
        if text.starts_with(char::is_whitespace) {
            self.owe(Break::Space);
        }
        while let Some(word) = words.next() {
            self.push_word(word);
            if words.peek().is_some() {
                self.owe(Break::Space);
            }
        }
        if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
            self.owe(Break::Space);
        }
    }

    /// Preformatted text: lines kept, trailing spaces dropped.
    fn push_pre(&mut self, text: &str) {
        for (line_idx, line) in text.split('\n').enumerate() {
            if line_idx > 0 {
                self.owe(Break::Line);
            }
            let line = line.trim_end();
            if !line.is_empty() {
                self.push_word(line);
            }
        }
    }

    /// Keeps a link's target when its visible text does not already show it.
    fn close_link(&mut self, href: &str, start: usize) {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') || href.starts_with("javascript:") {
            return;
        }
        let visible = self.text[start.min(self.text.len())..].trim();
        let bare = |s: &str| {
            s.trim_start_matches("https://")
                .trim_start_matches("http://")
                .trim_start_matches("mailto:")
                .trim_end_matches('/')
                .to_ascii_lowercase()
        };
        let (visible_bare, href_bare) = (bare(visible), bare(href));
        // HN shortens long link texts with "..."; such a text is a prefix of its target.
        let shortened = visible_bare
            .strip_suffix("...")
            .is_some_and(|prefix| href_bare.starts_with(prefix));
        if visible_bare == href_bare || shortened || visible.is_empty() {
            if visible.is_empty() {
                self.push_word(href);
            } else if shortened {
                // Replace the shortened text (after its leading separator) with the full target.
                let visible_region = &self.text[start..];
                let separator_len = visible_region.len() - visible_region.trim_start().len();
                self.text.truncate(start + separator_len);
                self.text.push_str(href);
            }
            return;
        }
        self.owe(Break::Space);
        self.push_word(&format!("({href})"));
    }

    fn finish(self) -> String {
        let mut out = String::with_capacity(self.text.len());
        for line in self.text.split('\n') {
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out.trim().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::to_text;

    fn check(html: &str, expected: &str) {
        assert_eq!(to_text(html), expected, "html: {html:?}");
    }

    #[test]
    fn decodes_entities() {
        check(
            "We&#x27;re hiring &amp; growing &#x2F; fast",
            "We're hiring & growing / fast",
        );
        // A no-break space is whitespace like any other.
        check("&lt;b&gt; &quot;q&quot; &nbsp;x", "<b> \"q\" x");
    }

    #[test]
    fn paragraphs_become_blank_lines() {
        check(
            "Acme | SF<p>Rust engineers<p>Apply",
            "Acme | SF\n\nRust engineers\n\nApply",
        );
        check("<p>one</p><p>two</p>", "one\n\ntwo");
        check("a<br>b", "a\nb");
    }

    #[test]
    fn whitespace_collapses() {
        check("  a   b \n c  ", "a b c");
        check("<i>Go</i> and <i>Rust</i>", "Go and Rust");
        check("x<i> y</i>z", "x yz");
    }

    #[test]
    fn links_keep_targets() {
        check(
            r#"see <a href="https://acme.com/jobs">our jobs</a>."#,
            "see our jobs (https://acme.com/jobs).",
        );
        check(
            r#"<a href="https://acme.com/jobs" rel="nofollow">https://acme.com/jobs</a>"#,
            "https://acme.com/jobs",
        );
        check(
            r#"<a href="https://acme.com/jobs/very/long/path">https://acme.com/jobs/very/...</a>"#,
            "https://acme.com/jobs/very/long/path",
        );
    }

    #[test]
    fn pre_keeps_lines() {
        check(
            "Intro<pre><code>  fn main() {\n    go();\n  }</code></pre>After",
            "Intro\n\n  fn main() {\n    go();\n  }\n\nAfter",
        );
    }

    #[test]
    fn old_markup_is_tolerated() {
        check(
            "<font color=\"#5a5a5a\">Acme</font></p>Remote",
            "Acme\n\nRemote",
        );
        check("unclosed <a href=\"x", "unclosed");
        check("", "");
    }
}
