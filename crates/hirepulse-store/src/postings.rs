//! Postings: the content hash that decides new / updated / unchanged, the per-key lookup, and
//! the batch writer (one transaction per batch, upserts keyed by (source, source id)).
//!
//! The pipeline looks each key up first ([`Store::lookup`]) so that it extracts only what is new
//! or changed, then hands the whole batch to [`Store::write_batch`]. The write is an upsert even
//! for postings the lookup found absent, so a replayed or concurrent batch cannot fail on the
//! unique key: it just lands on the same row.

use crate::facts::FactsWriter;
use crate::{Result, Run, Store};
use hirepulse_extract::Facts;
use hirepulse_sources::Posting;
use rusqlite::{params, OptionalExtension};

/// blake3 of a posting's raw text, normalised text and structured fields.
pub type ContentHash = [u8; 32];

/// Hashes everything stored about a posting except the ingest times, so that a change to any of
/// it (the text, the month, a pay figure) makes the posting "updated" and re-extracted.
pub fn content_hash(posting: &Posting) -> ContentHash {
    let mut hasher = blake3::Hasher::new();
    let strings = [
        Some(posting.source.as_str()),
        Some(posting.source_id.as_str()),
        posting.month.as_deref(),
        posting.title.as_deref(),
        posting.company.as_deref(),
        posting.location.as_deref(),
        posting.url.as_deref(),
        Some(posting.raw.as_str()),
        Some(posting.text.as_str()),
    ];
    for value in strings {
        hash_optional(&mut hasher, value.map(str::as_bytes));
    }
    hash_optional(
        &mut hasher,
        posting
            .posted_at
            .map(i64::to_le_bytes)
            .as_ref()
            .map(|b| &b[..]),
    );
    hasher.update(&(posting.pay_evidence.len() as u64).to_le_bytes());
    for pay in &posting.pay_evidence {
        for number in [pay.min, pay.max] {
            hash_optional(
                &mut hasher,
                number.map(f64::to_le_bytes).as_ref().map(|b| &b[..]),
            );
        }
        hash_optional(&mut hasher, pay.currency.as_deref().map(str::as_bytes));
        hash_optional(&mut hasher, pay.period.as_deref().map(str::as_bytes));
        hash_optional(&mut hasher, Some(pay.provenance.as_bytes()));
    }
    *hasher.finalize().as_bytes()
}

/// Length-prefixed, with a presence byte, so that field boundaries are unambiguous.
fn hash_optional(hasher: &mut blake3::Hasher, value: Option<&[u8]>) {
    match value {
        None => {
            hasher.update(&[0]);
        }
        Some(bytes) => {
            hasher.update(&[1]);
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
    }
}

/// What the store already holds under a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Existing {
    pub id: i64,
    pub content_hash: ContentHash,
    /// The extractor version of its facts; `None` when it has none.
    pub extractor_version: Option<u32>,
}

/// One change in a batch.
#[derive(Debug, Clone, Copy)]
pub enum Write<'a> {
    /// Insert the posting, or replace the one under its key, with these facts.
    Upsert {
        posting: &'a Posting,
        hash: ContentHash,
        facts: &'a Facts,
    },
    /// The posting is stored unchanged: mark it seen by this run and, when given, replace its
    /// facts (they came from an older extractor).
    Seen { id: i64, facts: Option<&'a Facts> },
}

/// A stored posting as the extractor needs it (for re-extraction).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPosting {
    pub id: i64,
    pub source: String,
    pub source_id: String,
    pub month: Option<String>,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    pub text: String,
}

impl Store {
    /// What the store holds under (`source`, `source_id`), if anything.
    pub fn lookup(&self, source: &str, source_id: &str) -> Result<Option<Existing>> {
        let found = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.content_hash, f.extractor_version
                 FROM postings p LEFT JOIN facts f ON f.posting_id = p.id
                 WHERE p.source = ?1 AND p.source_id = ?2",
            )
            .and_then(|mut statement| {
                statement
                    .query_row(params![source, source_id], |row| {
                        let hash: Vec<u8> = row.get(1)?;
                        Ok((row.get::<_, i64>(0)?, hash, row.get::<_, Option<u32>>(2)?))
                    })
                    .optional()
            })
            .map_err(|err| self.sql_error(format!("look up posting {source}:{source_id}"), err))?;
        Ok(found.map(|(id, hash, extractor_version)| Existing {
            id,
            // A hash of the wrong length (hand-edited store) compares unequal: re-stored.
            content_hash: hash.try_into().unwrap_or([0; 32]),
            extractor_version,
        }))
    }

    /// [`Store::lookup`] for many keys at once, inside one read transaction (a lookup on its own
    /// pays for taking and releasing the file's read lock).
    pub fn lookup_many<'k>(
        &self,
        keys: impl IntoIterator<Item = (&'k str, &'k str)>,
    ) -> Result<Vec<Option<Existing>>> {
        let tx = self
            .conn
            .unchecked_transaction()
            .map_err(|err| self.sql_error("begin a lookup", err))?;
        let found = keys
            .into_iter()
            .map(|(source, source_id)| self.lookup(source, source_id))
            .collect::<Result<Vec<_>>>()?;
        tx.commit()
            .map_err(|err| self.sql_error("end a lookup", err))?;
        Ok(found)
    }

    /// Writes `writes` in one transaction, stamping facts with `extractor_version`.
    pub fn write_batch(
        &mut self,
        run: Run,
        writes: &[Write<'_>],
        extractor_version: u32,
    ) -> Result<()> {
        let result = write_batch(&mut self.conn, run, writes, extractor_version);
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.poke();
        }
        result.map_err(|err| {
            let first = writes.iter().find_map(|w| match w {
                Write::Upsert { posting, .. } => {
                    Some(format!(" (from {}:{})", posting.source, posting.source_id))
                }
                Write::Seen { .. } => None,
            });
            self.sql_error(
                format!(
                    "write a batch of {} postings{}",
                    writes.len(),
                    first.unwrap_or_default()
                ),
                err,
            )
        })
    }

    /// Up to `limit` postings after id `after_id` (in id order) whose facts are missing or come
    /// from an extractor older than `extractor_version`.
    pub fn stale_postings(
        &self,
        extractor_version: u32,
        after_id: i64,
        limit: usize,
    ) -> Result<Vec<StoredPosting>> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.source, p.source_id, p.month, p.title, p.company, p.location, t.text
                 FROM postings p
                 JOIN posting_texts t ON t.posting_id = p.id
                 LEFT JOIN facts f ON f.posting_id = p.id
                 WHERE p.id > ?1 AND (f.extractor_version IS NULL OR f.extractor_version < ?2)
                 ORDER BY p.id LIMIT ?3",
            )
            .and_then(|mut statement| {
                statement
                    .query_map(params![after_id, extractor_version, limit], |row| {
                        Ok(StoredPosting {
                            id: row.get(0)?,
                            source: row.get(1)?,
                            source_id: row.get(2)?,
                            month: row.get(3)?,
                            title: row.get(4)?,
                            company: row.get(5)?,
                            location: row.get(6)?,
                            text: row.get(7)?,
                        })
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|err| self.sql_error("read postings to re-extract", err))?;
        Ok(rows)
    }

    /// How many postings have missing facts or facts older than `extractor_version`.
    pub fn count_stale(&self, extractor_version: u32) -> Result<u64> {
        self.conn
            .query_row(
                "SELECT count(*) FROM postings p LEFT JOIN facts f ON f.posting_id = p.id
                 WHERE f.extractor_version IS NULL OR f.extractor_version < ?1",
                [extractor_version],
                |row| row.get::<_, i64>(0),
            )
            .map(|n| n.max(0) as u64)
            .map_err(|err| self.sql_error("count postings to re-extract", err))
    }

    /// Replaces the facts of postings (by id) in one transaction.
    pub fn write_facts(&mut self, facts: &[(i64, Facts)], extractor_version: u32) -> Result<()> {
        let result = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            {
                let mut writer = FactsWriter::new(&tx)?;
                for (id, facts) in facts {
                    writer.write(*id, facts, extractor_version, false)?;
                }
                writer.finish()?;
            }
            tx.commit()
        })();
        result.map_err(|err| {
            self.sql_error(format!("write the facts of {} postings", facts.len()), err)
        })
    }
}

fn write_batch(
    conn: &mut rusqlite::Connection,
    run: Run,
    writes: &[Write<'_>],
    extractor_version: u32,
) -> rusqlite::Result<()> {
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    {
        let mut insert = tx.prepare_cached(
            "INSERT INTO postings (source, source_id, content_hash, month, posted_at, title,
                 company, location, url, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        )?;
        let mut upsert = tx.prepare_cached(
            "INSERT INTO postings (source, source_id, content_hash, month, posted_at, title,
                 company, location, url, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
             ON CONFLICT (source, source_id) DO UPDATE SET
                 content_hash = excluded.content_hash, month = excluded.month,
                 posted_at = excluded.posted_at, title = excluded.title,
                 company = excluded.company, location = excluded.location, url = excluded.url,
                 last_seen = excluded.last_seen
             RETURNING id",
        )?;
        let mut put_text = tx.prepare_cached(
            "INSERT OR REPLACE INTO posting_texts (posting_id, raw, text) VALUES (?1, ?2, ?3)",
        )?;
        let mut delete_pay = tx.prepare_cached("DELETE FROM pay_evidence WHERE posting_id = ?1")?;
        let mut insert_pay = tx.prepare_cached(
            "INSERT INTO pay_evidence (posting_id, idx, min, max, currency, period, provenance)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        let mut seen = tx.prepare_cached("UPDATE postings SET last_seen = ?2 WHERE id = ?1")?;
        let mut facts_writer = FactsWriter::new(&tx)?;
        for write in writes {
            match *write {
                Write::Upsert {
                    posting,
                    hash,
                    facts,
                } => {
                    let values = params![
                        posting.source,
                        posting.source_id,
                        &hash[..],
                        posting.month,
                        posting.posted_at,
                        posting.title,
                        posting.company,
                        posting.location,
                        posting.url,
                        run.started_at,
                    ];
                    // A plain insert is the common case and tells us the posting has no older
                    // rows; a key that exists already (an update, a replayed batch) takes the
                    // upsert.
                    let (id, fresh) = match insert.execute(values) {
                        Ok(_) => (tx.last_insert_rowid(), true),
                        Err(err) if is_unique_violation(&err) => {
                            (upsert.query_row(values, |row| row.get(0))?, false)
                        }
                        Err(err) => return Err(err),
                    };
                    put_text.execute(params![id, posting.raw, posting.text])?;
                    if !fresh {
                        delete_pay.execute([id])?;
                    }
                    for (idx, pay) in posting.pay_evidence.iter().enumerate() {
                        insert_pay.execute(params![
                            id,
                            idx as i64,
                            pay.min,
                            pay.max,
                            pay.currency,
                            pay.period,
                            pay.provenance,
                        ])?;
                    }
                    facts_writer.write(id, facts, extractor_version, fresh)?;
                }
                Write::Seen { id, facts } => {
                    seen.execute(params![id, run.started_at])?;
                    if let Some(facts) = facts {
                        facts_writer.write(id, facts, extractor_version, false)?;
                    }
                }
            }
        }
        facts_writer.finish()?;
    }
    tx.commit()
}

fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(failure, _)
            if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use hirepulse_sources::PayEvidence;

    fn posting(id: &str, text: &str) -> Posting {
        Posting {
            source: "hn".into(),
            source_id: id.into(),
            month: Some("2024-06".into()),
            posted_at: Some(1_717_000_000),
            title: None,
            company: None,
            location: None,
            url: None,
            raw: text.into(),
            text: text.into(),
            pay_evidence: vec![PayEvidence {
                min: Some(100.0),
                max: None,
                currency: Some("USD".into()),
                period: Some("year".into()),
                provenance: "test".into(),
            }],
        }
    }

    fn facts(languages: &[&str], lanes: &[&str]) -> Facts {
        Facts {
            languages: languages.iter().map(|s| s.to_string()).collect(),
            lanes: lanes.iter().map(|s| s.to_string()).collect(),
            ..Facts::default()
        }
    }

    #[test]
    fn upsert_lookup_update_and_stats_join() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 1).unwrap();
        let (a, b) = (posting("1", "Rust"), posting("2", "Go"));
        let (fa, fb) = (facts(&["rust"], &["backend"]), facts(&["go"], &["backend"]));
        let writes = [
            Write::Upsert {
                posting: &a,
                hash: content_hash(&a),
                facts: &fa,
            },
            Write::Upsert {
                posting: &b,
                hash: content_hash(&b),
                facts: &fb,
            },
        ];
        store.write_batch(run, &writes, 1).unwrap();
        let existing = store.lookup("hn", "1").unwrap().unwrap();
        assert_eq!(existing.content_hash, content_hash(&a));
        assert_eq!(existing.extractor_version, Some(1));
        assert_eq!(store.lookup("hn", "3").unwrap(), None);
        let digest = store.digest().unwrap();

        // Seen-only writes change nothing visible.
        store
            .write_batch(
                run,
                &[Write::Seen {
                    id: existing.id,
                    facts: None,
                }],
                1,
            )
            .unwrap();
        assert_eq!(store.digest().unwrap(), digest);

        // A changed text under the same key replaces the row and its facts.
        let a2 = posting("1", "Rust and Python");
        let fa2 = facts(&["python", "rust"], &["data"]);
        assert_ne!(content_hash(&a2), content_hash(&a));
        store
            .write_batch(
                run,
                &[Write::Upsert {
                    posting: &a2,
                    hash: content_hash(&a2),
                    facts: &fa2,
                }],
                1,
            )
            .unwrap();
        assert_ne!(store.digest().unwrap(), digest);
        let status = store.status().unwrap();
        assert_eq!(status.postings, 2);
        assert_eq!(status.with_pay_evidence, 2);
        assert_eq!(status.facts_by_extractor_version[0].postings, 2);

        // The statistics shape: counts by month x language x lane are two joins.
        let rows: Vec<(String, String, String, i64)> = store
            .conn
            .prepare(
                "SELECT p.month, l.language, n.lane, count(*) FROM postings p
                 JOIN posting_languages l ON l.posting_id = p.id
                 JOIN posting_lanes n ON n.posting_id = p.id
                 GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let month = "2024-06".to_string();
        assert_eq!(
            rows,
            [
                (month.clone(), "go".into(), "backend".into(), 1),
                (month.clone(), "python".into(), "data".into(), 1),
                (month, "rust".into(), "data".into(), 1),
            ]
        );
    }

    #[test]
    fn stale_facts_are_found_and_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 1).unwrap();
        let postings: Vec<Posting> = (0..5).map(|i| posting(&i.to_string(), "x")).collect();
        let empty = Facts::default();
        let writes: Vec<Write> = postings
            .iter()
            .map(|p| Write::Upsert {
                posting: p,
                hash: content_hash(p),
                facts: &empty,
            })
            .collect();
        store.write_batch(run, &writes, 1).unwrap();
        assert_eq!(store.count_stale(1).unwrap(), 0);
        assert_eq!(store.count_stale(2).unwrap(), 5);
        let first = store.stale_postings(2, 0, 3).unwrap();
        assert_eq!(first.len(), 3);
        let updated: Vec<(i64, Facts)> = first
            .iter()
            .map(|p| (p.id, facts(&["rust"], &[])))
            .collect();
        store.write_facts(&updated, 2).unwrap();
        assert_eq!(store.count_stale(2).unwrap(), 2);
        let rest = store.stale_postings(2, first[2].id, 10).unwrap();
        assert_eq!(rest.len(), 2);
        let status = store.status().unwrap();
        let versions: Vec<(u32, u64)> = status
            .facts_by_extractor_version
            .iter()
            .map(|v| (v.extractor_version, v.postings))
            .collect();
        assert_eq!(versions, [(1, 2), (2, 3)]);
    }

    fn upsert<'a>(posting: &'a Posting, facts: &'a Facts) -> Write<'a> {
        Write::Upsert {
            posting,
            hash: content_hash(posting),
            facts,
        }
    }

    #[test]
    fn digests_ignore_ingest_times_and_order() {
        let mut one = Store::open_in_memory().unwrap();
        let mut two = Store::open_in_memory().unwrap();
        let (a, b) = (posting("1", "a"), posting("2", "b"));
        let empty = Facts::default();
        let run = one.begin_run("x", 10).unwrap();
        one.write_batch(run, &[upsert(&a, &empty), upsert(&b, &empty)], 1)
            .unwrap();
        let run = two.begin_run("y", 99).unwrap();
        two.write_batch(run, &[upsert(&b, &empty)], 1).unwrap();
        two.write_batch(run, &[upsert(&a, &empty)], 1).unwrap();
        assert_eq!(one.digest().unwrap(), two.digest().unwrap());
        assert_eq!(one.status().unwrap(), two.status().unwrap());
    }

    #[test]
    fn many_tags_in_a_batch_and_a_replayed_batch() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 1).unwrap();
        let postings: Vec<Posting> = (0..100).map(|i| posting(&i.to_string(), "x")).collect();
        let tagged = facts(&["go", "python", "rust"], &[]);
        let writes: Vec<Write> = postings.iter().map(|p| upsert(p, &tagged)).collect();
        store.write_batch(run, &writes, 1).unwrap();
        let count = |store: &Store| -> i64 {
            store
                .conn
                .query_row("SELECT count(*) FROM fact_tags", [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count(&store), 300);
        let digest = store.digest().unwrap();
        // A batch replayed after a crash lands on the same rows.
        store.write_batch(run, &writes, 1).unwrap();
        assert_eq!(count(&store), 300);
        assert_eq!(store.digest().unwrap(), digest);
        assert_eq!(store.status().unwrap().postings, 100);
    }
}
