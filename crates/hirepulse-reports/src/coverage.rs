//! Which corpus months are incomplete (missing, captured early, partial), read from
//! `data/hn-coverage.tsv` (embedded; its header cites the corpus README it comes from), so the
//! trend report flags those months instead of letting a collection gap read as a market move.
//!
//! Kept as data rather than code so a new gap is a one-line change with its source beside it.

use hirepulse_stats::YearMonth;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The embedded coverage file.
pub const COVERAGE_TSV: &str = include_str!("../data/hn-coverage.tsv");

/// How complete a month's capture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Missing,
    EarlyCapture,
    Partial,
}

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Missing => "missing",
            Status::EarlyCapture => "early_capture",
            Status::Partial => "partial",
        }
    }

    /// One character for charts: `x` missing, `e` early capture, `p` partial.
    pub fn mark(self) -> char {
        match self {
            Status::Missing => 'x',
            Status::EarlyCapture => 'e',
            Status::Partial => 'p',
        }
    }
}

/// A month's coverage flag with the note from the data file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub status: Status,
    pub note: String,
}

/// Why the coverage file was rejected.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("hn-coverage.tsv line {line}: {why}")]
pub struct CoverageError {
    pub line: usize,
    pub why: String,
}

/// Month → flag.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Coverage {
    flags: BTreeMap<YearMonth, Flag>,
}

impl Coverage {
    /// Parses the TSV format described in the file's header.
    pub fn parse(text: &str) -> Result<Coverage, CoverageError> {
        let mut flags = BTreeMap::new();
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let bad = |why: String| CoverageError { line, why };
            let trimmed = raw.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let mut fields = raw.split('\t');
            let (Some(months), Some(status)) = (fields.next(), fields.next()) else {
                return Err(bad("expected month, status and note, tab-separated".into()));
            };
            let note = fields.next().unwrap_or("").trim().to_string();
            let status = match status.trim() {
                "missing" => Status::Missing,
                "early_capture" => Status::EarlyCapture,
                "partial" => Status::Partial,
                other => {
                    return Err(bad(format!(
                        "status {other:?} is not missing, early_capture or partial"
                    )))
                }
            };
            let (first, last) = months.trim().split_once("..").unwrap_or((months, months));
            let month = |text: &str| {
                crate::config::parse_month("month", text).map_err(|e| bad(e.to_string()))
            };
            let (first, last) = (month(first)?, month(last)?);
            if first > last {
                return Err(bad(format!("the range {first}..{last} runs backwards")));
            }
            let mut current = first;
            while current <= last {
                flags.insert(
                    current,
                    Flag {
                        status,
                        note: note.clone(),
                    },
                );
                current = current.plus_months(1);
            }
        }
        Ok(Coverage { flags })
    }

    /// The embedded coverage file, parsed once; an unreadable file (a build error) gives no
    /// flags rather than failing every report, and a unit test keeps it readable.
    pub fn embedded() -> &'static Coverage {
        static PARSED: OnceLock<Coverage> = OnceLock::new();
        PARSED.get_or_init(|| Coverage::parse(COVERAGE_TSV).unwrap_or_default())
    }

    /// The flag of `month`, if it is incomplete.
    pub fn flag(&self, month: YearMonth) -> Option<&Flag> {
        self.flags.get(&month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(y: i32, m: u8) -> YearMonth {
        YearMonth::new(y, m).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_embedded_file_flags_the_readme_months() {
        let coverage = Coverage::parse(COVERAGE_TSV).unwrap_or_else(|e| panic!("{e}"));
        let status = |y, m| coverage.flag(month(y, m)).map(|f| f.status);
        assert_eq!(status(2016, 7), Some(Status::Missing));
        assert_eq!(status(2017, 8), Some(Status::Missing));
        assert_eq!(status(2017, 9), Some(Status::Missing));
        assert_eq!(status(2013, 8), Some(Status::EarlyCapture));
        assert_eq!(status(2018, 4), Some(Status::EarlyCapture));
        assert_eq!(status(2016, 6), Some(Status::EarlyCapture));
        assert_eq!(status(2018, 5), None);
        assert_eq!(status(2020, 7), Some(Status::Partial));
        assert_eq!(status(2022, 6), Some(Status::Partial));
        assert_eq!(status(2024, 12), Some(Status::Partial));
        assert_eq!(status(2024, 11), None);
    }

    #[test]
    fn bad_lines_are_named() {
        for (text, needle) in [
            ("2020-01", "tab-separated"),
            ("2020-01\tgone\tx", "status"),
            ("2020-13\tpartial\tx", "month"),
            ("2020-05..2020-01\tpartial\tx", "backwards"),
        ] {
            let err = Coverage::parse(&format!("# header\n{text}\n")).err();
            assert!(
                err.as_ref()
                    .is_some_and(|e| e.line == 2 && e.why.contains(needle)),
                "{text}: {err:?}"
            );
        }
    }
}
