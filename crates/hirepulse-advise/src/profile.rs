//! The person asking: years of experience, languages known with a rough depth, a goal, a
//! region, optional target lanes, remote-only and urgency. [`Profile`] deserialises from JSON
//! or a web form (languages as a list or as the CLI's `java:expert,python:basic` string);
//! [`Profile::check`] turns it into a [`CheckedProfile`] with canonical ids before any work, so
//! "C++", "golang" and "cpp" all mean `cpp`/`go` and an unknown language is an error that says so.

use crate::settings::{LevelBand, Settings};
use crate::AdviseError;
use hirepulse_reports::Region;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// How well a language is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Depth {
    Basic,
    Working,
    Expert,
}

impl FromStr for Depth {
    type Err = AdviseError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.trim().to_ascii_lowercase().as_str() {
            "basic" | "beginner" | "some" => Ok(Depth::Basic),
            "working" | "intermediate" | "good" => Ok(Depth::Working),
            "expert" | "advanced" | "strong" => Ok(Depth::Expert),
            _ => Err(AdviseError::Profile {
                field: "languages",
                why: format!("depth {value:?}: write basic, working or expert"),
            }),
        }
    }
}

impl fmt::Display for Depth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Depth::Basic => "basic",
            Depth::Working => "working",
            Depth::Expert => "expert",
        })
    }
}

/// What the person optimises for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Get hired fastest: the most postings open to them.
    Volume,
    /// The highest posted pay.
    Comp,
    /// Scarce skills: what employers pay a premium for and what is specific to a lane.
    Differentiation,
}

impl Goal {
    pub fn name(self) -> &'static str {
        match self {
            Goal::Volume => "volume",
            Goal::Comp => "comp",
            Goal::Differentiation => "differentiation",
        }
    }
}

impl FromStr for Goal {
    type Err = AdviseError;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        match value.trim().to_ascii_lowercase().as_str() {
            "volume" | "hired" | "jobs" => Ok(Goal::Volume),
            "comp" | "pay" | "compensation" => Ok(Goal::Comp),
            "differentiation" | "scarce" | "niche" => Ok(Goal::Differentiation),
            _ => Err(AdviseError::Profile {
                field: "goal",
                why: format!("{value:?}: choose volume, comp or differentiation"),
            }),
        }
    }
}

/// One language the person knows.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
pub struct Known {
    pub language: String,
    pub depth: Depth,
}

/// Languages as a list of `{language, depth}` or as one `java:expert,python:basic` string.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
enum KnownInput {
    List(Vec<Known>),
    Text(String),
}

fn known_languages<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<Known>, D::Error> {
    match KnownInput::deserialize(deserializer)? {
        KnownInput::List(list) => Ok(list),
        KnownInput::Text(text) => parse_known(&text).map_err(serde::de::Error::custom),
    }
}

/// Parses `java:expert,python:basic` (depth defaults to working when left out).
pub fn parse_known(text: &str) -> Result<Vec<Known>, AdviseError> {
    let mut out = Vec::new();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (language, depth) = match item.rsplit_once(':') {
            Some((language, depth)) => (language.trim(), depth.parse()?),
            None => (item, Depth::Working),
        };
        out.push(Known {
            language: language.to_string(),
            depth,
        });
    }
    Ok(out)
}

/// Lanes as a list or as one `backend,data` string (a web form field).
#[derive(Deserialize)]
#[serde(untagged)]
enum LanesInput {
    List(Vec<String>),
    Text(String),
}

fn lanes_list<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    Ok(match LanesInput::deserialize(deserializer)? {
        LanesInput::List(list) => list,
        LanesInput::Text(text) => text
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
    })
}

/// A flag as a boolean or as a form checkbox's text (`on`, `true`, `1`, `yes`; empty, `off`,
/// `false`, `0`, `no`).
#[derive(Deserialize)]
#[serde(untagged)]
enum FlagInput {
    Bool(bool),
    Text(String),
}

fn flag<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match FlagInput::deserialize(deserializer)? {
        FlagInput::Bool(value) => Ok(value),
        FlagInput::Text(text) => match text.trim().to_ascii_lowercase().as_str() {
            "on" | "true" | "1" | "yes" => Ok(true),
            "" | "off" | "false" | "0" | "no" => Ok(false),
            other => Err(serde::de::Error::custom(format!(
                "remote_only {other:?}: write true or false"
            ))),
        },
    }
}

fn default_region() -> String {
    "us".into()
}

/// The person asking, as a form or the CLI gives it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Profile {
    /// Years of professional experience.
    pub years: f64,
    /// Languages known, with depth.
    #[serde(default, deserialize_with = "known_languages")]
    pub languages: Vec<Known>,
    pub goal: Goal,
    /// `us` (a US place or US-eligible remote) or a two-letter country code.
    #[serde(default = "default_region")]
    pub region: String,
    /// Only these lanes (empty: all engineering lanes); a list or `backend,data`.
    #[serde(default, deserialize_with = "lanes_list")]
    pub lanes: Vec<String>,
    /// Only remote postings count (a boolean, or a checkbox's `on`).
    #[serde(default, deserialize_with = "flag")]
    pub remote_only: bool,
    /// Weeks until a job is needed (none: no deadline).
    #[serde(default)]
    pub urgency_weeks: Option<u32>,
}

/// A profile with canonical ids, its level band and its checked region.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckedProfile {
    pub years: f64,
    /// Canonical language ids with depth, strongest first.
    pub languages: Vec<Known>,
    pub goal: Goal,
    pub region: Region,
    /// Lane ids (empty: all).
    pub lanes: Vec<String>,
    pub remote_only: bool,
    pub urgency_weeks: Option<u32>,
    /// The level band of `years`.
    pub band: LevelBand,
}

impl CheckedProfile {
    /// The depth the person knows `language` at, if they know it.
    pub fn depth(&self, language: &str) -> Option<Depth> {
        self.languages
            .iter()
            .find(|k| k.language == language)
            .map(|k| k.depth)
    }
}

/// The canonical language id of a name: an id, a display name or an always-counted alias of
/// the extractor's taxonomy, compared case-insensitively ("C++", "golang", "cpp" → `cpp`, `go`).
pub fn language_id(name: &str) -> Option<&'static str> {
    use hirepulse_extract::taxonomy::{self, AliasKind};
    let wanted = name.trim().to_lowercase();
    if wanted.is_empty() {
        return None;
    }
    taxonomy::languages()
        .find(|entry| {
            entry.id == wanted
                || entry.name.to_lowercase() == wanted
                || entry
                    .aliases
                    .iter()
                    .any(|a| a.kind != AliasKind::Weak && a.text.to_lowercase() == wanted)
        })
        .map(|entry| entry.id.as_str())
}

impl Profile {
    /// Checked against `settings`: years in 0..=60, known languages, lanes among the
    /// settings' lanes, a region code.
    pub fn check(&self, settings: &Settings) -> Result<CheckedProfile, AdviseError> {
        if !self.years.is_finite() || !(0.0..=60.0).contains(&self.years) {
            return Err(AdviseError::Profile {
                field: "years",
                why: format!("{}: write the years of experience, 0 to 60", self.years),
            });
        }
        let mut languages: Vec<Known> = Vec::new();
        for known in &self.languages {
            let id = language_id(&known.language).ok_or_else(|| AdviseError::Profile {
                field: "languages",
                why: format!(
                    "{:?} is not a language the taxonomy knows (e.g. python, java, go, cpp, typescript)",
                    known.language
                ),
            })?;
            match languages.iter_mut().find(|k| k.language == id) {
                Some(existing) => existing.depth = existing.depth.max(known.depth),
                None => languages.push(Known {
                    language: id.to_string(),
                    depth: known.depth,
                }),
            }
        }
        languages.sort_by(|a, b| b.depth.cmp(&a.depth).then(a.language.cmp(&b.language)));
        let mut lanes = Vec::new();
        for lane in &self.lanes {
            // Separators do not matter: "Back-end", "back end" and "backend" are one lane.
            let bare = |text: &str| text.to_lowercase().replace(['-', ' ', '_', '/'], "");
            let wanted = bare(lane.trim());
            if wanted.is_empty() {
                continue;
            }
            let id = settings
                .lanes
                .iter()
                .find(|id| bare(id) == wanted)
                .ok_or_else(|| AdviseError::Profile {
                    field: "lanes",
                    why: format!("{lane:?}: choose from {}", settings.lanes.join(", ")),
                })?;
            if !lanes.contains(id) {
                lanes.push(id.clone());
            }
        }
        let region: Region = self.region.parse().map_err(|_| AdviseError::Profile {
            field: "region",
            why: format!("{:?}: write us or a two-letter country code", self.region),
        })?;
        let band = settings
            .band(self.years)
            .cloned()
            .ok_or_else(|| AdviseError::Profile {
                field: "years",
                why: format!("no level band covers {} years", self.years),
            })?;
        Ok(CheckedProfile {
            years: self.years,
            languages,
            goal: self.goal,
            region,
            lanes,
            remote_only: self.remote_only,
            urgency_weeks: self.urgency_weeks,
            band,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> &'static Settings {
        Settings::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn profile_from_json_with_a_language_string_or_list() {
        let text = r#"{"years": 4, "languages": "Java:expert, python:basic", "goal": "comp"}"#;
        let profile: Profile = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(profile.region, "us");
        let checked = profile.check(settings()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.depth("java"), Some(Depth::Expert));
        assert_eq!(checked.depth("python"), Some(Depth::Basic));
        assert_eq!(checked.band.label, "mid to senior");
        let text = r#"{"years": 1, "languages": [{"language": "C++", "depth": "working"}, {"language": "golang", "depth": "basic"}], "goal": "volume", "lanes": ["Back-end"], "remote_only": true, "urgency_weeks": 6, "region": "de"}"#;
        let profile: Profile = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        let checked = profile.check(settings()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.depth("cpp"), Some(Depth::Working));
        assert_eq!(checked.depth("go"), Some(Depth::Basic));
        assert_eq!(checked.region, Region::Country("DE".into()));
        assert_eq!(checked.lanes, ["backend"]);
        // What a web form sends: strings everywhere but the numbers.
        let text = r#"{"years": 2.5, "languages": "go", "goal": "differentiation", "lanes": "infra, Back-end", "remote_only": "on"}"#;
        let profile: Profile = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}"));
        assert!(profile.remote_only);
        let checked = profile.check(settings()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(checked.lanes, ["infra", "backend"]);
        assert!(serde_json::from_str::<Profile>(
            r#"{"years": 1, "goal": "comp", "remote_only": "maybe"}"#
        )
        .is_err());
        assert!(serde_json::from_str::<Profile>(
            r#"{"years": 1, "goal": "comp", "remote_only": ""}"#
        )
        .is_ok_and(|p| !p.remote_only));
    }

    #[test]
    fn bad_profiles_say_which_field() {
        let base = Profile {
            years: 3.0,
            languages: Vec::new(),
            goal: Goal::Volume,
            region: "us".into(),
            lanes: Vec::new(),
            remote_only: false,
            urgency_weeks: None,
        };
        let field = |p: Profile| match p.check(settings()) {
            Err(AdviseError::Profile { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            field(Profile {
                years: -1.0,
                ..base.clone()
            }),
            "years"
        );
        assert_eq!(
            field(Profile {
                years: f64::NAN,
                ..base.clone()
            }),
            "years"
        );
        assert_eq!(
            field(Profile {
                languages: parse_known("klingon:expert").unwrap_or_default(),
                ..base.clone()
            }),
            "languages"
        );
        assert_eq!(
            field(Profile {
                lanes: vec!["sales".into()],
                ..base.clone()
            }),
            "lanes"
        );
        assert_eq!(
            field(Profile {
                region: "Germany".into(),
                ..base.clone()
            }),
            "region"
        );
        assert!(parse_known("java:guru").is_err());
        assert_eq!(
            parse_known("rust").ok(),
            Some(vec![Known {
                language: "rust".into(),
                depth: Depth::Working
            }])
        );
        assert!("salary".parse::<Goal>().is_err());
    }
}
