//! The portfolio project catalogue (`data/projects.toml`): each project with the taxonomy
//! technology ids and the lanes it proves, a one-line scope and an effort in weeks. The plan
//! chooses from it by the co-skills the market asks next to a language in a lane.
//!
//! Checked on load: unique ids, every technology id known to the extractor's taxonomy (so a
//! project and a posting name a skill the same way), every lane among the settings' lanes,
//! every language restriction a canonical language, effort 1..=8 weeks.

use crate::settings::Settings;
use crate::AdviseError;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The embedded catalogue.
pub const CATALOGUE_TOML: &str = include_str!("../data/projects.toml");

/// One portfolio project.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Project {
    pub id: String,
    pub title: String,
    pub scope: String,
    /// Taxonomy ids (technologies or languages) the project proves.
    pub technologies: Vec<String>,
    /// Lanes it proves.
    pub lanes: Vec<String>,
    pub effort_weeks: u32,
    /// When set, only for these languages.
    #[serde(default)]
    pub languages: Vec<String>,
}

impl Project {
    /// Whether the project makes sense in `language`.
    pub fn fits_language(&self, language: &str) -> bool {
        self.languages.is_empty() || self.languages.iter().any(|l| l == language)
    }
}

/// The catalogue file.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    pub version: String,
    pub source: String,
    #[serde(rename = "project")]
    pub projects: Vec<Project>,
}

impl Catalogue {
    /// Parses and checks a catalogue's text against the taxonomy and `settings`.
    pub fn parse(text: &str, settings: &Settings) -> Result<Catalogue, AdviseError> {
        let catalogue: Catalogue = toml::from_str(text).map_err(|e| AdviseError::Catalogue {
            project: None,
            why: e.to_string(),
        })?;
        let mut seen = HashSet::new();
        for project in &catalogue.projects {
            let bad = |why: String| AdviseError::Catalogue {
                project: Some(project.id.clone()),
                why,
            };
            if !seen.insert(project.id.as_str()) {
                return Err(bad("the id is used twice".into()));
            }
            if project.title.trim().is_empty() || project.scope.trim().is_empty() {
                return Err(bad("title and scope must not be empty".into()));
            }
            if !(1..=8).contains(&project.effort_weeks) {
                return Err(bad(format!(
                    "effort_weeks {} is outside 1..=8",
                    project.effort_weeks
                )));
            }
            if project.technologies.is_empty() || project.lanes.is_empty() {
                return Err(bad("name at least one technology and one lane".into()));
            }
            for id in &project.technologies {
                if hirepulse_extract::taxonomy::get().entry(id).is_none() {
                    return Err(bad(format!("technology {id:?} is not a taxonomy id")));
                }
            }
            for lane in &project.lanes {
                if !settings.lanes.contains(lane) {
                    return Err(bad(format!(
                        "lane {lane:?} is not one of the settings' lanes"
                    )));
                }
            }
            for language in &project.languages {
                if !hirepulse_extract::taxonomy::is_language(language) {
                    return Err(bad(format!(
                        "language {language:?} is not a canonical language id"
                    )));
                }
            }
        }
        Ok(catalogue)
    }

    /// The embedded catalogue, parsed and checked once.
    pub fn embedded() -> Result<&'static Catalogue, AdviseError> {
        static LOADED: LazyLock<Result<Catalogue, AdviseError>> = LazyLock::new(|| {
            let settings = Settings::embedded()?;
            Catalogue::parse(CATALOGUE_TOML, settings)
        });
        LOADED.as_ref().map_err(Clone::clone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> &'static Settings {
        Settings::embedded().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn embedded_catalogue_is_valid_against_the_taxonomy() {
        assert!(hirepulse_extract::taxonomy::load_error().is_none());
        let catalogue = Catalogue::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            (30..=60).contains(&catalogue.projects.len()),
            "{} projects",
            catalogue.projects.len()
        );
        // Every engineering lane can be proved by at least two projects.
        for lane in &settings().lanes {
            let n = catalogue
                .projects
                .iter()
                .filter(|p| p.lanes.contains(lane))
                .count();
            assert!(n >= 2, "lane {lane}: {n} projects");
        }
    }

    #[test]
    fn unknown_ids_lanes_and_efforts_are_rejected() {
        let project = |technologies: &str, lanes: &str, effort: u32, languages: &str| {
            format!(
                "version = \"t\"\nsource = \"t\"\n[[project]]\nid = \"p\"\ntitle = \"T\"\nscope = \"S\"\ntechnologies = [{technologies}]\nlanes = [{lanes}]\neffort_weeks = {effort}\nlanguages = [{languages}]\n"
            )
        };
        let ok = project("\"postgresql\", \"go\"", "\"backend\"", 2, "\"go\"");
        assert!(Catalogue::parse(&ok, settings()).is_ok());
        for (text, needle) in [
            (project("\"postgres\"", "\"backend\"", 2, ""), "postgres"),
            (project("\"docker\"", "\"sales\"", 2, ""), "sales"),
            (project("\"docker\"", "\"backend\"", 0, ""), "effort"),
            (
                project("\"docker\"", "\"backend\"", 2, "\"docker\""),
                "canonical language",
            ),
            (
                format!(
                    "{ok}{}",
                    ok.replace("version = \"t\"\nsource = \"t\"\n", "")
                ),
                "twice",
            ),
        ] {
            let err = Catalogue::parse(&text, settings())
                .err()
                .map(|e| e.to_string());
            assert!(
                err.as_deref().is_some_and(|e| e.contains(needle)),
                "{needle}: {err:?}"
            );
        }
    }
}
