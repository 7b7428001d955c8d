//! HN Algolia `items/<id>` JSON: one thread as a tree, `https://hn.algolia.com/api/v1/items/<id>`.
//!
//! The document is one object (the story, whose `title` gives the month) with nested `children`:
//! the top-level children are the job posts, deeper ones are replies. It is a single JSON value,
//! so it is read whole and then walked in document order (pre-order); the record number in
//! messages is the node's position in that walk, the story being record 1. The tree is walked as
//! untyped JSON so that one malformed child is that child's error, not the document's. Postings
//! get source `hn` and the item id, the same key as the HN API items reader, so the same HN post
//! read from either format is one posting.

use crate::common::{self, Document};
use crate::{hn_items, Event, Origin, Posting, RecordError, SkipReason, SourceFormat};
use serde_json::Value;
use std::io::BufRead;

pub struct HnAlgolia;

impl SourceFormat for HnAlgolia {
    fn sniff(&self, head: &[u8]) -> bool {
        let head = common::skip_bom_and_space(head);
        if !head.starts_with(b"{") {
            return false;
        }
        let head = String::from_utf8_lossy(head);
        head.contains("\"children\"")
            && (head.contains("\"created_at_i\"")
                || head.contains("\"story_id\"")
                || head.contains("\"parent_id\""))
    }

    fn read<'a>(
        &self,
        file: &str,
        mut input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        let mut walk = Walk {
            file: file.to_string(),
            events: Vec::new(),
            thread_month: None,
            had_invalid_utf8: false,
        };
        match common::read_document(&mut input) {
            Ok(document) => walk.document(document),
            Err(reason) => walk.error(1, reason),
        }
        Box::new(walk.events.into_iter())
    }
}

/// Turns the parsed tree into events, in document order.
struct Walk {
    file: String,
    events: Vec<Event>,
    thread_month: Option<String>,
    had_invalid_utf8: bool,
}

impl Walk {
    fn origin(&self, record: u64) -> Origin {
        Origin {
            file: self.file.clone(),
            record,
        }
    }

    fn error(&mut self, record: u64, reason: impl Into<String>) {
        self.events.push(Event::Error(RecordError {
            origin: self.origin(record),
            reason: reason.into(),
        }));
    }

    fn skip(&mut self, record: u64, reason: SkipReason) {
        self.events.push(Event::Skipped {
            origin: self.origin(record),
            reason,
        });
    }

    fn document(&mut self, document: Document) {
        self.had_invalid_utf8 = document.had_invalid_utf8;
        let root: Value = match serde_json::from_str(&document.text) {
            Ok(root) => root,
            Err(err) => return self.error(1, format!("invalid JSON: {err}")),
        };
        let Some(story) = root.as_object() else {
            return self.error(1, "the document is not a JSON object (an Algolia item)");
        };
        self.thread_month = story
            .get("title")
            .and_then(Value::as_str)
            .and_then(hn_items::month_from_title);
        self.skip(1, SkipReason::NotAPosting);
        let mut record = 1;
        for child in children(&root) {
            record += 1;
            self.post(child, record);
            // Replies under a post are not postings; each is counted as such.
            for reply in children(child) {
                record = self.replies(reply, record + 1);
            }
        }
    }

    /// Skips `node` and everything under it; returns the last record number used.
    fn replies(&mut self, node: &Value, record: u64) -> u64 {
        self.skip(record, SkipReason::NotAPosting);
        let mut last = record;
        for child in children(node) {
            last = self.replies(child, last + 1);
        }
        last
    }

    fn post(&mut self, child: &Value, record: u64) {
        let Some(item) = child.as_object() else {
            return self.error(record, "child is not a JSON object");
        };
        let id = match item.get("id") {
            Some(Value::Number(n)) if n.as_u64().is_some() => n.to_string(),
            Some(Value::String(s)) if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) => {
                s.clone()
            }
            Some(other) => return self.error(record, format!("child has a bad \"id\": {other}")),
            None => return self.error(record, "child has no \"id\""),
        };
        if item
            .get("type")
            .and_then(Value::as_str)
            .is_some_and(|kind| kind != "comment")
        {
            return self.skip(record, SkipReason::NotAPosting);
        }
        let raw = match item.get("text") {
            None | Some(Value::Null) => return self.skip(record, SkipReason::Deleted),
            Some(Value::String(text)) => text.clone(),
            Some(other) => {
                return self.error(
                    record,
                    format!("item {id} has a non-string \"text\": {other}"),
                )
            }
        };
        if self.had_invalid_utf8 && raw.contains('\u{FFFD}') {
            return self.error(record, format!("item {id} text holds invalid UTF-8"));
        }
        if let Err(reason) = common::check_raw(&format!("item {id}"), &raw) {
            return self.error(record, reason);
        }
        let posted = item
            .get("created_at_i")
            .and_then(Value::as_i64)
            .and_then(|seconds| common::parse_date(&seconds.to_string()))
            .or_else(|| {
                item.get("created_at")
                    .and_then(Value::as_str)
                    .and_then(common::parse_date)
            });
        let month = self
            .thread_month
            .clone()
            .or_else(|| posted.as_ref().map(|p| p.month.clone()));
        // Unlike the other readers, a text that is only markup (`<font></font>`, seen in old
        // threads) stays a posting: the HN API items reader keeps it, and the same HN item must
        // give the same result from either format.
        let text = crate::html::to_text(&raw);
        self.events.push(Event::Posting(Box::new(Posting {
            source: "hn".to_string(),
            url: Some(format!("https://news.ycombinator.com/item?id={id}")),
            source_id: id,
            month,
            posted_at: posted.map(|p| p.unix),
            title: None,
            company: None,
            location: None,
            raw,
            text,
            pay_evidence: Vec::new(),
        })));
    }
}

/// The `children` array of a node (empty when absent or not an array).
fn children(node: &Value) -> &[Value] {
    node.get("children")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_bytes(input: Vec<u8>) -> Vec<Event> {
        HnAlgolia
            .read("t.json", Box::new(std::io::Cursor::new(input)))
            .collect()
    }

    #[test]
    fn month_falls_back_to_time_without_a_title() {
        let events = read_bytes(
            br#"{"id": 1, "children": [{"id": 2, "created_at_i": 1717426914, "text": "<p>Acme</p>", "children": []}]}"#
                .to_vec(),
        );
        let Event::Posting(posting) = &events[1] else {
            panic!("{events:?}")
        };
        assert_eq!(posting.month.as_deref(), Some("2024-06"));
        assert_eq!(posting.posted_at, Some(1717426914));
    }

    #[test]
    fn invalid_utf8_fails_only_its_record() {
        let mut input = br#"{"id": 1, "title": "Ask HN: Who is hiring? (June 2024)", "children": [{"id": 2, "text": "caf"#.to_vec();
        input.push(0xff);
        input
            .extend_from_slice(br#"", "children": []}, {"id": 3, "text": "ok", "children": []}]}"#);
        let events = read_bytes(input);
        assert_eq!(events.len(), 3);
        assert!(
            matches!(&events[1], Event::Error(e) if e.reason.contains("UTF-8") && e.origin.record == 2)
        );
        assert!(matches!(&events[2], Event::Posting(p) if p.source_id == "3"));
    }

    #[test]
    fn broken_document_is_one_error() {
        let events = read_bytes(b"{\"children\": [".to_vec());
        assert_eq!(events.len(), 1);
        assert!(matches!(&events[0], Event::Error(e) if e.reason.starts_with("invalid JSON")));
    }
}
