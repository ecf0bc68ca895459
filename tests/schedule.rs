//! A server that updates itself (`serve --update-every`): the fixture site grows while the
//! server runs and a client keeps asking; no request fails, the totals never go down, the new
//! responses reach the search and the feed, and `/api/status` says what each run did. When the
//! site goes down, the run fails, the status says why and the next run waits longer; when the
//! site is back, the next run succeeds.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::growing::{add_attachment, respondent, site_with, uuid, word, SLUG};
use crate::support::server::Server;

/// `GET http://addr/path` with a plain HTTP/1.1 client: the status and the body.
fn get(addr: &str, path: &str) -> std::io::Result<(u16, String)> {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(addr)?;
    s.set_read_timeout(Some(Duration::from_secs(30)))?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    // Chunked bodies: the JSON and the feed are read whole below, so join the chunks.
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok((status, body))
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn json(addr: &str, path: &str) -> Value {
    let (status, body) = get(addr, path).unwrap();
    assert_eq!(status, 200, "{path}: {body}");
    serde_json::from_str(&body).unwrap()
}

/// Waits until `f` holds, asking again every 200 ms.
fn wait_for(what: &str, limit: Duration, mut f: impl FnMut() -> bool) {
    let start = Instant::now();
    while !f() {
        assert!(
            start.elapsed() < limit,
            "{what} did not happen in {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_server_updates_itself_while_it_answers() {
    let site = Server::start(site_with(10));
    let dir = tempfile::tempdir().unwrap();
    let index = dir.path().join("index");
    crate::support::crawl(&index, &site.url(), &[SLUG]);
    let server = crate::support::Serving::start(
        &index,
        &[
            "--update-every",
            "1s",
            "--rate",
            "100",
            "--max-retries",
            "0",
        ],
    );
    let addr = server.addr.clone();
    let status = json(&addr, "/api/status");
    assert_eq!(status["updates"]["every_seconds"], 1, "{status}");
    assert_eq!(status["public"], false);
    assert!(status["committed"].is_string(), "{status}");

    // A reader asks all along: every answer is a 200 and the total never goes down.
    let stop = Arc::new(AtomicBool::new(false));
    let seen: Arc<Mutex<Vec<(u16, u64)>>> = Arc::default();
    let reader = {
        let (stop, seen, addr) = (stop.clone(), seen.clone(), addr.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let path = format!("/api/search?consultation={SLUG}&kind=response&limit=1");
                let (status, body) = get(&addr, &path).unwrap_or((0, String::new()));
                let total = serde_json::from_str::<Value>(&body)
                    .ok()
                    .and_then(|v| v["total"].as_u64())
                    .unwrap_or(0);
                seen.lock().unwrap().push((status, total));
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let responses = |addr: &str| {
        json(
            addr,
            &format!("/api/search?consultation={SLUG}&kind=response&limit=0"),
        )["total"]
            .as_u64()
            .unwrap()
    };
    assert_eq!(responses(&addr), 10);

    // The consultation grows by fifteen responses.
    {
        let mut s = site.site.lock().unwrap();
        for i in 10..25 {
            s.consultations[0].responses.push(respondent(i));
            add_attachment(&mut s, i);
        }
    }
    wait_for(
        "the new responses to be indexed",
        Duration::from_secs(120),
        || responses(&addr) == 25,
    );
    let status = json(&addr, "/api/status");
    let last = &status["updates"]["last_success"];
    assert!(last["added"].as_u64().unwrap() >= 15, "{status}");
    assert_eq!(last["failed"], false, "{status}");
    assert!(last["ended"].is_string(), "{status}");
    // The new responses are in the feed, with their own words.
    let (code, feed) = get(&addr, &format!("/api/feed?consultation={SLUG}&limit=100")).unwrap();
    assert_eq!(code, 200);
    for i in 10..25 {
        assert!(feed.contains(&uuid(i)), "response {i} is not in the feed");
    }
    let found = json(&addr, &format!("/api/search?q={}", word(24)));
    assert_eq!(found["total"], 1, "{found}");

    stop.store(true, Ordering::Relaxed);
    reader.join().unwrap();
    let seen = seen.lock().unwrap();
    assert!(seen.len() > 20, "{} requests", seen.len());
    let failed: Vec<&(u16, u64)> = seen.iter().filter(|(s, _)| *s != 200).collect();
    assert!(failed.is_empty(), "failed requests: {failed:?}");
    let totals: Vec<u64> = seen.iter().map(|(_, t)| *t).collect();
    assert!(
        totals.windows(2).all(|w| w[0] <= w[1]),
        "the total went down: {totals:?}"
    );
    assert_eq!(totals.first(), Some(&10));

    // The site goes down: the run fails, says why, and the next one waits longer.
    site.site.lock().unwrap().down = true;
    let mut failed = Value::Null;
    wait_for("a failed run", Duration::from_secs(60), || {
        failed = json(&addr, "/api/status");
        let u = &failed["updates"];
        u["failures_in_a_row"].as_u64() >= Some(2) && u["running"] == false
    });
    let u = &failed["updates"];
    assert_eq!(u["last"]["failed"], true, "{failed}");
    assert!(
        u["last"]["error"]
            .as_str()
            .unwrap()
            .contains("nothing could be fetched"),
        "{failed}"
    );
    // Two failures or more in a row: the next run waits four intervals or more, not one.
    let time = |v: &Value| chrono::DateTime::parse_from_rfc3339(v.as_str().unwrap()).unwrap();
    let wait = time(&u["next"]) - time(&u["last"]["ended"]);
    assert!(wait.num_seconds() >= 3, "{failed}");
    // Nothing was lost while the site was down.
    assert_eq!(responses(&addr), 25);
    // Back up: the next run succeeds and the count of failures starts again.
    site.site.lock().unwrap().down = false;
    wait_for(
        "a run after the site came back",
        Duration::from_secs(60),
        || json(&addr, "/api/status")["updates"]["failures_in_a_row"] == 0,
    );
    assert_eq!(responses(&addr), 25);
}
