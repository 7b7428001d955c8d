//! The connectors against a real HTTP server on 127.0.0.1 replaying the hand-written responses of
//! `testdata/` (see `testdata/README.md`): retries on 429 / 500 / timeouts / truncated bodies,
//! deleted, dead and missing HN items, the cache's freshness rules and resuming an interrupted
//! month. Small timeouts and backoffs keep the tests quick; nothing leaves 127.0.0.1.

use hirepulse_fetch::cache::Cache;
use hirepulse_fetch::hn::{self, HnOptions};
use hirepulse_fetch::replay::HN_SEARCH_MAY as SEARCH_MAY;
use hirepulse_fetch::replay::{hn_item as item, script_boards, script_hn, Reply, Server};
use hirepulse_fetch::{
    ashby, greenhouse, lever, BoardOptions, Client, ClientConfig, FetchError, Outcome,
    OutcomeStatus, Summary,
};
use std::time::Duration;

fn client() -> Client {
    Client::new(
        ClientConfig {
            rate: 0.0,
            concurrency: 3,
            retries: 3,
            backoff: Duration::from_millis(5),
            max_backoff: Duration::from_millis(20),
            timeout: Duration::from_millis(1500),
            ..ClientConfig::default()
        },
        Box::new(|_| {}),
    )
}

fn hn_server() -> Server {
    let server = Server::start();
    script_hn(&server);
    server
}

fn hn_options(server: &Server, months: &[&str]) -> HnOptions {
    HnOptions {
        algolia_base: server.base_url(),
        firebase_base: server.base_url(),
        ..HnOptions::new(months.iter().map(|m| m.to_string()).collect())
    }
}

fn ids_in(path: &std::path::Path) -> Vec<u64> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|line| {
            serde_json::from_str::<serde_json::Value>(line).unwrap()["id"]
                .as_u64()
                .unwrap()
        })
        .collect()
}

fn assert_all_ok(outcomes: &[Outcome]) {
    for outcome in outcomes {
        assert!(
            !matches!(outcome.status, OutcomeStatus::Failed(_)),
            "{}: {:?}",
            outcome.resource,
            outcome.status
        );
    }
}

#[test]
fn hn_months_with_retries_deleted_dead_and_missing_items() {
    let server = hn_server();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let client = client();
    let outcomes = hn::fetch(
        &client,
        &cache,
        &hn_options(&server, &["2024-05", "2024-06"]),
    );
    assert_all_ok(&outcomes);

    // May: the thread line first, then the kids in order; the deleted and dead items kept as the
    // API gives them, the missing one (null) left out and named in the meta.
    let may = cache.hn_month("2024-05");
    assert_eq!(ids_in(&may), [1000, 1001, 1002, 1003, 1005]);
    let meta = cache.meta(&may).unwrap();
    assert_eq!(meta.missing, [1004]);
    assert_eq!((meta.thread_id, meta.n_items), (Some(1000), 4));
    // The decoy "Who wants to be hired?" (999) and the freelancer thread (1999) were not read.
    assert_eq!(server.count(&item(999)) + server.count(&item(1999)), 0);

    // June: every kid arrived after one retry each.
    let june = cache.hn_month("2024-06");
    assert_eq!(ids_in(&june), [2000, 2001, 2002, 2003, 2004]);
    for id in [2001, 2002, 2003, 2004] {
        assert_eq!(server.count(&item(id)), 2, "item {id}");
    }
    let summary = Summary::of(&outcomes, &client.counters);
    assert_eq!(
        (summary.fetched, summary.failed, summary.retried),
        (2, 0, 4)
    );
    assert_eq!(summary.missing, 1);
    assert_eq!(summary.requests as usize, server.total());

    // Retry-After: 1 was honoured: the retry came at least a second after the 429.
    let log = server.log();
    let times: Vec<_> = log
        .iter()
        .filter(|l| l.target == item(2002))
        .map(|l| l.at)
        .collect();
    assert!(times[1].duration_since(times[0]) >= Duration::from_secs(1));
    // Every request named hirepulse.
    assert!(log.iter().all(|l| l
        .user_agent
        .as_deref()
        .is_some_and(|ua| ua.starts_with("hirepulse/"))));
    // No temporary or in-progress file is left.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("hn"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".tmp") || name.ends_with(".part"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // A second run asks nothing: both months were final when fetched (2024 threads).
    server.clear_log();
    let again = hn::fetch(
        &client,
        &cache,
        &hn_options(&server, &["2024-05", "2024-06"]),
    );
    assert!(again
        .iter()
        .all(|o| matches!(o.status, OutcomeStatus::Cached)));
    assert_eq!(server.total(), 0);

    // --refresh fetches again (the search is skipped: the thread id is in the meta).
    let mut refresh = hn_options(&server, &["2024-05"]);
    refresh.refresh = true;
    let refreshed = hn::fetch(&client, &cache, &refresh);
    assert_all_ok(&refreshed);
    assert_eq!(server.count(SEARCH_MAY), 0);
    assert_eq!(server.count(&item(1001)), 1);
}

#[test]
fn interrupted_month_resumes_to_the_clean_result() {
    // The clean run.
    let clean_server = hn_server();
    let clean_dir = tempfile::tempdir().unwrap();
    let clean_cache = Cache::new(clean_dir.path());
    assert_all_ok(&hn::fetch(
        &client(),
        &clean_cache,
        &hn_options(&clean_server, &["2024-05"]),
    ));

    // The server dies after the search, the thread and two kids; a stale temporary file from an
    // earlier crash lies around too.
    let server = hn_server();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let data = cache.hn_month("2024-05");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    std::fs::write(data.with_extension("jsonl.tmp"), "{\"id\": 1000, \"ki").unwrap();
    let one_at_a_time = Client::new(
        ClientConfig {
            concurrency: 1,
            ..client().config().clone()
        },
        Box::new(|_| {}),
    );
    server.fail_after(4);
    let outcomes = hn::fetch(&one_at_a_time, &cache, &hn_options(&server, &["2024-05"]));
    assert!(
        matches!(
            &outcomes[0].status,
            OutcomeStatus::Failed(FetchError::Incomplete { .. })
        ),
        "{:?}",
        outcomes[0].status
    );
    assert!(!data.exists(), "no month file before the month is complete");
    let part = Cache::part_path(&data);
    assert_eq!(
        ids_in(&part),
        [1000, 1001, 1002],
        "the thread line, then the kids fetched"
    );

    // The server recovers: the re-run asks for the thread again and only the kids it lacks.
    server.recover();
    server.clear_log();
    let outcomes = hn::fetch(&one_at_a_time, &cache, &hn_options(&server, &["2024-05"]));
    assert_all_ok(&outcomes);
    assert_eq!(
        server.count(SEARCH_MAY),
        0,
        "the thread id was found before"
    );
    assert_eq!(server.count(&item(1000)), 1);
    assert_eq!(server.count(&item(1001)) + server.count(&item(1002)), 0);
    assert_eq!(server.count(&item(1003)), 1);
    assert_eq!(
        std::fs::read(&data).unwrap(),
        std::fs::read(clean_cache.hn_month("2024-05")).unwrap()
    );
    assert!(!part.exists());
}

#[test]
fn rate_and_concurrency_limits_hold() {
    let server = hn_server();
    for id in [1001, 1002, 1003, 1004, 1005] {
        server.route(
            &item(id),
            vec![Reply::file(&format!("hn/item-{id}.json")).delayed(Duration::from_millis(300))],
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    // Without the cap, a request every 50 ms that takes 300 ms would have up to six in flight.
    let polite = Client::new(
        ClientConfig {
            rate: 20.0,
            concurrency: 2,
            ..client().config().clone()
        },
        Box::new(|_| {}),
    );
    assert_all_ok(&hn::fetch(
        &polite,
        &cache,
        &hn_options(&server, &["2024-05"]),
    ));
    // Seven requests (search, thread, five kids) at 20 a second: the last starts at least
    // 6 x 50 ms after the first.
    let log = server.log();
    assert_eq!(log.len(), 7);
    let span = log[6].at.duration_since(log[0].at);
    assert!(span >= Duration::from_millis(290), "{span:?}");
    assert!(server.max_in_flight() <= 2, "{}", server.max_in_flight());
}

#[test]
fn hn_month_through_the_algolia_items_endpoint() {
    let server = hn_server();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let client = client();
    let mut options = hn_options(&server, &["2024-05"]);
    options.via = hn::Via::Algolia;
    let outcomes = hn::fetch(&client, &cache, &options);
    assert_all_ok(&outcomes);
    // One search and the tree (after one 503); no Firebase request.
    assert_eq!(server.count("/api/v1/items/1000"), 2);
    assert!(server.log().iter().all(|l| !l.target.starts_with("/v0/")));
    // The thread line, then the top-level children (the deleted one kept, the reply left out).
    let data = cache.hn_month("2024-05");
    assert_eq!(ids_in(&data), [1000, 1001, 1002, 1005]);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&data)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["kids"], serde_json::json!([1001, 1002, 1005]));
    assert_eq!(lines[0]["time"], 1714575600);
    assert_eq!(lines[2]["deleted"], true);
    assert_eq!(lines[3]["by"], "beta_jobs");
    assert_eq!(lines[3]["parent"], 1000);
    let meta = cache.meta(&data).unwrap();
    assert_eq!(meta.url, format!("{}/api/v1/items/1000", server.base_url()));
}

#[test]
fn hn_month_without_a_thread_fails_alone() {
    let server = hn_server();
    server.route(
        "/api/v1/search_by_date?tags=story,author_whoishiring&query=Who%20is%20hiring%3F%20%28January%202099%29&hitsPerPage=50",
        vec![Reply::file("hn/search-2099-01.json")],
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let outcomes = hn::fetch(
        &client(),
        &cache,
        &hn_options(&server, &["2099-01", "2024-05"]),
    );
    assert!(matches!(
        &outcomes[0].status,
        OutcomeStatus::Failed(FetchError::NoThread { .. })
    ));
    assert!(outcomes[0].file.is_none());
    assert!(matches!(outcomes[1].status, OutcomeStatus::Fetched));
}

#[test]
fn a_server_that_never_recovers_is_given_up_on() {
    let server = hn_server();
    server.route(&item(1001), vec![Reply::status(503)]);
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let client = client();
    let outcomes = hn::fetch(&client, &cache, &hn_options(&server, &["2024-05"]));
    let OutcomeStatus::Failed(err) = &outcomes[0].status else {
        panic!("{:?}", outcomes[0].status)
    };
    assert!(
        err.to_string().contains("gave up after 4 attempts"),
        "{err}"
    );
    // One first attempt and three retries.
    assert_eq!(server.count(&item(1001)), 4);
}

#[test]
fn boards_are_fetched_cached_and_refetched_after_their_ttl() {
    let server = Server::start();
    script_boards(&server);
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let client = client();
    let options = BoardOptions {
        base_url: Some(server.base_url()),
        ..BoardOptions::default()
    };
    let names = vec!["acme".to_string()];
    let mut outcomes = greenhouse::fetch(&client, &cache, &names, &options);
    outcomes.extend(lever::fetch(&client, &cache, &names, &options));
    outcomes.extend(ashby::fetch(&client, &cache, &names, &options));
    assert_all_ok(&outcomes);
    for (kind, file) in [
        ("greenhouse", "greenhouse-acme.json"),
        ("lever", "lever-acme.json"),
        ("ashby", "ashby-acme.json"),
    ] {
        let path = cache.board(kind, "acme");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            hirepulse_fetch::replay::testdata(&format!("boards/{file}")),
            "{kind}: the raw response is cached"
        );
    }
    assert_eq!(Summary::of(&outcomes, &client.counters).retried, 2);

    // Within the TTL: no request.
    server.clear_log();
    let again = lever::fetch(&client, &cache, &names, &options);
    assert!(matches!(again[0].status, OutcomeStatus::Cached));
    assert_eq!(server.total(), 0);
    // Past the TTL (0 seconds): fetched again.
    let mut stale = options.clone();
    stale.freshness.ttl_seconds = 0;
    let again = lever::fetch(&client, &cache, &names, &stale);
    assert!(matches!(again[0].status, OutcomeStatus::Fetched));
    assert_eq!(server.total(), 1);
}

#[test]
fn unknown_board_and_bad_names_fail_clearly() {
    let server = Server::start();
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let options = BoardOptions {
        base_url: Some(server.base_url()),
        ..BoardOptions::default()
    };
    let outcomes = ashby::fetch(
        &client(),
        &cache,
        &["nope".to_string(), "../etc".to_string()],
        &options,
    );
    assert!(matches!(
        &outcomes[0].status,
        OutcomeStatus::Failed(FetchError::NotFound { .. })
    ));
    assert!(matches!(
        &outcomes[1].status,
        OutcomeStatus::Failed(FetchError::Invalid(_))
    ));
    // A 404 is final: asked once; the bad name never reached the server.
    assert_eq!(server.total(), 1);
}

#[test]
fn a_body_that_is_not_the_documented_shape_fails_after_retries() {
    let server = Server::start();
    server.route(
        "/v0/postings/acme?mode=json",
        vec![Reply::ok("{\"ok\": true}")],
    );
    let dir = tempfile::tempdir().unwrap();
    let cache = Cache::new(dir.path());
    let options = BoardOptions {
        base_url: Some(server.base_url()),
        ..BoardOptions::default()
    };
    let outcomes = lever::fetch(&client(), &cache, &["acme".to_string()], &options);
    assert!(matches!(
        &outcomes[0].status,
        OutcomeStatus::Failed(FetchError::BadResponse { .. })
    ));
    assert!(!cache.board("lever", "acme").exists());
}
