//! The hiring company's name, as written in the posting's header.
//!
//! HN postings open with a header line such as `Acme | Senior Engineer | Berlin`; the company is
//! its first field. Headers that use other separators (" - ", "–", "/", "(https://...)", ",",
//! "is hiring") are split at the first of those instead. A structured company field from the
//! source (JobSpy, JSON-LD) wins when present. Top-level comments that are not postings (a job
//! seeker's résumé block, a one-line reply) give `None`: they are recognised by the seeking-work
//! vocabulary rather than by the absence of a header, because many real postings have plain
//! first lines.

use regex::Regex;
use std::sync::LazyLock;

/// Phrases that mark a job seeker's post, a reply or a meta comment rather than a posting.
static NOT_A_POSTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)
        (?-u:\b)seeking\s+work(?-u:\b) | (?-u:\b)willing\s+to\s+relocate\s*: | (?-u:\b)r[eé]sum[eé](?:/cv)?\s*: | (?-u:\b)cv\s*: |
        (?-u:\b)i\s*(?:'m|\s+am)\s+(?:in\s+search\s+of|looking\s+for)\s+(?:a\s+|an\s+)?(?:\w+\s+){0,3}(?:role|job|position|work|opportunit) |
        (?-u:\b)looking\s+for\s+(?:work|a\s+job)(?-u:\b) | ^\s*(?:applied|thanks|thank\s+you)(?-u:\b)",
    )
    .unwrap_or_else(|e| panic!("company NOT_A_POSTING pattern: {e}"))
});

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\(?\s*(?:https?://|www\.)\S*\s*\)?")
        .unwrap_or_else(|e| panic!("company URL pattern: {e}"))
});

/// The longest name we accept; a longer first field is a sentence, not a name.
const MAX_NAME_CHARS: usize = 60;
const MAX_NAME_WORDS: usize = 7;

/// Words that make a header field a role, a contract term or a greeting rather than a name.
static NOT_A_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)(?-u:\b)(?:engineers?|engineering|developers?|designers?|scientists?|programmers?|architects?|
        devs?|sres?|devops|full[-\s]?stack|front[-\s]?end|back[-\s]?end|position|positions|roles?|mentor|
        intern|interns|internship|full[-\s]?time|part[-\s]?time|contract|freelance|remote|onsite|on-site|
        hybrid|visa|salary|hello|hi|hey|here|what\s+we\s+do|we|we're|looking|hiring|
        location|job|jobs|analyst|manager|lead|head|cto|vp|director|h-?1b|marketer|teacher|
        writer|recruiter|sales|support|specialist|consultant|administrator|startup|you|you'll|compensation|allowance|vacations?|equity|apply|located)(?-u:\b)|[$€£]\s*\d|\d+k(?-u:\b)|^\d+\s",
    )
    .unwrap_or_else(|e| panic!("company NOT_A_NAME pattern: {e}"))
});

/// "Acme is hiring", "At Acme, we", "Acme is the leading ..." in the opening sentence.
static NAME_IN_SENTENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?:^|[.!]\s+|(?-u:\b)at\s+|(?-u:\b)At\s+)((?:[A-Z0-9][\w.&'-]*)(?:\s+(?:[A-Z0-9][\w.&'-]*|for|of|and|the|de)){0,4})
        (?:\s+(?:is|are)\s+(?:(?i)now\s+)?(?:(?i)hiring|looking|seeking|growing|building|the|a|an)(?-u:\b)|,\s+we(?-u:\b))",
    )
    .unwrap_or_else(|e| panic!("company NAME_IN_SENTENCE pattern: {e}"))
});

/// Header field separators other than `|`.
static FIELD_SEPARATOR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s+[-–—]+\s+|\s+[–—]\s*|\s*[–—]\s+|\s*//\s*|\s+/\s*|\s*@\s+|\s+at\s+|\s+(?-u:\b)https?://|\s*\.\s+|\s*:\s+|:$")
        .unwrap_or_else(|e| panic!("company FIELD_SEPARATOR pattern: {e}"))
});

/// The hiring company of a posting: `given` when the source names it, else the header's first
/// field that is not a place, a role or a term, else `None` (no header, or not a posting).
pub fn find(text: &str, given: Option<&str>) -> Option<String> {
    if let Some(name) = given.map(str::trim).filter(|g| !g.is_empty()) {
        return Some(name.to_string());
    }
    if is_not_posting(text) {
        return None;
    }
    let name = from_text(text)?;
    // A `|` header gives the name exactly as written ("Close.com | Remote"); elsewhere the
    // name is read out of free text, where "Birst.com" names the company Birst.
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.contains('|') {
        return Some(name);
    }
    Some(match WEB_SUFFIX.find(&name) {
        Some(m) if m.start() > 1 => name[..m.start()].to_string(),
        _ => name,
    })
}

/// A web address's top-level domain closing a name: "Birst.com", "ActiveProspect.com".
static WEB_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\.(?:com|io|net|org|co)$")
        .unwrap_or_else(|e| panic!("company WEB_SUFFIX pattern: {e}"))
});

/// The name from the header, a "Company:" line or the opening sentence.
fn from_text(text: &str) -> Option<String> {
    // "Company: Acme (https://acme.example)" labels the name outright.
    if let Some(name) = COMPANY_LABEL
        .captures(crate::lanes::head(text, 600))
        .and_then(|c| c.get(1))
        .and_then(|m| clean(&SUFFIX.replace(m.as_str().trim(), "")))
        .filter(|n| !NOT_A_NAME.is_match(n))
    {
        return Some(name);
    }
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    if let Some(name) = from_header(first) {
        return Some(name);
    }
    // A header that is only a place ("New York, NY") is often followed by the name on its own line.
    if let Some(second) = lines.next() {
        if second.len() < 80 {
            if let Some(name) = from_header(second) {
                return Some(name);
            }
        }
    }
    let opening = crate::lanes::head(first, 300);
    if let Some(name) = NAME_IN_SENTENCE
        .captures(opening)
        .and_then(|c| c.get(1))
        .and_then(|m| clean(m.as_str().trim_start_matches("At ")))
        .filter(|n| n.chars().count() > 1 && !NOT_A_NAME.is_match(n))
    {
        return Some(name);
    }
    // "Allow us to introduce ourselves. We are Expensify and we do ...".
    if let Some(name) = WE_ARE_NAME
        .captures(opening)
        .and_then(|c| c.get(1))
        .and_then(|m| name_in_prose(m.as_str()))
        .filter(|n| n.chars().count() > 1)
    {
        return Some(name);
    }
    // A header that is all role ("Senior iOS Engineer - Full Time") followed by a line that
    // opens with the name: "Gametime is a small team ...".
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .skip(1)
        .take(2)
        .find_map(|line| {
            NAME_OPENS_LINE
                .captures(crate::lanes::head(line, 200))
                .and_then(|c| c.get(1))
                .and_then(|m| name_in_prose(m.as_str()))
        })
}

/// A capitalised phrase read out of a sentence as the company's name, unless it is a role,
/// a contract term or a place.
fn name_in_prose(phrase: &str) -> Option<String> {
    clean(phrase).filter(|n| !NOT_A_NAME.is_match(n) && !is_place(n))
}

/// "We are Acme and ...", "We're Acme Labs, a ..." in the opening sentences: the writer names
/// the company as itself. The name is capitalised and closed by "and", a comma or a full stop.
static WE_ARE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[.!?]\s+)(?:We are|We're|We’re)\s+([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})(?:\s+and(?-u:\b)|,|\.\s|!)")
        .unwrap_or_else(|e| panic!("company WE_ARE_NAME pattern: {e}"))
});

/// "Acme is a ...", "Acme Labs is hiring" at the very start of a line.
static NAME_OPENS_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,3})\s+(?:is|are)\s+(?:a|an|the|hiring|looking|seeking)(?-u:\b)")
        .unwrap_or_else(|e| panic!("company NAME_OPENS_LINE pattern: {e}"))
});

/// "Company: Acme" at the start of a line.
static COMPANY_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^\s*(?:company|employer)\s*:\s*([^|\n.]{2,60})")
        .unwrap_or_else(|e| panic!("company COMPANY_LABEL pattern: {e}"))
});

/// The first field of a header line that reads as a name.
fn from_header(line: &str) -> Option<String> {
    let mut fields: Vec<&str> = Vec::new();
    let piped = line.contains('|');
    for field in line.split('|') {
        // "Role at Acme", "Role @ Acme": the name follows.
        let field = match AT.captures(field) {
            Some(c)
                if c.get(1)
                    .is_some_and(|before| NOT_A_NAME.is_match(before.as_str())) =>
            {
                c.get(0).map_or(field, |m| &field[m.end()..])
            }
            _ => field,
        };
        // Without pipes only the opening fields can be the name; later ones are prose.
        if piped {
            fields.extend(FIELD_SEPARATOR.split(field).take(8));
        } else {
            // "Acme, Brooklyn, NYC.": without pipes a comma also ends the name.
            // "Acme, Brooklyn, NYC.": a comma ends the name when a place follows it.
            for part in FIELD_SEPARATOR.split(field).take(2) {
                match part.split_once(", ") {
                    Some((name, rest)) if is_place(rest) && !is_place(name) => fields.push(name),
                    _ => fields.push(part),
                }
            }
        }
    }
    fields
        .into_iter()
        .map(|f| SUFFIX.replace(f.trim(), ""))
        .filter_map(|f| clean(&f))
        .find(|f| !NOT_A_NAME.is_match(f) && !is_place(f) && !is_stack(f))
}

/// " at " / " @ " inside a header field, as in "Django Tech Lead at Wildfish".
static AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([^@]{3,60}?)(?:\s+at\s+|\s+@\s*|@\s+)")
        .unwrap_or_else(|e| panic!("company AT pattern: {e}"))
});

/// Corporate words that make a field a name even when it also names a place.
static CORPORATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)(?:gmbh|inc|ltd|llc|labs?|ag|corp|co|technologies|group|systems|software|studios?|health|bank|ventures|ab|as|bv|sa|oy)(?-u:\b)")
        .unwrap_or_else(|e| panic!("company CORPORATE pattern: {e}"))
});

/// A parenthesised or bracketed aside after a name: "(YC S15)", "(acme.com)", "[Remote]".
static SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*[(\[{].*$|'s\s.*$").unwrap_or_else(|e| panic!("company SUFFIX pattern: {e}"))
});

/// Whether a field names a place or a work mode rather than a company.
fn is_place(field: &str) -> bool {
    if CORPORATE.is_match(field) {
        return false;
    }
    let place = crate::location::find(field, None);
    !place.countries.is_empty() || !place.work_mode.is_empty()
}

/// Whether a field is a list of languages ("C# / SQL / Swift"), not a name.
fn is_stack(field: &str) -> bool {
    let n_words = field
        .split(|c: char| c.is_whitespace() || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
        .count();
    n_words <= 4 && crate::languages::find(field).0.len() >= n_words.clamp(1, 2)
}

/// True when the text reads as a job seeker's post, a reply or a meta comment.
pub(crate) fn is_not_posting(text: &str) -> bool {
    NOT_A_POSTING.is_match(crate::lanes::head(text, 600)) || fewer_than_three_words(text)
}

/// A one- or two-word comment ("Applied!", "Thanks") is a reply. Stops at the third word
/// rather than counting every word of a long posting, which was a whole-text pass of its own.
fn fewer_than_three_words(text: &str) -> bool {
    text.split_whitespace().nth(2).is_none()
}

/// Strips URLs, decoration and trailing punctuation; rejects sentences.
fn clean(field: &str) -> Option<String> {
    let no_url = URL.replace_all(field, " ");
    let name = no_url
        .trim()
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric() && c != ')' && c != '!')
        .trim();
    let words = name.split_whitespace().count();
    // A URL's scheme left by a split at its colon ("Apply at https://...").
    if ["http", "https", "www"].contains(&name.to_ascii_lowercase().as_str()) {
        return None;
    }
    if name.chars().count() < 2 || words > MAX_NAME_WORDS || name.chars().count() > MAX_NAME_CHARS {
        return None;
    }
    Some(name.split_whitespace().collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn cases() {
        crate::case_files::check("company", include_str!("../testdata/company.toml"), find);
    }

    #[test]
    fn we_are_needs_a_name() {
        let text = "Remote-Fulltime, Programmer. Hey there! We are Hiring and we pay well.";
        assert_eq!(find(text, None), None);
    }

    #[test]
    fn given_wins() {
        assert_eq!(find("Foo | Bar", Some("Baz")), Some("Baz".into()));
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,200}", g in proptest::option::of("\\PC{0,20}")) {
            let _ = find(&s, g.as_deref());
        }
    }
}
