//! The dedup step: reads postings from the store in time order, clusters them with
//! `hirepulse-dedup`, and writes the assignments back in one transaction.
//!
//! Incremental when it can be: if every stored assignment was made with the same rules and
//! window, and every unclustered posting is later than every clustered one (the usual case
//! after ingesting a new month), only the window before the new postings is read back — its
//! postings seed the clusters — and only the new postings are written. Otherwise (new rules,
//! another window, postings ingested out of time order, or `full`) everything is recomputed.
//! Both give the same clusters, so a killed run re-run gives what one clean run gives.
//!
//! Postings are read in chunks of `CHUNK_POSTINGS`: each chunk's fingerprints (normalising and
//! signing the text, most of the work) are computed on the rayon pool, then the chunk is placed
//! posting by posting in (time, id) order, since where a posting goes depends on every earlier
//! one. Memory holds one chunk of texts, not the store's; the clusters are those of one `push`
//! per posting.

use crate::PipelineError;
use hirepulse_dedup::{Assignment, Deduper, Fingerprint, Item, DEFAULT_WINDOW_DAYS};
use hirepulse_store::dedup::ClusterCounts;
use hirepulse_store::Store;
use rayon::prelude::*;
use serde::Serialize;

/// Postings read before their fingerprints are computed together on the rayon pool: enough to
/// keep every core busy, few enough (a few MiB of text) that memory does not grow with the store.
const CHUNK_POSTINGS: usize = 2_048;

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

/// Clusters the store's postings, fingerprinting each chunk in parallel and placing it in
/// order (see the module notes).
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
        // Fingerprints of a chunk are computed on the rayon pool, then the chunk is placed in
        // order: the same calls in the same order as one `push` per posting.
        let mut place_chunk = |chunk: &mut Vec<(Item, Option<i64>)>| {
            let fingerprints: Vec<Fingerprint> = chunk
                .par_iter()
                .map(|(item, _)| Fingerprint::of(item))
                .collect();
            for ((item, stored_cluster), fingerprint) in chunk.drain(..).zip(fingerprints) {
                let result = match (incremental, stored_cluster) {
                    (true, Some(cluster_id)) => {
                        deduper.seed_fingerprinted(&item, fingerprint, cluster_id)
                    }
                    _ => deduper
                        .push_fingerprinted(&item, fingerprint)
                        .map(|assignment| assignments.push(assignment)),
                };
                if let Err(err) = result {
                    failure.get_or_insert(err);
                }
            }
        };
        let mut chunk = Vec::with_capacity(CHUNK_POSTINGS);
        store.for_each_dedup_item(since, &mut |item, stored_cluster| {
            read += 1;
            chunk.push((item, stored_cluster));
            if chunk.len() == CHUNK_POSTINGS {
                place_chunk(&mut chunk);
            }
        })?;
        place_chunk(&mut chunk);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inputs::InputSpec;
    use crate::{ingest, IngestOptions};

    /// A "Who is hiring?" thread of `n_posts` comments ten minutes apart from 300 firms in turn,
    /// so each firm's text comes back word for word or with one word changed.
    fn thread(first_id: u64, first_time: i64, n_posts: u64) -> String {
        let mut lines = vec![serde_json::json!({
            "id": first_id, "kids": [], "type": "story", "time": first_time,
            "title": "Ask HN: Who is hiring? (May 2024)"
        })
        .to_string()];
        for post in 0..n_posts {
            let firm = post % 300;
            let text = format!(
                "Firm{firm} | Senior Engineer | Berlin<p>We build payment software for shops and \
                 need engineers who like databases, queues and careful code. Round {}.",
                post / 300 % 2
            );
            lines.push(
                serde_json::json!({
                    "id": first_id + 1 + post, "parent": first_id, "type": "comment",
                    "text": text, "time": first_time + post as i64 * 600
                })
                .to_string(),
            );
        }
        lines.join("\n") + "\n"
    }

    fn ingest_thread(store: &mut Store, dir: &std::path::Path, name: &str, thread: String) {
        let file = dir.join(name);
        std::fs::write(&file, thread).unwrap();
        let options = IngestOptions {
            dedup: None,
            ..IngestOptions::default()
        };
        ingest(store, &[InputSpec::File(file)], &options, &mut |_| {}).unwrap();
    }

    /// The store's clusters, as `hirepulse_dedup::cluster` makes them one posting at a time.
    fn clustered_one_by_one(store: &Store) -> Vec<(i64, i64, String)> {
        let mut items = Vec::new();
        store
            .for_each_dedup_item(None, &mut |item, _| items.push(item))
            .unwrap();
        let mut expected: Vec<(i64, i64, String)> =
            hirepulse_dedup::cluster(&mut items, DEFAULT_WINDOW_DAYS)
                .iter()
                .map(|a| (a.posting_id, a.cluster_id, a.method.name().to_string()))
                .collect();
        expected.sort();
        expected
    }

    fn stored(store: &Store) -> Vec<(i64, i64, String)> {
        let mut stored: Vec<(i64, i64, String)> = store
            .stored_clusters()
            .unwrap()
            .into_iter()
            .map(|a| (a.posting_id, a.cluster_id, a.method))
            .collect();
        stored.sort();
        stored
    }

    #[test]
    fn chunks_placed_in_order_equal_one_push_per_posting_full_and_incremental() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let n_first = CHUNK_POSTINGS as u64 + 100;
        ingest_thread(
            &mut store,
            dir.path(),
            "may.jsonl",
            thread(1, 1_714_000_000, n_first),
        );
        let summary = dedup(&mut store, &DedupOptions::default()).unwrap();
        assert_eq!((summary.mode, summary.read), ("full", n_first));
        let expected = clustered_one_by_one(&store);
        assert!(expected.iter().any(|a| a.2 == "text") && expected.iter().any(|a| a.2 == "repost"));
        assert_eq!(stored(&store), expected);

        // A later thread: seeded from the window, only the new postings placed.
        ingest_thread(
            &mut store,
            dir.path(),
            "june.jsonl",
            thread(100_000, 1_716_000_000, 700),
        );
        let summary = dedup(&mut store, &DedupOptions::default()).unwrap();
        assert_eq!((summary.mode, summary.written), ("incremental", 700));
        assert_eq!(stored(&store), clustered_one_by_one(&store));
    }
}
