//! What the store holds, derived only from stored data: counts by source, month and extractor
//! version ([`Store::status`]), and a content digest of every posting and its facts
//! ([`Store::digest`]).
//!
//! Nothing here reads ingest times (`first_seen`, `last_seen`, `ingest_runs`), so two stores built
//! from the same inputs -- one in a clean run, one killed and re-run -- give identical output.

use crate::{Result, Store};
use serde::Serialize;

/// The store's contents in counts. Lists are sorted by their keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Status {
    pub schema_version: i64,
    pub postings: u64,
    pub by_source: Vec<SourceCount>,
    pub by_month: Vec<MonthCount>,
    pub by_source_month: Vec<SourceMonthCount>,
    pub facts_by_extractor_version: Vec<VersionCount>,
    /// Postings with no facts at all.
    pub without_facts: u64,
    /// Postings whose source stated pay in structured fields.
    pub with_pay_evidence: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    pub source: String,
    pub postings: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`, or `None` for postings with no known month.
    pub month: Option<String>,
    pub postings: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceMonthCount {
    pub source: String,
    pub month: Option<String>,
    pub postings: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionCount {
    pub extractor_version: u32,
    pub postings: u64,
}

fn count(n: i64) -> u64 {
    n.max(0) as u64
}

impl Store {
    /// Counts of what the store holds.
    pub fn status(&self) -> Result<Status> {
        let error = |err| self.sql_error("read the store's status", err);
        let scalar = |sql: &str| {
            self.conn
                .query_row(sql, [], |row| row.get::<_, i64>(0))
                .map(count)
        };
        let postings = scalar("SELECT count(*) FROM postings").map_err(error)?;
        let without_facts = scalar(
            "SELECT count(*) FROM postings p WHERE NOT EXISTS
             (SELECT 1 FROM facts f WHERE f.posting_id = p.id)",
        )
        .map_err(error)?;
        let with_pay_evidence =
            scalar("SELECT count(DISTINCT posting_id) FROM pay_evidence").map_err(error)?;
        let by_source_month = self
            .query(
                "SELECT source, month, count(*) FROM postings GROUP BY source, month
                 ORDER BY source, month",
                |row| {
                    Ok(SourceMonthCount {
                        source: row.get(0)?,
                        month: row.get(1)?,
                        postings: count(row.get(2)?),
                    })
                },
            )
            .map_err(error)?;
        let by_source = self
            .query(
                "SELECT source, count(*) FROM postings GROUP BY source ORDER BY source",
                |row| {
                    Ok(SourceCount {
                        source: row.get(0)?,
                        postings: count(row.get(1)?),
                    })
                },
            )
            .map_err(error)?;
        let by_month = self
            .query(
                "SELECT month, count(*) FROM postings GROUP BY month ORDER BY month",
                |row| {
                    Ok(MonthCount {
                        month: row.get(0)?,
                        postings: count(row.get(1)?),
                    })
                },
            )
            .map_err(error)?;
        let facts_by_extractor_version = self
            .query(
                "SELECT extractor_version, count(*) FROM facts GROUP BY extractor_version
                 ORDER BY extractor_version",
                |row| {
                    Ok(VersionCount {
                        extractor_version: row.get(0)?,
                        postings: count(row.get(1)?),
                    })
                },
            )
            .map_err(error)?;
        Ok(Status {
            schema_version: self.schema_version()?,
            postings,
            by_source,
            by_month,
            by_source_month,
            facts_by_extractor_version,
            without_facts,
            with_pay_evidence,
        })
    }

    pub(crate) fn query<T>(
        &self,
        sql: &str,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let mut statement = self.conn.prepare(sql)?;
        let rows = statement.query_map([], map)?;
        rows.collect()
    }

    /// A blake3 hex digest of every posting (key, content hash, fields, texts), its pay evidence
    /// and its facts (extractor version and JSON), in key order. Ingest times are left out.
    pub fn digest(&self) -> Result<String> {
        let mut hasher = blake3::Hasher::new();
        let result = (|| {
            let mut statement = self.conn.prepare(
                "SELECT p.source, p.source_id, p.content_hash, p.month, p.posted_at, p.title,
                     p.company, p.location, p.url, t.raw, t.text, f.extractor_version,
                     f.facts_json,
                     (SELECT group_concat(quote(idx) || ',' || quote(min) || ',' || quote(max)
                          || ',' || quote(currency) || ',' || quote(period) || ','
                          || quote(provenance), ';')
                      FROM (SELECT * FROM pay_evidence e WHERE e.posting_id = p.id ORDER BY idx))
                 FROM postings p
                 LEFT JOIN posting_texts t ON t.posting_id = p.id
                 LEFT JOIN facts f ON f.posting_id = p.id
                 ORDER BY p.source, p.source_id",
            )?;
            let mut rows = statement.query([])?;
            while let Some(row) = rows.next()? {
                for column in 0..14 {
                    match row.get_ref(column)? {
                        rusqlite::types::ValueRef::Null => {
                            hasher.update(&[0]);
                        }
                        rusqlite::types::ValueRef::Integer(n) => {
                            hasher.update(&[1]);
                            hasher.update(&n.to_le_bytes());
                        }
                        rusqlite::types::ValueRef::Real(x) => {
                            hasher.update(&[2]);
                            hasher.update(&x.to_le_bytes());
                        }
                        rusqlite::types::ValueRef::Text(bytes)
                        | rusqlite::types::ValueRef::Blob(bytes) => {
                            hasher.update(&[3]);
                            hasher.update(&(bytes.len() as u64).to_le_bytes());
                            hasher.update(bytes);
                        }
                    }
                }
            }
            Ok(())
        })();
        result.map_err(|err| self.sql_error("compute the content digest", err))?;
        Ok(hasher.finalize().to_hex().to_string())
    }
}
