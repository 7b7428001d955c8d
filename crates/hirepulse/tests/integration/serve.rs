//! `hirepulse serve` in a real browser: the binary serves the baseline (and a temporary store
//! holding a posting with `<script>` in its text) on 127.0.0.1, and headless Chromium, driven
//! through chromedriver's WebDriver HTTP API, loads every page, checks its chart has data,
//! submits the advise and calculator forms, and checks the hostile posting shows as text with
//! no script element and no alert. Screenshots go to `target/screenshots/`. Skips with a
//! message when chromium or chromedriver is not installed (`.ci/run` installs both).

use super::common::{post_line, run, stderr, thread_line};
use base64::Engine;
use serde_json::{json, Value};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A child process killed on drop.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `hirepulse [--db DB] serve --addr 127.0.0.1:0` and returns it with its base URL.
fn serve(db: Option<&Path>) -> (Running, String) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hirepulse"));
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    let mut child = command
        .args(["serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hirepulse serve starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    BufReader::new(stderr)
        .read_line(&mut line)
        .expect("read the serving line");
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    (Running(child), url)
}

/// A free local port for chromedriver.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A minimal WebDriver session over chromedriver's HTTP API.
struct Browser {
    agent: ureq::Agent,
    base: String,
    _driver: Running,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn start() -> Browser {
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .proxy(None)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .into();
        let profile = tempfile::tempdir().expect("profile dir");
        let driver_url = format!("http://127.0.0.1:{port}");
        // Wait for chromedriver to listen.
        let started = Instant::now();
        while agent.get(format!("{driver_url}/status")).call().is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1200,1500",
            &format!("--user-data-dir={}", profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            // Leave any alert open so the test sees it.
            "unhandledPromptBehavior": "ignore",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args}
        }}});
        let mut browser = Browser {
            agent,
            base: driver_url,
            _driver: Running(driver),
            _profile: profile,
        };
        let session = browser.call("POST", "/session", Some(capabilities));
        let id = session["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {session}"))
            .to_string();
        browser.base = format!("{}/session/{id}", browser.base);
        browser
    }

    /// A WebDriver command; returns the whole reply (`value` holds the answer or the error).
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("{}{path}", self.base);
        let reply = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.unwrap_or_else(|| json!({})).to_string()),
        };
        let text = reply
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"))
            .into_body()
            .read_to_string()
            .unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{method} {path}: {e}: {text}"))
    }

    fn value(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let reply = self.call(method, path, body);
        assert!(
            reply["value"].get("error").is_none(),
            "{method} {path}: {reply}"
        );
        reply["value"].clone()
    }

    fn go(&self, url: &str) {
        self.value("POST", "/url", Some(json!({"url": url})));
    }

    /// Every element matching `css` now.
    fn now(&self, css: &str) -> Vec<String> {
        let found = self.value(
            "POST",
            "/elements",
            Some(json!({"using": "css selector", "value": css})),
        );
        found
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| e[ELEMENT].as_str().map(str::to_string))
            .collect()
    }

    /// Every element matching `css`, waiting up to 10 s for the first (a submitted form may
    /// still be loading).
    fn all(&self, css: &str) -> Vec<String> {
        let started = Instant::now();
        loop {
            let ids = self.now(css);
            if !ids.is_empty() || started.elapsed() > Duration::from_secs(10) {
                return ids;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn one(&self, css: &str) -> String {
        self.all(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no {css} on {}", self.page_source()))
    }

    fn text(&self, element: &str) -> String {
        self.value("GET", &format!("/element/{element}/text"), None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let element = self.one(css);
        self.value(
            "POST",
            &format!("/element/{element}/clear"),
            Some(json!({})),
        );
        self.value(
            "POST",
            &format!("/element/{element}/value"),
            Some(json!({"text": text})),
        );
    }

    fn click(&self, css: &str) {
        let element = self.one(css);
        self.value(
            "POST",
            &format!("/element/{element}/click"),
            Some(json!({})),
        );
    }

    fn page_source(&self) -> String {
        self.value("GET", "/source", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    fn current_url(&self) -> String {
        self.value("GET", "/url", None)
            .as_str()
            .unwrap_or_default()
            .to_string()
    }

    /// Whether an alert is open (no alert is an error reply, which is the good case).
    fn alert_open(&self) -> bool {
        self.call("GET", "/alert/text", None)["value"]
            .get("error")
            .is_none()
    }

    fn screenshot(&self, name: &str) {
        let data = self.value("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(data.as_str().unwrap_or_default())
            .expect("base64 screenshot");
        let dir = screenshots();
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(format!("{name}.png")), png).expect("write screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.call("DELETE", "", None);
    }
}

/// `target/screenshots`.
fn screenshots() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .map_or_else(|| PathBuf::from("screenshots"), |t| t.join("screenshots"))
}

fn browser_installed() -> bool {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() {
        return true;
    }
    eprintln!(
        "skipping the browser test: {CHROMIUM} or {CHROMEDRIVER} is missing \
         (apt-get install chromium chromium-driver)"
    );
    false
}

/// The charts on the page hold data: at least one drawn mark (line, box or bar).
fn assert_chart_with_data(browser: &Browser, page: &str) {
    let charts = browser.all("svg.chart");
    assert!(!charts.is_empty(), "{page}: no chart");
    let marks = browser.all("svg.chart polyline, svg.chart rect.box, svg.chart rect.bar");
    assert!(!marks.is_empty(), "{page}: the chart has no data");
}

#[test]
fn pages_load_forms_submit_and_posting_text_stays_text() {
    if !browser_installed() {
        return;
    }
    let (_server, url) = serve(None);
    let browser = Browser::start();

    for (page, name, heading) in [
        ("/", "snapshot", "Snapshot"),
        ("/trend?values=python,go,rust", "trend", "Trends"),
        ("/pay?by=seniority&values=junior,senior,staff", "pay", "Pay"),
        ("/skills?lang=rust", "skills", "Co-skills"),
    ] {
        browser.go(&format!("{url}{page}"));
        assert_eq!(browser.text(&browser.one("h1")), heading, "{page}");
        assert_chart_with_data(&browser, page);
        assert!(
            browser.now("section.error").is_empty(),
            "{page}: an error shows"
        );
        browser.screenshot(name);
    }

    // On a phone-sized window every chart fits the screen (pages scale them, never scroll them).
    browser.value(
        "POST",
        "/window/rect",
        Some(serde_json::json!({"width": 390, "height": 844})),
    );
    for (page, name) in [
        ("/", "snapshot-phone"),
        ("/trend?values=python,go", "trend-phone"),
    ] {
        browser.go(&format!("{url}{page}"));
        let viewport = browser
            .value("GET", "/window/rect", None)
            .get("width")
            .and_then(Value::as_f64)
            .expect("window width");
        for chart in browser.all("svg.chart") {
            let rect = browser.value("GET", &format!("/element/{chart}/rect"), None);
            let width = rect
                .get("width")
                .and_then(Value::as_f64)
                .expect("chart width");
            let left = rect.get("x").and_then(Value::as_f64).expect("chart x");
            assert!(
                width > 100.0 && left + width <= viewport,
                "{page}: a chart {width} wide at {left} does not fit a {viewport} window"
            );
        }
        browser.screenshot(name);
    }
    browser.value(
        "POST",
        "/window/rect",
        Some(serde_json::json!({"width": 1200, "height": 1500})),
    );

    // The advise form: fill it in, submit, see the plan.
    browser.go(&format!("{url}/advise"));
    assert!(
        browser.now("section.result").is_empty(),
        "the empty form shows no result"
    );
    browser.type_into("input[name=years]", "5");
    browser.type_into("input[name=know]", "python:expert,go:working");
    browser.click("form.filters button[type=submit]");
    assert_chart_with_data(&browser, "/advise");
    let result = browser.text(&browser.one("section.result"));
    assert!(result.contains("The full advice and plan"), "{result}");
    assert!(
        browser.current_url().contains("years=5"),
        "{}",
        browser.current_url()
    );
    browser.screenshot("advise");

    // The calculator.
    browser.go(&format!("{url}/calculator"));
    browser.type_into("input[name=salary]", "150000");
    browser.type_into("input[name=rate]", "95");
    browser.click("form.filters button[type=submit]");
    assert_chart_with_data(&browser, "/calculator");
    let headline = browser.text(&browser.one(".break-even"));
    assert!(
        headline.starts_with('$') && headline.ends_with("/h"),
        "{headline}"
    );
    browser.screenshot("calculator");

    // A bad value shows an error naming the field, not a broken page.
    browser.go(&format!("{url}/?since=2024-13"));
    let error = browser.text(&browser.one("section.error"));
    assert!(error.contains("since"), "{error}");

    // A store with a posting whose text carries a script tag.
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("store.db");
    let input = dir.path().join("thread.jsonl");
    let hostile = "Evil Corp | Senior Rust Engineer | Remote (US) | $150k - $180k<p>We use Rust \
                   and Go. Try &lt;script&gt;alert(1)&lt;/script&gt; and \
                   &lt;img src=x onerror=alert(2)&gt; in our form.";
    let mut lines = vec![thread_line(500, "June 2024")];
    lines.push(post_line(501, 500, hostile));
    for i in 0..20u64 {
        lines.push(post_line(
            502 + i,
            500,
            &format!("Company{i} | Backend Engineer | Berlin | Rust, Python<p>Posting {i}."),
        ));
    }
    std::fs::write(&input, lines.join("\n") + "\n").expect("write");
    let ingest = run(&db, &["ingest", input.to_str().expect("utf-8 path")]);
    assert!(ingest.status.success(), "{}", stderr(&ingest));
    let (_store_server, store_url) = serve(Some(&db));
    browser.go(&format!("{store_url}/postings?q=script"));
    let posting = browser.text(&browser.one("li.posting .excerpt"));
    assert!(
        posting.contains("<script>alert(1)</script>") && posting.contains("<img src=x"),
        "the text shows as text: {posting}"
    );
    assert!(
        browser.now("script").is_empty(),
        "a script element was created"
    );
    assert!(
        browser.now("li.posting img").is_empty(),
        "an img element was created"
    );
    assert!(!browser.alert_open(), "an alert ran");
    assert_chart_with_data(&browser, "/postings");
    browser.screenshot("postings");

    // The region filter keeps the Berlin postings and drops the US-remote one.
    browser.go(&format!("{store_url}/postings?region=de"));
    let listed: Vec<String> = browser
        .all("li.posting")
        .iter()
        .map(|posting| browser.text(posting))
        .collect();
    assert_eq!(listed.len(), 20, "{listed:?}");
    assert!(
        listed.iter().all(|text| !text.contains("Evil Corp")),
        "{listed:?}"
    );
    browser.go(&format!("{store_url}/postings?region=us"));
    let listed = browser.all("li.posting");
    assert_eq!(listed.len(), 1);
    assert!(browser.text(&listed[0]).contains("Evil Corp"));
    browser.go(&format!("{store_url}/postings?region=narnia"));
    let error = browser.text(&browser.one("section.error"));
    assert!(error.contains("region"), "{error}");
}

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let (mut server, url) = serve(None);
    let agent: ureq::Agent = ureq::Agent::config_builder().proxy(None).build().into();
    let reply = agent
        .get(format!("{url}/api/snapshot?lang=rust"))
        .call()
        .expect("the API answers");
    assert_eq!(reply.status().as_u16(), 200);
    let status = Command::new("kill")
        .args(["-TERM", &server.0.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let exit = server.0.wait().expect("the server exits");
    assert!(exit.success(), "{exit:?}");
}

#[test]
fn serve_refuses_a_missing_store() {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = run(
        &dir.path().join("none.db"),
        &["serve", "--addr", "127.0.0.1:0"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("none.db"), "{}", stderr(&output));
}
