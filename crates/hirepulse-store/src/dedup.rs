//! Deduplication's reads and writes: postings streamed in time order for `hirepulse-dedup`, and
//! the cluster assignments written back in one transaction.
//!
//! The clustering itself is a pure function in `hirepulse-dedup`; this module only moves rows.
//! Postings stream through a callback (never all in memory: the 10x corpus has 770k texts).
//! Assignments are written in one transaction — replacing every row for a full recompute, or
//! adding rows for an incremental run — so a killed `dedup` leaves the previous assignments
//! whole, and the same command re-run gives the same clusters.

use crate::{Result, Store};
use hirepulse_dedup::{Assignment, Item, Method, DEDUP_VERSION};
use rusqlite::params;
use serde::Serialize;

/// What the store holds about clusters, for choosing between an incremental run and a full
/// recompute.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DedupState {
    /// Postings with a cluster row from these rules and this window.
    pub clustered: u64,
    /// Postings with a cluster row from other rules or another window.
    pub stale: u64,
    /// Postings with no cluster row.
    pub unclustered: u64,
    /// The latest time of a clustered posting.
    pub last_clustered_at: Option<i64>,
    /// The earliest time of an unclustered posting.
    pub first_unclustered_at: Option<i64>,
}

/// Counts of the stored clusters, for `hirepulse dedup` and `status`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ClusterCounts {
    pub postings: u64,
    pub clusters: u64,
    /// Postings by the method that placed them (`first`, `text`, `cross_source`, `repost`).
    pub by_method: Vec<(String, u64)>,
}

/// One stored assignment as keys, for reading pairs back (benchmarks, precision checks).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StoredAssignment {
    pub posting_id: i64,
    pub cluster_id: i64,
    pub matched_id: i64,
    pub method: String,
}

impl Store {
    /// Where clustering stands for `window_days` under the current rules.
    pub fn dedup_state(&self, window_days: u32) -> Result<DedupState> {
        let action = "read the deduplication state";
        let row = self
            .conn
            .query_row(
                "SELECT
                   coalesce(sum(c.posting_id IS NOT NULL AND c.dedup_version = ?1
                                AND c.window_days = ?2), 0),
                   coalesce(sum(c.posting_id IS NOT NULL AND (c.dedup_version <> ?1
                                OR c.window_days <> ?2)), 0),
                   coalesce(sum(c.posting_id IS NULL), 0),
                   max(CASE WHEN c.posting_id IS NOT NULL THEN p.posted_at END),
                   min(CASE WHEN c.posting_id IS NULL THEN p.posted_at END)
                 FROM postings p LEFT JOIN posting_clusters c ON c.posting_id = p.id",
                params![DEDUP_VERSION, window_days],
                |row| {
                    Ok(DedupState {
                        clustered: row.get::<_, i64>(0)?.max(0) as u64,
                        stale: row.get::<_, i64>(1)?.max(0) as u64,
                        unclustered: row.get::<_, i64>(2)?.max(0) as u64,
                        last_clustered_at: row.get(3)?,
                        first_unclustered_at: row.get(4)?,
                    })
                },
            )
            .map_err(|err| self.sql_error(action, err))?;
        Ok(row)
    }

    /// Streams postings to `each` in (time, id) order, postings without a time last. With
    /// `since`, only postings from that time on, and unclustered ones without a time. `each`
    /// gets the posting and its stored cluster (when it has one).
    pub fn for_each_dedup_item(
        &self,
        since: Option<i64>,
        each: &mut dyn FnMut(Item, Option<i64>),
    ) -> Result<()> {
        let action = "read the postings to deduplicate";
        // Two scans rather than one `ORDER BY posted_at IS NULL, ...`, so that the timed one
        // walks the (posted_at, id) index instead of sorting every text in memory.
        let select = "SELECT p.id, p.source, p.posted_at, coalesce(p.company, f.company), p.title,
                          p.location, coalesce(t.text, ''), c.cluster_id
                      FROM postings p
                      LEFT JOIN posting_texts t ON t.posting_id = p.id
                      LEFT JOIN facts f ON f.posting_id = p.id
                      LEFT JOIN posting_clusters c ON c.posting_id = p.id";
        let timed = format!(
            "{select} WHERE p.posted_at IS NOT NULL AND (?1 IS NULL OR p.posted_at >= ?1)
             ORDER BY p.posted_at, p.id"
        );
        let untimed = format!(
            "{select} WHERE p.posted_at IS NULL AND (?1 IS NULL OR c.posting_id IS NULL)
             ORDER BY p.id"
        );
        let result = (|| {
            for sql in [&timed, &untimed] {
                let mut statement = self.conn.prepare(sql)?;
                let mut rows = statement.query(params![since])?;
                while let Some(row) = rows.next()? {
                    let item = Item {
                        posting_id: row.get(0)?,
                        source: row.get(1)?,
                        posted_at: row.get(2)?,
                        company: row.get(3)?,
                        title: row.get(4)?,
                        location: row.get(5)?,
                        text: row.get(6)?,
                    };
                    each(item, row.get(7)?);
                }
            }
            Ok(())
        })();
        result.map_err(|err| self.sql_error(action, err))
    }

    /// Writes `assignments` made with `window_days` in one transaction: after deleting every
    /// stored assignment when `replace_all` is set (a full recompute), else added to them.
    pub fn write_clusters(
        &mut self,
        assignments: &[Assignment],
        window_days: u32,
        replace_all: bool,
    ) -> Result<()> {
        let path = self.path.clone();
        let sql_error = |action: &str, source| crate::StoreError::Sql {
            path: path.clone(),
            action: action.to_string(),
            source,
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|err| sql_error("start the cluster write", err))?;
        if replace_all {
            tx.execute("DELETE FROM posting_clusters", [])
                .map_err(|err| sql_error("clear the clusters", err))?;
        }
        {
            let mut insert = tx
                .prepare(
                    "INSERT OR REPLACE INTO posting_clusters
                     (posting_id, cluster_id, method, matched_id, dedup_version, window_days)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(|err| sql_error("prepare the cluster write", err))?;
            for assignment in assignments {
                insert
                    .execute(params![
                        assignment.posting_id,
                        assignment.cluster_id,
                        assignment.method.name(),
                        assignment.matched_id,
                        DEDUP_VERSION,
                        window_days
                    ])
                    .map_err(|err| sql_error("write a cluster assignment", err))?;
            }
        }
        tx.commit()
            .map_err(|err| sql_error("commit the clusters", err))
    }

    /// Every stored assignment, by posting id.
    pub fn stored_clusters(&self) -> Result<Vec<StoredAssignment>> {
        self.query(
            "SELECT posting_id, cluster_id, matched_id, method FROM posting_clusters
             ORDER BY posting_id",
            |row| {
                Ok(StoredAssignment {
                    posting_id: row.get(0)?,
                    cluster_id: row.get(1)?,
                    matched_id: row.get(2)?,
                    method: row.get(3)?,
                })
            },
        )
        .map_err(|err| self.sql_error("read the clusters", err))
    }

    /// Postings, clusters and postings by method.
    pub fn cluster_counts(&self) -> Result<ClusterCounts> {
        let action = "count the clusters";
        let totals: Vec<(i64, i64)> = self
            .query(
                "SELECT count(*), count(DISTINCT cluster_id) FROM posting_clusters",
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|err| self.sql_error(action, err))?;
        let by_method: Vec<(String, i64)> = self
            .query(
                "SELECT method, count(*) FROM posting_clusters GROUP BY method ORDER BY method",
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|err| self.sql_error(action, err))?;
        let (postings, clusters) = totals.first().copied().unwrap_or((0, 0));
        Ok(ClusterCounts {
            postings: postings.max(0) as u64,
            clusters: clusters.max(0) as u64,
            by_method: by_method
                .into_iter()
                .filter(|(method, _)| Method::parse(method).is_some())
                .map(|(method, n)| (method, n.max(0) as u64))
                .collect(),
        })
    }

    /// A blake3 hex digest of every assignment as keys — (source, source id) of the posting,
    /// of its cluster's first posting and of the posting it matched, and the method — in key
    /// order, so two stores built by different runs can be compared.
    pub fn cluster_digest(&self) -> Result<String> {
        let mut hasher = blake3::Hasher::new();
        let result = (|| {
            let mut statement = self.conn.prepare(
                "SELECT p.source, p.source_id, k.source, k.source_id, m.source, m.source_id,
                        c.method, c.dedup_version, c.window_days
                 FROM posting_clusters c
                 JOIN postings p ON p.id = c.posting_id
                 LEFT JOIN postings k ON k.id = c.cluster_id
                 LEFT JOIN postings m ON m.id = c.matched_id
                 ORDER BY p.source, p.source_id",
            )?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                for column in 0..9 {
                    let value: rusqlite::types::Value = row.get(column)?;
                    let text = match value {
                        rusqlite::types::Value::Null => "\u{0}".to_string(),
                        rusqlite::types::Value::Integer(n) => n.to_string(),
                        rusqlite::types::Value::Text(s) => s,
                        other => format!("{other:?}"),
                    };
                    hasher.update(&(text.len() as u64).to_le_bytes());
                    hasher.update(text.as_bytes());
                }
            }
            Ok(())
        })();
        result.map_err(|err| self.sql_error("compute the cluster digest", err))?;
        Ok(hasher.finalize().to_hex().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::posting;
    use crate::{content_hash, Write};
    use hirepulse_extract::Facts;

    /// Postings 1..=4 at days 3, none, 1, 2, with the company fact "Acme" on the first.
    fn store() -> Store {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 0).unwrap();
        let times = [Some(3), None, Some(1), Some(2)];
        let postings: Vec<_> = times
            .iter()
            .enumerate()
            .map(|(i, day)| hirepulse_sources::Posting {
                posted_at: day.map(|d: i64| d * 86_400),
                ..posting(&(i + 1).to_string(), "2024-01")
            })
            .collect();
        let facts = [
            Facts {
                company: Some("Acme".into()),
                ..Facts::default()
            },
            Facts::default(),
            Facts::default(),
            Facts::default(),
        ];
        let writes: Vec<Write> = postings
            .iter()
            .zip(&facts)
            .map(|(posting, facts)| Write::Upsert {
                posting,
                hash: content_hash(posting),
                facts,
            })
            .collect();
        store.write_batch(run, &writes, 1).unwrap();
        store
    }

    fn read(store: &Store, since: Option<i64>) -> Vec<(i64, Option<i64>, Option<String>)> {
        let mut out = Vec::new();
        store
            .for_each_dedup_item(since, &mut |item, cluster| {
                out.push((item.posting_id, cluster, item.company))
            })
            .unwrap();
        out
    }

    #[test]
    fn streams_in_time_order_and_writes_in_one_go() {
        let mut store = store();
        let order: Vec<i64> = read(&store, None).iter().map(|r| r.0).collect();
        assert_eq!(order, [3, 4, 1, 2], "by time, the untimed last");
        assert_eq!(read(&store, None)[2].2.as_deref(), Some("Acme"));
        let state = store.dedup_state(60).unwrap();
        assert_eq!((state.clustered, state.unclustered), (0, 4));
        assert_eq!(state.first_unclustered_at, Some(86_400));

        let assign = |posting_id, cluster_id| Assignment {
            posting_id,
            cluster_id,
            method: if posting_id == cluster_id {
                Method::First
            } else {
                Method::Repost
            },
            matched_id: cluster_id,
        };
        store
            .write_clusters(&[assign(3, 3), assign(4, 3)], 60, true)
            .unwrap();
        let state = store.dedup_state(60).unwrap();
        assert_eq!((state.clustered, state.unclustered), (2, 2));
        assert_eq!(state.last_clustered_at, Some(2 * 86_400));
        assert_eq!(store.dedup_state(30).unwrap().stale, 2, "another window");
        // From day 2 on: posting 4 (clustered, with its cluster), 1, and the untimed 2.
        let since = read(&store, Some(2 * 86_400));
        assert_eq!(
            since,
            [
                (4, Some(3), None),
                (1, None, Some("Acme".into())),
                (2, None, None)
            ]
        );
        let digest = store.cluster_digest().unwrap();

        // Added to, then replaced.
        store
            .write_clusters(&[assign(1, 1), assign(2, 2)], 60, false)
            .unwrap();
        let counts = store.cluster_counts().unwrap();
        assert_eq!((counts.postings, counts.clusters), (4, 3));
        assert_eq!(
            counts.by_method,
            [("first".to_string(), 3), ("repost".to_string(), 1)]
        );
        assert_ne!(store.cluster_digest().unwrap(), digest);
        store
            .write_clusters(&[assign(3, 3), assign(4, 3)], 60, true)
            .unwrap();
        assert_eq!(store.cluster_digest().unwrap(), digest);
        assert_eq!(store.stored_clusters().unwrap().len(), 2);
        // Reports see the cluster.
        let rows = store.report_postings("2024-01", "2024-01").unwrap();
        let cluster_of = |id| {
            rows.iter()
                .find(|r| r.posting_id == id)
                .and_then(|r| r.cluster_id)
        };
        assert_eq!((cluster_of(4), cluster_of(1)), (Some(3), None));
    }
}
