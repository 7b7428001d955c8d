//! `hirepulse advise`: a personal recommendation — what to learn or deepen next, in which
//! lane — with a 90-day plan, computed from the measured market.
//!
//! Shape: a [`Market`] is the postings of the windows the advice needs, read once from any
//! [`PostingSource`] (the store or the built-in baseline) so a server can load it once and
//! answer many profiles. [`advise_in`] turns a market and a [`Profile`] into an [`Advice`]:
//! candidates are (language, lane) pairs seen in the market, each either `learn` (a language
//! the person does not know) or `deepen` (one they know); each gets its measured figures
//! (`candidates`), a transparent score per goal (`score`, weights in `data/advise.toml`), reasons and
//! risks in words that cite their figures (`claims`), and the top one a plan built from the
//! co-skills asked next to it and the project catalogue (`plan`, `data/projects.toml`).
//! [`render`] prints an advice as a table or markdown. No I/O here beyond the embedded data
//! files, no terminal, no SQL: the figures are the statistics crate's, with their n and
//! intervals; candidates with too little evidence are listed as dropped, never ranked.

mod candidates;
pub mod catalogue;
mod claims;
pub mod market;
pub mod market_position;
pub mod model;
mod plan;
pub mod profile;
pub mod render;
mod score;
pub mod settings;

pub use catalogue::{Catalogue, Project};
pub use market::Market;
pub use model::Advice;
pub use profile::{CheckedProfile, Depth, Goal, Known, Profile};
pub use settings::Settings;

use hirepulse_reports::population::PostingSource;
use hirepulse_stats::YearMonth;

/// Why advice could not be given, naming the input or data file at fault.
#[derive(Debug, Clone, thiserror::Error)]
pub enum AdviseError {
    #[error("profile {field}: {why}")]
    Profile { field: &'static str, why: String },
    #[error("{}: {why}", settings::SETTINGS_PATH)]
    Settings { why: String },
    #[error("crates/hirepulse-advise/data/projects.toml{}: {why}", project.as_ref().map(|p| format!(" project {p:?}")).unwrap_or_default())]
    Catalogue {
        project: Option<String>,
        why: String,
    },
    #[error("reading the market: {0}")]
    Report(String),
    #[error("{what}: {why}")]
    Stats { what: String, why: String },
}

impl From<hirepulse_reports::ReportError> for AdviseError {
    fn from(err: hirepulse_reports::ReportError) -> Self {
        AdviseError::Report(err.to_string())
    }
}

/// Wraps a statistics error with what was being computed.
pub(crate) fn stats_error(
    what: impl Into<String>,
) -> impl FnOnce(hirepulse_stats::StatsError) -> AdviseError {
    let what = what.into();
    move |err| AdviseError::Stats {
        what,
        why: err.to_string(),
    }
}

/// Advice for `profile` from the market in `source`, with the windows ending at `until`
/// (default: the last month with data).
pub fn advise<S: PostingSource + ?Sized>(
    source: &S,
    profile: &Profile,
    until: Option<YearMonth>,
) -> Result<Advice, AdviseError> {
    let settings = Settings::embedded()?;
    let market = Market::load(source, until, settings)?;
    advise_in(&market, profile)
}

/// Advice for `profile` from an already loaded market (load once, answer many profiles).
pub fn advise_in(market: &Market, profile: &Profile) -> Result<Advice, AdviseError> {
    let settings = Settings::embedded()?;
    let catalogue = Catalogue::embedded()?;
    advise_with(market, profile, settings, catalogue)
}

/// [`advise_in`] with explicit settings and catalogue (tests use other weights).
pub fn advise_with(
    market: &Market,
    profile: &Profile,
    settings: &Settings,
    catalogue: &Catalogue,
) -> Result<Advice, AdviseError> {
    let profile = profile.check(settings)?;
    candidates::advise(market, profile, settings, catalogue)
}
