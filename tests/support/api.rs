//! The JSON API through its router (`app(state).oneshot(...)`), as the server tests call it.

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use inspraak::server::{app, AppState};
use serde_json::Value;
use tower::ServiceExt;

/// Status, headers and body of a GET.
pub async fn get(state: &AppState, uri: &str) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let resp = app(state.clone())
        .oneshot(Request::get(uri).body(Body::empty()).unwrap())
        .await
        .unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    (status, headers, body)
}

/// Status and JSON body of a GET that answers JSON.
pub async fn get_json(state: &AppState, uri: &str) -> (StatusCode, Value) {
    let (status, headers, body) = get(state, uri).await;
    assert!(
        headers[header::CONTENT_TYPE]
            .to_str()
            .unwrap()
            .starts_with("application/json"),
        "{uri}"
    );
    (status, serde_json::from_slice(&body).unwrap())
}
