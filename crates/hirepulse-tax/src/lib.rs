//! US individual tax for one person or couple: federal income tax, payroll and self-employment
//! tax, the QBI deduction, pre-tax savings, and state income and payroll taxes — and, on top of
//! it, the contract-vs-full-time comparison.
//!
//! Shape: numbers live in one embedded data file per tax year ([`params`], `data/us-YYYY.toml`,
//! each table naming its source); the published rules live in code ([`engine`], with the bracket
//! arithmetic in [`schedule`] and the state rules in [`state`]). [`compute`] is a pure function
//! from a serialisable [`TaxInput`] to a serialisable [`TaxResult`], so the CLI and a web server
//! share it. [`contract`] compares a salaried package with a contract rate by running the engine
//! on both sides and solving for the break-even rate. No I/O beyond parsing the embedded files.

pub mod contract;
pub mod engine;
pub mod params;
pub mod render;
pub mod schedule;
pub mod state;

pub use engine::{compute, Flag, NamedAmount, TaxInput, TaxResult};
pub use params::{available_years, Parameters};

use serde::{Deserialize, Serialize};

/// Filing status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Filing {
    #[default]
    Single,
    /// Married filing jointly.
    Joint,
    /// Head of household.
    Head,
}

impl Filing {
    pub const ALL: [Filing; 3] = [Filing::Single, Filing::Joint, Filing::Head];

    pub fn as_str(self) -> &'static str {
        match self {
            Filing::Single => "single",
            Filing::Joint => "joint",
            Filing::Head => "head",
        }
    }
}

impl std::str::FromStr for Filing {
    type Err = TaxError;
    fn from_str(text: &str) -> Result<Filing, TaxError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "single" => Ok(Filing::Single),
            "joint" | "married" | "mfj" => Ok(Filing::Joint),
            "head" | "hoh" | "head_of_household" => Ok(Filing::Head),
            _ => Err(TaxError::InvalidInput {
                field: "filing",
                reason: format!("{text:?} is not a filing status; use single, joint or head"),
            }),
        }
    }
}

/// Why a tax figure could not be computed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TaxError {
    #[error("no tax parameters for {year}; available years: {}", join(available))]
    UnknownYear { year: u16, available: Vec<u16> },
    #[error("no parameters for state {state:?} in {year}; available states: {}", available.join(", "))]
    UnknownState {
        state: String,
        year: u16,
        available: Vec<String>,
    },
    #[error("{field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    #[error("{field} {value:.2} is above the limit of {limit:.2} ({rule})")]
    AboveLimit {
        field: &'static str,
        value: f64,
        limit: f64,
        rule: String,
    },
    #[error("tax data file {file}: {reason}")]
    Data { file: String, reason: String },
    #[error("{what}: {reason}")]
    NoSolution { what: &'static str, reason: String },
}

fn join(years: &[u16]) -> String {
    years
        .iter()
        .map(u16::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rounds dollars to cents (half away from zero), the unit every output is given in.
pub fn cents(amount: f64) -> f64 {
    let rounded = (amount * 100.0).round() / 100.0;
    if rounded == 0.0 {
        0.0
    } else {
        rounded
    }
}
