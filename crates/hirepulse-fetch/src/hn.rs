//! Hacker News "Ask HN: Who is hiring?" threads, one month at a time.
//!
//! A month's thread is found through the Algolia HN search API
//! (`GET /api/v1/search_by_date?tags=story,author_whoishiring&query=...`), keeping the hit whose
//! title says "Who is hiring" and names the month; its top-level comments are read through the
//! HN Firebase API (`GET /v0/item/<id>.json` for the thread, then each of its `kids`), or, with
//! [`Via::Algolia`], from the Algolia items endpoint (`GET /api/v1/items/<id>`: the whole thread
//! in one request, converted to the same items lines; Algolia leaves dead comments out and wraps
//! text in `<p>`, so the same post read both ways has the same words but not the same raw). The month
//! is written as `hn/YYYY-MM.jsonl` in the exact shape of the shared corpus, which the
//! `hn-items` reader reads: the thread line first, then the kids in the thread's order (deleted
//! and dead items kept as the API gives them; kids the API answers `null` for are left out and
//! listed in the meta as missing). Items are appended to `hn/YYYY-MM.jsonl.part` as they arrive,
//! so an interrupted month resumes with only the kids not yet fetched. A month fetched at least
//! `final_after` after its thread was posted is final and never asked for again; a younger one is
//! fetched again once its TTL is over. The thread id found once is kept in the meta, so a
//! refresh asks the search API nothing.

use crate::cache::{Cache, Freshness, Meta};
use crate::client::Client;
use crate::{encode_component, run_parallel, FetchError, Outcome, OutcomeStatus, Progress};
use hirepulse_sources::hn_items::month_from_title;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::Mutex;

/// The public Algolia HN search API.
pub const ALGOLIA_BASE: &str = "https://hn.algolia.com";
/// The public HN Firebase API.
pub const FIREBASE_BASE: &str = "https://hacker-news.firebaseio.com";

/// Which API reads a thread's comments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// HN Firebase: the thread item, then one request per top-level comment (the exact items).
    Firebase,
    /// Algolia items: the whole thread in one request.
    Algolia,
}

/// What to fetch and from where.
#[derive(Debug, Clone)]
pub struct HnOptions {
    /// Months as `YYYY-MM`, in order.
    pub months: Vec<String>,
    pub via: Via,
    pub algolia_base: String,
    pub firebase_base: String,
    pub freshness: Freshness,
    /// Fetch even what the cache holds fresh, and start months over (no resume).
    pub refresh: bool,
}

impl HnOptions {
    pub fn new(months: Vec<String>) -> HnOptions {
        HnOptions {
            months,
            via: Via::Firebase,
            algolia_base: ALGOLIA_BASE.to_string(),
            firebase_base: FIREBASE_BASE.to_string(),
            freshness: Freshness::default(),
            refresh: false,
        }
    }
}

/// `YYYY-MM` → (year, month).
pub fn parse_month(value: &str) -> Option<(i32, u32)> {
    let (year, month) = value.trim().split_once('-')?;
    if year.len() != 4 || month.len() != 2 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    let month: u32 = month.parse().ok()?;
    ((1..=12).contains(&month) && (2000..=2200).contains(&year)).then_some((year, month))
}

/// Every month from `from` to `to`, both included, as `YYYY-MM`.
pub fn months_between(from: &str, to: &str) -> Result<Vec<String>, FetchError> {
    let bad = |value: &str| FetchError::Invalid(format!("{value:?} is not a month (YYYY-MM)"));
    let (mut year, mut month) = parse_month(from).ok_or_else(|| bad(from))?;
    let end = parse_month(to).ok_or_else(|| bad(to))?;
    if (year, month) > end {
        return Err(FetchError::Invalid(format!(
            "the range {from}..{to} is empty (the first month is after the last)"
        )));
    }
    let mut months = Vec::new();
    while (year, month) <= end {
        months.push(format!("{year:04}-{month:02}"));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    Ok(months)
}

/// `YYYY-MM` of the current UTC month.
pub fn current_month() -> String {
    chrono::Utc::now().format("%Y-%m").to_string()
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The Algolia search URL for `month`'s thread.
pub fn search_url(algolia_base: &str, month: &str) -> Result<String, FetchError> {
    let (year, number) = parse_month(month)
        .ok_or_else(|| FetchError::Invalid(format!("{month:?} is not a month (YYYY-MM)")))?;
    let name = MONTH_NAMES[(number - 1) as usize];
    let query = format!("Who is hiring? ({name} {year})");
    Ok(format!(
        "{}/api/v1/search_by_date?tags=story,author_whoishiring&query={}&hitsPerPage=50",
        algolia_base.trim_end_matches('/'),
        encode_component(&query)
    ))
}

/// The Firebase URL of item `id`.
pub fn item_url(firebase_base: &str, id: u64) -> String {
    format!("{}/v0/item/{id}.json", firebase_base.trim_end_matches('/'))
}

/// The Algolia items URL of thread `id`.
pub fn algolia_item_url(algolia_base: &str, id: u64) -> String {
    format!("{}/api/v1/items/{id}", algolia_base.trim_end_matches('/'))
}

/// Picks `month`'s "Who is hiring?" story among Algolia search hits: the title must say "who is
/// hiring" and name the month; among several, the one with the most comments (then the lowest id).
pub fn pick_thread(search: &Value, month: &str) -> Option<u64> {
    let hits = search.get("hits")?.as_array()?;
    hits.iter()
        .filter_map(|hit| {
            let title = hit.get("title")?.as_str()?;
            let is_hiring = title.to_ascii_lowercase().contains("who is hiring");
            if !is_hiring || month_from_title(title).as_deref() != Some(month) {
                return None;
            }
            let id = match hit.get("objectID").or_else(|| hit.get("story_id"))? {
                Value::String(s) => s.parse::<u64>().ok()?,
                Value::Number(n) => n.as_u64()?,
                _ => return None,
            };
            let comments = hit.get("num_comments").and_then(Value::as_u64).unwrap_or(0);
            Some((comments, id))
        })
        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))
        .map(|(_, id)| id)
}

/// Fetches every month of `options`, one after the other (the kids of a month in parallel).
pub fn fetch(client: &Client, cache: &Cache, options: &HnOptions) -> Vec<Outcome> {
    options
        .months
        .iter()
        .map(|month| {
            let resource = format!("hn {month}");
            let data = cache.hn_month(month);
            let status = match fetch_month(client, cache, options, month, &resource) {
                Ok(status) => status,
                Err(err) => OutcomeStatus::Failed(err),
            };
            let ok = !matches!(status, OutcomeStatus::Failed(_));
            if !matches!(status, OutcomeStatus::Cached) {
                client.report(Progress::Finished {
                    resource: resource.clone(),
                    ok,
                });
            }
            Outcome {
                resource,
                // A failed refresh still leaves the previous complete file to ingest.
                file: data.is_file().then_some(data),
                status,
            }
        })
        .collect()
}

/// What fetching one kid gave.
enum Kid {
    Item(String),
    Missing,
    Failed(FetchError),
}

fn fetch_month(
    client: &Client,
    cache: &Cache,
    options: &HnOptions,
    month: &str,
    resource: &str,
) -> Result<OutcomeStatus, FetchError> {
    let data = cache.hn_month(month);
    let now = crate::unix_now();
    let previous = cache.meta(&data);
    if !options.refresh {
        if let Some(meta) = &previous {
            if meta.is_fresh(&options.freshness, now) {
                client.report(Progress::Cached {
                    resource: resource.to_string(),
                });
                return Ok(OutcomeStatus::Cached);
            }
        }
    }
    client.report(Progress::Started {
        resource: resource.to_string(),
        total: None,
    });
    let part = Cache::part_path(&data);
    let resume = !options.refresh && part_is_fresh(&part, options.freshness.ttl_seconds);
    if !resume {
        let _ = std::fs::remove_file(&part);
    }
    let known_thread = previous
        .as_ref()
        .and_then(|meta| meta.thread_id)
        .or_else(|| resume.then(|| part_thread_id(&part)).flatten());
    let thread_id = match known_thread {
        Some(id) => id,
        None => find_thread(client, options, month)?,
    };
    if options.via == Via::Algolia {
        return fetch_month_algolia(client, cache, options, month, thread_id);
    }
    let story_url = item_url(&options.firebase_base, thread_id);
    let story = client
        .get(&story_url, "the thread item", &|body| {
            parse_item(body, thread_id)
        })?
        .value
        .ok_or_else(|| FetchError::NotFound {
            url: story_url.clone(),
            what: format!("the API has no item {thread_id} (the {month} thread)"),
        })?;
    let kids = thread_kids(&story, month).map_err(|reason| FetchError::BadResponse {
        url: story_url.clone(),
        reason,
    })?;
    let thread_time = story.get("time").and_then(Value::as_i64);

    let mut have = load_part(&part, thread_id);
    client.report(Progress::Started {
        resource: resource.to_string(),
        total: Some(kids.len() as u64),
    });
    for _ in kids.iter().filter(|kid| have.contains_key(kid)) {
        client.report(Progress::Advanced {
            resource: resource.to_string(),
        });
    }
    let todo: Vec<u64> = kids
        .iter()
        .copied()
        .filter(|kid| !have.contains_key(kid))
        .collect();
    let part_error = |err: std::io::Error| FetchError::Cache {
        path: part.clone(),
        reason: format!("cannot write: {err}"),
    };
    if let Some(parent) = part.parent() {
        std::fs::create_dir_all(parent).map_err(part_error)?;
    }
    let mut part_file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&part)
        .map_err(part_error)?;
    // A new part file starts with the thread line, which names the thread for a resume.
    if part_file.metadata().map_err(part_error)?.len() == 0 {
        part_file
            .write_all(format!("{story}\n").as_bytes())
            .map_err(part_error)?;
    }
    let part_file = Mutex::new(part_file);
    let results = run_parallel(&todo, client.config().concurrency, &|kid: &u64| {
        let url = item_url(&options.firebase_base, *kid);
        let result = client.get(&url, "a comment item", &|body| parse_item(body, *kid));
        client.report(Progress::Advanced {
            resource: resource.to_string(),
        });
        match result {
            Ok(fetched) => match fetched.value {
                Some(item) => {
                    client.counters.items.fetch_add(1, Ordering::Relaxed);
                    let line = item.to_string();
                    if let Ok(mut file) = part_file.lock() {
                        // A failed append only costs a re-fetch on resume.
                        let _ = file.write_all(format!("{line}\n").as_bytes());
                    }
                    Kid::Item(line)
                }
                None => {
                    client.counters.missing.fetch_add(1, Ordering::Relaxed);
                    Kid::Missing
                }
            },
            Err(err) => Kid::Failed(err),
        }
    });
    drop(part_file);
    let mut missing = Vec::new();
    let mut failed = Vec::new();
    for (kid, result) in todo.iter().zip(results) {
        match result {
            Kid::Item(line) => {
                have.insert(*kid, line);
            }
            Kid::Missing => missing.push(*kid),
            Kid::Failed(err) => failed.push(err),
        }
    }
    if let Some(first) = failed.first() {
        return Err(FetchError::Incomplete {
            month: month.to_string(),
            n_failed: failed.len(),
            n_items: kids.len(),
            first: first.to_string(),
        });
    }
    let mut out = story.to_string();
    out.push('\n');
    let mut n_items = 0u64;
    for kid in &kids {
        if let Some(line) = have.get(kid) {
            out.push_str(line);
            out.push('\n');
            n_items += 1;
        }
    }
    let meta = Meta {
        fetched_at: crate::unix_now(),
        url: story_url,
        thread_id: Some(thread_id),
        thread_time,
        n_items,
        missing,
    };
    cache.store(&data, out.as_bytes(), &meta)?;
    let _ = std::fs::remove_file(&part);
    Ok(OutcomeStatus::Fetched)
}

/// One month through the Algolia items endpoint: one request, converted to items lines.
fn fetch_month_algolia(
    client: &Client,
    cache: &Cache,
    options: &HnOptions,
    month: &str,
    thread_id: u64,
) -> Result<OutcomeStatus, FetchError> {
    let url = algolia_item_url(&options.algolia_base, thread_id);
    let converted = client
        .get(&url, "the thread in the HN search API", &|body| {
            let tree: Value =
                serde_json::from_slice(body).map_err(|err| format!("invalid JSON: {err}"))?;
            algolia_to_items(&tree, thread_id, month)
        })?
        .value;
    client
        .counters
        .items
        .fetch_add(converted.n_items, Ordering::Relaxed);
    let meta = Meta {
        fetched_at: crate::unix_now(),
        url,
        thread_id: Some(thread_id),
        thread_time: converted.thread_time,
        n_items: converted.n_items,
        missing: Vec::new(),
    };
    let data = cache.hn_month(month);
    cache.store(&data, converted.lines.as_bytes(), &meta)?;
    // A part file of an interrupted Firebase attempt is superseded by the whole thread.
    let _ = std::fs::remove_file(Cache::part_path(&data));
    Ok(OutcomeStatus::Fetched)
}

/// An Algolia thread turned into HN items lines.
pub struct Converted {
    pub lines: String,
    pub thread_time: Option<i64>,
    pub n_items: u64,
}

/// Converts an Algolia `items/<id>` tree into HN items JSON Lines: the thread line (with the
/// top-level children as `kids`), then one line per top-level child (`text: null` is a deleted
/// item, as the Firebase API would give it). Replies are not job posts and are left out.
pub fn algolia_to_items(tree: &Value, thread_id: u64, month: &str) -> Result<Converted, String> {
    let id_of = |node: &Value| node.get("id").and_then(Value::as_u64);
    if id_of(tree) != Some(thread_id) {
        return Err(format!("not the tree of item {thread_id}"));
    }
    let children = tree
        .get("children")
        .and_then(Value::as_array)
        .ok_or("the thread has no \"children\" list")?;
    let thread_time = tree.get("created_at_i").and_then(Value::as_i64);
    let title = tree.get("title").and_then(Value::as_str);
    let kids: Vec<u64> = children.iter().filter_map(id_of).collect();
    let mut story = serde_json::json!({
        "by": tree.get("author"), "id": thread_id, "kids": kids, "time": thread_time,
        "title": title, "type": "story",
    });
    if let Some(text) = tree.get("text").filter(|t| t.is_string()) {
        story["text"] = text.clone();
    }
    thread_kids(&story, month)?;
    let mut lines = format!("{story}\n");
    let mut n_items = 0;
    for child in children {
        let Some(id) = id_of(child) else {
            return Err(format!(
                "a child has no numeric \"id\": {}",
                child.get("id").unwrap_or(&Value::Null)
            ));
        };
        let time = child.get("created_at_i").and_then(Value::as_i64);
        let item = match child.get("text") {
            Some(Value::String(text)) => serde_json::json!({
                "by": child.get("author"), "id": id, "parent": thread_id, "text": text,
                "time": time, "type": "comment",
            }),
            _ => serde_json::json!({
                "deleted": true, "id": id, "parent": thread_id, "time": time, "type": "comment",
            }),
        };
        lines.push_str(&format!("{item}\n"));
        n_items += 1;
    }
    Ok(Converted {
        lines,
        thread_time,
        n_items,
    })
}

fn find_thread(client: &Client, options: &HnOptions, month: &str) -> Result<u64, FetchError> {
    let url = search_url(&options.algolia_base, month)?;
    let search = client.get(&url, "the HN search", &|body| {
        let value: Value = serde_json::from_slice(body).map_err(|err| err.to_string())?;
        if value.get("hits").and_then(Value::as_array).is_none() {
            return Err("no \"hits\" list".to_string());
        }
        Ok(value)
    })?;
    pick_thread(&search.value, month).ok_or_else(|| FetchError::NoThread {
        month: month.to_string(),
        url,
    })
}

/// An HN item response: `null` (no such item) or an object whose `id` is `id`.
fn parse_item(body: &[u8], id: u64) -> Result<Option<Value>, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|err| format!("invalid JSON: {err}"))?;
    match &value {
        Value::Null => Ok(None),
        Value::Object(object) => match object.get("id").and_then(Value::as_u64) {
            Some(found) if found == id => Ok(Some(value)),
            Some(found) => Err(format!("asked for item {id}, got item {found}")),
            None => Err(format!("item {id} has no numeric \"id\"")),
        },
        _ => Err("neither an item object nor null".to_string()),
    }
}

/// The kids of a thread item, checking it is `month`'s story.
fn thread_kids(story: &Value, month: &str) -> Result<Vec<u64>, String> {
    if let Some(title) = story.get("title").and_then(Value::as_str) {
        if let Some(found) = month_from_title(title) {
            if found != month {
                return Err(format!("the thread {title:?} is for {found}, not {month}"));
            }
        }
    }
    match story.get("kids") {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(kids)) => kids
            .iter()
            .map(|kid| {
                kid.as_u64()
                    .ok_or_else(|| format!("a kid is not an id: {kid}"))
            })
            .collect(),
        Some(other) => Err(format!("\"kids\" is not a list: {other}")),
    }
}

/// True when `part` exists and was written to within `ttl_seconds`.
fn part_is_fresh(part: &Path, ttl_seconds: i64) -> bool {
    std::fs::metadata(part)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|modified| modified.elapsed().ok())
        .is_some_and(|age| i64::try_from(age.as_secs()).unwrap_or(i64::MAX) < ttl_seconds)
}

/// The thread a part file belongs to: the id of its first line, the thread item.
fn part_thread_id(part: &Path) -> Option<u64> {
    let file = std::fs::File::open(part).ok()?;
    let first = std::io::BufReader::new(file).lines().next()?.ok()?;
    let item: Value = serde_json::from_str(&first).ok()?;
    (item.get("type").and_then(Value::as_str) == Some("story"))
        .then(|| item.get("id").and_then(Value::as_u64))
        .flatten()
}

/// The items of an earlier, interrupted attempt at this thread: the complete lines of the
/// `.part` file whose parent is the thread.
fn load_part(part: &Path, thread_id: u64) -> HashMap<u64, String> {
    let mut items = HashMap::new();
    let Ok(file) = std::fs::File::open(part) else {
        return items;
    };
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { break };
        // A torn last line (the run was killed mid-write) does not parse and is fetched again.
        let Ok(item) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let id = item.get("id").and_then(Value::as_u64);
        let parent = item.get("parent").and_then(Value::as_u64);
        if let (Some(id), Some(parent)) = (id, parent) {
            if parent == thread_id {
                items.insert(id, item.to_string());
            }
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ranges() {
        assert_eq!(
            months_between("2024-11", "2025-02").unwrap(),
            ["2024-11", "2024-12", "2025-01", "2025-02"]
        );
        assert_eq!(months_between("2025-01", "2025-01").unwrap(), ["2025-01"]);
        assert!(months_between("2025-02", "2025-01").is_err());
        assert!(months_between("2025-13", "2025-14").is_err());
        assert!(months_between("25-01", "2025-01").is_err());
    }

    #[test]
    fn search_url_shape() {
        assert_eq!(
            search_url("http://127.0.0.1:9/", "2024-06").unwrap(),
            "http://127.0.0.1:9/api/v1/search_by_date?tags=story,author_whoishiring\
             &query=Who%20is%20hiring%3F%20%28June%202024%29&hitsPerPage=50"
        );
    }

    #[test]
    fn picks_the_hiring_thread_of_the_month() {
        let search = serde_json::json!({"hits": [
            {"objectID": "3", "title": "Ask HN: Who wants to be hired? (June 2024)", "num_comments": 900},
            {"objectID": "2", "title": "Ask HN: Who is hiring? (May 2024)", "num_comments": 700},
            {"objectID": "1", "title": "Ask HN: Who is hiring? (June 2024)", "num_comments": 500},
            {"objectID": "4", "title": "Ask HN: Who is hiring? (June 2024)", "num_comments": 5},
        ]});
        assert_eq!(pick_thread(&search, "2024-06"), Some(1));
        assert_eq!(pick_thread(&search, "2024-07"), None);
    }

    #[test]
    fn items_and_nulls() {
        assert_eq!(parse_item(b"null", 5), Ok(None));
        assert!(parse_item(br#"{"id": 5, "type": "comment"}"#, 5)
            .unwrap()
            .is_some());
        assert!(parse_item(br#"{"id": 6}"#, 5).is_err());
        assert!(parse_item(br#"{"id": 5, "te"#, 5).is_err());
    }

    #[test]
    fn part_file_keeps_complete_lines_of_the_thread() {
        let dir = tempfile::tempdir().unwrap();
        let part = dir.path().join("x.part");
        std::fs::write(
            &part,
            "{\"id\": 2, \"parent\": 1, \"text\": \"a\"}\n{\"id\": 3, \"parent\": 9}\n{\"id\": 4, \"par",
        )
        .unwrap();
        let items = load_part(&part, 1);
        assert_eq!(items.keys().copied().collect::<Vec<_>>(), [2]);
        assert!(part_is_fresh(&part, 3600));
        assert!(!part_is_fresh(&part, 0));
        assert_eq!(part_thread_id(&part), None);
        std::fs::write(&part, "{\"id\": 1, \"type\": \"story\"}\n").unwrap();
        assert_eq!(part_thread_id(&part), Some(1));
    }
}
