//! A local HTTP server for a fixture site, started inside the test process. It records every
//! request (path and User-Agent) and can answer chosen paths with a number of 503s first.

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use futures::StreamExt;

use super::site::{self, FixtureConsultation};

/// What the fixture server serves.
#[derive(Default)]
pub struct FixtureSite {
    pub consultations: Vec<FixtureConsultation>,
    /// (slug, number) → (content type, bytes) of response attachments.
    pub attachments: HashMap<(String, u32), (String, Vec<u8>)>,
    /// (slug, number) → PDF bytes of consultation documents.
    pub documents: HashMap<(String, u32), Vec<u8>>,
    pub robots: String,
    /// Responses per listing page (the site's own choice, whatever the URL asks).
    pub per_page: usize,
    /// path → how many 503s to answer before the real page.
    pub fail_first: HashMap<String, u32>,
    /// path → HTML served instead of the page the path would give.
    pub replace: HashMap<String, String>,
    /// path → faults to answer with, one per request, before the real page.
    pub faults: HashMap<String, VecDeque<Fault>>,
    /// The whole site is down: every request is answered 503.
    pub down: bool,
}

/// A way a server misbehaves, once.
#[derive(Clone, Debug)]
pub enum Fault {
    /// This status, with a Retry-After header when given.
    Status(u16, Option<&'static str>),
    /// The real page, after this delay.
    Slow(Duration),
    /// The real page's headers and first bytes, then the connection is dropped.
    CloseMidBody,
    /// A 302 to this URL.
    Redirect(String),
    /// The real page, a few bytes every half second; the connection drops after this long.
    Trickle(Duration),
}

#[derive(Clone)]
struct Shared {
    site: Arc<Mutex<FixtureSite>>,
    requests: Arc<Mutex<Vec<(String, String)>>>,
}

/// A running fixture server.
pub struct Server {
    pub addr: SocketAddr,
    requests: Arc<Mutex<Vec<(String, String)>>>,
    pub site: Arc<Mutex<FixtureSite>>,
}

impl Server {
    /// Starts serving `site` on 127.0.0.1 on a free port, in a background thread.
    pub fn start(site: FixtureSite) -> Server {
        let shared = Shared {
            site: Arc::new(Mutex::new(site)),
            requests: Arc::new(Mutex::new(Vec::new())),
        };
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        serve_in_background(
            listener,
            axum::Router::new()
                .fallback(handle)
                .with_state(shared.clone()),
        );
        Server {
            addr,
            requests: shared.requests,
            site: shared.site,
        }
    }

    /// The site root, e.g. `http://127.0.0.1:41234`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// How often a path was requested.
    pub fn hits(&self, path: &str) -> usize {
        self.requests
            .lock()
            .unwrap()
            .iter()
            .filter(|(p, _)| p == path)
            .count()
    }

    /// Every request so far: (path with query, User-Agent).
    pub fn requests(&self) -> Vec<(String, String)> {
        self.requests.lock().unwrap().clone()
    }
}

/// Serves `app` on a bound listener from a thread of its own, for the rest of the test.
pub fn serve_in_background(listener: std::net::TcpListener, app: axum::Router) {
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
}

fn html(body: String) -> Response {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Pagina niet gevonden").into_response()
}

async fn handle(State(s): State<Shared>, uri: Uri, headers: HeaderMap) -> Response {
    let path = uri.path().to_string();
    let ua = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    s.requests.lock().unwrap().push((
        uri.path_and_query()
            .map(|p| p.to_string())
            .unwrap_or_default(),
        ua,
    ));
    if s.site.lock().unwrap().down {
        return (StatusCode::SERVICE_UNAVAILABLE, "Onderhoud").into_response();
    }
    let fault = s
        .site
        .lock()
        .unwrap()
        .faults
        .get_mut(&path)
        .and_then(VecDeque::pop_front);
    match fault {
        Some(Fault::Status(code, retry_after)) => {
            let mut r = Response::builder().status(code);
            if let Some(ra) = retry_after {
                r = r.header(header::RETRY_AFTER, ra);
            }
            return r.body(Body::from("Even geduld")).unwrap();
        }
        Some(Fault::Slow(d)) => tokio::time::sleep(d).await,
        Some(Fault::Redirect(to)) => {
            return Response::builder()
                .status(StatusCode::FOUND)
                .header(header::LOCATION, to)
                .body(Body::empty())
                .unwrap();
        }
        _ => {}
    }
    let response = if path == "/zoeken/resultaat" {
        search(&s, &uri)
    } else {
        page(&s, &path, &headers)
    };
    if let Some(Fault::Trickle(limit)) = fault {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        let chunks: Vec<axum::body::Bytes> = bytes.chunks(4).map(|c| c.to_vec().into()).collect();
        let steps = (limit.as_millis() / 500) as usize;
        let stream = futures::stream::iter(chunks.into_iter().take(steps))
            .then(|c| async move {
                tokio::time::sleep(Duration::from_millis(500)).await;
                Ok::<_, std::io::Error>(c)
            })
            .chain(futures::stream::once(async {
                Err(std::io::Error::other("the fixture stopped trickling"))
            }));
        let mut r = Response::from_parts(parts, Body::from_stream(stream));
        r.headers_mut().insert(
            header::CONTENT_LENGTH,
            bytes.len().to_string().parse().unwrap(),
        );
        return r;
    }
    if matches!(fault, Some(Fault::CloseMidBody)) {
        let (parts, body) = response.into_parts();
        let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap();
        let half = bytes.slice(..bytes.len() / 2);
        let stream = futures::stream::iter(vec![
            Ok::<_, std::io::Error>(half),
            Err(std::io::Error::other("connection dropped by the fixture")),
        ]);
        let mut r = Response::from_parts(parts, Body::from_stream(stream));
        r.headers_mut().insert(
            header::CONTENT_LENGTH,
            bytes.len().to_string().parse().unwrap(),
        );
        return r;
    }
    response
}

/// The site search: consultations whose title or summary has every word, ten to a page.
fn search(s: &Shared, uri: &Uri) -> Response {
    let pairs: HashMap<String, String> =
        url::form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let words: Vec<String> = pairs
        .get("Trefwoorden")
        .map(|w| {
            w.to_lowercase()
                .split_whitespace()
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    let page: usize = pairs
        .get("Pagina")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1);
    let site = s.site.lock().unwrap();
    let found: Vec<&FixtureConsultation> = site
        .consultations
        .iter()
        .filter(|c| {
            let text = format!("{} {}", c.title, c.summary.join(" ")).to_lowercase();
            words.iter().all(|w| text.contains(w.as_str()))
        })
        .collect();
    html(site::search_page(&found, page.max(1)))
}

/// Answers with an ETag, and 304 when the client already has it.
fn with_etag(headers: &HeaderMap, content_type: &str, body: Vec<u8>) -> Response {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut h);
    let etag = format!("\"{:016x}\"", h.finish());
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        == Some(etag.as_str())
    {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .header(header::ETAG, etag)
            .body(Body::empty())
            .unwrap();
    }
    Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::ETAG, etag)
        .body(Body::from(body))
        .unwrap()
}

fn page(s: &Shared, path: &str, headers: &HeaderMap) -> Response {
    let mut site = s.site.lock().unwrap();
    if let Some(n) = site.fail_first.get_mut(path) {
        if *n > 0 {
            *n -= 1;
            return (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::RETRY_AFTER, "1")],
                "Even geduld",
            )
                .into_response();
        }
    }
    if let Some(body) = site.replace.get(path) {
        return html(body.clone());
    }
    if path == "/robots.txt" {
        return ([(header::CONTENT_TYPE, "text/plain")], site.robots.clone()).into_response();
    }
    let segs: Vec<&str> = path.trim_matches('/').split('/').collect();
    let Some(c) = site.consultations.iter().find(|c| c.slug == segs[0]) else {
        return not_found();
    };
    let per_page = site.per_page.max(1);
    let pages = c.responses.len().div_ceil(per_page).max(1);
    match segs[1..] {
        [] | ["b1"] => with_etag(
            headers,
            "text/html; charset=utf-8",
            site::consultation_page(c).into_bytes(),
        ),
        ["reacties"] => html(site::listing_page(c, 1, per_page)),
        ["reacties", "datum", n] | ["reacties", "datum", n, _] => match n.parse::<usize>() {
            Ok(n) if n >= 1 && n <= pages => html(site::listing_page(c, n, per_page)),
            _ => not_found(),
        },
        ["reactie", id] => match c.responses.iter().find(|r| r.uuid == id) {
            Some(r) => html(site::response_page(c, r)),
            None => not_found(),
        },
        ["reactie", n, "bestand"] => {
            let key = (c.slug.clone(), n.parse().unwrap_or(0));
            match site.attachments.get(&key) {
                Some((ct, bytes)) => Response::builder()
                    .header(header::CONTENT_TYPE, ct.as_str())
                    .header(
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"reactie-{}.pdf\"", key.1),
                    )
                    .body(Body::from(bytes.clone()))
                    .unwrap(),
                None => not_found(),
            }
        }
        ["document", n] => {
            let key = (c.slug.clone(), n.parse().unwrap_or(0));
            match site.documents.get(&key) {
                Some(bytes) => with_etag(headers, "application/pdf", bytes.clone()),
                None => not_found(),
            }
        }
        _ => not_found(),
    }
}
