//! The cache folder: raw API responses in formats `ingest` reads, written so that no reader ever
//! sees half a file.
//!
//! Layout: `hn/YYYY-MM.jsonl` (HN API items, thread line first), `greenhouse/TOKEN.json`,
//! `lever/COMPANY.json`, `ashby/ORG.json`. Beside each data file a `.meta` file (JSON) says when
//! it was fetched, from where, and for HN the thread and whether the month was final; a data file
//! without its meta counts as missing. Every file is written to `NAME.tmp`, synced and renamed
//! over `NAME`, data first and meta second, so a crash leaves either the old pair, or a new data
//! file with no meta (fetched again), never a torn file; stray `.tmp` files are simply
//! overwritten. An HN month in progress keeps `hn/YYYY-MM.jsonl.part`: one item per line,
//! appended as items arrive, read back on resume (a torn last line is ignored). `.tmp`, `.part`
//! and `.meta` are not extensions `ingest` reads, so ingesting the whole folder is safe.

use crate::FetchError;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What we know about one cached data file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Unix seconds when the data file was written.
    pub fetched_at: i64,
    /// The URL the data came from (for HN: the thread item).
    pub url: String,
    /// HN: the thread's item id and creation time.
    #[serde(default)]
    pub thread_id: Option<u64>,
    #[serde(default)]
    pub thread_time: Option<i64>,
    /// Items (HN comments) or jobs in the file.
    #[serde(default)]
    pub n_items: u64,
    /// HN kids the API answered `null` for.
    #[serde(default)]
    pub missing: Vec<u64>,
}

/// When a cached file must be fetched again.
#[derive(Debug, Clone, Copy)]
pub struct Freshness {
    /// A non-final HN month or a board older than this is stale (seconds).
    pub ttl_seconds: i64,
    /// An HN month fetched this long after its thread was posted is final (seconds).
    pub final_after_seconds: i64,
}

impl Default for Freshness {
    fn default() -> Self {
        Freshness {
            ttl_seconds: 24 * 3600,
            final_after_seconds: 35 * 24 * 3600,
        }
    }
}

impl Meta {
    /// True when the month this meta describes will not change any more: its thread was at least
    /// `final_after` old when fetched.
    pub fn is_final(&self, freshness: &Freshness) -> bool {
        self.thread_time
            .is_some_and(|t| self.fetched_at >= t.saturating_add(freshness.final_after_seconds))
    }

    /// True when no request is needed: final, or fetched within the TTL.
    pub fn is_fresh(&self, freshness: &Freshness, now: i64) -> bool {
        self.is_final(freshness) || now.saturating_sub(self.fetched_at) < freshness.ttl_seconds
    }
}

/// The cache folder.
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    pub fn new(root: impl Into<PathBuf>) -> Cache {
        Cache { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `ROOT/hn/YYYY-MM.jsonl`.
    pub fn hn_month(&self, month: &str) -> PathBuf {
        self.root.join("hn").join(format!("{month}.jsonl"))
    }

    /// `ROOT/KIND/NAME.json` for a job board.
    pub fn board(&self, kind: &str, name: &str) -> PathBuf {
        self.root.join(kind).join(format!("{name}.json"))
    }

    /// The meta file beside `data`.
    pub fn meta_path(data: &Path) -> PathBuf {
        with_suffix(data, ".meta")
    }

    /// The in-progress file beside `data`.
    pub fn part_path(data: &Path) -> PathBuf {
        with_suffix(data, ".part")
    }

    /// The meta of `data`, when both files exist and the meta parses.
    pub fn meta(&self, data: &Path) -> Option<Meta> {
        if !data.is_file() {
            return None;
        }
        let text = std::fs::read_to_string(Self::meta_path(data)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// Writes `data` then its meta, each atomically.
    pub fn store(&self, data: &Path, bytes: &[u8], meta: &Meta) -> Result<(), FetchError> {
        write_atomic(data, bytes)?;
        let meta_bytes = serde_json::to_vec_pretty(meta).map_err(|err| FetchError::Cache {
            path: Self::meta_path(data),
            reason: err.to_string(),
        })?;
        write_atomic(&Self::meta_path(data), &meta_bytes)
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn cache_error(path: &Path, what: &str, err: std::io::Error) -> FetchError {
    FetchError::Cache {
        path: path.to_path_buf(),
        reason: format!("cannot {what}: {err}"),
    }
}

/// Writes `bytes` to `path` through `path.tmp`, synced and renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FetchError> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|err| cache_error(parent, "create", err))?;
    }
    let tmp = with_suffix(path, ".tmp");
    let mut file = std::fs::File::create(&tmp).map_err(|err| cache_error(&tmp, "create", err))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|err| cache_error(&tmp, "write", err))?;
    drop(file);
    std::fs::rename(&tmp, path).map_err(|err| cache_error(path, "rename into place", err))?;
    if let Some(parent) = path.parent() {
        // Make the rename itself durable where the platform allows opening a folder.
        if let Ok(dir) = std::fs::File::open(parent) {
            let _ = dir.sync_all();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path());
        let data = cache.board("lever", "acme");
        assert_eq!(cache.meta(&data), None);
        // A stray temporary file from an interrupted run is overwritten.
        std::fs::create_dir_all(data.parent().unwrap()).unwrap();
        std::fs::write(with_suffix(&data, ".tmp"), b"[{\"half").unwrap();
        let meta = Meta {
            fetched_at: 100,
            url: "http://x".into(),
            thread_id: None,
            thread_time: None,
            n_items: 2,
            missing: vec![],
        };
        cache.store(&data, b"[]", &meta).unwrap();
        assert_eq!(std::fs::read(&data).unwrap(), b"[]");
        assert_eq!(cache.meta(&data), Some(meta));
        assert!(!with_suffix(&data, ".tmp").exists());
        // Data without meta is missing.
        std::fs::remove_file(Cache::meta_path(&data)).unwrap();
        assert_eq!(cache.meta(&data), None);
    }

    #[test]
    fn freshness_rules() {
        let freshness = Freshness {
            ttl_seconds: 10,
            final_after_seconds: 100,
        };
        let mut meta = Meta {
            fetched_at: 1_000,
            url: String::new(),
            thread_id: Some(1),
            thread_time: Some(950),
            n_items: 0,
            missing: vec![],
        };
        assert!(!meta.is_final(&freshness));
        assert!(meta.is_fresh(&freshness, 1_005));
        assert!(!meta.is_fresh(&freshness, 1_010));
        meta.thread_time = Some(900);
        assert!(meta.is_final(&freshness));
        assert!(meta.is_fresh(&freshness, 1_000_000));
    }
}
