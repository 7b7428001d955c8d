//! `hirepulse fetch`: pull fresh postings from public APIs into the cache folder, then ingest them.
//!
//! The work is `hirepulse_fetch` (HTTP, cache, resume) and `hirepulse_pipeline::ingest`; this
//! module turns flags into a checked client config and connector options, draws a progress bar
//! on a terminal (hidden otherwise), prints each failed resource, the fetch summary line
//! (`fetched / cached / retried / failed`) and the ingest summary line, and picks the exit code:
//! 4 when some resource could not be fetched (what was fetched is still ingested), else as
//! `ingest`.

use crate::commands::ingest::{progress_bar, summary_line};
use anyhow::Context;
use hirepulse_fetch::cache::{Cache, Freshness};
use hirepulse_fetch::hn::{self, HnOptions};
use hirepulse_fetch::{
    ashby, greenhouse, lever, BoardOptions, Client, ClientConfig, Outcome, OutcomeStatus, Progress,
    Summary,
};
use hirepulse_pipeline::inputs::InputSpec;
use hirepulse_pipeline::IngestOptions;
use indicatif::{ProgressBar, ProgressStyle};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Record errors printed one by one; the rest are counted.
const MAX_PRINTED_ERRORS: u64 = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub source: Source,
}

#[derive(Debug, clap::Subcommand)]
pub enum Source {
    /// HN "Ask HN: Who is hiring?" threads (Algolia search + HN Firebase items), one file a month.
    Hn(HnArgs),
    /// Greenhouse job boards (GET /v1/boards/TOKEN/jobs?content=true).
    Greenhouse(GreenhouseArgs),
    /// Lever job sites (GET /v0/postings/COMPANY?mode=json).
    Lever(LeverArgs),
    /// Ashby job boards (GET /posting-api/job-board/ORG?includeCompensation=true).
    Ashby(AshbyArgs),
}

/// Options every source takes.
#[derive(Debug, Clone, clap::Args)]
pub struct CommonArgs {
    /// The cache folder [default: cache/ in the user's data directory, e.g.
    /// ~/.local/share/hirepulse/cache].
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// Requests per second at most, over all threads (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 5.0)]
    pub rate: f64,
    /// Requests in flight at once.
    #[arg(long, value_name = "N", default_value_t = 4)]
    pub concurrency: usize,
    /// Retries of a request after a 429, a 5xx, a timeout or a truncated body.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub retries: u32,
    /// Seconds one request may take, connect to last byte.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0)]
    pub timeout: f64,
    /// Hours after which a board, or a month that is not final yet, is fetched again.
    #[arg(long, value_name = "HOURS", default_value_t = 24.0)]
    pub ttl_hours: f64,
    /// Fetch everything again, fresh or not (HN months start over instead of resuming).
    #[arg(long)]
    pub refresh: bool,
    /// Only fill the cache; do not ingest.
    #[arg(long)]
    pub no_ingest: bool,
    /// The first retry backoff in milliseconds, doubled at each retry [default: 500].
    #[arg(long, hide = true, default_value_t = 500)]
    pub backoff_ms: u64,
}

#[derive(Debug, clap::Args)]
pub struct HnArgs {
    /// Months to fetch: `2025-01..2025-06` (both included) or one month `2025-01`.
    #[arg(long, value_name = "FROM..TO", required_unless_present = "since")]
    pub months: Option<String>,
    /// Every month from this one (`YYYY-MM`) to the current one.
    #[arg(long, value_name = "YYYY-MM", conflicts_with = "months")]
    pub since: Option<String>,
    /// Which API reads a thread's comments: `firebase` (the HN items API, one request per
    /// comment, the exact items) or `algolia` (the whole thread in one request).
    #[arg(long, value_enum, default_value = "firebase")]
    pub via: ViaArg,
    /// The Algolia HN search API base URL.
    #[arg(long, value_name = "URL", default_value = hn::ALGOLIA_BASE)]
    pub algolia_base: String,
    /// The HN Firebase API base URL.
    #[arg(long, value_name = "URL", default_value = hn::FIREBASE_BASE)]
    pub firebase_base: String,
    /// Days after its thread was posted from which a fetched month is final (never fetched again).
    #[arg(long, value_name = "DAYS", default_value_t = 35)]
    pub final_after_days: u32,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ViaArg {
    Firebase,
    Algolia,
}

#[derive(Debug, clap::Args)]
pub struct GreenhouseArgs {
    /// Board token (the name in job-boards.greenhouse.io/TOKEN); repeat for several.
    #[arg(long = "board", value_name = "TOKEN", required = true)]
    pub boards: Vec<String>,
    /// The API base URL [default: https://boards-api.greenhouse.io].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, clap::Args)]
pub struct LeverArgs {
    /// Site name (the name in jobs.lever.co/COMPANY); repeat for several.
    #[arg(long = "company", value_name = "NAME", required = true)]
    pub companies: Vec<String>,
    /// The API base URL [default: https://api.lever.co; EU sites: https://api.eu.lever.co].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, clap::Args)]
pub struct AshbyArgs {
    /// Board name (the name in jobs.ashbyhq.com/ORG); repeat for several.
    #[arg(long = "org", value_name = "NAME", required = true)]
    pub orgs: Vec<String>,
    /// The API base URL [default: https://api.ashbyhq.com].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub common: CommonArgs,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let started = Instant::now();
    let common = match &args.source {
        Source::Hn(a) => &a.common,
        Source::Greenhouse(a) => &a.common,
        Source::Lever(a) => &a.common,
        Source::Ashby(a) => &a.common,
    };
    let config = client_config(common)?;
    let freshness = Freshness {
        ttl_seconds: (common.ttl_hours * 3600.0) as i64,
        ..Freshness::default()
    };
    let cache = Cache::new(cache_dir(common)?);
    let bar = progress_bar();
    let client = Client::new(config, Box::new(progress_handler(bar.clone())));
    let board_options = |base_url: &Option<String>| BoardOptions {
        base_url: base_url.clone(),
        freshness,
        refresh: common.refresh,
    };
    let outcomes = match &args.source {
        Source::Hn(hn_args) => {
            let options = HnOptions {
                months: months(hn_args)?,
                via: match hn_args.via {
                    ViaArg::Firebase => hn::Via::Firebase,
                    ViaArg::Algolia => hn::Via::Algolia,
                },
                algolia_base: hn_args.algolia_base.clone(),
                firebase_base: hn_args.firebase_base.clone(),
                freshness: Freshness {
                    final_after_seconds: i64::from(hn_args.final_after_days) * 86_400,
                    ..freshness
                },
                refresh: common.refresh,
            };
            hn::fetch(&client, &cache, &options)
        }
        Source::Greenhouse(a) => {
            greenhouse::fetch(&client, &cache, &a.boards, &board_options(&a.base_url))
        }
        Source::Lever(a) => {
            lever::fetch(&client, &cache, &a.companies, &board_options(&a.base_url))
        }
        Source::Ashby(a) => ashby::fetch(&client, &cache, &a.orgs, &board_options(&a.base_url)),
    };
    bar.finish_and_clear();
    for outcome in &outcomes {
        if let OutcomeStatus::Failed(err) = &outcome.status {
            eprintln!("hirepulse: {}: {err}", outcome.resource);
        }
    }
    let summary = Summary::of(&outcomes, &client.counters);
    println!(
        "{}",
        fetch_summary_line(&summary, started.elapsed().as_secs_f64())
    );
    let fetch_code = if summary.failed > 0 {
        crate::exit::FETCH_FAILED
    } else {
        crate::exit::OK
    };
    if common.no_ingest {
        return Ok(fetch_code);
    }
    let ingest_code = ingest(cli, &outcomes)?;
    Ok(if fetch_code != crate::exit::OK {
        fetch_code
    } else {
        ingest_code
    })
}

fn client_config(common: &CommonArgs) -> anyhow::Result<ClientConfig> {
    if !(common.rate.is_finite() && common.rate >= 0.0) {
        anyhow::bail!(
            "--rate {}: a number of requests per second, 0 or more",
            common.rate
        );
    }
    if common.concurrency == 0 {
        anyhow::bail!("--concurrency 0: at least one request must be allowed in flight");
    }
    let timeout = Duration::try_from_secs_f64(common.timeout)
        .ok()
        .filter(|t| !t.is_zero())
        .ok_or_else(|| {
            anyhow::anyhow!("--timeout {}: a positive number of seconds", common.timeout)
        })?;
    if !(common.ttl_hours.is_finite() && common.ttl_hours >= 0.0) {
        anyhow::bail!("--ttl-hours {}: 0 or more hours", common.ttl_hours);
    }
    Ok(ClientConfig {
        rate: common.rate,
        concurrency: common.concurrency,
        retries: common.retries,
        backoff: Duration::from_millis(common.backoff_ms),
        timeout,
        ..ClientConfig::default()
    })
}

fn cache_dir(common: &CommonArgs) -> anyhow::Result<PathBuf> {
    if let Some(dir) = &common.cache {
        return Ok(dir.clone());
    }
    Ok(dirs::data_dir()
        .ok_or_else(|| anyhow::anyhow!("no user data directory here; pass --cache DIR"))?
        .join("hirepulse")
        .join("cache"))
}

fn months(args: &HnArgs) -> anyhow::Result<Vec<String>> {
    let (from, to) = match (&args.months, &args.since) {
        (Some(range), _) => match range.split_once("..") {
            Some((from, to)) => (from.to_string(), to.to_string()),
            None => (range.clone(), range.clone()),
        },
        (None, Some(since)) => (since.clone(), hn::current_month()),
        (None, None) => anyhow::bail!("give --months FROM..TO or --since YYYY-MM"),
    };
    Ok(hn::months_between(&from, &to)?)
}

/// Shows the resource being fetched and its items; retries show in the message.
fn progress_handler(bar: ProgressBar) -> impl Fn(Progress) + Send + Sync {
    move |event| match event {
        Progress::Started { resource, total } => {
            bar.set_message(resource);
            if let Some(total) = total {
                bar.set_position(0);
                bar.set_length(total);
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:30} {pos}/{len} {per_sec} eta {eta} {wide_msg}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
            }
        }
        Progress::Advanced { .. } => bar.inc(1),
        Progress::Retrying { url, reason, delay } => {
            bar.set_message(format!(
                "retrying {url} in {:.1}s ({reason})",
                delay.as_secs_f64()
            ));
        }
        Progress::Cached { .. } | Progress::Finished { .. } => {}
    }
}

/// `fetched N / cached N / retried N / failed N (requests N, items N, missing N) in 1.23s`
fn fetch_summary_line(summary: &Summary, seconds: f64) -> String {
    format!(
        "fetched {} / cached {} / retried {} / failed {} (requests {}, items {}, missing {}) in {seconds:.2}s",
        summary.fetched,
        summary.cached,
        summary.retried,
        summary.failed,
        summary.requests,
        summary.items,
        summary.missing,
    )
}

/// Ingests every cache file of this run's resources (fetched now or before: ingest is idempotent,
/// so a file fetched by a run that was stopped before its ingest is stored now).
fn ingest(cli: &crate::Cli, outcomes: &[Outcome]) -> anyhow::Result<u8> {
    let started = Instant::now();
    let inputs: Vec<InputSpec> = outcomes
        .iter()
        .filter_map(|o| o.file.clone())
        .map(InputSpec::File)
        .collect();
    let db = cli.db_path()?;
    let mut store = hirepulse_store::Store::open(&db)?;
    let mut n_errors = 0u64;
    let mut on_progress = |event: hirepulse_pipeline::Progress| {
        if let hirepulse_pipeline::Progress::RecordError(err) = event {
            n_errors += 1;
            if n_errors <= MAX_PRINTED_ERRORS {
                eprintln!("{err}");
            }
        }
    };
    let summary = hirepulse_pipeline::ingest(
        &mut store,
        &inputs,
        &IngestOptions::default(),
        &mut on_progress,
    )
    .with_context(|| format!("ingest into {}", db.display()))?;
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
    Ok(if summary.n_errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetch_summary_line_shape() {
        let summary = Summary {
            fetched: 2,
            cached: 1,
            failed: 0,
            retried: 4,
            requests: 15,
            items: 9,
            missing: 1,
        };
        assert_eq!(
            fetch_summary_line(&summary, 1.234),
            "fetched 2 / cached 1 / retried 4 / failed 0 (requests 15, items 9, missing 1) in 1.23s"
        );
    }
}
