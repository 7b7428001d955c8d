//! `hirepulse ingest`: read postings from files, folders, globs or stdin into the store.
//!
//! The work is `hirepulse_pipeline::ingest`; this module only turns flags into options, draws a
//! progress bar on a terminal (hidden otherwise), prints each record error as `file:line: reason`
//! (the first few, then a count) and the closing summary line, and picks the exit code.

use crate::commands::input_args::{parse_format, MappingArgs};
use anyhow::Context;
use hirepulse_pipeline::inputs::expand;
use hirepulse_pipeline::{IngestOptions, IngestSummary, Progress};
use hirepulse_sources::{Format, ReadOptions};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Instant;

/// Record errors printed one by one; the rest are counted.
const MAX_PRINTED_ERRORS: u64 = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively, sorted), globs, or `-` for stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Input format, instead of detecting it from each input's first bytes.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub mapping: MappingArgs,
    /// Stop at the first malformed record (exit code 1) instead of reporting and skipping it.
    #[arg(long)]
    pub strict: bool,
    /// Records per batch; each batch is one transaction [default: 2000].
    #[arg(long, hide = true, default_value_t = hirepulse_pipeline::DEFAULT_BATCH_SIZE)]
    pub batch_size: usize,
    /// Deduplication window after the ingest: a posting joins a job seen this many days before.
    #[arg(long, value_name = "DAYS", default_value_t = hirepulse_dedup::DEFAULT_WINDOW_DAYS)]
    pub window_days: u32,
    /// Skip deduplication after the ingest (run `hirepulse dedup` later).
    #[arg(long)]
    pub no_dedup: bool,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let mapping = args.mapping.mapping()?;
    let options = IngestOptions {
        read: ReadOptions {
            format: args.format,
            mapping,
        },
        strict: args.strict,
        batch_size: args.batch_size,
        dedup: (!args.no_dedup).then_some(hirepulse_pipeline::DedupOptions {
            window_days: args.window_days,
            full: false,
        }),
        ..IngestOptions::default()
    };
    let inputs = expand(&args.paths)?;
    let db = cli.db_path()?;
    let mut store = hirepulse_store::Store::open(&db)?;

    let bar = progress_bar();
    let mut n_errors = 0u64;
    let mut on_progress = |event: Progress| match event {
        Progress::Started { bytes_total, .. } => {
            if let Some(total) = bytes_total {
                bar.set_length(total);
                bar.set_style(bytes_style());
            }
        }
        Progress::Input { name, .. } => bar.set_message(name),
        Progress::Advanced { bytes_read, .. } => bar.set_position(bytes_read),
        Progress::RecordError(err) => {
            n_errors += 1;
            if n_errors <= MAX_PRINTED_ERRORS {
                bar.suspend(|| eprintln!("{err}"));
            }
        }
        Progress::Reextracted { .. } => {}
    };
    let result = hirepulse_pipeline::ingest(&mut store, &inputs, &options, &mut on_progress);
    bar.finish_and_clear();
    let summary = result.with_context(|| format!("ingest into {}", db.display()))?;
    if summary.n_errors > MAX_PRINTED_ERRORS {
        eprintln!(
            "... and {} more record errors",
            summary.n_errors - MAX_PRINTED_ERRORS
        );
    }
    println!(
        "{}",
        summary_line(&summary, started.elapsed().as_secs_f64())
    );
    if let Some(dedup) = &summary.dedup {
        eprintln!("{}", crate::commands::dedup::summary_line(dedup));
    }
    if summary.stopped_at_error {
        eprintln!("hirepulse: stopped at the first malformed record (--strict)");
        return Ok(crate::exit::FATAL);
    }
    Ok(if summary.n_errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}

/// `new N / updated N / unchanged N / skipped N (deleted N, dead N, not_a_posting N,
/// duplicate N) / errors N in 1.23s`
pub(crate) fn summary_line(summary: &IngestSummary, seconds: f64) -> String {
    let skipped = &summary.skipped;
    format!(
        "new {} / updated {} / unchanged {} / skipped {} (deleted {}, dead {}, not_a_posting {}, \
         duplicate {}) / errors {} in {seconds:.2}s",
        summary.new,
        summary.updated,
        summary.unchanged,
        skipped.total() + summary.duplicates,
        skipped.deleted,
        skipped.dead,
        skipped.not_a_posting,
        summary.duplicates,
        summary.n_errors,
    )
}

/// A spinner until the total size is known; hidden unless stderr is a terminal.
pub(crate) fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

fn bytes_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{bar:30} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {wide_msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line_shape() {
        let mut summary = IngestSummary {
            new: 3,
            unchanged: 1,
            n_errors: 2,
            duplicates: 1,
            ..IngestSummary::default()
        };
        summary.skipped.deleted = 4;
        assert_eq!(
            summary_line(&summary, 1.234),
            "new 3 / updated 0 / unchanged 1 / skipped 5 (deleted 4, dead 0, not_a_posting 0, \
             duplicate 1) / errors 2 in 1.23s"
        );
    }
}
