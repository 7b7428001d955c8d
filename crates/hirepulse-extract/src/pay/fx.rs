//! Annual-average exchange rates from `data/fx.toml`, and the conversion of a stated pay figure
//! to an annual US-dollar figure.
//!
//! The table is data, not code, because rates change every year and must name their source; it
//! is compiled in and parsed once. Rates are stored as the IRS writes them (currency units per
//! dollar), keyed by year, so a posting from 2015 is converted at 2015's rate, not today's.

use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Hours, days, weeks and months in a working year: the stated conventions for annualising.
pub const HOURS_PER_YEAR: f64 = 2080.0;
pub const DAYS_PER_YEAR: f64 = 260.0;
pub const WEEKS_PER_YEAR: f64 = 52.0;
pub const MONTHS_PER_YEAR: f64 = 12.0;

/// Why the compiled-in FX table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum FxError {
    #[error("data/fx.toml: {0}")]
    Toml(#[from] toml::de::Error),
    #[error("data/fx.toml: rate for {currency} in {year} is {rate}, not a positive number")]
    BadRate {
        currency: String,
        year: String,
        rate: f64,
    },
    #[error("data/fx.toml: year {year:?} under {currency} is not a year")]
    BadYear { currency: String, year: String },
}

#[derive(Debug, serde::Deserialize)]
struct FxFile {
    #[allow(dead_code, reason = "read so that a missing version is a parse error")]
    version: u32,
    #[allow(dead_code, reason = "read so that a missing source is a parse error")]
    source: String,
    rates: BTreeMap<String, BTreeMap<String, f64>>,
}

/// Currency units per US dollar, by currency and year.
#[derive(Debug, Default)]
pub struct FxTable {
    rates: BTreeMap<String, BTreeMap<u16, f64>>,
}

impl FxTable {
    /// Parses a table in the layout of `data/fx.toml`.
    pub fn parse(text: &str) -> Result<FxTable, FxError> {
        let file: FxFile = toml::from_str(text)?;
        let mut rates = BTreeMap::new();
        for (currency, by_year) in file.rates {
            let mut years = BTreeMap::new();
            for (year, rate) in by_year {
                let Ok(year_number) = year.parse::<u16>() else {
                    return Err(FxError::BadYear { currency, year });
                };
                if !(rate.is_finite() && rate > 0.0) {
                    return Err(FxError::BadRate {
                        currency,
                        year,
                        rate,
                    });
                }
                years.insert(year_number, rate);
            }
            rates.insert(currency, years);
        }
        Ok(FxTable { rates })
    }

    /// Units of `currency` per US dollar in `year` (the nearest year the table has when `year` is
    /// outside it; the latest year when `year` is unknown). `None` for a currency not in the table.
    pub fn units_per_usd(&self, currency: &str, year: Option<u16>) -> Option<f64> {
        if currency == "USD" {
            return Some(1.0);
        }
        let years = self.rates.get(currency)?;
        let wanted = year.unwrap_or(u16::MAX);
        years
            .range(..=wanted)
            .next_back()
            .or_else(|| years.iter().next())
            .map(|(_, rate)| *rate)
    }
}

/// The table compiled in from `data/fx.toml`. A broken file is a build defect caught by the
/// tests, so it degrades to an empty table (no conversions) rather than a panic.
pub static FX: LazyLock<FxTable> =
    LazyLock::new(|| FxTable::parse(include_str!("../../data/fx.toml")).unwrap_or_default());

/// How many times a figure stated per `period` is paid in a year.
pub fn periods_per_year(period: &str) -> Option<f64> {
    match period {
        "hour" => Some(HOURS_PER_YEAR),
        "day" => Some(DAYS_PER_YEAR),
        "week" => Some(WEEKS_PER_YEAR),
        "month" => Some(MONTHS_PER_YEAR),
        "year" => Some(1.0),
        _ => None,
    }
}

/// An amount stated in `currency` per `period` as US dollars a year, or `None` when the currency
/// or period is unknown.
pub fn annual_usd(
    amount: f64,
    currency: Option<&str>,
    period: Option<&str>,
    year: Option<u16>,
) -> Option<f64> {
    let per_year = periods_per_year(period?)?;
    let units = FX.units_per_usd(currency?, year)?;
    Some((amount * per_year / units).round())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_table_parses_with_every_year() {
        let table = FxTable::parse(include_str!("../../data/fx.toml")).unwrap();
        for (currency, years) in &table.rates {
            assert_eq!(years.len(), 13, "{currency} should cover 2013..=2025");
        }
    }

    #[test]
    fn converts_by_year_and_clamps_outside_the_table() {
        let eur_2015 = FX.units_per_usd("EUR", Some(2015)).unwrap();
        assert!((eur_2015 - 0.902).abs() < 1e-9);
        assert_eq!(
            FX.units_per_usd("EUR", Some(1999)),
            FX.units_per_usd("EUR", Some(2013))
        );
        assert_eq!(
            FX.units_per_usd("EUR", Some(2040)),
            FX.units_per_usd("EUR", None)
        );
        assert_eq!(FX.units_per_usd("XYZ", Some(2020)), None);
        assert_eq!(
            annual_usd(50.0, Some("USD"), Some("hour"), None),
            Some(104_000.0)
        );
        assert_eq!(annual_usd(100.0, None, Some("year"), None), None);
    }

    #[test]
    fn bad_rates_are_typed_errors() {
        let err = FxTable::parse("version = 1\nsource = \"x\"\n[rates.EUR]\n2020 = -1.0\n");
        assert!(matches!(err, Err(FxError::BadRate { .. })));
        let err = FxTable::parse("version = 1\nsource = \"x\"\n[rates.EUR]\nnext = 1.0\n");
        assert!(matches!(err, Err(FxError::BadYear { .. })));
    }
}
