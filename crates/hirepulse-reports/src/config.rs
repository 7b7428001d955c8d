//! Report settings, checked before any work: languages or dimension values, the month window,
//! and the filters. Values are normalised the way the extractor writes them (lowercase ids,
//! `full_time`, upper-case country codes), so `--by work-mode Remote` finds `remote`.

use crate::ReportError;
use hirepulse_stats::{Confidence, YearMonth};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// The languages `snapshot` reports when none are named.
pub const DEFAULT_LANGUAGES: [&str; 3] = ["python", "go", "rust"];

/// Where postings are: `us` (a US place or US-eligible remote) or one country code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Region {
    Us,
    Country(String),
}

impl FromStr for Region {
    type Err = ReportError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let trimmed = value.trim();
        if trimmed.eq_ignore_ascii_case("us") || trimmed.eq_ignore_ascii_case("usa") {
            return Ok(Region::Us);
        }
        if trimmed.len() == 2 && trimmed.bytes().all(|b| b.is_ascii_alphabetic()) {
            return Ok(Region::Country(trimmed.to_ascii_uppercase()));
        }
        Err(ReportError::BadValue {
            flag: "--region",
            value: value.to_string(),
            why: "write a two-letter country code (e.g. de, gb) or us".into(),
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Region::Us => f.write_str("US (a US place or US-eligible remote)"),
            Region::Country(code) => f.write_str(code),
        }
    }
}

/// What a report counts: each job once (the default: postings of one dedup cluster count as
/// one), or every posting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CountMode {
    #[default]
    Unique,
    Postings,
}

/// Filters every figure of a report is computed under.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Filters {
    pub region: Option<Region>,
    pub seniority: Option<String>,
    pub lane: Option<String>,
    /// Count each job once or every posting (see [`CountMode`]).
    pub count: CountMode,
}

impl Filters {
    /// Checked filters from the command-line strings.
    pub fn parse(
        region: Option<&str>,
        seniority: Option<&str>,
        lane: Option<&str>,
    ) -> Result<Self, ReportError> {
        Ok(Filters {
            region: region.map(str::parse).transpose()?,
            seniority: seniority.map(|s| Dimension::Seniority.normalise(s)),
            lane: lane.map(|s| Dimension::Lane.normalise(s)),
            count: CountMode::default(),
        })
    }

    /// "none", or the filters in words.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(region) = &self.region {
            parts.push(format!("region {region}"));
        }
        if let Some(seniority) = &self.seniority {
            parts.push(format!("seniority {seniority}"));
        }
        if let Some(lane) = &self.lane {
            parts.push(format!("lane {lane}"));
        }
        if parts.is_empty() {
            "none".into()
        } else {
            parts.join(", ")
        }
    }
}

/// A dimension postings can be compared along: one list-valued fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Dimension {
    Language,
    Lane,
    Seniority,
    WorkMode,
    Employment,
    Country,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::Language,
        Dimension::Lane,
        Dimension::Seniority,
        Dimension::WorkMode,
        Dimension::Employment,
        Dimension::Country,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Dimension::Language => "language",
            Dimension::Lane => "lane",
            Dimension::Seniority => "seniority",
            Dimension::WorkMode => "work_mode",
            Dimension::Employment => "employment",
            Dimension::Country => "country",
        }
    }

    /// A value as the extractor writes it: languages lowercased (`c++`, `c#` kept), countries
    /// upper-cased, the other ids lowercased with `-` and spaces as `_`.
    pub fn normalise(self, value: &str) -> String {
        let value = value.trim();
        match self {
            Dimension::Language => value.to_lowercase(),
            Dimension::Country => value.to_uppercase(),
            _ => value.to_lowercase().replace(['-', ' '], "_"),
        }
    }
}

impl FromStr for Dimension {
    type Err = ReportError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        let wanted = value.trim().to_lowercase().replace('-', "_");
        let wanted = match wanted.as_str() {
            "languages" => "language",
            "lanes" => "lane",
            "mode" | "work_modes" => "work_mode",
            "employment_type" => "employment",
            "countries" => "country",
            other => other,
        };
        Dimension::ALL
            .into_iter()
            .find(|d| d.name() == wanted)
            .ok_or_else(|| ReportError::BadValue {
                flag: "--by",
                value: value.to_string(),
                why: "choose language, lane, seniority, work_mode, employment or country".into(),
            })
    }
}

/// Parses `YYYY-MM` for `flag`.
pub fn parse_month(flag: &'static str, value: &str) -> Result<YearMonth, ReportError> {
    let bad = || ReportError::BadMonth {
        flag,
        value: value.to_string(),
    };
    let (year, month) = value.trim().split_once('-').ok_or_else(bad)?;
    if year.len() != 4 || month.len() != 2 {
        return Err(bad());
    }
    let year: i32 = year.parse().map_err(|_| bad())?;
    let month: u8 = month.parse().map_err(|_| bad())?;
    YearMonth::new(year, month).map_err(|_| bad())
}

/// The month window of a report: `None` ends default to the last month with data and the 12
/// months ending there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MonthWindow {
    pub since: Option<YearMonth>,
    pub until: Option<YearMonth>,
}

/// Settings of `snapshot`.
#[derive(Debug, Clone)]
pub struct SnapshotConfig {
    pub languages: Vec<String>,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
}

impl Default for SnapshotConfig {
    fn default() -> Self {
        SnapshotConfig {
            languages: DEFAULT_LANGUAGES.iter().map(|s| s.to_string()).collect(),
            window: MonthWindow::default(),
            filters: Filters::default(),
            confidence: Confidence::DEFAULT,
        }
    }
}

impl SnapshotConfig {
    /// The named languages (normalised, duplicates dropped), or the defaults when none.
    pub fn with_languages(mut self, languages: &[String]) -> Self {
        if !languages.is_empty() {
            self.languages = dedup(Dimension::Language, languages);
        }
        self
    }
}

/// Settings of `compare`.
#[derive(Debug, Clone)]
pub struct CompareConfig {
    pub dimension: Dimension,
    pub values: Vec<String>,
    pub window: MonthWindow,
    pub filters: Filters,
    pub confidence: Confidence,
}

impl CompareConfig {
    /// Checked settings: at least one value, normalised for the dimension, duplicates dropped.
    pub fn new(
        dimension: Dimension,
        values: &[String],
        window: MonthWindow,
        filters: Filters,
    ) -> Result<Self, ReportError> {
        let values = dedup(dimension, values);
        if values.is_empty() {
            return Err(ReportError::BadValue {
                flag: "VALUE",
                value: String::new(),
                why: format!("name at least one {} to compare", dimension.name()),
            });
        }
        Ok(CompareConfig {
            dimension,
            values,
            window,
            filters,
            confidence: Confidence::DEFAULT,
        })
    }
}

pub(crate) fn dedup(dimension: Dimension, values: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for value in values {
        let value = dimension.normalise(value);
        if !value.is_empty() && !out.contains(&value) {
            out.push(value);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_regions_and_dimensions_parse() {
        assert_eq!(
            parse_month("--since", "2024-06").ok(),
            YearMonth::new(2024, 6).ok()
        );
        for bad in ["2024-13", "2024", "24-06", "2024-6", "", "abcd-ef"] {
            assert!(parse_month("--since", bad).is_err(), "{bad}");
        }
        assert_eq!("US".parse::<Region>().ok(), Some(Region::Us));
        assert_eq!(
            "de".parse::<Region>().ok(),
            Some(Region::Country("DE".into()))
        );
        assert!("Germany".parse::<Region>().is_err());
        assert_eq!(
            "work-mode".parse::<Dimension>().ok(),
            Some(Dimension::WorkMode)
        );
        assert!("salary".parse::<Dimension>().is_err());
        assert_eq!(Dimension::Employment.normalise("Full-Time"), "full_time");
        assert_eq!(Dimension::Language.normalise("C++"), "c++");
        assert_eq!(Dimension::Country.normalise("gb"), "GB");
    }

    #[test]
    fn compare_needs_a_value() {
        let err = CompareConfig::new(
            Dimension::Lane,
            &[],
            MonthWindow::default(),
            Filters::default(),
        );
        assert!(err.is_err());
        let ok = CompareConfig::new(
            Dimension::Lane,
            &["Data".into(), "data".into(), "backend".into()],
            MonthWindow::default(),
            Filters::default(),
        );
        assert_eq!(
            ok.map(|c| c.values).ok(),
            Some(vec!["data".into(), "backend".into()])
        );
    }
}
