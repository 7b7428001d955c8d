//! Pay ranges as written, with a normalised annual USD figure. (Rules to come.)

use serde::{Deserialize, Serialize};

/// One pay range found in the text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PayRange {
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// ISO 4217 code, or `None` when the text writes no currency.
    pub currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub period: Option<String>,
    /// Byte span of the range in the text it was read from.
    pub span: (usize, usize),
    pub annual_usd_min: Option<f64>,
    pub annual_usd_max: Option<f64>,
    /// Why the annual figure is implausible, when it is.
    pub flag: Option<String>,
}

pub fn find(_text: &str) -> Vec<PayRange> {
    Vec::new()
}

pub fn offers_equity(_text: &str) -> bool {
    false
}
