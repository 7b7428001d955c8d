//! Where a full-time salary sits among the posted pay of comparable postings, in the shape the
//! contract-vs-full-time comparison prints ([`hirepulse_tax::contract::MarketPosition`]). The
//! tax crate stays free of the store and the reports, so the bridge between the two lives here,
//! in the decisions crate, and both the CLI and the server call it.

use hirepulse_reports::config::MonthWindow;
use hirepulse_reports::population::PostingSource;
use hirepulse_reports::salary_position::{salary_position, SalaryPositionConfig};
use hirepulse_reports::{Filters, ReportError};
use hirepulse_tax::contract::MarketPosition;

/// The market position of `salary` among the postings of `source` that match `language` and
/// `filters`, over the default window; the description says whether the figures came from the
/// built-in baseline or a store.
pub fn market_position<S: PostingSource + ?Sized>(
    source: &S,
    salary: f64,
    language: Option<&str>,
    filters: Filters,
) -> Result<MarketPosition, ReportError> {
    let config = SalaryPositionConfig::new(salary, language, MonthWindow::default(), filters)?;
    let position = salary_position(source, &config)?;
    Ok(MarketPosition {
        description: match &position.data_source {
            Some(_) => format!("{}; built-in baseline", position.description),
            None => format!("{}; store", position.description),
        },
        n: position.below.n,
        share_below: position.below.share.unwrap_or(0.0),
        share_below_low: position.below.ci_low.unwrap_or(0.0),
        share_below_high: position.below.ci_high.unwrap_or(1.0),
        p25: position.p25.value,
        p50: position.p50.value,
        p75: position.p75.value,
        small_sample: position.small_sample,
    })
}
