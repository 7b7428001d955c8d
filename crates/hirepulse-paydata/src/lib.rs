//! Readers for compensation datasets. Each dataset has its own module that streams
//! [`PayRecord`]s as `Result<PayRecord, RowError>`: a malformed row is that row's error and the
//! rows around it are still returned. Title/position/tag → lane and seniority mapping lives in
//! `data/pay_mapping.toml` (ordered rules) so it can be revised without touching code.
//!
//! Pay kinds: ai-jobs.net `salary` is base gross salary (the site's survey asks for base salary,
//! bonuses excluded — assumed); 2024+ rows on ai-jobs.net may come from postings, still labelled
//! `survey` because the file does not say which. levels.fyi is total compensation; the EU survey
//! column used is "Yearly brutto salary (without bonus and stocks)", i.e. base; H-1B is the filed
//! base wage (annual in this sample; the file has no wage-unit column).

pub mod bls;
pub mod mapping;
mod readers;

use std::path::{Path, PathBuf};

pub use mapping::Mapping;

/// Period the amount is paid over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Year,
    Hour,
}

/// Base salary or total compensation (base + bonus + equity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayKind {
    Base,
    TotalComp,
}

/// Where the figure comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    Survey,
    Posting,
    OfficialStatistics,
    Filing,
}

/// One person's / one row's pay.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PayRecord {
    pub dataset: &'static str,
    /// 1-based data row number (header excluded).
    pub row: u64,
    pub year: Option<u16>,
    pub title: String,
    pub lane: Option<String>,
    pub seniority: Option<String>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    pub currency: String,
    pub amount: f64,
    pub amount_usd: Option<f64>,
    pub period: Period,
    pub pay_kind: PayKind,
    pub basis: Basis,
    pub employment_type: Option<String>,
    pub remote_ratio: Option<u8>,
    pub company_size: Option<String>,
    /// Canonical language id (EU survey only).
    pub main_language: Option<String>,
}

/// A row that could not be read: file, 1-based data row, and why.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{file}: row {row}: {reason}")]
pub struct RowError {
    pub file: PathBuf,
    pub row: u64,
    pub reason: String,
}

/// The supported datasets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// ai-jobs.net, infosec-jobs, devops-jobs salary CSVs (same columns).
    AiJobs,
    LevelsFyi,
    EuItSurvey2020,
    H1b,
}

/// Streaming reader over one file.
pub type Records = Box<dyn Iterator<Item = Result<PayRecord, RowError>>>;

impl Dataset {
    /// Stable id used in records.
    pub fn id(self) -> &'static str {
        match self {
            Dataset::AiJobs => "aijobs",
            Dataset::LevelsFyi => "levelsfyi",
            Dataset::EuItSurvey2020 => "eu_it_survey_2020",
            Dataset::H1b => "h1b",
        }
    }

    /// Open `path` and stream its records. Opening failure is reported as a row-0 error.
    pub fn read(self, path: &Path) -> Result<Records, RowError> {
        readers::read(self, path, Mapping::builtin())
    }
}
