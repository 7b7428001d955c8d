//! HN API items as JSON Lines: the shape of `https://hacker-news.firebaseio.com/v0/item/<id>.json`.
//!
//! A file holds one "Who is hiring?" thread: the story line first (its title gives the month),
//! then one line per top-level comment, i.e. per job post. Lines are read as bytes so that invalid
//! UTF-8 in one line is that line's error, not the file's. Deleted and dead comments are skipped
//! and counted. A comment whose thread line is missing falls back to the month of its own time.

use crate::{html, Event, Origin, Posting, RecordError, SkipReason, SourceFormat, MAX_TEXT_BYTES};
use serde::Deserialize;
use std::borrow::Cow;
use std::io::BufRead;

pub struct HnItems;

/// The fields of an HN API item that we use; `type` is borrowed from the line when it can be.
#[derive(Deserialize)]
struct Item<'a> {
    id: Option<u64>,
    #[serde(rename = "type", borrow)]
    kind: Option<Cow<'a, str>>,
    time: Option<i64>,
    text: Option<String>,
    title: Option<String>,
    parent: Option<u64>,
    #[serde(default)]
    deleted: bool,
    #[serde(default)]
    dead: bool,
}

impl SourceFormat for HnItems {
    fn sniff(&self, head: &[u8]) -> bool {
        let first_line = head.split(|b| *b == b'\n').next().unwrap_or_default();
        let Ok(first_line) = std::str::from_utf8(first_line) else {
            return false;
        };
        // The thread line can be longer than the sniffed head (its `kids` list), so look for
        // the HN item keys rather than for the whole line.
        let trimmed = first_line.trim_start();
        trimmed.starts_with('{')
            && trimmed.contains("\"id\"")
            && !trimmed.contains("\"children\"")
            && (trimmed.contains("\"kids\"")
                || trimmed.contains("\"parent\"")
                || trimmed.contains("\"by\"")
                || trimmed.contains("\"deleted\""))
    }

    fn read<'a>(
        &self,
        file: &str,
        input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        Box::new(HnItemsReader {
            file: file.to_string(),
            input,
            line_number: 0,
            thread_month: None,
            buffer: Vec::new(),
        })
    }
}

struct HnItemsReader<'a> {
    file: String,
    input: Box<dyn BufRead + 'a>,
    line_number: u64,
    thread_month: Option<String>,
    buffer: Vec<u8>,
}

impl Iterator for HnItemsReader<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            self.buffer.clear();
            match self.input.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => {
                    self.line_number += 1;
                    let origin = self.origin();
                    // Stop after a read error: the rest of the stream is not trustworthy.
                    self.buffer.clear();
                    self.input = Box::new(std::io::empty());
                    return Some(Event::Error(RecordError {
                        origin,
                        reason: format!("read error: {err}"),
                    }));
                }
            }
            self.line_number += 1;
            if trim_ascii(&self.buffer).is_empty() {
                continue;
            }
            // Parse from the line buffer itself rather than a copy; it is put back for reuse.
            let buffer = std::mem::take(&mut self.buffer);
            let event = self.parse_line(trim_ascii(&buffer));
            self.buffer = buffer;
            return Some(event);
        }
    }
}

impl HnItemsReader<'_> {
    fn origin(&self) -> Origin {
        Origin {
            file: self.file.clone(),
            record: self.line_number,
        }
    }

    fn error(&self, reason: impl Into<String>) -> Event {
        Event::Error(RecordError {
            origin: self.origin(),
            reason: reason.into(),
        })
    }

    fn parse_line(&mut self, line: &[u8]) -> Event {
        let line = match std::str::from_utf8(line) {
            Ok(line) => line,
            Err(err) => return self.error(format!("invalid UTF-8 at byte {}", err.valid_up_to())),
        };
        let item: Item = match serde_json::from_str(line) {
            Ok(item) => item,
            Err(err) => return self.error(format!("invalid JSON: {err}")),
        };
        let Some(id) = item.id else {
            return self.error("item has no \"id\"");
        };
        if item.kind.as_deref() == Some("story") || item.title.is_some() && item.parent.is_none() {
            self.thread_month = item.title.as_deref().and_then(month_from_title);
            return Event::Skipped {
                origin: self.origin(),
                reason: SkipReason::NotAPosting,
            };
        }
        if item.deleted {
            return Event::Skipped {
                origin: self.origin(),
                reason: SkipReason::Deleted,
            };
        }
        if item.dead {
            return Event::Skipped {
                origin: self.origin(),
                reason: SkipReason::Dead,
            };
        }
        let raw = item.text.unwrap_or_default();
        if raw.trim().is_empty() {
            return self.error(format!("item {id} has an empty text"));
        }
        if raw.len() > MAX_TEXT_BYTES {
            return self.error(format!(
                "item {id} text is {} bytes, over the {MAX_TEXT_BYTES}-byte limit",
                raw.len()
            ));
        }
        let month = self
            .thread_month
            .clone()
            .or_else(|| item.time.and_then(month_from_unix));
        let text = html::to_text(&raw);
        Event::Posting(Box::new(Posting {
            source: "hn".to_string(),
            source_id: id.to_string(),
            month,
            posted_at: item.time,
            title: None,
            company: None,
            location: None,
            url: Some(format!("https://news.ycombinator.com/item?id={id}")),
            raw,
            text,
            pay_evidence: Vec::new(),
        }))
    }
}

fn trim_ascii(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    &bytes[start..end]
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// "Ask HN: Who is hiring? (August 2013)" → "2013-08".
pub fn month_from_title(title: &str) -> Option<String> {
    let lower = title.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).rev().find_map(|pair| {
        let month = MONTH_NAMES.iter().position(|m| *m == pair[0])? + 1;
        let year: u32 = pair[1].parse().ok()?;
        (1990..=2200)
            .contains(&year)
            .then(|| format!("{year:04}-{month:02}"))
    })
}

/// Unix seconds → "YYYY-MM" (UTC).
pub fn month_from_unix(seconds: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(seconds, 0).map(|t| t.format("%Y-%m").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &str) -> Vec<Event> {
        HnItems
            .read(
                "t.jsonl",
                Box::new(std::io::Cursor::new(input.as_bytes().to_vec())),
            )
            .collect()
    }

    #[test]
    fn month_from_titles() {
        assert_eq!(
            month_from_title("Ask HN: Who is hiring? (August 2013)").as_deref(),
            Some("2013-08")
        );
        assert_eq!(
            month_from_title("Ask HN: Who is hiring? (May 2024)").as_deref(),
            Some("2024-05")
        );
        assert_eq!(month_from_title("Ask HN: Who is hiring?"), None);
        assert_eq!(month_from_unix(1717426914).as_deref(), Some("2024-06"));
    }

    #[test]
    fn reads_thread_then_posts() {
        let input = concat!(
            r#"{"by": "whoishiring", "id": 1, "kids": [2, 3], "title": "Ask HN: Who is hiring? (June 2024)", "time": 1717000000, "type": "story"}"#,
            "\n",
            r#"{"by": "a", "id": 2, "parent": 1, "text": "Acme | Rust<p>Hi &amp; bye", "time": 1717426914, "type": "comment"}"#,
            "\n",
            r#"{"deleted": true, "id": 3, "parent": 1, "time": 1717426914, "type": "comment"}"#,
            "\n",
            "{not json\n",
            r#"{"by": "b", "id": 4, "parent": 1, "text": "", "time": 1717426914, "type": "comment"}"#,
            "\n",
            r#"{"by": "c", "id": 5, "parent": 1, "text": "Beta | Go", "time": 1717426914, "type": "comment", "dead": true}"#,
            "\n",
        );
        let events = read_all(input);
        assert_eq!(events.len(), 6);
        let Event::Posting(posting) = &events[1] else {
            panic!("{:?}", events[1])
        };
        assert_eq!(posting.source_id, "2");
        assert_eq!(posting.month.as_deref(), Some("2024-06"));
        assert_eq!(posting.text, "Acme | Rust\n\nHi & bye");
        assert!(matches!(
            events[2],
            Event::Skipped {
                reason: SkipReason::Deleted,
                ..
            }
        ));
        let Event::Error(err) = &events[3] else {
            panic!()
        };
        assert_eq!(err.origin.record, 4);
        assert!(
            err.to_string().starts_with("t.jsonl:4: invalid JSON"),
            "{err}"
        );
        let Event::Error(err) = &events[4] else {
            panic!()
        };
        assert!(err.reason.contains("empty text"));
        assert!(matches!(
            events[5],
            Event::Skipped {
                reason: SkipReason::Dead,
                ..
            }
        ));
    }

    #[test]
    fn invalid_utf8_is_one_records_error() {
        let mut input =
            b"{\"id\": 7, \"parent\": 1, \"text\": \"caf\xff\", \"type\": \"comment\"}\n".to_vec();
        input.extend_from_slice(
            b"{\"id\": 8, \"parent\": 1, \"text\": \"ok\", \"type\": \"comment\", \"time\": 0}\n",
        );
        let events: Vec<Event> = HnItems
            .read("u", Box::new(std::io::Cursor::new(input)))
            .collect();
        assert!(matches!(&events[0], Event::Error(e) if e.reason.contains("UTF-8")));
        assert!(matches!(&events[1], Event::Posting(p) if p.month.as_deref() == Some("1970-01")));
    }
}
