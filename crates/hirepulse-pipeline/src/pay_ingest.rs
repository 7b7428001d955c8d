//! `ingest-pay`: compensation dataset files (see `hirepulse-paydata`) into the store's pay
//! records, in batches of one transaction each.
//!
//! Paths are files or folders (walked, sorted; `.csv` and `.xlsx` files are read). Each file's
//! dataset is recognised from its header; a file that is none of them is reported once and
//! skipped. A malformed row is reported through the callback as `file:line: reason` and the
//! rows around it are stored. Records are upserts keyed by (dataset, file name, row), so
//! running the same command twice leaves what one run leaves.

use hirepulse_paydata::{read_any, PayRecord, RowError};
use hirepulse_store::pay_records::PayRecordRow;
use hirepulse_store::{Store, StoreError};
use std::path::{Path, PathBuf};

/// Records per transaction.
pub const PAY_BATCH_SIZE: usize = 5_000;

/// Why pay ingest stopped.
#[derive(Debug, thiserror::Error)]
pub enum PayIngestError {
    #[error("{0}: no such file or folder")]
    NotFound(String),
    #[error("{path}: cannot list folder: {reason}")]
    Walk { path: String, reason: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PayFileSummary {
    pub path: String,
    /// The dataset id of its records, or `None` when the file was not recognised.
    pub dataset: Option<String>,
    pub records: u64,
    pub new: u64,
    pub existing: u64,
    /// Malformed rows (reported, not stored).
    pub errors: u64,
    /// Stored with a flag (implausible figure): not used by reports.
    pub flagged: u64,
    /// Stored without an annual USD figure (currency not in the FX table).
    pub no_usd: u64,
}

/// Expands `paths` into the dataset files to read: files as given, folders walked for `.csv`
/// and `.xlsx` files, sorted.
pub fn pay_inputs(paths: &[String]) -> Result<Vec<PathBuf>, PayIngestError> {
    let mut out = Vec::new();
    for path in paths {
        let p = Path::new(path);
        if p.is_file() {
            out.push(p.to_path_buf());
        } else if p.is_dir() {
            let mut found = Vec::new();
            for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                let entry = entry.map_err(|e| PayIngestError::Walk {
                    path: path.clone(),
                    reason: e.to_string(),
                })?;
                let ext = entry
                    .path()
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase());
                if entry.file_type().is_file() && matches!(ext.as_deref(), Some("csv" | "xlsx")) {
                    found.push(entry.into_path());
                }
            }
            found.sort();
            out.extend(found);
        } else {
            return Err(PayIngestError::NotFound(path.clone()));
        }
    }
    Ok(out)
}

/// The store row of a dataset record.
pub fn to_row(record: &PayRecord) -> PayRecordRow {
    let published = record.published.as_ref();
    PayRecordRow {
        dataset: record.dataset.to_string(),
        source_file: record.source_file.clone(),
        source_row: record.row,
        source_line: record.line,
        year: record.year,
        title: record.title.clone(),
        code: record.code.clone(),
        lane: record.lane.clone(),
        level: record.seniority.clone(),
        country: record.country.clone(),
        language: record.main_language.clone(),
        currency: record.currency.clone(),
        period: record.period.as_str().to_string(),
        base: record.base,
        total_comp: record.total_comp,
        amount: record.amount,
        annual_usd: record.annual_usd,
        pay_kind: record.pay_kind.as_str().to_string(),
        kind: record.basis.as_str().to_string(),
        employment: published.and_then(|p| p.employment),
        p10: published.and_then(|p| p.p10),
        p25: published.and_then(|p| p.p25),
        p75: published.and_then(|p| p.p75),
        p90: published.and_then(|p| p.p90),
        top_coded: published
            .filter(|p| !p.top_coded.is_empty())
            .map(|p| p.top_coded.join(",")),
        flag: record.flag.clone(),
    }
}

/// Reads every file of `paths` into `store`; each malformed row (and each unrecognised file)
/// goes to `on_error`. Returns one summary per file.
pub fn ingest_pay(
    store: &mut Store,
    paths: &[String],
    on_error: &mut dyn FnMut(&RowError),
) -> Result<Vec<PayFileSummary>, PayIngestError> {
    let files = pay_inputs(paths)?;
    let mut summaries = Vec::new();
    for file in files {
        let mut summary = PayFileSummary {
            path: file.display().to_string(),
            ..PayFileSummary::default()
        };
        let records = match read_any(&file) {
            Ok((_, records)) => records,
            Err(err) => {
                summary.errors += 1;
                on_error(&err);
                summaries.push(summary);
                continue;
            }
        };
        let mut batch: Vec<PayRecordRow> = Vec::with_capacity(PAY_BATCH_SIZE);
        for record in records {
            match record {
                Ok(record) => {
                    summary
                        .dataset
                        .get_or_insert_with(|| record.dataset.to_string());
                    summary.records += 1;
                    summary.flagged += u64::from(record.flag.is_some());
                    summary.no_usd += u64::from(record.annual_usd.is_none());
                    batch.push(to_row(&record));
                    if batch.len() >= PAY_BATCH_SIZE {
                        let done = store.upsert_pay_records(&batch)?;
                        summary.new += done.new;
                        summary.existing += done.existing;
                        batch.clear();
                    }
                }
                Err(err) => {
                    summary.errors += 1;
                    on_error(&err);
                }
            }
        }
        if !batch.is_empty() {
            let done = store.upsert_pay_records(&batch)?;
            summary.new += done.new;
            summary.existing += done.existing;
        }
        summaries.push(summary);
    }
    Ok(summaries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testdata() -> String {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../hirepulse-paydata/testdata")
            .display()
            .to_string()
    }

    #[test]
    fn a_folder_of_fixtures_is_stored_once_with_errors_reported() {
        let mut store = Store::open_in_memory().expect("store");
        let mut errors = Vec::new();
        let summaries = ingest_pay(&mut store, &[testdata()], &mut |e| {
            errors.push(e.to_string())
        })
        .expect("ingest");
        // aijobs, eu, h1b, levels, the BLS xlsx; the generator script is not a .csv/.xlsx.
        assert_eq!(summaries.len(), 5, "{summaries:?}");
        let total: u64 = summaries.iter().map(|s| s.records).sum();
        assert_eq!(summaries.iter().map(|s| s.new).sum::<u64>(), total);
        assert!(errors
            .iter()
            .any(|e| e.ends_with("aijobs.csv:4: expected 11 fields, found 10")));
        assert_eq!(
            errors.len() as u64,
            summaries.iter().map(|s| s.errors).sum::<u64>()
        );
        let again = ingest_pay(&mut store, &[testdata()], &mut |_| {}).expect("again");
        assert_eq!(again.iter().map(|s| s.new).sum::<u64>(), 0);
        assert_eq!(again.iter().map(|s| s.existing).sum::<u64>(), total);
        let counts = store.pay_record_counts().expect("counts");
        assert_eq!(counts.iter().map(|c| c.records).sum::<u64>(), total);
        assert!(counts.iter().any(|c| c.dataset == "bls_oews"));
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let mut store = Store::open_in_memory().expect("store");
        let err = ingest_pay(&mut store, &["/nonexistent/pay".into()], &mut |_| {});
        assert!(matches!(err, Err(PayIngestError::NotFound(_))));
    }
}
