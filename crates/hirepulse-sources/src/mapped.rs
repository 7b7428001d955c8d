//! Generic CSV / JSON Lines with a user-given column mapping. (Reader to come.)

use serde::Deserialize;

/// Which input column holds which posting field. Given on the command line
/// (`--map id=job_id,text=body`) or in a small TOML file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Column with the posting's id (required).
    pub id: String,
    /// Column with the posting's text or HTML (required).
    pub text: String,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    /// Column with the posting date (RFC 3339, `YYYY-MM-DD` or unix seconds).
    pub date: Option<String>,
    pub url: Option<String>,
    /// The source name stored with each posting (default `csv` / `jsonl`).
    pub source: Option<String>,
}
