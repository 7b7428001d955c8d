//! Query parameters, checked once: the raw query string is decoded into name/value pairs and
//! every later read goes through [`Params`], which rejects unknown names, over-long values and
//! over-long lists with a 400 naming the parameter. Empty values count as absent, so a GET form
//! with blank optional fields means "use the default", as on the command line.

use crate::error::ApiError;
use std::str::FromStr;

/// Longest accepted query string, in bytes.
pub const MAX_QUERY_BYTES: usize = 4096;
/// Longest accepted parameter value, in characters.
pub const MAX_VALUE_CHARS: usize = 200;
/// Most values a list parameter may hold.
pub const MAX_LIST: usize = 20;

/// The decoded parameters of one request.
#[derive(Debug, Clone, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Decodes `query`, accepting only the names in `allowed`.
    pub fn parse(query: Option<&str>, allowed: &[&str]) -> Result<Params, ApiError> {
        let query = query.unwrap_or_default();
        if query.len() > MAX_QUERY_BYTES {
            return Err(ApiError::bad(
                "query",
                format!("the query string is longer than {MAX_QUERY_BYTES} bytes"),
            ));
        }
        let mut pairs = Vec::new();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if !allowed.contains(&name.as_ref()) {
                let name: String = name.chars().take(40).collect();
                return Err(ApiError::bad(
                    name.clone(),
                    format!(
                        "unknown parameter {name:?}; this endpoint takes: {}",
                        allowed.join(", ")
                    ),
                ));
            }
            if value.chars().count() > MAX_VALUE_CHARS {
                return Err(ApiError::bad(
                    name.as_ref(),
                    format!("{name}: longer than {MAX_VALUE_CHARS} characters"),
                ));
            }
            let value = value.trim();
            if !value.is_empty() {
                pairs.push((name.into_owned(), value.to_string()));
            }
        }
        Ok(Params { pairs })
    }

    /// The value of `name` (the last one when repeated).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The value of `name`, which must be present.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.get(name)
            .ok_or_else(|| ApiError::bad(name, format!("{name} is required")))
    }

    /// Every value of `name`, repeated or comma-separated, at most [`MAX_LIST`].
    pub fn list(&self, name: &str) -> Result<Vec<String>, ApiError> {
        let values: Vec<String> = self
            .pairs
            .iter()
            .filter(|(key, _)| key == name)
            .flat_map(|(_, value)| value.split(','))
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect();
        if values.len() > MAX_LIST {
            return Err(ApiError::bad(
                name,
                format!("{name}: at most {MAX_LIST} values"),
            ));
        }
        Ok(values)
    }

    /// `name` parsed as a `T`, when present.
    pub fn parsed<T: FromStr>(&self, name: &str) -> Result<Option<T>, ApiError> {
        self.get(name)
            .map(|value| {
                value.parse::<T>().map_err(|_| {
                    ApiError::bad(
                        name,
                        format!("{name} {value:?} is not a valid {}", kind::<T>()),
                    )
                })
            })
            .transpose()
    }

    /// `name` as a finite number, when present.
    pub fn number(&self, name: &str) -> Result<Option<f64>, ApiError> {
        match self.parsed::<f64>(name)? {
            Some(value) if !value.is_finite() => {
                Err(ApiError::bad(name, format!("{name}: not a finite number")))
            }
            other => Ok(other),
        }
    }

    /// A checkbox or flag: absent is false; `on`, `true`, `1`, `yes` are true; `false`, `0`,
    /// `no`, `off` are false.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.get(name).map(str::to_ascii_lowercase).as_deref() {
            None => Ok(false),
            Some("on" | "true" | "1" | "yes") => Ok(true),
            Some("off" | "false" | "0" | "no") => Ok(false),
            Some(other) => Err(ApiError::bad(
                name,
                format!("{name} {other:?}: write true or false"),
            )),
        }
    }

    /// These parameters with `name` set to `value` (a page's default).
    pub fn with(&self, name: &str, value: &str) -> Params {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(key, _)| key != name)
            .cloned()
            .collect();
        pairs.push((name.to_string(), value.to_string()));
        Params { pairs }
    }

    /// Every value of `name` joined with commas, for refilling a form field.
    pub fn list_text(&self, name: &str) -> String {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// The pairs in a canonical order, as a cache key.
    pub fn canonical(&self) -> String {
        let mut pairs = self.pairs.clone();
        pairs.sort();
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish()
    }
}

fn kind<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    if name.starts_with('u') || name.starts_with('i') {
        "whole number"
    } else if name.starts_with('f') {
        "number"
    } else {
        "value"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<Params, ApiError> {
        Params::parse(Some(query), &["lang", "since", "top", "remote"])
    }

    #[test]
    fn lists_come_repeated_or_comma_separated_and_blanks_are_absent() {
        let params =
            parse("lang=rust,go&lang=Python&since=&top=5").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            params.list("lang").ok(),
            Some(vec!["rust".into(), "go".into(), "Python".into()])
        );
        assert_eq!(params.get("since"), None);
        assert_eq!(params.parsed::<usize>("top").ok(), Some(Some(5)));
        assert_eq!(params.canonical(), "lang=Python&lang=rust%2Cgo&top=5");
    }

    #[test]
    fn bad_input_names_the_parameter() {
        let unknown = parse("nope=1").err();
        assert_eq!(unknown.as_ref().and_then(|e| e.parameter()), Some("nope"));
        let long = parse(&format!("since={}", "x".repeat(MAX_VALUE_CHARS + 1))).err();
        assert_eq!(long.as_ref().and_then(|e| e.parameter()), Some("since"));
        let many = parse(&"lang=a&".repeat(MAX_LIST + 1)).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            many.list("lang").err().as_ref().and_then(|e| e.parameter()),
            Some("lang")
        );
        let params = parse("top=-3&remote=maybe").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            params
                .parsed::<usize>("top")
                .err()
                .as_ref()
                .and_then(|e| e.parameter()),
            Some("top")
        );
        assert_eq!(
            params
                .flag("remote")
                .err()
                .as_ref()
                .and_then(|e| e.parameter()),
            Some("remote")
        );
        assert!(Params::parse(Some(&"a".repeat(MAX_QUERY_BYTES + 1)), &[]).is_err());
    }
}
