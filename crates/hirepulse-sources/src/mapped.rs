//! Generic CSV / JSON Lines with a user-given column mapping.
//!
//! Any table of postings can be read once the user says which column holds what
//! (`--map id=job_id,text=body` or a small TOML file with the same keys). These formats are never
//! detected from content, since a CSV says nothing about which column is the text: they are used
//! only with a mapping, and which of the two it is follows the content (`{` first → JSON Lines).
//! A CSV header that lacks a mapped column fails the whole input up front
//! ([`SourceError::MissingColumn`]) rather than failing every row; after that, rows are read as
//! bytes with `flexible(true)` so a wrong width or invalid UTF-8 is that row's error. Messages
//! name the line a record starts on.

use crate::common;
use crate::{Event, Origin, Posting, RecordError, SourceError, SourceFormat};
use serde::Deserialize;
use std::io::BufRead;

/// Which input column holds which posting field. Given on the command line
/// (`--map id=job_id,text=body`) or in a small TOML file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// Column with the posting's id (required).
    pub id: String,
    /// Column with the posting's text or HTML (required).
    pub text: String,
    pub title: Option<String>,
    pub company: Option<String>,
    pub location: Option<String>,
    /// Column with the posting date (RFC 3339, `YYYY-MM-DD` or unix seconds).
    pub date: Option<String>,
    pub url: Option<String>,
    /// The source name stored with each posting (default `csv` / `jsonl`).
    pub source: Option<String>,
}

/// The keys a mapping accepts, in the order they are documented.
pub const MAPPING_KEYS: &[&str] = &[
    "id", "text", "title", "company", "location", "date", "url", "source",
];

/// A mapping that cannot be used, naming the key at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MappingError {
    #[error("unknown mapping key {key:?} (known keys: {})", MAPPING_KEYS.join(", "))]
    UnknownKey { key: String },
    #[error("mapping key {key:?} is given twice")]
    DuplicateKey { key: String },
    #[error("mapping key {key:?} has an empty column name")]
    EmptyValue { key: String },
    #[error("mapping key {key:?} must be a string (a column name)")]
    NotAString { key: String },
    #[error("mapping entry {entry:?} is not KEY=COLUMN")]
    NotAPair { entry: String },
    #[error("the mapping needs the key {key:?} (e.g. id=job_id,text=body)")]
    MissingKey { key: &'static str },
    #[error("the mapping file is not valid TOML: {reason}")]
    Toml { reason: String },
}

impl Mapping {
    /// Parses `id=job_id,text=body,company=org` (spaces around keys and columns are ignored).
    pub fn parse_cli(arg: &str) -> Result<Mapping, MappingError> {
        let mut pairs = Vec::new();
        for entry in arg.split(',').map(str::trim).filter(|e| !e.is_empty()) {
            let (key, column) = entry
                .split_once('=')
                .ok_or_else(|| MappingError::NotAPair {
                    entry: entry.to_string(),
                })?;
            pairs.push((key.trim().to_string(), column.trim().to_string()));
        }
        Mapping::from_pairs(pairs)
    }

    /// Parses a TOML file with the same keys, e.g. `id = "job_id"` / `text = "body"`.
    pub fn from_toml(text: &str) -> Result<Mapping, MappingError> {
        let table: toml::Table = toml::from_str(text).map_err(|err| MappingError::Toml {
            reason: err.to_string(),
        })?;
        let mut pairs = Vec::new();
        for (key, value) in table {
            let toml::Value::String(column) = value else {
                return Err(if MAPPING_KEYS.contains(&key.as_str()) {
                    MappingError::NotAString { key }
                } else {
                    MappingError::UnknownKey { key }
                });
            };
            pairs.push((key, column.trim().to_string()));
        }
        Mapping::from_pairs(pairs)
    }

    fn from_pairs(pairs: Vec<(String, String)>) -> Result<Mapping, MappingError> {
        let mut mapping = Mapping::default();
        let mut seen: Vec<String> = Vec::new();
        for (key, column) in pairs {
            if seen.contains(&key) {
                return Err(MappingError::DuplicateKey { key });
            }
            if column.is_empty() {
                return Err(MappingError::EmptyValue { key });
            }
            let slot = match key.as_str() {
                "id" => {
                    mapping.id = column;
                    seen.push(key);
                    continue;
                }
                "text" => {
                    mapping.text = column;
                    seen.push(key);
                    continue;
                }
                "title" => &mut mapping.title,
                "company" => &mut mapping.company,
                "location" => &mut mapping.location,
                "date" => &mut mapping.date,
                "url" => &mut mapping.url,
                "source" => &mut mapping.source,
                _ => return Err(MappingError::UnknownKey { key }),
            };
            *slot = Some(column);
            seen.push(key);
        }
        if mapping.id.is_empty() {
            return Err(MappingError::MissingKey { key: "id" });
        }
        if mapping.text.is_empty() {
            return Err(MappingError::MissingKey { key: "text" });
        }
        Ok(mapping)
    }

    /// The mapped columns as (posting field, column), `source` excluded (it is a value).
    fn columns(&self) -> Vec<(&'static str, &str)> {
        let mut columns = vec![("id", self.id.as_str()), ("text", self.text.as_str())];
        for (field, column) in [
            ("title", &self.title),
            ("company", &self.company),
            ("location", &self.location),
            ("date", &self.date),
            ("url", &self.url),
        ] {
            if let Some(column) = column {
                columns.push((field, column.as_str()));
            }
        }
        columns
    }
}

/// True when the input's first non-blank byte is `{` (JSON Lines rather than CSV).
pub fn starts_with_object(head: &[u8]) -> bool {
    common::skip_bom_and_space(head).starts_with(b"{")
}

/// The generic CSV format as a [`SourceFormat`]: never sniffed; reading it without a mapping (use
/// [`crate::read`] with one) yields one error.
pub struct MappedCsv;
/// The generic JSON Lines format as a [`SourceFormat`]; see [`MappedCsv`].
pub struct MappedJsonl;

fn needs_mapping<'a>(file: &str) -> Box<dyn Iterator<Item = Event> + 'a> {
    Box::new(std::iter::once(Event::Error(RecordError {
        origin: Origin {
            file: file.to_string(),
            record: 1,
        },
        reason: "generic CSV / JSON Lines need a column mapping (e.g. --map id=job_id,text=body)"
            .to_string(),
    })))
}

impl SourceFormat for MappedCsv {
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }

    fn read<'a>(
        &self,
        file: &str,
        _input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        needs_mapping(file)
    }
}

impl SourceFormat for MappedJsonl {
    fn sniff(&self, _head: &[u8]) -> bool {
        false
    }

    fn read<'a>(
        &self,
        file: &str,
        _input: Box<dyn BufRead + 'a>,
    ) -> Box<dyn Iterator<Item = Event> + 'a> {
        needs_mapping(file)
    }
}

/// Opens `input` as generic JSON Lines (`jsonl`) or CSV through `mapping`. For CSV the header is
/// read here, so a mapped column missing from it is an error for the whole input.
pub fn open<'a>(
    file: &str,
    input: Box<dyn BufRead + 'a>,
    mapping: Mapping,
    jsonl: bool,
) -> Result<Box<dyn Iterator<Item = Event> + 'a>, SourceError> {
    if jsonl {
        return Ok(Box::new(JsonlReader {
            file: file.to_string(),
            source: mapping
                .source
                .clone()
                .unwrap_or_else(|| "jsonl".to_string()),
            mapping,
            input,
            line_number: 0,
            buffer: Vec::new(),
            done: false,
        }));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let header = reader.byte_headers().map_err(|err| SourceError::Io {
        file: file.to_string(),
        source: std::io::Error::other(err.to_string()),
    })?;
    let names: Vec<String> = header
        .iter()
        .map(|name| {
            String::from_utf8_lossy(name)
                .trim_start_matches('\u{feff}')
                .trim()
                .to_string()
        })
        .collect();
    let mut indices = Vec::new();
    for (field, column) in mapping.columns() {
        let Some(idx) = names.iter().position(|name| name == column) else {
            return Err(SourceError::MissingColumn {
                file: file.to_string(),
                field,
                column: column.to_string(),
                available: names.join(", "),
            });
        };
        indices.push((field, column.to_string(), idx));
    }
    Ok(Box::new(CsvReader {
        file: file.to_string(),
        source: mapping.source.clone().unwrap_or_else(|| "csv".to_string()),
        reader,
        id_column: mapping.id.clone(),
        indices,
        width: names.len(),
        record: csv::ByteRecord::new(),
        done: false,
    }))
}

/// Builds a posting from the mapped fields of one record; `Err` is the record's error reason.
fn build_posting(
    source: &str,
    id_column: &str,
    field: &dyn Fn(&str) -> Option<String>,
) -> Result<Posting, String> {
    let source_id = field("id").ok_or_else(|| format!("the id column {id_column:?} is empty"))?;
    let raw = field("text").unwrap_or_default();
    let what = format!("record {source_id:?}");
    common::check_raw(&what, &raw)?;
    let text = common::text_of(&raw);
    common::check_text(&what, &text)?;
    let posted = field("date").and_then(|date| common::parse_date(&date));
    Ok(Posting {
        source: source.to_string(),
        source_id,
        month: posted.as_ref().map(|p| p.month.clone()),
        posted_at: posted.map(|p| p.unix),
        title: field("title"),
        company: field("company"),
        location: field("location"),
        url: field("url"),
        text,
        raw,
        pay_evidence: Vec::new(),
    })
}

fn record_error(file: &str, record: u64, reason: impl Into<String>) -> Event {
    Event::Error(RecordError {
        origin: Origin {
            file: file.to_string(),
            record,
        },
        reason: reason.into(),
    })
}

struct CsvReader<'a> {
    file: String,
    source: String,
    reader: csv::Reader<Box<dyn BufRead + 'a>>,
    id_column: String,
    /// (posting field, column name, column index) for each mapped column.
    indices: Vec<(&'static str, String, usize)>,
    width: usize,
    record: csv::ByteRecord,
    done: bool,
}

impl Iterator for CsvReader<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        if self.done {
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(err) => {
                    self.done = true;
                    let line = err.position().map_or(0, |p| p.line());
                    return Some(record_error(&self.file, line, format!("read error: {err}")));
                }
            }
            if self.record.len() == 1 && self.record.get(0).is_some_and(|f| f.is_empty()) {
                continue;
            }
            return Some(self.row());
        }
    }
}

impl CsvReader<'_> {
    fn row(&self) -> Event {
        let line = self.record.position().map_or(0, |p| p.line());
        if self.record.len() != self.width {
            return record_error(
                &self.file,
                line,
                format!(
                    "row has {} fields, the header has {}",
                    self.record.len(),
                    self.width
                ),
            );
        }
        let mut values: Vec<(&'static str, &str)> = Vec::with_capacity(self.indices.len());
        for (field, column, idx) in &self.indices {
            let bytes = self.record.get(*idx).unwrap_or_default();
            match std::str::from_utf8(bytes) {
                Ok(value) => values.push((field, value)),
                Err(err) => {
                    return record_error(
                        &self.file,
                        line,
                        format!(
                            "invalid UTF-8 in column {column:?} at byte {}",
                            err.valid_up_to()
                        ),
                    )
                }
            }
        }
        let field = |name: &str| {
            values
                .iter()
                .find(|(field, _)| *field == name)
                .and_then(|(_, value)| common::non_empty(value))
        };
        match build_posting(&self.source, &self.id_column, &field) {
            Ok(posting) => Event::Posting(Box::new(posting)),
            Err(reason) => record_error(&self.file, line, reason),
        }
    }
}

struct JsonlReader<'a> {
    file: String,
    source: String,
    mapping: Mapping,
    input: Box<dyn BufRead + 'a>,
    line_number: u64,
    buffer: Vec<u8>,
    done: bool,
}

impl Iterator for JsonlReader<'_> {
    type Item = Event;

    fn next(&mut self) -> Option<Event> {
        loop {
            if self.done {
                return None;
            }
            self.buffer.clear();
            self.line_number += 1;
            match self.input.read_until(b'\n', &mut self.buffer) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(err) => {
                    self.done = true;
                    return Some(record_error(
                        &self.file,
                        self.line_number,
                        format!("read error: {err}"),
                    ));
                }
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.line());
        }
    }
}

impl JsonlReader<'_> {
    fn line(&self) -> Event {
        let error = |reason: String| record_error(&self.file, self.line_number, reason);
        let line = match std::str::from_utf8(&self.buffer) {
            Ok(line) => line,
            Err(err) => return error(format!("invalid UTF-8 at byte {}", err.valid_up_to())),
        };
        let object = match serde_json::from_str::<serde_json::Value>(line) {
            Ok(serde_json::Value::Object(object)) => object,
            Ok(_) => return error("the line is not a JSON object".to_string()),
            Err(err) => return error(format!("invalid JSON: {err}")),
        };
        for (field, column) in [("id", &self.mapping.id), ("text", &self.mapping.text)] {
            if !object.contains_key(column.as_str()) {
                return error(format!("no {column:?} key (mapped to {field})"));
            }
        }
        let columns = self.mapping.columns();
        let field = |name: &str| {
            let (_, column) = columns.iter().find(|(field, _)| *field == name)?;
            match object.get(*column)? {
                serde_json::Value::String(s) => common::non_empty(s),
                serde_json::Value::Number(n) => Some(n.to_string()),
                serde_json::Value::Bool(b) => Some(b.to_string()),
                _ => None,
            }
        };
        match build_posting(&self.source, &self.mapping.id, &field) {
            Ok(posting) => Event::Posting(Box::new(posting)),
            Err(reason) => error(reason),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cli_mappings() {
        let mapping = Mapping::parse_cli("id=job_id, text = body,company=org").unwrap();
        assert_eq!(mapping.id, "job_id");
        assert_eq!(mapping.text, "body");
        assert_eq!(mapping.company.as_deref(), Some("org"));
        let cases = [
            ("id=a,text=b,salary=c", "\"salary\""),
            ("id=a,text=b,id=c", "\"id\" is given twice"),
            ("id=a,text=", "\"text\" has an empty column"),
            ("id=a,textb", "\"textb\" is not KEY=COLUMN"),
            ("id=a", "needs the key \"text\""),
        ];
        for (arg, message) in cases {
            let err = Mapping::parse_cli(arg).unwrap_err().to_string();
            assert!(err.contains(message), "{arg}: {err}");
        }
    }

    #[test]
    fn toml_mappings() {
        let mapping =
            Mapping::from_toml("id = \"job_id\"\ntext = \"body\"\nsource = \"acme\"\n").unwrap();
        assert_eq!(mapping.source.as_deref(), Some("acme"));
        let err = Mapping::from_toml("id = \"a\"\ntext = \"b\"\nsalary = \"c\"").unwrap_err();
        assert_eq!(
            err,
            MappingError::UnknownKey {
                key: "salary".into()
            }
        );
        let err = Mapping::from_toml("id = 3\ntext = \"b\"").unwrap_err();
        assert_eq!(err, MappingError::NotAString { key: "id".into() });
        assert!(matches!(
            Mapping::from_toml("id = "),
            Err(MappingError::Toml { .. })
        ));
    }

    #[test]
    fn missing_column_fails_the_input() {
        let mapping = Mapping::parse_cli("id=job_id,text=body").unwrap();
        let input = Box::new(std::io::Cursor::new(b"job_id,text\n1,x\n".to_vec()));
        let Err(err) = open("g.csv", input, mapping, false) else {
            panic!("expected an error")
        };
        assert_eq!(
            err.to_string(),
            "g.csv: mapped column \"body\" (for text) is not in the header; columns are: job_id, text"
        );
    }
}
