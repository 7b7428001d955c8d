//! Deduplication as a pure library: which postings are the same job.
//!
//! A separate crate (not a pipeline module) because it does no I/O and has two callers that must
//! agree — the pipeline after ingest and `hirepulse dedup` — and because its tests are of text and
//! time only, with no store. The store keeps what this decides (`posting_clusters`).
//!
//! Rules, tried in this order for each posting against the clusters still inside the window
//! (default [`DEFAULT_WINDOW_DAYS`] days before the posting):
//! 1. `text`: the same normalised text ([`normalise`]), any company — a copy or a re-post
//!    word for word;
//! 2. `cross_source`: another source, the same normalised company, title and location (all
//!    three present) — the same job on two boards;
//! 3. `repost`: the same normalised company and a SimHash signature ([`simhash`]) at most
//!    [`MAX_HAMMING`] bits from the cluster's latest posting — near-identical text.
//!
//! Postings are taken in (time, id) order and a cluster is named by its first posting's id, so
//! the clusters are deterministic; a new batch later than everything clustered so far can be
//! pushed onto a [`Deduper`] seeded with the window's clusters only (incremental), giving the
//! same answer as a full recompute. Exact duplicates (same source and source id) never reach
//! here: the store keys postings by them.
//!
//! Placing a posting is two steps: its [`Fingerprint`] (the normalised text's hash and SimHash,
//! the company and listing keys) depends on that posting alone and is most of the cost, so a
//! caller with many postings computes fingerprints in parallel and places them in order
//! ([`Deduper::push_fingerprinted`]); [`Deduper::push`] does both for one posting.

use std::collections::HashMap;

/// The version of these rules; stored with every cluster assignment.
pub const DEDUP_VERSION: i64 = 1;
/// The default window: a posting joins a cluster seen in the last 60 days.
pub const DEFAULT_WINDOW_DAYS: u32 = 60;
/// Most differing SimHash bits (of 64) for two texts to count as near-identical.
pub const MAX_HAMMING: u32 = 6;
/// Words per shingle for the SimHash.
const SHINGLE_WORDS: usize = 3;
/// Fewest words a text needs before near-identity means anything (shorter ones only match
/// exactly).
const MIN_WORDS_FOR_SIMHASH: usize = 12;

/// How a posting came to be in its cluster.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// The first posting of its cluster.
    First,
    /// The same normalised text.
    Text,
    /// The same company, title and location on another source.
    CrossSource,
    /// Near-identical text from the same company.
    Repost,
}

impl Method {
    pub fn name(self) -> &'static str {
        match self {
            Method::First => "first",
            Method::Text => "text",
            Method::CrossSource => "cross_source",
            Method::Repost => "repost",
        }
    }

    pub fn parse(name: &str) -> Option<Method> {
        [
            Method::First,
            Method::Text,
            Method::CrossSource,
            Method::Repost,
        ]
        .into_iter()
        .find(|m| m.name() == name)
    }
}

/// What dedup needs of a posting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Item {
    pub posting_id: i64,
    pub source: String,
    /// Unix seconds; postings without a time are never merged with others.
    pub posted_at: Option<i64>,
    /// The company the source states, else the one the extractor found.
    pub company: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    /// The plain text.
    pub text: String,
}

/// A posting's place: its cluster (the first posting's id) and how it got there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub posting_id: i64,
    pub cluster_id: i64,
    pub method: Method,
    /// The posting it was matched against (itself for `First`).
    pub matched_id: i64,
}

/// Lowercase alphanumeric words, everything else a single space: markup leftovers, punctuation,
/// case and spacing do not make two texts differ.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in raw_words(text) {
        if !out.is_empty() {
            out.push(' ');
        }
        // ASCII words are lowered in place; others through `str::to_lowercase`, which knows
        // the rules a char-by-char lowering misses (a final Greek sigma).
        if word.is_ascii() {
            let from = out.len();
            out.push_str(word);
            out[from..].make_ascii_lowercase();
        } else {
            out.push_str(&word.to_lowercase());
        }
    }
    out
}

/// The alphanumeric runs of `text`, as written.
fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    raw_words(text).map(str::to_lowercase)
}

/// A company name for comparison: normalised, with legal suffixes dropped ("Acme, Inc." =
/// "acme"). `None` when nothing is left.
pub fn company_key(company: &str) -> Option<String> {
    const SUFFIXES: [&str; 10] = [
        "inc",
        "llc",
        "ltd",
        "gmbh",
        "corp",
        "corporation",
        "co",
        "limited",
        "sa",
        "bv",
    ];
    let mut parts: Vec<String> = words(company).collect();
    while parts.len() > 1 && parts.last().is_some_and(|w| SUFFIXES.contains(&w.as_str())) {
        parts.pop();
    }
    let key = parts.join(" ");
    (!key.is_empty()).then_some(key)
}

/// FNV-1a, 64 bits, then a SplitMix64 finaliser so every output bit depends on every input
/// byte: fast, stable across platforms and Rust versions (unlike `std`'s hasher).
pub fn hash64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let mut z = hash.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Charikar's SimHash of the text's word 3-shingles (of the normalised text), 64 bits: similar
/// texts differ in few bits. `None` for texts too short for this to mean anything.
pub fn simhash(normalised: &str) -> Option<u64> {
    // Word bounds: `normalised` is words joined by single spaces, so each shingle is the
    // contiguous text from its first word's start to its last word's end.
    let bounds: Vec<(usize, usize)> = normalised
        .split(' ')
        .scan(0, |start, word| {
            let bound = (*start, *start + word.len());
            *start += word.len() + 1;
            Some(bound)
        })
        .filter(|(start, end)| end > start)
        .collect();
    if bounds.len() < MIN_WORDS_FOR_SIMHASH {
        return None;
    }
    // Per bit, how many shingle hashes have it set; a bit of the signature is set when more
    // than half do (Charikar's +1/-1 weights, counted the cheap way).
    let mut set_counts = [0u32; 64];
    let mut shingles = 0u32;
    for window in bounds.windows(SHINGLE_WORDS) {
        let hash = hash64(&normalised.as_bytes()[window[0].0..window[SHINGLE_WORDS - 1].1]);
        for (bit, count) in set_counts.iter_mut().enumerate() {
            *count += (hash >> bit & 1) as u32;
        }
        shingles += 1;
    }
    Some(
        set_counts
            .iter()
            .enumerate()
            .filter(|(_, count)| 2 * **count > shingles)
            .fold(0u64, |acc, (bit, _)| acc | 1 << bit),
    )
}

/// Differing bits of two signatures.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

/// What matching needs of one posting's text and fields: the normalised text's hash, its SimHash
/// signature, the company key and the (company, title, location) listing key.
///
/// Separate from [`Deduper`] because it is the costly part of placing a posting (normalising
/// and shingling the text) and depends on that posting alone, so a caller can compute many at
/// once on several threads ([`Fingerprint::of`]) while the placing, which depends on every
/// earlier posting, stays sequential in (time, id) order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// The posting it was computed for, to catch a fingerprint placed with another posting.
    posting_id: i64,
    text_hash: Option<u64>,
    simhash: Option<u64>,
    company: Option<String>,
    listing: Option<(String, String, String)>,
}

impl Fingerprint {
    /// The fingerprint of `item`. Empty for a posting without a time: it is never matched, so
    /// nothing of it is needed.
    pub fn of(item: &Item) -> Fingerprint {
        let mut fingerprint = Fingerprint {
            posting_id: item.posting_id,
            text_hash: None,
            simhash: None,
            company: None,
            listing: None,
        };
        if item.posted_at.is_none() {
            return fingerprint;
        }
        let normalised = normalise(&item.text);
        fingerprint.text_hash = (!normalised.is_empty()).then(|| hash64(normalised.as_bytes()));
        fingerprint.simhash = simhash(&normalised);
        fingerprint.company = item.company.as_deref().and_then(company_key);
        fingerprint.listing = match (&fingerprint.company, &item.title, &item.location) {
            (Some(company), Some(title), Some(location)) => {
                let title = normalise(title);
                let location = normalise(location);
                (!title.is_empty() && !location.is_empty())
                    .then(|| (company.clone(), title, location))
            }
            _ => None,
        };
        fingerprint
    }
}

/// A posting's keys, computed once.
#[derive(Debug, Clone)]
struct Seen {
    posting_id: i64,
    cluster_id: i64,
    source: String,
    posted_at: i64,
    simhash: Option<u64>,
}

/// Clusters postings pushed in (time, id) order, remembering only the window's postings.
#[derive(Debug)]
pub struct Deduper {
    window_seconds: i64,
    /// Normalised-text hash → latest posting with that text.
    by_text: HashMap<u64, Seen>,
    /// Company key → its postings in the window, oldest first.
    by_company: HashMap<String, Vec<Seen>>,
    /// (company, title, location) → its postings in the window, oldest first.
    by_listing: HashMap<(String, String, String), Vec<Seen>>,
    /// The latest time pushed, to refuse out-of-order input.
    last: Option<(i64, i64)>,
    /// Pushes since the maps were last pruned of postings that left the window.
    since_prune: usize,
}

/// Pushes between prunes of the text and listing maps: memory stays bounded by the window.
const PRUNE_EVERY: usize = 8_192;

/// Why a posting could not be pushed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DedupError {
    #[error("posting {posting_id} is older than one already clustered; recompute all clusters")]
    OutOfOrder { posting_id: i64 },
}

impl Deduper {
    pub fn new(window_days: u32) -> Deduper {
        Deduper {
            window_seconds: i64::from(window_days) * 86_400,
            by_text: HashMap::new(),
            by_company: HashMap::new(),
            by_listing: HashMap::new(),
            last: None,
            since_prune: 0,
        }
    }

    /// The order postings must be pushed in: by time (none last), then id.
    pub fn sort(items: &mut [Item]) {
        items.sort_by_key(|item| (item.posted_at.unwrap_or(i64::MAX), item.posting_id));
    }

    /// Remembers an already-clustered posting (seeding an incremental run) without matching it.
    pub fn seed(&mut self, item: &Item, cluster_id: i64) -> Result<(), DedupError> {
        self.seed_fingerprinted(item, Fingerprint::of(item), cluster_id)
    }

    /// Clusters `item` against the window and remembers it.
    pub fn push(&mut self, item: &Item) -> Result<Assignment, DedupError> {
        self.push_fingerprinted(item, Fingerprint::of(item))
    }

    /// [`Deduper::seed`] with the item's fingerprint already computed ([`Fingerprint::of`]).
    pub fn seed_fingerprinted(
        &mut self,
        item: &Item,
        fingerprint: Fingerprint,
        cluster_id: i64,
    ) -> Result<(), DedupError> {
        self.place(item, fingerprint, Some(cluster_id)).map(|_| ())
    }

    /// [`Deduper::push`] with the item's fingerprint already computed ([`Fingerprint::of`]).
    pub fn push_fingerprinted(
        &mut self,
        item: &Item,
        fingerprint: Fingerprint,
    ) -> Result<Assignment, DedupError> {
        self.place(item, fingerprint, None)
    }

    fn place(
        &mut self,
        item: &Item,
        fingerprint: Fingerprint,
        seeded: Option<i64>,
    ) -> Result<Assignment, DedupError> {
        debug_assert_eq!(
            fingerprint.posting_id, item.posting_id,
            "a fingerprint placed with another posting"
        );
        let order = (item.posted_at.unwrap_or(i64::MAX), item.posting_id);
        if self.last.is_some_and(|last| order < last) {
            return Err(DedupError::OutOfOrder {
                posting_id: item.posting_id,
            });
        }
        self.last = Some(order);
        let first = Assignment {
            posting_id: item.posting_id,
            cluster_id: item.posting_id,
            method: Method::First,
            matched_id: item.posting_id,
        };
        // Without a time there is no window: the posting is its own job.
        let Some(posted_at) = item.posted_at else {
            return Ok(first);
        };
        let since = posted_at - self.window_seconds;
        let Fingerprint {
            text_hash,
            simhash: signature,
            company,
            listing,
            ..
        } = fingerprint;

        let mut assignment = first;
        if seeded.is_none() {
            let matched = text_hash
                .and_then(|h| self.by_text.get(&h))
                .filter(|seen| seen.posted_at >= since)
                .map(|seen| (seen, Method::Text))
                .or_else(|| {
                    // The latest posting of the listing on another source.
                    listing
                        .as_ref()
                        .and_then(|key| self.by_listing.get(key))?
                        .iter()
                        .rev()
                        .take_while(|seen| seen.posted_at >= since)
                        .find(|seen| seen.source != item.source)
                        .map(|seen| (seen, Method::CrossSource))
                })
                .or_else(|| {
                    let signature = signature?;
                    let postings = self.by_company.get(company.as_ref()?)?;
                    postings
                        .iter()
                        .rev()
                        .take_while(|seen| seen.posted_at >= since)
                        .filter_map(|seen| {
                            let distance = hamming(seen.simhash?, signature);
                            (distance <= MAX_HAMMING).then_some((distance, seen))
                        })
                        // The closest; the latest among equals (iteration is newest first).
                        .min_by_key(|(distance, _)| *distance)
                        .map(|(_, seen)| (seen, Method::Repost))
                });
            if let Some((seen, method)) = matched {
                assignment = Assignment {
                    posting_id: item.posting_id,
                    cluster_id: seen.cluster_id,
                    method,
                    matched_id: seen.posting_id,
                };
            }
        }
        let seen = Seen {
            posting_id: item.posting_id,
            cluster_id: seeded.unwrap_or(assignment.cluster_id),
            source: item.source.clone(),
            posted_at,
            simhash: signature,
        };
        self.since_prune += 1;
        if self.since_prune >= PRUNE_EVERY {
            self.since_prune = 0;
            self.by_text.retain(|_, seen| seen.posted_at >= since);
            self.by_listing
                .retain(|_, postings| postings.last().is_some_and(|seen| seen.posted_at >= since));
            self.by_company
                .retain(|_, postings| postings.last().is_some_and(|seen| seen.posted_at >= since));
        }
        if let Some(hash) = text_hash {
            self.by_text.insert(hash, seen.clone());
        }
        if let Some(key) = listing {
            self.by_listing.entry(key).or_default().push(seen.clone());
        }
        if let Some(company) = company {
            let postings = self.by_company.entry(company).or_default();
            postings.push(seen);
            // Forget what has left the window for good (input is in time order).
            let keep_from = postings.partition_point(|s| s.posted_at < since);
            if keep_from > 0 {
                postings.drain(..keep_from);
            }
        }
        Ok(assignment)
    }
}

/// Clusters `items` from scratch (sorting them first).
pub fn cluster(items: &mut [Item], window_days: u32) -> Vec<Assignment> {
    Deduper::sort(items);
    let mut deduper = Deduper::new(window_days);
    items
        .iter()
        // Sorted input is never out of order.
        .filter_map(|item| deduper.push(item).ok())
        .collect()
}

#[cfg(test)]
mod tests;
