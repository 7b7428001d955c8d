//! Where the work happens: countries, work mode and US eligibility; and visa sponsorship.
//!
//! Place names come from `data/places.toml` (countries, US states, Canadian provinces, tech-hub
//! cities, remote regions) and are found in one aho-corasick pass; the rules that decide what a
//! mention means live here. A mention counts as a job location unless it is plainly about
//! something else (a customer base, where the company was founded). Short or capitalised aliases
//! ("US", "SF", "NYC") match only with their exact case, and city names that are also common
//! words count only in the header line or in a locating phrase ("in", "office in", before
//! ", <state>"). Work mode follows GUIDELINES.md: mode words decide, a place in the header beside
//! "Remote" adds onsite, and a remote mention that is negated or temporary (COVID) is no offer.

use crate::gate::{Folded, GatedRegex};
use crate::lanes::after_last;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

/// Where a posting's roles are and how they are worked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Place {
    /// Sorted subset of `hybrid`, `onsite`, `remote`.
    pub work_mode: Vec<String>,
    /// ISO 3166 alpha-2 codes, sorted.
    pub countries: Vec<String>,
    pub us_eligible: Option<bool>,
}

#[derive(Deserialize)]
struct PlacesFile {
    #[allow(
        dead_code,
        reason = "read for documentation; versioning is by EXTRACTOR_VERSION"
    )]
    version: u32,
    countries: BTreeMap<String, Vec<String>>,
    us_states: BTreeMap<String, String>,
    context_states: Vec<String>,
    ca_provinces: BTreeMap<String, String>,
    cities: BTreeMap<String, Vec<String>>,
    regions: BTreeMap<String, bool>,
}

/// What a matched name stands for.
#[derive(Debug, Clone, PartialEq)]
enum PlaceKind {
    Country(String),
    /// A US state or Canadian province by full name.
    Subdivision {
        country: &'static str,
    },
    City {
        country: String,
    },
    /// A remote region; `true` when it includes the US.
    Region(bool),
}

#[derive(Debug, Clone)]
struct Pattern {
    name: String,
    kind: PlaceKind,
    /// Match only with this exact case.
    exact_case: bool,
    /// Counts only in a locating context.
    needs_context: bool,
}

struct Places {
    matcher: AhoCorasick,
    patterns: Vec<Pattern>,
    us_states: BTreeSet<String>,
    ca_provinces: BTreeSet<String>,
    /// Lowercase names of countries, US states and Canadian provinces.
    region_names: BTreeMap<String, String>,
}

static PLACES: LazyLock<Places> = LazyLock::new(|| {
    let file: PlacesFile =
        toml::from_str(include_str!("../data/places.toml")).expect("data/places.toml is valid");
    let mut patterns = Vec::new();
    let exact =
        |alias: &str| alias.chars().count() <= 3 || alias.chars().all(|c| !c.is_lowercase());
    for (code, aliases) in &file.countries {
        for alias in aliases {
            patterns.push(Pattern {
                name: alias.clone(),
                kind: PlaceKind::Country(code.clone()),
                exact_case: exact(alias),
                needs_context: false,
            });
        }
    }
    for name in file.us_states.values() {
        patterns.push(Pattern {
            name: name.clone(),
            kind: PlaceKind::Subdivision { country: "US" },
            exact_case: false,
            needs_context: file.context_states.contains(name),
        });
    }
    for name in file.ca_provinces.values() {
        patterns.push(Pattern {
            name: name.clone(),
            kind: PlaceKind::Subdivision { country: "CA" },
            exact_case: false,
            needs_context: false,
        });
    }
    for (name, spec) in &file.cities {
        let country = spec.first().cloned().unwrap_or_default();
        patterns.push(Pattern {
            name: name.clone(),
            kind: PlaceKind::City { country },
            exact_case: exact(name),
            needs_context: spec.iter().any(|s| s == "context"),
        });
    }
    for (name, includes_us) in &file.regions {
        patterns.push(Pattern {
            name: name.clone(),
            kind: PlaceKind::Region(*includes_us),
            exact_case: name.chars().all(|c| !c.is_lowercase()),
            needs_context: false,
        });
    }
    // With ~540 names the crate would pick a compact NFA; the whole-text pass is the largest
    // single cost of `find`, and a DFA (about 1.6 MB, built in milliseconds) runs it more than
    // twice as fast with exactly the same matches.
    let matcher = AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(patterns.iter().map(|p| p.name.as_str()))
        .expect("place patterns build");
    let region_names = file
        .countries
        .iter()
        .flat_map(|(code, names)| names.iter().map(move |name| (name, code.as_str())))
        .chain(file.us_states.values().map(|name| (name, "US")))
        .chain(file.ca_provinces.values().map(|name| (name, "CA")))
        .map(|(name, code)| (name.to_lowercase(), code.to_string()))
        .collect();
    Places {
        matcher,
        patterns,
        region_names,
        us_states: file.us_states.keys().cloned().collect(),
        ca_provinces: file.ca_provinces.keys().cloned().collect(),
    }
});

/// One place mention in the text.
#[derive(Debug, Clone)]
struct Mention {
    start: usize,
    end: usize,
    kind: PlaceKind,
    in_header: bool,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
}

/// Words before a capitalised "US" that make it the pronoun ("ABOUT US", "JOIN US").
const US_PRONOUN_CUES: &[&str] = &[
    "ABOUT", "JOIN", "CONTACT", "EMAIL", "E-MAIL", "WITH", "FOR", "TO", "OF", "BY", "LET", "HELP",
    "AMONG", "FROM", "FIND", "CALL", "MESSAGE", "PING", "TELL", "WRITE", "VISIT", "FOLLOW",
];

fn previous_word(text: &str, start: usize) -> &str {
    let before = text[..start].trim_end();
    let from = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    &before[from..]
}

/// Text right before a mention that makes a context-needing name a place.
static LOCATING_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?:(?-u:\b)in|(?-u:\b)near|(?-u:\b)at|office in|offices in|based in|located in|from|to|/|\||,|\(|&|(?-u:\b)and|(?-u:\b)or|-)\s*$")
        .expect("regex")
});

/// Text before a mention outside the header that makes it a job location: a "Location:" line,
/// "office in", "positions in", "remote (", "relocate to" ..., or nothing but white space.
///
/// A job word counts when it ends within 40 characters of the mention with no sentence break
/// (`.`, `!`, `?`, line break) between ([`job_word_near_end`]); the rest of the rule is
/// [`job_place_line`]. Together they match exactly the texts the single regex
/// `(?:<line>|\b<job word>\b[^.!?\n]{0,40}|\bin\s*|^\s*)$` matched (the tests
/// `context_rules_agree_with_their_regexes*` keep it as the reference), without the large lazy
/// DFA that its bounded Unicode class built.
fn job_place_before(before: &str) -> bool {
    job_place_line(before) || job_word_near_end(before)
}

/// The anchored parts of the job-location rule: the whole text is a "Location:" / "HQ -" field
/// name ([`FIELD_NAME`]), is only white space (`^\s*$`), or ends in the word "in" and white
/// space (`\bin\s*$`). `str::trim_end` and `\s` both mean Unicode White_Space, and under `(?i)`
/// only ASCII letters fold to "i" and "n".
fn job_place_line(before: &str) -> bool {
    let trimmed = before.trim_end();
    let ends_in = trimmed.len() >= 2
        && trimmed.as_bytes()[trimmed.len() - 2..].eq_ignore_ascii_case(b"in")
        && !trimmed.as_bytes()[..trimmed.len() - 2]
            .last()
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b == b'_');
    trimmed.is_empty()
        || ends_in
        || (before.ends_with([':', '-', '–']) && FIELD_NAME.is_match(before))
}

/// A location field name alone on its line: "Location:", "• Offices -", "HQ –".
static FIELD_NAME: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)^\s*(?:[-*•]\s*)?(?:locations?|where|office|offices|based|city|cities|place|hq)\s*[:\-–]$")
        .expect("regex")
});

/// Words that make a following place a job location: "office in", "positions in", "remote (",
/// "relocate to", "team in" ... Each alternative is one word between ASCII word boundaries.
static JOB_WORD: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?-u:\b)(?:offices?|located|locations?|positions?|roles?|jobs?|openings?|onsite|on-site|hybrid|remote|work|working|hiring|relocate|relocation|move|based|team|teams|engineers|candidates|presence|hubs?|studios?)(?-u:\b)")
        .expect("regex")
});

/// True when a [`JOB_WORD`] ends at most 40 characters before the end of `before` with no `.`,
/// `!`, `?` or line break after it.
///
/// The text is cut after its last break first; a job word contains no break character, so one
/// that ends after the cut lies wholly after it, and the word boundary at the cut sees a break
/// character (not a word character) just as the start of the cut text is seen. Job words are
/// whole words (the only inner boundary, in "on-site", starts no job word), so their matches
/// cannot overlap and `find_iter` meets every one, the last one included.
fn job_word_near_end(before: &str) -> bool {
    let clause = after_last(before, &['.', '!', '?', '\n']);
    JOB_WORD
        .find_iter(clause)
        .any(|m| within_chars(&clause[m.end()..], 40))
}

/// Whether `text` holds at most `n` characters (a bounded `{0,n}` class counts characters, not
/// bytes).
fn within_chars(text: &str, n: usize) -> bool {
    text.len() <= n || text.chars().count() <= n
}

/// A subdivision right after a city (", MA", ", Ontario", ", UK") that decides its country.
static AFTER_CITY: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"^,?\s+([A-Z]{2})(?-u:\b)|^,\s*([A-Z][a-z]+(?: [A-Z][a-z]+)?)")
        .expect("regex")
});

/// A list separator: in "Berlin, New York, Moscow" the name after the city is the next place,
/// not the city's state.
static LIST_GOES_ON: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)^\s*(?:[,/&]|and(?-u:\b)|or(?-u:\b))\s*[A-Z]").expect("regex")
});

/// Phrases whose following place is not where the job is: one ends at most 40 characters
/// before the place with no `.`, `|` or line break between ("our customers in", "founded in
/// 2015 in").
///
/// Exactly the texts the regex `(?:<phrase>)\b[^.\n|]{0,40}$` matched (the tests
/// `context_rules_agree_with_their_regexes*` keep it as the reference): the text is cut
/// after its last break, which no phrase contains, and a phrase must end within 40 characters
/// of the end. At one start the longest phrase is tried first ("hq is" and "HQ'd" before "HQ",
/// which is a prefix of both) so that `find_iter` reports the phrase ending last; phrases
/// otherwise cannot overlap with a later end.
fn not_job_place_before(before: &str) -> bool {
    let clause = after_last(before, &['.', '\n', '|']);
    NOT_JOB_PHRASE
        .find_iter(clause)
        .any(|m| within_chars(&clause[m.end()..], 40))
}

/// The phrases of [`not_job_place_before`], each followed by an ASCII word boundary (none before:
/// "ourcustomers" counts).
static NOT_JOB_PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?:customers|clients|users|members|businesses|patients|students|companies|partners|markets?|sales|hospitals|schools|stores|restaurants|people|families|investors|universities|banks|countries|founded|born|grew up|graduated|studied|headquartered|HQ'd|hq is|HQ|headquarters (?:is|are) in|based out of)(?-u:\b)")
        .expect("regex")
});

/// A postal abbreviation after a comma: "Austin, TX", "Toronto, ON".
static STATE_ABBREVIATION: LazyLock<Regex> =
    LazyLock::new(|| crate::rule_regex(r",\s*([A-Z]{2})(?-u:\b)").expect("regex"));

fn header_end(text: &str) -> usize {
    text.find('\n').unwrap_or(text.len())
}

fn mentions(text: &str) -> Vec<Mention> {
    let places = &*PLACES;
    let header_end = header_end(text);
    let mut found = Vec::new();
    for m in places.matcher.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
            || !bounded(text, start, end)
        {
            continue;
        }
        let pattern = &places.patterns[m.pattern().as_usize()];
        if pattern.exact_case && text[start..end] != pattern.name {
            continue;
        }
        let in_header = start < header_end;
        if pattern.name == "US" && US_PRONOUN_CUES.contains(&previous_word(text, start)) {
            continue;
        }
        let before = context_before(text, start);
        let after = context_after(text, end);
        if !in_header {
            let locating = if pattern.needs_context {
                LOCATING_BEFORE.is_match(before) || AFTER_CITY.is_match(after)
            } else {
                true
            };
            if !locating || !job_place_before(before) {
                continue;
            }
        }
        let mut kind = pattern.kind.clone();
        if let PlaceKind::City { .. } = kind {
            // "Cambridge, MA", "Portland OR", "London, ON", "Paris, Texas": what follows the
            // city decides its country.
            if let Some(caps) = AFTER_CITY.captures(after) {
                if let Some(abbr) = caps.get(1).map(|m| m.as_str()) {
                    let country = if places.us_states.contains(abbr) {
                        Some("US")
                    } else if places.ca_provinces.contains(abbr) {
                        Some("CA")
                    } else if abbr == "UK" {
                        Some("GB")
                    } else {
                        None
                    };
                    if let Some(country) = country {
                        kind = PlaceKind::City {
                            country: country.to_string(),
                        };
                    }
                } else if let Some(code) = caps
                    .get(2)
                    .filter(|name| !LIST_GOES_ON.is_match(&after[name.end()..]))
                    .and_then(|name| places.region_names.get(&name.as_str().to_lowercase()))
                {
                    // "Stockholm, Sweden", "Portland, Oregon": the named state or country
                    // decides, and the mention stays a city (an office, for work mode).
                    kind = PlaceKind::City {
                        country: code.clone(),
                    };
                }
            }
        }
        if not_job_place_before(before) && !matches!(kind, PlaceKind::Region(_)) {
            continue;
        }
        found.push(Mention {
            start,
            end,
            kind,
            in_header,
        });
    }
    for caps in STATE_ABBREVIATION.captures_iter(text) {
        let Some(abbr) = caps.get(1) else { continue };
        let country = if places.us_states.contains(abbr.as_str()) {
            "US"
        } else if places.ca_provinces.contains(abbr.as_str()) {
            "CA"
        } else {
            continue;
        };
        // "CA" after a Canadian city name is Canada's code, not California's.
        let before = context_before(text, abbr.start());
        if not_job_place_before(before) {
            continue;
        }
        found.push(Mention {
            start: abbr.start(),
            end: abbr.end(),
            kind: PlaceKind::Subdivision { country },
            in_header: abbr.start() < header_end,
        });
    }
    found.sort_by_key(|m| m.start);
    found
}

/// A "remote" mention and what surrounds it.
static REMOTE: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: each alternative names one of these words ("work(ing) from home" and "work from
    // anywhere" by their last two).
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:remote|wfh|work(?:ing)? from home|work from anywhere|fully distributed|telecommut\w*|location is flexible|location-independent)",
        &[
            "remote",
            "wfh",
            "from home",
            "from anywhere",
            "distributed",
            "telecommut",
            "location is flexible",
            "location-independent",
        ],
    )
});
/// Words right before "remote" that negate or qualify it away.
static REMOTE_NEGATED_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?:(?-u:\b)no|(?-u:\b)not|(?-u:\b)non|n't|(?-u:\b)nor|(?-u:\b)without|(?-u:\b)unable to (?:offer|support|consider|hire)|(?-u:\b)cannot (?:offer|support|consider|hire)|(?-u:\b)temporar(?:y|ily)|(?-u:\b)currently|(?-u:\b)partially|(?-u:\b)partly)[\s-]*(?:\w+[\s-]+){0,2}$")
        .expect("regex")
});
/// Words right after "remote" that negate it or make it not a work mode.
static REMOTE_NOT_MODE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)^(?:ly)?(?:\s*[:\-]?\s*(?:no|unlikely|rarely|not possible|not available|n/a)(?-u:\b)|\s+(?:pair|pairing|pair-programming|sessions?|call|calls|video|screen)(?-u:\b)|\s+(?:is\s+)?not(?-u:\b)|\s+(?:work\s+)?(?:is\s+)?(?:not|n't)(?-u:\b)|\s+(?:sensing|monitoring|control|controlled|patient|patients|access|desktop|device|devices|teams? (?:use|rely)|procedures?|learning|education|operations? of|management of|medicine|care|health|diagnostics|interview|interviews|interviewing|first interview|onboarding|hiring process)(?-u:\b)|\s+(?:until|during|due to|because of|for now|for the time being|while)(?-u:\b)|[\s,]+(?:(?:exotic|tropical|rural|sunny)\s+)?(?:beach|beaches|island|islands|village|villages|mountain|mountains|cabin|areas|parts of|corners? of)(?-u:\b)|[^.\n]{0,40}(?-u:\b)(?:covid|pandemic|coronavirus|lockdown|shelter)(?-u:\b))")
        .expect("regex")
});
/// "and more", "plenty more": locations beyond those named.
static MORE_PLACES: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: every alternative is "<plenty|many|several|and> more" or "other locations".
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:plenty|many|several|and) more (?:locations|cities|offices)?\s*(?:\||$|\n|\))|(?-u:\b)other locations(?-u:\b)|(?-u:\b)and more\s*\|",
        &[
            "plenty more",
            "many more",
            "several more",
            "and more",
            "other locations",
        ],
    )
});

/// "100% remote", "fully remote", "remote only": no office is offered beside it.
static REMOTE_ONLY: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: every alternative contains "remote".
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:100\s*%|fully|strictly|completely|entirely|exclusively|all)[\s-]+remote(?-u:\b)|(?-u:\b)remote[\s-]+only(?-u:\b)|(?-u:\b)all[\s-]remote(?-u:\b)",
        &["remote"],
    )
});
static ONSITE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?-u:\b)(?:on-?site|on site|in[- ]office|in[- ]person|office-based|in the office|in our office)(?-u:\b)")
        .expect("regex")
});
static ONSITE_NOT_MODE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)^\s*(?:interviews?|interviewing|visits?|meetings?|events?|days?|gym|lunch|lunches|meals|perks|chef|cafe|kitchen|childcare|parking|benefits|team[- ]?building|offsites?|retreats?|massages?|massage therapists?|gatherings?|get-togethers?|once|twice|quarterly|monthly|a few times|several times|for (?:a |an |our )?(?:\w+\s+){0,2}(?:week|weeks|days?|meetups?|kick-?offs?))(?-u:\b)")
        .expect("regex")
});
/// Words before an onsite word that make it a visit, not a work mode ("join us onsite in NYC
/// for team week", "send our developers onsite").
static ONSITE_NOT_MODE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?-u:\b)(?:join us|meet us|visit|visiting|travel|travels|travelling|traveling|fly|flown|come|send (?:\w+\s+){0,2}|sometimes|occasionally|occasional|periodic|periodically)\s*$")
        .expect("regex")
});
static NO_REMOTE: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: "no remote", "non-remote", "remote: no" ... contain "remote"; "local(s) only" and
    // "local candidates only" contain "local"; "onsite only" ... contain "only"; the last is "must work".
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:no remote|not (?:a |an )?remote|non-remote|remote:?\s+no\s*(?:[,;|)]|$)|remote:\s*no(?-u:\b)|locals? only|local candidates only|onsite only|on-site only|in-office only|must work (?:from|in) our)",
        &["remote", "local", "only", "must work"],
    )
});
/// "Must be based in", "relocation required": onsite when no remote is offered; beside remote
/// they only say where remote workers must live.
static MUST_BE_THERE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(
        r"(?i)(?-u:\b)(?:must (?:be (?:located|based) in|relocate to)|relocation (?:is )?required)",
    )
    .expect("regex")
});
static HYBRID: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?-u:\b)hybrid(?-u:\b)|(?-u:\b)(?:\d|one|two|three|four)(?:\s*-\s*\d)?\s*(?:days?|x)\s*(?:a|per|/|each)?\s*(?:week|wk)?\s*(?:in|at|on)[- ](?:the |our )?(?:office|site|person|campus)|(?-u:\b)(?:\d|one|two|three|four) days? (?:in|at) (?:the |our )?office|(?-u:\b)part[- ]remote(?-u:\b)|(?-u:\b)partially remote(?-u:\b)|(?-u:\b)partly remote(?-u:\b)|(?-u:\b)flexible (?:remote|wfh)(?-u:\b)|(?-u:\b)(?:\d|one|two|three|four) days? (?:a week |per week )?(?:remote|wfh|from home)(?-u:\b)")
        .expect("regex")
});
/// "hybrid cloud", "hybrid apps": the word is not about where people work.
static HYBRID_NOT_MODE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)^[\s-]+(?:cloud|clouds|apps?|mobile|native|vehicles?|cars?|quantum|search|models? of|approach|architecture|infrastructure|deployments?|systems?|solutions?|environments?|storage|integration|workflows?|energy|electric)(?-u:\b)")
        .expect("regex")
});

/// "in our <place> office", "all positions are in <place>": the work happens at a place.
static WORK_HAPPENS_AT: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: one word per alternative ("join (our|the) ... team in" by "team in").
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:in our (?:\w+\s+){0,3}(?:office|offices|hq|headquarters)|(?:all )?(?:positions|roles|jobs) are (?:located )?in|work (?:out of|from) our (?:\w+\s+){0,3}office|join us in|join (?:our|the) [^.\n]{0,40}team in|relocate to|relocation (?:to|assistance|package|support|help|available|provided|offered))(?-u:\b)",
        &[
            "in our",
            "positions are",
            "roles are",
            "jobs are",
            "work out of our",
            "work from our",
            "join us in",
            "team in",
            "relocate to",
            "relocation",
        ],
    )
});
/// Phrases whose place is only where the company is, not where the work happens.
static COMPANY_BASE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(
        r"(?i)(?-u:\b)(?:hq|hq'd|headquartered|headquarters|based|founded|incorporated)(?-u:\b)[^|\n]{0,25}$",
    )
    .expect("regex")
});

/// Benefits only US employers offer: "401(k)", "401k match".
static US_BENEFIT: LazyLock<Regex> =
    LazyLock::new(|| crate::rule_regex(r"(?i)(?-u:\b)401\s*\(?k\)?").expect("regex"));

/// Finds countries, work mode and US eligibility. `location` is a structured location field
/// some sources give (JobSpy, JSON-LD); it is read as if it were the header line.
pub fn find(text: &str, location: Option<&str>) -> Place {
    let owned;
    let text = match location {
        Some(loc) if !loc.trim().is_empty() => {
            owned = format!("{}\n{}", loc.trim(), text);
            owned.as_str()
        }
        _ => text,
    };
    let mentions = mentions(text);
    let folded = Folded::new(text);
    let header_end = header_end(text);

    let mut countries: BTreeSet<String> = BTreeSet::new();
    let mut regions_us: Vec<bool> = Vec::new();
    for m in &mentions {
        match &m.kind {
            PlaceKind::Country(code) => {
                countries.insert(code.clone());
            }
            PlaceKind::Subdivision { country } => {
                countries.insert((*country).to_string());
            }
            PlaceKind::City { country } => {
                countries.insert(country.clone());
            }
            PlaceKind::Region(us) => regions_us.push(*us),
        }
    }

    // Work mode.
    let hybrid_spans: Vec<(usize, usize)> = HYBRID
        .find_iter(text)
        .filter(|m| !HYBRID_NOT_MODE_AFTER.is_match(context_after(text, m.end())))
        .map(|m| (m.start(), m.end()))
        .collect();
    let hybrid = !hybrid_spans.is_empty();
    let mut remote = false;
    let mut remote_regions_us: Vec<bool> = Vec::new();
    for m in REMOTE.find_iter(text, &folded) {
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let before = &text[line_start..m.start()];
        let before_window = &before[floor_boundary(before, before.len().saturating_sub(40))..];
        let after = context_after(text, m.end());
        if REMOTE_NEGATED_BEFORE.is_match(before_window)
            || REMOTE_NOT_MODE_AFTER.is_match(after)
            || part_of_hybrid(text, &hybrid_spans, m.start(), m.end())
        {
            continue;
        }
        remote = true;
        // Regions and countries right after "Remote" ("Remote (US)", "Remote - EU only").
        let window_end = floor_boundary(text, (m.end() + 40).min(text.len()));
        let window = &text[m.end()..window_end];
        // "Remote or Stockholm": what follows " or " is another place to work, not the region.
        let lower = window.to_ascii_lowercase();
        let cut = [window.find(['\n', '.', '|']), lower.find(" or ")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(window.len());
        let window_end_at = m.end() + cut;
        for place in mentions
            .iter()
            .filter(|p| p.start >= m.end() && p.end <= window_end_at)
        {
            remote_regions_us.push(match &place.kind {
                PlaceKind::Region(us) => *us,
                PlaceKind::Country(code) | PlaceKind::City { country: code } => code == "US",
                PlaceKind::Subdivision { country } => *country == "US",
            });
        }
    }
    // "3 days a week in the office" is hybrid, not a second, onsite offer.
    let mut onsite = ONSITE.find_iter(text).any(|m| {
        // "meet in person" in prose is no work mode; in the header it is.
        let in_person = m.as_str().to_ascii_lowercase().starts_with("in");
        (m.start() < header_end || !in_person || m.as_str().contains("office"))
            && !ONSITE_NOT_MODE_AFTER.is_match(context_after(text, m.end()))
            && !ONSITE_NOT_MODE_BEFORE.is_match(context_before(text, m.start()))
            && !beside_hybrid(text, &hybrid_spans, m.start(), m.end())
    }) || NO_REMOTE.is_match(text, &folded)
        || !remote && MUST_BE_THERE.is_match(text)
        || OFFICE_MODE.is_match(&text[..header_end.min(text.len())]);
    // "in our Berlin office", "join us in Austin": the phrase must name a place, so "join us in
    // our mission" places nothing.
    let place_where_work_happens = WORK_HAPPENS_AT.find_iter(text, &folded).any(|w| {
        let window = &text[w.start()..floor_boundary(text, (w.end() + 40).min(text.len()))];
        PLACES.matcher.find_iter(window).any(|p| {
            let pattern = &PLACES.patterns[p.pattern().as_usize()];
            bounded(window, p.start(), p.end())
                && (!pattern.exact_case || window.get(p.start()..p.end()) == Some(&pattern.name))
        })
    });
    let remote_only = REMOTE_ONLY.is_match(text, &folded);
    if !onsite && remote && !remote_only && !hybrid {
        // A city or state in the header beside "Remote" is an office one may work from, unless
        // it is named inside the remote qualifier ("Remote (NYC)") or only as where the company
        // is based. A country beside "Remote" says where remote workers may be, not an office.
        onsite = mentions.iter().any(|m| {
            m.in_header
                && matches!(
                    m.kind,
                    PlaceKind::City { .. } | PlaceKind::Subdivision { .. }
                )
                && !inside_remote_qualifier(text, m.start, header_end)
                && !COMPANY_BASE.is_match(context_before(text, m.start))
        }) || place_where_work_happens && !countries.is_empty();
    } else if !onsite && !remote && !hybrid && place_where_work_happens && !countries.is_empty() {
        onsite = true;
    }
    let mut work_mode = Vec::new();
    if hybrid {
        work_mode.push("hybrid".to_string());
    }
    if onsite {
        work_mode.push("onsite".to_string());
    }
    if remote {
        work_mode.push("remote".to_string());
    }

    // US eligibility.
    let header_city = mentions.iter().any(|m| {
        m.in_header
            && matches!(
                m.kind,
                PlaceKind::City { .. } | PlaceKind::Subdivision { .. }
            )
    });
    if remote && remote_regions_us.is_empty() && !header_city {
        // "Poland | Remote": a country (and no city) in the header beside Remote says where
        // remote workers may be.
        remote_regions_us.extend(mentions.iter().filter_map(|m| match &m.kind {
            PlaceKind::Country(code) if m.in_header => Some(code == "US"),
            _ => None,
        }));
    }
    let us_office = countries.contains("US");
    let remote_includes_us = remote && remote_regions_us.iter().any(|us| *us);
    let remote_excludes_us =
        remote && !remote_regions_us.is_empty() && remote_regions_us.iter().all(|us| !us);
    // A remote role with no region of its own, in a posting that names a US-inclusive region
    // elsewhere ("we hire across North America"), is open to the US too.
    let remote_region_elsewhere_us =
        remote && remote_regions_us.is_empty() && regions_us.iter().any(|us| *us);
    let us_eligible = if us_office || remote_includes_us || remote_region_elsewhere_us {
        Some(true)
    } else if remote && remote_regions_us.is_empty() && US_BENEFIT.is_match(text) {
        // A remote role with no stated region whose benefits are American (a 401(k) plan) is
        // open to US residents.
        Some(true)
    } else if remote && remote_regions_us.is_empty() || MORE_PLACES.is_match(text, &folded) {
        // A remote role with no stated region, or "Ottawa, Montreal, plenty more": the US is
        // neither offered nor ruled out.
        None
    } else if remote_excludes_us || !countries.is_empty() {
        Some(false)
    } else {
        None
    };

    Place {
        work_mode,
        countries: countries.into_iter().collect(),
        us_eligible,
    }
}

/// True when an onsite word at `start..end` is part of a hybrid phrase: overlapping it or a few
/// bytes from it on the same header field ("Hybrid Onsite", "onsite hybrid", "Onsite in SF
/// (hybrid)", "ONSITE+PART REMOTE").
fn beside_hybrid(text: &str, spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|&(h_start, h_end)| {
        let (gap_start, gap_end) = if end <= h_start {
            (end, h_start)
        } else if h_end <= start {
            (h_end, start)
        } else {
            return true;
        };
        gap_end - gap_start <= 12
            && text
                .get(gap_start..gap_end)
                .is_some_and(|gap| !gap.contains(['|', '\n', '/', '.']) && !gap.contains(" or "))
    })
}

/// True when a remote word at `start..end` only describes the remote part of a hybrid
/// arrangement: inside a hybrid phrase ("2 days remote"), or after "Hybrid <onsite word> and"
/// ("Hybrid On-site & Remote", "Hybrid In Person and WFH").
fn part_of_hybrid(text: &str, spans: &[(usize, usize)], start: usize, end: usize) -> bool {
    spans.iter().any(|&(h_start, h_end)| {
        if start < h_end && h_start < end {
            return true;
        }
        h_end <= start
            && start - h_end <= 20
            && text.get(h_end..start).is_some_and(|gap| {
                !gap.contains(['|', '\n', '/', '.'])
                    && !gap.to_ascii_lowercase().contains(" or ")
                    && ONSITE.is_match(gap)
            })
    })
}

/// "Office" as a header work-mode field: "Remote/Office", "(Office and Remote)", "| Office |".
static OFFICE_MODE: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?:^|[|/(,&+]\s*)office(?:\s*(?:[|/),&+]|and(?-u:\b)|or(?-u:\b))|\s*$)")
        .expect("regex")
});

/// True when the mention at `start` sits in a "Remote (...)" or "Remote - ..." qualifier.
fn inside_remote_qualifier(text: &str, start: usize, header_end: usize) -> bool {
    let header = &text[..header_end.min(text.len())];
    let before = &header[..start.min(header.len())];
    let field_start = before.rfind('|').map_or(0, |i| i + 1);
    let field = &before[field_start..];
    let lower = field.to_ascii_lowercase();
    let Some(remote_at) = lower.rfind("remote") else {
        return false;
    };
    let between = &lower[remote_at + "remote".len()..];
    // "Remote (US)", "Remote - US", "Remote, US only", "Remote in the US", "REMOTE USA"
    let qualifier_start = between.trim_start().is_empty()
        || between.trim_start().starts_with(['(', '-', '–', ',', ':'])
        || between.trim_start().starts_with("in ")
        || between.contains('(');
    between.len() < 25 && qualifier_start && !between.contains(" or ") && !between.contains(')')
}

/// The text before `at` on its line, at most 80 bytes: the context rules look no further.
fn context_before(text: &str, at: usize) -> &str {
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    &text[floor_boundary(text, line_start.max(at.saturating_sub(80)))..at]
}

/// The 80 bytes after `at`.
fn context_after(text: &str, at: usize) -> &str {
    &text[at..floor_boundary(text, (at + 80).min(text.len()))]
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

static VISA_NO: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: "... sponsor*|visas?|h-?1-?bs?" (h1b and h1-b contain "h1", h-1b and h-1-b
    // "h-1"), "without ... sponsorship", "sponsorship ... not", "no visa(s)", "visa sponsorship: no",
    // "... citizen(s)" twice, "passport holder(s) ... only", "work(ing) permit for|in".
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:no|not|unable to|cannot|can't|can not|won't|will not|do not|don't|does not|doesn't|are not able to|aren't able to|not able to|isn't able to|is not able to)\s+(?:\w+\s+){0,3}?(?:sponsor\w*|visas?|h-?1-?bs?)(?-u:\b)|(?-u:\b)without (?:\w+\s+){0,2}(?:visa |employer |company )?sponsorship(?-u:\b)|(?-u:\b)sponsorship (?:is )?not (?:available|offered|provided|possible)(?-u:\b)|(?-u:\b)(?:us|u\.s\.) citizens? (?:or (?:green card|permanent resident)s? )?only(?-u:\b)|(?-u:\b)no visas?(?-u:\b)|(?-u:\b)visa sponsorship:\s*no(?-u:\b)|(?-u:\b)must (?:\w+\s+){0,3}?be (?:an? )?(?:us|u\.s\.|american) citizens?(?-u:\b)|(?-u:\b)passport[- ]holders?[^.\n]{0,10}only(?-u:\b)|(?m:^)\W*(?:an? )?(?:valid )?work(?:ing)? permit (?:for|in)(?-u:\b)",
        &[
            "sponsor", "visa", "h1", "h-1", "citizen", "passport", "permit",
        ],
    )
});
/// "Must be authorized to work in the US": no sponsorship, unless the posting also says
/// plainly that it sponsors ("... or Canada. Will sponsor TN visas").
static VISA_WEAK_NO: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: every match contains "authorized" or "authorised".
    GatedRegex::new(
        r"(?i)(?-u:\b)must (?:\w+\s+){0,3}?(?:be )?(?:legally )?authori[sz]ed to work(?-u:\b)",
        &["authori"],
    )
});
static VISA_STRONG_YES: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: "sponsorship(s) ...", "... sponsor", "<visa|h-?1-?b> <sponsorship|support|assistance>".
    GatedRegex::new(
        r"(?i)(?-u:\b)(?:sponsorships? (?:is |are )?(?:available|offered|provided|possible)|(?:will|we|can|happy to|able to) sponsor|(?:visa|h-?1-?b) (?:sponsorship|support|assistance) (?:is )?(?:available|offered|provided))(?-u:\b)",
        &["sponsor", "visa", "h1", "h-1"],
    )
});
static VISA_YES: LazyLock<GatedRegex> = LazyLock::new(|| {
    // Gate: "visa(s)", "h-?1-?b(s)", "h-?1 <possible|ok|...>", "sponsor*".
    GatedRegex::new(
        r"(?i)(?-u:\b)visas?(?-u:\b)|(?-u:\b)h-?1-?bs?(?-u:\b)|(?-u:\b)h-?1 (?:possible|ok|welcome|transfers?)(?-u:\b)|(?-u:\b)sponsor(?:ship|s|ing)?(?-u:\b)",
        &["visa", "h1", "h-1", "sponsor"],
    )
});
static VISA_YES_NOT_OFFER: LazyLock<Regex> = LazyLock::new(|| {
    crate::rule_regex(r"(?i)(?-u:\b)(?:visa (?:card|inc|payments?|network|credit|debit)|visa,? (?:and|or|&) (?:mastercard|master card|amex)|mastercard|accept visa|sponsor(?:ed|s)? (?:by|events?|conferences?|meetups?|hackathons?|open source|the)|(?:event|conference|corporate|title|gold|silver) sponsor\w*|clearance[^.\n]{0,30}sponsor|sponsor\w* (?:\w+ ){0,3}clearance|sponsorship:?\s+(?:unlikely|rarely|maybe))(?-u:\b)")
        .expect("regex")
});

/// Whether the posting offers visa sponsorship: `Some(false)` when it says it does not.
pub fn visa(text: &str) -> Option<bool> {
    let folded = Folded::new(text);
    if VISA_NO.is_match(text, &folded) {
        return Some(false);
    }
    if VISA_WEAK_NO.is_match(text, &folded) {
        return Some(VISA_STRONG_YES.is_match(text, &folded));
    }
    let offers = VISA_YES.find_iter(text, &folded).any(|m| {
        let line_start = text[..m.start()].rfind('\n').map_or(0, |i| i + 1);
        let context_start = floor_boundary(text, m.start().saturating_sub(40).max(line_start));
        let context_end = floor_boundary(text, (m.end() + 25).min(text.len()));
        !VISA_YES_NOT_OFFER.is_match(&text[context_start..context_end])
    });
    offers.then_some(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Cases {
        case: Vec<Case>,
    }

    #[derive(Deserialize)]
    struct Case {
        text: String,
        countries: Option<Vec<String>>,
        work_mode: Option<Vec<String>>,
        us_eligible: Option<String>,
        visa: Option<String>,
    }

    fn tri(value: &str) -> Option<bool> {
        match value {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        }
    }

    /// Every case in testdata/location.toml: each given field must match.
    #[test]
    fn cases() {
        let cases: Cases =
            toml::from_str(include_str!("../testdata/location.toml")).expect("cases parse");
        let mut failures = Vec::new();
        for case in &cases.case {
            let place = find(&case.text, None);
            if let Some(expected) = &case.countries {
                if &place.countries != expected {
                    failures.push(format!(
                        "{:?}: countries {:?} != {:?}",
                        case.text, place.countries, expected
                    ));
                }
            }
            if let Some(expected) = &case.work_mode {
                if &place.work_mode != expected {
                    failures.push(format!(
                        "{:?}: work_mode {:?} != {:?}",
                        case.text, place.work_mode, expected
                    ));
                }
            }
            if let Some(expected) = &case.us_eligible {
                if place.us_eligible != tri(expected) {
                    failures.push(format!(
                        "{:?}: us_eligible {:?} != {expected}",
                        case.text, place.us_eligible
                    ));
                }
            }
            if let Some(expected) = &case.visa {
                if visa(&case.text) != tri(expected) {
                    failures.push(format!(
                        "{:?}: visa {:?} != {expected}",
                        case.text,
                        visa(&case.text)
                    ));
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} failing cases:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// Every gated rule, with texts it matches.
    fn gated_rules() -> Vec<(&'static str, &'static GatedRegex, Vec<&'static str>)> {
        vec![
            (
                "REMOTE",
                &REMOTE,
                vec!["Remote", "WFH ok", "working from home", "Telecommuting"],
            ),
            (
                "MORE_PLACES",
                &MORE_PLACES,
                vec!["NYC, SF, and more |", "Other locations too"],
            ),
            (
                "REMOTE_ONLY",
                &REMOTE_ONLY,
                vec!["100% Remote", "fully-remote", "REMOTE ONLY"],
            ),
            (
                "NO_REMOTE",
                &NO_REMOTE,
                vec![
                    "No remote",
                    "Remote: no",
                    "locals only",
                    "Onsite only",
                    "must work from our office",
                ],
            ),
            (
                "WORK_HAPPENS_AT",
                &WORK_HAPPENS_AT,
                vec![
                    "in our Berlin office",
                    "All positions are located in",
                    "join the data team in",
                    "Relocation assistance",
                ],
            ),
            (
                "VISA_NO",
                &VISA_NO,
                vec![
                    "we cannot sponsor",
                    "No H-1B",
                    "US citizens only",
                    "must be a US citizen",
                    "passport holders only",
                    "Valid work permit for the EU",
                ],
            ),
            (
                "VISA_WEAK_NO",
                &VISA_WEAK_NO,
                vec!["must be legally authorised to work"],
            ),
            (
                "VISA_STRONG_YES",
                &VISA_STRONG_YES,
                vec![
                    "we sponsor",
                    "H1B support available",
                    "sponsorship is offered",
                ],
            ),
            (
                "VISA_YES",
                &VISA_YES,
                vec!["Visa", "H1-B", "h-1 transfers", "sponsorship"],
            ),
        ]
    }

    /// Each rule's gate admits texts the rule matches: they contain one of its gate words.
    #[test]
    fn gates_admit_matching_texts() {
        for (name, rule, texts) in gated_rules() {
            for text in texts {
                assert!(
                    rule.ungated().is_match(text),
                    "{name} should match {text:?}"
                );
                assert!(
                    rule.is_match(text, &Folded::new(text)),
                    "{name} gate refuses {text:?}"
                );
            }
        }
    }

    /// The single regexes that `job_place_before` and `not_job_place_before` replace.
    static JOB_PLACE_BEFORE_REGEX: LazyLock<Regex> = LazyLock::new(|| {
        crate::rule_regex(r"(?i)(?:^\s*(?:[-*•]\s*)?(?:locations?|where|office|offices|based|city|cities|place|hq)\s*[:\-–]|(?-u:\b)(?:offices?|located|locations?|positions?|roles?|jobs?|openings?|onsite|on-site|hybrid|remote|work|working|hiring|relocate|relocation|move|based|team|teams|engineers|candidates|presence|hubs?|studios?)(?-u:\b)[^.!?\n]{0,40}|(?-u:\b)in\s*$|^\s*)$")
            .expect("regex")
    });
    static NOT_JOB_PLACE_BEFORE_REGEX: LazyLock<Regex> = LazyLock::new(|| {
        crate::rule_regex(r"(?i)(?:customers|clients|users|members|businesses|patients|students|companies|partners|markets?|sales|hospitals|schools|stores|restaurants|people|families|investors|universities|banks|countries|founded|born|grew up|graduated|studied|headquartered|HQ|HQ'd|hq is|headquarters (?:is|are) in|based out of)(?-u:\b)[^.\n|]{0,40}$")
            .expect("regex")
    });

    /// Texts near the edges of the context rules: 40 characters after the word, multi-byte
    /// characters, a break just before or after the word, a prefix of a longer phrase.
    #[test]
    fn context_rules_agree_with_their_regexes_at_the_edges() {
        let pad = |n: usize, c: char| c.to_string().repeat(n);
        let mut texts = vec![
            String::new(),
            "  ".to_string(),
            "Location:".to_string(),
            " - HQ –".to_string(),
            "• Offices :".to_string(),
            "based in ".to_string(),
            "Berlin.in".to_string(),
            "in".to_string(),
            "IN \u{a0}\u{2003}\u{85}".to_string(),
            "xin ".to_string(),
            "_in".to_string(),
            "éin".to_string(),
            "ſin".to_string(),
            "\u{130}N".to_string(),
            "ın".to_string(),
            "1in".to_string(),
            "-in".to_string(),
            "\u{a0}".to_string(),
            "Location:\u{a0}".to_string(),
            "\u{a0}* where\u{2003}–".to_string(),
            "hq-".to_string(),
            "xhq:".to_string(),
        ];
        for word in [
            "remote",
            "on-site",
            "teams",
            "HQ",
            "hq is",
            "HQ'd",
            "grew up",
            "ourcustomers",
        ] {
            for n in 38..=42 {
                for c in ['x', ' ', 'é', '–', 'ſ'] {
                    texts.push(format!("{word}{}", pad(n, c)));
                    texts.push(format!("a. {word} {}", pad(n, c)));
                    texts.push(format!("{word}.{}", pad(n, c)));
                    texts.push(format!("x{word}{}", pad(n, c)));
                    texts.push(format!("{word}|{}", pad(n, c)));
                }
            }
        }
        for text in &texts {
            assert_eq!(
                job_place_before(text),
                JOB_PLACE_BEFORE_REGEX.is_match(text),
                "job_place_before({text:?})"
            );
            assert_eq!(
                not_job_place_before(text),
                NOT_JOB_PLACE_BEFORE_REGEX.is_match(text),
                "not_job_place_before({text:?})"
            );
        }
    }

    proptest::proptest! {
        /// Place-like fragments glued at random: the context rules slice around every match.
        #[test]
        fn never_panics_on_place_soup(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Remote", " (US)", " | ", "Berlin", ", ", "CA", "NYC", "Hybrid", "onsite",
                    " or ", "é", "\n", "in our ", " office", "Portland, OR", "EU only", "401k",
                    "no visa", "H1B", "must be authorized to work", "ü", "Cambridge, MA",
                ]),
                0..30,
            ),
            location in proptest::option::of("\\PC{0,20}"),
        ) {
            let text: String = parts.concat();
            let place = find(&text, location.as_deref());
            let mut sorted = place.countries.clone();
            sorted.sort();
            sorted.dedup();
            proptest::prop_assert_eq!(&sorted, &place.countries);
            let _ = visa(&text);
        }

        /// Rule fragments glued at random: a gated rule answers exactly as its bare regex.
        #[test]
        fn gated_rules_agree_with_their_regexes(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "no ", "not ", "we ", "can ", "sponsor", "ship", "Visa", "H-", "1", "B", " ",
                    "US ", "citizen", "s ", "only", "must ", "be ", "legally ", "authorized to work",
                    "Remote", "fully ", "100% ", "-", ":", "local", "in our ", "office", "team in",
                    "relocation ", "to", "and more", " |", "\n", "passport holder", "work permit for",
                    "ſ", "\u{212A}", "é", "3 days", "work from home",
                ]),
                0..25,
            ),
        ) {
            let text: String = parts.concat();
            let folded = Folded::new(&text);
            for (name, rule, _) in gated_rules() {
                proptest::prop_assert_eq!(
                    rule.is_match(&text, &folded),
                    rule.ungated().is_match(&text),
                    "{} on {:?}", name, text
                );
            }
        }

        /// Rule words, breaks and fillers of many widths glued at random: the context rules
        /// answer exactly as the regexes they replace.
        #[test]
        fn context_rules_agree_with_their_regexes(
            parts in proptest::collection::vec(
                proptest::sample::select(vec![
                    "remote", "Remote", "work", "working", "team", "teams", "on-site", "onsite",
                    "office", "Offices", "Location", "locations", "HQ", "hq", "HQ'd", "hq is",
                    "headquarters is in", "headquarters are in", "grew up", "customers", "users",
                    "founded", "based", "based out of", "in", " in", "where", "- ", "• ", "* ",
                    ":", "–", "-", " ", "  ", ".", "!", "?", "|", "\n", "\t", "x", "é", "ſ",
                    "\u{212A}", "our", " 2015 ", "0123456789", "abcdefghijklmnopqrstuvwxyz",
                    "ééééééééé", "          ", "’", "_", "s", "d", "IN", "\u{a0}", "İ", "ı",
                    "\u{85}", "\u{2003}", "hq", "city", "Where",
                ]),
                0..20,
            ),
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(
                job_place_before(&text),
                JOB_PLACE_BEFORE_REGEX.is_match(&text),
                "job_place_before({:?})", text
            );
            proptest::prop_assert_eq!(
                not_job_place_before(&text),
                NOT_JOB_PLACE_BEFORE_REGEX.is_match(&text),
                "not_job_place_before({:?})", text
            );
        }

        #[test]
        fn context_rules_agree_with_their_regexes_on_any_text(text in "\\PC{0,90}") {
            proptest::prop_assert_eq!(
                job_place_before(&text),
                JOB_PLACE_BEFORE_REGEX.is_match(&text)
            );
            proptest::prop_assert_eq!(
                not_job_place_before(&text),
                NOT_JOB_PLACE_BEFORE_REGEX.is_match(&text)
            );
        }

        #[test]
        fn never_panics_and_is_sorted(text in "\\PC{0,200}") {
            let place = find(&text, None);
            let mut sorted = place.countries.clone();
            sorted.sort();
            sorted.dedup();
            proptest::prop_assert_eq!(&sorted, &place.countries);
            for code in &place.countries {
                proptest::prop_assert!(code.len() == 2 && code.chars().all(|c| c.is_ascii_uppercase()));
            }
            let mut modes = place.work_mode.clone();
            modes.sort();
            modes.dedup();
            proptest::prop_assert_eq!(&modes, &place.work_mode);
            for mode in &place.work_mode {
                proptest::prop_assert!(["hybrid", "onsite", "remote"].contains(&mode.as_str()));
            }
            let _ = visa(&text);
        }
    }
}
