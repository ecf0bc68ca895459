//! The JSON API and the web page, on axum. Every endpoint answers from the same `Engine` as the
//! command line (one code path for `search --format json` and `/api/search`), so the two never
//! disagree. What a client sends is checked here and turned into a one-line JSON error with
//! status 400; errors that are ours are logged and answered with a plain 500, never with their
//! text. The server binds loopback unless told otherwise: the index holds names and places.

mod guard;
mod params;
pub mod schedule;

use std::net::SocketAddr;
use std::path::Path;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::cors::CorsLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::error::Error;
use crate::output::ExportWriter;
use crate::search::{DocView, Engine, SearchRequest};
pub use guard::DEFAULT_RATE_LIMIT;
use params::{search_request, MAX_API_LIMIT};
use schedule::Updates;

/// Where `serve` listens unless told otherwise.
pub const DEFAULT_ADDR: &str = "127.0.0.1:8080";
/// The longest a request may take to start its answer.
pub(crate) const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The largest request body accepted (the API takes none).
pub(crate) const MAX_BODY: usize = 16 * 1024;

const PAGE: &str = include_str!("page.html");
const SCRIPT: &str = include_str!("app.js");
const ANALYSIS_SCRIPT: &str = include_str!("analysis.js");
const STYLE: &str = include_str!("style.css");
const OPENAPI: &str = include_str!("openapi.json");

/// How a server answers: who may call it from a browser, whether it faces the public.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// An origin allowed to call the API from a browser (CORS); none by default.
    pub cors: Option<HeaderValue>,
    /// Search answers kept per index commit ([`Engine::with_cache`]).
    pub cache_entries: usize,
    /// Withhold private persons' names and places ([`Engine::public`]).
    pub public: bool,
    /// Requests per second one client may make; `None` for no limit.
    pub rate_limit: Option<f64>,
    /// Read the client's address from `X-Forwarded-For` (behind a reverse proxy).
    pub trust_proxy: bool,
}

impl Default for ServeOptions {
    fn default() -> ServeOptions {
        ServeOptions {
            cors: None,
            cache_entries: crate::search::DEFAULT_CACHE_ENTRIES,
            public: false,
            rate_limit: None,
            trust_proxy: false,
        }
    }
}

/// What the handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The index, shared by every request.
    pub engine: Arc<Engine>,
    /// The index folder (for statistics of its crawl state).
    pub root: PathBuf,
    /// How the server answers.
    pub options: Arc<ServeOptions>,
    /// Each client's allowance, when requests are limited.
    limiter: Option<Arc<guard::Limiter>>,
    /// The scheduled updates, when there are any.
    pub updates: Arc<Updates>,
}

impl AppState {
    /// Opens the index folder `root` for a server with the default options (loopback use).
    pub fn open(root: &Path) -> crate::Result<AppState> {
        AppState::with_options(root, ServeOptions::default())
    }

    /// Opens the index folder `root` for a server that answers as `options` say.
    pub fn with_options(root: &Path, options: ServeOptions) -> crate::Result<AppState> {
        let mut engine = Engine::open(root)?.with_cache(options.cache_entries);
        if options.public {
            engine = engine.public();
        }
        Ok(AppState {
            engine: Arc::new(engine),
            root: root.to_path_buf(),
            limiter: options
                .rate_limit
                .map(|rate| Arc::new(guard::Limiter::new(rate))),
            options: Arc::new(options),
            updates: Arc::new(Updates::default()),
        })
    }
}

/// An error answer: `{"error": "..."}` with its status.
#[derive(Debug)]
pub struct ApiError(StatusCode, String);

impl ApiError {
    /// A 400 answer with this message.
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError(StatusCode::BAD_REQUEST, message.into())
    }
}

impl From<Error> for ApiError {
    fn from(e: Error) -> ApiError {
        if e.is_user_error() {
            return ApiError::bad_request(e.to_string());
        }
        tracing::error!(error = %e, "request failed");
        ApiError(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error (logged on the server)".into(),
        )
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
    }
}

/// The router: API, page and assets, with the limits, the security headers, a per-client rate
/// limit when asked, and (only when asked) CORS.
pub fn app(state: AppState) -> Router {
    let cors = state.options.cors.clone();
    let mut router = Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", PAGE) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", SCRIPT) }),
        )
        .route(
            "/assets/analysis.js",
            get(|| async { asset("text/javascript; charset=utf-8", ANALYSIS_SCRIPT) }),
        )
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE) }),
        )
        .route(
            "/openapi.json",
            get(|| async { asset("application/json", OPENAPI) }),
        )
        .route("/healthz", get(healthz))
        .route("/api/search", get(search))
        .route("/api/doc/{id}", get(document))
        .route("/api/consultations", get(consultations))
        .route("/api/campaigns", get(campaigns))
        .route("/api/campaigns/{id}", get(campaign))
        .route("/api/stats", get(stats))
        .route("/api/status", get(status))
        .route("/api/export", get(export))
        .route("/api/quotes", get(quotes))
        .route("/api/terms", get(terms))
        .route("/api/timeline", get(timeline))
        .route("/api/feed", get(feed))
        .route("/api/organisations", get(organisations))
        .route("/api/organisations/{id}", get(organisation))
        .fallback(|| async { ApiError(StatusCode::NOT_FOUND, "no such page".into()) })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::rate_limit,
        ))
        .with_state(state)
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            REQUEST_TIMEOUT,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            tracing::error!("a request handler panicked");
            ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into()).into_response()
        }))
        .layer(axum::middleware::from_fn(guard::headers));
    if let Some(origin) = cors {
        router = router.layer(
            CorsLayer::new()
                .allow_origin(origin)
                .allow_methods([Method::GET]),
        );
    }
    router
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

/// How many requests search the index at once: two per core, so that one computes while the
/// other reads stored documents. At 1M responses with 16 connections and no cache this gave
/// 249 requests/s and a p99 of 172 ms, against 239 and 387 ms unbounded (every request on the
/// same two cores at once) and 209 and 182 ms at one per core; at 64 connections the p99 went
/// from 1.17 s to 320 ms. The others wait their turn in line.
fn searching() -> &'static tokio::sync::Semaphore {
    static GATE: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    GATE.get_or_init(|| {
        tokio::sync::Semaphore::new(2 * std::thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

/// Runs blocking index work off the async threads, two requests per core at a time.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    let _turn = searching().acquire().await.map_err(|e| {
        tracing::error!(error = %e, "the search gate closed");
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
    })?;
    tokio::task::spawn_blocking(f).await.map_err(|e| {
        tracing::error!(error = %e, "a blocking task failed");
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, "internal error".into())
    })?
}

async fn healthz(State(s): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let (documents, _) = blocking(move || Ok(s.engine.counts()?)).await?;
    Ok(Json(
        serde_json::json!({ "status": "ok", "documents": documents }),
    ))
}

async fn search(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<crate::search::SearchResponse>, ApiError> {
    let req = search_request(q.as_deref().unwrap_or(""), &[], MAX_API_LIMIT)?;
    Ok(Json(
        blocking(move || {
            let asked = req.query.clone();
            let (mut answer, note) = s.engine.leniently(req, |r| s.engine.search(r))?;
            if let Some(note) = note {
                answer.query = asked;
                answer.notes.push(note);
            }
            Ok(answer)
        })
        .await?,
    ))
}

async fn document(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<DocView>, ApiError> {
    if id.len() > 200 {
        return Err(ApiError::bad_request(
            "a document id is at most 200 characters",
        ));
    }
    let found = blocking(move || Ok(s.engine.document(&id)?)).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, "no document with this id".into()))
}

async fn consultations(
    State(s): State<AppState>,
) -> Result<Json<Vec<crate::search::ConsultationInfo>>, ApiError> {
    Ok(Json(blocking(move || Ok(s.engine.consultations()?)).await?))
}

/// Campaigns of near-identical responses, largest first.
async fn campaigns(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<Vec<crate::search::CampaignInfo>>, ApiError> {
    let p = params::campaigns_params(q.as_deref().unwrap_or(""))?;
    Ok(Json(
        blocking(move || {
            Ok(s.engine
                .campaigns(p.consultation.as_deref(), p.min_size, p.limit)?)
        })
        .await?,
    ))
}

/// One campaign: its representative text and each member with what it adds.
async fn campaign(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<crate::search::CampaignDetail>, ApiError> {
    if id.len() > 200 {
        return Err(ApiError::bad_request(
            "a campaign id is at most 200 characters",
        ));
    }
    let found = blocking(move || Ok(s.engine.campaign(&id)?)).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, "no campaign with this id".into()))
}

/// The organisation register, most consultations first.
async fn organisations(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<Vec<crate::search::OrganisationInfo>>, ApiError> {
    let p = params::organisations_params(q.as_deref().unwrap_or(""))?;
    Ok(Json(
        blocking(move || {
            Ok(s.engine
                .organisations(p.consultation.as_deref(), p.min_consultations)?)
        })
        .await?,
    ))
}

/// One organisation: its name variants and its responses across consultations, newest first.
async fn organisation(
    State(s): State<AppState>,
    UrlPath(id): UrlPath<String>,
) -> Result<Json<crate::search::OrganisationDetail>, ApiError> {
    if id.len() > 200 {
        return Err(ApiError::bad_request(
            "an organisation id is at most 200 characters",
        ));
    }
    let found = blocking(move || Ok(s.engine.organisation_detail(&id)?)).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError(StatusCode::NOT_FOUND, "no organisation with this id".into()))
}

async fn stats(State(s): State<AppState>) -> Result<Json<crate::stats::Stats>, ApiError> {
    Ok(Json(
        blocking(move || Ok(crate::stats::gather(&s.engine, &s.root)?)).await?,
    ))
}

/// What the server is: when its index last changed, whether it withholds names, and what its
/// scheduled updates did and will do.
async fn status(State(s): State<AppState>) -> Result<Json<serde_json::Value>, ApiError> {
    let updates = s.updates.status();
    let public = s.options.public;
    let root = s.root.clone();
    let engine = s.engine.clone();
    let (documents, committed) = blocking(move || {
        let (documents, _) = engine.counts()?;
        Ok((documents, crate::index::committed_at(&root)))
    })
    .await?;
    Ok(Json(serde_json::json!({
        "documents": documents,
        "committed": committed,
        "public": public,
        "updates": updates,
    })))
}

/// The best passages for a query with their citations; `format` gives text, Markdown, CSV or
/// CSL-JSON instead of JSON.
async fn quotes(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let query = q.unwrap_or_default();
    let req = search_request(&query, &["format"], crate::quotes::MAX_QUOTES)?;
    // The description asks for a q with something in it (`\S`): a missing or blank one is
    // refused, as it always was.
    if req.query.is_empty() {
        return Err(ApiError::bad_request(
            "q is required: quotes need words to look for",
        ));
    }
    let format = params::quote_format(&query)?;
    let limit = req.limit;
    let documents = s.engine.clone();
    let found = blocking(move || {
        let asked = req.query.clone();
        let (mut found, note) =
            documents.leniently(req, |r| crate::quotes::search(&documents, r, limit))?;
        if let Some(note) = note {
            found.query = asked;
            found.notes.push(note);
        }
        Ok(found)
    })
    .await?;
    Ok((
        [(header::CONTENT_TYPE, format.content_type())],
        crate::output::render_quotes(&found, format),
    )
        .into_response())
}

/// The words and phrases over-represented in a search's matching units against a background
/// (keyness), each with a sentence to cite.
async fn terms(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<crate::keyness::TermsAnswer>, ApiError> {
    let query = q.unwrap_or_default();
    // Terms are counted over every match: a page or an order would not change them.
    params::refuse(
        &query,
        &["sort", "offset", "collapse"],
        "terms count every match",
    )?;
    let mut search = search_request(&query, &["against", "campaigns", "limit"], MAX_API_LIMIT)?;
    let limit = params::terms_limit(&query)?;
    search.limit = 0;
    let (against, campaigns) = params::terms_params(&query)?;
    let engine = s.engine.clone();
    Ok(Json(
        blocking(move || {
            // `against` is any text, as `q` is: read for its words when it does not read.
            let (against, against_note) = match against {
                Some(a) if a != "*" && !a.is_empty() => {
                    let (read, note) = engine.read_leniently(&a)?;
                    (Some(read), note.map(|n| format!("against: {n}")))
                }
                other => (other, None),
            };
            let asked = search.query.clone();
            let (mut answer, note) = engine.leniently(search, |r| {
                crate::keyness::terms(
                    &engine,
                    &crate::keyness::TermsRequest {
                        search: r.clone(),
                        against: against.clone(),
                        campaigns,
                        limit,
                    },
                )
            })?;
            if let Some(note) = note {
                answer.query = asked;
                answer.notes.push(note);
            }
            answer.notes.extend(against_note);
            Ok(answer)
        })
        .await?,
    ))
}

/// A search's matches per day, week or month, with the campaign copies among them.
async fn timeline(
    State(s): State<AppState>,
    RawQuery(q): RawQuery,
) -> Result<Json<crate::search::Timeline>, ApiError> {
    let query = q.unwrap_or_default();
    params::refuse(
        &query,
        &["sort", "offset", "limit", "collapse"],
        "a timeline counts every match",
    )?;
    let req = search_request(&query, &["by"], MAX_API_LIMIT)?;
    let by = params::timeline_by(&query)?;
    Ok(Json(
        blocking(move || {
            let asked = req.query.clone();
            let (mut t, note) = s.engine.leniently(req, |r| s.engine.timeline(r, by))?;
            if let Some(note) = note {
                t.query = asked;
                t.notes.push(note);
            }
            Ok(t)
        })
        .await?,
    ))
}

/// An Atom feed of the newest documents matching a search (the search's filters, newest
/// first, `limit` entries), to follow it in a feed reader.
async fn feed(
    State(s): State<AppState>,
    headers: axum::http::HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let query = q.unwrap_or_default();
    // A feed is the newest documents, from the first: an order or a page would not be kept.
    params::refuse(
        &query,
        &["sort", "offset", "collapse"],
        "a feed is always every match, newest first",
    )?;
    let mut req = search_request(&query, &[], crate::search::MAX_FEED_LIMIT)?;
    if !params::has(&query, "limit") {
        req.limit = crate::feed::DEFAULT_FEED_ENTRIES;
    }
    req.sort = crate::search::Sort::Date;
    let title = crate::feed::title_of(&req);
    // Absolute addresses when the client said which host it asked (feed readers store them).
    let base = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .map(|h| format!("http://{h}"))
        .unwrap_or_default();
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let (self_url, page_url) = (
        format!("{base}/api/feed{suffix}"),
        format!("{base}/{suffix}"),
    );
    let (found, note) =
        blocking(move || Ok(s.engine.leniently(req, |r| s.engine.search(r))?)).await?;
    let mut response = (
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        crate::feed::atom(&found, &title, &query, &self_url, &page_url),
    )
        .into_response();
    add_note(&mut response, note);
    Ok(response)
}

/// Every matching document with its full text, streamed as JSON lines or CSV while the index
/// is read, so an export of the whole index never sits in memory.
async fn export(State(s): State<AppState>, RawQuery(q): RawQuery) -> Result<Response, ApiError> {
    let query = q.unwrap_or_default();
    let req = SearchRequest {
        limit: 0,
        offset: 0,
        ..search_request(&query, &["format"], MAX_API_LIMIT)?
    };
    let format = params::export_format(&query)?;
    // Check the query before answering 200: after the head is sent, errors can only cut the
    // stream.
    let (req, note) = {
        let engine = s.engine.clone();
        blocking(move || {
            let (read, note) =
                engine.leniently(req, |r| engine.build_query(r).map(|_| r.clone()))?;
            Ok((read, note))
        })
        .await?
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(16);
    let engine = s.engine.clone();
    tokio::task::spawn_blocking(move || {
        let mut rows = ExportWriter::new(format);
        let header = rows.header();
        if !header.is_empty() && tx.blocking_send(Ok(header)).is_err() {
            return;
        }
        let result = engine.export(&req, |doc| {
            let line = rows.row(&doc);
            // The receiver is gone when the client closed the connection.
            tx.blocking_send(Ok(line)).map_err(|_| Error::Cancelled)
        });
        match result {
            Ok(_) | Err(Error::Cancelled) => {}
            Err(e) => {
                tracing::error!(error = %e, "export failed midway");
                let _ = tx.blocking_send(Err(std::io::Error::other("export failed")));
            }
        }
    });
    let stream = futures::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let (ct, ext) = format.media_type();
    let mut response = (
        [
            (header::CONTENT_TYPE, ct.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"inspraak-export.{ext}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response();
    add_note(&mut response, note);
    Ok(response)
}

/// The header that says how a query was read, for answers with no JSON to say it in (a feed,
/// an export): the note with what a header cannot carry replaced by `?`.
const NOTE_HEADER: &str = "x-inspraak-note";

fn add_note(response: &mut Response, note: Option<String>) {
    let Some(note) = note else { return };
    let ascii: String = note
        .chars()
        .map(|c| if (' '..='~').contains(&c) { c } else { '?' })
        .collect();
    if let Ok(v) = HeaderValue::from_str(&ascii) {
        response.headers_mut().insert(NOTE_HEADER, v);
    }
}

/// Waits for Ctrl-C, or SIGTERM (what systemd and container runtimes send).
async fn stopped() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    let terminate = async {
        match term.as_mut() {
            Some(t) => {
                t.recv().await;
            }
            None => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = terminate => {}
    }
}

/// Serves `app` on `addr` until Ctrl-C or SIGTERM, updating the index on `schedule` when given.
pub async fn serve(
    state: AppState,
    addr: SocketAddr,
    schedule: Option<schedule::Schedule>,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    let local = listener.local_addr()?;
    if !local.ip().is_loopback() && !state.options.public {
        tracing::warn!(%local, "listening beyond this machine without --public: the index holds respondents' names and places");
    }
    eprintln!(
        "inspraak: serving {} on http://{local}/",
        state.root.display()
    );
    if let Some(schedule) = schedule {
        eprintln!(
            "inspraak: updating the index every {} s",
            schedule.every.as_secs()
        );
        schedule::start(state.root.clone(), state.updates.clone(), schedule);
    }
    let updates = state.updates.clone();
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        stopped().await;
        updates.stop();
    })
    .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_description_declares_the_citation_forms_the_api_takes() {
        let spec: serde_json::Value = serde_json::from_str(super::OPENAPI).unwrap();
        let mut patterns = Vec::new();
        fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if m.get("name").and_then(|n| n.as_str()) == Some("cites") {
                        out.push(m["schema"]["pattern"].as_str().unwrap_or("").to_string());
                    }
                    m.values().for_each(|x| walk(x, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        walk(&spec, &mut patterns);
        assert!(!patterns.is_empty());
        for p in patterns {
            assert_eq!(p, *crate::extract::cites::PATTERN);
        }
    }
}
