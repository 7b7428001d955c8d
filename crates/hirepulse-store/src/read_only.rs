//! Read-only access for `hirepulse serve`: open an existing, up-to-date store without ever
//! writing to it (no migration, no WAL switch), and read the text of chosen postings for the
//! evidence page. A server that only reads cannot damage the store, whatever a request says.

use crate::{Result, Store, StoreError, MIGRATIONS};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// One posting's text as shown on the evidence page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostingText {
    pub posting_id: i64,
    pub month: Option<String>,
    pub company: Option<String>,
    /// The normalised text (never HTML-decoded further: the page escapes it).
    pub text: String,
}

impl Store {
    /// Opens the existing store at `path` read-only. Fails when it is missing or its schema is
    /// not the one this build knows (a read-only connection cannot migrate).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let name = path.display().to_string();
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|source| StoreError::Open {
            path: name.clone(),
            source,
        })?;
        conn.execute_batch("PRAGMA query_only = ON; PRAGMA busy_timeout = 10000;")
            .map_err(|source| StoreError::Open {
                path: name.clone(),
                source,
            })?;
        let store = Store {
            conn,
            path: name.clone(),
            checkpointer: None,
        };
        let found = store.schema_version()?;
        let known = MIGRATIONS.len() as i64;
        if found > known {
            return Err(StoreError::TooNew {
                path: name,
                found,
                known,
            });
        }
        if found < known {
            return Err(StoreError::Sql {
                path: name,
                action: format!(
                    "open read-only: schema version {found} is older than {known}; run any writing command (e.g. `hirepulse status`) once to migrate it"
                ),
                source: rusqlite::Error::InvalidQuery,
            });
        }
        Ok(store)
    }

    /// The text, month and company of each posting in `ids` that exists, in `ids` order.
    pub fn posting_texts(&self, ids: &[i64]) -> Result<Vec<PostingText>> {
        let action = "read posting texts";
        let sql_error = |source| StoreError::Sql {
            path: self.path.clone(),
            action: action.into(),
            source,
        };
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT p.month, f.company, t.text FROM postings p
                 JOIN posting_texts t ON t.posting_id = p.id
                 LEFT JOIN facts f ON f.posting_id = p.id
                 WHERE p.id = ?1",
            )
            .map_err(sql_error)?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let mut rows = statement.query([id]).map_err(sql_error)?;
            if let Some(row) = rows.next().map_err(sql_error)? {
                out.push(PostingText {
                    posting_id: id,
                    month: row.get(0).map_err(sql_error)?,
                    company: row.get(1).map_err(sql_error)?,
                    text: row.get(2).map_err(sql_error)?,
                });
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_read_only_store_reads_and_refuses_writes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("s.db");
        assert!(
            Store::open_read_only(&path).is_err(),
            "a missing file fails"
        );
        drop(Store::open(&path).unwrap_or_else(|e| panic!("{e}")));
        let store = Store::open_read_only(&path).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(store.posting_texts(&[1, 2]).ok(), Some(Vec::new()));
        assert!(store.conn.execute("DELETE FROM postings", []).is_err());
    }
}
