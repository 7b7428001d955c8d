//! schema.org `JobPosting` JSON-LD, from saved HTML pages or from `.json` files.
//!
//! Job boards publish their postings for search engines as JSON-LD: one or more
//! `<script type="application/ld+json">` elements per page, each holding one object, an array,
//! or an object with an `@graph` array. A `.json` file holds the same shapes, or one per line
//! (JSON Lines, where a bad line is that line's error). The input is read
//! whole (a page or file is one document); in HTML the scripts are found with html5gum, with its
//! naive state switching on so that a script's content is read as script data (a `<` or `&` in the
//! JSON is not mistaken for markup). Every JSON-LD object counts as one record, in document order;
//! a script whose JSON does not parse counts as one record and is that record's error. Postings
//! nested in a `WebPage` (`mainEntity`) or an `ItemList` (`itemListElement`) are found too. Objects
//! other than a `JobPosting` (Organization, BreadcrumbList, WebSite...) are skipped as not
//! postings. The posting key is source `jsonld` with, in order of preference, the `identifier`
//! value, the `url`, or `hash:` plus a stable hash of title, company and `datePosted`.

use crate::common::{self, Document};
use crate::{Event, Origin, PayEvidence, Posting, RecordError, SkipReason, SourceFormat};
use html5gum::{DefaultEmitter, Token, Tokenizer};
use serde_json::Value;
use std::io::BufRead;

pub struct Jsonld;

impl SourceFormat for Jsonld {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        let text = String::from_utf8_lossy(head);
        if head.starts_with(b"{") || head.starts_with(b"[") {
            return text.contains("\"@type\"") || text.contains("\"@context\"");
        }
        if !head.starts_with(b"<") {
            return false;
        }
        let lower = text.to_ascii_lowercase();
        lower.contains("ld+json") || lower.starts_with("<!doctype html") || lower.contains("<html")
    }

    fn read<'a>(
        &self,
        file: &str,
        mut input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        let mut walk = Walk {
            file: file.to_string(),
            events: Vec::new(),
            record: 0,
            had_invalid_utf8: false,
        };
        match common::read_document(&mut input) {
            Ok(document) => walk.document(document),
            Err(reason) => {
                walk.record = 1;
                walk.error(reason);
            }
        }
        Box::new(walk.events.into_iter())
    }
}

/// The JSON-LD scripts of an HTML page, in document order.
pub fn ld_json_scripts(html: &str) -> Vec<String> {
    let mut emitter = DefaultEmitter::default();
    emitter.naively_switch_states(true);
    let mut scripts = Vec::new();
    let mut current: Option<String> = None;
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) if tag.name.as_slice() == b"script" => {
                let is_ld_json = tag
                    .attributes
                    .get(b"type".as_slice())
                    .map(|kind| String::from_utf8_lossy(kind).trim().to_ascii_lowercase())
                    .is_some_and(|kind| kind == "application/ld+json");
                current = is_ld_json.then(String::new);
            }
            Token::String(text) => {
                if let Some(script) = current.as_mut() {
                    script.push_str(&String::from_utf8_lossy(&text));
                }
            }
            Token::EndTag(tag) if tag.name.as_slice() == b"script" => {
                if let Some(script) = current.take() {
                    scripts.push(script);
                }
            }
            _ => {}
        }
    }
    // A script cut off by the end of the file is still worth trying.
    scripts.extend(current);
    scripts
}

struct Walk {
    file: String,
    events: Vec<Event>,
    /// The number of the current record (JSON-LD object or unparsable script), 1-based.
    record: u64,
    had_invalid_utf8: bool,
}

impl Walk {
    fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            record: self.record,
        }
    }

    fn error(&mut self, reason: impl Into<String>) {
        self.events.push(Event::Error(RecordError {
            origin: self.origin(),
            reason: reason.into(),
        }));
    }

    fn document(&mut self, document: Document) {
        self.had_invalid_utf8 = document.had_invalid_utf8;
        let head = common::skip_bom_and_space(document.text.as_bytes());
        if head.starts_with(b"{") || head.starts_with(b"[") {
            return self.json_file(&document.text);
        }
        let scripts = ld_json_scripts(&document.text);
        if scripts.is_empty() {
            self.record = 1;
            return self.error("no <script type=\"application/ld+json\"> in the page");
        }
        for (script_idx, script) in scripts.iter().enumerate() {
            self.script(script, &format!("script {}: ", script_idx + 1));
        }
    }

    /// A `.json` file: one JSON value, or JSON Lines (one value per line, each line failing
    /// alone) when the whole does not parse but its first line does.
    fn json_file(&mut self, text: &str) {
        let text = text.trim_start_matches('\u{feff}');
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty());
        let is_json_lines = serde_json::from_str::<Value>(text).is_err()
            && lines.clone().count() > 1
            && lines
                .next()
                .is_some_and(|(_, first)| serde_json::from_str::<Value>(first).is_ok());
        if !is_json_lines {
            return self.script(text, "");
        }
        for (line_idx, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                self.script(line, &format!("line {}: ", line_idx + 1));
            }
        }
    }

    /// One JSON-LD value (a script, a file, or a line); `place` prefixes its parse error.
    fn script(&mut self, json: &str, place: &str) {
        let json = json.trim().trim_start_matches('\u{feff}');
        let value: Value = match serde_json::from_str(json) {
            Ok(value) => value,
            Err(err) => {
                self.record += 1;
                return self.error(format!("{place}invalid JSON: {err}"));
            }
        };
        let mut objects = Vec::new();
        flatten(&value, &mut objects, 0);
        for object in objects {
            self.record += 1;
            let event = if is_job_posting(object) {
                self.posting(object)
            } else {
                Event::Skipped {
                    origin: self.origin(),
                    reason: SkipReason::NotAPosting,
                }
            };
            self.events.push(event);
        }
    }

    fn posting(&self, object: &Value) -> Event {
        let error = |reason: String| {
            Event::Error(RecordError {
                origin: self.origin(),
                reason,
            })
        };
        let title = string_of(object.get("title"));
        let company = object.get("hiringOrganization").and_then(|org| match org {
            Value::Object(_) => string_of(org.get("name")),
            other => string_of(Some(other)),
        });
        let date_posted = string_of(object.get("datePosted"));
        let url = string_of(object.get("url"));
        let identifier = object.get("identifier").and_then(|id| match id {
            Value::Object(_) => string_of(id.get("value")).or_else(|| string_of(id.get("@id"))),
            Value::Array(ids) => ids.iter().find_map(|id| match id {
                Value::Object(_) => string_of(id.get("value")),
                other => string_of(Some(other)),
            }),
            other => string_of(Some(other)),
        });
        let source_id = identifier.or_else(|| url.clone()).unwrap_or_else(|| {
            let parts = [
                title.as_deref().unwrap_or_default(),
                company.as_deref().unwrap_or_default(),
                date_posted.as_deref().unwrap_or_default(),
            ];
            format!("hash:{}", common::stable_hash(&parts))
        });
        let raw = match object.get("description") {
            Some(Value::String(description)) => description.clone(),
            None | Some(Value::Null) => String::new(),
            Some(other) => {
                return error(format!(
                    "JobPosting {source_id} has a non-string description: {other}"
                ))
            }
        };
        let what = format!("JobPosting {source_id}");
        if self.had_invalid_utf8 && raw.contains('\u{FFFD}') {
            return error(format!("{what} description holds invalid UTF-8"));
        }
        if let Err(reason) = common::check_raw(&what, &raw) {
            return error(reason);
        }
        // Some boards escape the HTML once more (`&lt;p&gt;`): unescape before laying it out.
        let text = if !raw.contains('<') && raw.contains("&lt;") {
            crate::html::to_text(&crate::html::to_text(&raw))
        } else {
            common::text_of(&raw)
        };
        if let Err(reason) = common::check_text(&what, &text) {
            return error(reason);
        }
        let posted = date_posted.as_deref().and_then(common::parse_date);
        Event::Posting(Box::new(Posting {
            source: "jsonld".to_string(),
            source_id,
            month: posted.as_ref().map(|p| p.month.clone()),
            posted_at: posted.map(|p| p.unix),
            title,
            company,
            location: location(object),
            url,
            raw,
            text,
            pay_evidence: base_salary(object.get("baseSalary")),
        }))
    }
}

/// Collects the objects of a JSON-LD value in document order: arrays and `@graph` are opened,
/// and so are the usual containers of postings (`mainEntity`, `itemListElement`, `item`), each
/// container itself counting as a record; depth-limited.
fn flatten<'v>(value: &'v Value, out: &mut Vec<&'v Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                flatten(item, out, depth + 1);
            }
        }
        Value::Object(object) => match object.get("@graph") {
            Some(graph) if !object.contains_key("@type") => flatten(graph, out, depth + 1),
            _ => {
                out.push(value);
                if !is_job_posting(value) {
                    // Postings nested in a page or list: WebPage.mainEntity,
                    // ItemList.itemListElement[].item.
                    for key in ["mainEntity", "itemListElement", "item"] {
                        if let Some(inner) = object.get(key) {
                            flatten(inner, out, depth + 1);
                        }
                    }
                }
            }
        },
        _ => {}
    }
}

/// `@type` is `JobPosting` (or a list holding it), possibly as a full schema.org IRI.
fn is_job_posting(object: &Value) -> bool {
    let is_it = |kind: &Value| {
        kind.as_str().is_some_and(|kind| {
            let name = kind.rsplit(['/', ':', '#']).next().unwrap_or(kind);
            name.eq_ignore_ascii_case("JobPosting")
        })
    };
    match object.get("@type") {
        Some(Value::Array(kinds)) => kinds.iter().any(is_it),
        Some(kind) => is_it(kind),
        None => false,
    }
}

/// A trimmed non-empty string from a JSON string or number (or a `name` of an object).
fn string_of(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => common::non_empty(s),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(object) => string_of(object.get("name")),
        _ => None,
    }
}

/// `jobLocation` places (`"Berlin, BE, DE"`, several joined by `; `), plus `Remote` (with the
/// applicant location requirements) when `jobLocationType` is `TELECOMMUTE`.
fn location(object: &Value) -> Option<String> {
    let mut places: Vec<String> = Vec::new();
    let mut add_place = |place: &Value| {
        let address = place.get("address").unwrap_or(place);
        let text = match address {
            Value::String(s) => common::non_empty(s),
            Value::Object(_) => {
                let parts: Vec<String> = ["addressLocality", "addressRegion", "addressCountry"]
                    .iter()
                    .filter_map(|key| string_of(address.get(*key)))
                    .collect();
                (!parts.is_empty()).then(|| parts.join(", "))
            }
            _ => None,
        };
        if let Some(text) = text.filter(|t| !places.contains(t)) {
            places.push(text);
        }
    };
    match object.get("jobLocation") {
        Some(Value::Array(items)) => items.iter().for_each(&mut add_place),
        Some(place) => add_place(place),
        None => {}
    }
    let remote = match object.get("jobLocationType") {
        Some(Value::Array(kinds)) => kinds.iter().any(|k| k.as_str() == Some("TELECOMMUTE")),
        Some(kind) => kind
            .as_str()
            .is_some_and(|k| k.eq_ignore_ascii_case("TELECOMMUTE")),
        None => false,
    };
    if remote {
        let requirements: Vec<String> = match object.get("applicantLocationRequirements") {
            Some(Value::Array(items)) => items.iter().filter_map(|i| string_of(Some(i))).collect(),
            Some(item) => string_of(Some(item)).into_iter().collect(),
            None => Vec::new(),
        };
        places.push(if requirements.is_empty() {
            "Remote".to_string()
        } else {
            format!("Remote ({})", requirements.join(", "))
        });
    }
    (!places.is_empty()).then(|| places.join("; "))
}

/// `baseSalary` (a MonetaryAmount, or a list of them) as pay evidence.
fn base_salary(value: Option<&Value>) -> Vec<PayEvidence> {
    let amounts: Vec<&Value> = match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(item @ Value::Object(_)) => vec![item],
        Some(number @ (Value::Number(_) | Value::String(_))) => vec![number],
        _ => Vec::new(),
    };
    amounts
        .into_iter()
        .filter_map(|amount| {
            let currency = string_of(amount.get("currency")).map(|c| c.to_ascii_uppercase());
            let quantity = amount.get("value").unwrap_or(amount);
            let (min, max) = match quantity {
                Value::Object(_) => {
                    let single = number_of(quantity.get("value"));
                    (
                        number_of(quantity.get("minValue")).or(single),
                        number_of(quantity.get("maxValue")).or(single),
                    )
                }
                other => {
                    let single = number_of(Some(other));
                    (single, single)
                }
            };
            if min.is_none() && max.is_none() {
                return None;
            }
            let unit =
                string_of(quantity.get("unitText")).or_else(|| string_of(amount.get("unitText")));
            let period = unit.and_then(|unit| {
                let period = match unit.to_ascii_uppercase().as_str() {
                    "HOUR" | "HOURLY" => "hour",
                    "DAY" | "DAILY" => "day",
                    "WEEK" | "WEEKLY" => "week",
                    "MONTH" | "MONTHLY" => "month",
                    "YEAR" | "YEARLY" | "ANNUAL" | "ANNUALLY" => "year",
                    _ => return None,
                };
                Some(period.to_string())
            });
            Some(PayEvidence {
                min,
                max,
                currency,
                period,
                provenance: "jsonld:baseSalary".to_string(),
            })
        })
        .collect()
}

/// A positive finite number from a JSON number or a numeric string (`"85000"`, `"85,000.00"`).
fn number_of(value: Option<&Value>) -> Option<f64> {
    let number = match value? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', "").parse::<f64>().ok(),
        _ => None,
    }?;
    (number.is_finite() && number > 0.0).then_some(number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(input: &str) -> Vec<Event> {
        Jsonld
            .read(
                "p.html",
                Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            )
            .collect()
    }

    #[test]
    fn script_content_is_script_data() {
        let scripts = ld_json_scripts(
            "<html><script type=\"application/ld+json\">{\"a\": \"<b>&amp;</b>\"}</script>\
             <script>var x = 1;</script><SCRIPT TYPE=\" Application/LD+JSON \">[1]</SCRIPT>",
        );
        assert_eq!(scripts, vec!["{\"a\": \"<b>&amp;</b>\"}", "[1]"]);
    }

    #[test]
    fn graph_and_hash_fallback() {
        let events = read_str(
            r#"<html><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
                {"@type": "WebSite", "name": "x"},
                {"@type": ["JobPosting"], "title": "Dev", "hiringOrganization": "Acme",
                 "datePosted": "2024-05-02", "description": "Plain  text",
                 "baseSalary": {"@type": "MonetaryAmount", "currency": "usd",
                   "value": {"@type": "QuantitativeValue", "value": "40", "unitText": "HOUR"}}}
            ]}</script>"#,
        );
        assert_eq!(events.len(), 2);
        assert!(matches!(&events[0], Event::Skipped { origin, .. } if origin.record == 1));
        let Event::Posting(posting) = &events[1] else {
            panic!("{events:?}")
        };
        let hash = common::stable_hash(&["Dev", "Acme", "2024-05-02"]);
        assert_eq!(posting.source_id, format!("hash:{hash}"));
        assert_eq!(posting.text, "Plain text");
        assert_eq!(posting.month.as_deref(), Some("2024-05"));
        assert_eq!(posting.pay_evidence[0].min, Some(40.0));
        assert_eq!(posting.pay_evidence[0].currency.as_deref(), Some("USD"));
        assert_eq!(posting.pay_evidence[0].period.as_deref(), Some("hour"));
    }

    #[test]
    fn bad_script_is_one_record_and_page_without_scripts_is_reported() {
        let events = read_str(
            r#"<html><script type="application/ld+json">{oops</script>
               <script type="application/ld+json">{"@type": "Organization"}</script>"#,
        );
        assert!(
            matches!(&events[0], Event::Error(e) if e.origin.record == 1 && e.reason.starts_with("script 1: invalid JSON"))
        );
        assert!(matches!(&events[1], Event::Skipped { origin, .. } if origin.record == 2));
        let events = read_str("<!doctype html><p>nothing here</p>");
        assert!(matches!(&events[..], [Event::Error(e)] if e.reason.contains("no <script")));
    }

    #[test]
    fn json_lines_of_postings() {
        let events = read_str(concat!(
            "{\"@type\": \"JobPosting\", \"url\": \"u1\", \"description\": \"One\"}\n",
            "{\"@type\": \"JobPosting\", \"url\": \n",
            "\n",
            "{\"@type\": \"JobPosting\", \"url\": \"u3\", \"description\": \"Three\"}\n",
        ));
        assert_eq!(events.len(), 3, "{events:?}");
        assert!(matches!(&events[0], Event::Posting(p) if p.source_id == "u1"));
        assert!(
            matches!(&events[1], Event::Error(e) if e.origin.record == 2 && e.reason.starts_with("line 2: invalid JSON"))
        );
        assert!(matches!(&events[2], Event::Posting(p) if p.source_id == "u3"));
    }

    #[test]
    fn postings_nested_in_lists_and_pages() {
        let events = read_str(
            r#"[{"@type": "ItemList", "itemListElement": [
                  {"@type": "ListItem", "position": 1, "item": {"@type": "JobPosting", "url": "u1", "description": "One"}},
                  {"@type": "ListItem", "position": 2, "item": {"@type": "JobPosting", "url": "u2", "description": "Two"}}]},
                {"@type": "WebPage", "mainEntity": {"@type": "JobPosting", "url": "u3", "description": "Three"}}]"#,
        );
        let summary: Vec<String> = events
            .iter()
            .map(|e| match e {
                Event::Posting(p) => format!("{}:{}", p.source_id, p.text),
                Event::Skipped { origin, .. } => format!("skip {}", origin.record),
                Event::Error(err) => err.to_string(),
            })
            .collect();
        assert_eq!(
            summary,
            ["skip 1", "skip 2", "u1:One", "skip 4", "u2:Two", "skip 6", "u3:Three"]
        );
    }

    #[test]
    fn escaped_html_description_is_unescaped_once() {
        let events = read_str(
            r#"{"@type": "JobPosting", "url": "https://b/1", "description": "&lt;p&gt;Rust &amp;amp; Go&lt;/p&gt;&lt;p&gt;Remote&lt;/p&gt;"}"#,
        );
        let Event::Posting(posting) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(posting.source_id, "https://b/1");
        assert_eq!(posting.text, "Rust & Go\n\nRemote");
    }
}
