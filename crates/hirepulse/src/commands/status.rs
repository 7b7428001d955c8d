//! `hirepulse status`: what the store holds, as a table, JSON or CSV.
//!
//! The output depends only on stored data (counts by source, month, source x month and
//! extractor version; no times), so two stores are compared by comparing
//! `status --format json`. The hidden `--digest` prints a content digest of every posting and its
//! facts, which the kill/re-run tests compare.

use crate::output::OutputFormat;
use hirepulse_store::{Status, Store};
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutputFormat,
    /// Print only a content digest of all postings and facts (for comparing stores).
    #[arg(long, hide = true)]
    pub digest: bool,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let db = cli.db_path()?;
    if !db.exists() {
        anyhow::bail!(
            "{}: no store here yet; run `hirepulse ingest PATH...` first",
            db.display()
        );
    }
    let store = Store::open(&db)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.digest {
        writeln!(out, "{}", store.digest()?)?;
        out.flush()?;
        return Ok(crate::exit::OK);
    }
    let status = store.status()?;
    match args.format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &status)?;
            writeln!(out)?;
        }
        OutputFormat::Csv => write_csv(&mut out, &status)?,
        OutputFormat::Table => write_table(&mut out, &status)?,
    }
    out.flush()?;
    Ok(crate::exit::OK)
}

fn month_name(month: &Option<String>) -> &str {
    month.as_deref().unwrap_or("unknown")
}

/// One row per count: `group,source,month,extractor_version,postings`.
fn write_csv(out: &mut dyn Write, status: &Status) -> std::io::Result<()> {
    writeln!(out, "group,source,month,extractor_version,postings")?;
    writeln!(out, "total,,,,{}", status.postings)?;
    for row in &status.by_source {
        writeln!(out, "source,{},,,{}", csv_field(&row.source), row.postings)?;
    }
    for row in &status.by_month {
        writeln!(out, "month,,{},,{}", month_name(&row.month), row.postings)?;
    }
    for row in &status.by_source_month {
        writeln!(
            out,
            "source_month,{},{},,{}",
            csv_field(&row.source),
            month_name(&row.month),
            row.postings
        )?;
    }
    for row in &status.facts_by_extractor_version {
        writeln!(out, "facts,,,{},{}", row.extractor_version, row.postings)?;
    }
    writeln!(out, "without_facts,,,,{}", status.without_facts)?;
    writeln!(out, "with_pay_evidence,,,,{}", status.with_pay_evidence)
}

fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// A summary, then months as rows with one column per source.
fn write_table(out: &mut dyn Write, status: &Status) -> std::io::Result<()> {
    writeln!(out, "{:<22} {}", "postings", status.postings)?;
    for row in &status.by_source {
        writeln!(out, "{:<22} {}", format!("  {}", row.source), row.postings)?;
    }
    for row in &status.facts_by_extractor_version {
        let label = format!("facts, extractor v{}", row.extractor_version);
        writeln!(out, "{label:<22} {}", row.postings)?;
    }
    writeln!(out, "{:<22} {}", "without facts", status.without_facts)?;
    writeln!(
        out,
        "{:<22} {}",
        "with pay evidence", status.with_pay_evidence
    )?;
    if status.by_month.is_empty() {
        return Ok(());
    }
    let sources: Vec<&str> = status.by_source.iter().map(|s| s.source.as_str()).collect();
    let mut cells: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for row in &status.by_source_month {
        cells.insert((month_name(&row.month), row.source.as_str()), row.postings);
    }
    let width = sources.iter().map(|s| s.len()).max().unwrap_or(0).max(7);
    writeln!(out)?;
    write!(out, "{:<8}", "month")?;
    for source in &sources {
        write!(out, " {source:>width$}")?;
    }
    writeln!(out, " {:>width$}", "total")?;
    for row in &status.by_month {
        let month = month_name(&row.month);
        write!(out, "{month:<8}")?;
        for source in &sources {
            let n = cells.get(&(month, *source)).copied().unwrap_or(0);
            write!(out, " {n:>width$}")?;
        }
        writeln!(out, " {:>width$}", row.postings)?;
    }
    Ok(())
}
