//! What the server answers from, loaded once at start: every posting of the store or of the
//! built-in baseline held in memory (the data cannot change while serving, and a SQLite
//! connection cannot be shared across request threads), the advice market for the default
//! window, the read-only store for the evidence page, and a bounded cache of rendered answers.

use crate::error::ApiError;
use hirepulse_advise::{Market, Settings};
use hirepulse_reports::population::PostingSource;
use hirepulse_reports::{Baseline, ReportError};
use hirepulse_store::pay_records::{PaySample, SampleFilter};
use hirepulse_store::report_queries::ReportPosting;
use hirepulse_store::Store;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Every posting in memory, with the header line of its origin (`None` for a store, as the
/// store itself reports, so the JSON matches `--format json` exactly).
#[derive(Debug)]
pub struct Population {
    postings: Baseline,
    describe: Option<String>,
}

impl Population {
    /// The baseline embedded in the binary.
    pub fn baseline() -> Result<Population, ReportError> {
        let baseline = Baseline::embedded()?;
        Ok(Population {
            describe: baseline.describe(),
            postings: baseline.clone(),
        })
    }

    /// Every extracted posting (with technologies) and pay record of `store`.
    pub fn from_store(store: &Store) -> Result<Population, ReportError> {
        let Some((first, last)) = store.month_range()? else {
            return Err(ReportError::NoData);
        };
        Ok(Population {
            postings: Baseline {
                provenance: Vec::new(),
                postings: PostingSource::postings(store, &first, &last, true)?,
                pay: PostingSource::pay_samples(store, &SampleFilter::default())?,
            },
            describe: None,
        })
    }

    /// The postings held.
    pub fn all(&self) -> &[ReportPosting] {
        &self.postings.postings
    }
}

impl PostingSource for Population {
    fn month_range(&self) -> Result<Option<(String, String)>, ReportError> {
        self.postings.month_range()
    }

    fn postings(
        &self,
        from: &str,
        to: &str,
        technologies: bool,
    ) -> Result<Vec<ReportPosting>, ReportError> {
        self.postings.postings(from, to, technologies)
    }

    fn describe(&self) -> Option<String> {
        self.describe.clone()
    }

    fn pay_samples(&self, filter: &SampleFilter) -> Result<Vec<PaySample>, ReportError> {
        self.postings.pay_samples(filter)
    }
}

/// Most cached answers; the cache is emptied when full (answers are cheap to recompute).
const CACHE_ENTRIES: usize = 2048;

/// Everything a handler reads.
pub struct AppState {
    pub population: Population,
    /// The advice market of the default window, or why it could not be loaded.
    pub market: Result<Market, String>,
    /// The store, for the evidence page (read-only).
    pub store: Option<Mutex<Store>>,
    cache: Mutex<HashMap<String, Arc<(u16, String)>>>,
}

impl AppState {
    /// State over the built-in baseline.
    pub fn baseline() -> Result<AppState, ApiError> {
        let population = Population::baseline()?;
        Ok(AppState::new(population, None))
    }

    /// State over the store at `path`, opened read-only.
    pub fn open_store(path: &Path) -> Result<AppState, ApiError> {
        let store =
            Store::open_read_only(path).map_err(|err| ApiError::Internal(err.to_string()))?;
        let population = Population::from_store(&store)?;
        Ok(AppState::new(population, Some(store)))
    }

    pub fn new(population: Population, store: Option<Store>) -> AppState {
        let market = Settings::embedded()
            .and_then(|settings| Market::load(&population, None, settings))
            .map_err(|err| err.to_string());
        AppState {
            population,
            market,
            store: store.map(Mutex::new),
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The cached answer for `key`.
    pub fn cached(&self, key: &str) -> Option<Arc<(u16, String)>> {
        self.cache.lock().ok()?.get(key).cloned()
    }

    /// Remembers an answer.
    pub fn remember(&self, key: String, answer: Arc<(u16, String)>) {
        if let Ok(mut cache) = self.cache.lock() {
            if cache.len() >= CACHE_ENTRIES {
                cache.clear();
            }
            cache.insert(key, answer);
        }
    }
}
