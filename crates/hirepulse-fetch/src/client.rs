//! The one HTTP client: blocking (ureq over rustls), polite, and stubborn about transient errors.
//!
//! Every request waits for a slot of a shared pacer (at most `rate` request starts per second
//! over all threads; the thread count, i.e. the concurrency cap, is the caller's), carries the
//! hirepulse User-Agent, and has a per-request timeout. A 429, a 5xx, a 408, a timeout, a
//! connection error, a truncated body or a body the caller cannot parse is retried up to
//! `retries` times with exponential backoff and jitter (half to all of `backoff * 2^attempt`,
//! capped); a `Retry-After` header (seconds or an HTTP date) is honoured when it asks for longer.
//! A 404 and other 4xx answers are final. Blocking I/O on a few threads is all a polite crawler
//! needs, and keeps a second async runtime out of the build.

use crate::{Counters, FetchError, Progress};
use std::sync::atomic::Ordering;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How the client behaves; [`ClientConfig::default`] is the polite default.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// Request starts per second over all threads; 0 means no limit.
    pub rate: f64,
    /// Worker threads, i.e. requests in flight at once.
    pub concurrency: usize,
    /// Retries after the first attempt.
    pub retries: u32,
    /// The first backoff; doubled at each retry.
    pub backoff: Duration,
    /// The longest backoff between two attempts.
    pub max_backoff: Duration,
    /// A `Retry-After` longer than this fails the request instead of waiting.
    pub max_retry_after: Duration,
    /// The whole request (connect, headers, body) must finish within this.
    pub timeout: Duration,
    /// The largest body accepted.
    pub max_body_bytes: u64,
    pub user_agent: String,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            rate: 5.0,
            concurrency: 4,
            retries: 5,
            backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(60),
            max_retry_after: Duration::from_secs(600),
            timeout: Duration::from_secs(30),
            max_body_bytes: 256 << 20,
            user_agent: crate::USER_AGENT.to_string(),
        }
    }
}

/// A polite HTTP client shared by the worker threads of a run.
pub struct Client {
    agent: ureq::Agent,
    config: ClientConfig,
    pacer: Pacer,
    pub counters: Counters,
    progress: Box<dyn Fn(Progress) + Send + Sync>,
}

/// What a successful GET gives: the body and the parsed value.
pub struct Fetched<T> {
    pub body: Vec<u8>,
    pub value: T,
}

/// Why one attempt failed.
enum Attempt {
    /// Worth another try, after at least `wait` (from `Retry-After`).
    Transient {
        reason: String,
        wait: Option<Duration>,
    },
    Final(FetchError),
}

impl Client {
    pub fn new(config: ClientConfig, progress: Box<dyn Fn(Progress) + Send + Sync>) -> Client {
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(config.timeout))
            .user_agent(config.user_agent.as_str())
            .max_redirects(5)
            .build();
        Client {
            agent: agent_config.into(),
            pacer: Pacer::new(config.rate),
            config,
            counters: Counters::default(),
            progress,
        }
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    pub(crate) fn report(&self, event: Progress) {
        (self.progress)(event);
    }

    /// GETs `url` and parses the body with `parse`; a body `parse` rejects is retried like a
    /// truncated one (a cut-off chunked body shows up that way), then reported as not what the
    /// API documents.
    pub fn get<T>(
        &self,
        url: &str,
        what: &str,
        parse: &dyn Fn(&[u8]) -> Result<T, String>,
    ) -> Result<Fetched<T>, FetchError> {
        let mut attempt = 0u32;
        loop {
            self.pacer.wait();
            self.counters.requests.fetch_add(1, Ordering::Relaxed);
            let (reason, wait) = match self.attempt(url, what) {
                Ok(body) => match parse(&body) {
                    Ok(value) => return Ok(Fetched { body, value }),
                    Err(reason) if attempt >= self.config.retries => {
                        return Err(FetchError::BadResponse {
                            url: url.to_string(),
                            reason,
                        })
                    }
                    Err(reason) => (format!("unreadable body: {reason}"), None),
                },
                Err(Attempt::Final(err)) => return Err(err),
                Err(Attempt::Transient { reason, wait }) => (reason, wait),
            };
            if attempt >= self.config.retries {
                return Err(FetchError::GaveUp {
                    url: url.to_string(),
                    attempts: attempt + 1,
                    reason,
                });
            }
            if wait.is_some_and(|wait| wait > self.config.max_retry_after) {
                return Err(FetchError::Request {
                    url: url.to_string(),
                    reason: format!(
                        "{reason}; the server asks to wait {}s, longer than the {}s we wait",
                        wait.map_or(0, |w| w.as_secs()),
                        self.config.max_retry_after.as_secs()
                    ),
                });
            }
            let delay = backoff(&self.config, attempt).max(wait.unwrap_or_default());
            self.counters.retried.fetch_add(1, Ordering::Relaxed);
            self.report(Progress::Retrying {
                url: url.to_string(),
                reason,
                delay,
            });
            std::thread::sleep(delay);
            attempt += 1;
        }
    }

    fn attempt(&self, url: &str, what: &str) -> Result<Vec<u8>, Attempt> {
        let transient = |reason: String| Attempt::Transient { reason, wait: None };
        let mut response = match self
            .agent
            .get(url)
            .header("Accept", "application/json")
            .call()
        {
            Ok(response) => response,
            Err(err) => return Err(classify(url, err)),
        };
        let status = response.status().as_u16();
        if status == 429 || status == 408 || (500..600).contains(&status) {
            let wait = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            return Err(Attempt::Transient {
                reason: format!("HTTP {status}"),
                wait,
            });
        }
        if status == 404 {
            return Err(Attempt::Final(FetchError::NotFound {
                url: url.to_string(),
                what: what.to_string(),
            }));
        }
        if !(200..300).contains(&status) {
            return Err(Attempt::Final(FetchError::Request {
                url: url.to_string(),
                reason: format!("HTTP {status}"),
            }));
        }
        let declared = response
            .headers()
            .get("content-length")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let body = match response
            .body_mut()
            .with_config()
            .limit(self.config.max_body_bytes)
            .read_to_vec()
        {
            Ok(body) => body,
            Err(ureq::Error::BodyExceedsLimit(limit)) => {
                return Err(Attempt::Final(FetchError::Request {
                    url: url.to_string(),
                    reason: format!("the body is over the {limit}-byte limit"),
                }))
            }
            Err(err) => return Err(transient(format!("reading the body: {err}"))),
        };
        if let Some(declared) = declared {
            if (body.len() as u64) < declared {
                return Err(transient(format!(
                    "truncated body: {} of {declared} bytes",
                    body.len()
                )));
            }
        }
        Ok(body)
    }
}

/// Sorts a transport error into retryable or final.
fn classify(url: &str, err: ureq::Error) -> Attempt {
    match err {
        ureq::Error::Timeout(_)
        | ureq::Error::Io(_)
        | ureq::Error::ConnectionFailed
        | ureq::Error::HostNotFound
        | ureq::Error::Protocol(_) => Attempt::Transient {
            reason: err.to_string(),
            wait: None,
        },
        other => Attempt::Final(FetchError::Request {
            url: url.to_string(),
            reason: other.to_string(),
        }),
    }
}

/// The backoff before retry number `attempt + 1`: a random point between half and all of
/// `backoff * 2^attempt`, capped at `max_backoff` (jitter keeps many clients from retrying in step).
fn backoff(config: &ClientConfig, attempt: u32) -> Duration {
    let full = config
        .backoff
        .saturating_mul(1u32 << attempt.min(20))
        .min(config.max_backoff);
    let half = full / 2;
    half + full.mul_f64(fastrand::f64() * 0.5)
}

/// `Retry-After` as seconds (`120`) or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let seconds = date.timestamp() - crate::unix_now();
    Some(Duration::from_secs(u64::try_from(seconds).unwrap_or(0)))
}

/// Spaces request starts at least `1 / rate` seconds apart over all threads.
struct Pacer {
    interval: Option<Duration>,
    next: Mutex<Option<Instant>>,
}

impl Pacer {
    fn new(rate: f64) -> Pacer {
        // However small the rate, no gap is longer than an hour (and none overflows).
        const LONGEST: Duration = Duration::from_secs(3600);
        let interval = (rate.is_finite() && rate > 0.0).then(|| {
            Duration::try_from_secs_f64(1.0 / rate)
                .unwrap_or(LONGEST)
                .min(LONGEST)
        });
        Pacer {
            interval,
            next: Mutex::new(None),
        }
    }

    fn wait(&self) {
        let Some(interval) = self.interval else {
            return;
        };
        let slot = {
            let Ok(mut next) = self.next.lock() else {
                return;
            };
            let now = Instant::now();
            let slot = next.map_or(now, |n| n.max(now));
            *next = Some(slot + interval);
            slot
        };
        let now = Instant::now();
        if slot > now {
            std::thread::sleep(slot - now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_in_both_shapes() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn backoff_grows_with_jitter_and_cap() {
        let config = ClientConfig {
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            ..ClientConfig::default()
        };
        for attempt in 0..8 {
            let full = (100u64 << attempt).min(1000);
            let delay = backoff(&config, attempt).as_millis() as u64;
            assert!(
                delay >= full / 2 && delay <= full,
                "{attempt}: {delay} not in {}..={full}",
                full / 2
            );
        }
    }

    #[test]
    fn pacer_spaces_starts() {
        let pacer = Pacer::new(1000.0);
        let start = Instant::now();
        for _ in 0..5 {
            pacer.wait();
        }
        // Five starts at 1 ms spacing take at least 4 ms.
        assert!(start.elapsed() >= Duration::from_millis(4));
        let unlimited = Pacer::new(0.0);
        assert!(unlimited.interval.is_none());
        assert_eq!(Pacer::new(1e-300).interval, Some(Duration::from_secs(3600)));
    }
}
