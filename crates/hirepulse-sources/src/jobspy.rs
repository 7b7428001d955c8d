//! JobSpy CSV: what python-jobspy's `scrape_jobs(...).to_csv(...)` writes.
//!
//! The column set and order change between JobSpy versions (older ones had `city`/`state` where
//! newer ones have `location`, and pandas adds an unnamed index column unless `index=False`), so
//! columns are found by header name and every column but the description is optional. Rows are
//! read as bytes with `flexible(true)` and their width checked here, so a short row or invalid
//! UTF-8 is that row's error and the rows around it still flow. Messages name the line a row
//! starts on (descriptions span lines). JobSpy's own pay fields (`interval`, `min_amount`,
//! `max_amount`, `currency`) become [`PayEvidence`] whose provenance names JobSpy's
//! `salary_source` (`direct_data` or `description`), or `fields` when it is absent. Descriptions
//! are Markdown or HTML depending on JobSpy's `description_format`: kept raw, normalised to text.
//! Markdown's backslash escapes (`\_`, `\*`) are dropped from the text, not from `raw`.
//! `is_remote` adds `Remote` to the location, as JSON-LD's `TELECOMMUTE` does.
//! JobSpy's documented call writes with `escapechar="\\"`, so backslash escapes are honoured.

use crate::common;
use crate::{Event, Origin, PayEvidence, Posting, RecordError, SourceFormat};
use std::collections::HashMap;
use std::io::BufRead;

pub struct Jobspy;

impl SourceFormat for Jobspy {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        let header = head.split(|b| *b == b'\n').next().unwrap_or_default();
        let header = String::from_utf8_lossy(header).to_ascii_lowercase();
        let columns: Vec<&str> = header
            .split(',')
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let has = |name: &str| columns.contains(&name);
        has("site") && has("job_url") && (has("description") || has("min_amount"))
    }

    fn read<'a>(
        &self,
        file: &str,
        input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        let reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .escape(Some(b'\\'))
            .from_reader(input);
        Box::new(JobspyReader {
            file: file.to_string(),
            reader,
            columns: None,
            record: csv::ByteRecord::new(),
            done: false,
        })
    }
}

/// Header name (lower case) → column index.
struct Columns {
    index: HashMap<String, usize>,
    width: usize,
}

struct JobspyReader<'a> {
    file: String,
    reader: csv::Reader<Box<dyn BufRead + 'a>>,
    columns: Option<Columns>,
    record: csv::ByteRecord,
    done: bool,
}

impl Iterator for JobspyReader<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        if self.columns.is_none() {
            match self.reader.byte_headers() {
                Ok(header) => {
                    let index = header
                        .iter()
                        .enumerate()
                        .map(|(idx, name)| {
                            let name = String::from_utf8_lossy(name);
                            let name = name.trim_start_matches('\u{feff}');
                            (name.trim().to_ascii_lowercase(), idx)
                        })
                        .filter(|(name, _)| !name.is_empty())
                        .collect();
                    self.columns = Some(Columns {
                        index,
                        width: header.len(),
                    });
                }
                Err(err) => {
                    self.done = true;
                    return Some(self.error(1, format!("cannot read the header: {err}")));
                }
            }
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(err) => {
                    // Only I/O fails a flexible byte reader: the rest of the stream is lost.
                    self.done = true;
                    let line = err.position().map_or(0, |p| p.line());
                    return Some(self.error(line, format!("read error: {err}")));
                }
            }
            // A blank line between rows is not a record.
            if self.record.len() == 1 && self.record.get(0).is_some_and(|f| f.is_empty()) {
                continue;
            }
            return Some(self.row());
        }
    }
}

impl JobspyReader<'_> {
    fn error(&self, line: u64, reason: impl Into<String>) -> Event {
        Event::Error(RecordError {
            origin: Origin {
                file: self.file.clone(),
                record: line,
            },
            reason: reason.into(),
        })
    }

    fn row(&self) -> Event {
        let line = self.record.position().map_or(0, |p| p.line());
        let Some(columns) = &self.columns else {
            return self.error(line, "no header");
        };
        if self.record.len() != columns.width {
            return self.error(
                line,
                format!(
                    "row has {} fields, the header has {}",
                    self.record.len(),
                    columns.width
                ),
            );
        }
        let mut fields: HashMap<&str, &str> = HashMap::new();
        for (name, idx) in &columns.index {
            let bytes = self.record.get(*idx).unwrap_or_default();
            match std::str::from_utf8(bytes) {
                Ok(value) => {
                    fields.insert(name.as_str(), value);
                }
                Err(err) => {
                    return self.error(
                        line,
                        format!(
                            "invalid UTF-8 in column {name:?} at byte {}",
                            err.valid_up_to()
                        ),
                    )
                }
            }
        }
        let get = |name: &str| fields.get(name).and_then(|v| common::non_empty(v));
        let site = get("site");
        let source = site.map_or_else(|| "jobspy".to_string(), |site| format!("jobspy:{site}"));
        let url = get("job_url").or_else(|| get("job_url_direct"));
        let Some(source_id) = get("id").or_else(|| url.clone()) else {
            return self.error(line, "row has neither an \"id\" nor a \"job_url\"");
        };
        let raw = fields.get("description").copied().unwrap_or_default();
        if let Err(reason) = common::check_raw(&format!("job {source_id}"), raw) {
            return self.error(line, reason);
        }
        // Markdown descriptions (JobSpy's default) carry markdownify's backslash escapes.
        let text = if common::looks_like_html(raw) {
            crate::html::to_text(raw)
        } else {
            common::plain_to_text(&common::unescape_markdown(raw))
        };
        if let Err(reason) = common::check_text(&format!("job {source_id}"), &text) {
            return self.error(line, reason);
        }
        let location = get("location").or_else(|| {
            let parts: Vec<String> = ["city", "state", "country"]
                .iter()
                .filter_map(|name| get(name))
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        });
        // JobSpy's `is_remote` flag is kept the way JSON-LD's TELECOMMUTE is: as `Remote` in the
        // location, unless the location already says so.
        let remote = get("is_remote")
            .is_some_and(|flag| matches!(flag.to_ascii_lowercase().as_str(), "true" | "1" | "yes"));
        let location = match location {
            Some(place) if remote && !place.to_ascii_lowercase().contains("remote") => {
                Some(format!("{place}; Remote"))
            }
            None if remote => Some("Remote".to_string()),
            other => other,
        };
        let posted = get("date_posted").and_then(|d| common::parse_date(&d));
        Event::Posting(Box::new(Posting {
            source,
            source_id,
            month: posted.as_ref().map(|p| p.month.clone()),
            posted_at: posted.map(|p| p.unix),
            title: get("title"),
            company: get("company"),
            location,
            url,
            raw: raw.to_string(),
            text,
            pay_evidence: pay(&get).into_iter().collect(),
        }))
    }
}

/// JobSpy's structured pay, when it states an amount.
fn pay(get: &dyn Fn(&str) -> Option<String>) -> Option<PayEvidence> {
    let amount = |name: &str| {
        get(name)
            .and_then(|v| v.replace(',', "").parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    let (min, max) = (amount("min_amount"), amount("max_amount"));
    if min.is_none() && max.is_none() {
        return None;
    }
    let period = get("interval").and_then(|interval| {
        let period = match interval.to_ascii_lowercase().as_str() {
            "yearly" | "year" | "annual" => "year",
            "monthly" | "month" => "month",
            "weekly" | "week" => "week",
            "daily" | "day" => "day",
            "hourly" | "hour" => "hour",
            _ => return None,
        };
        Some(period.to_string())
    });
    let salary_source = get("salary_source").unwrap_or_else(|| "fields".to_string());
    Some(PayEvidence {
        min,
        max,
        currency: get("currency").map(|c| c.to_ascii_uppercase()),
        period,
        provenance: format!("jobspy:{salary_source}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(input: &str) -> Vec<Event> {
        Jobspy
            .read(
                "j.csv",
                Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            )
            .collect()
    }

    #[test]
    fn old_layout_with_index_column_and_city_state() {
        let events = read_str(concat!(
            ",site,title,company,city,state,job_type,interval,min_amount,max_amount,job_url,description\n",
            "0,indeed,Dev,Acme,Austin,TX,fulltime,hourly,50,70,https://x/1,Write code\n",
        ));
        let Event::Posting(posting) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(posting.source, "jobspy:indeed");
        assert_eq!(posting.source_id, "https://x/1");
        assert_eq!(posting.location.as_deref(), Some("Austin, TX"));
        assert_eq!(
            posting.pay_evidence,
            vec![PayEvidence {
                min: Some(50.0),
                max: Some(70.0),
                currency: None,
                period: Some("hour".to_string()),
                provenance: "jobspy:fields".to_string(),
            }]
        );
    }

    /// Python's csv writer with JobSpy's documented `escapechar="\\"` doubles backslashes and
    /// quotes: `"a\\b ""q"" C:\\"` is `a\b "q" C:\`.
    #[test]
    fn python_escapes_are_undone() {
        let events = read_str(concat!(
            "\"id\",\"site\",\"job_url\",\"description\"\n",
            r#""x1","indeed","https://x/1","a\\b ""q"" C:\\""#,
            "\n"
        ));
        let Event::Posting(posting) = &events[0] else {
            panic!("{events:?}")
        };
        assert_eq!(posting.raw, r#"a\b "q" C:\"#);
    }

    #[test]
    fn sniffs_header_only() {
        assert!(Jobspy.sniff(b"id,site,job_url,title,description\n"));
        assert!(Jobspy.sniff(b"\"id\",\"site\",\"job_url\",\"min_amount\"\r\n"));
        assert!(!Jobspy.sniff(b"id,title,description\n"));
    }
}
