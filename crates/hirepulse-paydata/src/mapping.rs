//! Title → lane / seniority, level answers → seniority, free-text language → canonical id, and
//! BLS occupation code → lane, applied from the ordered rules in `data/pay_mapping.toml`.
//!
//! Rules match whole words: a title and a pattern are both lowercased and split into words on
//! anything but letters, digits, `+` and `#`, and a pattern matches when its words appear in the
//! title adjacent and in order. That keeps "intern" out of "International", "ml" out of "HTML"
//! and "ai" out of "Maintenance". The first matching rule wins, so the file order is the
//! priority.

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

#[derive(Debug, serde::Deserialize)]
struct YearsRule {
    below: f64,
    level: String,
}

/// How a dataset is labelled next to its figures.
#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, PartialEq, Eq)]
pub struct DatasetInfo {
    /// Human label, e.g. "ai-jobs.net salaries (CC0)".
    pub label: String,
    /// `survey`, `official_statistics` or `filing`.
    pub kind: String,
    /// `base` or `total_comp`.
    pub basis: String,
}

/// Parsed mapping file.
#[derive(Debug, serde::Deserialize)]
pub struct Mapping {
    pub version: u32,
    #[serde(default)]
    datasets: BTreeMap<String, DatasetInfo>,
    seniority: Vec<SeniorityRule>,
    experience_codes: BTreeMap<String, String>,
    #[serde(default)]
    eu_levels: BTreeMap<String, String>,
    #[serde(default)]
    eu_cities: BTreeMap<String, String>,
    #[serde(default)]
    years_levels: Vec<YearsRule>,
    lane: Vec<LaneRule>,
    languages: BTreeMap<String, String>,
    #[serde(default)]
    bls: Vec<BlsRule>,
    /// Patterns split into words once.
    #[serde(skip)]
    lane_words: Vec<Vec<String>>,
    #[serde(skip)]
    seniority_words: Vec<Vec<String>>,
}

const BUILTIN: &str = include_str!("../data/pay_mapping.toml");

/// Lowercase words of `text`: runs of letters, digits, `+` and `#`.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '+' || c == '#'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `pattern` (words) occurs in `title` (words) as adjacent whole words.
fn contains_words(title: &[String], pattern: &[String]) -> bool {
    !pattern.is_empty() && title.windows(pattern.len()).any(|w| w == pattern)
}

impl Mapping {
    /// Parse a mapping file.
    pub fn parse(text: &str) -> Result<Mapping, toml::de::Error> {
        let mut mapping: Mapping = toml::from_str(text)?;
        mapping.lane_words = mapping.lane.iter().map(|r| words(&r.pattern)).collect();
        mapping.seniority_words = mapping
            .seniority
            .iter()
            .map(|r| words(&r.pattern))
            .collect();
        Ok(mapping)
    }

    /// The mapping shipped with the crate (a test checks that it parses; a broken file would
    /// give an empty mapping, i.e. no lanes, rather than a panic).
    pub fn builtin() -> &'static Mapping {
        static M: OnceLock<Mapping> = OnceLock::new();
        M.get_or_init(|| {
            Mapping::parse(BUILTIN).unwrap_or(Mapping {
                version: 0,
                datasets: BTreeMap::new(),
                seniority: Vec::new(),
                experience_codes: BTreeMap::new(),
                eu_levels: BTreeMap::new(),
                eu_cities: BTreeMap::new(),
                years_levels: Vec::new(),
                lane: Vec::new(),
                languages: BTreeMap::new(),
                bls: Vec::new(),
                lane_words: Vec::new(),
                seniority_words: Vec::new(),
            })
        })
    }

    /// The label, kind and basis of dataset `id`.
    pub fn dataset(&self, id: &str) -> Option<&DatasetInfo> {
        self.datasets.get(id)
    }

    /// Every dataset id with its label, in id order.
    pub fn datasets(&self) -> impl Iterator<Item = (&str, &DatasetInfo)> {
        self.datasets.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Lane of a title, or None.
    pub fn lane(&self, title: &str) -> Option<String> {
        let t = words(title);
        self.lane_words
            .iter()
            .zip(&self.lane)
            .find(|(p, _)| contains_words(&t, p))
            .map(|(_, r)| r.lane.clone())
    }

    /// Seniority from title words, falling back to a dataset level code (EN/MI/SE/EX).
    pub fn seniority(&self, title: &str, code: Option<&str>) -> Option<String> {
        let t = words(title);
        self.seniority_words
            .iter()
            .zip(&self.seniority)
            .find(|(p, _)| contains_words(&t, p))
            .map(|(_, r)| r.level.clone())
            .or_else(|| code.and_then(|c| self.experience_codes.get(c.trim()).cloned()))
    }

    /// Seniority of an EU-survey "Seniority level" answer (whole answer), or None.
    pub fn eu_level(&self, answer: &str) -> Option<String> {
        self.eu_levels
            .get(answer.trim().to_lowercase().as_str())
            .cloned()
    }

    /// Country code of an EU-survey "City" answer (whole answer), or None.
    pub fn city_country(&self, answer: &str) -> Option<String> {
        self.eu_cities
            .get(answer.trim().to_lowercase().as_str())
            .cloned()
    }

    /// Seniority from years of experience (levels.fyi), or None for a negative or non-finite
    /// figure.
    pub fn years_level(&self, years: f64) -> Option<String> {
        if !years.is_finite() || years < 0.0 {
            return None;
        }
        self.years_levels
            .iter()
            .find(|r| years < r.below)
            .map(|r| r.level.clone())
    }

    /// Canonical language id of a free-text answer: the whole answer, else its first part
    /// split on '/', ',', '+', '&', '(' or ':', else that part's first word.
    pub fn language(&self, text: &str) -> Option<String> {
        let t = text.trim().to_lowercase();
        if let Some(id) = self.languages.get(&t) {
            return Some(id.clone());
        }
        let first = t.split(['/', ',', '+', '&', '(', ':']).next()?.trim();
        if let Some(id) = self.languages.get(first) {
            return Some(id.clone());
        }
        let word = first.split_whitespace().next()?;
        self.languages.get(word).cloned()
    }

    /// Every canonical language id the mapping can give (for checks against the taxonomy).
    pub fn language_ids(&self) -> impl Iterator<Item = &str> {
        self.languages.values().map(String::as_str)
    }

    /// Lane of a BLS detailed occupation code when it is one of the tech occupations kept.
    pub fn bls_lane(&self, code: &str) -> Option<String> {
        let code = code.trim();
        self.bls
            .iter()
            .find(|r| r.code == code)
            .map(|r| r.lane.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_words_only() {
        let m = Mapping::builtin();
        assert_eq!(m.seniority("International Sales Engineer", None), None);
        assert_eq!(m.seniority("Internal Tools Engineer", None), None);
        assert_eq!(
            m.seniority("Software Engineering Intern", None).as_deref(),
            Some("intern")
        );
        assert_eq!(m.lane("HTML Developer"), None);
        assert_eq!(m.lane("Maintenance Engineer"), None);
        assert_eq!(m.lane("Sr. ML Engineer").as_deref(), Some("ai_ml"));
        assert_eq!(
            m.seniority("Sr. ML Engineer", None).as_deref(),
            Some("senior")
        );
        assert_eq!(m.lane("Front-End Developer").as_deref(), Some("frontend"));
        assert_eq!(m.lane("Biostatistician"), None);
        assert_eq!(m.lane("Database Administrator"), None);
        assert_eq!(m.lane("Latest Tester"), Some("qa".into()));
        assert_eq!(m.lane("Contest Judge"), None);
        assert_eq!(
            m.lane("Distributed Systems (Back-End)").as_deref(),
            Some("backend")
        );
        assert_eq!(m.lane("Business Analyst").as_deref(), Some("other_non_eng"));
        assert_eq!(
            m.seniority("Principal Engineer", None).as_deref(),
            Some("staff")
        );
    }

    #[test]
    fn levels_from_answers_and_years() {
        let m = Mapping::builtin();
        assert_eq!(m.eu_level(" Middle ").as_deref(), Some("mid"));
        assert_eq!(m.eu_level("Head").as_deref(), Some("manager"));
        assert_eq!(m.eu_level("no idea, there are no ranges in the firm"), None);
        assert_eq!(m.years_level(0.0).as_deref(), Some("junior"));
        assert_eq!(m.years_level(4.5).as_deref(), Some("mid"));
        assert_eq!(m.years_level(12.0).as_deref(), Some("senior"));
        assert_eq!(m.years_level(-1.0), None);
        assert_eq!(m.years_level(f64::NAN), None);
    }

    #[test]
    fn free_text_languages() {
        let m = Mapping::builtin();
        for (answer, id) in [
            ("Python", Some("python")),
            ("pythin", Some("python")),
            ("Javascript / Typescript", Some("javascript")),
            ("TypeScript, React", Some("typescript")),
            ("C# .NET", Some("csharp")),
            ("С#", Some("csharp")),
            ("Java Backend", Some("java")),
            ("Python (Django)", Some("python")),
            ("Go/Python", Some("go")),
            ("Golang", Some("go")),
            ("Swift, objective-c", Some("swift")),
            ("Embedded C++", Some("cpp")),
            ("Kubernetes", None),
            ("AWS, GCP, Python,K8s", None),
            ("", None),
            ("--", None),
        ] {
            assert_eq!(m.language(answer).as_deref(), id, "{answer:?}");
        }
    }

    #[test]
    fn bls_codes_of_three_code_sets_share_lanes() {
        let m = Mapping::builtin();
        for code in ["15-1252", "15-1256", "15-1132", "15-1133"] {
            assert_eq!(m.bls_lane(code).as_deref(), Some("backend"), "{code}");
        }
        for code in ["15-1245", "15-1242", "15-1141"] {
            assert_eq!(m.bls_lane(code).as_deref(), Some("data"), "{code}");
        }
        assert_eq!(m.bls_lane("15-1257").as_deref(), Some("frontend"));
        // Aggregates and non-tech occupations are not kept.
        assert_eq!(m.bls_lane("15-1250"), None);
        assert_eq!(m.bls_lane("15-1200"), None);
        assert_eq!(m.bls_lane("29-1141"), None);
    }
}
