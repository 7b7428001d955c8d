//! The settings of `advise` as data: windows, evidence thresholds, the years → level bands,
//! the lanes, the depth values and the scoring weights per goal, from `data/advise.toml`
//! (embedded at compile time, parsed and checked once).
//!
//! Why data: the weights and bands are judgements that change more often than the code, and a
//! reader must be able to see and dispute them; every output prints the weights it used.

use crate::AdviseError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The embedded settings file.
pub const SETTINGS_TOML: &str = include_str!("../data/advise.toml");
/// Its path in the repository, for messages.
pub const SETTINGS_PATH: &str = "crates/hirepulse-advise/data/advise.toml";

/// `data/advise.toml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub version: String,
    pub source: String,
    pub windows: Windows,
    pub evidence: Evidence,
    pub levels: Vec<LevelBand>,
    pub lanes: Vec<String>,
    pub depth: ByDepth<f64>,
    pub ramp_weeks: ByDepth<u32>,
    pub hireable_weeks: ByDepth<u32>,
    pub goals: BTreeMap<String, Weights>,
    pub remote: RemoteWeight,
    pub urgency: Urgency,
    pub risks: RiskThresholds,
    pub coskills: CoskillSettings,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Windows {
    pub demand_months: u32,
    pub pay_months: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    pub min_demand: u64,
    pub min_pay_n: usize,
    pub min_coskill_support: u64,
    pub max_options: usize,
    pub max_per_language: usize,
}

/// Years of experience from `min_years` (up to the next band) → the posting levels that fit.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LevelBand {
    pub label: String,
    pub min_years: f64,
    pub levels: Vec<String>,
}

/// One value per depth of knowing a language (`none` = not known).
#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ByDepth<T> {
    pub none: T,
    pub basic: T,
    pub working: T,
    pub expert: T,
}

/// The weight of each score component (see `score.rs`).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    pub demand: f64,
    pub growth: f64,
    pub pay: f64,
    pub premium: f64,
    pub specialization: f64,
    pub concentration: f64,
    pub breadth: f64,
    pub familiarity: f64,
    #[serde(default)]
    pub remote_share: f64,
}

impl Weights {
    /// `(name, weight)` in a fixed order.
    pub fn pairs(&self) -> [(&'static str, f64); 9] {
        [
            ("demand", self.demand),
            ("growth", self.growth),
            ("pay", self.pay),
            ("premium", self.premium),
            ("specialization", self.specialization),
            ("concentration", self.concentration),
            ("breadth", self.breadth),
            ("familiarity", self.familiarity),
            ("remote_share", self.remote_share),
        ]
    }

    pub fn sum(&self) -> f64 {
        self.pairs().iter().map(|(_, w)| w).sum()
    }

    /// The same weights scaled to sum to 1 (unchanged when the sum is not positive).
    pub fn normalised(mut self) -> Weights {
        let sum = self.sum();
        if sum > 0.0 && sum.is_finite() {
            for weight in self.fields_mut() {
                *weight /= sum;
            }
        }
        self
    }

    fn fields_mut(&mut self) -> [&mut f64; 9] {
        [
            &mut self.demand,
            &mut self.growth,
            &mut self.pay,
            &mut self.premium,
            &mut self.specialization,
            &mut self.concentration,
            &mut self.breadth,
            &mut self.familiarity,
            &mut self.remote_share,
        ]
    }
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteWeight {
    pub remote_share: f64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Urgency {
    pub horizon_weeks: u32,
    pub demand_shift: f64,
    pub familiarity_shift: f64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RiskThresholds {
    pub concentrated_top10_share: f64,
    pub few_effective_companies: f64,
    pub narrow_effective_lanes: f64,
    pub low_disclosure: f64,
    pub few_named_level: u64,
    pub named_level_share: f64,
    pub low_remote_share: f64,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CoskillSettings {
    pub lift_min: f64,
    pub lift_max: f64,
    pub listed: usize,
}

impl Settings {
    /// Parses and checks a settings file's text.
    pub fn parse(text: &str) -> Result<Settings, AdviseError> {
        let bad = |why: String| AdviseError::Settings { why };
        let settings: Settings = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        if settings.levels.is_empty() {
            return Err(bad("no [[levels]] band".into()));
        }
        if settings.levels.first().map(|b| b.min_years) != Some(0.0) {
            return Err(bad(
                "the first [[levels]] band must start at min_years = 0".into()
            ));
        }
        for pair in settings.levels.windows(2) {
            if let [a, b] = pair {
                if b.min_years <= a.min_years {
                    return Err(bad(format!(
                        "[[levels]] bands must rise: {} after {}",
                        b.min_years, a.min_years
                    )));
                }
            }
        }
        if settings.levels.iter().any(|b| b.levels.is_empty()) {
            return Err(bad("a [[levels]] band names no level".into()));
        }
        for goal in ["volume", "comp", "differentiation"] {
            let weights = settings
                .goals
                .get(goal)
                .ok_or_else(|| bad(format!("[goals.{goal}] is missing")))?;
            if weights
                .pairs()
                .iter()
                .any(|(_, w)| !w.is_finite() || *w < 0.0)
            {
                return Err(bad(format!(
                    "[goals.{goal}] has a negative or non-finite weight"
                )));
            }
            if weights.sum() <= 0.0 {
                return Err(bad(format!("[goals.{goal}] weights sum to 0")));
            }
        }
        if settings.windows.demand_months == 0 || settings.windows.pay_months == 0 {
            return Err(bad("[windows] months must be at least 1".into()));
        }
        if settings.urgency.horizon_weeks == 0 {
            return Err(bad("[urgency] horizon_weeks must be at least 1".into()));
        }
        if settings.lanes.is_empty() {
            return Err(bad("`lanes` is empty".into()));
        }
        Ok(settings)
    }

    /// The embedded settings, parsed once.
    pub fn embedded() -> Result<&'static Settings, AdviseError> {
        static LOADED: LazyLock<Result<Settings, AdviseError>> =
            LazyLock::new(|| Settings::parse(SETTINGS_TOML));
        LOADED.as_ref().map_err(Clone::clone)
    }

    /// The band for `years` of experience.
    pub fn band(&self, years: f64) -> Option<&LevelBand> {
        self.levels
            .iter()
            .rev()
            .find(|band| years >= band.min_years)
    }
}

impl<T: Copy> ByDepth<T> {
    /// The value for a depth (`None` = not known).
    pub fn get(&self, depth: Option<crate::profile::Depth>) -> T {
        use crate::profile::Depth;
        match depth {
            None => self.none,
            Some(Depth::Basic) => self.basic,
            Some(Depth::Working) => self.working,
            Some(Depth::Expert) => self.expert,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_settings_parse_and_bands_cover_every_year() {
        let settings = Settings::embedded().unwrap_or_else(|e| panic!("{e}"));
        for years in [0.0, 0.5, 1.9, 2.0, 4.0, 6.9, 7.0, 30.0] {
            assert!(settings.band(years).is_some(), "{years}");
        }
        assert_eq!(
            settings.band(4.0).map(|b| b.label.as_str()),
            Some("mid to senior")
        );
        assert_eq!(
            settings.band(1.0).map(|b| b.levels.clone()),
            Some(vec!["intern".to_string(), "junior".to_string()])
        );
        let lanes = hirepulse_lanes();
        for lane in &settings.lanes {
            assert!(
                lanes.contains(&lane.as_str()),
                "{lane} is not an extractor lane"
            );
        }
    }

    /// The lane ids the extractor writes (roles.toml `[lanes]`).
    fn hirepulse_lanes() -> Vec<&'static str> {
        vec![
            "ai_ml",
            "data",
            "backend",
            "frontend",
            "fullstack",
            "mobile",
            "infra",
            "systems",
            "security",
            "crypto",
            "qa",
            "game",
            "design",
            "product",
            "other_non_eng",
        ]
    }

    #[test]
    fn bad_settings_are_rejected_with_a_reason() {
        let broken = SETTINGS_TOML.replace("min_years = 0\n", "min_years = 1\n");
        let err = Settings::parse(&broken).err().map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("min_years = 0")),
            "{err:?}"
        );
        let broken =
            SETTINGS_TOML.replace("[goals.comp]\ndemand = 0.10", "[goals.comp]\ndemand = -1.0");
        assert!(Settings::parse(&broken).is_err());
        assert!(Settings::parse("version = 1").is_err());
    }
}
