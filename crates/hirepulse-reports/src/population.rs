//! The postings a report counts: the report window and the comparison window before it, read
//! from the store in one query and filtered in memory.
//!
//! Window rules: the window ends at `--until` (default: the last month with extracted postings)
//! and starts at `--since` (default: 11 months before its end, so 12 months). Growth compares it
//! with the same months a year earlier, or, for a window longer than 12 months, with the window
//! of the same length just before it, so the two never overlap. Postings without a month are
//! not in any window.
//!
//! Counting: by default each job counts once — of the postings of one dedup cluster (the
//! store's `posting_clusters`, carried by the baseline too) that pass the filters, only the
//! first in the window is kept ([`count_once`]); `--count postings` keeps them all. Either way
//! the report states the duplicate rate with its n ([`Duplicates`]).
//!
//! Where the postings come from is a [`PostingSource`]: the store, or the built-in baseline
//! (`crate::baseline`), which holds exactly these fields, so every report computes the same
//! figures from either.

use crate::config::{CountMode, Dimension, Filters, MonthWindow, Region};
use crate::{config::parse_month, ReportError};
use hirepulse_stats::YearMonth;
use hirepulse_store::pay_records::{PaySample, SampleFilter};
use hirepulse_store::report_queries::ReportPosting;
use hirepulse_store::Store;
use serde::Serialize;

/// Where a report reads its postings: the store or a baseline.
pub trait PostingSource {
    /// The first and last month (`YYYY-MM`) with extracted postings, `None` when there is none.
    fn month_range(&self) -> Result<Option<(String, String)>, ReportError>;
    /// Every extracted posting whose month lies in `from..=to`, in a stable order; with their
    /// technology ids when `technologies` is set (otherwise that list may be empty).
    fn postings(
        &self,
        from: &str,
        to: &str,
        technologies: bool,
    ) -> Result<Vec<ReportPosting>, ReportError>;
    /// Where the figures come from, for report headers: `None` for the store (the default).
    fn describe(&self) -> Option<String> {
        None
    }
    /// The usable pay-dataset records `filter` accepts (see `crate::datasets`); none by default.
    fn pay_samples(&self, _filter: &SampleFilter) -> Result<Vec<PaySample>, ReportError> {
        Ok(Vec::new())
    }
}

impl PostingSource for Store {
    fn month_range(&self) -> Result<Option<(String, String)>, ReportError> {
        Ok(self.report_month_range()?)
    }

    fn postings(
        &self,
        from: &str,
        to: &str,
        technologies: bool,
    ) -> Result<Vec<ReportPosting>, ReportError> {
        let mut postings = self.report_postings(from, to)?;
        if technologies {
            for (posting_id, technology) in self.report_technologies(from, to)? {
                if let Ok(index) = postings.binary_search_by_key(&posting_id, |p| p.posting_id) {
                    if let Some(posting) = postings.get_mut(index) {
                        posting.technologies.push(technology);
                    }
                }
            }
        }
        Ok(postings)
    }

    fn pay_samples(&self, filter: &SampleFilter) -> Result<Vec<PaySample>, ReportError> {
        Ok(Store::pay_samples(self, filter)?)
    }
}

/// A span of whole months, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    pub since: YearMonth,
    pub until: YearMonth,
    /// Months spanned.
    pub months: u32,
}

impl Span {
    fn new(since: YearMonth, until: YearMonth) -> Span {
        let months = (until.index() - since.index() + 1).clamp(0, i64::from(u32::MAX)) as u32;
        Span {
            since,
            until,
            months,
        }
    }

    pub fn contains(&self, month: YearMonth) -> bool {
        self.since <= month && month <= self.until
    }
}

/// The filtered postings of the window and of the comparison window.
#[derive(Debug, Clone)]
pub struct Population {
    pub window: Span,
    pub previous: Span,
    /// Postings in the window that pass the filters, each with its parsed month.
    pub current: Vec<(YearMonth, ReportPosting)>,
    /// Same, for the comparison window.
    pub before: Vec<(YearMonth, ReportPosting)>,
    /// Postings and jobs in the window (after filters), and what was counted.
    pub duplicates: Duplicates,
}

/// How many of the postings a report read are duplicates of a job already counted: stated
/// beside every count so a reader sees how much `--count` matters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Duplicates {
    /// What the report's counts are: jobs (`unique`) or `postings`.
    pub count: CountMode,
    /// Postings that passed the filters.
    pub n_postings: u64,
    /// Distinct jobs (dedup clusters) among them.
    pub n_unique: u64,
    /// `(n_postings - n_unique) / n_postings`, 0 when there is no posting.
    pub duplicate_rate: f64,
}

impl Duplicates {
    /// "12.3% of 4567 postings are reposts or copies of a job already counted; counting jobs"
    pub fn describe(&self) -> String {
        let what = match self.count {
            CountMode::Unique => "counting each job once (--count postings counts every posting)",
            CountMode::Postings => "counting every posting (--count unique counts each job once)",
        };
        format!(
            "duplicates: {:.1}% of {} postings repeat a job already seen ({} jobs); {what}",
            self.duplicate_rate * 100.0,
            self.n_postings,
            self.n_unique
        )
    }
}

/// Keeps, per dedup cluster, the first of `items` (in their order) under `CountMode::Unique`,
/// all of them under `CountMode::Postings`; and counts postings and jobs either way. A posting
/// with no cluster is its own job.
pub fn count_once<T>(
    items: Vec<T>,
    mode: CountMode,
    posting: impl Fn(&T) -> &ReportPosting,
) -> (Vec<T>, Duplicates) {
    let n_postings = items.len() as u64;
    let mut seen = std::collections::HashSet::new();
    let mut kept = Vec::with_capacity(items.len());
    let mut n_unique = 0u64;
    for item in items {
        let p = posting(&item);
        let first = seen.insert(p.cluster_id.unwrap_or(p.posting_id));
        n_unique += u64::from(first);
        if first || mode == CountMode::Postings {
            kept.push(item);
        }
    }
    let duplicate_rate = if n_postings == 0 {
        0.0
    } else {
        (n_postings - n_unique) as f64 / n_postings as f64
    };
    (
        kept,
        Duplicates {
            count: mode,
            n_postings,
            n_unique,
            duplicate_rate,
        },
    )
}

/// Resolves the window against the data in `store`.
pub fn resolve_window<S: PostingSource + ?Sized>(
    store: &S,
    window: MonthWindow,
) -> Result<(Span, Span), ReportError> {
    let until = match window.until {
        Some(until) => until,
        None => {
            let (_, last) = store.month_range()?.ok_or(ReportError::NoData)?;
            parse_month("the store's last month", &last)?
        }
    };
    let since = window.since.unwrap_or_else(|| until.plus_months(-11));
    if since > until {
        return Err(ReportError::EmptyWindow {
            since: since.to_string(),
            until: until.to_string(),
        });
    }
    let span = Span::new(since, until);
    let shift = -i64::from(span.months.max(12));
    let previous = Span::new(since.plus_months(shift), until.plus_months(shift));
    Ok((span, previous))
}

/// Reads and filters the postings of the window and the comparison window.
pub fn load<S: PostingSource + ?Sized>(
    store: &S,
    window: MonthWindow,
    filters: &Filters,
) -> Result<Population, ReportError> {
    load_with(store, window, filters, false)
}

/// [`load`], with each posting's technologies when `technologies` is set.
pub fn load_with<S: PostingSource + ?Sized>(
    store: &S,
    window: MonthWindow,
    filters: &Filters,
    technologies: bool,
) -> Result<Population, ReportError> {
    let (window, previous) = resolve_window(store, window)?;
    if store.month_range()?.is_none() {
        return Err(ReportError::NoData);
    }
    let rows = store.postings(
        &previous.since.to_string(),
        &window.until.to_string(),
        technologies,
    )?;
    let mut current = Vec::new();
    let mut before = Vec::new();
    for posting in rows {
        // A month the store holds in another shape is not in any window.
        let Ok(month) = parse_month("month", &posting.month) else {
            continue;
        };
        if !passes(&posting, filters) {
            continue;
        }
        if window.contains(month) {
            current.push((month, posting));
        } else if previous.contains(month) {
            before.push((month, posting));
        }
    }
    let (current, duplicates) = count_once(current, filters.count, |(_, p)| p);
    let (before, _) = count_once(before, filters.count, |(_, p)| p);
    Ok(Population {
        window,
        previous,
        current,
        before,
        duplicates,
    })
}

/// Whether `posting` passes every filter.
pub fn passes(posting: &ReportPosting, filters: &Filters) -> bool {
    let region_ok = match &filters.region {
        None => true,
        Some(region) => in_region(posting, region),
    };
    let seniority_ok = filters
        .seniority
        .as_ref()
        .is_none_or(|s| posting.seniority.contains(s));
    let lane_ok = filters
        .lane
        .as_ref()
        .is_none_or(|l| posting.lanes.contains(l));
    region_ok && seniority_ok && lane_ok
}

/// US: a US place, or remote open to US residents. A country: that country among its places.
pub fn in_region(posting: &ReportPosting, region: &Region) -> bool {
    match region {
        Region::Us => {
            posting.us_eligible == Some(true) || posting.countries.iter().any(|c| c == "US")
        }
        Region::Country(code) => posting.countries.iter().any(|c| c == code),
    }
}

/// The values of `dimension` a posting carries.
pub fn values(posting: &ReportPosting, dimension: Dimension) -> &[String] {
    match dimension {
        Dimension::Language => &posting.languages,
        Dimension::Lane => &posting.lanes,
        Dimension::Seniority => &posting.seniority,
        Dimension::WorkMode => &posting.work_mode,
        Dimension::Employment => &posting.employment,
        Dimension::Country => &posting.countries,
    }
}

/// The annual USD midpoint of a posting's pay: its first range with an annual USD figure that
/// the extractor did not flag (implausible, not annualised), the mean of its ends (or the one
/// end written). `None` when there is no such range.
pub fn pay_midpoint(posting: &ReportPosting) -> Option<f64> {
    posting
        .pay
        .iter()
        .filter(|range| range.flag.is_none())
        .find_map(|range| match (range.annual_usd_min, range.annual_usd_max) {
            (Some(low), Some(high)) => Some((low + high) / 2.0),
            (Some(one), None) | (None, Some(one)) => Some(one),
            (None, None) => None,
        })
        .filter(|value| value.is_finite() && *value > 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use hirepulse_store::report_queries::ReportPay;

    fn pay(min: Option<f64>, max: Option<f64>, flag: Option<&str>) -> ReportPay {
        ReportPay {
            annual_usd_min: min,
            annual_usd_max: max,
            flag: flag.map(str::to_string),
        }
    }

    #[test]
    fn pay_midpoint_skips_flagged_and_empty_ranges() {
        let mut posting = ReportPosting::default();
        assert_eq!(pay_midpoint(&posting), None);
        posting.pay = vec![
            pay(Some(1.0), Some(3.0), Some("annual USD 1 is below 5000")),
            pay(None, None, None),
            pay(Some(100_000.0), Some(140_000.0), None),
            pay(Some(500_000.0), None, None),
        ];
        assert_eq!(pay_midpoint(&posting), Some(120_000.0));
        posting.pay = vec![pay(None, Some(90_000.0), None)];
        assert_eq!(pay_midpoint(&posting), Some(90_000.0));
        posting.pay = vec![pay(Some(f64::NAN), None, None)];
        assert_eq!(pay_midpoint(&posting), None);
    }

    #[test]
    fn filters_region_seniority_and_lane() {
        let posting = ReportPosting {
            countries: vec!["DE".into()],
            us_eligible: Some(true),
            seniority: vec!["senior".into()],
            lanes: vec!["data".into()],
            ..ReportPosting::default()
        };
        let parse =
            |region, seniority, lane| Filters::parse(region, seniority, lane).unwrap_or_default();
        assert!(passes(&posting, &Filters::default()));
        assert!(
            passes(&posting, &parse(Some("us"), None, None)),
            "US-eligible remote"
        );
        assert!(passes(
            &posting,
            &parse(Some("de"), Some("Senior"), Some("data"))
        ));
        assert!(!passes(&posting, &parse(Some("gb"), None, None)));
        assert!(!passes(&posting, &parse(None, Some("junior"), None)));
        assert!(!passes(&posting, &parse(None, None, Some("backend"))));
    }

    #[test]
    fn spans_and_comparison_windows() {
        let month = |y, m| YearMonth::new(y, m).unwrap_or_else(|_| unreachable!());
        let span = Span::new(month(2024, 1), month(2024, 12));
        assert_eq!(span.months, 12);
        assert!(span.contains(month(2024, 6)) && !span.contains(month(2025, 1)));
        let store = Store::open_in_memory().ok();
        let Some(store) = store else { return };
        // An explicit window needs no data to resolve.
        let (window, previous) = resolve_window(
            &store,
            MonthWindow {
                since: Some(month(2022, 1)),
                until: Some(month(2024, 6)),
            },
        )
        .unwrap_or_else(|err| panic!("{err}"));
        assert_eq!(window.months, 30);
        // Longer than a year: the same length just before, no overlap.
        assert_eq!(
            (previous.since, previous.until),
            (month(2019, 7), month(2021, 12))
        );
        let (_, previous) = resolve_window(
            &store,
            MonthWindow {
                since: Some(month(2024, 3)),
                until: Some(month(2024, 5)),
            },
        )
        .unwrap_or_else(|err| panic!("{err}"));
        // Shorter: the same months a year earlier.
        assert_eq!(
            (previous.since, previous.until),
            (month(2023, 3), month(2023, 5))
        );
        assert!(matches!(
            resolve_window(&store, MonthWindow::default()),
            Err(ReportError::NoData)
        ));
    }
}
