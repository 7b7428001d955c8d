//! Reader fixtures: each format's fixture in `testdata/` is read and its events compared, one JSON
//! line per event, with `testdata/<fixture>.expected.jsonl`. Run with `UPDATE_EXPECTED=1` to
//! rewrite the expected files after a deliberate change, then review the diff.
//! Also: format detection (fixtures and `../shared/corpus/hn`), malformed input built at runtime,
//! and properties of `html::to_text`.

use hirepulse_sources::mapped::Mapping;
use hirepulse_sources::{detect, html, read, Event, Format, ReadOptions, SourceError};
use std::path::{Path, PathBuf};

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn mapping() -> Mapping {
    let toml = std::fs::read_to_string(testdata("generic-mapping.toml")).unwrap();
    Mapping::from_toml(&toml).unwrap()
}

fn read_bytes(name: &str, bytes: Vec<u8>, options: &ReadOptions) -> Vec<Event> {
    read(name, Box::new(std::io::Cursor::new(bytes)), options)
        .unwrap_or_else(|err| panic!("{name}: {err}"))
        .collect()
}

/// One event as a JSON line: the posting itself, or `{"skipped"|"error", "record"}`.
fn render(event: &Event) -> String {
    let value = match event {
        Event::Posting(posting) => serde_json::json!({ "posting": posting }),
        Event::Skipped { origin, reason } => {
            serde_json::json!({ "skipped": reason, "record": origin.record })
        }
        Event::Error(err) => serde_json::json!({
            "error": err.reason,
            "file": err.origin.file,
            "record": err.origin.record,
        }),
    };
    serde_json::to_string(&value).unwrap()
}

/// Reads fixture `name` with `options` and checks the events against the expected file.
fn check(name: &str, options: &ReadOptions) {
    let bytes = std::fs::read(testdata(name)).unwrap();
    let events = read_bytes(name, bytes, options);
    let actual: String = events.iter().map(|e| render(e) + "\n").collect();
    let expected_path = testdata(&format!("{name}.expected.jsonl"));
    if std::env::var_os("UPDATE_EXPECTED").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path)
        .unwrap_or_else(|err| panic!("{}: {err}", expected_path.display()));
    for (line_idx, (a, e)) in actual.lines().zip(expected.lines()).enumerate() {
        assert_eq!(a, e, "{name}: event {} differs", line_idx + 1);
    }
    assert_eq!(
        actual.lines().count(),
        expected.lines().count(),
        "{name}: number of events"
    );
}

#[test]
fn algolia_fixture() {
    check("algolia-item.json", &ReadOptions::default());
}

#[test]
fn jobspy_fixture() {
    check("jobspy.csv", &ReadOptions::default());
}

#[test]
fn jsonld_page_fixture() {
    check("jsonld-page.html", &ReadOptions::default());
}

#[test]
fn jsonld_json_fixture() {
    check("jsonld-postings.json", &ReadOptions::default());
}

#[test]
fn greenhouse_fixture() {
    check("greenhouse-board.json", &ReadOptions::default());
}

#[test]
fn lever_fixture() {
    check("lever-postings.json", &ReadOptions::default());
}

#[test]
fn ashby_fixture() {
    check("ashby-board.json", &ReadOptions::default());
}

#[test]
fn generic_csv_fixture() {
    let options = ReadOptions {
        format: None,
        mapping: Some(mapping()),
    };
    check("generic.csv", &options);
}

#[test]
fn generic_jsonl_fixture() {
    let options = ReadOptions {
        format: None,
        mapping: Some(mapping()),
    };
    check("generic.jsonl", &options);
}

#[test]
fn invalid_utf8_fails_only_its_record() {
    let options = ReadOptions {
        format: None,
        mapping: Some(Mapping::parse_cli("id=job_id,text=body").unwrap()),
    };
    check("invalid-utf8.csv", &options);
    check("invalid-utf8.jsonl", &options);

    // JobSpy: one row's description carries a byte that is not UTF-8.
    let mut jobspy = b"id,site,job_url,description\n".to_vec();
    jobspy.extend_from_slice(b"a,indeed,https://x/a,\"caf\xe9\"\nb,indeed,https://x/b,fine\n");
    let events = read_bytes("j.csv", jobspy, &ReadOptions::default());
    assert!(
        matches!(&events[0], Event::Error(e) if e.origin.record == 2
            && e.reason.contains("invalid UTF-8 in column \"description\"")),
        "{events:?}"
    );
    assert!(matches!(&events[1], Event::Posting(p) if p.source_id == "b"));
}

/// A 10 MB text is one record's error in every format; its neighbours are kept.
#[test]
fn oversized_text_is_one_records_error() {
    let big = "word ".repeat(2_000_000);
    let cases: Vec<(&str, String, ReadOptions)> = vec![
        (
            "big.csv",
            format!("id,site,job_url,description\n1,indeed,u1,\"{big}\"\n2,indeed,u2,ok\n"),
            ReadOptions::default(),
        ),
        (
            "big.jsonl",
            format!("{{\"job_id\": 1, \"body\": \"{big}\"}}\n{{\"job_id\": 2, \"body\": \"ok\"}}\n"),
            ReadOptions {
                format: None,
                mapping: Some(Mapping::parse_cli("id=job_id,text=body").unwrap()),
            },
        ),
        (
            "big.json",
            format!(
                "{{\"id\": 1, \"title\": \"x\", \"children\": [{{\"id\": 2, \"created_at_i\": 0, \"text\": \"{big}\", \"children\": []}}, {{\"id\": 3, \"created_at_i\": 0, \"text\": \"ok\", \"children\": []}}]}}"
            ),
            ReadOptions::default(),
        ),
        (
            "big-ld.json",
            format!(
                "[{{\"@type\": \"JobPosting\", \"url\": \"u1\", \"description\": \"{big}\"}}, {{\"@type\": \"JobPosting\", \"url\": \"u2\", \"description\": \"ok\"}}]"
            ),
            ReadOptions::default(),
        ),
    ];
    for (name, input, options) in cases {
        let events = read_bytes(name, input.into_bytes(), &options);
        let postings = events
            .iter()
            .filter(|e| matches!(e, Event::Posting(p) if p.text == "ok"))
            .count();
        let errors: Vec<&Event> = events
            .iter()
            .filter(|e| matches!(e, Event::Error(err) if err.reason.contains("byte limit")))
            .collect();
        assert_eq!((postings, errors.len()), (1, 1), "{name}: {events:?}");
    }
}

#[test]
fn detects_each_fixture() {
    let cases = [
        ("algolia-item.json", Some(Format::HnAlgolia)),
        ("jobspy.csv", Some(Format::Jobspy)),
        ("jsonld-page.html", Some(Format::Jsonld)),
        ("jsonld-postings.json", Some(Format::Jsonld)),
        ("greenhouse-board.json", Some(Format::Greenhouse)),
        ("lever-postings.json", Some(Format::Lever)),
        ("ashby-board.json", Some(Format::Ashby)),
        // Generic tables are never detected: they need a mapping.
        ("generic.csv", None),
        ("generic.jsonl", None),
        ("invalid-utf8.csv", None),
    ];
    for (name, expected) in cases {
        let bytes = std::fs::read(testdata(name)).unwrap();
        assert_eq!(detect(&bytes), expected, "{name}");
    }
    let hn = br#"{"by": "whoishiring", "id": 1, "kids": [2], "title": "Ask HN: Who is hiring? (June 2024)", "type": "story"}"#;
    assert_eq!(detect(hn), Some(Format::HnItems));
}

#[test]
fn generic_csv_without_mapping_is_unknown() {
    let bytes = std::fs::read(testdata("generic.csv")).unwrap();
    let result = read(
        "generic.csv",
        Box::new(std::io::Cursor::new(bytes.clone())),
        &ReadOptions::default(),
    );
    assert!(matches!(result, Err(SourceError::UnknownFormat { .. })));
    // Naming the format without a mapping is an error too, not a silent empty read.
    let result = read(
        "generic.csv",
        Box::new(std::io::Cursor::new(bytes)),
        &ReadOptions {
            format: Some(Format::Csv),
            mapping: None,
        },
    );
    assert!(matches!(result, Err(SourceError::MappingRequired { .. })));
}

/// An explicit format wins over detection.
#[test]
fn explicit_format_overrides_detection() {
    let bytes = std::fs::read(testdata("jobspy.csv")).unwrap();
    let options = ReadOptions {
        format: Some(Format::Csv),
        mapping: Some(Mapping::parse_cli("id=job_url,text=description,source=mine").unwrap()),
    };
    let events = read_bytes("jobspy.csv", bytes, &options);
    let sources: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Posting(p) => Some(p.source.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(sources, vec!["mine", "mine", "mine"]);
}

#[test]
fn detects_shared_hn_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/hn");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut n_files = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("jsonl") {
            continue;
        }
        let mut head = vec![0u8; 1 << 16];
        let n = std::io::Read::read(&mut std::fs::File::open(&path).unwrap(), &mut head).unwrap();
        // The readers see at least 8 KiB (a default BufReader); check the short head too.
        for len in [n.min(8 << 10), n] {
            assert_eq!(
                detect(&head[..len]),
                Some(Format::HnItems),
                "{}",
                path.display()
            );
        }
        n_files += 1;
    }
    assert!(n_files > 0, "no .jsonl files in {}", dir.display());
}

mod to_text_properties {
    use super::{html, read, Event, Format, Mapping, ReadOptions};
    use proptest::prelude::*;

    /// HTML-ish strings: tags, entities, whitespace and words mixed.
    fn html_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("<p>".to_string()),
            Just("</p>".to_string()),
            Just("<br>".to_string()),
            Just("<pre><code>".to_string()),
            Just("</code></pre>".to_string()),
            Just("<a href=\"https://x.example/a\">".to_string()),
            Just("</a>".to_string()),
            Just("<i>".to_string()),
            Just("</i>".to_string()),
            Just("<li>".to_string()),
            Just("<script>".to_string()),
            Just("</script>".to_string()),
            Just("&amp;".to_string()),
            Just("&#x27;".to_string()),
            Just("&nbsp;".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\t".to_string()),
            "[a-zA-Z0-9 .,|/:-]{0,12}",
            any::<String>(),
        ];
        prop::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig {
            cases: 512,
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn never_panics_and_no_trailing_spaces(input in html_like()) {
            let text = html::to_text(&input);
            for line in text.lines() {
                prop_assert_eq!(line, line.trim_end(), "line with trailing space in {:?}", text);
            }
            prop_assert_eq!(text.as_str(), text.trim(), "text not trimmed");
        }

        /// No reader panics on arbitrary bytes, whatever format it is told the bytes are in.
        #[test]
        fn readers_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..512), prefix in prop_oneof![
            Just(&b""[..]),
            Just(&b"{\"children\": ["[..]),
            Just(&b"id,site,job_url,description\n"[..]),
            Just(&b"job_id,body\n"[..]),
            Just(&b"<html><script type=\"application/ld+json\">"[..]),
            Just(&b"[{\"@type\": \"JobPosting\", \"description\": "[..]),
        ]) {
            let mut input = prefix.to_vec();
            input.extend_from_slice(&bytes);
            for format in Format::ALL.iter().copied().map(Some).chain([None]) {
                let options = ReadOptions {
                    format,
                    mapping: Some(Mapping::parse_cli("id=job_id,text=body").unwrap()),
                };
                if let Ok(events) = read("p", Box::new(std::io::Cursor::new(input.clone())), &options) {
                    for event in events {
                        if let Event::Posting(posting) = event {
                            prop_assert!(!posting.text.is_empty());
                        }
                    }
                }
            }
        }

        /// A second pass gives the same text, except that line breaks (and `<pre>` indentation)
        /// are whitespace to HTML and so flow into single spaces; a third pass changes nothing.
        #[test]
        fn idempotent_on_plain_output(input in html_like()) {
            let text = html::to_text(&input);
            prop_assume!(!text.contains('<') && !text.contains('&'));
            let again = html::to_text(&text);
            let flowed = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(&again, &flowed);
            prop_assert_eq!(html::to_text(&again), again);
        }
    }
}

/// The same HN thread read as HN API items and as an Algolia item gives the same postings (key,
/// month, time, text). The Algolia documents are built from real months of `../shared/corpus/hn`.
#[test]
fn algolia_and_hn_items_agree_on_real_months() {
    // 2014-08 holds a post that is only markup (`<font ...></font>`); 2024-06 is recent HTML.
    for month in ["2014-08", "2024-06"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(format!("../../../shared/corpus/hn/{month}.jsonl"));
        let Ok(items) = std::fs::read_to_string(&path) else {
            eprintln!("skipped: {} is absent", path.display());
            return;
        };
        agree(&items);
    }
}

fn agree(items: &str) {
    let lines: Vec<serde_json::Value> = items
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let story = &lines[0];
    let children: Vec<serde_json::Value> = lines[1..]
        .iter()
        .map(|item| {
            serde_json::json!({
                "author": item.get("by"),
                "children": [],
                "created_at_i": item.get("time"),
                "id": item["id"],
                "parent_id": story["id"],
                "story_id": story["id"],
                "text": if item.get("deleted").is_some() || item.get("dead").is_some() {
                    serde_json::Value::Null
                } else {
                    item.get("text").cloned().unwrap_or_default()
                },
                "type": "comment",
            })
        })
        .collect();
    let algolia = serde_json::json!({
        "author": story.get("by"),
        "children": children,
        "created_at_i": story.get("time"),
        "id": story["id"],
        "title": story["title"],
        "type": "story",
    });
    // (source, source id, month, posted at, text) of each posting.
    type Key = (String, String, Option<String>, Option<i64>, String);
    let postings = |events: Vec<Event>| -> Vec<Key> {
        events
            .into_iter()
            .filter_map(|e| match e {
                Event::Posting(p) => Some((p.source, p.source_id, p.month, p.posted_at, p.text)),
                _ => None,
            })
            .collect()
    };
    let from_items = postings(read_bytes(
        "items",
        items.as_bytes().to_vec(),
        &ReadOptions::default(),
    ));
    let from_algolia = postings(read_bytes(
        "algolia",
        serde_json::to_vec_pretty(&algolia).unwrap(),
        &ReadOptions::default(),
    ));
    assert!(from_items.len() > 100, "{}", from_items.len());
    assert_eq!(from_items, from_algolia);
}
