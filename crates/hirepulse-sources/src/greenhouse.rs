//! Greenhouse job board JSON: `GET https://boards-api.greenhouse.io/v1/boards/<token>/jobs?content=true`.
//!
//! One document per board, `{"jobs": [...], "meta": {"total": N}}`, each job one record. The
//! description (`content`) is HTML escaped once more (`&lt;p&gt;`), so it is unescaped before it
//! is laid out, as JSON-LD descriptions escaped the same way are; `raw` keeps it as given. The key
//! is source `greenhouse` and the job `id` (unique across Greenhouse). Structured pay becomes
//! [`PayEvidence`]: each `pay_input_ranges` entry (what `pay_transparency=true` adds: amounts in
//! cents, `currency_type`, a `title` that may name the period; the free-text `blurb` is not read) and each custom `metadata` field of
//! type `currency_range` / `currency` whose name speaks of pay (salary, pay, compensation, wage,
//! rate). Free-text pay in the description is left to the extractor, as for every source.

use crate::ats::{self, number_of, period_of, text_at};
use crate::{common, html, Event, PayEvidence, Posting, SourceFormat};
use serde_json::Value;
use std::io::BufRead;

pub struct Greenhouse;

impl SourceFormat for Greenhouse {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        if !head.starts_with(b"{") {
            return false;
        }
        let head = String::from_utf8_lossy(head);
        head.contains("\"jobs\"")
            && (head.contains("\"absolute_url\"") || head.contains("\"internal_job_id\""))
    }

    fn read<'a>(
        &self,
        file: &str,
        input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        ats::read_board(file, input, |root| ats::list_at(root, "jobs"), job)
    }
}

fn job(job: &Value) -> Result<Posting, String> {
    let source_id = ats::id_of(job, "id")?;
    let raw = match job.get("content") {
        Some(Value::String(content)) => content.clone(),
        None | Some(Value::Null) => String::new(),
        Some(other) => {
            return Err(format!(
                "job {source_id} has a non-string \"content\": {other}"
            ))
        }
    };
    let text = if !raw.contains('<') && raw.contains("&lt;") {
        html::to_text(&html::to_text(&raw))
    } else {
        common::text_of(&raw)
    };
    let posted = text_at(job, "first_published")
        .or_else(|| text_at(job, "updated_at"))
        .and_then(|date| common::parse_date(&date));
    let location = job.get("location").and_then(|l| text_at(l, "name"));
    Ok(Posting {
        source: "greenhouse".to_string(),
        source_id,
        month: posted.as_ref().map(|p| p.month.clone()),
        posted_at: posted.map(|p| p.unix),
        title: text_at(job, "title"),
        company: text_at(job, "company_name"),
        location: ats::join_locations(location.into_iter().collect(), false),
        url: text_at(job, "absolute_url"),
        raw,
        text,
        pay_evidence: pay(job),
    })
}

fn pay(job: &Value) -> Vec<PayEvidence> {
    let mut evidence = Vec::new();
    for range in job
        .get("pay_input_ranges")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let cents = |key: &str| number_of(range.get(key)).map(|cents| cents / 100.0);
        let (min, max) = (cents("min_cents"), cents("max_cents"));
        if min.is_none() && max.is_none() {
            continue;
        }
        let title = text_at(range, "title").unwrap_or_default();
        evidence.push(PayEvidence {
            min,
            max,
            currency: text_at(range, "currency_type").map(|c| c.to_ascii_uppercase()),
            period: period_of(&title),
            provenance: "greenhouse:pay_input_ranges".to_string(),
        });
    }
    for field in job
        .get("metadata")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let name = text_at(field, "name").unwrap_or_default();
        let lower = name.to_ascii_lowercase();
        let about_pay = ["salary", "pay", "compensation", "wage", "rate"]
            .iter()
            .any(|word| lower.contains(word));
        let Some(value) = field.get("value").filter(|_| about_pay) else {
            continue;
        };
        let (min, max) = match text_at(field, "value_type").as_deref() {
            Some("currency_range") => (
                number_of(value.get("min_value")),
                number_of(value.get("max_value")),
            ),
            Some("currency") => {
                let amount = number_of(value.get("amount"));
                (amount, amount)
            }
            _ => continue,
        };
        if min.is_none() && max.is_none() {
            continue;
        }
        evidence.push(PayEvidence {
            min,
            max,
            currency: text_at(value, "unit").map(|c| c.to_ascii_uppercase()),
            period: period_of(&name),
            provenance: format!("greenhouse:metadata:{name}"),
        });
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_boards_only() {
        assert!(Greenhouse.sniff(br#"{"jobs":[{"absolute_url":"https://x","id":1}]}"#));
        assert!(!Greenhouse.sniff(br#"{"apiVersion":"1","jobs":[]}"#));
        assert!(!Greenhouse.sniff(br#"[{"absolute_url":"x"}]"#));
    }
}
