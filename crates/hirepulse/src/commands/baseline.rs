//! `hirepulse baseline build --out PATH [--corpus DIR]` writes the compact baseline (the
//! extracted postings' report fields, no text) from the `--db` store, with its provenance;
//! `hirepulse baseline info` prints the provenance of the baseline built into this binary.
//!
//! The provenance records what a reader needs to rebuild and check the file: the command, the
//! corpus directory and its file count (when `--corpus` names it), the posting count, the
//! extractor version of the binary and of the stored facts, and the store's content digest
//! (`hirepulse status --digest`). No time is written, so rebuilding from the same store gives
//! the same bytes.

use super::snapshot::open_store;
use hirepulse_reports::Baseline;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub command: Sub,
}

#[derive(Debug, clap::Subcommand)]
pub enum Sub {
    /// Write the baseline of the `--db` store to a file.
    Build(BuildArgs),
    /// Print the provenance and size of the built-in baseline.
    Info,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// The file to write (e.g. data/baseline/hn-baseline.tsv).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// The corpus directory the store was ingested from, recorded in the provenance with its
    /// count of files.
    #[arg(long, value_name = "DIR")]
    pub corpus: Option<PathBuf>,
    /// Pay datasets to read into the `--db` store first (as `hirepulse ingest-pay DIR` does),
    /// e.g. ../shared/pay; the baseline then carries the store's usable pay records.
    #[arg(long, value_name = "DIR")]
    pub pay: Option<PathBuf>,
}

pub fn run(cli: &crate::Cli, args: &Args) -> anyhow::Result<u8> {
    match &args.command {
        Sub::Build(build) => run_build(cli, build),
        Sub::Info => run_info(),
    }
}

fn run_build(cli: &crate::Cli, args: &BuildArgs) -> anyhow::Result<u8> {
    let mut store = open_store(cli)?;
    let mut pay_errors = 0u64;
    if let Some(dir) = &args.pay {
        let summaries = hirepulse_pipeline::pay_ingest::ingest_pay(
            &mut store,
            &[dir.display().to_string()],
            &mut |err| {
                pay_errors += 1;
                eprintln!("{err}");
            },
        )?;
        eprintln!(
            "hirepulse: read {} pay records from {} files of {}",
            summaries.iter().map(|s| s.records).sum::<u64>(),
            summaries.len(),
            dir.display()
        );
    }
    let status = store.status()?;
    let digest = store.digest()?;
    let corpus = match &args.corpus {
        Some(dir) => format!("{} ({} files)", dir.display(), count_files(dir)?),
        None => "(not named: pass --corpus DIR)".into(),
    };
    let stored_versions: Vec<String> = status
        .facts_by_extractor_version
        .iter()
        .map(|v| format!("version {}: {} postings", v.extractor_version, v.postings))
        .collect();
    let mut command = String::from("hirepulse --db STORE baseline build --out ");
    command.push_str(&args.out.display().to_string());
    if let Some(dir) = &args.corpus {
        command.push_str(&format!(" --corpus {}", dir.display()));
    }
    if let Some(dir) = &args.pay {
        command.push_str(&format!(" --pay {}", dir.display()));
    }
    let mut provenance = vec![
        ("built_by".to_string(), command),
        ("corpus".to_string(), corpus),
        (
            "extractor_version".to_string(),
            hirepulse_extract::EXTRACTOR_VERSION.to_string(),
        ),
        ("stored_facts".to_string(), stored_versions.join("; ")),
        ("store_postings".to_string(), status.postings.to_string()),
        ("store_digest".to_string(), digest),
    ];
    let pay_counts: Vec<String> = store
        .pay_record_counts()?
        .iter()
        .map(|c| {
            let years = match (c.first_year, c.last_year) {
                (Some(first), Some(last)) => format!(", {first}-{last}"),
                _ => ", undated".into(),
            };
            format!("{} {} usable of {}{years}", c.dataset, c.usable, c.records)
        })
        .collect();
    provenance.push((
        "pay_source".to_string(),
        match &args.pay {
            Some(dir) => format!("{} ({} files)", dir.display(), count_pay_files(dir)),
            None => "(the store's pay records; pass --pay DIR to read them first)".into(),
        },
    ));
    provenance.push(("pay_datasets".to_string(), pay_counts.join("; ")));
    // What grouped postings into jobs (`--count unique`), so the cluster field can be checked.
    let clusters = store.cluster_counts()?;
    provenance.push((
        "dedup".to_string(),
        format!(
            "version {}: {} postings clustered into {} jobs; cluster digest {}",
            hirepulse_dedup::DEDUP_VERSION,
            clusters.postings,
            clusters.clusters,
            store.cluster_digest()?
        ),
    ));
    let baseline = Baseline::from_source(&store, Vec::new())?;
    provenance.push(("postings".to_string(), baseline.postings.len().to_string()));
    provenance.push(("pay_records".to_string(), baseline.pay.len().to_string()));
    let baseline = Baseline {
        provenance,
        ..baseline
    };
    let file = std::fs::File::create(&args.out)
        .map_err(|err| anyhow::anyhow!("cannot create {}: {err}", args.out.display()))?;
    let mut out = std::io::BufWriter::new(file);
    baseline
        .write(&mut out)
        .and_then(|()| out.flush())
        .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", args.out.display()))?;
    let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
    let sidecar = args
        .out
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("PROVENANCE.md");
    std::fs::write(&sidecar, provenance_markdown(&baseline, &args.out, size))
        .map_err(|err| anyhow::anyhow!("cannot write {}: {err}", sidecar.display()))?;
    eprintln!(
        "hirepulse: wrote {} postings and {} pay records to {} ({size} bytes) and {}",
        baseline.postings.len(),
        baseline.pay.len(),
        args.out.display(),
        sidecar.display()
    );
    Ok(if pay_errors > 0 {
        crate::exit::RECORD_ERRORS
    } else {
        crate::exit::OK
    })
}

/// The sidecar: what the file is, where it came from, and how to rebuild it.
fn provenance_markdown(baseline: &Baseline, out: &Path, size: u64) -> String {
    let name = out.file_name().map_or_else(
        || out.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut text = format!(
        "# Built-in baseline: provenance\n\n\
         `{name}` is the compact baseline `hirepulse snapshot`, `compare`, `trend`, `pay` and\n\
         `skills` read when no store exists (it is embedded in the binary at compile time). It holds\n\
         the report fields of every extracted posting (month, company, US eligibility, languages,\n\
         technologies, lanes, seniority, countries, work mode, employment, usable annual-USD pay\n\
         ranges) and no posting text, and the usable pay-dataset records (dataset, year, lane,\n\
         level, country, language, annual USD, base or total comp, survey or official statistics;\n\
         no titles); the format is described in\n\
         `crates/hirepulse-reports/src/baseline.rs`. This file is written by `hirepulse baseline\n\
         build`; do not edit it by hand.\n\n\
         | field | value |\n|---|---|\n| file | `{name}` ({size} bytes, {} postings) |\n",
        baseline.postings.len()
    );
    for (key, value) in &baseline.provenance {
        text.push_str(&format!("| {key} | `{}` |\n", value.replace('|', "\\|")));
    }
    text.push_str(
        "\n## Rebuild\n\n\
         From the repository root, after the last extractor change (a fresh store, so no facts of\n\
         an older extractor remain):\n\n```sh\n\
         cargo build --release\n\
         rm -f /tmp/bl.db /tmp/bl.db-wal /tmp/bl.db-shm\n\
         ./target/release/hirepulse --db /tmp/bl.db ingest ../shared/corpus/hn\n\
         ./target/release/hirepulse --db /tmp/bl.db baseline build --out data/baseline/hn-baseline.tsv --corpus ../shared/corpus/hn --pay ../shared/pay\n\
         cargo build --release   # embeds the new file\n\
         ./target/release/hirepulse --db /tmp/bl.db status --digest   # equals store_digest above\n\
         ./target/release/hirepulse --db /tmp/bl.db dedup --digest    # equals the dedup cluster digest\n\
         ```\n\n\
         The same report on that store (`--db /tmp/bl.db`) and on the built-in baseline gives the\n\
         same figures; only the `data_source` line naming the baseline differs.\n",
    );
    text
}

fn run_info() -> anyhow::Result<u8> {
    let baseline = Baseline::embedded()?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    writeln!(out, "{}", baseline.provenance_line())?;
    for (key, value) in &baseline.provenance {
        writeln!(out, "{key}: {value}")?;
    }
    writeln!(
        out,
        "size: {} bytes, {} postings",
        hirepulse_reports::baseline::EMBEDDED.len(),
        baseline.postings.len()
    )?;
    Ok(crate::exit::OK)
}

/// Dataset files (.csv, .xlsx) under `dir`, as `ingest-pay` reads them.
fn count_pay_files(dir: &Path) -> usize {
    hirepulse_pipeline::pay_ingest::pay_inputs(&[dir.display().to_string()]).map_or(0, |f| f.len())
}

/// Files directly in `dir` (the corpus is one file per month).
fn count_files(dir: &Path) -> anyhow::Result<usize> {
    let entries = std::fs::read_dir(dir).map_err(|err| {
        anyhow::anyhow!("cannot read the corpus directory {}: {err}", dir.display())
    })?;
    let mut count = 0;
    for entry in entries {
        let entry = entry.map_err(|err| anyhow::anyhow!("{}: {err}", dir.display()))?;
        if entry.file_type().is_ok_and(|t| t.is_file()) {
            count += 1;
        }
    }
    Ok(count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sidecar_names_the_inputs_and_the_rebuild_command() {
        let baseline = Baseline {
            provenance: vec![
                ("corpus".into(), "../shared/corpus/hn (134 files)".into()),
                ("store_digest".into(), "abc|123".into()),
            ],
            postings: Vec::new(),
            pay: Vec::new(),
        };
        let text = provenance_markdown(&baseline, Path::new("data/baseline/hn-baseline.tsv"), 42);
        assert!(text.contains("`hn-baseline.tsv` (42 bytes, 0 postings)"));
        assert!(text.contains("| corpus | `../shared/corpus/hn (134 files)` |"));
        assert!(text.contains("abc\\|123"), "pipes escaped: {text}");
        assert!(text.contains("baseline build --out data/baseline/hn-baseline.tsv"));
    }

    #[test]
    fn build_needs_an_output_path() {
        use crate::{Cli, Command};
        use clap::Parser;
        assert!(Cli::try_parse_from(["hirepulse", "baseline", "build"]).is_err());
        let cli = Cli::try_parse_from(["hirepulse", "baseline", "build", "--out", "x.tsv"])
            .unwrap_or_else(|e| panic!("{e}"));
        let Command::Baseline(Args {
            command: Sub::Build(args),
        }) = &cli.command
        else {
            panic!("not a baseline build: {cli:?}");
        };
        assert_eq!(args.out, PathBuf::from("x.tsv"));
        assert!(args.corpus.is_none());
        assert!(args.pay.is_none());
    }
}
