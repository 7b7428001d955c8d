//! `hirepulse serve`: every report behind a JSON API and on a server-rendered page.
//!
//! Shape: [`state`] loads the postings once at start (store or built-in baseline; the data is
//! immutable while serving); [`routes`] lists the endpoints with the parameters each accepts;
//! [`resources`] turns checked [`params`] into the library configs and reports, one module per
//! resource, so the API returns exactly the CLI's `--format json`; [`pages`] draws the same
//! reports as HTML with SVG charts ([`svg`]) and no JavaScript. One error type ([`error`])
//! answers bad input with a 400 naming the parameter. Answers are cached per normalised query.
//! Every response carries a strict Content-Security-Policy; request bodies and queries are
//! bounded; a panic becomes a 500, never a dropped server.

pub mod charts;
pub mod error;
pub mod openapi;
pub mod pages;
pub mod params;
pub mod resources;
pub mod routes;
pub mod state;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use error::ApiError;
use params::Params;
use state::AppState;
use std::sync::Arc;

pub use state::Population;

/// The Content-Security-Policy of every response: nothing but same-origin styles, inline SVG
/// (no scripts at all) and forms that post back here.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                       form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Largest request body accepted (the API takes none; forms use GET).
pub const MAX_BODY_BYTES: usize = 16 * 1024;

/// The router over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let mut router = Router::new();
    for (index, route) in routes::API.iter().enumerate() {
        router = router.route(
            route.path,
            get(
                move |State(state): State<Arc<AppState>>, RawQuery(query): RawQuery| async move {
                    api(state, index, query).await
                },
            ),
        );
    }
    router
        .route("/api/openapi.json", get(openapi_json))
        .merge(pages::router())
        .fallback(not_found)
        .with_state(state)
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panicked))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
}

/// Answers `answer` for `params`, from the cache when the same normalised query was answered
/// before; the work runs off the async threads.
pub async fn cached_answer(
    state: Arc<AppState>,
    path: &'static str,
    params: Params,
    answer: impl FnOnce(&AppState, &Params) -> Result<String, ApiError> + Send + 'static,
) -> Result<Arc<(u16, String)>, ApiError> {
    let key = format!("{path}?{}", params.canonical());
    if let Some(hit) = state.cached(&key) {
        return Ok(hit);
    }
    let worker = Arc::clone(&state);
    let body = tokio::task::spawn_blocking(move || answer(&worker, &params))
        .await
        .map_err(|err| ApiError::Internal(format!("the request failed: {err}")))??;
    let answer = Arc::new((200, body));
    state.remember(key, Arc::clone(&answer));
    Ok(answer)
}

async fn api(state: Arc<AppState>, index: usize, query: Option<String>) -> Response {
    let Some(route) = routes::API.get(index) else {
        return not_found().await;
    };
    let params = match Params::parse(query.as_deref(), route.params) {
        Ok(params) => params,
        Err(err) => return err.into_response(),
    };
    match cached_answer(state, route.path, params, route.answer).await {
        Ok(answer) => json_response(answer.1.clone()),
        Err(err) => err.into_response(),
    }
}

fn json_response(body: String) -> Response {
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        body,
    )
        .into_response()
}

async fn openapi_json() -> Response {
    json_response(openapi::document().to_string())
}

async fn not_found() -> Response {
    ApiError::NotFound("no such page or endpoint".into()).into_response()
}

fn panicked(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    ApiError::Internal("the request failed inside the server".into()).into_response()
}

/// Answers every endpoint and page once with its default parameters, filling the cache, so
/// the first visitors of the default views do not wait for the figures to be computed.
pub async fn warm(state: Arc<AppState>) {
    for index in 0..routes::API.len() {
        let _ = api(Arc::clone(&state), index, None).await;
    }
    pages::warm(state).await;
}

/// Serves `state` on `listener` until Ctrl-C or SIGTERM, then finishes the open requests. The
/// default views are computed in the background meanwhile ([`warm`]).
pub async fn serve(listener: tokio::net::TcpListener, state: Arc<AppState>) -> std::io::Result<()> {
    tokio::spawn(warm(Arc::clone(&state)));
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown_signal())
        .await
}

async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// The URI's path and query, for links that keep the filters.
pub fn path_and_query(uri: &Uri) -> String {
    uri.path_and_query()
        .map_or_else(|| uri.path().to_string(), |pq| pq.as_str().to_string())
}
