//! The JSON API through the router (no socket): every endpoint answers, the answer is the
//! library's `--format json` for the same config, bad parameters get a 400 naming the parameter,
//! and the OpenAPI document lists every route with exactly the parameters it accepts.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hirepulse_reports::config::parse_month;
use hirepulse_reports::{Format, SnapshotConfig, TrendConfig};
use hirepulse_server::state::AppState;
use hirepulse_server::{router, routes};
use http_body_util::BodyExt;
use std::sync::{Arc, OnceLock};
use tower::ServiceExt;

fn state() -> Arc<AppState> {
    static STATE: OnceLock<Arc<AppState>> = OnceLock::new();
    Arc::clone(
        STATE.get_or_init(|| {
            Arc::new(AppState::baseline().unwrap_or_else(|e| panic!("baseline: {e}")))
        }),
    )
}

/// Status, headers' CSP and body of GET `uri`.
async fn get(uri: &str) -> (StatusCode, Option<String>, String) {
    let response = router(state())
        .oneshot(
            Request::get(uri)
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .to_bytes();
    (status, csp, String::from_utf8_lossy(&bytes).into_owned())
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[tokio::test]
async fn every_endpoint_answers_json() {
    for uri in [
        "/api/snapshot",
        "/api/snapshot?lang=rust&lang=go&region=us",
        "/api/compare?by=lane&values=backend,data",
        "/api/trend?values=rust,go&since=2020-01",
        "/api/pay",
        "/api/pay?by=seniority&values=senior&values=staff",
        "/api/pay?dataset=levelsfyi&by=lane&values=backend,data",
        "/api/skills?lang=rust&top=5",
        "/api/advise?years=5&know=python:expert&goal=comp",
        "/api/tax?w2=150000&state=NY",
        "/api/contract-vs-fte?salary=150000",
        "/api/openapi.json",
    ] {
        let (status, csp, body) = get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert!(json(&body).is_object(), "{uri}");
        assert_eq!(csp.as_deref(), Some(hirepulse_server::CSP), "{uri}");
    }
}

#[tokio::test]
async fn the_api_returns_the_librarys_json() {
    let population = &state().population;
    let config = SnapshotConfig {
        window: hirepulse_reports::config::MonthWindow {
            since: Some(parse_month("--since", "2023-01").unwrap_or_else(|e| panic!("{e}"))),
            until: None,
        },
        ..SnapshotConfig::default()
    }
    .with_languages(&["rust".into(), "go".into()]);
    let snapshot =
        hirepulse_reports::snapshot(population, &config).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = Vec::new();
    Format::Json
        .renderer()
        .snapshot(&snapshot, &mut expected)
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, _, body) = get("/api/snapshot?lang=rust,go&since=2023-01").await;
    assert_eq!(body.as_bytes(), expected.as_slice());

    let config = TrendConfig::new(
        hirepulse_reports::Dimension::Lane,
        &["data".into()],
        Default::default(),
        Default::default(),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let trend = hirepulse_reports::trend(population, &config).unwrap_or_else(|e| panic!("{e}"));
    let mut expected = Vec::new();
    Format::Json
        .renderer()
        .trend(&trend, &mut expected)
        .unwrap_or_else(|e| panic!("{e}"));
    let (_, _, body) = get("/api/trend?by=lane&values=data").await;
    assert_eq!(body.as_bytes(), expected.as_slice());

    let input = hirepulse_tax::TaxInput {
        year: 2026,
        filing: hirepulse_tax::Filing::Joint,
        state: "NY".into(),
        w2_wages: 200_000.0,
        ..Default::default()
    };
    let result = hirepulse_tax::compute(&input).unwrap_or_else(|e| panic!("{e}"));
    let expected = serde_json::to_string_pretty(&result).unwrap_or_else(|e| panic!("{e}")) + "\n";
    let (_, _, body) = get("/api/tax?w2=200000&state=NY&filing=joint").await;
    assert_eq!(body, expected);
}

#[tokio::test]
async fn pay_of_a_dataset_is_the_librarys_json() {
    use hirepulse_reports::datasets::{DatasetPayConfig, YearRange};
    let config = DatasetPayConfig::new(
        "aijobs",
        Some(hirepulse_reports::Dimension::Seniority),
        &["senior".into(), "mid".into()],
        Default::default(),
        Some(YearRange {
            first: 2023,
            last: u16::MAX,
        }),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let report = hirepulse_reports::dataset_pay(&state().population, &config)
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(report.n_records > 0, "the baseline carries aijobs records");
    let mut expected = Vec::new();
    Format::Json
        .renderer()
        .dataset_pay(&report, &mut expected)
        .unwrap_or_else(|e| panic!("{e}"));
    let (status, _, body) =
        get("/api/pay?dataset=aijobs&by=seniority&values=senior,mid&since=2023-01").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, String::from_utf8_lossy(&expected));
}

#[tokio::test]
async fn bad_parameters_get_a_400_naming_them() {
    for (uri, parameter) in [
        ("/api/snapshot?since=2024-13", "since"),
        ("/api/snapshot?until=junk", "until"),
        ("/api/snapshot?colour=red", "colour"),
        ("/api/snapshot?region=narnia", "region"),
        ("/api/compare?values=a", "by"),
        ("/api/compare?by=flavour&values=a", "by"),
        ("/api/compare?by=lane", "values"),
        ("/api/trend", "values"),
        ("/api/pay?values=x", "by"),
        ("/api/pay?dataset=glassdoor", "dataset"),
        ("/api/pay?dataset=aijobs&by=work_mode&values=remote", "by"),
        ("/api/skills", "lang"),
        ("/api/skills?lang=rust&top=-1", "top"),
        ("/api/skills?lang=rust&top=100000", "top"),
        ("/api/advise", "years"),
        ("/api/advise?years=500", "years"),
        ("/api/advise?years=3&goal=fame", "goal"),
        ("/api/advise?years=3&remote_only=perhaps", "remote_only"),
        ("/api/tax?filing=widowed", "filing"),
        ("/api/tax?year=1900", "year"),
        ("/api/tax?w2=lots", "w2"),
        ("/api/contract-vs-fte", "salary"),
        ("/api/contract-vs-fte?salary=100000&rate=NaN", "rate"),
    ] {
        let (status, _, body) = get(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        let body = json(&body);
        assert_eq!(body["parameter"], parameter, "{uri}: {body}");
        assert!(
            body["error"].as_str().is_some_and(|e| !e.is_empty()),
            "{uri}"
        );
    }
    let long = format!("/api/snapshot?lang={}", "x".repeat(5000));
    assert_eq!(get(&long).await.0, StatusCode::BAD_REQUEST);
    let many = format!("/api/snapshot?{}", "lang=a&".repeat(30));
    assert_eq!(get(&many).await.0, StatusCode::BAD_REQUEST);
    assert_eq!(get("/api/nothing").await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn openapi_lists_every_route_with_its_parameters() {
    let (_, _, body) = get("/api/openapi.json").await;
    let document = json(&body);
    let paths = document["paths"]
        .as_object()
        .unwrap_or_else(|| panic!("{document}"));
    assert_eq!(paths.len(), routes::API.len() + 1);
    for route in routes::API {
        let operation = &paths[route.path]["get"];
        let documented: Vec<&str> = operation["parameters"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: no parameters", route.path))
            .iter()
            .filter_map(|p| p["name"].as_str())
            .collect();
        assert_eq!(documented, route.params, "{}", route.path);
        for name in route.params {
            assert!(
                hirepulse_server::openapi::describe(name).is_some(),
                "{} takes {name}, which the document does not describe",
                route.path
            );
            // The server accepts every documented parameter (whatever it says of the value).
            let (_, _, answer) = get(&format!("{}?{name}=1", route.path)).await;
            assert!(
                !answer.contains("unknown parameter"),
                "{} {name}: {answer}",
                route.path
            );
        }
        // And refuses an undocumented one.
        let (status, _, _) = get(&format!("{}?undocumented=1", route.path)).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{}", route.path);
    }
}
