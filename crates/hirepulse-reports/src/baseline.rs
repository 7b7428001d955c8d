//! The built-in baseline: the extracted postings the reports count, as figures only (no posting
//! text), in a compact versioned text file shipped in the repository and embedded in the binary,
//! so `hirepulse snapshot` works on a fresh clone with no store.
//!
//! Why postings and not aggregates: every report (snapshot, compare, trend, pay, skills) is
//! computed from one in-memory [`Population`](crate::population::Population) of
//! [`ReportPosting`]s. Shipping exactly those fields lets every report, window and filter run on
//! the baseline through the same code, so the figures are identical to the same command on the
//! store the baseline was built from — a property a test checks, and one that aggregates could
//! only keep for the reports and filters chosen in advance.
//!
//! Format (`hirepulse-baseline 3`; version 1, without the `cluster` field and the pay records, is
//! still read), UTF-8, one record per line, tab-separated:
//! - `#key<TAB>value`: provenance (the first line is `#hirepulse-baseline<TAB>1`);
//! - `S<TAB>text`: the next entry of the string table (months, companies, tag values), interned
//!   so each distinct string is written once; `\`, tab, CR and LF are escaped as `\\`, `\t`,
//!   `\r`, `\n`;
//! - `P<TAB>month<TAB>company<TAB>us<TAB>languages<TAB>technologies<TAB>lanes<TAB>seniority<TAB>
//!   countries<TAB>work_mode<TAB>employment<TAB>pay<TAB>cluster`: one posting, in the store's posting order.
//!   Strings are string-table indexes in base 36, lists are comma-separated, an empty field is
//!   `None` or an empty list; `us` is `1`, `0` or empty; `pay` is `min:max` annual USD ranges
//!   joined by `;`, each end empty when not stated, written in Rust's shortest round-trip form so
//!   parsing gives back the same `f64`; `cluster` (version 3) is empty for the first posting
//!   of its job (dedup cluster) in the file, else the base-36 1-based file position of that
//!   first posting, so `--count unique` groups exactly the postings the store groups.
//!
//! - `D` and `O` lines (format 3): the usable pay-dataset records, grouped; see
//!   [`pay_samples`](self::pay_samples). Format 1 files (postings only) still read.
//!
//! Only pay ranges a report can use are kept: those the extractor did not flag and with at least
//! one annual USD end ([`pay_midpoint`](crate::population::pay_midpoint) ignores the others).
//! Posting ids are not kept; read postings are numbered from 1 in file order.

mod pay_samples;

use crate::population::PostingSource;
use crate::ReportError;
use hirepulse_store::pay_records::{PaySample, SampleFilter};
use hirepulse_store::report_queries::{ReportPay, ReportPosting};
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::OnceLock;

/// The format version this code writes and reads.
pub const FORMAT_VERSION: u32 = 3;
/// Older versions this code still reads.
/// (Version 2 was two unreleased branch formats, one with the cluster field and one with pay
/// records; version 3 has both.)
const READS_VERSIONS: [u32; 2] = [1, 3];
/// The format's first line key.
const MAGIC: &str = "hirepulse-baseline";
/// Fields of a `P` line, the tag included, by format version (1, 2).
const POSTING_FIELDS_V1: usize = 12;
const POSTING_FIELDS: usize = 13;

/// The baseline shipped in the repository, embedded at compile time.
pub const EMBEDDED: &str = include_str!("../../../data/baseline/hn-baseline.tsv");
/// Its path in the repository, for messages.
pub const EMBEDDED_PATH: &str = "data/baseline/hn-baseline.tsv";

/// Why a baseline file could not be read: the line and what was wrong with it.
#[derive(Debug, Clone, thiserror::Error, PartialEq, Eq)]
#[error("baseline line {line}: {why}")]
pub struct BaselineError {
    pub line: usize,
    pub why: String,
}

/// A baseline: provenance and the postings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    /// `key, value` pairs from the header, in order (without the format line).
    pub provenance: Vec<(String, String)>,
    /// In the order they were written.
    pub postings: Vec<ReportPosting>,
    /// The usable pay-dataset records (empty in a format-1 file).
    pub pay: Vec<PaySample>,
}

impl Baseline {
    /// Every posting of `source` (all months, with technologies), usable pay ranges only.
    pub fn from_source<S: PostingSource + ?Sized>(
        source: &S,
        provenance: Vec<(String, String)>,
    ) -> Result<Baseline, ReportError> {
        let Some((first, last)) = source.month_range()? else {
            return Err(ReportError::NoData);
        };
        let mut postings = source.postings(&first, &last, true)?;
        for posting in &mut postings {
            posting.pay.retain(|p| {
                p.flag.is_none() && (p.annual_usd_min.is_some() || p.annual_usd_max.is_some())
            });
        }
        let pay = source.pay_samples(&SampleFilter::default())?;
        Ok(Baseline {
            provenance,
            postings,
            pay,
        })
    }

    /// The value of provenance `key`, if present.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.provenance
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// One line saying where the figures come from, for report headers.
    pub fn provenance_line(&self) -> String {
        let part = |key: &str| self.get(key).unwrap_or("?").to_string();
        let mut line = format!(
            "built-in baseline {EMBEDDED_PATH}: {} postings from {}, extractor version {}, store digest {}",
            self.postings.len(),
            part("corpus"),
            part("extractor_version"),
            part("store_digest"),
        );
        if !self.pay.is_empty() {
            line.push_str(&format!(
                "; {} pay-dataset records from {}",
                self.pay.len(),
                part("pay_source")
            ));
        }
        line
    }

    /// Writes the baseline in the text format above.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "#{MAGIC}\t{FORMAT_VERSION}")?;
        for (key, value) in &self.provenance {
            writeln!(out, "#{}\t{}", escape(key), escape(value))?;
        }
        let mut table = Interner::default();
        let mut line = String::new();
        // cluster id -> 1-based file position of its first posting.
        let mut first_of_cluster: HashMap<i64, usize> = HashMap::new();
        for (index, posting) in self.postings.iter().enumerate() {
            line.clear();
            line.push('P');
            let month = table.id(&posting.month, out)?;
            push_field(&mut line, &month);
            let company = match &posting.company {
                Some(company) => table.id(company, out)?,
                None => String::new(),
            };
            push_field(&mut line, &company);
            push_field(
                &mut line,
                match posting.us_eligible {
                    Some(true) => "1",
                    Some(false) => "0",
                    None => "",
                },
            );
            for list in [
                &posting.languages,
                &posting.technologies,
                &posting.lanes,
                &posting.seniority,
                &posting.countries,
                &posting.work_mode,
                &posting.employment,
            ] {
                let ids = list
                    .iter()
                    .map(|value| table.id(value, out))
                    .collect::<io::Result<Vec<_>>>()?;
                push_field(&mut line, &ids.join(","));
            }
            let pay: Vec<String> = posting
                .pay
                .iter()
                .map(|p| format!("{}:{}", number(p.annual_usd_min), number(p.annual_usd_max)))
                .collect();
            push_field(&mut line, &pay.join(";"));
            // The key reports group by (`population::count_once`): a posting without a
            // cluster is its own job.
            let key = posting.cluster_id.unwrap_or(posting.posting_id);
            let cluster = match first_of_cluster.get(&key) {
                Some(first) => base36(*first),
                None => {
                    first_of_cluster.insert(key, index + 1);
                    String::new()
                }
            };
            push_field(&mut line, &cluster);
            writeln!(out, "{line}")?;
        }
        pay_samples::write(&self.pay, &mut table, out)?;
        Ok(())
    }

    /// Reads a baseline written by [`Baseline::write`]. Rejects another format version, an
    /// unknown record, a bad index or number, and a wrong field count, naming the line.
    pub fn parse(text: &str) -> Result<Baseline, BaselineError> {
        let mut baseline = Baseline::default();
        let mut table: Vec<String> = Vec::new();
        let mut seen_magic = false;
        let mut version = FORMAT_VERSION;
        for (index, raw) in text.lines().enumerate() {
            let line = index + 1;
            let bad = |why: String| BaselineError { line, why };
            if raw.is_empty() {
                continue;
            }
            if !seen_magic {
                let found = raw
                    .strip_prefix('#')
                    .and_then(|rest| rest.split_once('\t'))
                    .filter(|(key, _)| *key == MAGIC)
                    .map(|(_, version)| version.trim())
                    .ok_or_else(|| {
                        bad(format!("not a baseline: the first line is not #{MAGIC}"))
                    })?;
                version = READS_VERSIONS
                    .into_iter()
                    .find(|v| v.to_string() == found)
                    .ok_or_else(|| {
                        bad(format!(
                            "format version {found:?}; this build reads versions 1 and {FORMAT_VERSION}"
                        ))
                    })?;
                seen_magic = true;
                continue;
            }
            if let Some(rest) = raw.strip_prefix('#') {
                let (key, value) = rest.split_once('\t').unwrap_or((rest, ""));
                baseline
                    .provenance
                    .push((unescape(key).map_err(bad)?, unescape(value).map_err(bad)?));
            } else if let Some(text) = raw.strip_prefix("S\t") {
                table.push(unescape(text).map_err(bad)?);
            } else if raw.starts_with("P\t") {
                let posting =
                    parse_posting(raw, &table, baseline.postings.len(), version).map_err(bad)?;
                baseline.postings.push(posting);
            } else if raw.starts_with("D\t") || raw.starts_with("O\t") {
                pay_samples::parse(raw, &table, &mut baseline.pay).map_err(bad)?;
            } else {
                let start: String = raw.chars().take(20).collect();
                return Err(bad(format!("unknown record {start:?}")));
            }
        }
        if !seen_magic {
            return Err(BaselineError {
                line: 0,
                why: format!("empty: no #{MAGIC} line"),
            });
        }
        Ok(baseline)
    }

    /// The baseline embedded in this binary, parsed once.
    pub fn embedded() -> Result<&'static Baseline, ReportError> {
        static PARSED: OnceLock<Result<Baseline, BaselineError>> = OnceLock::new();
        PARSED
            .get_or_init(|| Baseline::parse(EMBEDDED))
            .as_ref()
            .map_err(|err| ReportError::Baseline(err.clone()))
    }
}

impl PostingSource for Baseline {
    fn month_range(&self) -> Result<Option<(String, String)>, ReportError> {
        let mut months = self.postings.iter().map(|p| p.month.as_str());
        let Some(first) = months.next() else {
            return Ok(None);
        };
        let (low, high) = months.fold((first, first), |(low, high), month| {
            (low.min(month), high.max(month))
        });
        Ok(Some((low.to_string(), high.to_string())))
    }

    fn postings(
        &self,
        from: &str,
        to: &str,
        technologies: bool,
    ) -> Result<Vec<ReportPosting>, ReportError> {
        Ok(self
            .postings
            .iter()
            .filter(|p| from <= p.month.as_str() && p.month.as_str() <= to)
            .map(|p| {
                let mut posting = p.clone();
                if !technologies {
                    posting.technologies.clear();
                }
                posting
            })
            .collect())
    }

    fn describe(&self) -> Option<String> {
        Some(self.provenance_line())
    }

    fn pay_samples(&self, filter: &SampleFilter) -> Result<Vec<PaySample>, ReportError> {
        Ok(self
            .pay
            .iter()
            .filter(|s| filter.accepts(s))
            .cloned()
            .collect())
    }
}

/// Assigns string-table ids, writing an `S` line the first time a string is seen.
#[derive(Default)]
struct Interner {
    ids: HashMap<String, usize>,
}

impl Interner {
    fn id(&mut self, text: &str, out: &mut dyn Write) -> io::Result<String> {
        if let Some(id) = self.ids.get(text) {
            return Ok(base36(*id));
        }
        let id = self.ids.len();
        writeln!(out, "S\t{}", escape(text))?;
        self.ids.insert(text.to_string(), id);
        Ok(base36(id))
    }
}

fn push_field(line: &mut String, field: &str) {
    line.push('\t');
    line.push_str(field);
}

fn number(value: Option<f64>) -> String {
    value.map_or(String::new(), |v| v.to_string())
}

fn base36(mut n: usize) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[n % 36]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('\\') => out.push('\\'),
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            other => {
                return Err(format!(
                    "bad escape \\{}",
                    other.map_or(String::new(), String::from)
                ))
            }
        }
    }
    Ok(out)
}

/// The string-table entry a base-36 `id` names.
fn table_string(table: &[String], id: &str) -> Result<String, String> {
    usize::from_str_radix(id, 36)
        .ok()
        .and_then(|i| table.get(i))
        .cloned()
        .ok_or_else(|| {
            format!(
                "{id:?} is not a string-table index (table has {})",
                table.len()
            )
        })
}

fn parse_posting(
    raw: &str,
    table: &[String],
    index: usize,
    version: u32,
) -> Result<ReportPosting, String> {
    let fields: Vec<&str> = raw.split('\t').collect();
    let expected = if version == 1 {
        POSTING_FIELDS_V1
    } else {
        POSTING_FIELDS
    };
    if fields.len() != expected {
        return Err(format!(
            "a version {version} posting has {expected} fields, this line {}",
            fields.len()
        ));
    }
    let cluster_id = match fields.get(12).copied().unwrap_or("") {
        "" => None,
        field => {
            let first = usize::from_str_radix(field, 36)
                .ok()
                .filter(|first| (1..=index).contains(first))
                .ok_or_else(|| {
                    format!("cluster {field:?} is not the position of an earlier posting")
                })?;
            Some(i64::try_from(first).map_err(|_| format!("cluster {field:?} is too large"))?)
        }
    };
    let string = |id: &str| table_string(table, id);
    let list = |field: &str| -> Result<Vec<String>, String> {
        if field.is_empty() {
            return Ok(Vec::new());
        }
        field.split(',').map(string).collect()
    };
    let us_eligible = match fields[3] {
        "1" => Some(true),
        "0" => Some(false),
        "" => None,
        other => return Err(format!("us_eligible {other:?} is not 1, 0 or empty")),
    };
    let pay = if fields[11].is_empty() {
        Vec::new()
    } else {
        fields[11]
            .split(';')
            .map(parse_pay)
            .collect::<Result<Vec<_>, _>>()?
    };
    Ok(ReportPosting {
        posting_id: i64::try_from(index).map_or(i64::MAX, |i| i.saturating_add(1)),
        month: string(fields[1])?,
        company: if fields[2].is_empty() {
            None
        } else {
            Some(string(fields[2])?)
        },
        us_eligible,
        languages: list(fields[4])?,
        technologies: list(fields[5])?,
        lanes: list(fields[6])?,
        seniority: list(fields[7])?,
        countries: list(fields[8])?,
        work_mode: list(fields[9])?,
        employment: list(fields[10])?,
        pay,
        cluster_id,
    })
}

fn parse_pay(range: &str) -> Result<ReportPay, String> {
    let (min, max) = range
        .split_once(':')
        .ok_or_else(|| format!("pay range {range:?} is not min:max"))?;
    let end = |value: &str| -> Result<Option<f64>, String> {
        if value.is_empty() {
            return Ok(None);
        }
        value
            .parse::<f64>()
            .map(Some)
            .map_err(|_| format!("pay {value:?} is not a number"))
    };
    Ok(ReportPay {
        annual_usd_min: end(min)?,
        annual_usd_max: end(max)?,
        flag: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Baseline {
        Baseline {
            provenance: vec![
                ("corpus".into(), "synthetic\twith a tab".into()),
                ("postings".into(), "2".into()),
            ],
            postings: vec![
                ReportPosting {
                    posting_id: 1,
                    month: "2024-01".into(),
                    company: Some("Acme, Inc.\\ \n".into()),
                    us_eligible: Some(true),
                    languages: vec!["rust".into(), "c++".into()],
                    technologies: vec!["postgres".into()],
                    lanes: vec!["backend".into()],
                    seniority: vec!["senior".into()],
                    countries: vec!["US".into()],
                    work_mode: vec!["remote".into()],
                    employment: vec!["full_time".into()],
                    pay: vec![
                        ReportPay {
                            annual_usd_min: Some(123_456.789_012_345),
                            annual_usd_max: None,
                            flag: None,
                        },
                        ReportPay {
                            annual_usd_min: Some(0.1 + 0.2),
                            annual_usd_max: Some(1e300),
                            flag: None,
                        },
                    ],
                    cluster_id: None,
                },
                ReportPosting {
                    posting_id: 2,
                    month: "2023-12".into(),
                    us_eligible: Some(false),
                    languages: vec!["rust".into()],
                    // The same job as posting 1.
                    cluster_id: Some(1),
                    ..ReportPosting::default()
                },
            ],
            pay: vec![
                PaySample {
                    dataset: "levelsfyi".into(),
                    lane: Some("backend".into()),
                    level: Some("senior".into()),
                    country: Some("US".into()),
                    annual_usd: 250_000.5,
                    pay_kind: "total_comp".into(),
                    kind: "survey".into(),
                    ..PaySample::default()
                },
                PaySample {
                    dataset: "eu_it_survey_2020".into(),
                    year: Some(2020),
                    language: Some("rust".into()),
                    annual_usd: 80_000.0,
                    pay_kind: "base".into(),
                    kind: "survey".into(),
                    ..PaySample::default()
                },
                PaySample {
                    dataset: "bls_oews".into(),
                    year: Some(2024),
                    lane: Some("backend".into()),
                    country: Some("US".into()),
                    annual_usd: 133_080.0,
                    pay_kind: "base".into(),
                    kind: "official_statistics".into(),
                    published: Some(hirepulse_store::pay_records::Published {
                        occupation: "15-1252 Software\tDevelopers".into(),
                        employment: Some(1_654_440),
                        p10: Some(79_000.0),
                        p25: None,
                        p75: Some(170_000.0),
                        p90: None,
                    }),
                    ..PaySample::default()
                },
                PaySample {
                    dataset: "levelsfyi".into(),
                    lane: Some("backend".into()),
                    level: Some("senior".into()),
                    country: Some("US".into()),
                    annual_usd: 0.1 + 0.2,
                    pay_kind: "total_comp".into(),
                    kind: "survey".into(),
                    ..PaySample::default()
                },
            ],
        }
    }

    /// Pay samples come back as the same multiset (grouping may reorder them).
    fn sorted_pay(b: &Baseline) -> Vec<String> {
        let mut out: Vec<String> = b.pay.iter().map(|s| format!("{s:?}")).collect();
        out.sort();
        out
    }

    #[test]
    fn write_then_parse_gives_the_same_baseline() {
        let baseline = sample();
        let mut bytes = Vec::new();
        baseline.write(&mut bytes).unwrap_or_else(|e| panic!("{e}"));
        let text = String::from_utf8(bytes).unwrap_or_else(|e| panic!("{e}"));
        let back = Baseline::parse(&text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(sorted_pay(&back), sorted_pay(&baseline));
        assert_eq!(back.postings, baseline.postings);
        assert_eq!(back.provenance, baseline.provenance);
        // The two levels.fyi records share one group line.
        assert_eq!(text.lines().filter(|l| l.starts_with("D\t")).count(), 2);
        assert_eq!(text.lines().filter(|l| l.starts_with("O\t")).count(), 1);
        let only_rust = back
            .pay_samples(&SampleFilter {
                languages: Some(vec!["rust".into()]),
                ..SampleFilter::default()
            })
            .unwrap_or_default();
        assert_eq!(only_rust.len(), 1);
        assert_eq!(
            back.month_range().ok().flatten(),
            Some(("2023-12".into(), "2024-01".into()))
        );
        let january = back
            .postings("2024-01", "2024-01", false)
            .unwrap_or_default();
        assert_eq!(january.len(), 1);
        assert!(january[0].technologies.is_empty());
        // "rust" is interned once.
        assert_eq!(text.matches("S\trust\n").count(), 1);
    }

    #[test]
    fn bad_files_name_the_line() {
        let err = |text: &str| Baseline::parse(text).err();
        assert_eq!(err("").map(|e| e.line), Some(0));
        assert!(err("P\t0").is_some_and(|e| e.line == 1));
        assert!(err("#hirepulse-baseline\t2\n").is_some_and(|e| e.why.contains("version")));
        // Version 2 has the cluster field; it must name an earlier posting.
        let v2 = "#hirepulse-baseline\t3\nS\t2024-01\n";
        let two = |cluster: &str| {
            Baseline::parse(&format!(
                "{v2}P\t0\t\t\t\t\t\t\t\t\t\t\t\nP\t0\t\t\t\t\t\t\t\t\t\t\t{cluster}\n"
            ))
        };
        assert_eq!(two("1").map(|b| b.postings[1].cluster_id), Ok(Some(1)));
        for bad in ["2", "0", "zz", "-"] {
            assert!(
                two(bad).is_err_and(|e| e.line == 4 && e.why.contains("cluster")),
                "{bad}"
            );
        }
        assert!(Baseline::parse(&format!("{v2}P\t0\t\t\t\t\t\t\t\t\t\t\n"))
            .is_err_and(|e| e.why.contains("13 fields")));
        let head = "#hirepulse-baseline\t1\nS\t2024-01\n";
        for (body, needle) in [
            ("P\t0\n", "fields"),
            ("P\t9\t\t\t\t\t\t\t\t\t\t\n", "index"),
            ("P\t0\t\t2\t\t\t\t\t\t\t\t\n", "us_eligible"),
            ("P\t0\t\t\t\t\t\t\t\t\t\tabc\n", "min:max"),
            ("P\t0\t\t\t\t\t\t\t\t\t\tx:1\n", "number"),
            ("X\tfoo\n", "unknown record"),
            ("D\t0\t\t\t\t\t\t0\t0\t\n", "no amounts"),
            ("D\t0\tyear\t\t\t\t\t0\t0\t1\n", "year"),
            ("D\t0\t\t\t\t\t\t0\t0\tx\n", "number"),
            ("O\t0\t\t\t\t\t\t0\t0\t1\n", "fields"),
            ("S\tbad\\q\n", "escape"),
        ] {
            let text = format!("{head}{body}");
            let error = err(&text);
            assert!(
                error
                    .as_ref()
                    .is_some_and(|e| e.line == 3 && e.why.contains(needle)),
                "{body:?}: {error:?}"
            );
        }
        let ok = Baseline::parse(&format!("{head}P\t0\t\t\t\t\t\t\t\t\t\t:5\n"));
        assert_eq!(
            ok.map(|b| b.postings[0].pay[0].annual_usd_max),
            Ok(Some(5.0))
        );
    }

    #[test]
    fn base36_ids() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(usize::from_str_radix(&base36(123_456), 36), Ok(123_456));
    }
}
