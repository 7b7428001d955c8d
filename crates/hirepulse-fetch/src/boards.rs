//! What the three job-board connectors share: one GET per board, the raw body kept as the cache
//! file once it parses as the documented shape, and a TTL after which the board is fetched again.
//!
//! Greenhouse, Lever and Ashby each publish a whole board in one response, so a board is one
//! resource: fresh in the cache (no request), fetched, or failed. The connectors differ only in
//! their URL and the shape they check, which [`BoardKind`] holds; boards are fetched in parallel
//! up to the client's concurrency.

use crate::cache::{Cache, Freshness, Meta};
use crate::client::Client;
use crate::{check_name, run_parallel, FetchError, Outcome, OutcomeStatus, Progress};
use serde_json::Value;
use std::sync::atomic::Ordering;

/// Where boards come from and how long they stay fresh.
#[derive(Debug, Clone, Default)]
pub struct BoardOptions {
    /// The API base URL; `None` for the real service.
    pub base_url: Option<String>,
    pub freshness: Freshness,
    /// Fetch even boards the cache holds fresh.
    pub refresh: bool,
}

/// One job-board API.
pub(crate) struct BoardKind {
    /// `greenhouse`, `lever`, `ashby`: the cache folder and the resource name.
    pub kind: &'static str,
    /// What the name is called in messages (`board token`, `company`, `org`).
    pub name_kind: &'static str,
    pub default_base: &'static str,
    /// The URL of board `name` (already checked) under `base`.
    pub url: fn(base: &str, name: &str) -> String,
    /// The number of jobs in a response of the documented shape, else why not.
    pub jobs: fn(&Value) -> Result<usize, String>,
}

/// Fetches every board in `names`.
pub(crate) fn fetch(
    client: &Client,
    cache: &Cache,
    kind: &BoardKind,
    names: &[String],
    options: &BoardOptions,
) -> Vec<Outcome> {
    run_parallel(names, client.config().concurrency, &|name: &String| {
        let resource = format!("{} {name}", kind.kind);
        let result = fetch_one(client, cache, kind, name, options, &resource);
        let status = match result {
            Ok(status) => status,
            Err(err) => OutcomeStatus::Failed(err),
        };
        if !matches!(status, OutcomeStatus::Cached) {
            client.report(Progress::Finished {
                resource: resource.clone(),
                ok: !matches!(status, OutcomeStatus::Failed(_)),
            });
        }
        let file = check_name(kind.name_kind, name)
            .ok()
            .map(|()| cache.board(kind.kind, name))
            .filter(|path| path.is_file());
        Outcome {
            resource,
            file,
            status,
        }
    })
}

fn fetch_one(
    client: &Client,
    cache: &Cache,
    kind: &BoardKind,
    name: &str,
    options: &BoardOptions,
    resource: &str,
) -> Result<OutcomeStatus, FetchError> {
    check_name(kind.name_kind, name)?;
    let data = cache.board(kind.kind, name);
    let now = crate::unix_now();
    if !options.refresh {
        if let Some(meta) = cache.meta(&data) {
            if meta.is_fresh(&options.freshness, now) {
                client.report(Progress::Cached {
                    resource: resource.to_string(),
                });
                return Ok(OutcomeStatus::Cached);
            }
        }
    }
    client.report(Progress::Started {
        resource: resource.to_string(),
        total: Some(1),
    });
    let base = options.base_url.as_deref().unwrap_or(kind.default_base);
    let url = (kind.url)(base.trim_end_matches('/'), name);
    let what = format!("no {} {} {name:?}", kind.kind, kind.name_kind);
    let fetched = client.get(&url, &what, &|body| {
        let value: Value =
            serde_json::from_slice(body).map_err(|err| format!("invalid JSON: {err}"))?;
        (kind.jobs)(&value)
    })?;
    client.counters.items.fetch_add(1, Ordering::Relaxed);
    client.report(Progress::Advanced {
        resource: resource.to_string(),
    });
    let meta = Meta {
        fetched_at: crate::unix_now(),
        url,
        thread_id: None,
        thread_time: None,
        n_items: fetched.value as u64,
        missing: Vec::new(),
    };
    cache.store(&data, &fetched.body, &meta)?;
    Ok(OutcomeStatus::Fetched)
}

/// The length of the `jobs` list of an object (Greenhouse, Ashby).
pub(crate) fn jobs_list(value: &Value) -> Result<usize, String> {
    value
        .get("jobs")
        .and_then(Value::as_array)
        .map(Vec::len)
        .ok_or_else(|| "no \"jobs\" list".to_string())
}
