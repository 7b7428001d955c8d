//! Renderers: one per output format behind one trait, like hyperfine's exporters.
//!
//! Table and markdown print the same cells ([`cells`]), aligned for a terminal or as pipe
//! tables; csv prints one tidy row per figure (report, row, figure, statistic, value, n, ci_low,
//! ci_high, small_sample) so spreadsheets need no parsing; json prints the report value itself.

pub mod cells;
mod csv;
pub mod dataset_cells;
mod json;
mod markdown;
mod table;

use crate::datasets::DatasetPayReport;
use crate::model::{Comparison, Snapshot};
use crate::pay::PayReport;
use crate::skills::SkillsReport;
use crate::trend::TrendReport;
use std::io::{self, Write};
use std::str::FromStr;

/// Prints reports in one format.
pub trait Renderer {
    fn snapshot(&self, snapshot: &Snapshot, out: &mut dyn Write) -> io::Result<()>;
    fn comparison(&self, comparison: &Comparison, out: &mut dyn Write) -> io::Result<()>;
    fn trend(&self, trend: &TrendReport, out: &mut dyn Write) -> io::Result<()>;
    fn pay(&self, pay: &PayReport, out: &mut dyn Write) -> io::Result<()>;
    fn skills(&self, skills: &SkillsReport, out: &mut dyn Write) -> io::Result<()>;
    /// `pay --dataset NAME`.
    fn dataset_pay(&self, report: &DatasetPayReport, out: &mut dyn Write) -> io::Result<()>;
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Markdown,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Table, Format::Markdown, Format::Csv, Format::Json];

    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Markdown => "markdown",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// The renderer of this format.
    pub fn renderer(self) -> Box<dyn Renderer> {
        match self {
            Format::Table => Box::new(table::Table),
            Format::Markdown => Box::new(markdown::Markdown),
            Format::Csv => Box::new(csv::Csv),
            Format::Json => Box::new(json::Json),
        }
    }
}

impl FromStr for Format {
    type Err = String;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| {
                f.name().eq_ignore_ascii_case(value.trim())
                    || (value.trim() == "md" && *f == Format::Markdown)
            })
            .ok_or_else(|| format!("unknown format {value:?}; choose table, markdown, csv or json"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_by_name() {
        for format in Format::ALL {
            assert_eq!(format.name().parse::<Format>().ok(), Some(format));
        }
        assert_eq!("md".parse::<Format>().ok(), Some(Format::Markdown));
        assert!("html".parse::<Format>().is_err());
    }
}
