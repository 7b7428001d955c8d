//! Helpers shared by the integration tests: running the binary, reading `status`, generating HN
//! item files, and finding `../shared` (tests that need it skip with a message when it is absent).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A `hirepulse` command with `--db` set.
pub fn hirepulse(db: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hirepulse"));
    command.arg("--db").arg(db);
    command
}

/// Runs `hirepulse --db DB ARGS...` to completion.
pub fn run(db: &Path, args: &[&str]) -> Output {
    hirepulse(db)
        .args(args)
        .output()
        .expect("the hirepulse binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The `../shared/corpus/hn` folder, or `None` (with a message) when it is absent.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/hn");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "skipped: {} is absent (the shared corpus is needed for this test)",
            dir.display()
        );
        None
    }
}

/// The counts of an ingest summary line: `new N / updated N / unchanged N / skipped N (...) /
/// errors N in 1.23s`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub new: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub skipped: u64,
    pub deleted: u64,
    pub duplicate: u64,
    pub errors: u64,
}

pub fn counts(output: &Output) -> Counts {
    let text = stdout(output);
    let line = text
        .lines()
        .find(|l| l.starts_with("new "))
        .unwrap_or_else(|| panic!("no summary line in {text:?}; stderr {}", stderr(output)));
    let number_after = |word: &str| -> u64 {
        let start = line
            .find(&format!("{word} "))
            .unwrap_or_else(|| panic!("{word} missing in {line}"))
            + word.len()
            + 1;
        line[start..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no number after {word} in {line}"))
    };
    Counts {
        new: number_after("new"),
        updated: number_after("updated"),
        unchanged: number_after("unchanged"),
        skipped: number_after("skipped"),
        deleted: number_after("deleted"),
        duplicate: number_after("duplicate"),
        errors: number_after("errors"),
    }
}

/// `status --format json`, parsed.
pub fn status_json(db: &Path) -> serde_json::Value {
    let output = run(db, &["status", "--format", "json"]);
    assert!(
        output.status.success(),
        "status failed: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).expect("status prints JSON")
}

/// `status --digest`.
pub fn digest(db: &Path) -> String {
    let output = run(db, &["status", "--digest"]);
    assert!(
        output.status.success(),
        "digest failed: {}",
        stderr(&output)
    );
    stdout(&output).trim().to_string()
}

/// One HN thread line for `month` ("June 2024").
pub fn thread_line(id: u64, month: &str) -> String {
    serde_json::json!({
        "by": "whoishiring", "id": id, "kids": [], "time": 1_717_000_000,
        "title": format!("Ask HN: Who is hiring? ({month})"), "type": "story"
    })
    .to_string()
}

/// One HN comment line.
pub fn post_line(id: u64, parent: u64, text: &str) -> String {
    serde_json::json!({
        "by": "someone", "id": id, "parent": parent, "text": text,
        "time": 1_717_000_000, "type": "comment"
    })
    .to_string()
}

/// A generated HN items file with `n_posts` varied postings (about 1 KB of HTML each).
pub fn generated_thread(n_posts: u64, first_id: u64) -> String {
    let mut lines = vec![thread_line(first_id, "June 2024")];
    let languages = [
        "Rust",
        "Go",
        "Python",
        "TypeScript",
        "Java",
        "Elixir",
        "C++",
    ];
    let places = [
        "Remote (US)",
        "Berlin, Germany",
        "London, UK | Onsite",
        "NYC | Hybrid",
    ];
    for i in 0..n_posts {
        let id = first_id + 1 + i;
        let text = format!(
            "Company{i} | Senior {lang} Engineer | {place} | $1{k}0k - $1{k2}0k<p>We build \
             things with {lang} and PostgreSQL on AWS. Posting number {i}; full-time, visa \
             sponsorship available.<p>{filler}<p>Apply at <a href=\"https:&#x2F;&#x2F;example.com&#x2F;{i}\">\
             example.com&#x2F;{i}</a>",
            lang = languages[(i % 7) as usize],
            place = places[(i % 4) as usize],
            k = i % 5,
            k2 = i % 5 + 2,
            filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. ".repeat(12),
        );
        lines.push(post_line(id, first_id, &text));
        if i % 97 == 0 {
            lines.push(
                serde_json::json!({"deleted": true, "id": id + 1_000_000_000, "parent": first_id,
                "time": 1_717_000_000, "type": "comment"})
                .to_string(),
            );
        }
    }
    lines.join("\n") + "\n"
}
