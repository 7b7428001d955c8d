//! The technology taxonomy: canonical languages and the wider technologies named beside them.
//!
//! The vocabulary lives in `data/taxonomy.toml` (versioned, with its sources) because names and
//! aliases change by year while the matching rules in [`crate::languages`] do not. The file is
//! compiled in with `include_str!`, parsed and validated once on first use ([`std::sync::LazyLock`]):
//! ids and aliases must be unique, every `implies` must name a canonical language. A broken data
//! file is a build-time mistake, caught by this module's tests; at run time a broken file yields an
//! empty taxonomy (extraction finds nothing) rather than a panic, and [`load_error`] says why.

use serde::Deserialize;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

const TAXONOMY_TOML: &str = include_str!("../data/taxonomy.toml");

/// How an alias must appear in the text to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// Matched ASCII case-insensitively and always counted ("Golang").
    Any,
    /// Matched with exact case and always counted ("Go", "React").
    Cased,
    /// Matched with exact case; counted only with context (a list of technologies, a cue word).
    Weak,
}

/// One alias of an entry.
#[derive(Debug, Clone)]
pub struct Alias {
    pub text: String,
    pub kind: AliasKind,
}

/// One taxonomy entry: a canonical language or another technology.
#[derive(Debug, Clone)]
pub struct Entry {
    pub id: String,
    pub name: String,
    /// `language` for canonical languages; otherwise a technology category such as `database`.
    pub category: String,
    pub is_language: bool,
    pub aliases: Vec<Alias>,
    /// The canonical language this framework or runtime exists for (GUIDELINES.md list only).
    pub implies: Option<String>,
}

/// The parsed taxonomy.
#[derive(Debug, Default)]
pub struct Taxonomy {
    pub version: String,
    pub source: String,
    pub entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
}

/// Why the taxonomy data file was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TaxonomyError {
    #[error("data/taxonomy.toml does not parse: {0}")]
    Parse(String),
    #[error("data/taxonomy.toml: id `{0}` is used by two entries")]
    DuplicateId(String),
    #[error("data/taxonomy.toml: alias `{alias}` of `{id}` is also an alias of `{other}`")]
    DuplicateAlias {
        alias: String,
        id: String,
        other: String,
    },
    #[error("data/taxonomy.toml: `{id}` implies `{language}`, which is not a canonical language")]
    UnknownImplication { id: String, language: String },
    #[error("data/taxonomy.toml: `{0}` has an empty alias or no alias at all")]
    EmptyAlias(String),
    #[error("data/taxonomy.toml: technology `{0}` has no category")]
    MissingCategory(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: String,
    source: String,
    languages: Vec<RawEntry>,
    technologies: Vec<RawEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: String,
    name: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    cased: Vec<String>,
    #[serde(default)]
    weak: Vec<String>,
    #[serde(default)]
    implies: Option<String>,
}

/// Parses and validates a taxonomy file's text.
pub fn parse(text: &str) -> Result<Taxonomy, TaxonomyError> {
    let raw: RawFile = toml::from_str(text).map_err(|e| TaxonomyError::Parse(e.to_string()))?;
    let mut entries = Vec::new();
    let languages = raw.languages.into_iter().map(|e| (e, true));
    let technologies = raw.technologies.into_iter().map(|e| (e, false));
    for (raw_entry, is_language) in languages.chain(technologies) {
        let category = if is_language {
            "language".to_string()
        } else {
            raw_entry
                .category
                .clone()
                .ok_or_else(|| TaxonomyError::MissingCategory(raw_entry.id.clone()))?
        };
        let mut aliases = Vec::new();
        for (list, kind) in [
            (&raw_entry.aliases, AliasKind::Any),
            (&raw_entry.cased, AliasKind::Cased),
            (&raw_entry.weak, AliasKind::Weak),
        ] {
            for text in list {
                if text.trim().is_empty() {
                    return Err(TaxonomyError::EmptyAlias(raw_entry.id.clone()));
                }
                aliases.push(Alias {
                    text: text.clone(),
                    kind,
                });
            }
        }
        if aliases.is_empty() {
            return Err(TaxonomyError::EmptyAlias(raw_entry.id.clone()));
        }
        entries.push(Entry {
            id: raw_entry.id,
            name: raw_entry.name,
            category,
            is_language,
            aliases,
            implies: raw_entry.implies,
        });
    }
    let mut by_id = HashMap::new();
    for (idx, entry) in entries.iter().enumerate() {
        if by_id.insert(entry.id.clone(), idx).is_some() {
            return Err(TaxonomyError::DuplicateId(entry.id.clone()));
        }
    }
    // Aliases: a case-insensitive alias may not collide (ignoring case) with any other alias; two
    // exact-case aliases collide only when they are identical.
    let mut any_owner: HashMap<String, &str> = HashMap::new();
    let mut exact_owner: HashMap<&str, &str> = HashMap::new();
    for entry in &entries {
        for alias in &entry.aliases {
            let folded = alias.text.to_ascii_lowercase();
            let clash = match alias.kind {
                AliasKind::Any => any_owner.get(&folded).copied().or_else(|| {
                    exact_owner
                        .iter()
                        .find(|(text, _)| text.to_ascii_lowercase() == folded)
                        .map(|(_, id)| *id)
                }),
                AliasKind::Cased | AliasKind::Weak => any_owner
                    .get(&folded)
                    .copied()
                    .or_else(|| exact_owner.get(alias.text.as_str()).copied()),
            };
            if let Some(other) = clash {
                return Err(TaxonomyError::DuplicateAlias {
                    alias: alias.text.clone(),
                    id: entry.id.clone(),
                    other: other.to_string(),
                });
            }
            match alias.kind {
                AliasKind::Any => {
                    any_owner.insert(folded, &entry.id);
                }
                AliasKind::Cased | AliasKind::Weak => {
                    exact_owner.insert(&alias.text, &entry.id);
                }
            }
        }
    }
    let language_ids: HashSet<&str> = entries
        .iter()
        .filter(|e| e.is_language)
        .map(|e| e.id.as_str())
        .collect();
    for entry in &entries {
        if let Some(language) = &entry.implies {
            if entry.is_language || !language_ids.contains(language.as_str()) {
                return Err(TaxonomyError::UnknownImplication {
                    id: entry.id.clone(),
                    language: language.clone(),
                });
            }
        }
    }
    Ok(Taxonomy {
        version: raw.version,
        source: raw.source,
        entries,
        by_id,
    })
}

static LOADED: LazyLock<Result<Taxonomy, TaxonomyError>> = LazyLock::new(|| parse(TAXONOMY_TOML));
static EMPTY: LazyLock<Taxonomy> = LazyLock::new(Taxonomy::default);

/// The compiled-in taxonomy (empty if the data file is broken; see [`load_error`]).
pub fn get() -> &'static Taxonomy {
    match &*LOADED {
        Ok(taxonomy) => taxonomy,
        Err(_) => &EMPTY,
    }
}

/// Why the compiled-in taxonomy could not be loaded, if it could not.
pub fn load_error() -> Option<&'static TaxonomyError> {
    LOADED.as_ref().err()
}

impl Taxonomy {
    /// The entry with this id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&idx| &self.entries[idx])
    }
}

/// Every canonical language, in data-file order.
pub fn languages() -> impl Iterator<Item = &'static Entry> {
    get().entries.iter().filter(|e| e.is_language)
}

/// Every technology that is not a canonical language, in data-file order.
pub fn technologies() -> impl Iterator<Item = &'static Entry> {
    get().entries.iter().filter(|e| !e.is_language)
}

/// The category of an id (`language` for canonical languages), if the id is known.
pub fn category_of(id: &str) -> Option<&'static str> {
    get().entry(id).map(|e| e.category.as_str())
}

/// The display name of an id ("C++" for `cpp`), if the id is known.
pub fn display_name(id: &str) -> Option<&'static str> {
    get().entry(id).map(|e| e.name.as_str())
}

/// Whether `id` is a canonical language id.
pub fn is_language(id: &str) -> bool {
    get().entry(id).is_some_and(|e| e.is_language)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GUIDELINE_LANGUAGES: &str = "python javascript typescript java go rust c cpp csharp ruby \
        php kotlin swift objective_c scala elixir erlang clojure haskell ocaml fsharp r julia dart \
        lua perl sql shell powershell solidity matlab groovy zig nim crystal fortran cobol assembly \
        vba apex abap elm lisp prolog verilog vhdl cuda webassembly gleam mojo";

    #[test]
    fn data_file_parses_and_validates() {
        let taxonomy = parse(TAXONOMY_TOML).expect("taxonomy.toml is valid");
        assert!(!taxonomy.version.is_empty() && !taxonomy.source.is_empty());
        assert!(taxonomy.entries.len() >= 200, "{}", taxonomy.entries.len());
        assert!(load_error().is_none());
    }

    #[test]
    fn languages_are_exactly_the_guideline_ids() {
        let mut ours: Vec<&str> = languages().map(|e| e.id.as_str()).collect();
        let mut wanted: Vec<&str> = GUIDELINE_LANGUAGES.split_whitespace().collect();
        ours.sort_unstable();
        wanted.sort_unstable();
        assert_eq!(ours, wanted);
    }

    #[test]
    fn implications_are_the_guideline_ones() {
        let mut implied: Vec<(String, String)> = technologies()
            .filter_map(|e| e.implies.clone().map(|l| (e.id.clone(), l)))
            .collect();
        implied.sort();
        for (id, language) in &implied {
            assert!(is_language(language), "{id} implies unknown {language}");
        }
        let ids: Vec<&str> = implied.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "angular",
                "aspnet",
                "django",
                "dotnet",
                "fastapi",
                "flask",
                "jetpack_compose",
                "laravel",
                "nextjs",
                "nodejs",
                "numpy",
                "pandas",
                "phoenix",
                "rails",
                "react",
                "react_native",
                "spring",
                "svelte",
                "swiftui",
                "symfony",
                "vue"
            ]
        );
    }

    #[test]
    fn lookups() {
        assert_eq!(display_name("cpp"), Some("C++"));
        assert_eq!(category_of("go"), Some("language"));
        assert_eq!(category_of("postgresql"), Some("database"));
        assert_eq!(category_of("nope"), None);
    }

    #[test]
    fn rejects_bad_files() {
        let dup_alias = r#"version = "1"
source = "t"
languages = [ { id = "go", name = "Go", aliases = ["Golang"] } ]
technologies = [ { id = "x", name = "X", category = "c", cased = ["golang"] } ]"#;
        assert!(matches!(
            parse(dup_alias),
            Err(TaxonomyError::DuplicateAlias { .. })
        ));
        let bad_implies = r#"version = "1"
source = "t"
languages = [ { id = "go", name = "Go", aliases = ["Golang"] } ]
technologies = [ { id = "x", name = "X", category = "c", aliases = ["X"], implies = "cobol" } ]"#;
        assert!(matches!(
            parse(bad_implies),
            Err(TaxonomyError::UnknownImplication { .. })
        ));
        assert!(matches!(parse("nonsense = "), Err(TaxonomyError::Parse(_))));
    }
}
