//! The dedup step: reads postings from the store in time order, clusters them with
//! `hirepulse-dedup`, and writes the assignments back in one transaction.
//!
//! Incremental when it can be: if every stored assignment was made with the same rules and
//! window, and every unclustered posting is later than every clustered one (the usual case
//! after ingesting a new month), only the window before the new postings is read back — its
//! postings seed the clusters — and only the new postings are written. Otherwise (new rules,
//! another window, postings ingested out of time order, or `full`) everything is recomputed.
//! Both give the same clusters, so a killed run re-run gives what one clean run gives.

use crate::PipelineError;
use hirepulse_dedup::{Assignment, Deduper, DEFAULT_WINDOW_DAYS};
use hirepulse_store::dedup::ClusterCounts;
use hirepulse_store::Store;
use serde::Serialize;

/// How to deduplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DedupOptions {
    /// A posting joins a cluster seen within this many days before it.
    pub window_days: u32,
    /// Recompute every cluster even when an incremental run would do.
    pub full: bool,
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            window_days: DEFAULT_WINDOW_DAYS,
            full: false,
        }
    }
}

/// What a dedup run did, and the clusters after it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DedupSummary {
    pub window_days: u32,
    /// `full`, `incremental` or `none` (nothing new).
    pub mode: &'static str,
    /// Postings read (new ones and the window's seeds).
    pub read: u64,
    /// Assignments written.
    pub written: u64,
    /// The store's clusters after the run.
    pub clusters: ClusterCounts,
}

/// Clusters the store's postings (see the module notes).
pub fn dedup(store: &mut Store, options: &DedupOptions) -> Result<DedupSummary, PipelineError> {
    let window_days = options.window_days;
    let state = store.dedup_state(window_days)?;
    let window_seconds = i64::from(window_days) * 86_400;
    let in_order = match (state.last_clustered_at, state.first_unclustered_at) {
        (Some(last), Some(first)) => first > last,
        _ => true,
    };
    let incremental = !options.full && state.stale == 0 && state.clustered > 0 && in_order;
    let mode = if state.unclustered == 0 && state.stale == 0 && !options.full {
        "none"
    } else if incremental {
        "incremental"
    } else {
        "full"
    };
    let mut read = 0u64;
    let mut assignments: Vec<Assignment> = Vec::new();
    if mode != "none" {
        let since = if incremental {
            state
                .first_unclustered_at
                .map(|first| first.saturating_sub(window_seconds))
        } else {
            None
        };
        let mut deduper = Deduper::new(window_days);
        let mut failure = None;
        store.for_each_dedup_item(since, &mut |item, stored_cluster| {
            read += 1;
            let result = match (incremental, stored_cluster) {
                (true, Some(cluster_id)) => deduper.seed(&item, cluster_id),
                _ => deduper
                    .push(&item)
                    .map(|assignment| assignments.push(assignment)),
            };
            if let Err(err) = result {
                failure.get_or_insert(err);
            }
        })?;
        if let Some(err) = failure {
            return Err(PipelineError::Dedup(err));
        }
        store.write_clusters(&assignments, window_days, !incremental)?;
    }
    Ok(DedupSummary {
        window_days,
        mode,
        read,
        written: assignments.len() as u64,
        clusters: store.cluster_counts()?,
    })
}
