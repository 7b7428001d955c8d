//! Read-only queries for statistics: counts by month and tag, tag pairs, and pay ranges.
//!
//! The statistics crate does no SQL, so the few shapes it needs are here, each one `GROUP BY`
//! over `postings` joined to the normalised fact rows. Tag kinds are an enum, never text pasted
//! into SQL. Results are sorted so that output built on them is stable.

use crate::{Result, Store};
use serde::Serialize;

/// The list-valued facts stored as rows of `fact_tags`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TagKind {
    Language,
    Technology,
    Lane,
    Seniority,
    Country,
    WorkMode,
    Employment,
}

impl TagKind {
    pub const ALL: &'static [TagKind] = &[
        TagKind::Language,
        TagKind::Technology,
        TagKind::Lane,
        TagKind::Seniority,
        TagKind::Country,
        TagKind::WorkMode,
        TagKind::Employment,
    ];

    /// The `kind` column value.
    pub fn name(self) -> &'static str {
        match self {
            TagKind::Language => "language",
            TagKind::Technology => "technology",
            TagKind::Lane => "lane",
            TagKind::Seniority => "seniority",
            TagKind::Country => "country",
            TagKind::WorkMode => "work_mode",
            TagKind::Employment => "employment",
        }
    }
}

/// Postings with one tag value in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagMonthCount {
    pub month: Option<String>,
    pub value: String,
    pub postings: u64,
}

/// Postings with both values (of two kinds, or two values of one kind) in one month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PairMonthCount {
    pub month: Option<String>,
    pub first: String,
    pub second: String,
    pub postings: u64,
}

/// One pay range found in a posting's text, with the posting's month and source.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayRow {
    pub posting_id: i64,
    pub source: String,
    pub month: Option<String>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: Option<String>,
    pub annual_usd_min: Option<f64>,
    pub annual_usd_max: Option<f64>,
    pub flag: Option<String>,
}

impl Store {
    /// Postings per month (the denominators of shares).
    pub fn postings_by_month(&self) -> Result<Vec<(Option<String>, u64)>> {
        self.query(
            "SELECT month, count(*) FROM postings GROUP BY month ORDER BY month",
            |row| Ok((row.get(0)?, row.get::<_, i64>(1)?.max(0) as u64)),
        )
        .map_err(|err| self.sql_error("count postings by month", err))
    }

    /// Postings per month and value of `kind` (e.g. languages by month).
    pub fn tag_counts_by_month(&self, kind: TagKind) -> Result<Vec<TagMonthCount>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT p.month, t.value, count(*) FROM postings p
                 JOIN fact_tags t ON t.posting_id = p.id AND t.kind = ?1
                 GROUP BY p.month, t.value ORDER BY p.month, t.value",
            )
            .map_err(|err| self.sql_error("count tags by month", err))?;
        let rows = statement
            .query_map([kind.name()], |row| {
                Ok(TagMonthCount {
                    month: row.get(0)?,
                    value: row.get(1)?,
                    postings: row.get::<_, i64>(2)?.max(0) as u64,
                })
            })
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|err| self.sql_error("count tags by month", err))?;
        Ok(rows)
    }

    /// Postings per month carrying a value of `first` and a value of `second` (e.g. month x
    /// language x lane). With the same kind twice, each unordered pair of distinct values is
    /// counted once (`first` < `second`).
    pub fn tag_pair_counts_by_month(
        &self,
        first: TagKind,
        second: TagKind,
    ) -> Result<Vec<PairMonthCount>> {
        let same = i64::from(first == second);
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT p.month, a.value, b.value, count(*) FROM postings p
                 JOIN fact_tags a ON a.posting_id = p.id AND a.kind = ?1
                 JOIN fact_tags b ON b.posting_id = p.id AND b.kind = ?2
                 WHERE ?3 = 0 OR a.value < b.value
                 GROUP BY p.month, a.value, b.value ORDER BY p.month, a.value, b.value",
            )
            .map_err(|err| self.sql_error("count tag pairs by month", err))?;
        let rows = statement
            .query_map(
                rusqlite::params![first.name(), second.name(), same],
                |row| {
                    Ok(PairMonthCount {
                        month: row.get(0)?,
                        first: row.get(1)?,
                        second: row.get(2)?,
                        postings: row.get::<_, i64>(3)?.max(0) as u64,
                    })
                },
            )
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<_>>>())
            .map_err(|err| self.sql_error("count tag pairs by month", err))?;
        Ok(rows)
    }

    /// Every pay range extracted from a posting's text, in posting order.
    pub fn pay_rows(&self) -> Result<Vec<PayRow>> {
        self.query(
            "SELECT p.id, p.source, p.month, f.min, f.max, f.currency, f.period,
                 f.annual_usd_min, f.annual_usd_max, f.flag
             FROM fact_pay f JOIN postings p ON p.id = f.posting_id
             ORDER BY p.source, p.source_id, f.idx",
            |row| {
                Ok(PayRow {
                    posting_id: row.get(0)?,
                    source: row.get(1)?,
                    month: row.get(2)?,
                    min: row.get(3)?,
                    max: row.get(4)?,
                    currency: row.get(5)?,
                    period: row.get(6)?,
                    annual_usd_min: row.get(7)?,
                    annual_usd_max: row.get(8)?,
                    flag: row.get(9)?,
                })
            },
        )
        .map_err(|err| self.sql_error("read pay ranges", err))
    }

    /// The values of `kind` a posting carries (sorted), for joining pay rows to tags.
    pub fn posting_tags(&self, posting_id: i64, kind: TagKind) -> Result<Vec<String>> {
        let mut statement = self
            .conn
            .prepare_cached(
                "SELECT value FROM fact_tags WHERE posting_id = ?1 AND kind = ?2 ORDER BY value",
            )
            .map_err(|err| self.sql_error("read a posting's tags", err))?;
        let rows = statement
            .query_map(rusqlite::params![posting_id, kind.name()], |row| row.get(0))
            .and_then(|rows| rows.collect::<rusqlite::Result<Vec<String>>>())
            .map_err(|err| self.sql_error("read a posting's tags", err))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::posting;
    use crate::{content_hash, Write};
    use hirepulse_extract::pay::PayRange;
    use hirepulse_extract::Facts;

    fn facts(languages: &[&str], lanes: &[&str], pay: Option<f64>) -> Facts {
        Facts {
            languages: languages.iter().map(|s| s.to_string()).collect(),
            lanes: lanes.iter().map(|s| s.to_string()).collect(),
            pay: pay
                .map(|usd| PayRange {
                    min: Some(usd),
                    currency: Some("USD".into()),
                    period: Some("year".into()),
                    annual_usd_min: Some(usd),
                    ..PayRange::default()
                })
                .into_iter()
                .collect(),
            ..Facts::default()
        }
    }

    #[test]
    fn counts_by_month_tag_and_pair() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 0).unwrap();
        let postings = [
            posting("1", "2024-01"),
            posting("2", "2024-01"),
            posting("3", "2024-02"),
        ];
        let facts = [
            facts(&["go", "rust"], &["backend"], Some(150_000.0)),
            facts(&["rust"], &["backend", "data"], None),
            facts(&["python"], &["data"], None),
        ];
        let writes: Vec<Write> = postings
            .iter()
            .zip(&facts)
            .map(|(posting, facts)| Write::Upsert {
                posting,
                hash: content_hash(posting),
                facts,
            })
            .collect();
        store.write_batch(run, &writes, 1).unwrap();

        let months = store.postings_by_month().unwrap();
        assert_eq!(
            months,
            [(Some("2024-01".into()), 2), (Some("2024-02".into()), 1)]
        );
        let languages = store.tag_counts_by_month(TagKind::Language).unwrap();
        let flat: Vec<(&str, &str, u64)> = languages
            .iter()
            .map(|c| (c.month.as_deref().unwrap(), c.value.as_str(), c.postings))
            .collect();
        assert_eq!(
            flat,
            [
                ("2024-01", "go", 1),
                ("2024-01", "rust", 2),
                ("2024-02", "python", 1)
            ]
        );
        let pairs = store
            .tag_pair_counts_by_month(TagKind::Language, TagKind::Lane)
            .unwrap();
        let rust_backend = pairs
            .iter()
            .find(|p| p.first == "rust" && p.second == "backend")
            .unwrap();
        assert_eq!(rust_backend.postings, 2);
        let same_kind = store
            .tag_pair_counts_by_month(TagKind::Language, TagKind::Language)
            .unwrap();
        assert_eq!(same_kind.len(), 1);
        assert_eq!(
            (&*same_kind[0].first, &*same_kind[0].second),
            ("go", "rust")
        );

        let pay = store.pay_rows().unwrap();
        assert_eq!(pay.len(), 1);
        assert_eq!(pay[0].annual_usd_min, Some(150_000.0));
        assert_eq!(pay[0].month.as_deref(), Some("2024-01"));
        assert_eq!(
            store
                .posting_tags(pay[0].posting_id, TagKind::Language)
                .unwrap(),
            ["go", "rust"]
        );
    }
}
