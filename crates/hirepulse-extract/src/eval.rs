//! Scoring extracted records against labelled ones, field by field.
//!
//! Set-valued fields (languages, work mode, countries, employment, seniority, lanes) are scored
//! with micro-averaged precision, recall and F1 over (posting, value) pairs; scalar fields
//! (company, equity, US eligibility, visa) and the pay list by exact match per posting (pay: the
//! whole list of ranges must match, in order, numbers compared to the cent). Company names compare
//! case- and punctuation-insensitively, as a reader would.

use crate::labels::{LabelPay, LabelRecord, PostingId};
use serde::Serialize;
use std::collections::BTreeMap;

pub const SET_FIELDS: &[&str] = &[
    "languages",
    "work_mode",
    "countries",
    "employment",
    "seniority",
    "lanes",
];
pub const EXACT_FIELDS: &[&str] = &["company", "pay", "equity", "us_eligible", "visa"];

/// The score of one field.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FieldScore {
    pub field: String,
    /// `set` (precision/recall/F1) or `exact` (accuracy).
    pub kind: String,
    pub n: usize,
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
    pub precision: Option<f64>,
    pub recall: Option<f64>,
    pub f1: Option<f64>,
    pub correct: usize,
    pub accuracy: Option<f64>,
}

/// One disagreement between a label and the extraction.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Miss {
    pub id: PostingId,
    pub field: String,
    pub expected: serde_json::Value,
    pub got: serde_json::Value,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    /// Labelled postings that had an extraction to compare with.
    pub n_postings: usize,
    /// Labelled ids absent from the extracted input.
    pub missing_ids: Vec<PostingId>,
    pub fields: Vec<FieldScore>,
    pub misses: Vec<Miss>,
}

/// Scores `predicted` against `labels` (matched by id).
pub fn score(labels: &[LabelRecord], predicted: &[LabelRecord]) -> Report {
    let by_id: BTreeMap<&PostingId, &LabelRecord> = predicted.iter().map(|p| (&p.id, p)).collect();
    let mut report = Report::default();
    let mut set_scores: BTreeMap<&str, FieldScore> = BTreeMap::new();
    let mut exact_scores: BTreeMap<&str, FieldScore> = BTreeMap::new();
    for label in labels {
        let Some(got) = by_id.get(&label.id) else {
            report.missing_ids.push(label.id.clone());
            continue;
        };
        report.n_postings += 1;
        for field in SET_FIELDS {
            let (expected, found) = (set_field(label, field), set_field(got, field));
            let entry = set_scores.entry(field).or_default();
            entry.n += 1;
            let tp = found.iter().filter(|v| expected.contains(v)).count();
            entry.true_positives += tp;
            entry.false_positives += found.len() - tp;
            entry.false_negatives += expected.len() - tp;
            if tp != found.len() || tp != expected.len() {
                report
                    .misses
                    .push(miss(&label.id, field, &expected, &found));
            }
        }
        for field in EXACT_FIELDS {
            let (expected, found) = (exact_field(label, field), exact_field(got, field));
            let entry = exact_scores.entry(field).or_default();
            entry.n += 1;
            let same = match *field {
                "company" => normalise_company(&expected) == normalise_company(&found),
                "pay" => same_pay(&label.pay, &got.pay),
                _ => expected == found,
            };
            if same {
                entry.correct += 1;
            } else {
                report.misses.push(Miss {
                    id: label.id.clone(),
                    field: field.to_string(),
                    expected,
                    got: found,
                });
            }
        }
    }
    for field in SET_FIELDS {
        let mut s = set_scores.remove(field).unwrap_or_default();
        s.field = field.to_string();
        s.kind = "set".into();
        let (tp, fp, fn_) = (
            s.true_positives as f64,
            s.false_positives as f64,
            s.false_negatives as f64,
        );
        s.precision = (tp + fp > 0.0).then(|| tp / (tp + fp));
        s.recall = (tp + fn_ > 0.0).then(|| tp / (tp + fn_));
        s.f1 = (tp + fp + fn_ > 0.0).then(|| 2.0 * tp / (2.0 * tp + fp + fn_));
        report.fields.push(s);
    }
    for field in EXACT_FIELDS {
        let mut s = exact_scores.remove(field).unwrap_or_default();
        s.field = field.to_string();
        s.kind = "exact".into();
        s.accuracy = (s.n > 0).then(|| s.correct as f64 / s.n as f64);
        report.fields.push(s);
    }
    report
        .misses
        .sort_by(|a, b| (&a.field, &a.id).cmp(&(&b.field, &b.id)));
    report
}

fn set_field<'a>(record: &'a LabelRecord, field: &str) -> Vec<&'a str> {
    let values = match field {
        "languages" => &record.languages,
        "work_mode" => &record.work_mode,
        "countries" => &record.countries,
        "employment" => &record.employment,
        "seniority" => &record.seniority,
        "lanes" => &record.lanes,
        _ => unreachable!("not a set field: {field}"),
    };
    let mut values: Vec<&str> = values.iter().map(String::as_str).collect();
    values.sort_unstable();
    values.dedup();
    values
}

fn exact_field(record: &LabelRecord, field: &str) -> serde_json::Value {
    match field {
        "company" => serde_json::json!(record.company),
        "pay" => serde_json::to_value(&record.pay).unwrap_or_default(),
        "equity" => serde_json::json!(record.equity),
        "us_eligible" => serde_json::json!(record.us_eligible),
        "visa" => serde_json::json!(record.visa),
        _ => unreachable!("not an exact field: {field}"),
    }
}

fn miss(id: &PostingId, field: &str, expected: &[&str], found: &[&str]) -> Miss {
    Miss {
        id: id.clone(),
        field: field.to_string(),
        expected: serde_json::json!(expected),
        got: serde_json::json!(found),
    }
}

/// Lowercase alphanumerics only: "Acme, Inc." and "acme inc" are the same company.
fn normalise_company(value: &serde_json::Value) -> Option<String> {
    value.as_str().map(|s| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    })
}

fn same_pay(expected: &[LabelPay], got: &[LabelPay]) -> bool {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() < 0.005,
        (None, None) => true,
        _ => false,
    };
    expected.len() == got.len()
        && expected.iter().zip(got).all(|(e, g)| {
            close(e.min, g.min)
                && close(e.max, g.max)
                && e.currency == g.currency
                && e.period == g.period
        })
}

impl Report {
    /// A fixed-width table of the field scores (and the misses when asked), for terminals.
    pub fn to_table(&self, with_misses: bool) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "postings scored: {} (labelled but absent: {})",
            self.n_postings,
            self.missing_ids.len()
        );
        let _ = writeln!(
            out,
            "{:<12} {:>6} {:>9} {:>9} {:>9} {:>9}",
            "field", "n", "precision", "recall", "f1", "accuracy"
        );
        let fmt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"));
        for f in &self.fields {
            let _ = writeln!(
                out,
                "{:<12} {:>6} {:>9} {:>9} {:>9} {:>9}",
                f.field,
                f.n,
                fmt(f.precision),
                fmt(f.recall),
                fmt(f.f1),
                fmt(f.accuracy)
            );
        }
        if with_misses {
            for m in &self.misses {
                let _ = writeln!(
                    out,
                    "miss {} {}: expected {} got {}",
                    m.id, m.field, m.expected, m.got
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> LabelRecord {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn micro_averages_sets_and_counts_exact_matches() {
        let labels = vec![
            record(
                r#"{"id":1,"month":"2024-01","company":"Acme, Inc.","languages":["go","rust"],"pay":[{"min":100000,"max":150000,"currency":"USD","period":"year"}],"equity":true,"us_eligible":true,"visa":null}"#,
            ),
            record(
                r#"{"id":2,"month":"2024-01","company":null,"languages":["python"],"pay":[],"equity":false,"us_eligible":null,"visa":null}"#,
            ),
            record(r#"{"id":3,"month":"2024-01","company":"Gone","us_eligible":null,"visa":null}"#),
        ];
        let predicted = vec![
            record(
                r#"{"id":1,"month":"2024-01","company":"acme inc","languages":["go"],"pay":[{"min":100000.0,"max":150000,"currency":"USD","period":"year"}],"equity":true,"us_eligible":true,"visa":null}"#,
            ),
            record(
                r#"{"id":2,"month":"2024-01","company":"Beta","languages":["python","java"],"pay":[],"equity":false,"us_eligible":null,"visa":false}"#,
            ),
        ];
        let report = score(&labels, &predicted);
        assert_eq!(report.n_postings, 2);
        assert_eq!(report.missing_ids, vec![PostingId::Number(3)]);
        let languages = report
            .fields
            .iter()
            .find(|f| f.field == "languages")
            .unwrap();
        assert_eq!(
            (
                languages.true_positives,
                languages.false_positives,
                languages.false_negatives
            ),
            (2, 1, 1)
        );
        assert!((languages.f1.unwrap() - 4.0 / 6.0).abs() < 1e-9);
        let company = report.fields.iter().find(|f| f.field == "company").unwrap();
        assert_eq!(company.correct, 1);
        let pay = report.fields.iter().find(|f| f.field == "pay").unwrap();
        assert_eq!(pay.correct, 2);
        let visa = report.fields.iter().find(|f| f.field == "visa").unwrap();
        assert_eq!(visa.accuracy, Some(0.5));
        assert!(report
            .misses
            .iter()
            .any(|m| m.id == PostingId::Number(2) && m.field == "languages"));
    }
}
