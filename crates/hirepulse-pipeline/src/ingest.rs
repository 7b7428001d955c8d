//! `ingest`: read inputs, extract, and upsert into the store, one transaction per batch.
//!
//! Reader threads (up to two) claim inputs in order, stream their [`Event`]s and send them in
//! batches over one bounded channel per input, which the calling thread drains in input order:
//! at most a few batches per reader are in memory, and the result does not depend on timing.
//! Per batch, the calling thread drops keys already seen in this run (first occurrence wins, so
//! a killed-and-re-run ingest converges to the clean run's result), hashes the postings and
//! looks them up to split new / updated / unchanged, has rayon extract the new and updated ones
//! while it writes the previous batch, and writes each batch in one transaction. Every write is
//! an idempotent upsert, so killing the process at any point and running the same command again
//! leaves exactly what one clean run leaves.

use crate::inputs::InputSpec;
use crate::{
    extract_guarded, unix_now, ExtractFields, PipelineError, Progress, DEFAULT_BATCH_SIZE,
};
use hirepulse_extract::{Facts, EXTRACTOR_VERSION};
use hirepulse_sources::{Event, Origin, Posting, ReadOptions, RecordError, SkipReason};
use hirepulse_store::{content_hash, ContentHash, RunCounts, Store, Write};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Condvar, Mutex};

/// How to ingest.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Format and column mapping for the readers.
    pub read: ReadOptions,
    /// Stop at the first record error (after writing the good records before it).
    pub strict: bool,
    /// Records per batch; each batch is one transaction.
    pub batch_size: usize,
    /// How many record errors to keep in the summary (the count is always exact).
    pub max_kept_errors: usize,
    /// Deduplicate after the ingest (the default), or not (`None`).
    pub dedup: Option<crate::DedupOptions>,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            strict: false,
            batch_size: DEFAULT_BATCH_SIZE,
            max_kept_errors: 1_000,
            dedup: Some(crate::DedupOptions::default()),
        }
    }
}

/// Records skipped because they are not postings, by reason.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SkippedCounts {
    pub deleted: u64,
    pub dead: u64,
    pub not_a_posting: u64,
}

impl SkippedCounts {
    pub fn total(&self) -> u64 {
        self.deleted + self.dead + self.not_a_posting
    }

    fn add(&mut self, reason: SkipReason) {
        match reason {
            SkipReason::Deleted => self.deleted += 1,
            SkipReason::Dead => self.dead += 1,
            SkipReason::NotAPosting => self.not_a_posting += 1,
        }
    }
}

/// What an ingest did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct IngestSummary {
    /// Postings stored for the first time.
    pub new: u64,
    /// Postings whose content changed under the same key (re-stored and re-extracted).
    pub updated: u64,
    /// Postings already stored with the same content.
    pub unchanged: u64,
    /// Of the unchanged, those whose facts were missing or older and were re-extracted.
    pub refreshed_facts: u64,
    /// Later occurrences of a key already read in this run (the first one counts).
    pub duplicates: u64,
    pub skipped: SkippedCounts,
    /// The exact number of record errors.
    pub n_errors: u64,
    /// The first `max_kept_errors` record errors.
    #[serde(skip)]
    pub errors: Vec<RecordError>,
    /// True when `strict` stopped the run at a record error.
    pub stopped_at_error: bool,
    /// The dedup step after the ingest, when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dedup: Option<crate::DedupSummary>,
}

/// What the reader thread sends.
enum Message {
    Input { index: usize, name: String },
    Batch(Vec<Event>),
    Fatal(PipelineError),
}

/// Ingests `inputs` into `store`, reporting through `progress`.
pub fn ingest(
    store: &mut Store,
    inputs: &[InputSpec],
    options: &IngestOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestSummary, PipelineError> {
    let bytes_total = inputs
        .iter()
        .map(|spec| match spec {
            InputSpec::File(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            InputSpec::Stdin => None,
        })
        .sum::<Option<u64>>();
    progress(Progress::Started {
        n_inputs: inputs.len(),
        bytes_total,
    });
    let names: Vec<String> = inputs.iter().map(InputSpec::name).collect();
    store.checkpoint_in_background()?;
    let run = store.begin_run(&names.join("\n"), unix_now())?;
    let bytes_read = Arc::new(AtomicU64::new(0));
    let batch_size = options.batch_size.max(1);
    // One bounded channel per input, drained in input order, so that files read in parallel
    // are still written in order (and the first occurrence of a key is always the same one).
    let (senders, receivers): (Vec<_>, Vec<_>) = inputs
        .iter()
        .map(|_| {
            let (sender, receiver) = sync_channel::<Message>(2);
            (Mutex::new(Some(sender)), receiver)
        })
        .unzip();
    let next_input = AtomicUsize::new(0);
    let window = Window::default();
    let n_readers = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .clamp(1, MAX_READERS)
        .min(inputs.len().max(1));

    let summary = std::thread::scope(|scope| {
        for _ in 0..n_readers {
            let reader = Reader {
                inputs,
                options: &options.read,
                batch_size,
                bytes_read: &bytes_read,
                senders: &senders,
                next_input: &next_input,
                window: &window,
            };
            scope.spawn(move || reader.run());
        }
        let messages = receivers.iter().enumerate().flat_map(|(index, receiver)| {
            window.advance_to(index);
            receiver.iter()
        });
        let result = consume(store, run, options, messages, &bytes_read, progress);
        // Dropping the receivers, and opening the window, lets readers that are still going
        // notice that nobody listens and stop.
        drop(receivers);
        window.advance_to(usize::MAX / 2);
        result
    })?;

    let counts = RunCounts {
        new: summary.new,
        updated: summary.updated,
        unchanged: summary.unchanged,
        skipped: summary.skipped.total() + summary.duplicates,
        errors: summary.n_errors,
    };
    store.finish_run(run, counts, unix_now())?;
    let mut summary = summary;
    if let Some(dedup_options) = &options.dedup {
        summary.dedup = Some(crate::dedup(store, dedup_options)?);
    }
    Ok(summary)
}

/// Reader threads at most: more would only compete with extraction for the cores.
const MAX_READERS: usize = 2;

/// How many inputs past the one being written a reader may start. Each input's channel holds
/// at most two batches, so this bounds memory however small and many the inputs are.
const READ_AHEAD: usize = MAX_READERS;

/// The index of the input the writing side is draining; readers wait on it before starting an
/// input too far ahead.
#[derive(Default)]
struct Window {
    draining: Mutex<usize>,
    moved: Condvar,
}

impl Window {
    fn advance_to(&self, index: usize) {
        if let Ok(mut draining) = self.draining.lock() {
            *draining = (*draining).max(index);
        }
        self.moved.notify_all();
    }

    /// Blocks until input `index` is within [`READ_AHEAD`] of the one being drained.
    fn wait_for(&self, index: usize) {
        let Ok(mut draining) = self.draining.lock() else {
            return;
        };
        while index >= *draining + READ_AHEAD {
            draining = match self.moved.wait(draining) {
                Ok(guard) => guard,
                Err(_) => return,
            };
        }
    }
}

/// One reader thread: claims the next unread input, streams it into that input's channel in
/// batches of `batch_size` events, and repeats until the inputs run out or the consumer stops.
struct Reader<'a> {
    inputs: &'a [InputSpec],
    options: &'a ReadOptions,
    batch_size: usize,
    bytes_read: &'a Arc<AtomicU64>,
    senders: &'a [Mutex<Option<SyncSender<Message>>>],
    next_input: &'a AtomicUsize,
    window: &'a Window,
}

impl Reader<'_> {
    fn run(&self) {
        loop {
            let index = self.next_input.fetch_add(1, Ordering::SeqCst);
            if index >= self.inputs.len() {
                return;
            }
            self.window.wait_for(index);
            let (Some(spec), Some(slot)) = (self.inputs.get(index), self.senders.get(index)) else {
                return;
            };
            let Some(sender) = slot.lock().ok().and_then(|mut slot| slot.take()) else {
                return;
            };
            // A panic inside a reader becomes that input's fatal error instead of a silently
            // truncated input.
            let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.read_one(index, spec, &sender)
            }));
            let keep_going = match read {
                Ok(keep_going) => keep_going,
                Err(_) => {
                    let _ = sender.send(Message::Fatal(PipelineError::ReaderPanicked {
                        file: spec.name(),
                    }));
                    false
                }
            };
            if !keep_going {
                return;
            }
        }
    }

    /// Streams one input; false when reading should stop (the consumer is gone or the input
    /// could not be opened).
    fn read_one(&self, index: usize, spec: &InputSpec, sender: &SyncSender<Message>) -> bool {
        let name = spec.name();
        let announce = Message::Input {
            index,
            name: name.clone(),
        };
        if sender.send(announce).is_err() {
            return false;
        }
        let input = match spec.open() {
            Ok(input) => input,
            Err(source) => {
                let _ = sender.send(Message::Fatal(PipelineError::Open { file: name, source }));
                return false;
            }
        };
        let counted = Box::new(CountingReader {
            inner: input,
            counter: Arc::clone(self.bytes_read),
        });
        let events = match hirepulse_sources::read(&name, counted, self.options) {
            Ok(events) => events,
            Err(err) => {
                let _ = sender.send(Message::Fatal(err.into()));
                return false;
            }
        };
        let batch_size = self.batch_size;
        let mut batch = Vec::with_capacity(batch_size);
        for event in events {
            batch.push(event);
            if batch.len() >= batch_size {
                let full = std::mem::replace(&mut batch, Vec::with_capacity(batch_size));
                if sender.send(Message::Batch(full)).is_err() {
                    return false;
                }
            }
        }
        batch.is_empty() || sender.send(Message::Batch(batch)).is_ok()
    }
}

/// The writing side. Per batch, on this thread: drop in-run duplicates, hash, look up (the store
/// connection lives here); then extraction runs on the rayon pool while this thread writes the
/// previous batch and prepares the next one. Batches are written strictly in order.
fn consume(
    store: &mut Store,
    run: hirepulse_store::Run,
    options: &IngestOptions,
    messages: impl Iterator<Item = Message>,
    bytes_read: &AtomicU64,
    progress: &mut dyn FnMut(Progress),
) -> Result<IngestSummary, PipelineError> {
    let mut summary = IngestSummary::default();
    let mut seen_keys: HashSet<u128> = HashSet::new();
    let mut records_read = 0u64;
    let mut input_name: Arc<str> = Arc::from("");
    let mut record = 0u64;
    let mut in_flight: Option<Receiver<Extracted>> = None;
    for message in messages {
        let events = match message {
            Message::Input { index, name } => {
                input_name = Arc::from(name.as_str());
                record = 0;
                progress(Progress::Input { index, name });
                continue;
            }
            Message::Fatal(err) => {
                if let Some(previous) = in_flight.take() {
                    write_extracted(store, run, previous, options, &mut summary, progress)?;
                }
                return Err(err);
            }
            Message::Batch(events) => events,
        };
        let mut postings: Vec<(Origin, Posting)> = Vec::with_capacity(events.len());
        for event in events {
            records_read += 1;
            record += 1;
            match event {
                Event::Posting(posting) => {
                    if seen_keys.insert(key_hash(&posting.source, &posting.source_id)) {
                        // Postings carry no origin; the record number within the input stands in
                        // (it is the line number for line formats without blank lines).
                        let origin = Origin {
                            file: input_name.to_string(),
                            record,
                        };
                        postings.push((origin, *posting));
                    } else {
                        summary.duplicates += 1;
                    }
                }
                Event::Skipped { reason, .. } => summary.skipped.add(reason),
                Event::Error(err) => {
                    record_error(&mut summary, options, err, progress);
                    if options.strict {
                        summary.stopped_at_error = true;
                        break;
                    }
                }
            }
        }
        let prepared = prepare(store, postings)?;
        let (done, extracted) = sync_channel(1);
        rayon::spawn(move || {
            // The receiver outlives this job unless the run failed; then nobody needs it.
            let _ = done.send(extract_batch(prepared));
        });
        if let Some(previous) = in_flight.replace(extracted) {
            write_extracted(store, run, previous, options, &mut summary, progress)?;
            progress(Progress::Advanced {
                bytes_read: bytes_read.load(Ordering::Relaxed),
                records_read,
            });
        }
        if summary.stopped_at_error {
            break;
        }
    }
    if let Some(last) = in_flight.take() {
        write_extracted(store, run, last, options, &mut summary, progress)?;
    }
    progress(Progress::Advanced {
        bytes_read: bytes_read.load(Ordering::Relaxed),
        records_read,
    });
    Ok(summary)
}

fn record_error(
    summary: &mut IngestSummary,
    options: &IngestOptions,
    err: RecordError,
    progress: &mut dyn FnMut(Progress),
) {
    summary.n_errors += 1;
    if summary.errors.len() < options.max_kept_errors {
        summary.errors.push(err.clone());
    }
    progress(Progress::RecordError(err));
}

/// What to do with one posting of a batch.
enum Plan {
    New,
    Updated,
    Unchanged { id: i64, refresh: bool },
}

/// A batch after lookup: each posting with its content hash and plan.
struct Prepared {
    postings: Vec<(Origin, Posting)>,
    hashes: Vec<ContentHash>,
    plans: Vec<Plan>,
}

/// A batch after extraction: facts for the postings that needed them.
struct Extracted {
    prepared: Prepared,
    facts: Vec<Option<Result<Facts, String>>>,
}

/// Hashes the postings and looks each key up to decide what to do with it. Hashing stays on
/// this thread: it is a few milliseconds per batch, and queueing it on the rayon pool behind the
/// previous batch's extraction would only make this thread wait.
fn prepare(store: &Store, postings: Vec<(Origin, Posting)>) -> Result<Prepared, PipelineError> {
    let hashes: Vec<ContentHash> = postings
        .iter()
        .map(|(_, posting)| content_hash(posting))
        .collect();
    let found = store.lookup_many(
        postings
            .iter()
            .map(|(_, p)| (p.source.as_str(), p.source_id.as_str())),
    )?;
    let plans = found
        .into_iter()
        .zip(&hashes)
        .map(|(existing, hash)| match existing {
            None => Plan::New,
            Some(existing) if existing.content_hash != *hash => Plan::Updated,
            Some(existing) => Plan::Unchanged {
                id: existing.id,
                // Missing or older facts are refreshed; newer ones (written by a newer
                // hirepulse) are left alone.
                refresh: existing
                    .extractor_version
                    .is_none_or(|version| version < EXTRACTOR_VERSION),
            },
        })
        .collect();
    Ok(Prepared {
        postings,
        hashes,
        plans,
    })
}

/// Extracts, in parallel, the postings that are new, changed, or have stale facts.
fn extract_batch(prepared: Prepared) -> Extracted {
    let facts = prepared
        .postings
        .par_iter()
        .zip(prepared.plans.par_iter())
        .map(|((_, posting), plan)| {
            let needed = match plan {
                Plan::New | Plan::Updated => true,
                Plan::Unchanged { refresh, .. } => *refresh,
            };
            needed.then(|| {
                extract_guarded(&ExtractFields {
                    source_id: &posting.source_id,
                    month: posting.month.as_deref(),
                    text: &posting.text,
                    title: posting.title.as_deref(),
                    company: posting.company.as_deref(),
                    location: posting.location.as_deref(),
                })
            })
        })
        .collect();
    Extracted { prepared, facts }
}

/// Waits for a batch's extraction and writes it in one transaction.
fn write_extracted(
    store: &mut Store,
    run: hirepulse_store::Run,
    extracted: Receiver<Extracted>,
    options: &IngestOptions,
    summary: &mut IngestSummary,
    progress: &mut dyn FnMut(Progress),
) -> Result<(), PipelineError> {
    // Extraction cannot panic out of its job (see `extract_guarded`), so the sender always
    // sends; a closed channel means the pool itself failed.
    let Extracted { prepared, facts } =
        extracted.recv().map_err(|_| PipelineError::WorkerStopped)?;
    let mut writes = Vec::with_capacity(prepared.postings.len());
    let mut counts = (0u64, 0u64, 0u64, 0u64);
    for ((((origin, posting), hash), plan), facts) in prepared
        .postings
        .iter()
        .zip(&prepared.hashes)
        .zip(&prepared.plans)
        .zip(&facts)
    {
        let facts = match facts {
            Some(Ok(facts)) => Some(facts),
            Some(Err(reason)) => {
                let err = RecordError {
                    origin: origin.clone(),
                    reason: format!("posting {}:{}: {reason}", posting.source, posting.source_id),
                };
                record_error(summary, options, err, progress);
                continue;
            }
            None => None,
        };
        match (plan, facts) {
            (Plan::New | Plan::Updated, Some(facts)) => {
                if matches!(plan, Plan::New) {
                    counts.0 += 1;
                } else {
                    counts.1 += 1;
                }
                writes.push(Write::Upsert {
                    posting,
                    hash: *hash,
                    facts,
                });
            }
            (Plan::Unchanged { id, .. }, facts) => {
                counts.2 += 1;
                counts.3 += u64::from(facts.is_some());
                writes.push(Write::Seen { id: *id, facts });
            }
            // Extraction always runs for new and updated postings.
            (Plan::New | Plan::Updated, None) => {}
        }
    }
    if !writes.is_empty() {
        store.write_batch(run, &writes, EXTRACTOR_VERSION)?;
    }
    summary.new += counts.0;
    summary.updated += counts.1;
    summary.unchanged += counts.2;
    summary.refreshed_facts += counts.3;
    Ok(())
}

/// A 128-bit hash of a posting key, for the in-run duplicate check (16 bytes per key, so a
/// million-posting input needs a few tens of MB at most). Two SipHash runs with different
/// prefixes; `DefaultHasher::new()` is keyed the same in every process.
fn key_hash(source: &str, source_id: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let half = |salt: u8| {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        (salt, source, source_id).hash(&mut hasher);
        hasher.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// A buffered reader that counts the bytes consumed, for the progress bar.
struct CountingReader {
    inner: Box<dyn BufRead>,
    counter: Arc<AtomicU64>,
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl BufRead for CountingReader {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        self.counter.fetch_add(amount as u64, Ordering::Relaxed);
        self.inner.consume(amount);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn thread(posts: &[(u64, &str)]) -> String {
        let mut lines = vec![
            r#"{"id": 1, "kids": [], "title": "Ask HN: Who is hiring? (May 2024)", "type": "story"}"#
                .to_string(),
        ];
        for (id, text) in posts {
            lines.push(
                serde_json::json!({"id": id, "parent": 1, "text": text, "type": "comment",
                    "time": 1_714_000_000})
                .to_string(),
            );
        }
        lines.join("\n") + "\n"
    }

    fn run(store: &mut Store, file: &std::path::Path, options: &IngestOptions) -> IngestSummary {
        let inputs = [InputSpec::File(file.to_path_buf())];
        let mut events = Vec::new();
        let summary = ingest(store, &inputs, options, &mut |p| events.push(p)).unwrap();
        assert!(matches!(events[0], Progress::Started { n_inputs: 1, .. }));
        summary
    }

    #[test]
    fn new_unchanged_updated_duplicate_and_errors() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.jsonl");
        let mut store = Store::open_in_memory().unwrap();
        let small = IngestOptions {
            batch_size: 2,
            ..IngestOptions::default()
        };
        std::fs::write(
            &file,
            thread(&[(2, "Acme | Rust"), (3, "Beta"), (2, "again")]),
        )
        .unwrap();
        let first = run(&mut store, &file, &small);
        assert_eq!((first.new, first.duplicates, first.n_errors), (2, 1, 0));
        assert_eq!(first.skipped.not_a_posting, 1);

        let again = run(&mut store, &file, &small);
        assert_eq!((again.new, again.unchanged, again.updated), (0, 2, 0));
        assert_eq!(again.refreshed_facts, 0);

        let mut text = thread(&[(2, "Acme | Rust"), (3, "Beta | Go"), (4, "")]);
        text.push_str("{oops\n");
        std::fs::write(&file, text).unwrap();
        let third = run(&mut store, &file, &small);
        assert_eq!((third.new, third.unchanged, third.updated), (0, 1, 1));
        assert_eq!(third.n_errors, 2);
        assert_eq!(third.errors[0].origin.record, 4);
        assert_eq!(third.errors[1].origin.record, 5);
        assert_eq!(store.status().unwrap().postings, 3 - 1);
    }

    #[test]
    fn strict_stops_after_writing_what_came_before() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.jsonl");
        let mut text = thread(&[(2, "Acme")]);
        text.push_str("{oops\n");
        text.push_str(&thread(&[(3, "Beta")]));
        std::fs::write(&file, text).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let strict = IngestOptions {
            strict: true,
            ..IngestOptions::default()
        };
        let summary = run(&mut store, &file, &strict);
        assert!(summary.stopped_at_error);
        assert_eq!((summary.new, summary.n_errors), (1, 1));
        assert_eq!(store.status().unwrap().postings, 1);
    }

    #[test]
    fn kept_errors_are_capped_but_counted() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.jsonl");
        let mut text = thread(&[(2, "Acme")]);
        text.push_str(&"{oops\n".repeat(50));
        std::fs::write(&file, text).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let options = IngestOptions {
            max_kept_errors: 10,
            ..IngestOptions::default()
        };
        let summary = run(&mut store, &file, &options);
        assert_eq!((summary.n_errors, summary.errors.len()), (50, 10));
    }

    #[test]
    fn many_inputs_read_in_parallel_are_written_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let mut inputs = Vec::new();
        for i in 0..30u64 {
            let file = dir.path().join(format!("{i:02}.jsonl"));
            std::fs::write(
                &file,
                thread(&[(100 + i, "unique"), (7, &format!("file {i}"))]),
            )
            .unwrap();
            inputs.push(InputSpec::File(file));
        }
        let mut store = Store::open_in_memory().unwrap();
        let options = IngestOptions {
            batch_size: 1,
            ..IngestOptions::default()
        };
        let summary = ingest(&mut store, &inputs, &options, &mut |_| {}).unwrap();
        assert_eq!((summary.new, summary.duplicates), (31, 29));
        let stored = store.stale_postings(EXTRACTOR_VERSION + 1, 0, 100).unwrap();
        let dup = stored.iter().find(|p| p.source_id == "7").unwrap();
        assert_eq!(dup.text, "file 0");
    }

    #[test]
    fn a_missing_input_is_fatal_after_the_ones_before() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("a.jsonl");
        std::fs::write(&good, thread(&[(2, "Acme")])).unwrap();
        let inputs = [
            InputSpec::File(good),
            InputSpec::File(dir.path().join("gone.jsonl")),
        ];
        let mut store = Store::open_in_memory().unwrap();
        let err = ingest(&mut store, &inputs, &IngestOptions::default(), &mut |_| {})
            .err()
            .unwrap();
        assert!(matches!(err, PipelineError::Open { .. }), "{err}");
        assert_eq!(store.status().unwrap().postings, 1);
    }

    #[test]
    fn reingest_refreshes_older_facts_but_not_newer_ones() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("t.jsonl");
        std::fs::write(&file, thread(&[(2, "Acme | Rust"), (3, "Beta | Go")])).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        run(&mut store, &file, &IngestOptions::default());
        let older = store.lookup("hn", "2").unwrap().unwrap().id;
        let newer = store.lookup("hn", "3").unwrap().unwrap().id;
        store
            .write_facts(&[(older, Facts::default())], EXTRACTOR_VERSION - 1)
            .unwrap();
        store
            .write_facts(&[(newer, Facts::default())], EXTRACTOR_VERSION + 1)
            .unwrap();
        let again = run(&mut store, &file, &IngestOptions::default());
        assert_eq!((again.unchanged, again.refreshed_facts), (2, 1));
        let version = |key| store.lookup("hn", key).unwrap().unwrap().extractor_version;
        assert_eq!(version("2"), Some(EXTRACTOR_VERSION));
        assert_eq!(version("3"), Some(EXTRACTOR_VERSION + 1));
    }
}
