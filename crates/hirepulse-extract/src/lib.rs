//! Extraction: a pure function from a posting's text to the facts hirepulse counts.
//!
//! [`extract`] takes an [`Input`] (plain text plus whatever structured fields the source gave) and
//! returns [`Facts`], the fields of `../shared/labels/GUIDELINES.md` plus the wider technologies
//! the taxonomy knows. It does no I/O: the taxonomy and the FX table are data files compiled in
//! with `include_str!` and parsed once. Each field has its own module so that its rules and its
//! case tests sit together; [`eval`] scores the output against a label file.

#[cfg(test)]
mod case_files;
pub mod company;
mod cues;
pub mod employment;
pub mod eval;
mod gate;
pub mod labels;
pub mod lanes;
pub mod languages;
pub mod location;
pub mod pay;
pub mod seniority;
pub mod taxonomy;

use serde::{Deserialize, Serialize};

/// Builds a rule regex with a lazy-DFA cache larger than the default 2 MiB.
///
/// The rules use bounded repeats of Unicode classes (`[^.\n]{0,40}`, `(?:\w+\s+){0,3}`) whose
/// lazy DFA has many states, and determinisation showed up at about a tenth of the extraction
/// profile; a bigger cache lets fewer states be rebuilt (single-thread gain was modest, about 6%
/// on the 2019 files). It changes only speed, never what matches; the cache is per thread and
/// grows only as states are used.
pub(crate) fn rule_regex(pattern: &str) -> Result<regex::Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .dfa_size_limit(32 << 20)
        .build()
}

/// Bumped whenever a rule or data file changes what [`extract`] returns; stored beside each
/// posting's facts so that `hirepulse extract --update` re-extracts what an older version produced.
pub const EXTRACTOR_VERSION: u32 = 6;

/// What extraction reads: the posting's normalised plain text plus structured hints.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// The source's id of the posting (the HN item id).
    pub id: &'a str,
    /// `YYYY-MM`, where known.
    pub month: Option<&'a str>,
    /// Normalised plain text (see `hirepulse_sources::html::to_text`): paragraphs separated by a
    /// blank line; for HN the first line is usually the `Company | Role | Place` header.
    pub text: &'a str,
    /// Structured fields some sources carry (JobSpy, JSON-LD); `None` for HN.
    pub title: Option<&'a str>,
    pub company: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// Everything extraction finds in one posting.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub company: Option<String>,
    /// Canonical language ids (GUIDELINES.md), sorted, unique.
    pub languages: Vec<String>,
    /// Other taxonomy technologies named (databases, clouds, frameworks ...), sorted ids.
    pub technologies: Vec<String>,
    pub pay: Vec<pay::PayRange>,
    pub equity: bool,
    /// Sorted subset of `onsite`, `hybrid`, `remote`.
    pub work_mode: Vec<String>,
    /// ISO 3166 alpha-2, sorted.
    pub countries: Vec<String>,
    pub us_eligible: Option<bool>,
    pub visa: Option<bool>,
    /// Sorted subset of `full_time`, `part_time`, `contract`, `intern`.
    pub employment: Vec<String>,
    /// Sorted subset of `intern`, `junior`, `mid`, `senior`, `staff`, `lead`, `manager`.
    pub seniority: Vec<String>,
    /// Sorted career lanes (GUIDELINES.md).
    pub lanes: Vec<String>,
}

/// Extracts every fact from one posting.
pub fn extract(input: &Input) -> Facts {
    let text = input.text;
    // A top-level comment that is not a job posting (a job seeker, a reply) offers nothing
    // (GUIDELINES.md): every field stays empty. Sources with structured fields are postings.
    if input.company.is_none() && input.title.is_none() && company::is_not_posting(text) {
        return Facts::default();
    }
    let (languages, technologies) = languages::find(text);
    let place = location::find(text, input.location);
    Facts {
        company: company::find(text, input.company),
        languages,
        technologies,
        pay: pay::find_dated(text, input.month),
        equity: pay::offers_equity(text),
        work_mode: place.work_mode,
        countries: place.countries,
        us_eligible: place.us_eligible,
        visa: location::visa(text),
        employment: employment::find(text),
        seniority: seniority::find(text, input.title),
        lanes: lanes::find(text, input.title),
    }
}
