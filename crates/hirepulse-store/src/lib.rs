//! The SQLite store: one file holding postings, their texts and pay evidence, and the facts the
//! extractor found, each with the extractor version that produced them.
//!
//! This is the only crate that runs SQL. The schema comes from numbered, append-only migrations
//! (`migrations/NNNN_*.sql`, compiled in) applied at open inside one transaction and tracked in
//! `PRAGMA user_version`. The file runs in WAL mode with `synchronous=NORMAL`: a killed process
//! loses at most the batch it was writing, never a committed one. Writes come in batches, one
//! transaction each, and are upserts keyed by (source, source id), so replaying a batch is
//! harmless; that is what makes `hirepulse ingest` safe to kill and re-run.

mod checkpoint;
pub mod dedup;
mod facts;
pub mod pay_records;
mod postings;
pub mod queries;
pub mod read_only;
pub mod report_queries;
pub mod status;
#[cfg(test)]
mod test_support;

pub use postings::{content_hash, ContentHash, Existing, StoredPosting, Write};
pub use queries::{PairMonthCount, PayRow, TagKind, TagMonthCount};
pub use status::Status;

use rusqlite::Connection;
use std::path::Path;

/// The migrations, in order. Append only: never edit or reorder a released one.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_init", include_str!("../migrations/0001_init.sql")),
    ("0002_dedup", include_str!("../migrations/0002_dedup.sql")),
    (
        "0003_pay_records",
        include_str!("../migrations/0003_pay_records.sql"),
    ),
];

/// Everything that can go wrong in the store, with the store's path and what was being done.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: cannot open the store: {source}")]
    Open {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: migration {name} failed: {source}")]
    Migrate {
        path: String,
        name: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{path}: the store has schema version {found}, newer than this hirepulse knows ({known}); \
         use a newer hirepulse"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("{path}: {action}: {source}")]
    Sql {
        path: String,
        action: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("{path}: cannot start the checkpoint thread: {source}")]
    Checkpointer {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open store.
pub struct Store {
    conn: Connection,
    /// The file's path (or `:memory:`), for error messages.
    path: String,
    /// Set by [`Store::checkpoint_in_background`].
    checkpointer: Option<checkpoint::Checkpointer>,
}

impl Drop for Store {
    fn drop(&mut self) {
        // Stop the checkpointer first, so that closing `conn` (the last connection) performs
        // the final checkpoint and removes the WAL file.
        if let Some(checkpointer) = self.checkpointer.take() {
            checkpointer.stop();
        }
    }
}

/// An ingest run being recorded: its row id and start time (unix seconds).
#[derive(Debug, Clone, Copy)]
pub struct Run {
    pub id: i64,
    pub started_at: i64,
}

/// The counts an ingest run ends with, recorded in `ingest_runs`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RunCounts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub errors: u64,
}

impl Store {
    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: name.clone(),
            source,
        })?;
        Store::init(conn, name, true)
    }

    /// A fresh store in memory, for tests.
    pub fn open_in_memory() -> Result<Store> {
        let name = ":memory:".to_string();
        let conn = Connection::open_in_memory().map_err(|source| StoreError::Open {
            path: name.clone(),
            source,
        })?;
        Store::init(conn, name, false)
    }

    fn init(conn: Connection, path: String, wal: bool) -> Result<Store> {
        let mut store = Store {
            conn,
            path,
            checkpointer: None,
        };
        // 16 KiB pages (for new files; an existing file keeps its own): postings carry a few KB
        // of text each, and bigger pages mean fewer WAL frames, splits and syscalls per batch
        // (measured: a third less system time writing the corpus).
        let journal = if wal {
            "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;"
        } else {
            ""
        };
        let pragmas = format!(
            "{journal}
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA busy_timeout = 10000;
             PRAGMA cache_size = -65536;
             PRAGMA temp_store = MEMORY;"
        );
        store
            .conn
            .execute_batch(&pragmas)
            .map_err(|source| StoreError::Open {
                path: store.path.clone(),
                source,
            })?;
        store.migrate()?;
        Ok(store)
    }

    /// Applies the migrations the file has not seen, all in one transaction.
    fn migrate(&mut self) -> Result<()> {
        let path = self.path.clone();
        let known = MIGRATIONS.len() as i64;
        // An up-to-date store needs no write lock: readers (`status`) can open it while an
        // ingest is writing.
        if self.schema_version()? == known {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        let found: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|source| StoreError::Open {
                path: path.clone(),
                source,
            })?;
        if found > known {
            return Err(StoreError::TooNew { path, found, known });
        }
        for (index, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let version = index as i64 + 1;
            tx.execute_batch(sql)
                .and_then(|()| tx.pragma_update(None, "user_version", version))
                .map_err(|source| StoreError::Migrate {
                    path: path.clone(),
                    name,
                    source,
                })?;
        }
        tx.commit().map_err(|source| StoreError::Migrate {
            path,
            name: "commit",
            source,
        })
    }

    /// The schema version (number of migrations applied).
    pub fn schema_version(&self) -> Result<i64> {
        self.conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|source| self.sql_error("read the schema version", source))
    }

    fn sql_error(&self, action: impl Into<String>, source: rusqlite::Error) -> StoreError {
        StoreError::Sql {
            path: self.path.clone(),
            action: action.into(),
            source,
        }
    }

    /// Records the start of an ingest run over `inputs` at `now` (unix seconds).
    pub fn begin_run(&mut self, inputs: &str, now: i64) -> Result<Run> {
        self.conn
            .execute(
                "INSERT INTO ingest_runs (started_at, inputs) VALUES (?1, ?2)",
                rusqlite::params![now, inputs],
            )
            .map_err(|source| self.sql_error("record the ingest run", source))?;
        Ok(Run {
            id: self.conn.last_insert_rowid(),
            started_at: now,
        })
    }

    /// Records the end of an ingest run and its counts.
    pub fn finish_run(&mut self, run: Run, counts: RunCounts, now: i64) -> Result<()> {
        let to_i64 = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        self.conn
            .execute(
                "UPDATE ingest_runs SET finished_at = ?2, n_new = ?3, n_updated = ?4,
                 n_unchanged = ?5, n_skipped = ?6, n_errors = ?7 WHERE id = ?1",
                rusqlite::params![
                    run.id,
                    now,
                    to_i64(counts.new),
                    to_i64(counts.updated),
                    to_i64(counts.unchanged),
                    to_i64(counts.skipped),
                    to_i64(counts.errors),
                ],
            )
            .map_err(|source| self.sql_error("record the end of the ingest run", source))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_apply_once_and_reopen_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
    }

    #[test]
    fn a_newer_store_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        let store = Store::open(&path).unwrap();
        store.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(store);
        let err = Store::open(&path).err().unwrap();
        assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    }
}
