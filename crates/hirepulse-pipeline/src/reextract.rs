//! `reextract`: refresh the facts of stored postings that an older extractor produced (or that
//! have none), in batches, without reading any input again.
//!
//! Batches walk the postings in id order (keyset paging on the id), each extracted in parallel
//! and written in one transaction, so a killed run resumes where it stopped when run again.

use crate::{extract_guarded, ExtractFields, PipelineError, Progress, DEFAULT_BATCH_SIZE};
use hirepulse_extract::{Facts, EXTRACTOR_VERSION};
use hirepulse_sources::{Origin, RecordError};
use hirepulse_store::Store;
use rayon::prelude::*;
use serde::Serialize;

/// How to re-extract.
#[derive(Debug, Clone)]
pub struct ReextractOptions {
    /// Postings per batch (and per transaction).
    pub batch_size: usize,
}

impl Default for ReextractOptions {
    fn default() -> Self {
        ReextractOptions {
            batch_size: DEFAULT_BATCH_SIZE,
        }
    }
}

/// What a re-extraction did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReextractSummary {
    /// Postings whose facts were (re)written with the current extractor version.
    pub reextracted: u64,
    /// Postings the extractor failed on (their old facts are kept).
    #[serde(skip)]
    pub errors: Vec<RecordError>,
}

/// Re-extracts every stored posting whose facts are missing or older than [`EXTRACTOR_VERSION`].
pub fn reextract(
    store: &mut Store,
    options: &ReextractOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ReextractSummary, PipelineError> {
    store.checkpoint_in_background()?;
    let total = store.count_stale(EXTRACTOR_VERSION)?;
    let batch_size = options.batch_size.max(1);
    let mut summary = ReextractSummary::default();
    let mut after_id = 0i64;
    progress(Progress::Reextracted { done: 0, total });
    loop {
        let postings = store.stale_postings(EXTRACTOR_VERSION, after_id, batch_size)?;
        let Some(last) = postings.last() else {
            break;
        };
        after_id = last.id;
        let results: Vec<(i64, Result<Facts, String>)> = postings
            .par_iter()
            .map(|posting| {
                let facts = extract_guarded(&ExtractFields {
                    source_id: &posting.source_id,
                    month: posting.month.as_deref(),
                    text: &posting.text,
                    title: posting.title.as_deref(),
                    company: posting.company.as_deref(),
                    location: posting.location.as_deref(),
                });
                (posting.id, facts)
            })
            .collect();
        let mut facts = Vec::with_capacity(results.len());
        for ((id, result), posting) in results.into_iter().zip(&postings) {
            match result {
                Ok(found) => facts.push((id, found)),
                Err(reason) => {
                    let err = RecordError {
                        origin: Origin {
                            file: format!("store:{}", posting.source),
                            record: u64::try_from(id).unwrap_or(0),
                        },
                        reason: format!(
                            "posting {}:{}: {reason}",
                            posting.source, posting.source_id
                        ),
                    };
                    progress(Progress::RecordError(err.clone()));
                    summary.errors.push(err);
                }
            }
        }
        store.write_facts(&facts, EXTRACTOR_VERSION)?;
        summary.reextracted += facts.len() as u64;
        progress(Progress::Reextracted {
            done: summary.reextracted,
            total,
        });
    }
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hirepulse_sources::Posting;
    use hirepulse_store::{content_hash, Write};

    #[test]
    fn refreshes_only_stale_facts_in_batches() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 0).unwrap();
        let postings: Vec<Posting> = (0..5)
            .map(|i| Posting {
                source: "hn".into(),
                source_id: i.to_string(),
                month: None,
                posted_at: None,
                title: None,
                company: None,
                location: None,
                url: None,
                raw: format!("Acme {i} | Rust"),
                text: format!("Acme {i} | Rust"),
                pay_evidence: Vec::new(),
            })
            .collect();
        let old = Facts::default();
        let writes: Vec<Write> = postings
            .iter()
            .map(|p| Write::Upsert {
                posting: p,
                hash: content_hash(p),
                facts: &old,
            })
            .collect();
        // Three written by an older extractor, two by the current one.
        store
            .write_batch(run, &writes[..3], EXTRACTOR_VERSION - 1)
            .unwrap();
        store
            .write_batch(run, &writes[3..], EXTRACTOR_VERSION)
            .unwrap();
        let mut seen = Vec::new();
        let summary = reextract(&mut store, &ReextractOptions { batch_size: 2 }, &mut |p| {
            seen.push(p)
        })
        .unwrap();
        assert_eq!(summary.reextracted, 3);
        assert_eq!(
            seen.last(),
            Some(&Progress::Reextracted { done: 3, total: 3 })
        );
        assert_eq!(store.count_stale(EXTRACTOR_VERSION).unwrap(), 0);
        let again = reextract(&mut store, &ReextractOptions::default(), &mut |_| {}).unwrap();
        assert_eq!(again.reextracted, 0);
    }
}
