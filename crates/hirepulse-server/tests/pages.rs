//! The pages through the router (no socket): each loads with a chart holding data, the strict
//! CSP and a viewport meta; forms keep their values; a bad value is a 400 page naming the field;
//! the evidence page says it needs a store when there is none.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use hirepulse_server::router;
use hirepulse_server::state::AppState;
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

async fn get(uri: &str) -> (StatusCode, String, String, String) {
    let response = router(state())
        .oneshot(
            Request::get(uri)
                .body(Body::empty())
                .unwrap_or_else(|e| panic!("{e}")),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let status = response.status();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    let (csp, kind) = (header("content-security-policy"), header("content-type"));
    let bytes = response
        .into_body()
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .to_bytes();
    (
        status,
        csp,
        kind,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

#[tokio::test]
async fn every_page_has_a_chart_with_data() {
    for (uri, mark) in [
        ("/", "<rect class=\"bar\""),
        ("/?lang=rust&lang=go&region=us", "<rect class=\"box\""),
        ("/trend", "<polyline class=\"series\""),
        (
            "/trend?by=lane&values=data,infra&since=2020-01",
            "<polygon class=\"band\"",
        ),
        (
            "/pay?by=seniority&values=senior,staff",
            "<rect class=\"box\"",
        ),
        ("/skills?lang=go", "<rect class=\"bar\""),
        (
            "/pay?dataset=bls_oews&by=lane&values=backend,data",
            "<rect class=\"box\"",
        ),
        (
            "/advise?years=3&know=java:expert&goal=comp",
            "<rect class=\"bar\"",
        ),
        ("/calculator?salary=120000&state=NY", "<rect class=\"bar\""),
    ] {
        let (status, csp, kind, body) = get(uri).await;
        assert_eq!(status, StatusCode::OK, "{uri}: {body}");
        assert_eq!(csp, hirepulse_server::CSP, "{uri}");
        assert!(kind.starts_with("text/html"), "{uri}: {kind}");
        assert!(body.contains("<svg"), "{uri}: no chart");
        assert!(body.contains(mark), "{uri}: no {mark}");
        assert!(body.contains(r#"name="viewport""#), "{uri}");
        assert!(!body.contains("<script"), "{uri}: pages need no script");
    }
}

#[tokio::test]
async fn empty_forms_wait_for_input_and_keep_values() {
    let (status, _, _, body) = get("/advise").await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("name=\"years\"") && !body.contains("<svg"),
        "{body}"
    );
    let (_, _, _, body) = get("/calculator").await;
    assert!(body.contains("name=\"salary\"") && !body.contains("<svg"));
    let (_, _, _, body) = get("/?lang=rust,go&since=2023-06").await;
    assert!(body.contains(r#"value="rust,go""#) && body.contains(r#"value="2023-06""#));
}

#[tokio::test]
async fn bad_values_are_a_400_page_naming_the_field() {
    for (uri, field) in [
        ("/?since=2024-13", "since"),
        ("/trend?by=colour", "by"),
        ("/advise?years=-4", "years"),
        ("/calculator?salary=lots", "salary"),
        ("/skills?nope=1", "nope"),
    ] {
        let (status, _, kind, body) = get(uri).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{uri}: {body}");
        assert!(kind.starts_with("text/html"), "{uri}");
        assert!(body.contains("section class=\"error\""), "{uri}");
        assert!(
            body.contains(&format!("<code>{field}</code>")),
            "{uri}: {body}"
        );
    }
    // Reflected input is escaped.
    let (_, _, _, body) = get("/?lang=%3Cscript%3Ealert(1)%3C/script%3E").await;
    assert!(!body.contains("<script>alert"), "{body}");
    assert!(body.contains("&lt;script&gt;"), "{body}");
}

#[tokio::test]
async fn postings_need_a_store_and_the_stylesheet_is_served() {
    let (status, _, _, body) = get("/postings").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("--db"), "{body}");
    let (status, _, kind, body) = get("/style.css").await;
    assert_eq!(status, StatusCode::OK);
    assert!(kind.starts_with("text/css") && body.contains("svg.chart"));
}

#[tokio::test]
async fn warming_fills_the_cache_with_the_default_views() {
    let state = Arc::new(AppState::baseline().unwrap_or_else(|e| panic!("baseline: {e}")));
    assert!(state.cached("/?").is_none());
    hirepulse_server::warm(Arc::clone(&state)).await;
    assert!(state.cached("/?").is_some());
    assert!(state.cached("/api/snapshot?").is_some());
    assert!(state.cached("/api/pay?").is_some());
}
