//! Readers for compensation datasets. Each dataset has its own module that streams
//! [`PayRecord`]s as `Result<PayRecord, RowError>`: a malformed row is that row's error and the
//! rows around it are still returned. Title/position/tag → lane and seniority mapping lives in
//! `data/pay_mapping.toml` (ordered whole-word rules) so it can be revised without touching
//! code; the dataset is recognised from the file's header ([`Dataset::detect`]).
//!
//! Pay kinds: ai-jobs.net `salary` is base gross salary (the site's survey asks for base salary,
//! bonuses excluded — assumed); 2024+ rows on ai-jobs.net may come from postings, still labelled
//! `survey` because the file does not say which. levels.fyi is total compensation; the EU survey
//! column used is "Yearly brutto salary (without bonus and stocks)", i.e. base (its bonus +
//! stocks column gives total comp where answered); H-1B is the filed base wage (annual in this
//! sample; the file has no wage-unit column); BLS OEWS rows are published occupation
//! percentiles of base wages, not people ([`Published`]).
//!
//! Every record gets `annual_usd`: the amount put on the annual US-dollar scale with the
//! extractor's FX table (`hirepulse_extract::pay::fx`, the record's year), so dataset and
//! posting pay are converted alike. A currency the table lacks leaves it unset.

pub mod bls;
pub mod mapping;
mod readers;

use std::path::{Path, PathBuf};

pub use mapping::{DatasetInfo, Mapping};

/// Period the amount is paid over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Year,
    Hour,
}

impl Period {
    pub fn as_str(self) -> &'static str {
        match self {
            Period::Year => "year",
            Period::Hour => "hour",
        }
    }
}

/// Base salary or total compensation (base + bonus + equity).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayKind {
    Base,
    TotalComp,
}

impl PayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PayKind::Base => "base",
            PayKind::TotalComp => "total_comp",
        }
    }
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

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Survey => "survey",
            Basis::Posting => "posting",
            Basis::OfficialStatistics => "official_statistics",
            Basis::Filing => "filing",
        }
    }
}

/// Published percentiles of an occupation (official statistics): annual, in the record's
/// currency. `None` where not published; `top_coded` names percentiles at or above the
/// publisher's top-coding threshold (value unknown, so `None` too).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Published {
    pub employment: Option<u64>,
    pub p10: Option<f64>,
    pub p25: Option<f64>,
    pub p75: Option<f64>,
    pub p90: Option<f64>,
    pub top_coded: Vec<&'static str>,
}

/// One person's / one row's pay.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PayRecord {
    /// Dataset id: `aijobs`, `infosec_jobs`, `devops_jobs`, `levelsfyi`, `eu_it_survey_2020`,
    /// `h1b`, `bls_oews`.
    pub dataset: &'static str,
    /// The file's name (no directory), so re-reading the same file elsewhere is the same record.
    pub source_file: String,
    /// 1-based data row number (header excluded).
    pub row: u64,
    /// The row's line in the file (CSV; a quoted field can span lines) or its sheet row (xlsx).
    pub line: u64,
    pub year: Option<u16>,
    pub title: String,
    /// Occupation code (BLS), if any.
    pub code: Option<String>,
    pub lane: Option<String>,
    pub seniority: Option<String>,
    /// ISO 3166 alpha-2.
    pub country: Option<String>,
    pub currency: String,
    /// The figure: base or total comp per `pay_kind` (for BLS, the median).
    pub amount: f64,
    /// Base pay, where the dataset states it.
    pub base: Option<f64>,
    /// Total compensation, where the dataset states it.
    pub total_comp: Option<f64>,
    /// The dataset's own USD figure, where it has one (ai-jobs `salary_in_usd`).
    pub amount_usd: Option<f64>,
    /// `amount` as annual USD with the extractor's FX table, whole dollars.
    pub annual_usd: Option<f64>,
    pub period: Period,
    pub pay_kind: PayKind,
    pub basis: Basis,
    pub employment_type: Option<String>,
    pub remote_ratio: Option<u8>,
    pub company_size: Option<String>,
    /// Canonical language id (EU survey only).
    pub main_language: Option<String>,
    /// Published percentiles (official statistics only).
    pub published: Option<Published>,
    /// Why the figure is not used (annual USD outside the extractor's plausible range), if so.
    pub flag: Option<String>,
}

impl PayRecord {
    /// Sets `annual_usd` from `amount`, `currency`, `period` and `year` with the extractor's
    /// FX table.
    pub(crate) fn convert(&mut self) {
        self.annual_usd = hirepulse_extract::pay::fx::annual_usd(
            self.amount,
            Some(&self.currency),
            Some(self.period.as_str()),
            self.year,
        )
        .filter(|v| v.is_finite() && *v > 0.0);
        use hirepulse_extract::pay::{
            PLAUSIBLE_ANNUAL_USD_MAX as MAX, PLAUSIBLE_ANNUAL_USD_MIN as MIN,
        };
        self.flag = match self.annual_usd {
            Some(v) if v < MIN => Some(format!("annual USD {v:.0} is below {MIN:.0}")),
            Some(v) if v > MAX => Some(format!("annual USD {v:.0} is above {MAX:.0}")),
            _ => None,
        };
    }
}

/// A row that could not be read: file, line (and 1-based data row), and why.
#[derive(Debug, thiserror::Error, PartialEq)]
#[error("{}:{line}: {reason}", file.display())]
pub struct RowError {
    pub file: PathBuf,
    /// 1-based data row (0: the file itself).
    pub row: u64,
    /// Line in the file (CSV) or sheet row (xlsx); 0 for the file itself.
    pub line: u64,
    pub reason: String,
}

/// The supported datasets (file formats).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dataset {
    /// ai-jobs.net, infosec-jobs, devops-jobs salary CSVs (same columns).
    AiJobs,
    LevelsFyi,
    EuItSurvey2020,
    H1b,
    /// BLS OEWS national xlsx.
    BlsOews,
}

/// Streaming reader over one file.
pub type Records = Box<dyn Iterator<Item = Result<PayRecord, RowError>>>;

impl Dataset {
    /// Stable id of the format (the ai-jobs format's records take their id from the file
    /// name: see [`Dataset::record_id`]).
    pub fn id(self) -> &'static str {
        match self {
            Dataset::AiJobs => "aijobs",
            Dataset::LevelsFyi => "levelsfyi",
            Dataset::EuItSurvey2020 => "eu_it_survey_2020",
            Dataset::H1b => "h1b",
            Dataset::BlsOews => "bls_oews",
        }
    }

    /// The dataset id records of `path` carry: for the ai-jobs format, `infosec_jobs` or
    /// `devops_jobs` when the file name says so (the three sites publish the same columns).
    pub fn record_id(self, path: &Path) -> &'static str {
        if self != Dataset::AiJobs {
            return self.id();
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if name.contains("infosec") {
            "infosec_jobs"
        } else if name.contains("devops") {
            "devops_jobs"
        } else {
            "aijobs"
        }
    }

    /// Recognise a file's dataset from its first bytes: an xlsx (zip) file is BLS OEWS, a CSV
    /// from its header line. `None` when the header is none of the known ones.
    pub fn detect(path: &Path) -> Result<Option<Dataset>, RowError> {
        use std::io::Read;
        let open_err = |reason: String| RowError {
            file: path.to_path_buf(),
            row: 0,
            line: 0,
            reason,
        };
        let mut head = Vec::with_capacity(4096);
        std::fs::File::open(path)
            .and_then(|f| f.take(4096).read_to_end(&mut head))
            .map_err(|e| open_err(format!("cannot read: {e}")))?;
        if head.starts_with(b"PK\x03\x04") {
            return Ok(Some(Dataset::BlsOews));
        }
        let text = String::from_utf8_lossy(&head);
        let first = text
            .trim_start_matches('\u{feff}')
            .lines()
            .next()
            .unwrap_or("")
            .to_lowercase();
        let starts = |p: &str| first.starts_with(p);
        Ok(
            if starts("work_year,experience_level,employment_type,job_title,salary") {
                Some(Dataset::AiJobs)
            } else if starts("company;title;totalyearlycompensation;location;yearsofexperience") {
                Some(Dataset::LevelsFyi)
            } else if starts("timestamp,age,gender,city,position")
                && first.contains("brutto salary")
            {
                Some(Dataset::EuItSurvey2020)
            } else if starts("employer,job title,base salary") {
                Some(Dataset::H1b)
            } else {
                None
            },
        )
    }

    /// Open `path` and stream its records. Opening failure is reported as a line-0 error.
    pub fn read(self, path: &Path) -> Result<Records, RowError> {
        match self {
            Dataset::BlsOews => bls::read_records(path),
            _ => readers::read(self, path, Mapping::builtin()),
        }
    }
}

/// Detect `path`'s dataset and stream its records; an unknown header is an error naming the
/// file.
pub fn read_any(path: &Path) -> Result<(Dataset, Records), RowError> {
    let dataset = Dataset::detect(path)?.ok_or_else(|| RowError {
        file: path.to_path_buf(),
        row: 0,
        line: 1,
        reason: "not a known pay dataset (ai-jobs/infosec/devops CSV, levels.fyi, EU IT survey \
                 2020, H-1B sample, BLS OEWS xlsx): header not recognised"
            .into(),
    })?;
    Ok((dataset, dataset.read(path)?))
}
