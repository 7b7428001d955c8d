//! Title → lane / seniority and free-text language → canonical id, applied from ordered rules
//! in `data/pay_mapping.toml`. Rules are lowercase substrings, first match wins, so the order in
//! the file is the priority (e.g. "security" before "data" so "Data Security Analyst" is security).

use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Debug, serde::Deserialize)]
struct SeniorityRule {
    pattern: String,
    level: String,
}

#[derive(Debug, serde::Deserialize)]
struct LaneRule {
    pattern: String,
    lane: String,
}

#[derive(Debug, serde::Deserialize)]
struct BlsRule {
    code: String,
    lane: String,
}

/// Parsed mapping file.
#[derive(Debug, serde::Deserialize)]
pub struct Mapping {
    pub version: u32,
    seniority: Vec<SeniorityRule>,
    experience_codes: BTreeMap<String, String>,
    lane: Vec<LaneRule>,
    languages: BTreeMap<String, String>,
    #[serde(default)]
    bls: Vec<BlsRule>,
}

const BUILTIN: &str = include_str!("../data/pay_mapping.toml");

impl Mapping {
    /// Parse a mapping file.
    pub fn parse(text: &str) -> Result<Mapping, toml::de::Error> {
        toml::from_str(text)
    }

    /// The mapping shipped with the crate (checked by a test to parse).
    pub fn builtin() -> &'static Mapping {
        static M: OnceLock<Mapping> = OnceLock::new();
        M.get_or_init(|| {
            Mapping::parse(BUILTIN).unwrap_or(Mapping {
                version: 0,
                seniority: Vec::new(),
                experience_codes: BTreeMap::new(),
                lane: Vec::new(),
                languages: BTreeMap::new(),
                bls: Vec::new(),
            })
        })
    }

    /// Lane of a title, or None.
    pub fn lane(&self, title: &str) -> Option<String> {
        let t = format!("{} ", title.to_lowercase());
        self.lane
            .iter()
            .find(|r| t.contains(&r.pattern))
            .map(|r| r.lane.clone())
    }

    /// Seniority from title words, falling back to a dataset level code (EN/MI/SE/EX).
    pub fn seniority(&self, title: &str, code: Option<&str>) -> Option<String> {
        let t = title.to_lowercase();
        self.seniority
            .iter()
            .find(|r| t.contains(&r.pattern))
            .map(|r| r.level.clone())
            .or_else(|| code.and_then(|c| self.experience_codes.get(c.trim()).cloned()))
    }

    /// Canonical language id of a free-text answer: the whole answer, else its first part
    /// split on '/' or ','.
    pub fn language(&self, text: &str) -> Option<String> {
        let t = text.trim().to_lowercase();
        if let Some(id) = self.languages.get(&t) {
            return Some(id.clone());
        }
        let first = t.split(['/', ',']).next()?.trim();
        self.languages.get(first).cloned()
    }

    /// Lane of a BLS occupation code when it is one of the tech occupations kept, else None.
    pub fn bls_lane(&self, code: &str) -> Option<String> {
        self.bls
            .iter()
            .find(|r| code.starts_with(&r.code))
            .map(|r| r.lane.clone())
    }
}
