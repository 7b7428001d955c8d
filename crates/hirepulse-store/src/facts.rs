//! Writing extracted facts: the whole value as JSON plus the normalised rows statistics query.
//!
//! List-valued facts go to `fact_tags` (one row per posting, kind, value) and pay ranges to
//! `fact_pay`, so "postings by month x language x lane" is two joins on `fact_tags`. A posting's
//! previous rows are deleted first: re-extraction replaces, never accumulates.

use hirepulse_extract::Facts;
use rusqlite::{params, CachedStatement, Transaction};

/// The tag kinds stored in `fact_tags`, with the list each comes from.
pub(crate) fn tags(facts: &Facts) -> [(&'static str, &[String]); 7] {
    [
        ("language", &facts.languages),
        ("technology", &facts.technologies),
        ("lane", &facts.lanes),
        ("seniority", &facts.seniority),
        ("country", &facts.countries),
        ("work_mode", &facts.work_mode),
        ("employment", &facts.employment),
    ]
}

/// Prepared statements for writing facts inside one transaction.
pub(crate) struct FactsWriter<'c> {
    put_facts: CachedStatement<'c>,
    delete_tags: CachedStatement<'c>,
    insert_tag: CachedStatement<'c>,
    delete_pay: CachedStatement<'c>,
    insert_pay: CachedStatement<'c>,
}

impl<'c> FactsWriter<'c> {
    pub(crate) fn new(tx: &'c Transaction<'_>) -> rusqlite::Result<FactsWriter<'c>> {
        Ok(FactsWriter {
            put_facts: tx.prepare_cached(
                "INSERT OR REPLACE INTO facts
                 (posting_id, extractor_version, facts_json, company, equity, us_eligible, visa)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            delete_tags: tx.prepare_cached("DELETE FROM fact_tags WHERE posting_id = ?1")?,
            insert_tag: tx.prepare_cached(
                "INSERT OR IGNORE INTO fact_tags (posting_id, kind, value) VALUES (?1, ?2, ?3)",
            )?,
            delete_pay: tx.prepare_cached("DELETE FROM fact_pay WHERE posting_id = ?1")?,
            insert_pay: tx.prepare_cached(
                "INSERT INTO fact_pay (posting_id, idx, min, max, currency, period, span_start,
                     span_end, annual_usd_min, annual_usd_max, flag)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
        })
    }

    /// Replaces the facts of posting `id`.
    pub(crate) fn write(
        &mut self,
        id: i64,
        facts: &Facts,
        extractor_version: u32,
    ) -> rusqlite::Result<()> {
        let json = serde_json::to_string(facts)
            .map_err(|err| rusqlite::Error::ToSqlConversionFailure(Box::new(err)))?;
        self.put_facts.execute(params![
            id,
            extractor_version,
            json,
            facts.company,
            facts.equity,
            facts.us_eligible,
            facts.visa,
        ])?;
        self.delete_tags.execute([id])?;
        for (kind, values) in tags(facts) {
            for value in values {
                self.insert_tag.execute(params![id, kind, value])?;
            }
        }
        self.delete_pay.execute([id])?;
        for (idx, pay) in facts.pay.iter().enumerate() {
            let span_start = i64::try_from(pay.span.0).unwrap_or(i64::MAX);
            let span_end = i64::try_from(pay.span.1).unwrap_or(i64::MAX);
            self.insert_pay.execute(params![
                id,
                idx as i64,
                pay.min,
                pay.max,
                pay.currency,
                pay.period,
                span_start,
                span_end,
                pay.annual_usd_min,
                pay.annual_usd_max,
                pay.flag,
            ])?;
        }
        Ok(())
    }
}
