//! `hirepulse snapshot [LANG...]`: the measured language career table (see `hirepulse-reports`).
//!
//! Also holds the window, filter and format flags `compare` shares, turned into a checked
//! report config before the store is opened.

use hirepulse_reports::config::{parse_month, MonthWindow};
use hirepulse_reports::population::PostingSource;
use hirepulse_reports::{Baseline, Filters, Format, SnapshotConfig};
use hirepulse_store::Store;
use std::io::Write;

/// Output format of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Table,
    Markdown,
    Csv,
    Json,
}

impl From<ReportFormat> for Format {
    fn from(format: ReportFormat) -> Self {
        match format {
            ReportFormat::Table => Format::Table,
            ReportFormat::Markdown => Format::Markdown,
            ReportFormat::Csv => Format::Csv,
            ReportFormat::Json => Format::Json,
        }
    }
}

/// Window, filters and format, shared by the report commands.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// First month of the window, YYYY-MM [default: 11 months before --until; for trend, the
    /// first month with data].
    #[arg(long, value_name = "YYYY-MM")]
    pub since: Option<String>,
    /// Last month of the window, YYYY-MM [default: the last month with data].
    #[arg(long, value_name = "YYYY-MM")]
    pub until: Option<String>,
    /// Only postings in this country (two-letter code), or `us` (a US place or US-eligible remote).
    #[arg(long, value_name = "CODE")]
    pub region: Option<String>,
    /// Only postings for this level (intern, junior, mid, senior, staff, lead, manager).
    #[arg(long, value_name = "LEVEL")]
    pub seniority: Option<String>,
    /// Only postings in this career lane (e.g. backend, data, infra, ai_ml).
    #[arg(long, value_name = "LANE")]
    pub lane: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: ReportFormat,
    /// Count each job once (`unique`: reposts and cross-source copies, grouped by `hirepulse
    /// dedup`, count as one) or every `postings`.
    #[arg(long, value_enum, default_value = "unique")]
    pub count: CountArg,
}

/// `--count`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum CountArg {
    Unique,
    Postings,
}

impl ReportArgs {
    /// The checked window and filters.
    pub fn window_and_filters(&self) -> anyhow::Result<(MonthWindow, Filters)> {
        let window = MonthWindow {
            since: self
                .since
                .as_deref()
                .map(|m| parse_month("--since", m))
                .transpose()?,
            until: self
                .until
                .as_deref()
                .map(|m| parse_month("--until", m))
                .transpose()?,
        };
        let mut filters = Filters::parse(
            self.region.as_deref(),
            self.seniority.as_deref(),
            self.lane.as_deref(),
        )?;
        filters.count = match self.count {
            CountArg::Unique => hirepulse_reports::config::CountMode::Unique,
            CountArg::Postings => hirepulse_reports::config::CountMode::Postings,
        };
        Ok((window, filters))
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Languages to report [default: python go rust].
    #[arg(value_name = "LANG")]
    pub languages: Vec<String>,
    #[command(flatten)]
    pub report: ReportArgs,
}

/// Opens the store for reading, or says how to make one.
pub fn open_store(cli: &crate::Cli) -> anyhow::Result<Store> {
    let db = cli.db_path()?;
    if !db.exists() {
        anyhow::bail!(
            "{}: no store here yet; run `hirepulse ingest PATH...` first (or pass --db PATH)",
            db.display()
        );
    }
    Ok(Store::open(&db)?)
}

/// Where a report reads postings: the store, or the built-in baseline.
pub enum Source {
    Store(Store),
    Baseline(&'static Baseline),
}

impl Source {
    pub fn get(&self) -> &dyn PostingSource {
        match self {
            Source::Store(store) => store,
            Source::Baseline(baseline) => *baseline,
        }
    }
}

/// The store, or — when `--db` is not given and the default store does not exist — the
/// baseline embedded in the binary (said on stderr; the report header says it too).
pub fn open_source(cli: &crate::Cli) -> anyhow::Result<Source> {
    if cli.db.is_none() {
        let default = dirs::data_dir().map(|dir| dir.join("hirepulse").join("hirepulse.db"));
        if !default.as_ref().is_some_and(|path| path.exists()) {
            let baseline = Baseline::embedded()?;
            if baseline.postings.is_empty() {
                anyhow::bail!(
                    "no store at {} and the built-in baseline ({}) holds no postings; pass --db PATH, or run `hirepulse ingest PATH...` first",
                    default.map_or("the default path".into(), |p| p.display().to_string()),
                    hirepulse_reports::baseline::EMBEDDED_PATH
                );
            }
            eprintln!(
                "hirepulse: no store at {}; reporting from the built-in baseline (pass --db PATH for a store)",
                default.map_or("the default path".into(), |p| p.display().to_string())
            );
            return Ok(Source::Baseline(baseline));
        }
    }
    Ok(Source::Store(open_store(cli)?))
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let (window, filters) = args.report.window_and_filters()?;
    let config = SnapshotConfig {
        window,
        filters,
        ..SnapshotConfig::default()
    }
    .with_languages(&args.languages);
    let source = open_source(cli)?;
    let snapshot = hirepulse_reports::snapshot(source.get(), &config)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    Format::from(args.report.format)
        .renderer()
        .snapshot(&snapshot, &mut out)?;
    out.flush()?;
    Ok(crate::exit::OK)
}

#[cfg(test)]
mod tests {
    use crate::{Cli, Command};
    use clap::Parser;

    fn parse(args: &[&str]) -> Cli {
        Cli::try_parse_from(args).unwrap_or_else(|err| panic!("{err}"))
    }

    #[test]
    fn snapshot_flags_become_a_checked_window_and_filters() {
        let cli = parse(&[
            "hirepulse",
            "snapshot",
            "rust",
            "Go",
            "--since",
            "2024-01",
            "--region",
            "us",
            "--lane",
            "Infra",
            "--format",
            "json",
        ]);
        let Command::Snapshot(args) = &cli.command else {
            panic!("not a snapshot: {cli:?}");
        };
        assert_eq!(args.languages, ["rust", "Go"]);
        let (window, filters) = args
            .report
            .window_and_filters()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            window.since.map(|m| m.to_string()).as_deref(),
            Some("2024-01")
        );
        assert_eq!(window.until, None);
        assert_eq!(filters.region, Some(hirepulse_reports::Region::Us));
        assert_eq!(filters.lane.as_deref(), Some("infra"));
        assert_eq!(args.report.format, super::ReportFormat::Json);

        let cli = parse(&["hirepulse", "snapshot", "--until", "2024-13"]);
        let Command::Snapshot(args) = &cli.command else {
            panic!("not a snapshot: {cli:?}");
        };
        let err = args
            .report
            .window_and_filters()
            .err()
            .map(|e| e.to_string());
        assert!(
            err.as_deref().is_some_and(|e| e.contains("--until")),
            "{err:?}"
        );
    }

    #[test]
    fn compare_needs_a_dimension_and_values() {
        let cli = parse(&[
            "hirepulse",
            "compare",
            "--by",
            "work-mode",
            "remote",
            "onsite",
            "--format",
            "csv",
        ]);
        let Command::Compare(args) = &cli.command else {
            panic!("not a compare: {cli:?}");
        };
        assert_eq!(args.by, "work-mode");
        assert_eq!(args.values, ["remote", "onsite"]);
        assert!(Cli::try_parse_from(["hirepulse", "compare", "--by", "lane"]).is_err());
        assert!(Cli::try_parse_from(["hirepulse", "compare", "data"]).is_err());
    }
}
