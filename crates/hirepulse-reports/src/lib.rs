//! The hirepulse reports as data, and their renderers.
//!
//! `snapshot` measures the "Python vs Go vs Rust" career table for any languages: hiring volume
//! (postings, share with a Wilson interval), year-over-year growth of the share, the lane mix and
//! the lanes where the language is over-represented (lift), posted pay percentiles with
//! order-statistic intervals, and risk signals in words backed by numbers. `compare` gives the
//! same per-value figures for any dimension (language, lane, seniority, work mode, employment,
//! country).
//!
//! Shape: [`population`] reads the extracted postings of the report window (and of the window a
//! year before) from the store once and filters them in memory; [`snapshot`] and [`compare`]
//! turn them into plain serialisable report values ([`model`]) using `hirepulse-stats`; the
//! [`render`] module prints a report value as a table, markdown, csv or json, one file per
//! format behind one trait. No SQL here (the store runs it) and no terminal (the CLI owns it):
//! the same report values can be served or shipped as a baseline later.

pub mod baseline;
pub mod compare;
pub mod config;
pub mod model;
pub mod population;
pub mod render;
pub mod snapshot;

pub use baseline::Baseline;
pub use compare::compare;
pub use config::{CompareConfig, Dimension, Filters, Region, SnapshotConfig};
pub use model::{Comparison, Snapshot};
pub use render::{Format, Renderer};
pub use snapshot::snapshot;

/// Why a report could not be made, with what was being done.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] hirepulse_store::StoreError),
    #[error("{what}: {source}")]
    Stats {
        what: String,
        #[source]
        source: hirepulse_stats::StatsError,
    },
    #[error("{flag} {value:?} is not a month; write YYYY-MM, e.g. 2024-06")]
    BadMonth { flag: &'static str, value: String },
    #[error("the window starts ({since}) after it ends ({until})")]
    EmptyWindow { since: String, until: String },
    #[error("{flag} {value:?}: {why}")]
    BadValue {
        flag: &'static str,
        value: String,
        why: String,
    },
    #[error("the store holds no extracted postings with a month; run `hirepulse ingest` first")]
    NoData,
    #[error(transparent)]
    Baseline(#[from] baseline::BaselineError),
}

/// Wraps a statistics error with what was being computed.
pub(crate) fn stats_error(
    what: impl Into<String>,
) -> impl FnOnce(hirepulse_stats::StatsError) -> ReportError {
    let what = what.into();
    move |source| ReportError::Stats { what, source }
}
