//! `hirepulse ingest-pay PATH...`: compensation datasets (ai-jobs/infosec/devops CSVs,
//! levels.fyi, the EU IT survey 2020, the H-1B sample, BLS OEWS xlsx) into the store's pay
//! records; each file's dataset is recognised from its header.
//!
//! The work is `hirepulse_pipeline::pay_ingest`; this module prints each malformed row as
//! `file:line: reason` (the first few, then a count), one line per file and a total, and picks
//! the exit code: 3 when some rows were malformed, as for `ingest`.

use hirepulse_pipeline::pay_ingest::ingest_pay;

/// Row errors printed one by one; the rest are counted.
const MAX_PRINTED_ERRORS: u64 = 20;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Dataset files, or folders (read recursively: every .csv and .xlsx), e.g. ../shared/pay.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    let db = cli.db_path()?;
    let mut store = hirepulse_store::Store::open(&db)?;
    let mut printed = 0u64;
    let mut on_error = |err: &hirepulse_paydata::RowError| {
        if printed < MAX_PRINTED_ERRORS {
            eprintln!("{err}");
        }
        printed += 1;
    };
    let summaries = ingest_pay(&mut store, &args.paths, &mut on_error)?;
    if printed > MAX_PRINTED_ERRORS {
        eprintln!(
            "... and {} more malformed rows",
            printed - MAX_PRINTED_ERRORS
        );
    }
    let mut total = hirepulse_pipeline::pay_ingest::PayFileSummary::default();
    for s in &summaries {
        println!(
            "{}: {} records ({} new, {} unchanged key), {} malformed, {} flagged, {} without annual USD{}",
            s.path,
            s.records,
            s.new,
            s.existing,
            s.errors,
            s.flagged,
            s.no_usd,
            s.dataset
                .as_deref()
                .map_or(String::new(), |d| format!(" [{d}]"))
        );
        total.records += s.records;
        total.new += s.new;
        total.existing += s.existing;
        total.errors += s.errors;
        total.flagged += s.flagged;
        total.no_usd += s.no_usd;
    }
    println!(
        "pay records: {} read ({} new, {} already stored), {} malformed, {} flagged, {} without annual USD",
        total.records, total.new, total.existing, total.errors, total.flagged, total.no_usd
    );
    Ok(if total.errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}
