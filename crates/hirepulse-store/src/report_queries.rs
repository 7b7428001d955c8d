//! Read-only queries for the reports: every extracted posting in a month range, with the tags
//! and pay ranges a report filters and counts by.
//!
//! The reports compute many figures (shares, growth, lane mix, pay, concentration) from the
//! same few thousand postings under the same filters, so rather than one `GROUP BY` per figure
//! this returns the postings themselves, narrow (no texts, no technologies), in three ordered
//! scans merged by posting id; the reports crate filters and counts in memory. Months compare as
//! `YYYY-MM` text, which sorts like time.

use crate::{Result, Store};
use serde::Serialize;

/// One pay range of a posting, in annual US dollars where it could be converted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReportPay {
    pub annual_usd_min: Option<f64>,
    pub annual_usd_max: Option<f64>,
    /// Why the extractor doubted the range (implausible, not annualised ...), if it did.
    pub flag: Option<String>,
}

/// An extracted posting as the reports see it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReportPosting {
    pub posting_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    /// The `company` fact.
    pub company: Option<String>,
    pub us_eligible: Option<bool>,
    pub languages: Vec<String>,
    pub lanes: Vec<String>,
    pub seniority: Vec<String>,
    pub countries: Vec<String>,
    pub work_mode: Vec<String>,
    pub employment: Vec<String>,
    /// In the order the extractor found them.
    pub pay: Vec<ReportPay>,
    /// Technology ids; filled only by [`Store::report_technologies`] callers (`skills`, the
    /// baseline), since most reports never read them.
    pub technologies: Vec<String>,
    /// The job (dedup cluster) the posting belongs to: the id of the cluster's first posting;
    /// `None` when not clustered (the posting is its own job).
    pub cluster_id: Option<i64>,
}

impl Store {
    /// The first and last month (`YYYY-MM`) of any posting with facts, or `None` when there
    /// is none.
    pub fn report_month_range(&self) -> Result<Option<(String, String)>> {
        let action = "find the months with extracted postings";
        let rows: Vec<(Option<String>, Option<String>)> = self
            .query(
                "SELECT min(p.month), max(p.month) FROM postings p
                 JOIN facts f ON f.posting_id = p.id WHERE p.month IS NOT NULL",
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|err| self.sql_error(action, err))?;
        Ok(match rows.into_iter().next() {
            Some((Some(first), Some(last))) => Some((first, last)),
            _ => None,
        })
    }

    /// Every posting with facts whose month lies in `from..=to` (`YYYY-MM`), by posting id.
    pub fn report_postings(&self, from: &str, to: &str) -> Result<Vec<ReportPosting>> {
        let action = format!("read the postings of {from} to {to}");
        let mut postings: Vec<ReportPosting> = self
            .query_with(
                "SELECT p.id, p.month, f.company, f.us_eligible, c.cluster_id FROM postings p
                 JOIN facts f ON f.posting_id = p.id
                 LEFT JOIN posting_clusters c ON c.posting_id = p.id
                 WHERE p.month BETWEEN ?1 AND ?2 ORDER BY p.id",
                rusqlite::params![from, to],
                |row| {
                    Ok(ReportPosting {
                        posting_id: row.get(0)?,
                        month: row.get(1)?,
                        company: row.get(2)?,
                        us_eligible: row.get(3)?,
                        cluster_id: row.get(4)?,
                        ..ReportPosting::default()
                    })
                },
            )
            .map_err(|err| self.sql_error(action.clone(), err))?;
        let tags: Vec<(i64, String, String)> = self
            .query_with(
                "SELECT t.posting_id, t.kind, t.value FROM fact_tags t
                 JOIN postings p ON p.id = t.posting_id
                 WHERE p.month BETWEEN ?1 AND ?2 AND t.kind <> 'technology'
                 ORDER BY t.posting_id, t.kind, t.value",
                rusqlite::params![from, to],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|err| self.sql_error(action.clone(), err))?;
        for (posting_id, kind, value) in tags {
            let Some(posting) = find(&mut postings, posting_id) else {
                continue;
            };
            let list = match kind.as_str() {
                "language" => &mut posting.languages,
                "lane" => &mut posting.lanes,
                "seniority" => &mut posting.seniority,
                "country" => &mut posting.countries,
                "work_mode" => &mut posting.work_mode,
                "employment" => &mut posting.employment,
                _ => continue,
            };
            list.push(value);
        }
        let pay: Vec<(i64, ReportPay)> = self
            .query_with(
                "SELECT f.posting_id, f.annual_usd_min, f.annual_usd_max, f.flag FROM fact_pay f
                 JOIN postings p ON p.id = f.posting_id
                 WHERE p.month BETWEEN ?1 AND ?2 ORDER BY f.posting_id, f.idx",
                rusqlite::params![from, to],
                |row| {
                    Ok((
                        row.get(0)?,
                        ReportPay {
                            annual_usd_min: row.get(1)?,
                            annual_usd_max: row.get(2)?,
                            flag: row.get(3)?,
                        },
                    ))
                },
            )
            .map_err(|err| self.sql_error(action, err))?;
        for (posting_id, range) in pay {
            if let Some(posting) = find(&mut postings, posting_id) {
                posting.pay.push(range);
            }
        }
        Ok(postings)
    }

    /// The technology tags of every posting whose month lies in `from..=to`, as
    /// `(posting_id, technology)` ordered by posting id then technology.
    pub fn report_technologies(&self, from: &str, to: &str) -> Result<Vec<(i64, String)>> {
        let action = format!("read the technologies of {from} to {to}");
        self.query_with(
            "SELECT t.posting_id, t.value FROM fact_tags t
             JOIN postings p ON p.id = t.posting_id
             WHERE p.month BETWEEN ?1 AND ?2 AND t.kind = 'technology'
             ORDER BY t.posting_id, t.value",
            rusqlite::params![from, to],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .map_err(|err| self.sql_error(action, err))
    }

    pub(crate) fn query_with<T>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        map: impl FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<Vec<T>> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map(params, map)?;
        rows.collect()
    }
}

/// The posting with `posting_id` in `postings` (sorted by id).
fn find(postings: &mut [ReportPosting], posting_id: i64) -> Option<&mut ReportPosting> {
    let index = postings
        .binary_search_by_key(&posting_id, |p| p.posting_id)
        .ok()?;
    postings.get_mut(index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::posting;
    use crate::{content_hash, Write};
    use hirepulse_extract::pay::PayRange;
    use hirepulse_extract::Facts;

    #[test]
    fn postings_in_a_month_range_with_tags_and_pay() {
        let mut store = Store::open_in_memory().unwrap();
        let run = store.begin_run("t", 0).unwrap();
        let postings = [
            posting("1", "2024-01"),
            posting("2", "2024-02"),
            posting("3", "2024-03"),
        ];
        let facts = [
            Facts {
                company: Some("Acme".into()),
                languages: vec!["go".into(), "rust".into()],
                technologies: vec!["postgres".into()],
                lanes: vec!["backend".into()],
                seniority: vec!["senior".into()],
                countries: vec!["US".into()],
                us_eligible: Some(true),
                pay: vec![PayRange {
                    annual_usd_min: Some(100_000.0),
                    annual_usd_max: Some(150_000.0),
                    ..PayRange::default()
                }],
                ..Facts::default()
            },
            Facts {
                languages: vec!["python".into()],
                work_mode: vec!["remote".into()],
                employment: vec!["contract".into()],
                ..Facts::default()
            },
            Facts::default(),
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

        assert_eq!(
            store.report_month_range().unwrap(),
            Some(("2024-01".into(), "2024-03".into()))
        );
        let rows = store.report_postings("2024-01", "2024-02").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].company.as_deref(), Some("Acme"));
        assert_eq!(rows[0].languages, ["go", "rust"]);
        assert_eq!(rows[0].lanes, ["backend"]);
        assert_eq!(rows[0].seniority, ["senior"]);
        assert_eq!(rows[0].countries, ["US"]);
        assert_eq!(rows[0].us_eligible, Some(true));
        assert_eq!(rows[0].pay.len(), 1);
        assert_eq!(rows[0].pay[0].annual_usd_max, Some(150_000.0));
        assert_eq!(rows[1].month, "2024-02");
        assert_eq!(rows[1].work_mode, ["remote"]);
        assert_eq!(rows[1].employment, ["contract"]);
        assert!(rows[1].pay.is_empty());
        assert_eq!(
            store.report_technologies("2024-01", "2024-03").unwrap(),
            [(rows[0].posting_id, "postgres".to_string())]
        );

        let empty = Store::open_in_memory().unwrap();
        assert_eq!(empty.report_month_range().unwrap(), None);
    }
}
