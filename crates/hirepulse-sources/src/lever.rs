//! Lever postings JSON: `GET https://api.lever.co/v0/postings/<company>?mode=json`.
//!
//! One document per site: a bare list of postings, each one record. The posting as a reader sees
//! it on the hosted page is `description` (opening and body, HTML), then each of `lists` (a
//! heading and its `<li>` items: requirements, benefits...), then `salaryDescription` and
//! `additional`; that HTML is `raw`, and its text is what the extractor reads (`descriptionPlain`
//! when there is no HTML). The key is source `lever` and the posting `id` (a UUID). `createdAt`
//! is in milliseconds. Location is `categories.allLocations` (else `categories.location`), with
//! `Remote` added for `workplaceType: remote`. `salaryRange` (`min`, `max`, `currency`,
//! `interval` such as `per-year-salary`) becomes [`PayEvidence`]. Lever publishes no company
//! name per posting (the site name is in the URL the board was fetched from), so `company` is
//! left to the extractor.

use crate::ats::{self, number_of, period_of, text_at};
use crate::{common, Event, PayEvidence, Posting, SourceFormat};
use serde_json::Value;
use std::io::BufRead;

pub struct Lever;

impl SourceFormat for Lever {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        if !head.starts_with(b"[") {
            return false;
        }
        let head = String::from_utf8_lossy(head);
        head.contains("\"categories\"")
            && (head.contains("\"hostedUrl\"")
                || head.contains("\"descriptionPlain\"")
                || head.contains("\"createdAt\""))
    }

    fn read<'a>(
        &self,
        file: &str,
        input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        ats::read_board(
            file,
            input,
            |root| {
                root.as_array()
                    .map(Vec::as_slice)
                    .ok_or_else(|| "the document is not a list of postings".to_string())
            },
            posting,
        )
    }
}

fn posting(job: &Value) -> Result<Posting, String> {
    let source_id = ats::id_of(job, "id")?;
    let mut raw = String::new();
    if let Some(description) = text_at(job, "description") {
        raw.push_str(&description);
    }
    for list in job
        .get("lists")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let heading = text_at(list, "text").unwrap_or_default();
        let items = text_at(list, "content").unwrap_or_default();
        raw.push_str(&format!("<h3>{heading}</h3><ul>{items}</ul>"));
    }
    for key in ["salaryDescription", "additional"] {
        if let Some(part) = text_at(job, key) {
            raw.push_str(&part);
        }
    }
    if raw.trim().is_empty() {
        raw = text_at(job, "descriptionPlain").unwrap_or_default();
    }
    let text = common::text_of(&raw);
    let posted = job
        .get("createdAt")
        .and_then(Value::as_i64)
        .and_then(|millis| common::parse_date(&(millis / 1000).to_string()));
    let categories = job.get("categories");
    let mut places: Vec<String> = categories
        .and_then(|c| c.get("allLocations"))
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .filter_map(|p| p.as_str())
                .filter_map(common::non_empty)
                .collect()
        })
        .unwrap_or_default();
    if places.is_empty() {
        places.extend(categories.and_then(|c| text_at(c, "location")));
    }
    let remote =
        text_at(job, "workplaceType").is_some_and(|kind| kind.eq_ignore_ascii_case("remote"));
    Ok(Posting {
        source: "lever".to_string(),
        source_id,
        month: posted.as_ref().map(|p| p.month.clone()),
        posted_at: posted.map(|p| p.unix),
        title: text_at(job, "text"),
        company: None,
        location: ats::join_locations(places, remote),
        url: text_at(job, "hostedUrl"),
        raw,
        text,
        pay_evidence: salary_range(job.get("salaryRange")).into_iter().collect(),
    })
}

fn salary_range(range: Option<&Value>) -> Option<PayEvidence> {
    let range = range.filter(|r| r.is_object())?;
    let (min, max) = (number_of(range.get("min")), number_of(range.get("max")));
    if min.is_none() && max.is_none() {
        return None;
    }
    Some(PayEvidence {
        min,
        max,
        currency: text_at(range, "currency").map(|c| c.to_ascii_uppercase()),
        period: text_at(range, "interval").and_then(|i| period_of(&i)),
        provenance: "lever:salaryRange".to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_posting_lists_only() {
        assert!(Lever.sniff(br#"[{"categories":{},"createdAt":1,"id":"x"}]"#));
        assert!(!Lever.sniff(br#"[{"@type":"JobPosting"}]"#));
        assert!(!Lever.sniff(br#"{"categories":{},"hostedUrl":"x"}"#));
    }
}
