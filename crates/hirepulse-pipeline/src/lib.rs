//! Ingest orchestration: sources -> extract -> store, in bounded batches.
//!
//! The pipeline knows no terminal: it reports progress and record errors through callbacks, and
//! the CLI decides how to show them.

pub mod inputs;
