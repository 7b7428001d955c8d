//! Unit tests: normalisation, signatures on known pairs, window edges, the cross-source rule,
//! and placing precomputed fingerprints giving what `push` gives.

use super::*;

const DAY: i64 = 86_400;

fn item(id: i64, source: &str, day: i64, company: Option<&str>, text: &str) -> Item {
    Item {
        posting_id: id,
        source: source.into(),
        posted_at: Some(day * DAY),
        company: company.map(str::to_string),
        text: text.into(),
        ..Item::default()
    }
}

const POST: &str = "Acme Corp | Senior Rust Engineer | Berlin or remote (EU) | Full time. \
    We build payment infrastructure for small shops across Europe and need engineers who like \
    databases, distributed systems and careful code. Apply at jobs@acme.example with your CV.";

#[test]
fn normalisation_ignores_case_punctuation_and_spacing() {
    assert_eq!(
        normalise("  Hello,   WORLD!\n<p>rust&amp;go "),
        "hello world p rust amp go"
    );
    assert_eq!(normalise(""), "");
    assert_eq!(company_key("Acme, Inc."), Some("acme".into()));
    assert_eq!(company_key("ACME"), Some("acme".into()));
    assert_eq!(company_key("Co"), Some("co".into()));
    assert_eq!(company_key(" ,. "), None);
}

#[test]
fn signatures_near_for_edits_far_for_other_texts() {
    let a = simhash(&normalise(POST)).unwrap();
    let edited = POST.replace("small shops", "small shops and cafes");
    let b = simhash(&normalise(&edited)).unwrap();
    let other = simhash(&normalise(
        "Globex | Data Engineer | NYC onsite | We are hiring data engineers to build pipelines \
         with Python, Spark and Airflow for our analytics team; visa sponsorship available.",
    ))
    .unwrap();
    assert!(
        hamming(a, b) <= MAX_HAMMING && hamming(a, b) < hamming(a, other),
        "{} vs {}",
        hamming(a, b),
        hamming(a, other)
    );
    assert!(hamming(a, other) > MAX_HAMMING);
    assert_eq!(simhash(&normalise(&POST.to_uppercase())), Some(a));
    assert_eq!(simhash("too short to sign"), None);
    assert_eq!(hash64(b"abc"), hash64(b"abc"));
    assert_ne!(hash64(b"abc"), hash64(b"abd"));
}

#[test]
fn same_text_joins_within_the_window_and_not_after() {
    let mut items = vec![
        item(1, "hn", 0, None, POST),
        item(2, "hn", 60, None, POST),
        item(3, "hn", 121, None, POST),
    ];
    let got = cluster(&mut items, 60);
    assert_eq!(got[1].cluster_id, 1, "day 60 is inside a 60-day window");
    assert_eq!(got[1].method, Method::Text);
    // 61 days after the last one: a new job.
    assert_eq!((got[2].cluster_id, got[2].method), (3, Method::First));
    let mut items = vec![item(1, "hn", 0, None, POST), item(2, "hn", 61, None, POST)];
    assert_eq!(cluster(&mut items, 60)[1].method, Method::First);
}

#[test]
fn reposts_need_the_same_company_and_near_text() {
    let edited = POST.replace("small shops", "small shops and cafes");
    let mut items = vec![
        item(1, "hn", 0, Some("Acme Corp"), POST),
        item(2, "hn", 30, Some("ACME corp."), &edited),
        item(
            3,
            "hn",
            31,
            Some("Globex"),
            &edited.replace("cafes", "bars"),
        ),
    ];
    let got = cluster(&mut items, 60);
    assert_eq!((got[1].cluster_id, got[1].method), (1, Method::Repost));
    assert_eq!(
        got[2].method,
        Method::First,
        "another company is another job"
    );
}

#[test]
fn cross_source_needs_another_source_and_all_three_fields() {
    let listing = |id, source: &str, day, title: &str| Item {
        title: Some(title.into()),
        location: Some("Berlin, DE".into()),
        ..item(id, source, day, Some("Acme GmbH"), &format!("text {id}"))
    };
    let mut items = vec![
        listing(1, "greenhouse", 0, "Senior Rust Engineer"),
        listing(2, "lever", 5, "senior rust engineer"),
        listing(3, "greenhouse", 6, "Senior Rust Engineer"),
        listing(4, "lever", 7, "Staff Rust Engineer"),
    ];
    let got = cluster(&mut items, 60);
    assert_eq!((got[1].cluster_id, got[1].method), (1, Method::CrossSource));
    assert_eq!(got[2].method, Method::CrossSource, "matches the lever one");
    assert_eq!((got[2].matched_id, got[2].cluster_id), (2, 1));
    assert_eq!(got[3].method, Method::First);
    // The latest on another source is found even when the latest of all is on this source.
    let mut items = vec![
        listing(1, "lever", 0, "Rust Engineer"),
        listing(2, "greenhouse", 1, "Rust Engineer"),
        listing(3, "greenhouse", 2, "Rust Engineer"),
        listing(4, "lever", 3, "Rust Engineer"),
        listing(5, "lever", 70, "Rust Engineer"),
    ];
    let got = cluster(&mut items, 60);
    assert_eq!(got[1].method, Method::CrossSource);
    assert_eq!(got[2].matched_id, 1, "not its own source's posting 2");
    assert_eq!(got[3].matched_id, 3);
    // Day 70: posting 3 (day 2) and 4 (day 3) left the 60-day window; 5 is a new job.
    assert_eq!(got[4].method, Method::First);
}

#[test]
fn deterministic_whatever_the_input_order_and_incremental_equals_full() {
    let mut items: Vec<Item> = (0..40)
        .map(|i| {
            item(
                i,
                "hn",
                i % 7 * 20,
                Some(["a", "b"][i as usize % 2]),
                &format!("{POST} {}", i % 3),
            )
        })
        .collect();
    let full = cluster(&mut items.clone(), 60);
    items.reverse();
    assert_eq!(cluster(&mut items, 60), full);
    // Incremental: seed with the first half's clusters, push the rest.
    let mut sorted = items.clone();
    Deduper::sort(&mut sorted);
    let mut deduper = Deduper::new(60);
    for (item, done) in sorted[..20].iter().zip(&full) {
        deduper.seed(item, done.cluster_id).unwrap();
    }
    let rest: Vec<Assignment> = sorted[20..]
        .iter()
        .map(|i| deduper.push(i).unwrap())
        .collect();
    assert_eq!(rest, full[20..]);
    assert!(matches!(
        deduper.push(&sorted[0]),
        Err(DedupError::OutOfOrder { .. })
    ));
}

#[test]
fn postings_without_time_stay_alone() {
    let mut items = vec![
        item(1, "hn", 0, None, POST),
        Item {
            posted_at: None,
            ..item(2, "hn", 0, None, POST)
        },
    ];
    let got = cluster(&mut items, 60);
    assert_eq!(got[1].method, Method::First);
}

/// Clusters sorted `items` with every fingerprint computed first, apart from the placing, as
/// the pipeline does; the first `n_seeded` are seeded with their cluster in `seeds`.
fn place_fingerprinted(items: &[Item], seeds: &[Assignment], n_seeded: usize) -> Vec<Assignment> {
    let fingerprints: Vec<Fingerprint> = items.iter().map(Fingerprint::of).collect();
    let mut deduper = Deduper::new(60);
    let mut placed = Vec::new();
    for (index, (item, fingerprint)) in items.iter().zip(fingerprints).enumerate() {
        if index < n_seeded {
            deduper
                .seed_fingerprinted(item, fingerprint, seeds[index].cluster_id)
                .unwrap();
        } else {
            placed.push(deduper.push_fingerprinted(item, fingerprint).unwrap());
        }
    }
    placed
}

#[test]
fn fingerprint_then_place_equals_push() {
    let edited = POST.replace("small shops", "small shops and cafes");
    let listing = |id, source: &str, day, title: &str, text: &str| Item {
        title: Some(title.into()),
        location: Some("Berlin, DE".into()),
        ..item(id, source, day, Some("Acme GmbH"), text)
    };
    let mut items = vec![
        item(1, "hn", 0, Some("Acme Corp"), POST),
        item(2, "hn", 3, None, POST),
        item(3, "hn", 10, Some("ACME corp."), &edited),
        listing(4, "greenhouse", 11, "Rust Engineer", "short"),
        listing(5, "lever", 12, "rust engineer", "other"),
        item(
            6,
            "hn",
            12,
            Some("Globex"),
            &edited.replace("cafes", "bars"),
        ),
        item(7, "hn", 80, Some("Acme"), POST),
        item(8, "hn", 81, Some(" ,. "), ""),
        Item {
            posted_at: None,
            ..item(9, "hn", 0, Some("Acme"), POST)
        },
    ];
    let pushed = cluster(&mut items, 60);
    let methods: std::collections::HashSet<Method> = pushed.iter().map(|a| a.method).collect();
    assert_eq!(methods.len(), 4, "every rule fires: {pushed:?}");
    assert_eq!(place_fingerprinted(&items, &pushed, 0), pushed);
    assert_eq!(place_fingerprinted(&items, &pushed, 4), pushed[4..]);
    // Out-of-order input is refused whether or not the fingerprint came first.
    let mut deduper = Deduper::new(60);
    deduper.push(&items[1]).unwrap();
    let fingerprint = Fingerprint::of(&items[0]);
    assert_eq!(
        deduper.push_fingerprinted(&items[0], fingerprint),
        Err(DedupError::OutOfOrder { posting_id: 1 })
    );
}

mod fingerprinted {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn placing_fingerprints_equals_pushing(
            postings in proptest::collection::vec(
                (0i64..200, 0usize..3, 0usize..4, 0usize..3, 0usize..4, any::<bool>()),
                0..60,
            ),
            n_seeded in 0usize..60,
        ) {
            const SOURCES: [&str; 3] = ["hn", "lever", "greenhouse"];
            const COMPANIES: [Option<&str>; 4] = [None, Some("Acme Inc"), Some("acme"), Some("Globex")];
            let texts = [
                POST.to_string(),
                POST.replace("small shops", "small shops and cafes"),
                "too short".to_string(),
                String::new(),
            ];
            let mut items: Vec<Item> = postings
                .iter()
                .enumerate()
                .map(|(id, &(day, source, company, title, text, timed))| Item {
                    posted_at: timed.then_some(day * DAY),
                    title: (title > 0).then(|| format!("Engineer {title}")),
                    location: (title > 0).then(|| "Berlin".to_string()),
                    ..item(id as i64, SOURCES[source], day, COMPANIES[company], &texts[text])
                })
                .collect();
            let pushed = cluster(&mut items, 60);
            let n_seeded = n_seeded.min(items.len());
            prop_assert_eq!(place_fingerprinted(&items, &pushed, 0), pushed.clone());
            prop_assert_eq!(place_fingerprinted(&items, &pushed, n_seeded), pushed[n_seeded..].to_vec());
        }
    }
}

/// The plain definitions the fast `normalise` and `simhash` must agree with: lowercase words
/// joined by one space; the +1/-1 weight per bit over every 3-shingle written out as a string.
mod definitions {
    use super::*;
    use proptest::prelude::*;

    fn normalise_by_definition(text: &str) -> String {
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn simhash_by_definition(normalised: &str) -> Option<u64> {
        let tokens: Vec<&str> = normalised.split(' ').filter(|w| !w.is_empty()).collect();
        if tokens.len() < MIN_WORDS_FOR_SIMHASH {
            return None;
        }
        let mut weights = [0i32; 64];
        for window in tokens.windows(SHINGLE_WORDS) {
            let hash = hash64(window.join(" ").as_bytes());
            for (bit, weight) in weights.iter_mut().enumerate() {
                *weight += if hash >> bit & 1 == 1 { 1 } else { -1 };
            }
        }
        Some(
            (0..64)
                .filter(|bit| weights[*bit] > 0)
                .fold(0, |acc, bit| acc | 1 << bit),
        )
    }

    #[test]
    fn final_sigma_is_lowered_as_in_a_word() {
        assert_eq!(normalise("ΟΔΟΣ Acme"), "οδος acme");
        for text in [
            "ΟΔΟΣ Acme",
            "Acme | SENIOR Rust-Engineer!",
            "ΟΔΟΣ Σ ΣΑΣ",
            "Ünïcode İstanbul KELVIN",
            "",
        ] {
            assert_eq!(normalise(text), normalise_by_definition(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn normalise_and_simhash_match_their_definitions(
            words in proptest::collection::vec("[a-zA-Z0-9ΣσΟΔİß]{1,6}", 0..40),
            seps in proptest::collection::vec("[ ,.!/\n|-]{1,3}", 1..8),
        ) {
            let text: String = words
                .iter()
                .zip(seps.iter().cycle())
                .map(|(w, s)| format!("{w}{s}"))
                .collect();
            let normalised = normalise(&text);
            prop_assert_eq!(&normalised, &normalise_by_definition(&text));
            prop_assert_eq!(simhash(&normalised), simhash_by_definition(&normalised));
        }
    }
}
