//! Ashby job board JSON: `GET https://api.ashbyhq.com/posting-api/job-board/<org>?includeCompensation=true`.
//!
//! One document per board, `{"apiVersion": "1", "jobs": [...]}`, each job one record. The
//! description is `descriptionHtml` (else `descriptionPlain`); the key is source `ashby` and the
//! job `id` (a UUID). Location is `location` plus each `secondaryLocations[].location`, with
//! `Remote` added for `isRemote`. With `includeCompensation=true` a job carries `compensation`:
//! every `Salary` component of every tier (`compensationTiers[].components[]`: `minValue`,
//! `maxValue`, `currencyCode`, `interval` such as `1 YEAR`) becomes [`PayEvidence`], or, when no
//! tier has one, the `Salary` entries of `summaryComponents`. Equity, bonus and commission
//! components are not pay ranges and are left out.

use crate::ats::{self, number_of, period_of, text_at};
use crate::{common, Event, PayEvidence, Posting, SourceFormat};
use serde_json::Value;
use std::io::BufRead;

pub struct Ashby;

impl SourceFormat for Ashby {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        if !head.starts_with(b"{") {
            return false;
        }
        let head = String::from_utf8_lossy(head);
        head.contains("\"jobs\"")
            && (head.contains("\"apiVersion\"")
                || head.contains("\"jobUrl\"")
                || head.contains("\"descriptionHtml\""))
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
    let raw = text_at(job, "descriptionHtml")
        .or_else(|| text_at(job, "descriptionPlain"))
        .unwrap_or_default();
    let text = common::text_of(&raw);
    let posted = text_at(job, "publishedAt").and_then(|date| common::parse_date(&date));
    let mut places: Vec<String> = text_at(job, "location").into_iter().collect();
    for secondary in job
        .get("secondaryLocations")
        .and_then(Value::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        places.extend(text_at(secondary, "location"));
    }
    let remote = job.get("isRemote").and_then(Value::as_bool) == Some(true);
    Ok(Posting {
        source: "ashby".to_string(),
        source_id,
        month: posted.as_ref().map(|p| p.month.clone()),
        posted_at: posted.map(|p| p.unix),
        title: text_at(job, "title"),
        company: None,
        location: ats::join_locations(places, remote),
        url: text_at(job, "jobUrl"),
        raw,
        text,
        pay_evidence: compensation(job.get("compensation")),
    })
}

fn compensation(compensation: Option<&Value>) -> Vec<PayEvidence> {
    let Some(compensation) = compensation.filter(|c| c.is_object()) else {
        return Vec::new();
    };
    let list = |value: Option<&Value>| -> Vec<Value> {
        value.and_then(Value::as_array).cloned().unwrap_or_default()
    };
    let salary = |components: &[Value], provenance: &str| -> Vec<PayEvidence> {
        components
            .iter()
            .filter(|c| text_at(c, "compensationType").as_deref() == Some("Salary"))
            .filter_map(|c| {
                let (min, max) = (number_of(c.get("minValue")), number_of(c.get("maxValue")));
                if min.is_none() && max.is_none() {
                    return None;
                }
                Some(PayEvidence {
                    min,
                    max,
                    currency: text_at(c, "currencyCode").map(|code| code.to_ascii_uppercase()),
                    period: text_at(c, "interval").and_then(|i| period_of(&i)),
                    provenance: provenance.to_string(),
                })
            })
            .collect()
    };
    let mut evidence: Vec<PayEvidence> = list(compensation.get("compensationTiers"))
        .iter()
        .flat_map(|tier| salary(&list(tier.get("components")), "ashby:compensationTiers"))
        .collect();
    if evidence.is_empty() {
        evidence = salary(
            &list(compensation.get("summaryComponents")),
            "ashby:summaryComponents",
        );
    }
    evidence
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_boards_only() {
        assert!(Ashby.sniff(br#"{"apiVersion":"1","jobs":[]}"#));
        assert!(!Ashby.sniff(br#"{"jobs":[{"absolute_url":"x"}]}"#));
    }

    #[test]
    fn summary_components_when_no_tier_has_a_salary() {
        let value = serde_json::json!({"compensationTiers": [], "summaryComponents": [
            {"compensationType": "Salary", "interval": "1 HOUR", "currencyCode": "usd", "minValue": 50, "maxValue": 70},
            {"compensationType": "Bonus", "interval": "1 YEAR", "currencyCode": "USD", "minValue": 5000, "maxValue": null}
        ]});
        let evidence = compensation(Some(&value));
        assert_eq!(evidence.len(), 1);
        assert_eq!(evidence[0].period.as_deref(), Some("hour"));
        assert_eq!(evidence[0].currency.as_deref(), Some("USD"));
        assert_eq!(evidence[0].provenance, "ashby:summaryComponents");
    }
}
