//! Writing extracted facts: the whole value as JSON plus the normalised rows statistics query.
//!
//! List-valued facts go to `fact_tags` (one row per posting, kind, value) and pay ranges to
//! `fact_pay`, so "postings by month x language x lane" is two joins on `fact_tags`. A posting's
//! previous rows are deleted first: re-extraction replaces, never accumulates.

use hirepulse_extract::Facts;
use rusqlite::types::{ToSqlOutput, ValueRef};
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

/// Tag rows inserted per multi-row statement (3 parameters each, well under SQLite's limit).
const TAG_ROWS_PER_STATEMENT: usize = 128;

/// Prepared statements for writing facts inside one transaction. Tag rows are collected and
/// inserted many to a statement by [`FactsWriter::finish`]: one statement per tag would be most
/// of an ingest's SQL time.
pub(crate) struct FactsWriter<'c, 'f> {
    tx: &'c Transaction<'c>,
    put_facts: CachedStatement<'c>,
    delete_tags: CachedStatement<'c>,
    delete_pay: CachedStatement<'c>,
    insert_pay: CachedStatement<'c>,
    pending_tags: Vec<(i64, &'static str, &'f str)>,
}

impl<'c, 'f> FactsWriter<'c, 'f> {
    pub(crate) fn new(tx: &'c Transaction<'c>) -> rusqlite::Result<FactsWriter<'c, 'f>> {
        Ok(FactsWriter {
            tx,
            put_facts: tx.prepare_cached(
                "INSERT OR REPLACE INTO facts
                 (posting_id, extractor_version, facts_json, company, equity, us_eligible, visa)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?,
            delete_tags: tx.prepare_cached("DELETE FROM fact_tags WHERE posting_id = ?1")?,
            delete_pay: tx.prepare_cached("DELETE FROM fact_pay WHERE posting_id = ?1")?,
            insert_pay: tx.prepare_cached(
                "INSERT INTO fact_pay (posting_id, idx, min, max, currency, period, span_start,
                     span_end, annual_usd_min, annual_usd_max, flag)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            pending_tags: Vec::new(),
        })
    }

    /// Replaces the facts of posting `id`. `fresh` says the posting was just inserted, so it
    /// has no older rows to delete. Call [`FactsWriter::finish`] before committing.
    pub(crate) fn write(
        &mut self,
        id: i64,
        facts: &'f Facts,
        extractor_version: u32,
        fresh: bool,
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
        if !fresh {
            self.delete_tags.execute([id])?;
            self.delete_pay.execute([id])?;
        }
        for (kind, values) in tags(facts) {
            for value in values {
                self.pending_tags.push((id, kind, value));
            }
        }
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

    /// Inserts the collected tag rows, in `(kind, value, posting)` order: each row also goes
    /// into the `(kind, value)` index, and rows in that order touch few index pages per
    /// statement, so SQLite copies far fewer pages to the statement journal (half the time of
    /// inserting in posting order on the HN corpus). The stored rows are the same either way.
    pub(crate) fn finish(mut self) -> rusqlite::Result<()> {
        let mut rows = std::mem::take(&mut self.pending_tags);
        rows.sort_unstable_by(|a, b| (a.1, a.2, a.0).cmp(&(b.1, b.2, b.0)));
        let mut chunks = rows.chunks_exact(TAG_ROWS_PER_STATEMENT);
        if chunks.len() > 0 {
            let mut many = self
                .tx
                .prepare_cached(&tag_insert(TAG_ROWS_PER_STATEMENT))?;
            for chunk in chunks.by_ref() {
                many.execute(rusqlite::params_from_iter(chunk.iter().flat_map(
                    |(id, kind, value)| {
                        [
                            ToSqlOutput::Borrowed(ValueRef::Integer(*id)),
                            ToSqlOutput::Borrowed(ValueRef::Text(kind.as_bytes())),
                            ToSqlOutput::Borrowed(ValueRef::Text(value.as_bytes())),
                        ]
                    },
                )))?;
            }
        }
        let mut one = self.tx.prepare_cached(&tag_insert(1))?;
        for (id, kind, value) in chunks.remainder() {
            one.execute(params![id, kind, value])?;
        }
        Ok(())
    }
}

/// `INSERT OR IGNORE INTO fact_tags ... VALUES (?, ?, ?), ...` with `rows` rows.
fn tag_insert(rows: usize) -> String {
    let mut sql = String::from("INSERT OR IGNORE INTO fact_tags (posting_id, kind, value) VALUES ");
    for row in 0..rows {
        if row > 0 {
            sql.push(',');
        }
        sql.push_str("(?,?,?)");
    }
    sql
}
