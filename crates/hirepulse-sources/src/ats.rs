//! What the job-board readers (`greenhouse`, `lever`, `ashby`) share: a board is one JSON document
//! holding a list of jobs, and each job is one record.
//!
//! The three APIs publish a whole board in one response, so a cached board is read whole (like
//! an Algolia thread or a JSON-LD file) and walked as untyped JSON: one malformed job is that
//! job's error (named by its 1-based position in the list), never the board's. Each reader only
//! says where the list is and how one job becomes a [`Posting`]; the limits on raw and normalised
//! text, the invalid-UTF-8 rule and the pay-field helpers live here so that the three agree.

use crate::common::{self, Document};
use crate::{Event, Origin, Posting, RecordError};
use serde_json::Value;
use std::io::BufRead;

/// Reads a board document: `jobs` finds the list in the parsed document (`Err` says what is
/// missing), `job` turns one entry into a posting (`Err` is that record's reason).
pub(crate) fn read_board<'a>(
    file: &str,
    mut input: Box<dyn BufRead + 'a>,
    jobs: fn(&Value) -> Result<&[Value], String>,
    job: fn(&Value) -> Result<Posting, String>,
) -> Box<dyn Iterator<Item = Event> + 'a> {
    let error = |record: u64, reason: String| {
        Event::Error(RecordError {
            origin: Origin {
                file: file.to_string(),
                record,
            },
            reason,
        })
    };
    let document: Document = match common::read_document(&mut input) {
        Ok(document) => document,
        Err(reason) => return Box::new(std::iter::once(error(1, reason))),
    };
    let root: Value = match serde_json::from_str(&document.text) {
        Ok(root) => root,
        Err(err) => return Box::new(std::iter::once(error(1, format!("invalid JSON: {err}")))),
    };
    let list = match jobs(&root) {
        Ok(list) => list,
        Err(reason) => return Box::new(std::iter::once(error(1, reason))),
    };
    let events: Vec<Event> = list
        .iter()
        .enumerate()
        .map(|(job_idx, value)| {
            let record = job_idx as u64 + 1;
            match job(value).and_then(|posting| check(posting, document.had_invalid_utf8)) {
                Ok(posting) => Event::Posting(Box::new(posting)),
                Err(reason) => error(record, reason),
            }
        })
        .collect();
    Box::new(events.into_iter())
}

/// The shared limits every posting must pass.
fn check(posting: Posting, had_invalid_utf8: bool) -> Result<Posting, String> {
    let what = format!("job {}", posting.source_id);
    if had_invalid_utf8 && posting.raw.contains('\u{FFFD}') {
        return Err(format!("{what} text holds invalid UTF-8"));
    }
    common::check_raw(&what, &posting.raw)?;
    common::check_text(&what, &posting.text)?;
    Ok(posting)
}

/// The list under `key` of an object.
pub(crate) fn list_at<'v>(root: &'v Value, key: &str) -> Result<&'v [Value], String> {
    root.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .ok_or_else(|| format!("the document has no \"{key}\" list"))
}

/// A job id: a non-empty string or a whole number.
pub(crate) fn id_of(job: &Value, key: &str) -> Result<String, String> {
    match job.get(key) {
        Some(Value::String(id)) if !id.trim().is_empty() => Ok(id.trim().to_string()),
        Some(Value::Number(id)) if id.as_u64().is_some() => Ok(id.to_string()),
        Some(other) => Err(format!("job has a bad \"{key}\": {other}")),
        None => Err(format!("job has no \"{key}\"")),
    }
}

/// A trimmed non-empty string at `key`.
pub(crate) fn text_at(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .and_then(common::non_empty)
}

/// A positive finite number from a JSON number or a numeric string (`"165000.0"`, `"85,000"`).
pub(crate) fn number_of(value: Option<&Value>) -> Option<f64> {
    let number = match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', "").parse::<f64>().ok(),
        _ => None,
    }?;
    (number.is_finite() && number > 0.0).then_some(number)
}

/// The pay period a free-form interval names (`per-year-salary`, `1 YEAR`, `Hourly pay`), if
/// any, by whole words (so `holiday` is not a day).
pub(crate) fn period_of(words: &str) -> Option<String> {
    let lower = words.to_ascii_lowercase();
    lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .find_map(|word| {
            Some(match word {
                "hour" | "hourly" | "hr" => "hour",
                "day" | "daily" => "day",
                "week" | "weekly" => "week",
                "month" | "monthly" => "month",
                "year" | "yearly" | "annual" | "annually" | "annum" | "yr" => "year",
                _ => return None,
            })
        })
        .map(str::to_string)
}

/// Locations joined with `; `, with `Remote` added when the board flags the job remote and no
/// location says so already (as JSON-LD's `TELECOMMUTE` and JobSpy's `is_remote` do).
pub(crate) fn join_locations(mut places: Vec<String>, remote: bool) -> Option<String> {
    places.dedup();
    if remote
        && !places
            .iter()
            .any(|place| place.to_ascii_lowercase().contains("remote"))
    {
        places.push("Remote".to_string());
    }
    (!places.is_empty()).then(|| places.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_numbers_and_locations() {
        assert_eq!(period_of("per-year-salary").as_deref(), Some("year"));
        assert_eq!(period_of("1 HOUR").as_deref(), Some("hour"));
        assert_eq!(period_of("per-month-salary").as_deref(), Some("month"));
        assert_eq!(period_of("NONE"), None);
        assert_eq!(period_of("Base pay, plus holidays"), None);
        assert_eq!(number_of(Some(&Value::from("165,000.0"))), Some(165000.0));
        assert_eq!(number_of(Some(&Value::from(0))), None);
        assert_eq!(number_of(Some(&Value::Null)), None);
        assert_eq!(
            join_locations(vec!["NYC".into()], true).as_deref(),
            Some("NYC; Remote")
        );
        assert_eq!(
            join_locations(vec!["Remote (US)".into()], true).as_deref(),
            Some("Remote (US)")
        );
        assert_eq!(join_locations(vec![], false), None);
    }
}
