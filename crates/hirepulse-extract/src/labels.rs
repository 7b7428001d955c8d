//! The label record of GUIDELINES.md: what `hirepulse extract` prints and `hirepulse eval` reads.
//!
//! Kept apart from [`crate::Facts`] because the label shape is a public contract (anyone can score
//! our output with their own labels) while `Facts` may carry more (technologies, annual USD pay).

use crate::pay::PayRange;
use crate::Facts;
use serde::{Deserialize, Serialize};

/// One pay range as labelled: whole currency units as written, no conversion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelPay {
    #[serde(serialize_with = "whole_number")]
    pub min: Option<f64>,
    #[serde(serialize_with = "whole_number")]
    pub max: Option<f64>,
    pub currency: Option<String>,
    pub period: Option<String>,
}

/// A posting's id as labels write it: the HN item id as a number, any other source's id as text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PostingId {
    Number(u64),
    Text(String),
}

impl PostingId {
    /// A numeric id stays a number (HN items); anything else is text.
    pub fn from_source_id(source_id: &str) -> PostingId {
        match source_id.parse::<u64>() {
            Ok(n) if n.to_string() == source_id => PostingId::Number(n),
            _ => PostingId::Text(source_id.to_string()),
        }
    }
}

impl std::fmt::Display for PostingId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PostingId::Number(n) => write!(f, "{n}"),
            PostingId::Text(t) => f.write_str(t),
        }
    }
}

/// One labelled (or extracted) posting, with exactly the fields of GUIDELINES.md.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LabelRecord {
    pub id: PostingId,
    pub month: Option<String>,
    pub company: Option<String>,
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub pay: Vec<LabelPay>,
    #[serde(default)]
    pub equity: bool,
    #[serde(default)]
    pub work_mode: Vec<String>,
    #[serde(default)]
    pub countries: Vec<String>,
    pub us_eligible: Option<bool>,
    pub visa: Option<bool>,
    #[serde(default)]
    pub employment: Vec<String>,
    #[serde(default)]
    pub seniority: Vec<String>,
    #[serde(default)]
    pub lanes: Vec<String>,
}

impl LabelRecord {
    /// The label view of extracted facts for posting `id` of `month`.
    pub fn from_facts(id: PostingId, month: Option<&str>, facts: &Facts) -> LabelRecord {
        LabelRecord {
            id,
            month: month.map(str::to_string),
            company: facts.company.clone(),
            languages: facts.languages.clone(),
            pay: facts.pay.iter().map(LabelPay::from).collect(),
            equity: facts.equity,
            work_mode: facts.work_mode.clone(),
            countries: facts.countries.clone(),
            us_eligible: facts.us_eligible,
            visa: facts.visa,
            employment: facts.employment.clone(),
            seniority: facts.seniority.clone(),
            lanes: facts.lanes.clone(),
        }
    }
}

impl From<&PayRange> for LabelPay {
    fn from(range: &PayRange) -> LabelPay {
        LabelPay {
            min: range.min,
            max: range.max,
            currency: range.currency.clone(),
            period: range.period.clone(),
        }
    }
}

/// Writes 150000.0 as `150000` and 62.5 as `62.5`, as a person would label it.
fn whole_number<S: serde::Serializer>(
    value: &Option<f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => serializer.serialize_i64(*v as i64),
        Some(v) => serializer.serialize_f64(*v),
        None => serializer.serialize_none(),
    }
}

/// Parses a label file (JSON Lines); a bad line is an error naming its line number.
pub fn parse_label_file(text: &str) -> Result<Vec<LabelRecord>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(idx, line)| {
            serde_json::from_str(line).map_err(|err| format!("line {}: {err}", idx + 1))
        })
        .collect()
}
