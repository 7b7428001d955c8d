//! Ingest orchestration: sources -> extract -> store, in bounded batches.
//!
//! The pipeline knows no terminal: it reports progress and record errors through a callback
//! ([`Progress`]), and the CLI decides how to show them. [`ingest`] streams inputs through the
//! readers on one thread while the calling thread hashes, extracts (in parallel, with rayon) and
//! writes each batch in one transaction; [`reextract`] refreshes facts an older extractor wrote.
//! Memory is bounded by the batch size and the channel depth, never by the input size.

pub mod dedup;
mod ingest;
pub mod inputs;
pub mod pay_ingest;
mod reextract;

pub use dedup::{dedup, DedupOptions, DedupSummary};
pub use ingest::{ingest, IngestOptions, IngestSummary, SkippedCounts};
pub use reextract::{reextract, ReextractOptions, ReextractSummary};

use hirepulse_extract::{Facts, Input};
use hirepulse_sources::RecordError;

/// The default number of records per batch (and per transaction).
pub const DEFAULT_BATCH_SIZE: usize = 2_000;

/// What the pipeline reports while it works.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Ingest starts: how many inputs, and their total size when all are files.
    Started {
        n_inputs: usize,
        bytes_total: Option<u64>,
    },
    /// The reader moved on to input `name` (`index` counts from 0).
    Input { index: usize, name: String },
    /// A batch was written: bytes read so far (over all inputs) and records read so far.
    Advanced { bytes_read: u64, records_read: u64 },
    /// A record could not be read; it was skipped (or, with `strict`, ingest stops).
    RecordError(RecordError),
    /// Re-extraction: `done` of `total` postings refreshed.
    Reextracted { done: u64, total: u64 },
}

/// Fatal problems: nothing more is read after one of these (committed batches stay).
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Inputs(#[from] inputs::InputError),
    #[error("{file}: cannot open: {source}")]
    Open {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Source(#[from] hirepulse_sources::SourceError),
    #[error(transparent)]
    Store(#[from] hirepulse_store::StoreError),
    #[error("{file}: the reader stopped unexpectedly (a bug in hirepulse; please report it)")]
    ReaderPanicked { file: String },
    #[error("an extraction worker stopped unexpectedly")]
    WorkerStopped,
    #[error("deduplication: {0}")]
    Dedup(#[from] hirepulse_dedup::DedupError),
}

/// The extractor's view of a posting's fields.
pub(crate) struct ExtractFields<'a> {
    pub source_id: &'a str,
    pub month: Option<&'a str>,
    pub text: &'a str,
    pub title: Option<&'a str>,
    pub company: Option<&'a str>,
    pub location: Option<&'a str>,
}

/// Runs the extractor, turning a panic inside it into an error naming the posting, so that one
/// pathological text cannot take down a whole ingest.
pub(crate) fn extract_guarded(fields: &ExtractFields<'_>) -> Result<Facts, String> {
    let input = Input {
        id: fields.source_id,
        month: fields.month,
        text: fields.text,
        title: fields.title,
        company: fields.company,
        location: fields.location,
    };
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        hirepulse_extract::extract(&input)
    }))
    .map_err(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("the extractor failed on this posting: {message}")
    })
}

/// Extracts the facts of many postings on the rayon pool, in input order: the parallel half of
/// `hirepulse extract` and `eval`, which stream postings in bounded batches through it.
pub fn extract_all(postings: &[&hirepulse_sources::Posting]) -> Vec<Facts> {
    use rayon::prelude::*;
    postings
        .par_iter()
        .with_min_len(16)
        .map(|posting| {
            hirepulse_extract::extract(&Input {
                id: &posting.source_id,
                month: posting.month.as_deref(),
                text: &posting.text,
                title: posting.title.as_deref(),
                company: posting.company.as_deref(),
                location: posting.location.as_deref(),
            })
        })
        .collect()
}

/// Unix seconds now (0 if the clock is before 1970).
pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}
