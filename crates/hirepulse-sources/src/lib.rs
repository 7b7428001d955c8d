//! Readers for the job-posting formats people already have, each turned into one [`Posting`] shape.
//!
//! Every format lives in its own module behind the [`SourceFormat`] trait and is picked by sniffing
//! the first bytes of the input (overridable with an explicit [`Format`]). Readers stream: they
//! yield one [`Event`] at a time, so memory stays flat however large the input is, and a bad record
//! becomes an [`Event::Error`] naming file, line/record and reason while the good records around it
//! still flow. HTML is turned into text by one function, [`html::to_text`], used everywhere.

pub mod algolia;
pub mod ashby;
mod ats;
pub mod common;
pub mod greenhouse;
pub mod hn_items;
pub mod html;
pub mod jobspy;
pub mod jsonld;
pub mod lever;
pub mod mapped;

use serde::{Deserialize, Serialize};
use std::fmt;

/// The largest posting text we accept, in bytes. Larger records are reported as errors.
pub const MAX_TEXT_BYTES: usize = 1_000_000;

/// One job posting, as read from any source, before extraction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posting {
    /// Short source name, e.g. `hn` (HN items and HN Algolia alike), `jobspy:indeed`, `jsonld`,
    /// `csv` / `jsonl` (or the mapping's `source`). Together with `source_id` the key.
    pub source: String,
    /// The source's own id of the posting (the HN item id, a job URL, ...).
    pub source_id: String,
    /// The month the posting belongs to, `YYYY-MM` (the HN thread month; else the posting date's).
    pub month: Option<String>,
    /// When it was posted, as unix seconds, where known.
    pub posted_at: Option<i64>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub url: Option<String>,
    /// The text exactly as the source gave it (HTML for HN).
    pub raw: String,
    /// The normalised plain text of `raw` (see [`html::to_text`]).
    pub text: String,
    /// Structured pay stated by the source itself (JobSpy, JSON-LD `baseSalary`, the job boards'
    /// pay fields), with provenance.
    pub pay_evidence: Vec<PayEvidence>,
}

/// A pay figure a source states in structured fields, kept with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PayEvidence {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code as given by the source.
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub period: Option<String>,
    /// Where the figure came from, e.g. `jobspy:min_amount/max_amount` or `jsonld:baseSalary`.
    pub provenance: String,
}

/// Where in the input a record sits: file (or `-` for stdin) and 1-based line or record number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    pub file: String,
    /// 1-based line number for line formats; 1-based record number otherwise.
    pub record: u64,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.record)
    }
}

/// Why a well-formed record was not a posting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    Deleted,
    Dead,
    /// The thread/story item itself, or another record that is not a posting.
    NotAPosting,
}

/// A record that could not be read, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {reason}")]
pub struct RecordError {
    pub origin: Origin,
    pub reason: String,
}

/// What a reader yields, one record at a time.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    Posting(Box<Posting>),
    Skipped { origin: Origin, reason: SkipReason },
    Error(RecordError),
}

/// The input formats hirepulse reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// HN API items as JSON Lines (thread line first, then its comments).
    HnItems,
    /// One HN Algolia `items/<id>` thread: a JSON object with nested `children`.
    HnAlgolia,
    /// CSV written by python-jobspy's `scrape_jobs(...).to_csv(...)`.
    Jobspy,
    /// A Greenhouse job board (`/v1/boards/<token>/jobs?content=true`).
    Greenhouse,
    /// A Lever site's postings (`/v0/postings/<company>?mode=json`).
    Lever,
    /// An Ashby job board (`/posting-api/job-board/<org>?includeCompensation=true`).
    Ashby,
    /// schema.org `JobPosting` JSON-LD, in saved HTML pages or `.json` files.
    Jsonld,
    /// Generic CSV with a header row, read through a column [`mapped::Mapping`].
    Csv,
    /// Generic JSON Lines objects, read through a column [`mapped::Mapping`].
    Jsonl,
}

impl Format {
    /// Every format, in sniffing order: the more specific shapes first. The generic `csv` and
    /// `jsonl` never sniff (they need a mapping), so they are last.
    pub const ALL: &'static [Format] = &[
        Format::HnAlgolia,
        Format::Greenhouse,
        Format::Lever,
        Format::Ashby,
        Format::HnItems,
        Format::Jobspy,
        Format::Jsonld,
        Format::Csv,
        Format::Jsonl,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::HnItems => "hn-items",
            Format::HnAlgolia => "hn-algolia",
            Format::Jobspy => "jobspy",
            Format::Greenhouse => "greenhouse",
            Format::Lever => "lever",
            Format::Ashby => "ashby",
            Format::Jsonld => "jsonld",
            Format::Csv => "csv",
            Format::Jsonl => "jsonl",
        }
    }

    /// True for the generic formats that are read through a [`mapped::Mapping`].
    pub fn needs_mapping(self) -> bool {
        matches!(self, Format::Csv | Format::Jsonl)
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    fn reader(self) -> &'static dyn SourceFormat {
        match self {
            Format::HnItems => &hn_items::HnItems,
            Format::HnAlgolia => &algolia::HnAlgolia,
            Format::Jobspy => &jobspy::Jobspy,
            Format::Greenhouse => &greenhouse::Greenhouse,
            Format::Lever => &lever::Lever,
            Format::Ashby => &ashby::Ashby,
            Format::Jsonld => &jsonld::Jsonld,
            Format::Csv => &mapped::MappedCsv,
            Format::Jsonl => &mapped::MappedJsonl,
        }
    }
}

/// One input format: recognises its content and streams its records.
pub trait SourceFormat: Sync {
    /// True when `head` (the first few KiB of the input) looks like this format.
    fn sniff(&self, head: &[u8]) -> bool;
    /// Streams the records of `input`, naming them after `file` in errors.
    fn read<'a>(
        &self,
        file: &str,
        input: Box<dyn std::io::BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a>;
}

/// Fatal problems with a whole input (not a single record).
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{file}: cannot read: {source}")]
    Io {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}: unrecognised format (try --format {}, or a column mapping for a generic CSV / JSON Lines)", Format::ALL.iter().filter(|f| !f.needs_mapping()).map(|f| f.name()).collect::<Vec<_>>().join("|"))]
    UnknownFormat { file: String },
    #[error("{file}: the {format} format needs a column mapping (e.g. --map id=job_id,text=body)")]
    MappingRequired { file: String, format: &'static str },
    #[error("{file}: mapped column {column:?} (for {field}) is not in the header; columns are: {available}")]
    MissingColumn {
        file: String,
        field: &'static str,
        column: String,
        available: String,
    },
}

/// Picks the format of an input from its first bytes.
pub fn detect(head: &[u8]) -> Option<Format> {
    Format::ALL.iter().copied().find(|f| f.reader().sniff(head))
}

/// How to read an input: an explicit format (else detected) and the column mapping for generic
/// CSV / JSON Lines.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    pub format: Option<Format>,
    pub mapping: Option<mapped::Mapping>,
}

/// Opens `input` (named `file` in messages) with `options`.
///
/// The format is `options.format` if given; else, with a mapping, the generic CSV or JSON Lines
/// reader (JSON Lines when the first non-blank byte is `{`); else the detected format. The
/// generic formats are never detected: a CSV without a mapping is [`SourceError::UnknownFormat`].
pub fn read<'a>(
    file: &str,
    mut input: Box<dyn std::io::BufRead + 'a>,
    options: &ReadOptions,
) -> Result<Box<dyn Iterator<Item = Event> + 'a>, SourceError> {
    let io_error = |source| SourceError::Io {
        file: file.to_string(),
        source,
    };
    let format = match (options.format, &options.mapping) {
        (Some(format), _) => format,
        (None, Some(_)) => {
            let head = input.fill_buf().map_err(io_error)?;
            if mapped::starts_with_object(head) {
                Format::Jsonl
            } else {
                Format::Csv
            }
        }
        (None, None) => {
            let head = input.fill_buf().map_err(io_error)?;
            detect(head).ok_or_else(|| SourceError::UnknownFormat {
                file: file.to_string(),
            })?
        }
    };
    if format.needs_mapping() {
        let mapping = options
            .mapping
            .clone()
            .ok_or_else(|| SourceError::MappingRequired {
                file: file.to_string(),
                format: format.name(),
            })?;
        return mapped::open(file, input, mapping, format == Format::Jsonl);
    }
    Ok(format.reader().read(file, input))
}
