//! Fetching job postings from public APIs into a local cache that `hirepulse ingest` reads.
//!
//! Each connector (`hn`, `greenhouse`, `lever`, `ashby`) asks one public API for what it
//! publishes and writes the raw responses into a cache folder ([`cache::Cache`]) in the formats
//! the readers of `hirepulse-sources` already understand: HN as API items JSON Lines, one file per
//! month; a job board as its own JSON document. All HTTP goes through one polite blocking
//! [`client::Client`] (a User-Agent naming hirepulse, a request rate, a concurrency cap, retries
//! with backoff and jitter on 429 / 5xx / timeouts / truncated bodies). Files are written to a
//! temporary name and renamed, and HN threads keep a `.part` file of the items fetched so far, so
//! an interrupted run picks up where it stopped. The library knows no terminal and no store: it
//! reports through a [`Progress`] callback and returns the files to ingest, and the binary does
//! the rest.

pub mod ashby;
mod boards;
pub mod cache;
pub mod client;
pub mod greenhouse;
pub mod hn;
pub mod lever;
#[cfg(feature = "replay")]
pub mod replay;

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub use boards::BoardOptions;
pub use cache::Cache;
pub use client::{Client, ClientConfig};

/// The User-Agent every request carries: hirepulse, its version and where to find it.
pub const USER_AGENT: &str = concat!(
    "hirepulse/",
    env!("CARGO_PKG_VERSION"),
    " (+",
    env!("CARGO_PKG_REPOSITORY"),
    ")"
);

/// Fatal problems of one resource (a month, a board); other resources of the run go on.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("GET {url}: {reason}")]
    Request { url: String, reason: String },
    #[error("GET {url}: gave up after {attempts} attempts: {reason}")]
    GaveUp {
        url: String,
        attempts: u32,
        reason: String,
    },
    #[error("GET {url}: not found (HTTP 404): {what}")]
    NotFound { url: String, what: String },
    #[error("GET {url}: the response is not what the API documents: {reason}")]
    BadResponse { url: String, reason: String },
    #[error("{path}: {reason}")]
    Cache { path: PathBuf, reason: String },
    #[error("{0}")]
    Invalid(String),
    #[error("no \"Who is hiring?\" thread for {month} in the HN search results ({url})")]
    NoThread { month: String, url: String },
    #[error("{month}: {n_failed} of {n_items} items could not be fetched (the first: {first}); the ones fetched are kept and a re-run fetches only the rest")]
    Incomplete {
        month: String,
        n_failed: usize,
        n_items: usize,
        first: String,
    },
}

/// What the connectors report while they work (from several threads at once).
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// Work on a resource starts: `total` items to fetch where known.
    Started {
        resource: String,
        total: Option<u64>,
    },
    /// One more item of the current resource is done.
    Advanced { resource: String },
    /// A request is retried after `delay`.
    Retrying {
        url: String,
        reason: String,
        delay: Duration,
    },
    /// The resource was fresh in the cache: no request was made.
    Cached { resource: String },
    /// The resource is done (fetched or failed).
    Finished { resource: String, ok: bool },
}

/// The outcome of one resource (a month or a board).
#[derive(Debug)]
pub struct Outcome {
    /// `hn 2024-06`, `greenhouse acme`, ...
    pub resource: String,
    /// The cache file to ingest, when one exists (fetched now or earlier).
    pub file: Option<PathBuf>,
    pub status: OutcomeStatus,
}

#[derive(Debug)]
pub enum OutcomeStatus {
    /// Fetched (or refreshed) in this run.
    Fetched,
    /// Fresh (or final) in the cache: no request made.
    Cached,
    Failed(FetchError),
}

/// Counters of one run, shared by the worker threads.
#[derive(Debug, Default)]
pub struct Counters {
    /// HTTP requests sent (every attempt counts).
    pub requests: AtomicU64,
    /// Attempts that were retried.
    pub retried: AtomicU64,
    /// Items fetched (HN comments; board documents count once).
    pub items: AtomicU64,
    /// HN kids the API answered `null` for (missing items).
    pub missing: AtomicU64,
}

/// The figures of a run, for the closing summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub fetched: u64,
    pub cached: u64,
    pub failed: u64,
    pub retried: u64,
    pub requests: u64,
    pub items: u64,
    pub missing: u64,
}

impl Summary {
    pub fn of(outcomes: &[Outcome], counters: &Counters) -> Summary {
        let count = |pred: fn(&OutcomeStatus) -> bool| {
            outcomes.iter().filter(|o| pred(&o.status)).count() as u64
        };
        Summary {
            fetched: count(|s| matches!(s, OutcomeStatus::Fetched)),
            cached: count(|s| matches!(s, OutcomeStatus::Cached)),
            failed: count(|s| matches!(s, OutcomeStatus::Failed(_))),
            retried: counters.retried.load(Ordering::Relaxed),
            requests: counters.requests.load(Ordering::Relaxed),
            items: counters.items.load(Ordering::Relaxed),
            missing: counters.missing.load(Ordering::Relaxed),
        }
    }
}

/// Unix seconds now (0 if the clock is before 1970).
pub fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Percent-encodes `value` for a URL query or path segment: everything but the RFC 3986
/// unreserved characters. Our own, so the URLs we send are exactly the ones we document.
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Checks a board token / company / org name used in a URL path and as a cache file name.
pub fn check_name(kind: &str, name: &str) -> Result<(), FetchError> {
    let ok = !name.is_empty()
        && name.len() <= 100
        && !name.starts_with('.')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(FetchError::Invalid(format!(
            "{kind} {name:?}: only letters, digits, '-', '_' and '.' (as in the board's URL)"
        )))
    }
}

/// Runs `job` over `items` on up to `concurrency` threads; results in item order.
pub(crate) fn run_parallel<T: Sync, R: Send>(
    items: &[T],
    concurrency: usize,
    job: &(dyn Fn(&T) -> R + Sync),
) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: std::sync::Mutex<Vec<Option<R>>> =
        std::sync::Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..concurrency.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let idx = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(idx) else { break };
                let result = job(item);
                if let Ok(mut results) = results.lock() {
                    results[idx] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .into_iter()
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_components() {
        assert_eq!(
            encode_component("Who is hiring? (June 2024)"),
            "Who%20is%20hiring%3F%20%28June%202024%29"
        );
        assert_eq!(encode_component("a-b_c.d~"), "a-b_c.d~");
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("board", "acme-inc").is_ok());
        assert!(check_name("board", "../etc").is_err());
        assert!(check_name("board", "a/b").is_err());
        assert!(check_name("board", "").is_err());
    }

    #[test]
    fn parallel_keeps_order() {
        let items: Vec<u32> = (0..50).collect();
        let out = run_parallel(&items, 4, &|x| x * 2);
        assert_eq!(out, items.iter().map(|x| x * 2).collect::<Vec<_>>());
    }

    #[test]
    fn user_agent_names_hirepulse() {
        assert!(USER_AGENT.starts_with("hirepulse/0."));
        assert!(USER_AGENT.contains("https://"));
    }
}
