//! Pay records from compensation datasets (migration 0003): written in one transaction per
//! batch as upserts keyed by (dataset, source file, row), read back as compact [`PaySample`]s
//! for the reports.
//!
//! The store does not depend on the dataset readers: the binary turns their records into
//! [`PayRecordRow`]s. Samples carry figures only (no titles except an official occupation's
//! code and name), in a stable order, so the built-in baseline can hold exactly what the store
//! gives the reports.

use crate::{Result, Store};
use serde::Serialize;

/// One dataset row to store.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PayRecordRow {
    pub dataset: String,
    pub source_file: String,
    pub source_row: u64,
    pub source_line: u64,
    pub year: Option<u16>,
    pub title: String,
    pub code: Option<String>,
    pub lane: Option<String>,
    pub level: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    pub currency: String,
    /// `year` or `hour`.
    pub period: String,
    pub base: Option<f64>,
    pub total_comp: Option<f64>,
    pub amount: f64,
    pub annual_usd: Option<f64>,
    /// `base` or `total_comp`.
    pub pay_kind: String,
    /// `survey`, `official_statistics`, `filing` or `posting`.
    pub kind: String,
    pub employment: Option<u64>,
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
    /// Comma-separated names of top-coded percentiles, if any.
    pub top_coded: Option<String>,
    pub flag: Option<String>,
}

/// Published percentiles of an official occupation row, annual USD.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Published {
    /// `15-1252 Software Developers`.
    pub occupation: String,
    pub employment: Option<u64>,
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
}

/// A usable pay record as the reports see it: figures, no text.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PaySample {
    pub dataset: String,
    pub year: Option<u16>,
    pub lane: Option<String>,
    pub level: Option<String>,
    pub country: Option<String>,
    pub language: Option<String>,
    /// Annual USD (for official statistics, the published median).
    pub annual_usd: f64,
    /// `base` or `total_comp`.
    pub pay_kind: String,
    /// `survey`, `official_statistics`, `filing` or `posting`.
    pub kind: String,
    /// Official statistics only.
    pub published: Option<Published>,
}

/// Stored records of one dataset.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DatasetCount {
    pub dataset: String,
    pub records: u64,
    /// With an annual USD figure and no flag: what the reports use.
    pub usable: u64,
    pub first_year: Option<u16>,
    pub last_year: Option<u16>,
}

/// Which samples a report needs: one dataset or all; records whose lane is one of `lanes` or
/// whose language is one of `languages` (either list `None`: no condition from it; both `None`:
/// every record).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SampleFilter {
    pub dataset: Option<String>,
    pub lanes: Option<Vec<String>>,
    pub languages: Option<Vec<String>>,
}

impl SampleFilter {
    /// Whether `sample` passes (the same test the SQL of [`Store::pay_samples`] applies).
    pub fn accepts(&self, sample: &PaySample) -> bool {
        if self.dataset.as_ref().is_some_and(|d| *d != sample.dataset) {
            return false;
        }
        let in_list = |list: &Option<Vec<String>>, value: &Option<String>| {
            list.as_ref()
                .is_some_and(|l| value.as_ref().is_some_and(|v| l.contains(v)))
        };
        match (&self.lanes, &self.languages) {
            (None, None) => true,
            _ => in_list(&self.lanes, &sample.lane) || in_list(&self.languages, &sample.language),
        }
    }
}

/// What one [`Store::upsert_pay_records`] call did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PayUpsert {
    /// Records not stored before.
    pub new: u64,
    /// Records already stored (rewritten with the same key).
    pub existing: u64,
}

impl Store {
    /// Upserts `rows` in one transaction, keyed by (dataset, source file, source row).
    pub fn upsert_pay_records(&mut self, rows: &[PayRecordRow]) -> Result<PayUpsert> {
        let count = |conn: &rusqlite::Connection| -> rusqlite::Result<i64> {
            conn.query_row("SELECT count(*) FROM pay_records", [], |r| r.get(0))
        };
        let result = (|| -> rusqlite::Result<PayUpsert> {
            let tx = self.conn.transaction()?;
            let before = count(&tx)?;
            {
                let mut statement = tx.prepare_cached(
                    "INSERT INTO pay_records (dataset, source_file, source_row, source_line, year,
                         title, code, lane, level, country, language, currency, period, base,
                         total_comp, amount, annual_usd, pay_kind, kind, employment, p10, p25,
                         p75, p90, top_coded, flag)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15,
                         ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)
                     ON CONFLICT (dataset, source_file, source_row) DO UPDATE SET
                         source_line = excluded.source_line, year = excluded.year,
                         title = excluded.title, code = excluded.code, lane = excluded.lane,
                         level = excluded.level, country = excluded.country,
                         language = excluded.language, currency = excluded.currency,
                         period = excluded.period, base = excluded.base,
                         total_comp = excluded.total_comp, amount = excluded.amount,
                         annual_usd = excluded.annual_usd, pay_kind = excluded.pay_kind,
                         kind = excluded.kind, employment = excluded.employment,
                         p10 = excluded.p10, p25 = excluded.p25, p75 = excluded.p75,
                         p90 = excluded.p90, top_coded = excluded.top_coded,
                         flag = excluded.flag",
                )?;
                let int = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
                for row in rows {
                    statement.execute(rusqlite::params![
                        row.dataset,
                        row.source_file,
                        int(row.source_row),
                        int(row.source_line),
                        row.year,
                        row.title,
                        row.code,
                        row.lane,
                        row.level,
                        row.country,
                        row.language,
                        row.currency,
                        row.period,
                        row.base,
                        row.total_comp,
                        row.amount,
                        row.annual_usd,
                        row.pay_kind,
                        row.kind,
                        row.employment.map(int),
                        row.p10,
                        row.p25,
                        row.p75,
                        row.p90,
                        row.top_coded,
                        row.flag,
                    ])?;
                }
            }
            let after = count(&tx)?;
            tx.commit()?;
            let new = u64::try_from(after - before).unwrap_or(0);
            Ok(PayUpsert {
                new,
                existing: (rows.len() as u64).saturating_sub(new),
            })
        })();
        result.map_err(|err| {
            let first = rows
                .first()
                .map(|r| format!(" (from {}:{})", r.source_file, r.source_line))
                .unwrap_or_default();
            self.sql_error(
                format!("write a batch of {} pay records{first}", rows.len()),
                err,
            )
        })
    }

    /// Records per dataset, in dataset order.
    pub fn pay_record_counts(&self) -> Result<Vec<DatasetCount>> {
        self.query(
            "SELECT dataset, count(*),
                 sum(annual_usd IS NOT NULL AND flag IS NULL), min(year), max(year)
             FROM pay_records GROUP BY dataset ORDER BY dataset",
            |row| {
                Ok(DatasetCount {
                    dataset: row.get(0)?,
                    records: row.get::<_, i64>(1)?.try_into().unwrap_or(0),
                    usable: row.get::<_, i64>(2)?.try_into().unwrap_or(0),
                    first_year: row.get(3)?,
                    last_year: row.get(4)?,
                })
            },
        )
        .map_err(|err| self.sql_error("count the pay records", err))
    }

    /// Every usable pay record (an annual USD figure, no flag) that `filter` accepts, as a
    /// sample, in storage order (ingest order; figures do not depend on it).
    ///
    /// Shape (for speed): person records are read per lane list and per language list from
    /// the covering indexes of migration 0003 and merged by id; the few official-statistics
    /// rows, which carry more columns, are read apart.
    pub fn pay_samples(&self, filter: &SampleFilter) -> Result<Vec<PaySample>> {
        const USABLE: &str = "annual_usd IS NOT NULL AND flag IS NULL";
        const COLUMNS: &str =
            "id, dataset, year, lane, level, country, language, annual_usd, pay_kind, kind";
        let mut found: Vec<(i64, PaySample)> = Vec::new();
        let mut read = |condition: String, params: Vec<&str>, extra: bool| -> Result<()> {
            let columns = if extra {
                format!("{COLUMNS}, code, title, employment, p10, p25, p75, p90")
            } else {
                COLUMNS.to_string()
            };
            let sql = format!("SELECT {columns} FROM pay_records WHERE {USABLE} AND {condition}");
            let rows = self
                .query_with(&sql, rusqlite::params_from_iter(params), |row| {
                    let id: i64 = row.get(0)?;
                    let kind: String = row.get(9)?;
                    let published = if extra {
                        let code: Option<String> = row.get(10)?;
                        let title: String = row.get(11)?;
                        Some(Published {
                            occupation: match code {
                                Some(code) => format!("{code} {title}"),
                                None => title,
                            },
                            employment: row
                                .get::<_, Option<i64>>(12)?
                                .and_then(|n| u64::try_from(n).ok()),
                            p10: row.get(13)?,
                            p25: row.get(14)?,
                            p75: row.get(15)?,
                            p90: row.get(16)?,
                        })
                    } else {
                        None
                    };
                    Ok((
                        id,
                        PaySample {
                            dataset: row.get(1)?,
                            year: row.get(2)?,
                            lane: row.get(3)?,
                            level: row.get(4)?,
                            country: row.get(5)?,
                            language: row.get(6)?,
                            annual_usd: row.get(7)?,
                            pay_kind: row.get(8)?,
                            kind,
                            published,
                        },
                    ))
                })
                .map_err(|err| self.sql_error("read the pay records", err))?;
            found.extend(rows);
            Ok(())
        };
        // `?N` placeholders for `values` after `offset` earlier ones.
        let marks = |offset: usize, values: &[String]| -> String {
            (1..=values.len())
                .map(|i| format!("?{}", offset + i))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let dataset_condition = |offset: usize| match &filter.dataset {
            Some(_) => format!(" AND dataset = ?{}", offset + 1),
            None => String::new(),
        };
        fn with_dataset<'a>(mut params: Vec<&'a str>, dataset: Option<&'a str>) -> Vec<&'a str> {
            params.extend(dataset);
            params
        }
        let dataset = filter.dataset.as_deref();
        const PEOPLE: &str = "kind <> 'official_statistics'";
        const OFFICIAL: &str = "kind = 'official_statistics'";
        match (&filter.lanes, &filter.languages) {
            (None, None) => {
                read(
                    format!("{PEOPLE}{}", dataset_condition(0)),
                    with_dataset(Vec::new(), dataset),
                    false,
                )?;
                read(
                    format!("{OFFICIAL}{}", dataset_condition(0)),
                    with_dataset(Vec::new(), dataset),
                    true,
                )?;
            }
            (lanes, languages) => {
                for (column, list) in [("lane", lanes), ("language", languages)] {
                    let Some(list) = list else { continue };
                    if list.is_empty() {
                        continue;
                    }
                    let params: Vec<&str> = list.iter().map(String::as_str).collect();
                    let condition = format!(
                        "{column} IN ({}){}",
                        marks(0, list),
                        dataset_condition(list.len())
                    );
                    read(
                        format!("{condition} AND {PEOPLE}"),
                        with_dataset(params.clone(), dataset),
                        false,
                    )?;
                    read(
                        format!("{condition} AND {OFFICIAL}"),
                        with_dataset(params, dataset),
                        true,
                    )?;
                }
            }
        }
        // A record can match both a lane and a language: keep it once, in id order.
        found.sort_unstable_by_key(|(id, _)| *id);
        found.dedup_by_key(|(id, _)| *id);
        Ok(found.into_iter().map(|(_, sample)| sample).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(file: &str, source_row: u64, usd: Option<f64>) -> PayRecordRow {
        PayRecordRow {
            dataset: "aijobs".into(),
            source_file: file.into(),
            source_row,
            source_line: source_row + 1,
            year: Some(2024),
            title: "Data Engineer".into(),
            lane: Some("data".into()),
            level: Some("senior".into()),
            country: Some("US".into()),
            currency: "USD".into(),
            period: "year".into(),
            amount: usd.unwrap_or(1.0),
            base: usd,
            annual_usd: usd,
            pay_kind: "base".into(),
            kind: "survey".into(),
            ..PayRecordRow::default()
        }
    }

    #[test]
    fn upserts_are_idempotent_and_samples_skip_unusable_records() {
        let mut store = Store::open_in_memory().unwrap();
        let rows = vec![
            row("a.csv", 1, Some(100_000.0)),
            row("a.csv", 2, None),
            PayRecordRow {
                flag: Some("annual USD 1 is below 5000".into()),
                ..row("a.csv", 3, Some(1.0))
            },
        ];
        let first = store.upsert_pay_records(&rows).unwrap();
        assert_eq!(
            first,
            PayUpsert {
                new: 3,
                existing: 0
            }
        );
        let again = store.upsert_pay_records(&rows).unwrap();
        assert_eq!(
            again,
            PayUpsert {
                new: 0,
                existing: 3
            }
        );
        // A changed figure replaces the stored one.
        store
            .upsert_pay_records(&[row("a.csv", 1, Some(120_000.0))])
            .unwrap();
        let samples = store.pay_samples(&SampleFilter::default()).unwrap();
        assert_eq!(samples.len(), 1);
        // Filters: the same answer from SQL and from `accepts`.
        for filter in [
            SampleFilter {
                lanes: Some(vec!["data".into()]),
                ..SampleFilter::default()
            },
            SampleFilter {
                lanes: Some(vec!["backend".into()]),
                languages: Some(vec!["python".into()]),
                ..SampleFilter::default()
            },
            SampleFilter {
                dataset: Some("levelsfyi".into()),
                ..SampleFilter::default()
            },
            SampleFilter {
                lanes: Some(Vec::new()),
                ..SampleFilter::default()
            },
        ] {
            let from_sql = store.pay_samples(&filter).unwrap();
            let kept: Vec<PaySample> = samples
                .iter()
                .filter(|s| filter.accepts(s))
                .cloned()
                .collect();
            assert_eq!(from_sql, kept, "{filter:?}");
        }
        assert_eq!(samples[0].annual_usd, 120_000.0);
        assert_eq!(samples[0].lane.as_deref(), Some("data"));
        let counts = store.pay_record_counts().unwrap();
        assert_eq!(counts.len(), 1);
        assert_eq!((counts[0].records, counts[0].usable), (3, 1));
        assert_eq!(
            (counts[0].first_year, counts[0].last_year),
            (Some(2024), Some(2024))
        );
    }

    #[test]
    fn official_rows_carry_their_published_figures() {
        let mut store = Store::open_in_memory().unwrap();
        let official = PayRecordRow {
            dataset: "bls_oews".into(),
            kind: "official_statistics".into(),
            code: Some("15-1252".into()),
            title: "Software Developers".into(),
            employment: Some(1_600_000),
            p25: Some(100_000.0),
            p75: Some(170_000.0),
            ..row("national_M2024_dl.xlsx", 7, Some(133_080.0))
        };
        store.upsert_pay_records(&[official]).unwrap();
        let samples = store.pay_samples(&SampleFilter::default()).unwrap();
        let published = samples[0].published.clone().unwrap();
        assert_eq!(published.occupation, "15-1252 Software Developers");
        assert_eq!(published.employment, Some(1_600_000));
        assert_eq!(
            (published.p25, published.p75),
            (Some(100_000.0), Some(170_000.0))
        );
    }

    #[test]
    fn a_bad_kind_is_refused_with_the_source() {
        let mut store = Store::open_in_memory().unwrap();
        let bad = PayRecordRow {
            kind: "rumour".into(),
            ..row("a.csv", 1, Some(1.0))
        };
        let err = store.upsert_pay_records(&[bad]).unwrap_err().to_string();
        assert!(err.contains("a.csv:2"), "{err}");
    }
}
