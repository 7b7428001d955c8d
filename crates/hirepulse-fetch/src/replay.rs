//! A tiny HTTP/1.1 replay server on 127.0.0.1 for tests (feature `replay`).
//!
//! Each route (path and query, exactly as requested) holds a script of replies served in order,
//! the last one repeating: a 429 with `Retry-After` then the real answer, a 500 then success, a
//! reply that only starts after a delay (beyond the client's timeout), a body cut short of its
//! `Content-Length`. The server logs every request (target, time, User-Agent) so tests can count
//! requests and retries, and can be told to answer 503 to everything after N requests, which is a
//! server failing mid-run. Bodies are the hand-written responses in `testdata/`. It is written on
//! `std::net` alone: one thread per connection, `Connection: close`, which is all a replay needs
//! and lets a test misbehave at the byte level in ways a real server framework would not allow.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One scripted reply.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering.
    pub delay: Duration,
    /// Send only this many bytes of the body (the `Content-Length` still says the whole).
    pub cut_at: Option<usize>,
}

impl Reply {
    /// A 200 JSON reply.
    pub fn ok(body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status: 200,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.into(),
            delay: Duration::ZERO,
            cut_at: None,
        }
    }

    /// A 200 reply with the body of `testdata/NAME` of this crate.
    pub fn file(name: &str) -> Reply {
        Reply::ok(testdata(name))
    }

    /// An error status with a short JSON body.
    pub fn status(status: u16) -> Reply {
        Reply {
            status,
            ..Reply::ok(format!("{{\"error\": \"HTTP {status}\"}}"))
        }
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    pub fn delayed(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }

    /// Sends only the first half of the body.
    pub fn truncated(mut self) -> Reply {
        self.cut_at = Some(self.body.len() / 2);
        self
    }
}

/// The bytes of `testdata/NAME` of this crate (panics when missing: a test bug).
pub fn testdata(name: &str) -> Vec<u8> {
    let path = testdata_dir().join(name);
    std::fs::read(&path).unwrap_or_else(|err| panic!("{}: {err}", path.display()))
}

pub fn testdata_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// One request the server saw.
#[derive(Debug, Clone)]
pub struct Logged {
    pub target: String,
    pub at: Instant,
    pub user_agent: Option<String>,
}

#[derive(Default)]
struct State {
    routes: Mutex<HashMap<String, (Vec<Reply>, usize)>>,
    log: Mutex<Vec<Logged>>,
    fail_after: Mutex<Option<usize>>,
    served: AtomicUsize,
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    stop: AtomicBool,
}

/// The running server; stops when dropped.
pub struct Server {
    addr: std::net::SocketAddr,
    state: Arc<State>,
    acceptor: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Binds 127.0.0.1 on a free port and starts serving.
    pub fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local address");
        let state = Arc::new(State::default());
        let acceptor_state = Arc::clone(&state);
        let acceptor = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if acceptor_state.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let state = Arc::clone(&acceptor_state);
                std::thread::spawn(move || serve(stream, &state));
            }
        });
        Server {
            addr,
            state,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Scripts `target` (path and query): `replies` in order, the last repeating.
    pub fn route(&self, target: &str, replies: Vec<Reply>) {
        if let Ok(mut routes) = self.state.routes.lock() {
            routes.insert(target.to_string(), (replies, 0));
        }
    }

    /// Every request after the first `n` (counted from now on) gets a 503.
    pub fn fail_after(&self, n: usize) {
        let served = self.state.served.load(Ordering::SeqCst);
        if let Ok(mut fail_after) = self.state.fail_after.lock() {
            *fail_after = Some(served + n);
        }
    }

    /// Serve normally again.
    pub fn recover(&self) {
        if let Ok(mut fail_after) = self.state.fail_after.lock() {
            *fail_after = None;
        }
    }

    /// Every request so far, in arrival order.
    pub fn log(&self) -> Vec<Logged> {
        self.state.log.lock().map(|l| l.clone()).unwrap_or_default()
    }

    /// Requests for `target` so far.
    pub fn count(&self, target: &str) -> usize {
        self.log().iter().filter(|l| l.target == target).count()
    }

    /// All requests so far.
    pub fn total(&self) -> usize {
        self.log().len()
    }

    /// The most requests the server was answering at once.
    pub fn max_in_flight(&self) -> usize {
        self.state.max_in_flight.load(Ordering::SeqCst)
    }

    /// Forgets the request log (routes and their positions stay).
    pub fn clear_log(&self) {
        if let Ok(mut log) = self.state.log.lock() {
            log.clear();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        // Wake the acceptor so it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
    }
}

fn serve(mut stream: TcpStream, state: &State) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65_536 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    if state.stop.load(Ordering::SeqCst) {
        return;
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let mut lines = head.lines();
    let target = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let user_agent = lines.find_map(|line| {
        let (name, value) = line.split_once(':')?;
        name.eq_ignore_ascii_case("user-agent")
            .then(|| value.trim().to_string())
    });
    if let Ok(mut log) = state.log.lock() {
        log.push(Logged {
            target: target.clone(),
            at: Instant::now(),
            user_agent,
        });
    }
    let in_flight = state.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
    state.max_in_flight.fetch_max(in_flight, Ordering::SeqCst);
    answer(&mut stream, state, &target);
    state.in_flight.fetch_sub(1, Ordering::SeqCst);
}

fn answer(stream: &mut TcpStream, state: &State, target: &str) {
    let served = state.served.fetch_add(1, Ordering::SeqCst);
    let failing = state
        .fail_after
        .lock()
        .ok()
        .and_then(|f| *f)
        .is_some_and(|limit| served >= limit);
    let reply = if failing {
        Reply::status(503)
    } else {
        let mut routes = match state.routes.lock() {
            Ok(routes) => routes,
            Err(poisoned) => poisoned.into_inner(),
        };
        match routes.get_mut(target) {
            Some((replies, position)) if !replies.is_empty() => {
                let reply = replies[(*position).min(replies.len() - 1)].clone();
                *position += 1;
                reply
            }
            _ => Reply::status(404),
        }
    };
    let deadline = Instant::now() + reply.delay;
    while Instant::now() < deadline {
        if state.stop.load(Ordering::SeqCst) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let body = &reply.body[..reply.cut_at.unwrap_or(reply.body.len())];
    let _ = stream
        .write_all(out.as_bytes())
        .and_then(|()| stream.write_all(body))
        .and_then(|()| stream.flush());
    let _ = stream.shutdown(std::net::Shutdown::Both);
}

/// The Algolia search target for May 2024 (`testdata/hn/search-2024-05.json`).
pub const HN_SEARCH_MAY: &str = "/api/v1/search_by_date?tags=story,author_whoishiring&query=Who%20is%20hiring%3F%20%28May%202024%29&hitsPerPage=50";
/// The Algolia search target for June 2024.
pub const HN_SEARCH_JUNE: &str = "/api/v1/search_by_date?tags=story,author_whoishiring&query=Who%20is%20hiring%3F%20%28June%202024%29&hitsPerPage=50";

/// The Firebase target of item `id`.
pub fn hn_item(id: u64) -> String {
    format!("/v0/item/{id}.json")
}

/// Scripts the HN scenario of `testdata/hn`: May 2024 (thread 1000: two posts, a deleted, a
/// dead and a missing kid) served cleanly (and as an Algolia items tree after one 503); June 2024 (thread 2000) whose four posts each fail
/// once first: a 500, a 429 with `Retry-After: 1`, a truncated body, and a reply that starts
/// only after 6 s (beyond a test client's timeout).
pub fn script_hn(server: &Server) {
    server.route(HN_SEARCH_MAY, vec![Reply::file("hn/search-2024-05.json")]);
    server.route(HN_SEARCH_JUNE, vec![Reply::file("hn/search-2024-06.json")]);
    for id in [1000, 1001, 1002, 1003, 1004, 1005, 2000] {
        server.route(
            &hn_item(id),
            vec![Reply::file(&format!("hn/item-{id}.json"))],
        );
    }
    server.route(
        "/api/v1/items/1000",
        vec![Reply::status(503), Reply::file("hn/algolia-item-1000.json")],
    );
    let then_ok = |id: u64, first: Reply| {
        server.route(
            &hn_item(id),
            vec![first, Reply::file(&format!("hn/item-{id}.json"))],
        );
    };
    then_ok(2001, Reply::status(500));
    then_ok(2002, Reply::status(429).header("Retry-After", "1"));
    then_ok(2003, Reply::file("hn/item-2003.json").truncated());
    then_ok(
        2004,
        Reply::file("hn/item-2004.json").delayed(Duration::from_secs(6)),
    );
}

/// Scripts the boards of `testdata/boards` under the name `acme`: Greenhouse after a 502, Lever
/// after a truncated body, Ashby at once.
pub fn script_boards(server: &Server) {
    server.route(
        "/v1/boards/acme/jobs?content=true&pay_transparency=true",
        vec![
            Reply::status(502),
            Reply::file("boards/greenhouse-acme.json"),
        ],
    );
    server.route(
        "/v0/postings/acme?mode=json",
        vec![
            Reply::file("boards/lever-acme.json").truncated(),
            Reply::file("boards/lever-acme.json"),
        ],
    );
    server.route(
        "/posting-api/job-board/acme?includeCompensation=true",
        vec![Reply::file("boards/ashby-acme.json")],
    );
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        404 => "Not Found",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}
