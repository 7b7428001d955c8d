//! The market an advice is computed from: every posting of the months the advice reads, read
//! once from a [`PostingSource`] (store or built-in baseline) with technologies, plus the three
//! windows: demand (the last `demand_months`), the comparison window a year earlier, and pay
//! (the last `pay_months`, longer because pay and co-skills need more postings).
//!
//! A market holds no person: the region, level and remote filters are applied per profile in
//! memory, so one market answers many profiles (the web server loads it once).

use crate::settings::Settings;
use crate::AdviseError;
use hirepulse_reports::config::parse_month;
use hirepulse_reports::population::{PostingSource, Span};
use hirepulse_stats::YearMonth;
use hirepulse_store::report_queries::ReportPosting;

/// Postings and windows.
#[derive(Debug, Clone)]
pub struct Market {
    pub demand: Span,
    pub previous: Span,
    pub pay: Span,
    /// Every posting with a month in `previous.since ..= demand.until` (and the pay window).
    pub postings: Vec<(YearMonth, ReportPosting)>,
    /// Where the figures come from when not from the store (the built-in baseline).
    pub data_source: Option<String>,
}

fn span(since: YearMonth, until: YearMonth) -> Span {
    let months = (until.index() - since.index() + 1).clamp(0, i64::from(u32::MAX)) as u32;
    Span {
        since,
        until,
        months,
    }
}

impl Market {
    /// The windows ending at `until` (default: the source's last month) and their postings.
    pub fn load<S: PostingSource + ?Sized>(
        source: &S,
        until: Option<YearMonth>,
        settings: &Settings,
    ) -> Result<Market, AdviseError> {
        let until = match until {
            Some(until) => until,
            None => {
                let (_, last) = source.month_range()?.ok_or_else(|| {
                    AdviseError::Report(
                        "the source holds no extracted postings with a month; run `hirepulse ingest` first".into(),
                    )
                })?;
                parse_month("the last month", &last)?
            }
        };
        let (_, previous, pay) = windows(until, settings);
        let from = previous.since.min(pay.since);
        let postings = source.postings(&from.to_string(), &until.to_string(), true)?;
        let mut market = Market::from_postings(postings, until, settings);
        market.data_source = source.describe();
        Ok(market)
    }

    /// A market from postings already in memory (those outside the windows are left out).
    pub fn from_postings(
        postings: Vec<ReportPosting>,
        until: YearMonth,
        settings: &Settings,
    ) -> Market {
        let (demand, previous, pay) = windows(until, settings);
        let from = previous.since.min(pay.since);
        let postings = postings
            .into_iter()
            .filter_map(|posting| {
                // A month in another shape is in no window.
                let month = parse_month("month", &posting.month).ok()?;
                (from <= month && month <= until).then_some((month, posting))
            })
            .collect();
        Market {
            demand,
            previous,
            pay,
            postings,
            data_source: None,
        }
    }
}

/// Demand, comparison and pay windows ending at `until`.
fn windows(until: YearMonth, settings: &Settings) -> (Span, Span, Span) {
    let demand_months = i64::from(settings.windows.demand_months.max(1));
    let pay_months = i64::from(settings.windows.pay_months.max(1));
    let demand = span(until.plus_months(1 - demand_months), until);
    let shift = -demand_months.max(12);
    let previous = span(demand.since.plus_months(shift), until.plus_months(shift));
    let pay = span(until.plus_months(1 - pay_months), until);
    (demand, previous, pay)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_a_year_apart_and_pay_is_longer() {
        let settings = Settings::embedded().unwrap_or_else(|e| panic!("{e}"));
        let until = YearMonth::new(2024, 12).unwrap_or_else(|e| panic!("{e}"));
        let (demand, previous, pay) = windows(until, settings);
        assert_eq!(
            (demand.since.to_string(), demand.months),
            ("2024-01".to_string(), 12)
        );
        assert_eq!(
            (previous.since.to_string(), previous.until.to_string()),
            ("2023-01".to_string(), "2023-12".to_string())
        );
        assert_eq!(
            (pay.since.to_string(), pay.months),
            ("2023-01".to_string(), 24)
        );
        let postings = ["2022-12", "2023-01", "2024-12", "2025-01", "bad"]
            .iter()
            .map(|m| ReportPosting {
                month: m.to_string(),
                ..ReportPosting::default()
            })
            .collect();
        let market = Market::from_postings(postings, until, settings);
        assert_eq!(market.postings.len(), 2);
    }
}
