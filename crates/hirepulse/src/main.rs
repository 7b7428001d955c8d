//! The `hirepulse` command line: parses arguments, calls the library, prints results.
//!
//! Each subcommand lives in its own module under `commands/` with an `Args` struct (clap derive)
//! and a `run` function that returns the process exit code. Nothing here computes a figure: the
//! library crates do, and this binary only wires them to files, terminals and exit codes.

mod commands;
mod output;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything went fine.
    pub const OK: u8 = 0;
    /// A fatal error: nothing (more) was done.
    pub const FATAL: u8 = 1;
    /// Bad command-line usage (clap's own code).
    pub const USAGE: u8 = 2;
    /// The run finished, but some records were malformed and skipped (they were reported).
    pub const RECORD_ERRORS: u8 = 3;
    /// `fetch` could not fetch some resources (each was reported); what it fetched was ingested.
    pub const FETCH_FAILED: u8 = 4;
}

/// Measure the tech job market from real job postings.
#[derive(Debug, Parser)]
#[command(name = "hirepulse", version, about, propagate_version = true)]
pub struct Cli {
    /// The SQLite store to use [default: hirepulse.db in the user's data directory; without it,
    /// the report commands read the built-in baseline].
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read job postings from files, folders, globs or `-` (stdin) into the store.
    Ingest(commands::ingest::Args),
    /// Read compensation datasets (survey CSVs, levels.fyi, EU survey, H-1B, BLS OEWS xlsx) into the store.
    IngestPay(commands::ingest_pay::Args),
    /// Show what the store holds: the total and the counts by source and month.
    Status(commands::status::Args),
    /// Print the facts extracted from postings, one JSON object per posting (no store needed).
    Extract(commands::extract::Args),
    /// Score extraction against a label file: per-field precision/recall/F1 and exact matches.
    Eval(commands::eval::Args),
    /// The measured language table: postings, share, growth, best lanes, senior US pay, risks.
    Snapshot(commands::snapshot::Args),
    /// Postings, share, growth and posted pay per value of any dimension (e.g. --by lane).
    Compare(commands::compare::Args),
    /// Build the compact baseline the reports fall back to without a store, or show its provenance.
    Baseline(commands::baseline::Args),
    /// Monthly series of values (share of the month's postings with intervals) and a chart.
    Trend(commands::trend::Args),
    /// Posted-pay distribution (p10..p90 with intervals, disclosure) for any filter or --by.
    Pay(commands::pay::Args),
    /// Technologies and languages asked with a language: by lift and by count.
    Skills(commands::skills::Args),
    /// What to learn or deepen next, ranked for your profile, with a 90-day plan.
    Advise(commands::advise::Args),
    /// Fetch fresh postings from public APIs (HN, Greenhouse, Lever, Ashby) into a cache, then ingest.
    Fetch(commands::fetch::Args),
    /// US income and payroll tax and take-home for wages and/or self-employment income.
    Tax(commands::tax::Args),
    /// A full-time package against a contract: take-home side by side and the break-even rate.
    ContractVsFte(Box<commands::contract_vs_fte::Args>),
    /// Serve the reports as a web dashboard and a JSON API (built-in baseline unless --db).
    Serve(commands::serve::Args),
    /// Group postings into jobs (cross-source copies, reposts) so reports count each job once.
    Dedup(commands::dedup::Args),
}

impl Cli {
    /// The store path: `--db`, else `hirepulse.db` in the user's data directory.
    pub fn db_path(&self) -> anyhow::Result<PathBuf> {
        if let Some(path) = &self.db {
            return Ok(path.clone());
        }
        let dir = dirs::data_dir()
            .ok_or_else(|| anyhow::anyhow!("no user data directory here; pass --db PATH"))?
            .join("hirepulse");
        std::fs::create_dir_all(&dir)
            .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", dir.display()))?;
        Ok(dir.join("hirepulse.db"))
    }
}

fn main() -> ExitCode {
    output::reset_sigpipe();
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Ingest(args) => commands::ingest::run(&cli, args),
        Command::IngestPay(args) => commands::ingest_pay::run(&cli, args),
        Command::Status(args) => commands::status::run(&cli, args),
        Command::Extract(args) => commands::extract::run(&cli, args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Snapshot(args) => commands::snapshot::run(&cli, args),
        Command::Compare(args) => commands::compare::run(&cli, args),
        Command::Baseline(args) => commands::baseline::run(&cli, args),
        Command::Trend(args) => commands::trend::run(&cli, args),
        Command::Pay(args) => commands::pay::run(&cli, args),
        Command::Skills(args) => commands::skills::run(&cli, args),
        Command::Advise(args) => commands::advise::run(&cli, args),
        Command::Fetch(args) => commands::fetch::run(&cli, args),
        Command::Tax(args) => commands::tax::run(args),
        Command::ContractVsFte(args) => commands::contract_vs_fte::run(&cli, args),
        Command::Serve(args) => commands::serve::run(&cli, args),
        Command::Dedup(args) => commands::dedup::run(&cli, args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) if output::is_broken_pipe(&err) => ExitCode::from(exit::OK),
        Err(err) => {
            eprintln!("hirepulse: {err:#}");
            ExitCode::from(exit::FATAL)
        }
    }
}
