//! Monthly series: a share per month with its interval, sums over windows of months, and
//! year-over-year growth of the last twelve months against the twelve before.
//!
//! The input is one [`MonthlyCount`] per month (postings that match, postings in all) — the shape
//! a store query returns. Months can be missing (the HN corpus lacks 2016-07, 2017-08 and
//! 2017-09) or partial, so every [`Window`] reports how many months it actually holds out of how
//! many it spans; a report can then say "11 of 12 months" instead of silently comparing unequal
//! periods. Months are a small [`YearMonth`] value type, serialised as "YYYY-MM".

use crate::growth::{count_growth, share_growth, Growth};
use crate::proportion::{wilson, Share};
use crate::{check_count, Confidence, StatsError};
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

impl YearMonth {
    /// `Err` unless 1 ≤ month ≤ 12.
    pub fn new(year: i32, month: u8) -> Result<Self, StatsError> {
        if (1..=12).contains(&month) {
            Ok(Self { year, month })
        } else {
            Err(StatsError::InvalidMonth { year, month })
        }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    /// Months since year 0, for arithmetic.
    pub fn index(self) -> i64 {
        i64::from(self.year) * 12 + i64::from(self.month) - 1
    }

    /// The month `offset` months later (earlier when negative).
    pub fn plus_months(self, offset: i64) -> Self {
        let index = self.index() + offset;
        let year = index
            .div_euclid(12)
            .clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32;
        Self {
            year,
            month: index.rem_euclid(12) as u8 + 1,
        }
    }

    /// Time in years since year 0 (months / 12), the x of a trend per year.
    pub fn as_years(self) -> f64 {
        self.index() as f64 / 12.0
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// One month of input: `hits` of `total` postings match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct MonthlyCount {
    pub month: YearMonth,
    pub hits: u64,
    pub total: u64,
}

/// One month of output: the share with its Wilson interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MonthlyShare {
    pub month: YearMonth,
    #[serde(flatten)]
    pub share: Share,
}

/// Sums over the months from `from` to `to` inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Window {
    pub from: YearMonth,
    pub to: YearMonth,
    /// Months in the series that fall in the window.
    pub months_present: u32,
    /// Months the window spans.
    pub months_spanned: u32,
    pub hits: u64,
    /// The n of the window: all postings in it.
    pub n: u64,
}

/// The last twelve months against the twelve before them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct YearOverYear {
    pub previous: Window,
    pub current: Window,
    /// Growth of the matching count (moves with the whole board).
    pub count_growth: Growth,
    /// Growth of the share (the board's own growth removed).
    pub share_growth: Growth,
}

fn check_series(counts: &[MonthlyCount]) -> Result<(), StatsError> {
    let mut months: Vec<YearMonth> = Vec::with_capacity(counts.len());
    for c in counts {
        check_count(&format!("month {}", c.month), c.hits, c.total)?;
        months.push(c.month);
    }
    months.sort_unstable();
    match months.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(StatsError::DuplicateMonth { month: w[0] }),
        None => Ok(()),
    }
}

/// The share of each month with its Wilson interval, in month order. `Err` on a month listed
/// twice or hits above total.
pub fn monthly_shares(
    counts: &[MonthlyCount],
    confidence: Confidence,
) -> Result<Vec<MonthlyShare>, StatsError> {
    check_series(counts)?;
    let mut out = counts
        .iter()
        .map(|c| {
            Ok(MonthlyShare {
                month: c.month,
                share: wilson(c.hits, c.total, confidence)?,
            })
        })
        .collect::<Result<Vec<_>, StatsError>>()?;
    out.sort_by_key(|m| m.month);
    Ok(out)
}

/// Sums of the months `from..=to` (empty window when `to` is before `from`).
pub fn window_totals(counts: &[MonthlyCount], from: YearMonth, to: YearMonth) -> Window {
    let mut window = Window {
        from,
        to,
        months_present: 0,
        months_spanned: (to.index() - from.index() + 1).clamp(0, i64::from(u32::MAX)) as u32,
        hits: 0,
        n: 0,
    };
    for c in counts.iter().filter(|c| from <= c.month && c.month <= to) {
        window.months_present += 1;
        window.hits = window.hits.saturating_add(c.hits);
        window.n = window.n.saturating_add(c.total);
    }
    window
}

/// The twelve months ending at `last` against the twelve before them: count growth (Poisson
/// log-ratio) and share growth (ratio of proportions).
pub fn year_over_year(
    counts: &[MonthlyCount],
    last: YearMonth,
    confidence: Confidence,
) -> Result<YearOverYear, StatsError> {
    check_series(counts)?;
    let current = window_totals(counts, last.plus_months(-11), last);
    let previous = window_totals(counts, last.plus_months(-23), last.plus_months(-12));
    Ok(YearOverYear {
        previous,
        current,
        count_growth: count_growth(previous.hits, current.hits, confidence),
        share_growth: share_growth(
            previous.hits,
            previous.n,
            current.hits,
            current.n,
            confidence,
        )?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ym(year: i32, month: u8) -> YearMonth {
        YearMonth::new(year, month).unwrap()
    }

    #[test]
    fn months() {
        assert_eq!(ym(2024, 1).plus_months(-1), ym(2023, 12));
        assert_eq!(ym(2024, 12).plus_months(1), ym(2025, 1));
        assert_eq!(ym(2024, 3).plus_months(-27), ym(2021, 12));
        assert_eq!(ym(2024, 3).to_string(), "2024-03");
        assert!(YearMonth::new(2024, 13).is_err());
        assert!(YearMonth::new(2024, 0).is_err());
        assert_eq!(serde_json::to_string(&ym(2013, 8)).unwrap(), "\"2013-08\"");
    }

    #[test]
    fn shares_per_month_sorted_and_checked() {
        let counts = [
            MonthlyCount {
                month: ym(2024, 2),
                hits: 10,
                total: 100,
            },
            MonthlyCount {
                month: ym(2024, 1),
                hits: 0,
                total: 0,
            },
        ];
        let shares = monthly_shares(&counts, Confidence::DEFAULT).unwrap();
        assert_eq!(shares[0].month, ym(2024, 1));
        assert_eq!(shares[0].share.share, None);
        assert_eq!(shares[1].share.share, Some(0.1));
        let json = serde_json::to_value(shares[1]).unwrap();
        assert_eq!(json["month"], "2024-02");
        assert_eq!(json["n"], 100);
        let dup = [counts[0], counts[0]];
        assert_eq!(
            monthly_shares(&dup, Confidence::DEFAULT),
            Err(StatsError::DuplicateMonth { month: ym(2024, 2) })
        );
        let bad = [MonthlyCount {
            month: ym(2024, 2),
            hits: 5,
            total: 4,
        }];
        let e = monthly_shares(&bad, Confidence::DEFAULT).unwrap_err();
        assert_eq!(e.to_string(), "month 2024-02: count 5 exceeds its total 4");
    }

    #[test]
    fn year_over_year_with_a_missing_month() {
        // 2023: 12 months of 10/100; 2024: 11 months of 15/100 (2024-06 missing).
        let mut counts = Vec::new();
        for m in 1..=12 {
            counts.push(MonthlyCount {
                month: ym(2023, m),
                hits: 10,
                total: 100,
            });
            if m != 6 {
                counts.push(MonthlyCount {
                    month: ym(2024, m),
                    hits: 15,
                    total: 100,
                });
            }
        }
        let yoy = year_over_year(&counts, ym(2024, 12), Confidence::DEFAULT).unwrap();
        assert_eq!(
            (yoy.current.months_present, yoy.current.months_spanned),
            (11, 12)
        );
        assert_eq!((yoy.previous.hits, yoy.current.hits), (120, 165));
        assert!((yoy.count_growth.growth.unwrap() - 0.375).abs() < 1e-12);
        assert!((yoy.share_growth.growth.unwrap() - 0.5).abs() < 1e-12);
        let empty = year_over_year(&[], ym(2024, 12), Confidence::DEFAULT).unwrap();
        assert_eq!((empty.current.n, empty.count_growth.growth), (0, None));
    }

    proptest! {
        #[test]
        fn arbitrary_series_never_panic(
            raw in proptest::collection::vec((any::<i32>(), any::<u8>(), any::<u64>(), any::<u64>()), 0..40),
            last_year in any::<i32>(),
            last_month in 1u8..=12,
        ) {
            let counts: Vec<MonthlyCount> = raw
                .iter()
                .filter_map(|&(y, m, a, b)| {
                    let month = YearMonth::new(y, m).ok()?;
                    Some(MonthlyCount { month, hits: a.min(b), total: a.max(b) })
                })
                .collect();
            let last = YearMonth::new(last_year, last_month).unwrap();
            if let Ok(shares) = monthly_shares(&counts, Confidence::DEFAULT) {
                for m in &shares {
                    if let (Some(p), Some(lo), Some(hi)) = (m.share.share, m.share.ci_low, m.share.ci_high) {
                        prop_assert!(0.0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1.0);
                    }
                }
                let _ = crate::trend::monthly_trend(&shares, Confidence::DEFAULT);
                let _ = crate::trend::monthly_volatility(&shares);
            }
            if let Ok(yoy) = year_over_year(&counts, last, Confidence::DEFAULT) {
                prop_assert!(yoy.current.months_present <= 12 && yoy.previous.months_present <= 12);
            }
        }
    }
}
