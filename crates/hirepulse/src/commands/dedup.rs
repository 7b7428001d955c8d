//! `hirepulse dedup`: group the store's postings into jobs (recompute or catch up), and print
//! the clusters: postings, jobs, and how postings joined (same text, cross-source, repost).
//!
//! The work is `hirepulse_pipeline::dedup`; ingest runs the same step after every ingest, so
//! this command is for another `--window-days`, a `--full` recompute, or a store ingested with
//! `--no-dedup`. The hidden `--digest` prints a digest of every assignment as posting keys, which
//! the kill/re-run tests compare.

use crate::output::OutputFormat;
use anyhow::Context;
use hirepulse_pipeline::{DedupOptions, DedupSummary};
use hirepulse_store::Store;
use std::io::Write;
use std::time::Instant;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A posting joins a job (cluster) seen within this many days before it.
    #[arg(long, value_name = "DAYS", default_value_t = hirepulse_dedup::DEFAULT_WINDOW_DAYS)]
    pub window_days: u32,
    /// Recompute every cluster, even when only new postings need one.
    #[arg(long)]
    pub full: bool,
    /// Output format (table or json).
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Print only a digest of the stored clusters (for comparing stores); computes nothing.
    #[arg(long, hide = true)]
    pub digest: bool,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let db = cli.db_path()?;
    if !db.exists() {
        anyhow::bail!(
            "{}: no store here yet; run `hirepulse ingest PATH...` first",
            db.display()
        );
    }
    let mut store = Store::open(&db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.digest {
        writeln!(out, "{}", store.cluster_digest()?)?;
        out.flush()?;
        return Ok(crate::exit::OK);
    }
    let started = Instant::now();
    let options = DedupOptions {
        window_days: args.window_days,
        full: args.full,
    };
    let summary = hirepulse_pipeline::dedup(&mut store, &options)
        .with_context(|| format!("deduplicate {}", db.display()))?;
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &summary)?;
            writeln!(out)?;
        }
        OutputFormat::Table | OutputFormat::Csv => {
            writeln!(out, "{}", summary_line(&summary))?;
            for (method, n) in &summary.clusters.by_method {
                writeln!(out, "  {method:<13} {n:>9}")?;
            }
        }
    }
    out.flush()?;
    eprintln!("dedup took {:.2}s", started.elapsed().as_secs_f64());
    Ok(crate::exit::OK)
}

/// `dedup (window 60 days, incremental): 1200 postings in 1100 jobs, 8.3% duplicates`
pub fn summary_line(summary: &DedupSummary) -> String {
    let clusters = &summary.clusters;
    let duplicates = clusters.postings.saturating_sub(clusters.clusters);
    let rate = if clusters.postings == 0 {
        0.0
    } else {
        duplicates as f64 / clusters.postings as f64 * 100.0
    };
    format!(
        "dedup (window {} days, {}): {} postings in {} jobs, {duplicates} duplicates ({rate:.1}%)",
        summary.window_days, summary.mode, clusters.postings, clusters.clusters
    )
}
