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
//! format behind one trait. `trend` (monthly series), `pay` (posted-pay distribution for any
//! filter) and `skills` (what is asked with a language) follow the same shape, and
//! [`baseline`] ships the postings' report fields so all of them run without a store. No SQL
//! here (the store runs it) and no terminal (the CLI owns it).

pub mod baseline;
pub mod compare;
pub mod config;
pub mod coverage;
pub mod datasets;
pub mod model;
pub mod pay;
pub mod population;
pub mod render;
pub mod salary_position;
pub mod skills;
pub mod snapshot;
pub mod trend;

pub use baseline::Baseline;
pub use compare::compare;
pub use config::{CompareConfig, Dimension, Filters, Region, SnapshotConfig};
pub use datasets::{dataset_pay, DatasetPayConfig, DatasetPayReport};
pub use model::{Comparison, Snapshot};
pub use pay::{pay, PayConfig, PayReport};
pub use render::{Format, Renderer};
pub use skills::{skills, SkillsConfig, SkillsReport};
pub use snapshot::snapshot;
pub use trend::{trend, TrendConfig, TrendReport};

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
