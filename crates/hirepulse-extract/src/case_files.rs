//! The one `check` for the field case files under `testdata/` (tests only).
//!
//! Each `[[case]]` holds the posting `text`, an optional second input (`title` for lanes and
//! seniority, `given` for company) and the `expect`ed value, so a rule's cases read as data and
//! every field checks them the same way.

use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::fmt::Debug;

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned + Default")]
struct Case<T> {
    text: String,
    #[serde(alias = "given")]
    title: Option<String>,
    #[serde(default)]
    expect: T,
}

#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned + Default")]
struct Cases<T> {
    case: Vec<Case<T>>,
}

/// Runs `find` on every case of the TOML `raw` and asserts it returns `expect`.
pub(crate) fn check<T>(name: &str, raw: &str, find: impl Fn(&str, Option<&str>) -> T)
where
    T: DeserializeOwned + Default + PartialEq + Debug,
{
    let cases: Cases<T> = toml::from_str(raw).unwrap_or_else(|e| panic!("{name} cases: {e}"));
    for case in cases.case {
        assert_eq!(
            find(&case.text, case.title.as_deref()),
            case.expect,
            "{name}: text: {:?}",
            case.text
        );
    }
}
